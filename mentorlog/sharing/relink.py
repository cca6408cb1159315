"""After a merge renumbered the other machine's new records, every reference to them follows.

When both machines added a record under the same new id (a t2 on each), the merge keeps
both and gives the other machine's one the next free id (sharing/merge.py). What the other
machine wrote that names it — the meeting that set task t2 or raised follow-up o3, the task
that replaces t2, the person linked to o3, a review's verdict on goal g4 — is made to name
the new id, in the same merge (before it is committed, under sync's transaction), so each
meeting keeps its own task and follow-ups on both machines. The references are the ones
storage/references.py lists; what this machine wrote keeps its ids.

Which references are the other machine's:
- a document (a meeting, a review) whose live version is the other machine's (added or
  changed there only; a meeting recorded on both machines keeps this machine's version);
- in a record of a TOML file (a task, a person): an id the other machine's version added
  that the common ancestor did not hold. When this machine's version of that record added
  the same id too, a list keeps both (this machine's record and, after it, the other's under
  its new id) and a single id keeps this machine's, as a value changed on both sides does.

A version set aside in conflicts/ rather than merged is wholly one machine's: every id in
it that the merge renumbered follows (`in_document`, `in_record`), both for the other
machine's version on the machine that merges and for a machine's own version when it learns
of a merge made elsewhere (sharing/sync.py `_learn`).

Only ids in clear are read and written: a sealed field or body is never needed; of a
document only those ids and the ids its minutes in clear start a line with change, every
other byte stays.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Sequence
from typing import Any

from mentorlog.core.errors import MentorlogError
from mentorlog.sharing.merge import SameText, merge_toml, read_toml
from mentorlog.storage.documents import parse_document
from mentorlog.storage.references import (
    BODY_REFERENCES,
    REFERENCES,
    Reference,
    ids_in,
    replace_ids,
    replace_line_ids,
    source_of,
)
from mentorlog.storage.store import Store

# (the common ancestor's, this machine's, the other machine's) bytes of a file; None: absent
Sides = tuple[bytes | None, bytes | None, bytes | None]
Moved = dict[str, str]  # the other machine's id -> the id the merge gave it


class Relinker:
    """The references to renumbered records in the files a merge changed (`changed`: every
    path that differs between this machine's and the other machine's commit; `sides` gives
    a file's three versions; `same_text` compares encrypted texts as the merge did)."""

    def __init__(self, sides: Callable[[str], Sides], changed: list[str],
                 same_text: SameText | None = None) -> None:
        self.sides = sides
        self.changed = set(changed)
        self.same_text = same_text
        self._renumbered: dict[str, dict[str, Moved]] = {}

    def renumbered(self, rel: str) -> dict[str, Moved]:
        """The merge's renumbering of TOML file `rel`, by list: {"tasks": {"t2": "t4"}}."""
        if rel not in self._renumbered:
            found: dict[str, Moved] = {}
            if rel in self.changed:
                base, ours, theirs = (read_toml(b) for b in self.sides(rel))
                if ours is not None and theirs is not None:
                    found = merge_toml(base, ours, theirs, self.same_text).renumbered
            self._renumbered[rel] = found
        return self._renumbered[rel]

    def _moved(self, prefix: str, target: str, lists: tuple[str, ...]) -> Moved:
        found = self.renumbered(prefix + target)
        return {old: new for name in lists for old, new in found.get(name, {}).items()}

    def _refs(self, rel: str) -> tuple[list[tuple[Reference, Moved]], Moved]:
        """The references of file `rel` to records the merge renumbered, and the ids its
        minutes may start a line with, each with where it moved."""
        found = source_of(rel)
        if found is None:
            return [], {}
        prefix, source = found
        refs = [(ref, moved) for ref in REFERENCES if ref.source == source
                for moved in [self._moved(prefix, ref.target, ref.lists)] if moved]
        in_body = {old: new for target, lists in BODY_REFERENCES.get(source, ())
                   for old, new in self._moved(prefix, target, lists).items()}
        return refs, in_body

    def run(self, store: Store) -> list[str]:
        """Rewrite the references in the live files; the files changed."""
        wrote = []
        for rel in sorted(self.changed):
            refs, in_body = self._refs(rel)
            if not refs and not in_body:
                continue
            if rel.endswith(".md"):
                base_b, _, theirs_b = self.sides(rel)
                # a meeting or review whose live version is the other machine's
                if theirs_b is None or store.read_bytes(rel) != theirs_b:
                    continue
                data = _document(theirs_b, base_b, refs, in_body)
                if data != theirs_b:
                    store.write_bytes(rel, data)
                    wrote.append(rel)
            elif self._records(store, rel, refs):
                wrote.append(rel)
        return wrote

    def in_document(self, rel: str, data: bytes) -> bytes:
        """The other machine's version of meeting or review `rel`, as it is set aside in
        conflicts/ rather than merged: every id in it the merge renumbered follows."""
        refs, in_body = self._refs(rel)
        return _document(data, None, refs, in_body) if refs or in_body else data

    def in_record(self, rel: str, unit: Sequence[Any], value: Any) -> Any:
        """The other machine's record at `unit` of TOML file `rel` (`("tasks", {"id":
        "t3"})`), as it is set aside in conflicts/: every id in it the merge renumbered
        follows."""
        if len(unit) < 2 or not isinstance(unit[1], dict) or not isinstance(value, dict):
            return value
        for ref, moved in self._refs(rel)[0]:
            if ref.rows == unit[0]:
                value = replace_ids(value, ref.field, _follow(set(moved), set(), moved))
        return value

    def _records(self, store: Store, rel: str, refs: list[tuple[Reference, Moved]]) -> bool:
        """A TOML file: each record the other machine's version holds, found in the live file
        under the id the merge gave it."""
        import tomli_w

        base, ours, theirs = (read_toml(b) for b in self.sides(rel))
        live = read_toml(store.read_bytes(rel))
        if theirs is None or live is None:
            return False
        changed = False
        for ref, moved in refs:
            assert ref.rows is not None
            own = self.renumbered(rel).get(ref.rows, {})
            live_rows = live.get(ref.rows)
            if not isinstance(live_rows, list):
                continue
            live_rows = list(live_rows)
            for record in _rows(theirs, ref.rows):
                rid = record["id"]
                live_id = own.get(rid, rid)
                before = ids_in(_row(base, ref.rows, rid), ref.field)
                added = _added(ids_in(record, ref.field), before, moved)
                if not added:
                    continue
                mine = (set(ids_in(_row(ours, ref.rows, rid), ref.field)) - set(before)
                        if live_id == rid else set())
                for i, row in enumerate(live_rows):
                    if isinstance(row, dict) and row.get("id") == live_id:
                        new = replace_ids(row, ref.field, _follow(added, mine, moved))
                        if new != row:
                            live_rows[i] = new
                            live = {**live, ref.rows: live_rows}
                            changed = True
        if changed:
            store.write_text(rel, tomli_w.dumps(live))
        return changed


def _document(data: bytes, base_data: bytes | None, refs: list[tuple[Reference, Moved]],
              in_body: Moved) -> bytes:
    """The other machine's document `data` with the renumbered ids of its front matter (those
    the ancestor `base_data` did not name) and of its minutes in clear followed; every other
    byte as it was."""
    import tomli_w

    theirs, base = _front(data), _front(base_data)
    if theirs is None:
        return data
    meta, body = theirs
    new = meta
    for ref, moved in refs:
        added = _added(ids_in(meta, ref.field), ids_in(base[0] if base else {}, ref.field),
                       moved)
        new = replace_ids(new, ref.field, _follow(added, set(), moved))
    sealed = meta.get("sealed")
    if not (isinstance(sealed, list) and "body" in sealed):  # the minutes, when in clear
        body = replace_line_ids(body, in_body)
    if new == meta and body == theirs[1]:
        return data
    return f"+++\n{tomli_w.dumps(new)}+++\n{body}".encode()


def _added(theirs: list[str], base: list[str], moved: Moved) -> set[str]:
    """The renumbered ids the other machine's version names that the ancestor did not."""
    return {i for i in theirs if i in moved and i not in base}


def _follow(added: set[str], mine: set[str], moved: Moved) -> Callable[[list[str]], list[str]]:
    def change(ids: list[str]) -> list[str]:
        out: list[str] = []
        for i in ids:
            if i not in added:
                out.append(i)
            elif i in mine:  # this machine named its own record by the same id: both stay
                out += [i, moved[i]]
            else:
                out.append(moved[i])
        return list(dict.fromkeys(out))

    return change


def _front(data: bytes | None) -> tuple[dict[str, Any], str] | None:
    """A document's whole front matter (schema_version included) and its body, as written."""
    if data is None:
        return None
    found: dict[str, Any] = {}

    def parse(text: str, path: str, line: int) -> dict[str, Any]:
        found.update(tomllib.loads(text))
        return dict(found)

    try:
        doc = parse_document(data.decode("utf-8"), "", parse)
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, MentorlogError, KeyError):
        return None
    return found, doc.body


def _rows(doc: dict[str, Any] | None, key: str) -> list[dict[str, Any]]:
    rows = (doc or {}).get(key)
    if not isinstance(rows, list):
        return []
    return [r for r in rows if isinstance(r, dict) and isinstance(r.get("id"), str)]


def _row(doc: dict[str, Any] | None, key: str, rid: str) -> dict[str, Any]:
    return next((r for r in _rows(doc, key) if r["id"] == rid), {})
