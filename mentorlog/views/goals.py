"""The 30/60/90-day goals as a reader sees them: the list and the timeline."""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.console import RenderableType

from mentorlog.core import goals as goal_ops
from mentorlog.core import text as render
from mentorlog.core.goals import Goal
from mentorlog.core.reviews import STANDING_WORDS, MonthlyReview, latest_verdict
from mentorlog.core.status import goal_json
from mentorlog.views import console as output
from mentorlog.views import goal_chart as timeline
from mentorlog.views.console import escape, hanging, out
from mentorlog.views.goal_chart import Week


def show_goals(shown: list[Goal], today: date) -> None:
    console = out()
    if not shown:
        console.print(
            "No goals yet — add one with: mentorlog goals add \"Ship a PR\" --horizon 30"
        )
        return
    for horizon, group in goal_ops.by_horizon(shown).items():
        if not group:
            continue
        done, counted = goal_ops.progress(group)
        console.print(f"[bold]{horizon} days[/bold]  {render.bar(done, counted)}")
        table = output.table(show_header=True, header_style="bold", expand=False, box=None,
                      padding=(0, 1))
        table.add_column("Goal", overflow="fold", min_width=18)
        table.add_column("Set on", no_wrap=True)
        table.add_column("Due", no_wrap=True)
        table.add_column("Status", no_wrap=True)
        for g in group:
            due = _short(g.due)
            # below 80 columns the relative day goes under the date: the four columns fit 60
            sep = " " if console.width >= 80 else "\n"
            if g.is_open:
                late = render.relative(g.due, today)
                due += f"{sep}([red]{late}[/red])" if g.due < today else f"{sep}({late})"
            status = g.status if g.is_open else f"{g.status} {_short(g.closed_on or g.due)}"
            judged = latest_verdict(g)  # the last monthly review's word on an open goal
            if judged:
                status = f"{STANDING_WORDS[judged.verdict]}\n[dim]{_short(judged.on)}[/dim]"
            table.add_row(_goal_cell(g), _short(g.set_on), due, status)
        console.print(table)
        console.print()


def _goal_cell(g: Goal) -> RenderableType:
    """A goal's cell: its mark, then its id and words wrapped under themselves (not under the
    mark); under them its SMART plan (the measure, the steps, the support) and the latest
    word on it, a line each."""
    cell = output.grid()
    cell.add_column(width=2, no_wrap=True)
    cell.add_column(overflow="fold")
    cell.add_row(render.GOAL_MARKS[g.status], f"{g.id} {escape(g.text)}")
    for label, value in (("measure", g.measure), ("steps", "; ".join(g.steps)),
                         ("support", g.support)):
        if value:
            cell.add_row("", f"[dim]{label}:[/dim] {escape(value)}")
    latest = g.note or (g.progress[-1].text if g.progress else "")
    if latest:
        cell.add_row("", f"[dim]{escape(latest)}[/dim]")
    return cell


def goals_json(shown: list[Goal]) -> list[dict[str, Any]]:
    """`goals --json`: status's fields of each goal, with its SMART plan."""
    return [{**goal_json(g), "measure": g.measure, "steps": list(g.steps), "support": g.support}
            for g in shown]


def _short(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def timeline_json(shown: list[Goal], weeks: list[Week], start: date,
                  today: date) -> dict[str, Any]:
    """`goals --timeline --json`: the goals' windows and the weeks since the start."""
    return {
        "today": today.isoformat(),
        "start": start.isoformat(),
        "windows": [
            {"id": g.id, "text": g.text, "horizon": g.horizon, "set_on": g.set_on.isoformat(),
             "due": g.due.isoformat(), "status": g.status,
             "closed_on": g.closed_on.isoformat() if g.closed_on else None}
            for g in shown
        ],
        "weeks": [{"week": w.number, "start": w.start.isoformat(), "mark": w.mark}
                  for w in weeks],
    }


def show_timeline(shown: list[Goal], weeks: list[Week], start: date, today: date) -> None:
    console = out()
    # Label, bar and " due 26 Dec" fit the terminal: 28 + 40 + 11 from 79 columns on,
    # narrower labels and bars below that (60 columns: 20 + 29 + 11).
    label_width = 28 if console.width >= 79 else max(12, console.width // 3)
    width = max(10, min(40, console.width - label_width - 11))
    console.print(f"[bold]30/60/90 windows[/bold] — today is {render.day(today)}")
    bars, first, last = timeline.windows(shown, today, width)
    if bars:
        pad = " " * label_width
        console.print(pad + timeline.today_line(first, last, today, width), highlight=False)
        for w in bars:
            g = w.goal
            label = f"{g.id} {g.horizon}d {g.text}"
            label = label if len(label) < label_width - 1 else label[: label_width - 2] + "…"
            end = f"due {g.due.day} {g.due:%b}" if g.is_open else g.status
            console.print(f"{escape(label):<{label_width}}{w.bar} {end}")
        console.print(pad + timeline.axis_line(first, last, width))
        console.print("[dim]█ window so far  ░ left  ▒ past due  ─ closed  ┃ today[/dim]")
    else:
        console.print("No goals to draw.")
    console.print()
    console.print(f"[bold]Weeks since {render.day(start)}[/bold]")
    for line in timeline.strip_lines(weeks):
        console.print(line)
    console.print(f"[dim]{timeline.WEEK_LEGEND}[/dim]")


def show_review_not_due(next_review: date) -> None:
    """Before an early review: when the next one is due (reviewing earlier is fine)."""
    out().print(f"[dim]The next monthly review is due on "
                f"{render.day(next_review)}; reviewing earlier is fine.[/dim]")


def show_review(path: str, record: MonthlyReview, next_review: date) -> None:
    """A saved monthly review: the verdicts, the next set of goals, the next review."""
    console = out()
    console.print(f"Saved the monthly review to {escape(path)}.")
    for v in record.verdicts:
        console.print(hanging(f"  {v.goal_id} {escape(v.text)}: {v.verdict}"))
    if record.next:
        console.print("Next set:")
        for n in record.next:
            kind = {"carried": " (carried over)", "new": " (new)"}.get(n.kind, "")
            console.print(hanging(f"  {n.horizon} days: {n.goal_id} {escape(n.text)}{kind}, "
                                  f"due {render.day(n.due)}"))
    console.print(f"Next monthly review: {render.day(next_review)}.")
