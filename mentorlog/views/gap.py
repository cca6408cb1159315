"""Gaps in the weekly meetings as a reader sees them (`mentorlog gap`)."""

from __future__ import annotations

from datetime import date
from typing import Any

from mentorlog.core.agreement import Agreement, Gap
from mentorlog.views.console import escape, out


def gap_json(g: Gap, number: int, today: date) -> dict[str, Any]:
    """One gap of `gap list --json` (docs/json.md)."""
    return {
        "number": number,
        "start": g.start.isoformat(),
        "end": g.end.isoformat(),
        "reason": g.reason,
        "current": g.covers(today),
    }


def show(shown: list[tuple[int, Gap]], any_agreed: bool, today: date) -> None:
    """The numbered gaps, the current one marked."""
    console = out()
    if not shown:
        console.print("No gaps coming." if any_agreed else "No gaps agreed.")
    for i, g in shown:
        now_mark = " [yellow](now)[/yellow]" if g.covers(today) else ""
        console.print(f"{i}. {escape(str(g))}{now_mark}")


def show_added(a: Agreement, gap: Gap, missed: int, note: str) -> None:
    """What `gap add` says: the gap, how many meetings it takes out, and the note to send."""
    console = out()
    console.print(f"Added the gap {escape(str(gap))} ({missed} meeting"
                  f"{'' if missed == 1 else 's'} off).")
    console.print()
    console.print(f"Note for {escape(a.mentor.name)} (the guide: notify your mentor in a "
                  "timely fashion):")
    console.print()
    console.print(escape(note), soft_wrap=True)
