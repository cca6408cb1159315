"""The 30/60/90-day goals as a reader sees them: the list and the timeline (no typer).

Shared by `mentorlog goals` and its fast path (mentorlog/fastpath.py).
"""

from __future__ import annotations

from typing import Any

def run(session: Any, show_all: bool = False, as_json: bool = False,
        timeline: bool = False) -> None:
    """`mentorlog goals [--all] [--json] [--timeline]` for the journal of `session`."""
    from mentorlog.cli import clock
    from mentorlog.core import goals as goal_ops
    from mentorlog.storage.formats import AGREEMENT, GOALS
    from mentorlog.core.model import zone

    st = session.store
    agreement = st.load(AGREEMENT)
    today = clock.now(zone(agreement.mentee_tz)).date()
    shown = goal_ops.listed(st.load(GOALS), today, show_all)
    if timeline:
        _timeline(st, agreement, shown, today, as_json)
    elif as_json:
        from mentorlog.core.status import goal_json
        from mentorlog.views.console import print_json

        print_json([goal_json(g) for g in shown])
    else:
        show_goals(shown, today)


def show_goals(shown: list[Any], today: Any) -> None:
    from mentorlog.core import goals as goal_ops
    from mentorlog.views import console as output
    from mentorlog.core import text as render
    from mentorlog.views.console import escape, out

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
            if g.is_open:
                late = render.relative(g.due, today)
                due += f" ([red]{late}[/red])" if g.due < today else f" ({late})"
            status = g.status if g.is_open else f"{g.status} {_short(g.closed_on or g.due)}"
            text = f"{render.GOAL_MARKS[g.status]} {g.id} {escape(g.text)}"
            latest = g.note or (g.progress[-1].text if g.progress else "")
            if latest:
                text += f"\n  [dim]{escape(latest)}[/dim]"
            table.add_row(text, _short(g.set_on), due, status)
        console.print(table)
        console.print()


def _short(day: Any) -> str:
    return f"{day.day} {day:%b %Y}"


def _timeline(st: Any, agreement: Any, shown: list[Any], today: Any, as_json: bool) -> None:
    from mentorlog.views import goal_chart as timeline
    from mentorlog.core.reviews import review_dates

    weeks = timeline.weeks(
        agreement.start, today, timeline.meeting_statuses(st), review_dates(st), agreement.gaps
    )
    if as_json:
        from mentorlog.views.console import print_json

        print_json({
            "today": today.isoformat(),
            "start": agreement.start.isoformat(),
            "windows": [
                {"id": g.id, "text": g.text, "horizon": g.horizon, "set_on": g.set_on.isoformat(),
                 "due": g.due.isoformat(), "status": g.status,
                 "closed_on": g.closed_on.isoformat() if g.closed_on else None}
                for g in shown
            ],
            "weeks": [{"week": w.number, "start": w.start.isoformat(), "mark": w.mark}
                      for w in weeks],
        })
        return
    show_timeline(shown, weeks, agreement.start, today)


def show_timeline(shown: list[Any], weeks: list[Any], start: Any, today: Any) -> None:
    from mentorlog.core import text as render
    from mentorlog.views import goal_chart as timeline
    from mentorlog.views.console import escape, out

    console = out()
    width = 40
    label_width = 28
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
