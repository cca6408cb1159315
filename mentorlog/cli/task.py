"""`mentorlog task`: the week's task — show it, set it, close it, see every one."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from mentorlog.cli import common
from mentorlog.core import tasks
from mentorlog.core.dates import parse_date
from mentorlog.core.status import task_json
from mentorlog.storage import journal
from mentorlog.storage.formats import TASKS
from mentorlog.views.console import escape, out, print_json
from mentorlog.views.status import show_task
from mentorlog.views.task import history_json, show_history

app = typer.Typer(
    help="The week's task: what you committed to before the next meeting.\n\n"
    "Example: mentorlog task set --replace \"Write the parser tests\"",
    invoke_without_command=True,
    rich_markup_mode=None,
)

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON (docs/json.md).")]


@app.callback()
def show(ctx: typer.Context, as_json: JsonFlag = False) -> None:
    """Show the current task.

    Example: mentorlog task --json
    """
    if ctx.invoked_subcommand:
        return
    agreement = common.agreement(ctx)
    st = common.store(ctx)
    now = common.now(agreement.mentee_tz)
    current = journal.timeline(st, agreement, now).due(st.load(TASKS).current)
    if as_json:
        print_json(task_json(current))
    else:
        show_task(current, now.date())


@app.command("set")
def set_(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="What you will do before the next meeting.")],
    due: Annotated[str | None, typer.Option(help="Due date (default: the next meeting).")]
    = None,
    replace: Annotated[
        bool, typer.Option("--replace", help="Close the open task as not done first.")
    ] = False,
) -> None:
    """Set the week's task.

    Example: mentorlog task set --replace "Write the parser tests"
    """
    st = common.open_mentorship(ctx)
    a = common.agreement(ctx)
    now = common.now(a.mentee_tz)
    due_day: date | None
    if due:
        due_day = parse_date(due, now.date())
    else:
        nxt = journal.timeline(st, a, now).next()
        due_day = nxt.day if nxt else None
    book = st.update(TASKS, lambda b: tasks.set_task(b, text, now.date(), due_day, replace))
    task = book.tasks[-1]
    when = f" (due {due_day.isoformat()})" if due_day else ""
    out().print(f"Set {task.id}: {escape(task.text)}{when}")


@app.command()
def done(
    ctx: typer.Context,
    outcome: Annotated[str, typer.Option(help="How it went, in a line.")] = "",
    partly: Annotated[bool, typer.Option("--partly", help="Only partly done.")] = False,
) -> None:
    """Mark the current task done.

    Example: mentorlog task done --outcome "PR merged"
    """
    st = common.open_mentorship(ctx)
    a = common.agreement(ctx)
    today = common.now(a.mentee_tz).date()
    before = st.load(TASKS).current
    status = "partly" if partly else "done"
    st.update(TASKS, lambda b: tasks.close_task(b, status, outcome, today))
    assert before is not None  # close_task raised otherwise
    out().print(f"Marked {before.id} {status}: {escape(before.text)}")


@app.command()
def history(ctx: typer.Context, as_json: JsonFlag = False) -> None:
    """Every task, oldest first.

    Example: mentorlog task history
    """
    st = common.store(ctx)
    agreement = common.agreement(ctx)
    book = st.load(TASKS)
    if as_json:
        plan = journal.timeline(st, agreement, common.now(agreement.mentee_tz))
        print_json(history_json([plan.due(t) or t for t in book.tasks]))
    else:
        show_history(book.tasks)
