"""Reading the log's entries from the documents: only the ones the output needs.

Fast over years of notes: documents are picked by the date in their file name and only
the ones the output needs are read; `--grep` checks the raw text before parsing anything,
and goes through the store's search cache.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from functools import partial
from typing import Any

from msgspec.structs import replace

from mentorlog.core.errors import MentorlogError
from mentorlog.core.log import (
    RETROSPECTIVE_ID,
    Entry,
    Filters,
    meeting_entry,
    note_entry,
    question_entry,
    retrospective_entry,
    review_entry,
    select,
    task_entry,
)
from mentorlog.core.meetings import date_of, doc_id
from mentorlog.core.notes import note_number
from mentorlog.core.reviews import REVIEW_FOLDER
from mentorlog.storage.codecs.meetings import meeting_from_doc
from mentorlog.storage.codecs.notes import note_from_doc
from mentorlog.storage.codecs.reviews import review_from_doc
from mentorlog.storage.formats import QUESTIONS, TASKS
from mentorlog.storage.mentorships import RETROSPECTIVE, load_retrospective
from mentorlog.storage.note_ids import find_note, note_ids
from mentorlog.storage.store import Store, decode_text

ARMOR = b"-----BEGIN AGE ENCRYPTED FILE-----"
_FOLDERS = {"meetings": "meeting", "notes": "note", REVIEW_FOLDER: "review"}
_DOC_ID = re.compile(r"^(?:(review-)?\d{4}-\d{2}-\d{2}(?:-[a-z0-9-]{1,60})?)$")

def _named(store: Store, f: Filters) -> list[tuple[date, str, str]]:
    """(date, kind, rel) of every document in range, from file names alone."""
    found = []
    for folder, kind in _FOLDERS.items():
        if f.tag and kind != "note":
            continue
        for rel in store.list_docs(folder):
            day = date_of(rel)
            if day is not None and f.covers(day):
                found.append((day, kind, rel))
    return found


def _doc_entry(store: Store, kind: str, day: date, rel: str, f: Filters) -> Entry | None:
    data = store.read_bytes(rel)
    if data is None:
        return None
    sealed = ARMOR in data  # its text is searched once opened (storage/sealing.py)
    if f.grep and not sealed and _surely_without(data, f.grep):
        return None  # most files are never decoded, let alone parsed
    text = decode_text(data, store.display(rel))
    if f.grep and not sealed and f.grep not in text.lower():
        return None
    doc = store.parse_doc(text, rel)
    try:
        if kind == "note":
            note = note_from_doc(doc)
            return note_entry(note.id or doc_id(rel), note)  # see _numbered
        if kind == "meeting":
            return meeting_entry(meeting_from_doc(doc), doc.body)
        if kind == "review":
            return review_entry(day, doc.body, review_from_doc(doc))
    except MentorlogError as e:
        raise MentorlogError(f"{store.display(rel)}: {e}") from None
    return review_entry(day, doc.body)


# The only characters outside ASCII whose str.lower() holds ASCII letters: İ -> i̇, K -> k.
_LOWER_TO_ASCII = ("\u0130".encode(), "\u212a".encode())


def _surely_without(data: bytes, grep: str) -> bool:
    """True when `grep` (lower case) cannot be in `data` decoded and lowered (str.lower).

    For an ASCII word, lowering the raw bytes (ASCII letters only) finds every match except
    through the two characters above, so a file holding either is decided on its text.
    """
    if not grep.isascii() or grep.encode() in data.lower():
        return False
    return not any(c in data for c in _LOWER_TO_ASCII)


SEARCH_KIND = "log-search-1"  # the shape of _search_entry; bump when it changes


def _search_entry(store: Store, kind: str, rel: str) -> tuple[list[Any], list[str] | None]:
    """A document's log entry as JSON values and its texts to search (lower case), for
    Store.search. A document that cannot be read is looked at on every search (None)."""
    day = date_of(rel)
    if day is None:
        return [rel, "skip"], []
    opened = store.sealer.opened
    try:
        e = _doc_entry(store, kind, day, rel, Filters())
    except MentorlogError:
        return [rel, "problem"], None  # decided, and reported, by reading it (_searched)
    if store.sealer.opened != opened:
        return [rel, "sealed"], None  # its text is never kept in the cache
    if e is None:
        return [rel, "skip"], []
    return ([rel, "entry", e.kind, e.day.isoformat(), e.id, e.text, list(e.tags), e.privacy,
             e.order], [e.text.lower(), e.body.lower()])  # as Entry.matches looks


def _searched(store: Store, f: Filters, whole: bool = False) -> list[Entry]:
    """`--grep` over years of notes: the entries whose text holds the word, from the
    store's search cache (a document is read again only when its file changed). The date
    filters are applied to what is found, by the dates in the file names (as _named)."""
    found: list[tuple[str, Entry]] = []
    for folder, kind in _FOLDERS.items():
        if f.tag and kind != "note":
            continue
        hits = store.search(folder, partial(_search_entry, store, kind), SEARCH_KIND, f.grep)
        for rel, state, *fields in hits:
            named = date_of(rel)
            if named is None or not f.covers(named):
                continue
            e: Entry | None = None
            if state == "entry" and whole:  # `--json` prints the body: read the file
                e = _doc_entry(store, kind, named, rel, Filters())
            elif state == "entry":
                k, day, ident, text, tags, privacy, order = fields
                e = Entry(k, date.fromisoformat(day), ident, text, tuple(tags), privacy, order)
            elif state == "problem":  # as without the cache: an error only if it matches
                e = _doc_entry(store, kind, named, rel, f)
            elif state == "sealed":  # opened on every search, never cached
                e = _doc_entry(store, kind, named, rel, f)
                e = e if e is not None and e.matches(f.grep) else None
            if e is not None:
                found.append((rel, e))
    return _numbered(store, found)


def _numbered(store: Store, found: list[tuple[str, Entry]]) -> list[Entry]:
    """The entries, each note with the short id `show` takes. Its `id` in the front matter
    is enough, unless a note has none (saved before ids) or two share one (two machines):
    then every note of the folder is numbered (storage/note_ids.py), which reads the
    front matter of them all (from the cache)."""
    stored = [e.id for _, e in found if e.kind == "note"]
    if all(note_number(i) is not None for i in stored) and len(set(stored)) == len(stored):
        return [e for _, e in found]
    ids = note_ids(store)
    return [replace(e, id=ids.get(rel, e.id)) if e.kind == "note" else e for rel, e in found]


def collect(store: Store, records: Iterable[Entry], f: Filters,
            whole: bool = False) -> list[Entry]:
    """The entries the filters ask for; `records` are the ones from TOML files. `whole`:
    every entry with its body (`log --json`), also those a search found in its cache."""
    small = [e for e in records if f.covers(e.day)]
    if f.grep:  # the documents found already hold the word
        small = [e for e in small if e.matches(f.grep)]
        return select([*small, *_searched(store, f, whole)], replace(f, grep=""))
    names = _named(store, f)
    if f.limit and not f.tag and not f.grep:
        # Only the newest days can be in the last N: parse documents from that day on.
        days = sorted([d for d, _, _ in names] + [e.day for e in small], reverse=True)
        if len(days) > f.limit:
            cutoff = days[f.limit - 1]
            names = [n for n in names if n[0] >= cutoff]
    docs = ((rel, _doc_entry(store, kind, day, rel, f)) for day, kind, rel in names)
    return select([*small, *_numbered(store, [(r, d) for r, d in docs if d is not None])], f)


def unsearched(store: Store) -> int:
    """How many sealed entries read so far this machine could not open (`log --grep`)."""
    return len(store.sealer.unopened)


def find_doc(store: Store, entry_id: str) -> tuple[str, str] | None:
    """(kind, rel) of a meeting, note (`n42` or its slug) or review id, checked before any
    path is built."""
    ident = entry_id.strip().lower()
    if ident == RETROSPECTIVE_ID:
        return ("retrospective", RETROSPECTIVE) if store.exists(RETROSPECTIVE) else None
    if note_number(ident) is not None:
        found = find_note(store, ident)
        return ("note", found) if found else None
    if not _DOC_ID.match(ident):
        return None
    if ident.startswith("review-"):
        rel, kind = f"{REVIEW_FOLDER}/{ident.removeprefix('review-')}.md", "review"
    elif len(ident) == 10:
        rel, kind = f"meetings/{ident}.md", "meeting"
    else:
        rel, kind = f"notes/{ident}.md", "note"
    return (kind, rel) if store.exists(rel) else None


def on_day(store: Store, day: date) -> list[Entry]:
    """Every document entry of one day (meeting, notes, review), in log order: what `show
    DAY` lists when the day has no meeting and more than one entry."""
    return collect(store, [], Filters(since=day, until=day))


def records(store: Store) -> list[Entry]:
    """The entries kept in TOML files (parked questions and tasks) and the retrospective."""
    retro = load_retrospective(store)
    return [*(question_entry(q) for q in store.load(QUESTIONS).questions),
            *(task_entry(t) for t in store.load(TASKS).tasks),
            *([retrospective_entry(retro)] if retro else [])]
