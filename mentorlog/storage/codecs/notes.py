"""notes/*.md: a Note to and from its document (front matter, and the note's text as body)."""

from __future__ import annotations

from typing import Any

from mentorlog.core.agreement import PRIVACY_LEVELS
from mentorlog.core.errors import SchemaError
from mentorlog.core.notes import Note
from mentorlog.storage.documents import Document
from mentorlog.storage.fields import Fields


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
