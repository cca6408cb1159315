"""The one place that writes to the terminal: Rich consoles, created lazily, and JSON."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console


def out() -> Console:
    """A console on stdout (for data). Plain text when not a terminal or NO_COLOR is set."""
    from rich.console import Console

    return Console(highlight=False)


def err() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False)


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
