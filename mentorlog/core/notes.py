"""Between-meeting notes: one markdown file each, named by date and a safe slug (pure)."""

from __future__ import annotations

import re
from datetime import datetime

from mentorlog.core.errors import MentorlogError, SchemaError
from mentorlog.storage.fields import Fields
from mentorlog.core.model import PRIVACY_LEVELS
from mentorlog.storage.documents import Document
from msgspec import Struct

from typing import Any

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


def note_to_doc(note: Note) -> Document:
    meta: dict[str, Any] = {"created": note.created, "title": note.title, "tags": list(note.tags)}
    meta["privacy"] = note.privacy
    if note.source:
        meta["source"] = note.source
    return Document(meta, note.body)


def note_from_doc(doc: Document) -> Note:
    f = Fields(doc.meta)
    tags = tuple(f.strings("tags"))
    if any(t != t.strip() or not t for t in tags):
        raise SchemaError("tags", "a tag cannot be empty or start or end with spaces")
    return Note(
        created=f.datetime("created"),
        title=f.str("title", ""),
        body=doc.body,
        tags=tags,
        privacy=f.choice("privacy", PRIVACY_LEVELS, "normal"),
        source=f.str("source", ""),
    )
