"""The one place that writes to the terminal: Rich consoles, created lazily, and JSON."""

from __future__ import annotations

import json
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import IO, Any

    from rich.console import Console

    from mentorlog.lite import LiteConsole, LiteTable


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


def plain_mode() -> bool:
    """Stdout gets no styling at all, so `out()` can print without Rich (mentorlog/lite.py).

    That is when stdout is not a terminal and Rich would not treat it as one (TTY_COMPATIBLE
    is not 1, FORCE_COLOR is unset or empty unless TTY_COMPATIBLE=0), or when NO_COLOR is
    set and stdout is not a terminal. Not on Windows, not for a stdout whose encoding is not
    UTF-8 and not with UNICODE_VERSION set (Rich then measures characters differently).
    A terminal gets `styled_mode()`. For tests: MENTORLOG_RENDERER=rich turns plain mode off,
    MENTORLOG_RENDERER=lite makes a hand-over to Rich (lite.Fallback) an error.
    """
    import os

    from mentorlog import lite

    env = os.environ
    if (env.get("MENTORLOG_RENDERER", "") == "rich" or sys.platform == "win32"
            or _isatty(sys.stdout) or not lite.is_utf8(sys.stdout)
            or env.get("UNICODE_VERSION") is not None):
        return False
    return not lite.rich_is_terminal() or env.get("NO_COLOR", "") != ""


def styled_mode() -> bool | None:
    """Stdout is a terminal (for Rich) that lite.py can draw on: None when it cannot, else
    whether Rich would use a colour system there (False: no escape codes, lines padded).

    Rich treats stdout as a terminal when TTY_COMPATIBLE=1, or FORCE_COLOR is set and not
    empty, or (neither set) it is a tty. Its colour system is then None for NO_COLOR (see
    `_console`) or a dumb terminal (TERM dumb or unknown), else standard, 256 or truecolor,
    which write the same codes for the styles mentorlog uses (bold, dim, red, green,
    yellow). Only on Linux, for a UTF-8 stdout, without UNICODE_VERSION, and not with
    MENTORLOG_RENDERER=rich.
    """
    import os

    from mentorlog import lite

    env = os.environ
    if (env.get("MENTORLOG_RENDERER", "") == "rich" or not sys.platform.startswith("linux")
            or not lite.is_utf8(sys.stdout) or env.get("UNICODE_VERSION") is not None
            or not lite.rich_terminal(_isatty(sys.stdout))):
        return None
    dumb = env.get("TERM", "").lower() in ("dumb", "unknown")
    return not env.get("NO_COLOR", "") and not dumb


def out() -> Console | LiteConsole:
    """A console on stdout (for data): Rich's, or its double (lite.py) when stdout is plain
    or a terminal lite can draw on."""
    if plain_mode():
        from mentorlog.lite import LiteConsole, console_width, rich_is_terminal

        return LiteConsole(rich_out, console_width(rich_is_terminal()))
    colour = styled_mode()
    if colour is not None:
        from mentorlog.lite import LiteConsole, console_width

        return LiteConsole(rich_out, console_width(True), styled=True, colour=colour)
    return rich_out()


def rich_out() -> Console:
    """The Rich console on stdout, always (prompts need it)."""
    return _console(stderr=False)


def trimmed_stdout() -> IO[str]:
    """What Rich writes to when stdout is not a terminal: lines without trailing spaces."""
    return _TrimmedStdout()  # type: ignore[return-value]  # writes like IO[str]


def table(**kwargs: Any) -> LiteTable:
    """A `rich.table.Table(**kwargs)` that either console prints (lite or Rich)."""
    from mentorlog.lite import LiteTable

    return LiteTable(**kwargs)


def grid(**kwargs: Any) -> LiteTable:
    """A `rich.table.Table.grid(**kwargs)` that either console prints (lite or Rich)."""
    from mentorlog.lite import LiteTable

    return LiteTable(grid=True, **kwargs)


def err() -> Console:
    """A console on stderr (for questions and messages)."""
    return _console(stderr=True)


def error(message: str) -> None:
    """One `Error:` line on stderr (plain: it must read the same in any terminal)."""
    sys.stderr.write(f"Error: {message}\n")
    sys.stderr.flush()


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")


def hanging(markup: str) -> str | LiteTable:
    """A list line (`  • text`, `  ○ g1 text`, `  kept: g2 text`) whose wrapped lines stay
    under its text instead of going back to the first column."""
    import re

    m = re.match(r"( *(?:[•○✓✗-] |kept: |\d+ days: )?)(.*)", markup, re.S)
    assert m is not None
    prefix, text = m.groups()
    if not prefix:
        return markup
    lines = grid()
    lines.add_column(width=len(prefix), no_wrap=True)
    lines.add_column()
    lines.add_row(prefix, text)
    lines.line = markup  # the lite console prints it as this line when it fits
    return lines


def escape(text: str) -> str:
    """User text inside Rich markup: `[bold]` typed by a user stays literal."""
    from mentorlog.lite import escape as markup_escape

    return markup_escape(text)

