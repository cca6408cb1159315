"""What `mentorlog demo` says after building the sample journal: how to look around it."""

from __future__ import annotations

from rich.console import Console

from mentorlog.views.console import escape

EXPLORE = (
    ("status", "the dashboard"),
    ("log", "meetings, notes, questions and tasks in order"),
    ("agenda", "what to bring to the next meeting"),
    ("goals --timeline", "the 30/60/90-day goals"),
    ("checklist", "the guide's checklists, ticked from the journal"),
)


def show_explore(console: Console, folder: str) -> None:
    """How to look around: `--home FOLDER` lines, or `cd FOLDER` and `--home .` when those
    would not fit the terminal (a long temporary folder at 60 columns). `folder` is quoted
    for the shell."""
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
