"""Rich's plain-text output without importing Rich (~55 ms): for pipes, files and NO_COLOR.

When nothing is styled (`output.plain_mode()`), what Rich prints is text laid out by its
markup, word wrapping and grid/table layout. This module does that for the small part of
Rich that mentorlog's views use and writes exactly the bytes Rich would. Anything it cannot
reproduce exactly (a table that must shrink a no-wrap column, a tab, a character whose width
it does not know, an unknown style, markup Rich would reject) raises `Fallback`, and the
console prints the same thing through a real Rich console instead (`LiteTable.to_rich()`).
tests/test_lite.py compares both renderers on random content and on every read command.

In a terminal (`output.styled_mode()`) the same layout is drawn with Rich's escape codes
and padding ("Styled output" below); tests/test_lite_terminal.py compares it with Rich in a
real pseudo-terminal.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any


class Fallback(Exception):
    """This output needs real Rich to be exact."""


_compiled: dict[str, Any] = {}


def _re(name: str) -> Any:
    """The few regular expressions, compiled on first use (nothing at import time)."""
    if not _compiled:
        import re

        _compiled["tags"] = re.compile(r"((\\*)\[([a-z#/@][^[]*?)])")  # rich.markup.RE_TAGS
        _compiled["word"] = re.compile(r"\s*\S+\s*")  # rich._wrap.re_word
        _compiled["space_end"] = re.compile(r"\s+$")  # rich.text._re_whitespace
        _compiled["escape"] = re.compile(r"(\\*)(\[[a-z#/@][^[]*?])")  # rich.markup.escape
    return _compiled[name]


# ---------------------------------------------------------------------------------------
# Cell widths. Width 1: the ranges Rich itself treats as single-cell (rich/cells.py) plus
# punctuation, arrows and marks mentorlog prints (tests check each against rich.cells).
# Width 2: CJK ideographs and the lock emoji. Anything else: Fallback.

_NARROW = ((0x20, 0x7E), (0xA0, 0xAC), (0xAE, 0x2FF), (0x370, 0x482), (0x2010, 0x2027),
           (0x2030, 0x205E), (0x2190, 0x21FF), (0x2500, 0x25FC), (0x2713, 0x2713),
           (0x2717, 0x2717), (0x2800, 0x28FF))
_WIDE = ((0x4E00, 0x9FFF), (0x1F512, 0x1F512))


def _char_width(ch: str) -> int:
    code = ord(ch)
    for low, high in _NARROW:
        if low <= code <= high:
            return 1
    for low, high in _WIDE:
        if low <= code <= high:
            return 2
    raise Fallback(f"unknown width: {ch!r}")


def cell_len(text: str) -> int:
    if text.isascii():
        if not text.isprintable():
            raise Fallback("control character")
        return len(text)
    widths = _WIDTHS
    total = 0
    for ch in text:
        width = widths.get(ch)
        if width is None:
            width = widths[ch] = _char_width(ch)
        total += width
    return total


_WIDTHS: dict[str, int] = {}  # each character's width, as measured


def _single(text: str) -> bool:
    """Every character one cell wide (slicing by characters is slicing by cells)."""
    return cell_len(text) == len(text)


# ---------------------------------------------------------------------------------------
# Markup (rich/markup.py): tags are dropped, `\[` is a literal bracket.

def plain(markup: str) -> str:
    """The text Rich shows for `markup` (no emoji codes: mentorlog's consoles have none)."""
    if "[" not in markup:
        text = markup
    else:
        parts: list[str] = []
        stack: list[str] = []
        position = 0
        for match in _re("tags").finditer(markup):
            full, escapes, tag = match.groups()
            start, end = match.span()
            if start > position:
                parts.append(markup[position:start].replace("\\[", "["))
            if escapes:
                backslashes, escaped = divmod(len(escapes), 2)
                parts.append("\\" * backslashes)
                if escaped:
                    parts.append(full[len(escapes):].replace("\\[", "["))
                    position = end
                    continue
            _close(stack, tag.partition("=")[0])
            position = end
        if position < len(markup):
            parts.append(markup[position:].replace("\\[", "["))
        text = "".join(parts)
    cell_len(text.replace("\n", ""))  # raises Fallback on anything it cannot measure
    return text


def escape(text: str) -> str:
    """rich.markup.escape: `[bold]` in user text stays literal."""

    def double(match: Any) -> str:
        backslashes, tag = match.groups()
        return f"{backslashes}{backslashes}\\{tag}"

    text = _re("escape").sub(double, text)
    if text.endswith("\\") and not text.endswith("\\\\"):
        return text + "\\"
    return text


def _close(stack: list[str], name: str) -> None:
    """Track open tags as Rich does, raising Fallback where Rich might raise MarkupError."""
    if name.startswith("@") or name.startswith("/@"):
        raise Fallback("meta tag")
    if not name.startswith("/"):
        stack.append(name)
    elif name == "/":
        if not stack:
            raise Fallback("nothing to close")
        stack.pop()
    elif name[1:] in stack:  # Rich compares normalized styles: identical ones match there too
        del stack[len(stack) - 1 - stack[::-1].index(name[1:])]
    else:
        raise Fallback("closing tag without its opening tag")


# ---------------------------------------------------------------------------------------
# Wrapping (rich/_wrap.py divide_line, rich/text.py Text.wrap and truncate).

def divide_line(text: str, width: int, fold: bool) -> list[int]:
    breaks: list[int] = []
    offset = 0
    word_re = _re("word")
    match = word_re.match(text, 0)
    while match is not None:
        start, end = match.span()
        word = match.group(0)
        word_length = cell_len(word.rstrip())
        if width - offset >= word_length:
            offset += cell_len(word)
        elif word_length > width:
            if fold:
                if not _single(word):
                    raise Fallback("folding a wide character")
                chunks = [word[i:i + width] for i in range(0, len(word), width)]
                for index, chunk in enumerate(chunks):
                    if start:
                        breaks.append(start)
                    if index == len(chunks) - 1:
                        offset = len(chunk)
                    else:
                        start += len(chunk)
            else:
                if start:
                    breaks.append(start)
                offset = cell_len(word)
        elif offset and start:
            breaks.append(start)
            offset = cell_len(word)
        match = word_re.match(text, end)
    return breaks


def _set_size(text: str, total: int) -> str:
    if not _single(text):
        size = cell_len(text)
        if size <= total:
            return text + " " * (total - size)
        kept: list[str] = []
        used = 0
        for ch in text:  # Rich's set_cell_size: a wide character cut in two becomes a space
            width = cell_len(ch)
            if used + width > total:
                if used < total:
                    kept.append(" ")
                break
            kept.append(ch)
            used += width
        return "".join(kept)
    return text + " " * (total - len(text)) if len(text) < total else text[:total]


def _truncate(line: str, width: int, overflow: str, pad: bool = False) -> str:
    if overflow == "ignore":
        return line
    length = cell_len(line)
    if length > width:
        line = _set_size(line, width - 1) + "…" if overflow == "ellipsis" else _set_size(
            line, width)
    if pad and length < width:
        line += " " * (width - length)
    return line


def wrap(text: str, width: int, justify: str = "default", overflow: str = "fold",
         no_wrap: bool = False) -> list[str]:
    """Text.wrap: lines of `text` at `width` cells."""
    if "\t" in text:
        raise Fallback("tab")
    lines: list[str] = []
    for line in text.split("\n"):
        if no_wrap or cell_len(line) <= width:  # a line that fits has no break to find
            new = [line]
        else:
            offsets = divide_line(line, width, fold=overflow == "fold")
            bounds = [0, *offsets, len(line)]
            new = [_rstrip_end(line[a:b], width) for a, b in zip(bounds, bounds[1:], strict=False)]
        if justify == "left":
            new = [_truncate(one, width, overflow, pad=True) for one in new]
        elif justify == "right":
            new = [_truncate(one.rstrip(), width, overflow) for one in new]
            new = [" " * (width - cell_len(one)) + one for one in new]
        elif justify == "center":
            new = [_truncate(one.rstrip(), width, overflow) for one in new]
            new = [" " * ((width - cell_len(one)) // 2) + one for one in new]
            new = [one + " " * (width - cell_len(one)) for one in new]
        elif justify != "default":
            raise Fallback(f"justify={justify}")
        lines.extend(_truncate(one, width, overflow) for one in new)
    return lines


def _rstrip_end(line: str, size: int) -> str:
    excess = len(line) - size  # characters, not cells: as Rich does
    if excess > 0:
        match = _re("space_end").search(line)
        if match is not None:
            return line[:len(line) - min(len(match.group(0)), excess)]
    return line


def _fit(line: str, width: int) -> str:
    """A rendered line padded or cropped to exactly `width` cells (render_lines, pad=True)."""
    return _set_size(line, width)


# ---------------------------------------------------------------------------------------
# Tables and grids (rich/table.py, rich/padding.py, rich/measure.py).

_DEFAULT = "default"
_STYLE_WORDS = frozenset(["bold", "dim", "italic", "underline", "red", "green", "yellow",
                          "blue", "magenta", "cyan", "none"])


def _check_style(style: Any) -> None:
    if style is None or style == "" or style == _DEFAULT:
        return
    if not isinstance(style, str) or not set(style.split()) <= _STYLE_WORDS:
        raise Fallback(f"style {style!r}")


def _unpack(pad: Any) -> tuple[int, int, int, int]:
    if isinstance(pad, int):
        return (pad, pad, pad, pad)
    if len(pad) == 1:
        return (pad[0],) * 4
    if len(pad) == 2:
        return (pad[0], pad[1], pad[0], pad[1])
    return tuple(pad)  # type: ignore[return-value]


def _normal(low: int, high: int, limit: int) -> tuple[int, int]:
    """Measurement.get's normalize, with_maximum, normalize."""
    low = max(0, min(max(0, low), high))
    high = max(0, max(low, high))
    low, high = min(low, limit), min(high, limit)
    if high < 1:
        return (0, 0)
    low = max(0, min(max(0, low), high))
    return (low, max(0, max(low, high)))


_COLUMN_KEYS = frozenset(("header", "style", "header_style", "justify", "vertical", "overflow",
                          "width", "min_width", "max_width", "no_wrap", "highlight"))
_TABLE_KEYS = frozenset(("title", "show_header", "header_style", "expand", "box", "padding",
                         "pad_edge", "collapse_padding", "show_edge", "show_footer",
                         "highlight"))


class LiteTable:
    """`rich.table.Table` (or `Table.grid`) for what mentorlog's views use."""

    def __init__(self, grid: bool = False, **kwargs: Any) -> None:
        self.grid = grid
        self.kwargs = kwargs
        self.columns: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
        self.rows: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
        # output.hanging's grid: the one line it prints when that line fits the width
        self.line: str | None = None

    def add_column(self, *args: Any, **kwargs: Any) -> None:
        self.columns.append((args, kwargs))

    def add_row(self, *cells: Any, **kwargs: Any) -> None:
        self.rows.append((cells, kwargs))

    def to_rich(self) -> Any:
        from rich.table import Table

        table = Table.grid(**self.kwargs) if self.grid else Table(**self.kwargs)
        for args, kwargs in self.columns:
            table.add_column(*args, **kwargs)
        for cells, kwargs in self.rows:
            table.add_row(*cells, **kwargs)
        return table

    def __repr__(self) -> str:
        return f"LiteTable(grid={self.grid}, {self.kwargs}, {self.columns}, {self.rows})"

    def __rich__(self) -> Any:  # a Rich console prints a LiteTable as the Table it describes
        return self.to_rich()

    # -- layout -------------------------------------------------------------------------
    def _options(self) -> dict[str, Any]:
        if set(self.kwargs) - _TABLE_KEYS or any(kw for _, kw in self.rows):
            raise Fallback("table option")
        o = dict(box=_DEFAULT, padding=(0, 1), collapse_padding=False, pad_edge=True,
                 show_header=True, show_edge=True, header_style=_DEFAULT, title=None,
                 expand=False, show_footer=False)
        if self.grid:
            o.update(box=None, padding=0, collapse_padding=True, pad_edge=False,
                     show_header=False, show_edge=False)
        o.update(self.kwargs)
        if o["title"] is not None or o["expand"] or o["show_footer"]:
            raise Fallback("table option")
        if o["box"] not in (None, _DEFAULT) or (o["box"] and not o["show_header"]):
            raise Fallback("box")
        _check_style(o["header_style"])
        o["padding"] = _unpack(o["padding"])
        return o

    def _cells(self, o: dict[str, Any]) -> list[list[str]]:
        """Plain text of every cell, column by column (header first)."""
        columns: list[list[str]] = []
        for index, (args, kwargs) in enumerate(self.columns):
            if len(args) > 1 or set(kwargs) - _COLUMN_KEYS:
                raise Fallback("column option")
            _check_style(kwargs.get("style"))
            _check_style(kwargs.get("header_style"))
            if kwargs.get("vertical", "top") != "top":
                raise Fallback("vertical")
            cells = [kwargs.get("header", args[0] if args else "")] if o["show_header"] else []
            for row, _ in self.rows:
                if len(row) > len(self.columns):
                    raise Fallback("too many cells")
                cells.append(row[index] if index < len(row) else "")
            if any(cell is not None and not isinstance(cell, str) for cell in cells):
                raise Fallback("a cell that is not text")
            columns.append([plain(cell or "") for cell in cells])
        return columns

    def render(self, width: int) -> str:
        if not self.columns:
            self._options()
            return "\n"
        o, columns, specs, widths, pads, any_padding, extra = self._layout(width)
        n = len(specs)
        n_rows = len(columns[0])
        boxed = bool(o["box"])

        rendered: list[list[list[str]]] = []  # column, row, lines
        for i, spec in enumerate(specs):
            lft, rgt = pads(i) if any_padding else (0, 0)
            inner = widths[i] - lft - rgt
            cells: list[list[str]] = []
            for text in columns[i]:
                if inner < 1:  # Rich renders nothing there: the row's blank lines fill it
                    cells.append([])
                    continue
                lines = wrap(text, inner, spec.get("justify", "left"),
                             spec.get("overflow", "ellipsis"), bool(spec.get("no_wrap")))
                cells.append([" " * lft + _fit(line, inner) + " " * rgt for line in lines])
            rendered.append(cells)

        out: list[str] = []
        if boxed:
            out.append("┏" + "┳".join("━" * w for w in widths) + "┓")
        for r in range(n_rows):
            header = o["show_header"] and r == 0
            cells = [rendered[i][r] for i in range(n)]
            height = max(1, *(len(c) for c in cells))
            for i, c in enumerate(cells):
                blank = [" " * widths[i]] * (height - len(c))
                cells[i] = blank + c if header else c + blank
            edge, divider = ("┃", "┃") if header else ("│", "│")
            for line_no in range(height):
                parts = [c[line_no] for c in cells]
                out.append(edge + divider.join(parts) + edge if boxed else "".join(parts))
            if boxed and header:
                out.append("┡" + "╇".join("━" * w for w in widths) + "┩")
        if boxed:
            out.append("└" + "┴".join("─" * w for w in widths) + "┘")
        if sum(widths) + extra > width:  # still too wide: the console crops its lines
            out = [_set_size(line, width) if cell_len(line) > width else line for line in out]
        return "\n".join(out) + "\n"

    def _layout(self, width: int) -> tuple[Any, ...]:
        """Options, cell texts, column specs, column widths, cell paddings, border cells."""
        o = self._options()
        columns = self._cells(o)
        specs = [kwargs for _, kwargs in self.columns]
        top, right, bottom, left = o["padding"]
        if top or bottom:
            raise Fallback("vertical padding")
        any_padding = any(o["padding"])
        n = len(specs)
        n_rows = len(columns[0])
        if n_rows == 0:
            raise Fallback("empty table")
        boxed = bool(o["box"])
        extra = (2 if boxed and o["show_edge"] else 0) + (n - 1 if boxed else 0)

        def pads(i: int) -> tuple[int, int]:  # Table._get_cells.get_padding (left, right)
            lft, rgt = left, right
            if o["collapse_padding"] and i:
                lft = max(0, lft - rgt)
            if not o["pad_edge"]:
                lft = 0 if i == 0 else lft
                rgt = 0 if i == n - 1 else rgt
            return lft, rgt

        def pad_width(i: int) -> int:  # Table._get_padding_width
            lft, rgt = left, right
            if o["collapse_padding"]:
                lft, rgt = 0, abs(0 - rgt)
            if not o["pad_edge"]:
                lft = 0 if i == 0 else lft
                rgt = 0 if i == n - 1 else rgt
            return lft + rgt

        def measure_cell(text: str, i: int, limit: int) -> tuple[int, int]:
            lines = text.splitlines()
            high = max(cell_len(line) for line in lines) if lines else 0
            low = 0  # Rich's minimum (the longest word): unused, only maximums size columns
            if not any_padding:
                return _normal(low, high, limit)
            extra_cells = sum(pads(i))
            if limit - extra_cells < 1:
                return _normal(limit, limit, limit)
            low, high = _normal(low, high, limit)
            return _normal(min(low + extra_cells, limit), min(high + extra_cells, limit), limit)

        def measure(i: int, limit: int) -> tuple[int, int]:
            if limit < 1:
                return (0, 0)
            spec = specs[i]
            pw = pad_width(i)
            if spec.get("width") is not None:
                fixed = spec["width"] + pw
                return (min(fixed, limit), min(fixed, limit))
            sizes = [measure_cell(text, i, limit) for text in columns[i]]
            low = min(max(s[0] for s in sizes), limit)
            high = min(max(s[1] for s in sizes), limit)
            if spec.get("min_width") is not None:
                floor = max(0, spec["min_width"] + pw)
                low, high = max(low, floor), max(high, floor)
            if spec.get("max_width") is not None:
                low, high = min(low, spec["max_width"] + pw), min(high, spec["max_width"] + pw)
            return (low, high)

        limit = width - extra
        widths = [measure(i, limit)[1] or 1 for i in range(n)]
        if sum(widths) > limit:
            wrapable = [s.get("width") is None and not s.get("no_wrap") for s in specs]
            widths = _collapse(widths, wrapable, limit)
            if sum(widths) > limit:
                widths = _ratio_reduce(sum(widths) - limit, [1] * n, widths, widths)
            widths = [measure(i, w)[1] or 0 for i, w in enumerate(widths)]
        return o, columns, specs, widths, pads, any_padding, extra


def _collapse(widths: list[int], wrapable: list[bool], max_width: int) -> list[int]:
    """Table._collapse_widths."""
    total = sum(widths)
    excess = total - max_width
    if any(wrapable):
        while total and excess > 0:
            pairs = list(zip(widths, wrapable, strict=True))
            top = max(w for w, ok in pairs if ok)
            second = max(w if ok and w != top else 0 for w, ok in pairs)
            ratios = [1 if (w == top and ok) else 0 for w, ok in pairs]
            if not any(ratios) or not top - second:
                break
            widths = _ratio_reduce(excess, ratios, [min(excess, top - second)] * len(widths),
                                   widths)
            total = sum(widths)
            excess = total - max_width
    return widths


def _ratio_reduce(total: int, ratios: list[int], maximums: list[int],
                  values: list[int]) -> list[int]:
    """rich._ratio.ratio_reduce."""
    ratios = [ratio if most else 0 for ratio, most in zip(ratios, maximums, strict=True)]
    total_ratio = sum(ratios)
    if not total_ratio:
        return values[:]
    remaining = total
    result = []
    for ratio, most, value in zip(ratios, maximums, values, strict=True):
        if ratio and total_ratio > 0:
            distributed = min(most, round(ratio * remaining / total_ratio))
            result.append(value - distributed)
            remaining -= distributed
            total_ratio -= ratio
        else:
            result.append(value)
    return result


# ---------------------------------------------------------------------------------------
# The console.

def _printed(objects: tuple[Any, ...], soft_wrap: bool) -> Any:
    """The one thing `Console.print(*objects)` was given: None (a blank line), a LiteTable
    or markup; Fallback for anything else. Shared by both ways of drawing."""
    if not objects:
        return None
    if len(objects) > 1:
        raise Fallback("several objects")
    thing = objects[0]
    if isinstance(thing, LiteTable):
        if soft_wrap:
            raise Fallback("soft-wrapped table")
    elif not isinstance(thing, str):
        raise Fallback("not text")
    return thing


def _one_line(table: LiteTable) -> str | None:
    """output.hanging's markup, printed as it is when it fits (both cells side by side)."""
    return table.line if table.line is not None and "\n" not in table.line else None


def render(objects: tuple[Any, ...], width: int, soft_wrap: bool = False) -> str:
    """What `Console.print(*objects)` writes, before trailing spaces are trimmed."""
    thing = _printed(objects, soft_wrap)
    if thing is None:
        return "\n"
    if isinstance(thing, LiteTable):
        markup = _one_line(thing)
        if markup is not None:
            line = plain(markup)
            if cell_len(line) <= width:
                return line + "\n"
        return thing.render(width)
    text = plain(thing)
    if soft_wrap:
        return text + "\n"
    return "\n".join(wrap(text, width)) + "\n"


class LiteConsole:
    """The part of `rich.console.Console` the views use: plain text, or (styled) what Rich
    writes to a terminal."""

    def __init__(self, rich_console: Callable[[], Any], width: int,
                 styled: bool = False, colour: bool = False) -> None:
        self._rich_console = rich_console  # makes the Rich console to fall back on
        self.width = width
        self.styled = styled  # a terminal: Rich's escape codes (if colour) and padding
        self.colour = colour

    def print(self, *objects: Any, soft_wrap: bool = False, highlight: Any = None,
              **unknown: Any) -> None:
        # highlight only adds styles, which plain mode does not show
        try:
            if unknown:
                raise Fallback(f"print option {sorted(unknown)}")
            if self.styled:
                text = render_styled(objects, self.width, soft_wrap, self.colour)
            else:
                text = render(objects, self.width, soft_wrap=soft_wrap)
        except Fallback:
            if os.environ.get("MENTORLOG_RENDERER") == "lite":  # tests: no quiet hand-over
                raise
            console = self._rich_console()
            things = [o.to_rich() if isinstance(o, LiteTable) else o for o in objects]
            console.print(*things, soft_wrap=soft_wrap, highlight=highlight, **unknown)
            return
        import sys

        from mentorlog.output import trimmed_stdout

        isatty = getattr(sys.stdout, "isatty", None)
        stream = sys.stdout if self.styled and isatty and isatty() else trimmed_stdout()
        stream.write(text)
        stream.flush()


def console_width(is_terminal: bool) -> int:
    """Rich's Console.size width for a console made without a width (not on Windows)."""
    env = os.environ
    columns, lines = env.get("COLUMNS"), env.get("LINES")
    fixed = int(columns) if columns is not None and columns.isdigit() else None
    if fixed is not None and lines is not None and lines.isdigit():
        return fixed
    if is_terminal and env.get("TERM", "").lower() in ("dumb", "unknown"):
        return 80
    width = None
    for fd in (0, 1, 2):
        try:
            width = os.get_terminal_size(fd)[0]
        except (AttributeError, ValueError, OSError):
            continue
        break
    if fixed is not None:
        return fixed
    return width or 80


def rich_is_terminal() -> bool:
    """Rich's Console.is_terminal for mentorlog's stdout console when stdout is no tty."""
    env = os.environ
    compatible = env.get("TTY_COMPATIBLE", "")
    if compatible in ("0", "1"):
        return compatible == "1"
    force = env.get("FORCE_COLOR")
    return force is not None and force != ""


def rich_terminal(isatty: bool) -> bool:
    """Rich's Console.is_terminal for mentorlog's stdout console (not Jupyter, not IDLE)."""
    compatible = os.environ.get("TTY_COMPATIBLE", "")
    if compatible in ("0", "1"):
        return compatible == "1"
    force = os.environ.get("FORCE_COLOR")
    if force is not None:
        return force != ""
    return isatty


def is_utf8(stream: Any) -> bool:
    return (getattr(stream, "encoding", None) or "utf-8").lower().startswith("utf")




# ---------------------------------------------------------------------------------------
# Styled output for a terminal: what Rich writes with a colour system (or with none, in a
# terminal under NO_COLOR). Text is kept as Rich keeps it, a string with spans (start, end,
# style) in the order Rich keeps them, and every step that moves or cuts spans does what
# rich/text.py does (divide, right_crop, the plain setter's trim, pad_left), because where
# spans begin and end decides where Rich starts a new escape sequence. A line is then a list
# of segments (text, style), as rich/segment.py has them. A style is (attributes, colour):
# bold and dim, and the standard colours red, green, yellow, blue, magenta and cyan (the
# same codes in every colour system); anything else is Fallback.

Style = tuple[int, str | None]
Spans = list[tuple[int, int, Style]]
Segments = list[tuple[str, Style]]
NULL: Style = (0, None)
_ATTRIBUTES = {"bold": 1, "dim": 2}
_COLOURS = {"red": "31", "green": "32", "yellow": "33", "blue": "34", "magenta": "35",
            "cyan": "36"}
_STYLES: dict[str, Style] = {"": NULL, "none": NULL}


def style_of(name: str) -> Style:
    """The style Rich resolves `name` to, or Fallback."""
    style = _STYLES.get(name)
    if style is None:
        bits, colours = 0, []
        for word in name.split():
            if word in _ATTRIBUTES:
                bits |= _ATTRIBUTES[word]
            elif word in _COLOURS:
                colours.append(word)
            else:
                raise Fallback(f"style {name!r}")
        if len(colours) > 1 or not name.split():
            raise Fallback(f"style {name!r}")
        style = _STYLES[name] = (bits, colours[0] if colours else None)
    return style


def _combine(first: Style, second: Style) -> Style:
    """Style.__add__: attributes add up, the later colour wins."""
    return (first[0] | second[0], second[1] or first[1])


def sgr(style: Style) -> str:
    """Style._make_ansi_codes: attributes in bit order, then the colour."""
    codes = [code for bit, code in ((1, "1"), (2, "2")) if style[0] & bit]
    if style[1] is not None:
        codes.append(_COLOURS[style[1]])
    return ";".join(codes)


def parse(markup: str) -> tuple[str, Spans]:
    """rich.markup.render: the plain text and its spans."""
    if "[" not in markup:
        return plain(markup), []
    parts: list[str] = []
    length = 0
    stack: list[tuple[int, Style]] = []
    spans: Spans = []
    position = 0

    def add(piece: str) -> None:
        nonlocal length
        parts.append(piece)
        length += len(piece)

    for match in _re("tags").finditer(markup):
        full, escapes, tag = match.groups()
        start, end = match.span()
        if start > position:
            add(markup[position:start].replace("\\[", "["))
        if escapes:
            backslashes, escaped = divmod(len(escapes), 2)
            add("\\" * backslashes)
            if escaped:
                add(full[len(escapes):].replace("\\[", "["))
                position = end
                continue
        position = end
        if "=" in tag or tag.startswith("@") or tag.startswith("/@"):
            raise Fallback(f"tag {tag!r}")
        if not tag.startswith("/"):
            stack.append((length, style_of(tag)))
            continue
        name = tag[1:].strip()
        if not name:
            if not stack:
                raise Fallback("nothing to close")
            opened, style = stack.pop()
        else:
            wanted = style_of(name)
            found = [i for i, (_, style) in enumerate(stack) if style == wanted]
            if not found:
                raise Fallback("closing tag without its opening tag")
            opened, style = stack.pop(found[-1])
        spans.append((opened, length, style))
    if position < len(markup):
        add(markup[position:].replace("\\[", "["))
    while stack:
        opened, style = stack.pop()
        spans.append((opened, length, style))
    text = "".join(parts)
    cell_len(text.replace("\n", ""))  # raises Fallback on anything it cannot measure
    return text, sorted(spans[::-1], key=lambda span: span[0])


def _divide(text: str, spans: Spans, offsets: list[int]) -> list[tuple[str, Spans]]:
    """Text.divide: the pieces between offsets, each with the non-empty parts of spans."""
    if not offsets:
        return [(text, list(spans))]
    bounds = [0, *offsets, len(text)]
    pieces = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        cut = [(max(0, s - a), min(e - a, b - a), style) for s, e, style in spans]
        pieces.append((text[a:b], [span for span in cut if span[1] > span[0]]))
    return pieces


def _trim(spans: Spans, size: int) -> Spans:
    """Text._trim_spans / right_crop: spans cut at `size` characters."""
    return [(s, min(e, size), style) for s, e, style in spans if s < size]


def _set_plain(text: str, spans: Spans, new: str) -> tuple[str, Spans]:
    """The Text.plain setter: spans are trimmed only when the text got shorter."""
    if new != text and len(text) > len(new):
        spans = _trim(spans, len(new))
    return new, spans


def _truncate_text(text: str, spans: Spans, width: int, overflow: str,
                   pad: bool = False) -> tuple[str, Spans]:
    """Text.truncate."""
    if overflow == "ignore":
        return text, spans
    length = cell_len(text)
    if length > width:
        new = _set_size(text, width - 1) + "…" if overflow == "ellipsis" else _set_size(
            text, width)
        text, spans = _set_plain(text, spans, new)
    if pad and length < width:
        text += " " * (width - length)
    return text, spans


def _justify_text(text: str, spans: Spans, width: int, justify: str,
                  overflow: str) -> tuple[str, Spans]:
    """Lines.justify for one line."""
    if justify == "default":
        return text, spans
    if justify == "left":
        return _truncate_text(text, spans, width, overflow, pad=True)
    if justify not in ("right", "center"):
        raise Fallback(f"justify={justify}")
    text, spans = _set_plain(text, spans, text.rstrip())
    text, spans = _truncate_text(text, spans, width, overflow)
    room = width - cell_len(text)
    left = room if justify == "right" else room // 2
    if left:
        text = " " * left + text
        spans = [(s + left, e + left, style) for s, e, style in spans]
    if justify == "center":
        text += " " * (width - cell_len(text))
    return text, spans


def wrap_text(text: str, spans: Spans, width: int, justify: str = "default",
              overflow: str = "fold", no_wrap: bool = False) -> list[tuple[str, Spans]]:
    """Text.wrap, keeping the spans."""
    if "\t" in text:
        raise Fallback("tab")
    pieces = _divide(text, spans, [i for n in _newlines(text) for i in (n, n + 1)])
    lines: list[tuple[str, Spans]] = []
    for line, line_spans in pieces[::2]:
        if overflow == "ignore":
            lines.append((line, line_spans))
            continue
        if no_wrap or cell_len(line) <= width:
            new = [(line, list(line_spans))]
        else:
            new = []
            for piece, piece_spans in _divide(line, line_spans,
                                              divide_line(line, width, overflow == "fold")):
                cut = len(piece) - len(_rstrip_end(piece, width))
                new.append((piece[:len(piece) - cut], _trim(piece_spans, len(piece) - cut))
                           if cut else (piece, piece_spans))
        for one, one_spans in new:
            one, one_spans = _justify_text(one, one_spans, width, justify, overflow)
            lines.append(_truncate_text(one, one_spans, width, overflow))
    return lines


def _newlines(text: str) -> list[int]:
    return [i for i, ch in enumerate(text) if ch == "\n"] if "\n" in text else []


def segments(text: str, spans: Spans, base: Style = NULL) -> Segments:
    """Text.render for one line, with `base` applied under every style (apply_style)."""
    if not spans:
        return [(text, base)] if text else []
    points = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    out: Segments = []
    for a, b in zip(points, points[1:], strict=False):
        piece = text[a:b]
        if piece:
            style = base
            for s, e, span_style in spans:
                if s <= a < e:
                    style = _combine(style, span_style)
            out.append((piece, style))
    return out


def _line_len(line: Segments) -> int:
    return sum(cell_len(text) for text, _ in line)


def _shape(line: Segments, width: int, style: Style | None) -> Segments:
    """Segment.adjust_line_length: cropped to `width`, padded with `style` unless None."""
    length = _line_len(line)
    if length < width:
        return line + [(" " * (width - length), style)] if style is not None else line
    if length == width:
        return line
    out: Segments = []
    used = 0
    for text, seg_style in line:
        size = cell_len(text)
        if used + size < width:
            out.append((text, seg_style))
            used += size
        else:
            out.append((_set_size(text, width - used), seg_style))
            break
    return out


def _table_lines(table: LiteTable, width: int) -> list[Segments]:
    """LiteTable.render as lines of segments."""
    if not table.columns:
        table._options()
        return [[]]
    o, columns, specs, widths, pads, any_padding, extra = table._layout(width)
    n = len(specs)
    boxed = bool(o["box"])
    header_style = style_of("bold" if o["header_style"] == _DEFAULT else o["header_style"])
    raw = [spec_cells for spec_cells in _raw_cells(table, o)]
    rendered: list[list[list[Segments]]] = []  # column, row, lines
    styles: list[list[Style]] = []
    for i, spec in enumerate(specs):
        lft, rgt = pads(i) if any_padding else (0, 0)
        inner = widths[i] - lft - rgt
        cells: list[list[Segments]] = []
        column_styles: list[Style] = []
        for r, markup in enumerate(raw[i]):
            header = o["show_header"] and r == 0
            style = (_combine(header_style, style_of(spec.get("header_style") or ""))
                     if header else style_of(spec.get("style") or ""))
            column_styles.append(style)
            if inner < 1:  # Rich renders nothing there: the row's blank lines fill it
                cells.append([])
                continue
            text, spans = parse(markup)
            lines = wrap_text(text, spans, inner, spec.get("justify", "left"),
                              spec.get("overflow", "ellipsis"), bool(spec.get("no_wrap")))
            cell = []
            for line, line_spans in lines:
                segs = _shape(segments(line, line_spans, style), inner, style)
                cell.append(([(" " * lft, style)] if lft else []) + segs
                            + ([(" " * rgt, style)] if rgt else []))
            cells.append(cell)
        rendered.append(cells)
        styles.append(column_styles)

    out: list[Segments] = []
    if boxed:
        out.append([("┏" + "┳".join("━" * w for w in widths) + "┓", NULL)])
    for r in range(len(raw[0])):
        header = o["show_header"] and r == 0
        cells = [rendered[i][r] for i in range(n)]
        height = max(1, *(len(c) for c in cells))
        for i, c in enumerate(cells):
            blank = [[(" " * widths[i], styles[i][r])]] * (height - len(c))
            cells[i] = blank + c if header else c + blank
        edge = [("┃" if header else "│", NULL)]
        for line_no in range(height):
            row: Segments = list(edge) if boxed else []
            for i, c in enumerate(cells):
                if boxed and i:
                    row.extend(edge)
                row.extend(c[line_no])
            out.append(row + edge if boxed else row)
        if boxed and header:
            out.append([("┡" + "╇".join("━" * w for w in widths) + "┩", NULL)])
    if boxed:
        out.append([("└" + "┴".join("─" * w for w in widths) + "┘", NULL)])
    return [_shape(segs, width, None) for segs in out]


def _raw_cells(table: LiteTable, o: dict[str, Any]) -> list[list[str]]:
    """The markup of every cell, column by column (header first), as `_cells` reads it."""
    columns = []
    for index, (args, kwargs) in enumerate(table.columns):
        cells = [kwargs.get("header", args[0] if args else "")] if o["show_header"] else []
        cells.extend((row[index] if index < len(row) else "") or "" for row, _ in table.rows)
        columns.append([cell or "" for cell in cells])
    return columns


def styled_lines(objects: tuple[Any, ...], width: int, soft_wrap: bool = False
                 ) -> list[Segments]:
    """What `Console.print(*objects)` renders, as lines of segments."""
    thing = _printed(objects, soft_wrap)
    if thing is None:
        return [[]]
    if isinstance(thing, LiteTable):
        markup = _one_line(thing)
        if markup is not None:
            text, spans = parse(markup)
            if cell_len(text) <= width:
                return [segments(text, spans)]
        return _table_lines(thing, width)
    text, spans = parse(thing)
    if soft_wrap:
        return [segments(*line) for line in wrap_text(text, spans, width, overflow="ignore")]
    return [_shape(segments(*line), width, None) for line in wrap_text(text, spans, width)]


def render_styled(objects: tuple[Any, ...], width: int, soft_wrap: bool = False,
                  colour: bool = True) -> str:
    """The bytes Rich writes to a terminal: SGR codes around each styled segment (none at
    all without a colour system), every line kept whole, padding included."""
    out: list[str] = []
    for line in styled_lines(objects, width, soft_wrap):
        for text, style in line:
            if not text:
                continue
            codes = sgr(style) if colour else ""
            out.append(f"\x1b[{codes}m{text}\x1b[0m" if codes else text)
        out.append("\n")
    return "".join(out)
