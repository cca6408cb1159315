"""`mentorlog status`: the dashboard."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from mentorlog.cli import common


def status(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON (docs/json.md).")] = False,
) -> None:
    """Show where your mentorship stands: week, next meeting, task and goals.

    Example: mentorlog status --json
    """
    from mentorlog import dashboard
    from mentorlog.formats import GOALS, TASKS

    st = common.store(ctx)
    agreement = common.agreement(ctx)
    now = common.now(agreement.mentee_tz)
    board = dashboard.build(
        agreement, st.load(GOALS), st.load(TASKS), now, **_boundaries(st, agreement, now)
    )
    if as_json:
        from mentorlog.output import print_json

        print_json(dashboard.to_json(board))
    else:
        show(board)


def _boundaries(st: Any, agreement: Any, now: Any) -> dict[str, Any]:
    """Skipped meetings (for the next meeting) and help given, for dashboard.build."""
    from mentorlog import helping
    from mentorlog.formats import HELPED
    from mentorlog.skipped import skipped_days

    return {
        "skipped": skipped_days(st, now.date()),
        "helped": helping.summary(st.load(HELPED)),
    }


def _show_boundaries(grid: Any, board: Any) -> None:
    """Rows for the next gap and for help given to other mentees (the guide's requirement 4)."""
    from mentorlog import render
    from mentorlog.output import escape

    if board.next_gap:
        grid.add_row("Next gap", f"{escape(str(board.next_gap))} "
                     f"({render.relative(board.next_gap.start, board.now.date())})")
    h = board.helped
    if h is None:
        return
    if h.count:
        hours = f", {h.minutes / 60:.1f} h" if h.minutes else ""
        grid.add_row("Helped others", f"{h.count} time{'s' if h.count != 1 else ''}{hours} "
                     f"(last {render.day(h.last)})")
    else:
        grid.add_row("Helped others", "[dim]not yet — help support other mentees in #mentees, "
                     "then 'mentorlog helped TEXT'[/dim]")


def show(board: Any) -> None:
    from rich.table import Table

    from mentorlog import render
    from mentorlog.model import MIN_WEEKS, zone
    from mentorlog.output import escape, out

    a = board.agreement
    today = board.now.date()
    console = out()
    if board.week == 0:
        progress = f"starts {render.day(a.start)}"
    else:
        done = "minimum reached" if board.minimum_reached else f"of at least {MIN_WEEKS}"
        progress = f"week {board.week} {done}"
    console.print(f"[bold]Mentorship with {escape(a.mentor.name)}[/bold] · {progress}")
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    if board.next_meeting:
        theirs = board.next_meeting.astimezone(zone(a.mentor.tz))
        when = f"{render.moment(board.next_meeting)} ({render.relative(board.next_meeting.date(), today)})"
        if a.mentor.tz != a.mentee_tz:
            when += f"\n{theirs:%a %H:%M} for {escape(a.mentor.name)} ({a.mentor.tz})"
        grid.add_row("Next meeting", when)
    else:
        grid.add_row("Next meeting", "none scheduled")
    if board.gap:
        grid.add_row("Gap", escape(str(board.gap)))
    if board.task:
        due = f" (due {render.day(board.task.due)})" if board.task.due else ""
        grid.add_row("Task", escape(board.task.text) + due)
    else:
        grid.add_row("Task", "[dim]none — set one with 'mentorlog task set'[/dim]")
    _show_boundaries(grid, board)
    console.print(grid)
    if board.goals:
        console.print()
        goals = Table(title=None, show_header=True, header_style="bold", expand=False)
        goals.add_column("Goal", overflow="fold")
        goals.add_column("Days", justify="right")
        goals.add_column("Due", no_wrap=True)
        for g in sorted(board.goals, key=lambda g: (g.horizon, g.due, g.id)):
            mark = render.GOAL_MARKS[g.status]
            due = render.relative(g.due, today) if g.is_open else g.status
            goals.add_row(f"{mark} {g.id} {escape(g.text)}", str(g.horizon), due)
        console.print(goals)
