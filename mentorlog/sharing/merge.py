"""Three-way merge of mentorlog's TOML files, record by record, so sync never loses one (pure).

Used as a git merge driver by `mentorlog sync`. Rules:
- a key changed on one side only takes that side's value; equal changes are fine;
- lists of records with an `id` (goals, tasks, questions, ...) are merged by id: records
  added on either side are all kept; a record changed on both sides is merged field by
  field; two different records given the same new id on each side are both kept, the
  other side's one gets the next free id;
- `next_id` becomes larger than every id present;
- a value changed differently on both sides keeps this machine's value and is reported.
"""

from __future__ import annotations

import re
from typing import Any

_MISSING: Any = object()
_ID_RE = re.compile(r"^([a-z]+)(\d+)$")


def _is_records(value: Any) -> bool:
    return (
        isinstance(value, list)
        and bool(value)
        and all(isinstance(v, dict) and isinstance(v.get("id"), str) for v in value)
    )


def merge_documents(
    base: dict[str, Any] | None, ours: dict[str, Any], theirs: dict[str, Any]
) -> tuple[dict[str, Any], list[str]]:
    """(merged, conflicts): conflicts say which values kept this machine's version."""
    conflicts: list[str] = []
    merged = _merge_tables(base or {}, ours, theirs, "", conflicts)
    _fix_next_id(merged)
    return merged, conflicts


def _merge_tables(
    base: dict[str, Any], ours: dict[str, Any], theirs: dict[str, Any], where: str,
    conflicts: list[str],
) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key in [*ours, *(k for k in theirs if k not in ours)]:
        path = f"{where}.{key}" if where else key
        value = _merge_value(
            base.get(key, _MISSING), ours.get(key, _MISSING), theirs.get(key, _MISSING),
            path, conflicts,
        )
        if value is not _MISSING:
            result[key] = value
    return result


def _merge_value(b: Any, o: Any, t: Any, path: str, conflicts: list[str]) -> Any:
    if o == t:
        return o
    sides = (o, t)
    if any(_is_records(x) for x in sides) and all(
        x is _MISSING or x == [] or _is_records(x) for x in sides
    ):
        return _merge_records(
            b if _is_records(b) else [], o if _is_records(o) else [],
            t if _is_records(t) else [], path, conflicts,
        )
    if b == o:
        return t  # changed (or removed) there only
    if b == t:
        return o
    if isinstance(o, dict) and isinstance(t, dict):
        return _merge_tables(b if isinstance(b, dict) else {}, o, t, path, conflicts)
    if o is _MISSING:  # removed here, changed there: keep the change, lose nothing
        return t
    if t is not _MISSING:
        conflicts.append(f"{path}: kept this machine's value; the other was {t!r}")
    return o


def _merge_records(
    base: list[dict[str, Any]], ours: list[dict[str, Any]], theirs: list[dict[str, Any]],
    path: str, conflicts: list[str],
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
        elif rid not in base_by_id and mine != record:
            # Both sides added a different record under the same new id: keep both.
            fresh = _next_free(rid, taken)
            taken.add(fresh)
            result.append({**record, "id": fresh})
        elif mine != record:
            where = f"{path}[id={rid}]"
            result[index[rid]] = _merge_tables(
                base_by_id.get(rid, {}), mine, record, where, conflicts
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
