"""Every place a data file names another record by its id (docs/file-format.md), in one table.

`sync` gives the other machine's new records new ids when both machines added one under the
same id (sharing/merge.py); sharing/relink.py then makes every reference listed here follow
(docs/sharing.md). A new field that holds another record's id belongs in REFERENCES.

Pure: these functions walk parsed TOML (a file's table, or a document's front matter).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple


class Reference(NamedTuple):
    """Field `field` of each record of list `rows` in `source` (or of the front matter of each
    document in folder `source`, when `rows` is None) holds ids of `target`'s records."""

    source: str  # a TOML file ("tasks.toml") or a folder of documents ("meetings/")
    rows: str | None  # the list of records in `source` holding the field; None: front matter
    field: tuple[str, ...]  # the path to the ids; "[]" steps into each table of a list
    target: str  # the TOML file of the records named
    lists: tuple[str, ...]  # the lists of records in `target` the ids are looked up in


_TASKS, _FOLLOWUPS = ("tasks",), ("followups", "opportunities")  # version 1 follow-ups too
REFERENCES: tuple[Reference, ...] = (
    Reference("tasks.toml", "tasks", ("replaces",), "tasks.toml", _TASKS),
    Reference("people.toml", "people", ("followups",), "opportunities.toml", _FOLLOWUPS),
    Reference("meetings/", None, ("task",), "tasks.toml", _TASKS),
    Reference("meetings/", None, ("new_task",), "tasks.toml", _TASKS),
    Reference("meetings/", None, ("answered",), "questions.toml", ("questions",)),
    Reference("meetings/", None, ("opportunities",), "opportunities.toml", _FOLLOWUPS),
    Reference("reviews/", None, ("goals", "[]", "id"), "goals.toml", ("goals",)),
    Reference("reviews/", None, ("next", "[]", "id"), "goals.toml", ("goals",)),
)


# The minutes mentorlog writes in a document's body name records at the start of a line
# (`- o3: A CFP`, `t2: Read the guide`, `- g4 Give a talk (60 days...)`): the files whose ids
# those lines may hold, with their lists.
BODY_REFERENCES: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "meetings/": (("tasks.toml", _TASKS), ("questions.toml", ("questions",)),
                  ("opportunities.toml", _FOLLOWUPS), ("goals.toml", ("goals",))),
    "reviews/": (("goals.toml", ("goals",)),),
}
_LINE_ID = re.compile(r"^(- )?([a-z]+[0-9]+)(?=[: ])", re.MULTILINE)


def replace_line_ids(body: str, moved: Mapping[str, str]) -> str:
    """`body` with each id in `moved` that starts a line (after `- `, before `:` or a space)
    replaced by the id it maps to; every other byte stays."""
    return _LINE_ID.sub(lambda m: (m.group(1) or "") + moved.get(m.group(2), m.group(2)), body)


def source_of(rel: str) -> tuple[str, str] | None:
    """(the mentorship folder's prefix, the source it is) for a path the table names:
    `mentorships/ada/meetings/2026-12-01.md` -> ("mentorships/ada/", "meetings/")."""
    for ref in REFERENCES:
        if ref.source.endswith("/"):
            folder, _, name = rel.rpartition("/")
            prefix, _, last = folder.rpartition("/")
            if last + "/" == ref.source and name.endswith(".md"):
                return (f"{prefix}/" if prefix else ""), ref.source
        elif rel == ref.source or rel.endswith("/" + ref.source):
            return rel.removesuffix(ref.source), ref.source
    return None


def ids_in(holder: Any, field: tuple[str, ...]) -> list[str]:
    """The ids at `field` of a record or front matter (a string, or a list of strings)."""
    found: list[str] = []

    def note(ids: list[str]) -> list[str]:
        found.extend(ids)
        return ids

    _walk(holder, field, note)
    return found


def replace_ids(holder: dict[str, Any], field: tuple[str, ...],
                change: Callable[[list[str]], list[str]]) -> dict[str, Any]:
    """A copy of `holder` with each list of ids at `field` replaced by `change(ids)` (a single
    id is a list of one, and stays a single id)."""
    result = _walk(holder, field, change)
    return result if isinstance(result, dict) else holder


def _walk(value: Any, field: tuple[str, ...], change: Callable[[list[str]], list[str]]) -> Any:
    if not field:
        if isinstance(value, str):
            changed = change([value])
            return changed[0] if len(changed) == 1 else value
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return change(list(value))
        return value
    step, rest = field[0], field[1:]
    if step == "[]":
        return [_walk(v, rest, change) if isinstance(v, dict) else v
                for v in value] if isinstance(value, list) else value
    if isinstance(value, Mapping) and step in value:
        return {**value, step: _walk(value[step], rest, change)}
    return value
