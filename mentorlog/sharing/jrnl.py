"""Bringing in another journal: a jrnl JSON export (`jrnl --export json`) as notes (pure).

Each jrnl entry becomes one note dated at the entry's wall-clock time in the mentee's zone,
with jrnl's tags (`@work` becomes `work`). A note keeps `source = "jrnl:<hash>"`, the hash
of the entry's date, time, title and body, so importing the same export twice adds nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date, time
from typing import Any

from msgspec import Struct

from mentorlog.core.agreement import zone
from mentorlog.core.dates import localize
from mentorlog.core.errors import MentorlogError
from mentorlog.core.notes import Note, new_note, parse_tag

SOURCE_PREFIX = "jrnl:"


class JrnlEntry(Struct, frozen=True):
    """One entry of a jrnl JSON export."""

    day: date
    at: time
    title: str
    body: str
    tags: tuple[str, ...]
    starred: bool

    @property
    def key(self) -> str:
        raw = "\x1f".join([self.day.isoformat(), self.at.strftime("%H:%M"), self.title,
                           self.body])
        return SOURCE_PREFIX + hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16]


def _field(entry: dict[str, Any], name: str, kind: type, where: str) -> Any:
    value = entry.get(name, "" if kind is str else None)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise MentorlogError(f"{where}.{name}: expected {kind.__name__}, got {value!r}")
    return value


def parse_jrnl(text: str, path: str) -> list[JrnlEntry]:
    """Every entry of a jrnl JSON export, checked; one error names the first bad place."""
    import json

    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise MentorlogError(f"{path}:{e.lineno}:{e.colno}: not JSON ({e.msg})") from None
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise MentorlogError(
            f"{path}: not a jrnl JSON export (expected an object with a list of \"entries\"; "
            "make one with 'jrnl --export json')"
        )
    entries = []
    for i, raw in enumerate(data["entries"]):
        where = f"{path}: entries[{i}]"
        if not isinstance(raw, dict):
            raise MentorlogError(f"{where}: expected an object, got {raw!r}")
        day_text = _field(raw, "date", str, where)
        time_text = _field(raw, "time", str, where) if "time" in raw else "00:00"
        try:
            day = date.fromisoformat(day_text)
            at = time.fromisoformat(time_text)
        except ValueError:
            raise MentorlogError(
                f"{where}: {day_text!r} {time_text!r} is not a date YYYY-MM-DD and time HH:MM"
            ) from None
        tags = raw.get("tags", [])
        if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
            raise MentorlogError(f"{where}.tags: expected a list of strings, got {tags!r}")
        starred = raw.get("starred", False)
        if not isinstance(starred, bool):
            raise MentorlogError(f"{where}.starred: expected true or false, got {starred!r}")
        entries.append(JrnlEntry(day, at, _field(raw, "title", str, where),
                                 _field(raw, "body", str, where), tuple(tags), starred))
    return entries


def _tags(entry: JrnlEntry) -> list[str]:
    """jrnl's tags without their symbol (`@work` -> `work`); a tag mentorlog cannot keep
    (longer than 40 characters, or with a comma) is left out rather than stopping the import."""
    found = []
    for raw in (*entry.tags, *(("starred",) if entry.starred else ())):
        try:
            found.append(parse_tag(raw.lstrip("@#")))
        except MentorlogError:
            continue
    return found


def to_notes(entries: Iterable[JrnlEntry], tz_name: str, privacy: str,
             known: set[str]) -> list[Note]:
    """The notes to write: one per entry whose key is not already in the journal."""
    from msgspec.structs import replace

    tz = zone(tz_name)
    seen = set(known)
    notes = []
    for e in entries:
        if e.key in seen:
            continue
        seen.add(e.key)
        text = "\n\n".join(part for part in (e.title.strip(), e.body.strip()) if part)
        if not text:
            text = "(empty jrnl entry)"
        created = localize(e.day, e.at, tz)
        notes.append(replace(new_note(text, created, _tags(e), privacy), source=e.key))
    return notes
