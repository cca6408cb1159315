"""Three-way merge of mentorlog's TOML files, record by record, so sync never loses one (pure).

Used as a git merge driver by `mentorlog sync`, and by sync itself to learn what conflicted.
Rules:
- a key changed on one side only takes that side's value; equal changes are fine;
- lists of records with an `id` (goals, tasks, questions, follow-ups, helped, contacts) are
  merged by id: records added on either side are all kept; a record changed on both sides is
  merged field by field; two different records given the same new id on each side are both
  kept, the other side's one gets the next free id (`renumbered` says which);
- helped.toml and contacts.toml of schema_version 1 have no ids: each side's entries get the
  ids the codec gives them (h1, h2, ... in file order) before the merge, and the result is
  version 2;
- `next_id` becomes larger than every id present;
- a value changed differently on both sides keeps this machine's value and is reported as a
  `Conflict`, with the unit sync sets aside: the whole record it belongs to (the outermost
  one), or the value itself when it is in no record (a setting, a tick, a field of the
  agreement);
- with `same_text` (two encrypted texts -> whether they hold the same text, when the key
  opens them without asking), one text sealed on both machines (age is randomized: two
  different messages) is the same value, not a conflict: this machine's message is kept.

A unit is a path of steps: a key (`"goals"`), or `{"id": "g2"}` for the record of that id in
the list the path leads to — JSON as it is, so sync can write it in a commit message.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from mentorlog.core.log_ids import fill_ids

_MISSING: Any = object()
ABSENT: Any = _MISSING  # what unit_get returns when the unit is not there
_ID_RE = re.compile(r"^([a-z]+)(\d+)$")
LOG_IDS = {"helped": "h", "contacts": "c"}  # the logs that got ids in schema_version 2
LOG_VERSION = 2

Step = str | dict[str, str]
Unit = tuple[Step, ...]
# Two stored texts that differ: do they hold the same text? (two age messages of one text)
SameText = Callable[[str, str], bool]


class Conflict(NamedTuple):
    """One value changed differently on both sides: this machine's value was kept."""

    unit: Unit  # what sync sets aside: the record, or the value itself
    path: str  # where the value is, as people read it: goals[id=g2].status
    ours: Any
    theirs: Any

    @property
    def message(self) -> str:
        return f"{self.path}: kept this machine's value; the other was {self.theirs!r}"


class Merged(NamedTuple):
    data: dict[str, Any]
    conflicts: list[Conflict]
    renumbered: dict[str, dict[str, str]]  # list path -> {the other side's id: the id it got}


def merge_documents(
    base: dict[str, Any] | None, ours: dict[str, Any], theirs: dict[str, Any],
    same_text: SameText | None = None,
) -> tuple[dict[str, Any], list[str]]:
    """(merged, conflicts): conflicts say which values kept this machine's version."""
    merged = merge_toml(base, ours, theirs, same_text)
    return merged.data, [c.message for c in merged.conflicts]


def merge_toml(
    base: dict[str, Any] | None, ours: dict[str, Any], theirs: dict[str, Any],
    same_text: SameText | None = None,
) -> Merged:
    """The record-by-record merge, with every conflict and every renumbered record;
    `same_text` compares two encrypted texts in clear (None: as stored)."""
    sides = [with_log_ids(d) if d is not None else None for d in (base, ours, theirs)]
    numbered = any(s is not None and s is not d for s, d in zip(sides, (base, ours, theirs),
                                                                  strict=True))
    b, o, t = sides
    assert o is not None and t is not None
    state = _State(same_text)
    merged = _merge_tables(b or {}, o, t, (), None, "", state)
    _fix_next_id(merged)
    version = merged.get("schema_version")
    if numbered and isinstance(version, int) and not isinstance(version, bool):
        merged["schema_version"] = max(version, LOG_VERSION)
    return Merged(merged, state.conflicts, state.renumbered)


