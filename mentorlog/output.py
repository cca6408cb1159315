"""The one place that writes to the terminal: Rich consoles, created lazily, and JSON."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console


def _console(stderr: bool) -> Console:
    """Plain text (no escape codes at all) when not a terminal or NO_COLOR is set.

    Rich alone drops colours for NO_COLOR but keeps bold and dim; https://no-color.org asks
    for none, so NO_COLOR turns styling off entirely and wins over FORCE_COLOR. FORCE_COLOR
    (Rich reads it) styles output that is not a terminal. The width is the terminal's, or
    $COLUMNS, or 80 when neither is known.
    """
    import os

    from rich.console import Console

    if os.environ.get("NO_COLOR", ""):
        return Console(stderr=stderr, highlight=False, color_system=None, emoji=False)
    return Console(stderr=stderr, highlight=False, emoji=False)


def out() -> Console:
    """A console on stdout (for data)."""
    return _console(stderr=False)


def err() -> Console:
    """A console on stderr (for questions and messages)."""
    return _console(stderr=True)


def error(message: str) -> None:
    """One `Error:` line on stderr (plain: it must read the same in any terminal)."""
    sys.stderr.write(f"Error: {message}\n")
    sys.stderr.flush()


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")


def escape(text: str) -> str:
    """User text inside Rich markup: `[bold]` typed by a user stays literal."""
    from rich.markup import escape as rich_escape

    return rich_escape(text)
