"""mentorlog/lite.py writes exactly what Rich writes in plain mode, or falls back to Rich.

Random content at random widths goes through both renderers: the lite one and a real Rich
console made as `output._console` makes it (no colour system, no highlighting, no emoji
codes), with the same trimming of trailing spaces that stdout gets when it is not a
terminal. Where the lite renderer gives up (`Fallback`) the case is counted, and realistic
content (short cells, the widths of real terminals) must never give up.
"""

from __future__ import annotations

import io
import string
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentorlog import lite
from mentorlog.lite import Fallback, LiteTable

FALLBACKS: Counter[str] = Counter()
SETTINGS = settings(max_examples=300, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def trim(text: str) -> str:
    return "\n".join(line.rstrip(" ") for line in text.split("\n"))


def rich_output(objects: tuple[object, ...], width: int, soft_wrap: bool = False) -> str:
    from rich.console import Console

    console = Console(file=io.StringIO(), width=width, color_system=None, highlight=False,
                      emoji=False)
    things = [o.to_rich() if isinstance(o, LiteTable) else o for o in objects]
    console.print(*things, soft_wrap=soft_wrap)
    return trim(console.file.getvalue())  # type: ignore[attr-defined]


def same_as_rich(objects: tuple[object, ...], width: int, kind: str,
                 soft_wrap: bool = False) -> bool:
    """Both renderers agree; False (and counted) when the lite one falls back."""
    try:
        mine = trim(lite.render(objects, width, soft_wrap=soft_wrap))
    except Fallback:
        FALLBACKS[kind] += 1
        return False
    assert mine == rich_output(objects, width, soft_wrap), (objects, width)
    return True


# -- content ---------------------------------------------------------------------------

WORD = st.text(string.ascii_letters + string.digits + ".,:;!?'\"()-/#@", min_size=1,
               max_size=12)
LONG_WORD = st.text(string.ascii_lowercase, min_size=20, max_size=70)
MARKS = st.sampled_from(["—", "·", "•", "○", "✓", "✗", "…", "█", "░", "▒", "─", "┃", "é",
                         "ß", "Ω", "Ж"])
WIDE = st.sampled_from(["日本", "漢字", "🔒", "😀", "ｱ", "e\u0301", "\u200b"])
BRACKETS = st.sampled_from(["[", "]", "[x]", "[ ]", "\\[", "[1/2]", "a[b]c", "\\", "[/]"])
TAG = st.sampled_from(["bold", "dim", "yellow", "red", "green", "cyan", "b", "link=x",
                       "foo", "bold red"])
SPACES = st.sampled_from([" ", " ", " ", "  ", "   ", "\n"])


STYLED_TAG = st.sampled_from(["bold", "dim", "yellow", "red", "green", "bold yellow",
                              "dim red", "bold dim green", "yellow bold", "cyan",
                              "italic"])


@st.composite
def markup(draw: st.DrawFn, wide: bool = True, max_tokens: int = 25,
           tags: st.SearchStrategy[str] = TAG) -> str:
    """Words, marks, brackets and user text escaped with output.escape, some in tags."""
    kinds = [WORD, WORD, WORD, WORD, WORD, WORD, MARKS, MARKS, LONG_WORD,
             # user text, escaped whole as the views do; not ending in an unclosed "[",
             # which the next token could close into a tag no view ever writes
             st.builds(lite.escape, st.text(string.printable.strip() + " ", max_size=15)
                       .filter(lambda t: "[" not in t.rsplit("]", 1)[-1]))]
    if wide:
        kinds.append(WIDE)
    tokens = draw(st.lists(st.one_of(*kinds), max_size=max_tokens))
    out: list[str] = []
    for token in tokens:
        roll = draw(st.integers(0, 9))
        if roll == 0:
            tag = draw(tags)
            token = f"[{tag}]{token}[/{tag}]" if draw(st.booleans()) else f"[{tag}]{token}[/]"
        elif roll == 1:
            token = lite.escape(token + draw(BRACKETS))
        out.append(token)
        out.append(draw(SPACES))
    return "".join(out).strip(" ") if draw(st.booleans()) else "".join(out)


@st.composite
def tables(draw: st.DrawFn, cell: st.SearchStrategy[str], shape: str,
           styles: tuple[str, ...] = ("bold", "dim", "cyan")) -> LiteTable:
    if shape == "grid":
        table = LiteTable(grid=True, padding=draw(st.sampled_from([0, (0, 1), (0, 2)])))
    elif shape == "boxed":  # statusview's goals, task
        table = LiteTable(show_header=True, header_style="bold")
    else:  # goals, schedule
        table = LiteTable(show_header=True, header_style="bold", expand=False, box=None,
                          padding=(0, 1), pad_edge=draw(st.booleans()))
    n_columns = draw(st.integers(1, 4))
    for _ in range(n_columns):
        options = draw(st.fixed_dictionaries({}, optional={
            "no_wrap": st.booleans(), "overflow": st.sampled_from(["fold", "ellipsis"]),
            "justify": st.sampled_from(["left", "right"]), "style": st.sampled_from(
                styles), "header_style": st.sampled_from(styles), "min_width": st.integers(1, 20),
            "width": st.integers(1, 12)}))
        header = () if shape == "grid" else (draw(st.sampled_from(["Goal", "Due", "Days",
                                                                    "You (Europe/Berlin)"])),)
        table.add_column(*header, **options)
    for _ in range(draw(st.integers(1, 5))):
        table.add_row(*draw(st.lists(cell, min_size=n_columns, max_size=n_columns)))
    return table


WIDTHS = st.integers(20, 140)


# -- the properties --------------------------------------------------------------------

@SETTINGS
@given(markup(max_tokens=60), WIDTHS, st.booleans())
def test_console_lines_are_rich_s(text: str, width: int, soft_wrap: bool) -> None:
    same_as_rich((text,), width, "line", soft_wrap)


@SETTINGS
@given(st.sampled_from(["grid", "boxed", "plain"]).flatmap(
    lambda shape: tables(st.one_of(markup(wide=False, max_tokens=8), markup(max_tokens=3)),
                         shape)), WIDTHS)
def test_tables_and_grids_are_rich_s(table: LiteTable, width: int) -> None:
    same_as_rich((table,), width, "table")


REALISTIC_CELL = markup(wide=False, max_tokens=6).filter(lambda s: len(s) <= 60)


@SETTINGS
@given(st.sampled_from(["grid", "boxed", "plain"]).flatmap(
    lambda shape: tables(REALISTIC_CELL, shape)), st.sampled_from([80, 100]))
def test_realistic_tables_never_fall_back(table: LiteTable, width: int) -> None:
    assert same_as_rich((table,), width, "realistic table")


@SETTINGS
@given(markup(wide=False, max_tokens=60), st.sampled_from([80, 100]))
def test_realistic_lines_never_fall_back(text: str, width: int) -> None:
    assert same_as_rich((text,), width, "realistic line")


@SETTINGS
@given(st.text(string.printable + "[]\\/@#=", max_size=40))
def test_markup_is_stripped_as_rich_does_or_handed_over(text: str) -> None:
    from rich.errors import MarkupError
    from rich.markup import escape, render

    assert lite.escape(text) == escape(text)
    try:
        mine = lite.plain(text)
    except Fallback:
        FALLBACKS["markup"] += 1
        return
    try:
        theirs = render(text, emoji=False).plain
    except MarkupError:
        pytest.fail(f"Rich rejects {text!r}, lite printed it")
    assert mine == theirs


def test_the_widths_lite_knows_are_rich_s() -> None:
    from rich.cells import cell_len

    for ranges, width in ((lite._NARROW, 1), (lite._WIDE, 2)):
        for low, high in ranges:
            for code in range(low, high + 1):
                assert cell_len(chr(code)) == width, hex(code)


def test_the_hanging_list_line_and_the_dashboard_shapes() -> None:
    from mentorlog.output import hanging

    line = hanging("  • " + "word " * 40)
    for width in (20, 60, 80, 140):
        assert same_as_rich((line,), width, "hanging")
    status = LiteTable(grid=True, padding=(0, 2))
    status.add_column(style="bold", no_wrap=True)
    status.add_column()
    status.add_row("Next meeting",
                   "Tue 1 Dec 18:00 (in 7 days)\nTue 12:00 for Ada (America/New_York)")
    status.add_row("Task", "Read the guide " * 12)
    for width in (30, 60, 80, 140):
        assert same_as_rich((status,), width, "dashboard")


# -- styled output for a terminal (output.styled_mode) -----------------------------------

COLOUR_SYSTEMS = st.sampled_from(["standard", "256", "truecolor", None])
STYLED_MARKUP = markup(max_tokens=40, tags=STYLED_TAG)
STYLED_CELL = st.one_of(markup(wide=False, max_tokens=8, tags=STYLED_TAG),
                        markup(max_tokens=3, tags=STYLED_TAG))
STYLES = ("bold", "dim", "yellow", "bold red", "cyan", "none", "")


def rich_terminal_output(objects: tuple[object, ...], width: int, colour_system: str | None,
                         soft_wrap: bool = False) -> str:
    """What Rich writes to a terminal: escape codes and padding, nothing trimmed."""
    from rich.console import Console

    # no_color=False: the tests' NO_COLOR=1 must not reach Rich here (mentorlog's console
    # has no colour system at all under NO_COLOR: the colour_system=None case)
    console = Console(file=io.StringIO(), width=width, force_terminal=True,
                      color_system=colour_system, highlight=False, emoji=False,
                      no_color=False)
    things = [o.to_rich() if isinstance(o, LiteTable) else o for o in objects]
    console.print(*things, soft_wrap=soft_wrap)
    return console.file.getvalue()  # type: ignore[attr-defined]


def styled_same_as_rich(objects: tuple[object, ...], width: int, colour_system: str | None,
                        kind: str, soft_wrap: bool = False) -> bool:
    try:
        mine = lite.render_styled(objects, width, soft_wrap, colour_system is not None)
    except Fallback:
        FALLBACKS[kind] += 1
        return False
    theirs = rich_terminal_output(objects, width, colour_system, soft_wrap)
    assert mine == theirs, (objects, width, colour_system)
    return True


@SETTINGS
@given(STYLED_MARKUP, WIDTHS, COLOUR_SYSTEMS, st.booleans())
def test_styled_console_lines_are_rich_s(text: str, width: int, colour_system: str | None,
                                         soft_wrap: bool) -> None:
    styled_same_as_rich((text,), width, colour_system, "styled line", soft_wrap)


@SETTINGS
@given(st.sampled_from(["grid", "boxed", "plain"]).flatmap(
    lambda shape: tables(STYLED_CELL, shape, STYLES)), WIDTHS, COLOUR_SYSTEMS)
def test_styled_tables_and_grids_are_rich_s(table: LiteTable, width: int,
                                            colour_system: str | None) -> None:
    styled_same_as_rich((table,), width, colour_system, "styled table")


@SETTINGS
@given(st.sampled_from(["grid", "boxed", "plain"]).flatmap(
    lambda shape: tables(markup(wide=False, max_tokens=6, tags=STYLED_TAG.filter(
        lambda tag: tag != "italic")).filter(lambda s: len(s) <= 60), shape, STYLES)),
    st.sampled_from([80, 100]), COLOUR_SYSTEMS)
def test_realistic_styled_tables_never_fall_back(table: LiteTable, width: int,
                                                 colour_system: str | None) -> None:
    assert styled_same_as_rich((table,), width, colour_system, "realistic styled table")


def test_the_styles_lite_knows_are_rich_s() -> None:
    from rich.color import ColorSystem
    from rich.style import Style

    words = [*lite._ATTRIBUTES, *lite._COLOURS]
    for first in words:
        for second in words:
            name = f"{first} {second}"
            try:
                style = lite.style_of(name)
            except Fallback:  # two colours
                continue
            for system in (ColorSystem.STANDARD, ColorSystem.EIGHT_BIT, ColorSystem.TRUECOLOR):
                codes = lite.sgr(style)
                assert Style.parse(name).render("x", color_system=system) == (
                    f"\x1b[{codes}mx\x1b[0m"), (name, system)


def test_styled_dashboard_shapes() -> None:
    from mentorlog.output import hanging

    status = LiteTable(grid=True, padding=(0, 2))
    status.add_column(style="bold", no_wrap=True)
    status.add_column()
    status.add_row("Next meeting", "Tue 1 Dec [yellow]18:00[/yellow] (in 7 days)\n"
                   "[dim]Tue 12:00 for Ada (America/New_York)[/dim]")
    status.add_row("Task", "[bold]t1[/bold] Read the guide " * 12)
    goals = LiteTable(show_header=True, header_style="bold")
    goals.add_column("Goal")
    goals.add_column("Due", style="dim", justify="right")
    goals.add_row("[bold]g1[/bold] [red]overdue[/red] learn " * 4, "2026-12-01")
    for width in (20, 30, 60, 80, 140):
        for colour_system in ("standard", "256", "truecolor", None):
            for thing in (status, goals, hanging("  • [bold]x[/bold] " + "word " * 40)):
                assert styled_same_as_rich((thing,), width, colour_system, "dashboard")


def test_fallbacks_are_counted_and_rare() -> None:
    """Runs after the properties above (file order): realistic ones never fell back."""
    assert FALLBACKS["realistic line"] == 0
    assert FALLBACKS["realistic table"] == 0
    assert FALLBACKS["realistic styled table"] == 0
    print(dict(FALLBACKS))  # shown with -s: how often random content went to Rich
