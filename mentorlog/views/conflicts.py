"""Sync conflicts waiting in conflicts/, as `status` (and reminders) mention them."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console

from mentorlog.views.console import escape, out


def conflicts_line(waiting: Sequence[str]) -> str:
    """One line saying how many conflicts wait and how to settle them ("" when none)."""
    if not waiting:
        return ""
    n = len(waiting)
    return (f"{n} sync conflict{'s' if n != 1 else ''} waiting in conflicts/: settle "
            f"{'them' if n != 1 else 'it'} with 'mentorlog sync resolve'")


def show_conflicts(waiting: Sequence[str], console: Console | None = None) -> None:
    """The conflicts line in yellow, under what was shown; nothing when none wait."""
    line = conflicts_line(waiting)
    if line:
        (console or out()).print(f"[yellow]{escape(line)}[/yellow]")
