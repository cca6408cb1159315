"""Relationship check-ins as a reader sees them (`mentorlog checkin`, `checkin --json`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from mentorlog.core import text as render
from mentorlog.core.checkins import OUTSIDE_HELP, QUESTION, CheckIn
from mentorlog.views.console import bullets, escape, out


def checkin_json(c: CheckIn) -> dict[str, Any]:
    """One check-in in `checkin --json` (docs/json.md)."""
    return {"id": c.id, "date": c.on.isoformat(), "working": c.working, "time": c.time,
            "boundaries": c.boundaries, "keep": c.keep or None, "change": c.change or None,
            "feedback": c.feedback or None, "privacy": c.privacy}


def list_json(checkins: Sequence[CheckIn]) -> list[dict[str, Any]]:
    return [checkin_json(c) for c in checkins]


def show_list(checkins: Sequence[CheckIn]) -> None:
    """A check-in a paragraph: the day and the three answers on one line, then what was
    said (wraps at any width)."""
    console = out()
    if not checkins:
        console.print("No check-ins yet. The guide asks you to communicate about the "
                      "relationship regularly: 'mentorlog checkin' asks six short questions.")
        return
    for n, c in enumerate(checkins):
        if n:
            console.print()
        console.print(f"[bold]{c.id}[/bold] {render.day(c.on)}{render.privacy_mark(c.privacy)}"
                      f" — working {c.working}/5, time {c.time}, boundaries {c.boundaries}")
        said = [f"{label}: {escape(text)}" for label, text in
                (("keep", c.keep), ("change", c.change), ("feedback", c.feedback)) if text]
        if said:
            console.print(bullets(said))


def show_saved(c: CheckIn, where: str) -> None:
    console = out()
    console.print(f"Saved check-in {c.id} ({c.privacy}) in {escape(where)}.")
    if c.change:
        console.print(f"To raise at a meeting: {escape(c.change)}")
    if c.not_working:
        console.print(f"\n[bold]It does not sound like it is working.[/bold] The guide: "
                      f"{escape(OUTSIDE_HELP)}")


def question(key: str) -> str:
    return QUESTION[key]
