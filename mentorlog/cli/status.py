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
    from mentorlog.reviews import review_dates

    st = common.store(ctx)
    agreement = common.agreement(ctx)
    board = dashboard.build(
        agreement,
        st.load(GOALS),
        st.load(TASKS),
        common.now(agreement.mentee_tz),
        review_dates(st),
    )
    if as_json:
        from mentorlog.output import print_json

        print_json(dashboard.to_json(board))
    else:
        show(board)


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
        soon = render.relative(board.next_meeting.date(), today)
        when = f"{render.moment(board.next_meeting)} ({soon})"
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
    if board.monthly_review_due:
        grid.add_row("Review", "[yellow]monthly review due[/yellow] — 'mentorlog goals review'")
    attention = [f"{g.id} {render.relative(g.due, today)}" for g in board.goals_overdue]
    attention += [f"{g.id} due {render.relative(g.due, today)}" for g in board.goals_due_soon]
    if attention:
        grid.add_row("Goals", "[yellow]" + escape(", ".join(attention)) + "[/yellow]")
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
