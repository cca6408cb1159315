"""Ids for the logs that had none before schema_version 2: helped.toml (h1, h2, ...) and
contacts.toml (c1, c2, ...), so `sync` merges them entry by entry; the same numbering for
check-ins and skill ratings (pure)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, TypeVar

from msgspec.structs import replace


def next_number(ids: Sequence[str], prefix: str) -> int:
    """The number after the highest `prefix` id in `ids` (1 when there is none)."""
    numbers = [int(i[len(prefix):]) for i in ids
               if i.startswith(prefix) and i[len(prefix):].isdigit()]
    return max(numbers, default=0) + 1


def fill_ids(ids: Sequence[str], prefix: str) -> list[str]:
    """`ids` with every empty one replaced by the next number after the highest id present,
    in order: a version 1 file (no ids at all) reads as h1, h2, ... on every machine, and an
    entry added by hand without an id gets a new one."""
    n = next_number(ids, prefix)
    filled = []
    for ident in ids:
        if not ident:
            ident, n = f"{prefix}{n}", n + 1
        filled.append(ident)
    return filled


class _WithId(Protocol):
    @property
    def id(self) -> str: ...


E = TypeVar("E", bound=_WithId)


def numbered(entries: Sequence[E], prefix: str, next_id: int = 1) -> tuple[tuple[E, ...], int]:
    """The entries, each with an id (`fill_ids`), and the log's next number: at least
    `next_id`, past every id."""
    ids = fill_ids([e.id for e in entries], prefix)
    done = tuple(replace(e, id=i) if e.id != i else e  # type: ignore[type-var]
                 for e, i in zip(entries, ids, strict=True))
    return done, max(next_id, next_number(ids, prefix))


def appended(entries: tuple[E, ...], entry: E, prefix: str,
             next_id: int) -> tuple[tuple[E, ...], int]:
    """`entries` with `entry` added, under the next id unless it has one, and the log's next
    number: the `add` of every log and book numbered here."""
    n = max(next_id, next_number([e.id for e in entries], prefix))
    if not entry.id:
        entry = replace(entry, id=f"{prefix}{n}")  # type: ignore[type-var]
    return (*entries, entry), n + 1
