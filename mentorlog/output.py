"""The one place that writes to the terminal: Rich consoles, created lazily, and JSON."""

from __future__ import annotations

import json
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import IO, Any

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

    # Rich pads every table cell to its column's width; a pipe or a file should not get the
    # spaces at the ends of lines (a terminal does not show them).
    file: IO[str] | None = None
    if not stderr and not _isatty(sys.stdout):
        file = _TrimmedStdout()  # type: ignore[assignment]  # writes like IO[str]
    if os.environ.get("NO_COLOR", ""):
        return Console(stderr=stderr, file=file, highlight=False, color_system=None,
                       emoji=False)
    return Console(stderr=stderr, file=file, highlight=False, emoji=False)


def _isatty(stream: Any) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


class _TrimmedStdout:
    """sys.stdout (looked up at every write) without trailing spaces on its lines."""

    def __init__(self) -> None:
        self._pending = ""

    @property
    def encoding(self) -> str:
        return getattr(sys.stdout, "encoding", None) or "utf-8"

    def isatty(self) -> bool:
        return False

    def write(self, text: str) -> int:
        *lines, self._pending = (self._pending + text).split("\n")
        if lines:
            sys.stdout.write("\n".join(line.rstrip(" ") for line in lines) + "\n")
        return len(text)

    def flush(self) -> None:
        if self._pending:  # a line not ended yet (a prompt): written as it is
            sys.stdout.write(self._pending)
            self._pending = ""
        sys.stdout.flush()


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


def hanging(markup: str) -> Any:
    """A list line (`  • text`, `  ○ g1 text`, `  kept: g2 text`) whose wrapped lines stay
    under its text instead of going back to the first column."""
    import re

    from rich.table import Table

    m = re.match(r"( *(?:[•○✓✗-] |kept: |\d+ days: )?)(.*)", markup, re.S)
    assert m is not None
    prefix, text = m.groups()
    if not prefix:
        return markup
    grid = Table.grid()
    grid.add_column(width=len(prefix), no_wrap=True)
    grid.add_column()
    grid.add_row(prefix, text)
    return grid


def escape(text: str) -> str:
    """User text inside Rich markup: `[bold]` typed by a user stays literal."""
    from rich.markup import escape as rich_escape

    return rich_escape(text)
