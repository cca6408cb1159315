"""The journal in time order: meetings, notes, questions, tasks and reviews as log entries.

Fast over years of notes: documents are picked by the date in their file name and only
the ones the output needs are read; `--grep` checks the raw text before parsing anything.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from functools import partial

from mentorlog.core.errors import MentorlogError
from mentorlog.core.meetings import TASK_WORDS, Meeting, date_of, doc_id, meeting_from_doc
from mentorlog.core.model import Document, Task
from mentorlog.core.notes import Note, note_from_doc
from mentorlog.core.questions import ParkedQuestion
from msgspec import Struct, field
from msgspec.structs import replace
from mentorlog.core.reviews import REVIEW_FOLDER
from mentorlog.storage.store import Store

from typing import Any

KINDS = ("meeting", "note", "question", "task", "review")
_RANK = {"question": 0, "note": 1, "review": 2, "meeting": 3, "task": 4}
_FOLDERS = {"meetings": "meeting", "notes": "note", REVIEW_FOLDER: "review"}
_DOC_ID = re.compile(r"^(?:(review-)?\d{4}-\d{2}-\d{2}(?:-[a-z0-9-]{1,60})?)$")


class Entry(Struct, frozen=True):
    """One line of the log: a meeting, note, question, task or review."""

    kind: str
    day: date
    id: str
    text: str
    tags: tuple[str, ...] = ()
    privacy: str = "normal"
    order: str = ""  # within a day: a note's time of creation
    body: str = ""

    @property
    def private(self) -> bool:
        return self.privacy != "normal"

    @property
    def key(self) -> tuple[date, int, str, str]:
        return (self.day, _RANK[self.kind], self.order, self.id)

    def matches(self, grep: str) -> bool:
        return grep in self.text.lower() or grep in self.body.lower()


class Filters(Struct, frozen=True):
    """What `log` is asked to show."""

    since: date | None = None
    until: date | None = None
    tag: str = ""
    grep: str = ""  # lower case
    limit: int | None = None

    def covers(self, day: date) -> bool:
        return (self.since is None or day >= self.since) and (
            self.until is None or day <= self.until
        )


# --- entries from records (pure) ------------------------------------------------------------


def meeting_entry(m: Meeting, body: str = "") -> Entry:
    if m.held:
        length = f", {m.duration} min" if m.duration else ""
        done = f"; last task {TASK_WORDS[m.task_status].lower()}" if m.task_status else ""
        nxt = m.answer("next_task")
        text = f"Weekly meeting{length}{done}" + (f"; next: {nxt}" if nxt else "")
    else:
        text = "Meeting moved" if m.moved_to else "Meeting skipped"
        text += f": {m.reason}" if m.reason else ""
    return Entry("meeting", m.day, m.day.isoformat(), text, (), m.privacy, body=body)


def note_entry(note_id: str, n: Note) -> Entry:
    return Entry("note", n.created.date(), note_id, n.title, n.tags, n.privacy,
                 n.created.isoformat(), n.body)


def question_entry(q: ParkedQuestion) -> Entry:
    text = f"Asked {q.id}: {q.text}"
    if q.answered_on:
        text += f" (answered {q.answered_on.isoformat()})"
    return Entry("question", q.asked_on, q.id, text, (), q.privacy, body=q.answer)


def task_entry(t: Task) -> Entry:
    state = "" if t.is_open else f" ({TASK_WORDS[t.status].lower()})"
    return Entry("task", t.set_on, t.id, f"Task {t.id}: {t.text}{state}", body=t.outcome)


def review_entry(rel: str, day: date, doc: Document | None) -> Entry:
    body = doc.body if doc else ""
    return Entry("review", day, f"review-{day.isoformat()}", "Monthly goal review", body=body)


def entry_json(e: Entry) -> dict[str, Any]:
    return {
        "kind": e.kind,
        "id": e.id,
        "date": e.day.isoformat(),
        "text": e.text,
        "tags": list(e.tags),
        "private": e.private,
        "privacy": e.privacy,
    }


def select(entries: Iterable[Entry], f: Filters) -> list[Entry]:
    chosen = [
        e for e in entries
        if f.covers(e.day) and (not f.tag or f.tag in e.tags) and (not f.grep or e.matches(f.grep))
    ]
    chosen.sort(key=lambda e: e.key)
    return chosen[-f.limit:] if f.limit else chosen


# --- reading only what is needed -------------------------------------------------------------


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
    from mentorlog.storage.store import decode_text

    data = store.read_bytes(rel)
    if data is None:
        return None
    if f.grep and _surely_without(data, f.grep):
        return None  # most files are never decoded, let alone parsed
    text = decode_text(data, store.display(rel))
    if f.grep and f.grep not in text.lower():
        return None
    doc = store.parse_doc(text, rel)
    try:
        if kind == "note":
            return note_entry(doc_id(rel), note_from_doc(doc))
        if kind == "meeting":
            return meeting_entry(meeting_from_doc(doc), doc.body)
    except MentorlogError as e:
        raise MentorlogError(f"{store.display(rel)}: {e}") from None
    return review_entry(rel, day, doc)


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
    try:
        e = _doc_entry(store, kind, day, rel, Filters())
    except MentorlogError:
        return [rel, "problem"], None  # decided, and reported, by reading it (_searched)
    if e is None:
        return [rel, "skip"], []
    return ([rel, "entry", e.kind, e.day.isoformat(), e.id, e.text, list(e.tags), e.privacy,
             e.order], [e.text.lower(), e.body.lower()])  # as Entry.matches looks


def _searched(store: Store, f: Filters) -> list[Entry]:
    """`--grep` over years of notes: the entries whose text holds the word, from the
    store's search cache (a document is read again only when its file changed). The date
    filters are applied to what is found, by the dates in the file names (as _named)."""
    found = []
    for folder, kind in _FOLDERS.items():
        if f.tag and kind != "note":
            continue
        hits = store.search(folder, partial(_search_entry, store, kind), SEARCH_KIND, f.grep)
        for rel, state, *fields in hits:
            named = date_of(rel)
            if named is None or not f.covers(named):
                continue
            if state == "entry":
                k, day, ident, text, tags, privacy, order = fields
                found.append(Entry(k, date.fromisoformat(day), ident, text, tuple(tags),
                                   privacy, order))
            elif state == "problem":  # as without the cache: an error only if it matches
                e = _doc_entry(store, kind, named, rel, f)
                if e is not None:
                    found.append(e)
    return found


def collect(store: Store, records: Iterable[Entry], f: Filters) -> list[Entry]:
    """The entries the filters ask for; `records` are the ones from TOML files."""
    small = [e for e in records if f.covers(e.day)]
    if f.grep:  # the documents found already hold the word
        small = [e for e in small if e.matches(f.grep)]
        return select([*small, *_searched(store, f)], replace(f, grep=""))
    names = _named(store, f)
    if f.limit and not f.tag and not f.grep:
        # Only the newest days can be in the last N: parse documents from that day on.
        days = sorted([d for d, _, _ in names] + [e.day for e in small], reverse=True)
        if len(days) > f.limit:
            cutoff = days[f.limit - 1]
            names = [n for n in names if n[0] >= cutoff]
    docs = (_doc_entry(store, kind, day, rel, f) for day, kind, rel in names)
    return select([*small, *(d for d in docs if d is not None)], f)


def find_doc(store: Store, entry_id: str) -> tuple[str, str] | None:
    """(kind, rel) of a meeting, note or review id, checked before any path is built."""
    ident = entry_id.strip().lower()
    if not _DOC_ID.match(ident):
        return None
    if ident.startswith("review-"):
        rel, kind = f"{REVIEW_FOLDER}/{ident.removeprefix('review-')}.md", "review"
    elif len(ident) == 10:
        rel, kind = f"meetings/{ident}.md", "meeting"
    else:
        rel, kind = f"notes/{ident}.md", "note"
    return (kind, rel) if store.exists(rel) else None
