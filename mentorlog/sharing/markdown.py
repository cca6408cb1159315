"""Markdown typed by the mentee inside an export: its headings kept under the section that
holds it, and, for the HTML page, rendered by markdown-it-py with nothing from a note that
could act in a browser (raw HTML is escaped, links are http, https or mailto only)."""

from __future__ import annotations

import re
from typing import Any

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^( {0,3})(#{1,6})(?=[ \t]|$)")
SAFE_SCHEMES = ("http:", "https:", "mailto:")


def demote(text: str, levels: int) -> str:
    """`text` with each ATX heading (`## Extra`) `levels` deeper (at most `######`), so a
    heading added by hand in a meeting file stays inside its meeting; code is left as is."""
    out = []
    fence = ""
    for line in text.split("\n"):
        m = _FENCE.match(line)
        if fence:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = ""
        elif m:
            fence = m.group(1)
        else:
            line = _HEADING.sub(lambda h: h.group(1) + "#" * min(6, len(h.group(2)) + levels),
                                line, count=1)
        out.append(line)
    return "\n".join(out)


def _safe_link(url: str) -> bool:
    return url.strip().lower().startswith(SAFE_SCHEMES)


_parser: Any = None


def _markdown() -> Any:
    """CommonMark without raw HTML (it is escaped) or images (the page loads nothing), with
    http, https and mailto links only; bare URLs are not turned into links."""
    global _parser
    if _parser is None:
        from markdown_it import MarkdownIt  # only for the HTML export

        md = MarkdownIt("commonmark", {"html": False})
        md.disable("image")
        md.validateLink = _safe_link  # type: ignore[method-assign]
        _parser = md
    return _parser


def to_html(text: str, levels: int = 3) -> str:
    """A markdown body as HTML, its headings `levels` deeper (a note's `#` becomes `<h4>`
    under the page's `<h3>`)."""
    return str(_markdown().render(demote(text, levels)))


def inline_html(text: str) -> str:
    """One line of markdown (a note's title) as inline HTML: `**bold**` drawn, not shown."""
    return str(_markdown().renderInline(text))
