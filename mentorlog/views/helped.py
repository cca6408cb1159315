"""Help given to other mentees as a reader sees it (`mentorlog helped`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from mentorlog.core import text as render
from mentorlog.core.helping import Help, HelpSummary
from mentorlog.views.console import escape, out


def helped_json(entries: Sequence[Help]) -> list[dict[str, Any]]:
    """`helped --json` (docs/json.md)."""
    return [{"on": h.on.isoformat(), "text": h.text, "minutes": h.minutes} for h in entries]


def show(entries: Sequence[Help]) -> None:
    if not entries:
        out().print("Nothing logged yet. The guide asks you to help support other mentees in "
                    "#mentees: log it with 'mentorlog helped TEXT'.")
        return
    for h in entries:
        length = f" ({h.minutes} min)" if h.minutes else ""
        out().print(f"{render.day(h.on)}  {escape(h.text)}{length}")


def show_logged(entry: Help, total: HelpSummary) -> None:
    out().print(f"Logged: {escape(entry.text)} ({render.day(entry.on)}). "
                f"Helped other mentees {total.count} time{'s' if total.count != 1 else ''} so far.")
