"""notes/*.md: a Note to and from its document (front matter, and the note's text as body).
A note saved before short ids has no `id`: it reads as before, and gets one from
storage/note_ids.py."""

from __future__ import annotations

from typing import Any

from mentorlog.core.agreement import PRIVACY_LEVELS
from mentorlog.core.errors import SchemaError
from mentorlog.core.notes import Note, note_number
from mentorlog.storage.documents import Document
from mentorlog.storage.fields import Fields


def note_to_doc(note: Note) -> Document:
    meta: dict[str, Any] = {"id": note.id} if note.id else {}
    meta.update({"created": note.created, "title": note.title, "tags": list(note.tags)})
    meta["privacy"] = note.privacy
    if note.source:
        meta["source"] = note.source
    return Document(meta, note.body)


def note_from_doc(doc: Document) -> Note:
    f = Fields(doc.meta)
    tags = tuple(f.strings("tags"))
    if any(t != t.strip() or not t for t in tags):
        raise SchemaError("tags", "a tag cannot be empty or start or end with spaces")
    note_id = f.str("id", "").strip().lower()
    if note_id and note_number(note_id) is None:
        raise SchemaError("id", f"expected a note id like n42, got {note_id!r}")
    return Note(
        created=f.datetime("created"),
        title=f.str("title", ""),
        body=doc.body,
        tags=tags,
        privacy=f.choice("privacy", PRIVACY_LEVELS, "normal"),
        source=f.str("source", ""),
        id=note_id,
    )
