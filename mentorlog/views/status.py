"""The status dashboard and the current task as a reader sees them (`status`, `task`,
`demo` and the README picture)."""

from __future__ import annotations

from datetime import date

from rich.console import Console
from rich.table import Table

from mentorlog.core import text as render
from mentorlog.core.agreement import MIN_WEEKS, zone
from mentorlog.core.helping import HelpSummary
from mentorlog.core.reviews import STANDING_WORDS, latest_verdict
from mentorlog.core.status import Dashboard
from mentorlog.core.tasks import Task
from mentorlog.core.week import Commitment
from mentorlog.views import console as output
from mentorlog.views.console import escape, out


def show_task(current: Task | None, today: date) -> None:
    """`mentorlog task`: the current task and when it is due."""
    if current is None:
        out().print("No open task. Set one with 'mentorlog task set TEXT'.")
        return
    due = (f" — due {render.day(current.due)} ({render.relative(current.due, today)})"
           if current.due else "")
    out().print(f"[bold]{current.id}[/bold] {escape(current.text)}{due}")


def _show_boundaries(grid: Table, board: Dashboard) -> None:
    """Rows for the next gap and for help given to other mentees (the guide's requirement 4)."""
    if board.next_gap:
        grid.add_row("Next gap", f"{escape(str(board.next_gap))} "
                     f"({render.relative(board.next_gap.start, board.now.date())})")
    h: HelpSummary | None = board.helped
    if h is None:
        return
    if h.count and h.last is not None:
        hours = f", {h.minutes / 60:.1f} h" if h.minutes else ""
        grid.add_row("Helped others", f"{h.count} time{'s' if h.count != 1 else ''}{hours} "
                     f"(last {render.day(h.last)})")
    else:
        grid.add_row("Helped others", "[dim]not yet — help support other mentees in #mentees, "
                     "then 'mentorlog helped TEXT'[/dim]")


def show(board: Dashboard, console: Console | None = None) -> None:
    """Print the dashboard on `console` (default: stdout)."""
    a = board.agreement
    today = board.now.date()
    console = console or out()
    if board.ended:
        progress = f"ended {render.day(board.ended)}"
    elif board.week == 0:
        progress = f"starts {render.day(a.start)}"
    else:
        done = " · minimum reached" if board.minimum_reached else f" of at least {MIN_WEEKS}"
        progress = f"week {board.week}{done}"
    console.print(f"[bold]Mentorship with {escape(a.mentor.name)}[/bold] · {progress}")
    grid = output.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    if board.ended:
        grid.add_row("Ended", f"{render.day(board.ended)} — the retrospective is in "
                     "'mentorlog log'; 'mentorlog reopen' undoes the end")
    elif board.next_meeting:
        theirs = board.next_meeting.astimezone(zone(a.mentor.tz))
        soon = render.relative(board.next_meeting.date(), today)
        when = f"{render.moment(board.next_meeting)} ({soon})"
        if a.mentor.tz != a.mentee_tz:
            when += f"\n{theirs:%a %H:%M} for {escape(a.mentor.name)} ({a.mentor.tz})"
        grid.add_row("Next meeting", when)
    else:
        grid.add_row("Next meeting", "none scheduled")
    if board.unrecorded:
        days = ", ".join(render.day(d) for d in board.unrecorded[:3])
        if len(board.unrecorded) > 3:
            days += f" and {len(board.unrecorded) - 3} more"
        first = board.unrecorded[0].isoformat()
        grid.add_row("Not recorded", f"[yellow]{days}[/yellow] — 'mentorlog week --date "
                     f"{first}' or 'mentorlog skip --date {first}'")
    if board.gap:
        grid.add_row("Gap", escape(str(board.gap)))
    if board.task:
        due = ""
        if board.task.due:
            late = board.task.due < today
            due = (f" (due {render.day(board.task.due)}"
                   f"{', ' + render.relative(board.task.due, today) if late else ''})")
        grid.add_row("Task", escape(board.task.text) + due)
    elif not board.ended:
        grid.add_row("Task", "[dim]none — set one with 'mentorlog task set'[/dim]")
    if board.commitment:
        grid.add_row("Commitment", commitment_text(board.commitment))
    if board.monthly_review_due:
        grid.add_row("Review", "[yellow]monthly review due[/yellow] — 'mentorlog goals review'")
    attention = [f"{g.id} {render.relative(g.due, today)}" for g in board.goals_overdue]
    attention += [f"{g.id} due {render.relative(g.due, today)}" for g in board.goals_due_soon]
    if attention:
        grid.add_row("Goals", "[yellow]" + escape(", ".join(attention)) + "[/yellow]")
    _show_boundaries(grid, board)
    console.print(grid)
    if board.goals:
        console.print()
        goals = output.table(title=None, show_header=True, header_style="bold", expand=False)
        goals.add_column("Goal", overflow="fold")
        goals.add_column("Days", justify="right")
        goals.add_column("Due", no_wrap=True)
        for g in sorted(board.goals, key=lambda g: (g.horizon, g.due, g.id)):
            mark = render.GOAL_MARKS[g.status]
            due = render.relative(g.due, today) if g.is_open else g.status
            judged = latest_verdict(g)  # the last monthly review's word on an open goal
            if judged:
                word = STANDING_WORDS[judged.verdict]
                due += f"\n[dim]{word}, {judged.on.day} {judged.on:%b}[/dim]"
            # wrapped words stay under the goal's words, not under its mark
            goals.add_row(output.hanging(f"{mark} {g.id} {escape(g.text)}"), str(g.horizon), due)
        console.print(goals)


def commitment_text(c: Commitment) -> str:
    """`1.0 h this week of 1.5 agreed · 1.2 h a week since the start · 5 held, 1 skipped`."""
    mark = "[green]✓[/green] " if c.hours_this_week >= c.hours_agreed else ""
    return (
        f"{mark}{render.hours(c.hours_this_week)} h this week of "
        f"{render.hours(c.hours_agreed)} agreed · "
        f"{render.hours(c.hours_per_week)} h a week since the start · "
        f"{c.held} meeting{'s' if c.held != 1 else ''} held, {c.skipped} skipped"
    )
