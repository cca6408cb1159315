"""What the books of records with ids share on disk (goals, tasks, questions, opportunities):
no nulls in TOML, ids used once, and the plain JSON rows the store's cache keeps."""

from __future__ import annotations

from datetime import date
from typing import Any

from mentorlog.core.errors import SchemaError
from mentorlog.storage.fields import Fields


def drop_none(d: dict[str, Any], keep: tuple[str, ...] = ("id", "text")) -> dict[str, Any]:
    """TOML has no null: absent keys mean None; empty optional strings are kept out for
    readability, but required ones (`keep`) stay, or an empty text could not be read back."""
    return {k: v for k, v in d.items() if v is not None and (v != "" or k in keep)}


def check_unique_ids(f: Fields, name: str, ids: list[str]) -> None:
    seen: set[str] = set()
    for i, ident in enumerate(ids):
        if ident in seen:
            raise SchemaError(f"{f.key(name)}[{i}].id", f"{ident!r} is used twice")
        seen.add(ident)


def flat_rows(book_type: Any, items: str, item_type: Any) -> tuple[Any, Any]:
    """(pack, unpack) rows codecs, as for goals, for a book of flat records (text, numbers,
    `date` or `date | None` fields) with a `next_id`: tasks, questions, opportunities."""
    names = item_type.__struct_fields__
    kinds = [item_type.__annotations__[n] for n in names]
    if any(k.startswith("date") and k not in ("date", "date | None") for k in kinds):
        raise TypeError(f"{item_type.__name__}: only date fields can be rows")
    dated = frozenset(i for i, k in enumerate(kinds) if k.startswith("date"))

    def pack(book: Any) -> list[Any]:
        return [book.next_id, [
            [v.isoformat() if i in dated and v is not None else v
             for i, v in enumerate(getattr(r, n) for n in names)]
            for r in getattr(book, items)]]

    def unpack(rows: list[Any]) -> Any:
        next_id, records = rows
        day = date.fromisoformat
        return book_type(tuple(
            item_type(*[day(v) if i in dated and v is not None else v
                        for i, v in enumerate(row)])
            for row in records), next_id)

    return pack, unpack
