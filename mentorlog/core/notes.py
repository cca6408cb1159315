"""Between-meeting notes: one markdown file each, named by date and a safe slug (pure)."""

from __future__ import annotations

import re
from datetime import datetime

from msgspec import Struct

from mentorlog.core.errors import MentorlogError

FOLDER = "notes"
SLUG_MAX = 40
TITLE_MAX = 80
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_TAG = re.compile(r"^[^\s#,][^\s,]{0,39}$")


class Note(Struct, frozen=True):
    """A between-meetings note (notes/YYYY-MM-DD-slug.md)."""

    created: datetime
    title: str
    body: str
    tags: tuple[str, ...] = ()
    privacy: str = "normal"
    source: str = ""  # where an imported note came from, e.g. "jrnl:<hash>" (imports dedupe)

    @property
    def private(self) -> bool:
        return self.privacy != "normal"


def slug(title: str) -> str:
    """`[a-z0-9-]`, at most SLUG_MAX long, never empty: safe on every file system."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")
    return words[:SLUG_MAX].rstrip("-") or "note"


def title_of(text: str) -> str:
    """The first non-empty line, without a leading markdown `#`, cut to TITLE_MAX characters."""
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line if len(line) <= TITLE_MAX else line[: TITLE_MAX - 1].rstrip() + "…"
    return ""


def parse_tag(text: str) -> str:
    tag = text.strip().lstrip("#").lower()
    if not _TAG.match(tag):
        raise MentorlogError(f"{text!r} is not a tag: one word, no spaces or commas")
    return tag


def privacy_of(private: bool, confidential: bool) -> str:
    return "confidential" if confidential else "private" if private else "normal"


def new_note(text: str, created: datetime, tags: list[str], privacy: str) -> Note:
    body = text.strip()
    if not body:
        raise MentorlogError("the note is empty: nothing saved")
    unique = tuple(dict.fromkeys(parse_tag(t) for t in tags))
    return Note(created, title_of(body), body + "\n", unique, privacy)


def note_stem(note: Note) -> str:
    return f"{note.created.date().isoformat()}-{slug(note.title)}"
