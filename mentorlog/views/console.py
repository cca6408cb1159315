"""The one place that writes to the terminal: Rich consoles (created lazily), JSON, and the
one sanitiser that keeps control characters stored in the files off the terminal."""

from __future__ import annotations

import json
import os
import re
import sys
from typing import IO, Any

from rich.console import Console
from rich.markup import escape as _markup_escape
from rich.table import Table
from rich.text import Text

# Every C0 control but tab and newline, DEL, and every C1 control: a terminal acts on them
# (clear the screen, set the title, write the clipboard, ring the bell). Text read from the
# files shows them as caret notation (ESC as ^[) or, for C1, as U+FFFD.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _visible_char(m: re.Match[str]) -> str:
    code = ord(m.group())
    if code < 0x20:
        return "^" + chr(code + 0x40)
    return "^?" if code == 0x7F else "\ufffd"


def visible(text: str) -> str:
    """`text` with every control character but tab and newline made visible (`^[`, `^G`,
    U+FFFD for C1); a CR before a newline is dropped. Every string the consoles draw
    passes through here (SafeConsole.render_str), and so do error messages."""
    if "\r\n" in text:
        text = text.replace("\r\n", "\n")
    return _CONTROL.sub(_visible_char, text)


class SafeConsole(Console):
    """A Rich console that never lets a control character of a string reach the terminal:
    Rich turns every string it draws (a print, a table cell, a prompt) into Text through
    render_str, and this one makes its control characters visible first. Rich's own styling
    codes are added later, when the segments are written."""

    def render_str(self, text: str, **kwargs: Any) -> Text:
        return super().render_str(visible(text), **kwargs)


def _console(stderr: bool) -> Console:
    """Plain text (no escape codes at all) when not a terminal or NO_COLOR is set.

    Rich alone drops colours for NO_COLOR but keeps bold and dim; https://no-color.org asks
    for none, so NO_COLOR turns styling off entirely and wins over FORCE_COLOR. FORCE_COLOR
    (Rich reads it) styles output that is not a terminal. The width is the terminal's, or
    $COLUMNS, or 80 when neither is known.
    """
    # Rich pads every table cell to its column's width; a pipe or a file should not get the
    # spaces at the ends of lines (a terminal does not show them).
    file: IO[str] | None = None
    if not stderr and not _isatty(sys.stdout):
        file = _TrimmedStdout()  # type: ignore[assignment]  # writes like IO[str]
    if os.environ.get("NO_COLOR", ""):
        return SafeConsole(stderr=stderr, file=file, highlight=False, color_system=None,
                           emoji=False)
    return SafeConsole(stderr=stderr, file=file, highlight=False, emoji=False)


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
    """A console on stdout (for data and prompts)."""
    return _console(stderr=False)


def err() -> Console:
    """A console on stderr (for questions and messages)."""
    return _console(stderr=True)


def table(**kwargs: Any) -> Table:
    """A Rich table."""
    return Table(**kwargs)


def grid(**kwargs: Any) -> Table:
    """A Rich grid: a table without borders or header."""
    return Table.grid(**kwargs)


def error(message: str) -> None:
    """One `Error:` line on stderr (plain: it must read the same in any terminal)."""
    sys.stderr.write(f"Error: {visible(message)}\n")
    sys.stderr.flush()


# JSON escapes C0 controls itself; DEL and the C1 controls are valid in a JSON string but a
# terminal acts on them, so they are written as \u escapes too.
_JSON_UNSAFE = re.compile("[\x7f-\x9f]")


def json_text(text: str) -> str:
    """JSON text with DEL and the C1 controls written as \\u escapes (the same JSON)."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def print_json(data: Any) -> None:
    sys.stdout.write(json_text(json.dumps(data, indent=2, ensure_ascii=False, default=str))
                     + "\n")


def hanging(markup: str) -> str | Table:
    """A list line (`  • text`, `  ○ g1 text`, `  kept: g2 text`) whose wrapped lines stay
    under its text instead of going back to the first column."""
    m = re.match(r"( *(?:[•○✓✗-] |kept: |\d+ days: )?)(.*)", markup, re.S)
    assert m is not None
    prefix, text = m.groups()
    if not prefix:
        return markup
    lines = grid()
    lines.add_column(width=len(prefix), no_wrap=True)
    lines.add_column()
    lines.add_row(prefix, text)
    return lines


def bullets(items: list[str], mark: str = "•") -> Table:
    """A bulleted list (`  • text` a line) whose wrapped lines stay under their text: one
    grid for the whole list (a grid per line costs Rich a table layout each)."""
    lines = grid()
    lines.add_column(width=len(mark) + 3, no_wrap=True)
    lines.add_column()
    for item in items:
        lines.add_row(f"  {mark} ", item)
    return lines


def escape(text: str) -> str:
    """User text inside Rich markup: `[bold]` typed by a user stays literal, and its control
    characters are made visible."""
    return _markup_escape(visible(text))


def echo(text: str = "", end: str = "\n", stderr: bool = False) -> None:
    """Plain text from the files on stdout (or stderr), as it is but for control
    characters."""
    stream = sys.stderr if stderr else sys.stdout
    stream.write(visible(text) + end)
    stream.flush()


def markdown(text: str) -> Any:
    """User markdown for the terminal (`show`): its control characters made visible, then
    drawn by Rich's Markdown, which never reads Rich markup and shows raw HTML as text."""
    from markdown_it import MarkdownIt  # only for the commands that show markdown
    from rich.markdown import Markdown

    shown = visible(text)
    drawn = Markdown(shown, hyperlinks=False)
    # Rich's own parser reads HTML and draws nothing for it (`Vec<String>` came out `Vec`):
    # parsed with HTML off, a tag is text like any other.
    parser = MarkdownIt("commonmark", {"html": False}).enable(["strikethrough", "table"])
    drawn.parsed = parser.parse(shown)
    return drawn