def with_log_ids(doc: dict[str, Any]) -> dict[str, Any]:
    """`doc` with an id on every entry of a log that lacks one (helped, contacts of version
    1), as the codec numbers them; `doc` itself when nothing was missing."""
    changed = dict(doc)
    for key, prefix in LOG_IDS.items():
        rows = doc.get(key)
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            continue
        if all(isinstance(r.get("id"), str) and r["id"] for r in rows):
            continue
        if any("id" in r and not isinstance(r["id"], str) for r in rows):
            continue  # a broken file: merged as it is, the codec reports it
        ids = fill_ids([r.get("id", "") for r in rows], prefix)
        changed[key] = [{"id": i, **{k: v for k, v in r.items() if k != "id"}}
                        for r, i in zip(rows, ids, strict=True)]
    return changed if any(changed[k] is not doc.get(k) for k in LOG_IDS if k in doc) else doc


def read_toml(data: bytes | str | None) -> dict[str, Any] | None:
    """A version of a TOML file (bytes or text), its logs numbered as with_log_ids does; None
    when it is absent or does not read."""
    if data is None:
        return None
    try:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
        return with_log_ids(tomllib.loads(text))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None


class _State:
    def __init__(self, same_text: SameText | None) -> None:
        self.same_text = same_text
        self.conflicts: list[Conflict] = []
        self.renumbered: dict[str, dict[str, str]] = {}

    def same(self, a: Any, b: Any) -> bool:
        return same(a, b, self.same_text)


def same(a: Any, b: Any, same_text: SameText | None) -> bool:
    """`a == b`, but two different encrypted texts that hold the same text are equal (with
    `same_text`; None: compared as stored)."""
    return a == b or (same_text is not None and same_value(a, b, same_text))


def same_value(a: Any, b: Any, same_text: SameText) -> bool:
    """`a == b` through tables and lists, two texts compared by `same_text` when they
    differ."""
    if isinstance(a, str) and isinstance(b, str):
        return a == b or same_text(a, b)
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same_value(a[k], b[k], same_text) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same_value(x, y, same_text)
                                        for x, y in zip(a, b, strict=True))
    return bool(a == b)


def _is_records(value: Any) -> bool:
    return (
        isinstance(value, list)
        and bool(value)
        and all(isinstance(v, dict) and isinstance(v.get("id"), str) for v in value)
    )


def _merge_tables(
    base: dict[str, Any], ours: dict[str, Any], theirs: dict[str, Any], steps: Unit,
    unit: Unit | None, where: str, state: _State,
) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key in [*ours, *(k for k in theirs if k not in ours)]:
        path = f"{where}.{key}" if where else key
        value = _merge_value(
            base.get(key, _MISSING), ours.get(key, _MISSING), theirs.get(key, _MISSING),
            (*steps, key), unit, path, state,
        )
        if value is not _MISSING:
            result[key] = value
    return result


def _merge_value(b: Any, o: Any, t: Any, steps: Unit, unit: Unit | None, path: str,
                 state: _State) -> Any:
    if o == t:
        return o
    sides = (o, t)
    if any(_is_records(x) for x in sides) and all(
        x is _MISSING or x == [] or _is_records(x) for x in sides
    ):
        return _merge_records(
            b if _is_records(b) else [], o if _is_records(o) else [],
            t if _is_records(t) else [], steps, unit, path, state,
        )
    if b == o:
        return t  # changed (or removed) there only
    if b == t:
        return o
    if state.same_text is not None:  # one text sealed anew on one side or both
        if state.same(o, t):
            return o
        if state.same(b, o):
            return t
        if state.same(b, t):
            return o
    if isinstance(o, dict) and isinstance(t, dict):
        return _merge_tables(b if isinstance(b, dict) else {}, o, t, steps, unit, path, state)
    if o is _MISSING:  # removed here, changed there: keep the change, lose nothing
        return t
    if t is not _MISSING:
        state.conflicts.append(Conflict(unit or steps, path, o, t))
    return o


