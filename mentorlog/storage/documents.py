"""Markdown documents with TOML front matter between `+++` lines (meetings, notes, reviews),
and their bodies made of `## Question` sections, read back exactly.

A line of user text that would read as one of the known headings is written with a
leading backslash (`\\## What went well?`, which markdown shows as the literal text) and
the backslash is removed again when the file is read, so answers never leak into
another section. Lines are split on "\\n" only, so CR and other characters stay as typed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from msgspec import Struct, field

from mentorlog.core.errors import FileProblem
from mentorlog.storage.toml import SCHEMA_VERSION, parse_toml


class Document(Struct, frozen=True):
    """A markdown file with TOML front matter between `+++` lines."""

    meta: dict[str, Any] = field(default_factory=dict)
    body: str = ""


def _known(line: str, headings: frozenset[str]) -> bool:
    return line.rstrip("\r").lstrip("\\") in headings


def _escape(text: str, headings: frozenset[str]) -> str:
    return "\n".join(
        "\\" + line if _known(line, headings) else line for line in text.split("\n")
    )


def heading_lines(titles: Iterable[str]) -> frozenset[str]:
    return frozenset(f"## {t}" for t in titles)


def dump_sections(intro: str, sections: Iterable[tuple[str, str]], titles: Iterable[str]) -> str:
    """`intro`, then `## title` + text for each (title, text); texts are written stripped."""
    known = heading_lines(titles)
    parts = [_escape(intro.strip(), known)]
    for title, text in sections:
        body = _escape(text.strip(), known)
        parts.append(f"## {title}\n\n{body}" if body else f"## {title}")
    return "\n\n".join(parts).strip("\n") + "\n"


def parse_sections(body: str, titles: Iterable[str]) -> tuple[str, dict[str, str]]:
    """(intro, {title: text}) for the known titles found; other text stays where it is."""
    known = heading_lines(titles)
    intro: list[str] = []
    found: dict[str, list[str]] = {}
    current = intro
    for line in body.split("\n"):
        bare = line.rstrip("\r")
        if bare in known:
            current = found.setdefault(bare[3:], [])
            continue
        if line.startswith("\\") and _known(line, known):
            line = line[1:]
        current.append(line)
    return "\n".join(intro).strip(), {t: "\n".join(v).strip() for t, v in found.items()}


def dump_document(doc: Document) -> str:
    import tomli_w

    meta = {"schema_version": SCHEMA_VERSION}
    meta.update((k, v) for k, v in doc.meta.items() if k != "schema_version")
    return f"+++\n{tomli_w.dumps(meta)}+++\n{doc.body}"


def parse_document(text: str, path: str,
                   parse: Callable[[str, str, int], dict[str, Any]] | None = None) -> Document:
    """A markdown file with TOML front matter; `parse` is parse_toml or a cached stand-in."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip("\r\n") != "+++":
        raise FileProblem(path, "expected front matter: the first line must be '+++'", 1, 1)
    for i in range(1, len(lines)):
        if lines[i].rstrip("\r\n") == "+++":
            meta = (parse or parse_toml)("".join(lines[1:i]), path, 1)
            meta.pop("schema_version")
            return Document(meta, "".join(lines[i + 1 :]))
    raise FileProblem(path, "the front matter is not closed by a '+++' line", len(lines), 1)
