"""Ids of the records in a book (goals g1, tasks t1, questions q1, ...): finding a record,
replacing it, and the number after the highest id (pure)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from mentorlog.core.errors import MentorlogError

R = TypeVar("R")


def find_by_id(records: Iterable[R], wanted: str, what: str, listed_by: str) -> R:
    """The record whose id is `wanted` (ids are case-insensitive), or an error saying where
    the ids are listed. Shared by every book of records with ids (goals, tasks, ...)."""
    key = wanted.strip().lower()
    for r in records:
        if r.id == key:  # type: ignore[attr-defined]
            return r
    raise MentorlogError(f"no {what} with id {wanted!r} (see '{listed_by}')")


def replace_by_id(records: tuple[R, ...], new: R) -> tuple[R, ...]:
    """`records` with the one of the same id as `new` replaced by it."""
    return tuple(new if r.id == new.id else r for r in records)  # type: ignore[attr-defined]


def after_highest(records: Any, prefix: str) -> int:
    """The next id number after every id present, so a hand-added record is never reused."""
    numbers = [
        int(r.id[len(prefix) :])
        for r in records
        if r.id.startswith(prefix) and r.id[len(prefix) :].isdigit()
    ]
    return max(numbers, default=0) + 1
