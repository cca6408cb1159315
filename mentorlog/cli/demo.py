"""`mentorlog demo`: a sample journal of three months, to see the tool before your first meeting."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from mentorlog.cli import common

EXPLORE = (
    ("status", "the dashboard"),
    ("log", "meetings, notes, questions and tasks in order"),
    ("agenda", "what to bring to the next meeting"),
    ("goals --timeline", "the 30/60/90-day goals"),
    ("checklist", "the guide's checklists, ticked from the journal"),
)


def demo(
    ctx: typer.Context,
    home: Annotated[
        Path | None,
        typer.Option("--home", help="A new or empty folder for it (default: a new temporary "
                     "folder).", show_default=False),
    ] = None,
) -> None:
    """Build a sample journal (three months of a mentorship) and show its status.

    It goes into a new temporary folder, or into --home if that is new or empty; your own
    journal is never touched.

    Example: mentorlog demo
    """
    from mentorlog.cli import demo_plan as sample
    from mentorlog.storage.journal import dashboard
    from mentorlog.views.status import show
    from mentorlog.views.console import err, out
    from mentorlog.storage.store import Store

    # Only a folder named here: never $MENTORLOG_HOME or the default, where a journal may be.
    folder = home or common.session(ctx).home_flag
    if folder is not None:
        sample.check_home(folder)
    else:
        import tempfile

        folder = Path(tempfile.mkdtemp(prefix="mentorlog-demo-"))
    now = common.now(sample.MENTEE_TZ)
    err().print(f"Building a sample journal: three months with {sample.MENTOR}, your mentor "
                "in this demo…")
    sample.build(folder, now)
    console = out()
    console.print()
    show(dashboard(Store(folder), now), console)
    console.print()
    _explore(console, _quoted(folder))


def _explore(console: Any, folder: str) -> None:
    """How to look around: `--home FOLDER` lines, or `cd FOLDER` and `--home .` when those
    would not fit the terminal (a long temporary folder at 60 columns)."""
    from mentorlog.views.console import escape

    longest = max(len(command) for command, _ in EXPLORE)
    where = folder
    console.print("[bold]Explore it[/bold] (your own journal is not touched):")
    if len(f"  mentorlog --home {folder} ") + longest > console.width:
        console.print(f"  cd {escape(folder)}", soft_wrap=True)
        where = "."
    for command, what in EXPLORE:
        console.print(f"  mentorlog --home {escape(where)} {command}", soft_wrap=True)
        console.print(f"    [dim]{what}[/dim]")
    console.print("Delete it when you are done:")
    console.print(f"  rm -r {escape(folder)}", soft_wrap=True)
    console.print("After your own first meeting: [bold]mentorlog init[/bold]")


def _quoted(path: Path) -> str:
    import shlex

    return shlex.quote(str(path))
