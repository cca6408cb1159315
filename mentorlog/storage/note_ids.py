"""Short note ids (`n42`): read from each note's front matter through the store's cache; a
note without one (saved before ids, or written by hand) gets the first free number in the
order of the file names, so old files keep reading unchanged and their ids stay put."""

from __future__ import annotations

from mentorlog.core.errors import MentorlogError
from mentorlog.core.meetings import doc_id
from mentorlog.core.notes import FOLDER, note_number
from mentorlog.storage.store import Store

IDS_KIND = "note-ids-1"  # the shape of _stored_id's summary; bump when it changes


def _stored_id(store: Store, rel: str) -> str:
    """The `id` a note's front matter gives (normalised), or "" (none, or not one). A note
    that does not read is numbered like one without an id: the command that reads it
    reports it, and one broken file does not stop `log` from listing the others."""
    try:
        value = store.load_doc(rel, opened=False).meta.get("id", "")  # in clear: no key needed
    except MentorlogError:
        return ""
    text = value.strip().lower() if isinstance(value, str) else ""
    return text if note_number(text) is not None else ""


def note_ids(store: Store) -> dict[str, str]:
    """rel -> short id of every note. A number written twice (two machines synced) stays
    with the first file by name; the other is numbered as a note without an id."""
    rels = store.list_docs(FOLDER)
    stored = store.summaries(FOLDER, lambda rel: _stored_id(store, rel), IDS_KIND)
    ids: dict[str, str] = {}
    used: set[int] = set()
    for rel, ident in zip(rels, stored, strict=True):
        number = note_number(ident) if ident else None
        if number is not None and number not in used:
            ids[rel] = ident
            used.add(number)
    n = 1
    for rel in rels:
        if rel not in ids:
            while n in used:
                n += 1
            ids[rel] = f"n{n}"
            used.add(n)
    return ids


def next_note_id(store: Store) -> str:
    """The id for a new note: after every number in use."""
    numbers = [note_number(i) or 0 for i in note_ids(store).values()]
    return f"n{max(numbers, default=0) + 1}"


def find_note(store: Store, ident: str) -> str | None:
    """The file (rel) of a note by its short id (`n42`) or its slug (`2026-11-26-title`)."""
    key = ident.strip().lower()
    ids = note_ids(store)
    if note_number(key) is not None:
        return next((rel for rel, i in ids.items() if i == key), None)
    return next((rel for rel in ids if doc_id(rel) == key), None)