def _merge_records(
    base: list[dict[str, Any]], ours: list[dict[str, Any]], theirs: list[dict[str, Any]],
    steps: Unit, unit: Unit | None, path: str, state: _State,
) -> list[dict[str, Any]]:
    base_by_id = {r["id"]: r for r in base}
    ours_by_id = {r["id"]: r for r in ours}
    result = [dict(r) for r in ours]
    index = {r["id"]: i for i, r in enumerate(result)}
    taken = set(ours_by_id) | {r["id"] for r in theirs}
    for record in theirs:
        rid = record["id"]
        mine = ours_by_id.get(rid)
        if mine is None:
            result.append(dict(record))
        elif rid not in base_by_id and not state.same(mine, record):
            # Both sides added a different record under the same new id: keep both.
            fresh = _next_free(rid, taken)
            taken.add(fresh)
            result.append({**record, "id": fresh})
            state.renumbered.setdefault(path, {})[rid] = fresh
        elif mine != record:
            step: Unit = (*steps, {"id": rid})
            result[index[rid]] = _merge_tables(
                base_by_id.get(rid, {}), mine, record, step, unit or step,
                f"{path}[id={rid}]", state,
            )
    return result


def _next_free(rid: str, taken: set[str]) -> str:
    m = _ID_RE.match(rid)
    prefix = m.group(1) if m else f"{rid}-"
    highest = max(
        (int(x.group(2)) for x in map(_ID_RE.match, taken) if x and x.group(1) == prefix),
        default=0,
    )
    return f"{prefix}{highest + 1}"


def _fix_next_id(data: dict[str, Any]) -> None:
    if "next_id" not in data:
        return
    numbers = [
        int(m.group(2))
        for value in data.values()
        if _is_records(value)
        for m in (_ID_RE.match(r["id"]) for r in value)
        if m
    ]
    if isinstance(data["next_id"], int):
        data["next_id"] = max([data["next_id"], *(n + 1 for n in numbers)])


# --- units: what sync sets aside, reads back and puts in place ------------------------------


def unit_get(data: Any, unit: Sequence[Step]) -> Any:
    """The value at `unit` in `data`, or ABSENT."""
    value = data
    for step in unit:
        if isinstance(step, dict):
            if not isinstance(value, list):
                return ABSENT
            value = next((r for r in value if isinstance(r, dict) and r.get("id") == step["id"]),
                         ABSENT)
        elif isinstance(value, dict):
            value = value.get(step, ABSENT)
        else:
            return ABSENT
        if value is ABSENT:
            return ABSENT
    return value


def unit_set(data: dict[str, Any], unit: Sequence[Step], value: Any) -> dict[str, Any]:
    """A copy of `data` with `value` at `unit` (a record replaces the one of its id, or is
    added when there is none; missing tables are made)."""
    if not unit:
        raise ValueError("an empty unit")
    step, rest = unit[0], unit[1:]
    if isinstance(step, dict):
        raise ValueError("a unit starts with a key")
    result = dict(data)
    current = data.get(step, ABSENT)
    if rest and isinstance(rest[0], dict):
        records = list(current) if isinstance(current, list) else []
        rid = rest[0]["id"]
        at = next((i for i, r in enumerate(records)
                   if isinstance(r, dict) and r.get("id") == rid), None)
        old = records[at] if at is not None else {}
        new = value if len(rest) == 1 else unit_set(
            old if isinstance(old, dict) else {}, rest[1:], value)
        if at is None:
            records.append(new)
        else:
            records[at] = new
        result[step] = records
    elif rest:
        result[step] = unit_set(current if isinstance(current, dict) else {}, rest, value)
    else:
        result[step] = value
    return result


def unit_doc(unit: Sequence[Step], value: Any) -> dict[str, Any]:
    """The smallest document holding `value` at `unit` (what a conflict copy holds)."""
    return unit_set({}, unit, value)


def unit_label(unit: Sequence[Step]) -> str:
    """`goals g2`, `ticked.signup-join`, `editor`: the unit as people read it."""
    parts: list[str] = []
    for step in unit:
        if isinstance(step, dict):
            parts[-1:] = [f"{parts[-1] if parts else ''} {step['id']}".strip()]
        else:
            parts.append(step)
    return ".".join(parts)


def read_unit(raw: Any) -> Unit | None:
    """A unit read back from JSON, or None when it is not one."""
    if not isinstance(raw, list) or not raw:
        return None
    steps: list[Step] = []
    for step in raw:
        if isinstance(step, str):
            steps.append(step)
        elif isinstance(step, dict) and set(step) == {"id"} and isinstance(step["id"], str):
            steps.append({"id": step["id"]})
        else:
            return None
    return tuple(steps) if isinstance(steps[0], str) else None
