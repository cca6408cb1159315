"""The first meeting once it is saved, as a reader sees it (`mentorlog init`)."""

from __future__ import annotations

from mentorlog.core.first_meeting import FirstMeeting, checklist
from mentorlog.views.console import escape, out


def show_saved(result: FirstMeeting, path: str) -> None:
    """Where the agreement went, and the guide's first-meeting checklist ticked from it."""
    console = out()
    console.print(f"Saved your agreement with {escape(result.agreement.mentor.name)} "
                  f"to {escape(path)}.")
    console.print()
    console.print("[bold]First meeting checklist[/bold]")
    left_open = 0
    for item in checklist(result):
        mark = "[green]\\[x][/green]" if item.done else "[yellow]\\[ ][/yellow]"
        left_open += not item.done
        detail = f" — {escape(item.detail)}" if item.detail else ""
        console.print(f"{mark} {escape(item.text)}{detail}")
    console.print()
    if left_open:
        items, them = ("item", "it") if left_open == 1 else ("items", "them")
        console.print(f"{left_open} {items} left open: add {them} with "
                      "'mentorlog agreement edit'.")
    console.print("Next: 'mentorlog status' shows your dashboard.")
