"""Ids of the records in a book (goals g1, tasks t1, questions q1, ...): finding a record,
replacing it, and the number after the highest id (pure)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from mentorlog.core.errors import MentorlogError
from mentorlog.core.log_ids import next_number

R = TypeVar("R")


def find_by_id(records: Iterable[R], wanted: str, what: str, listed_by: str) -> R:
    """The record whose id is `wanted` (ids are case-insensitive), or an error saying where
    the ids are listed. Shared by every book of records with ids (goals, tasks, ...)."""
    key = wanted.strip().lower()
    ids = []
    for r in records:
        if r.id == key:  # type: ignore[attr-defined]
            return r
        ids.append(r.id)  # type: ignore[attr-defined]
    close = did_you_mean(key, ids)
    raise MentorlogError(f"no {what} with id {wanted!r}{close} (see '{listed_by}')")


def did_you_mean(wanted: str, names: Iterable[str]) -> str:
    """`: did you mean 'slack'?` for the closest of `names` (any case), else ``."""
    import difflib  # only on the error path

    by_lower = {n.lower(): n for n in names}
    key = wanted.strip().lower()
    scored = [(difflib.SequenceMatcher(None, key, n).ratio(), -i, n)
              for i, n in enumerate(by_lower)]
    best = max(scored, default=None)  # the first listed of the closest
    close = [best[2]] if best and best[0] >= 0.6 else []
    if not close and key:  # `g` -> `g1`, `Pairing` -> `pairing-notes`
        close = [n for n in by_lower if n.startswith(key)][:1]
    return f": did you mean {by_lower[close[0]]!r}?" if close else ""


def replace_by_id(records: tuple[R, ...], new: R) -> tuple[R, ...]:
    """`records` with the one of the same id as `new` replaced by it."""
    return tuple(new if r.id == new.id else r for r in records)  # type: ignore[attr-defined]


def after_highest(records: Any, prefix: str) -> int:
    """The next id number after every id present, so a hand-added record is never reused."""
    return next_number([r.id for r in records], prefix)
