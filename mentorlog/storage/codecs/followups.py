"""opportunities.toml: the FollowUpBook to and from its TOML table (version 2, and version 1
read as it was written), and the rows the store's cache keeps."""

from __future__ import annotations

from typing import Any

from msgspec.structs import asdict

from mentorlog.core.followups import (
    FOLLOWUP_KINDS,
    FOLLOWUP_STATUSES,
    FollowUp,
    FollowUpBook,
    next_number,
)
from mentorlog.storage.codecs.books import check_unique_ids, drop_none, flat_rows
from mentorlog.storage.fields import Fields

VERSION = 2  # storage/toml.py reads versions 1 and 2 of this file
# Version 1 (mentorlog <= 0.x) kept only opportunities, and a status `followed-up`: acted on,
# not closed. It reads as open, its outcome kept.
V1_STATUSES = ("open", "followed-up", "done", "dropped")


def followups_to_dict(book: FollowUpBook) -> dict[str, Any]:
    return {
        "schema_version": VERSION,
        "next_id": book.next_id,
        "followups": [drop_none(asdict(f)) for f in book.followups],
    }


def followups_from_dict(data: Any) -> FollowUpBook:
    f = Fields(data)
    # A version 2 file may still hold version 1 tables (merged by sync from a machine
    # running an older mentorlog): they are read as version 1 records.
    items = [_from_v1(t) for t in f.tables("opportunities")]
    items += [
        FollowUp(
            id=t.str("id"),
            kind=t.choice("kind", FOLLOWUP_KINDS),
            text=t.str("text", ""),
            set_on=t.date("set_on"),
            status=t.choice("status", FOLLOWUP_STATUSES, "open"),
            outcome=t.str("outcome", ""),
            closed_on=t.date("closed_on", None),
        )
        for t in (f.tables("followups") if data.get("schema_version") != 1 else [])
    ]
    names = "followups" if f.has("followups") else "opportunities"
    check_unique_ids(f, names, [o.id for o in items])
    return FollowUpBook(tuple(items), next_number(tuple(items), f.int("next_id", 1, minimum=1)))


def _from_v1(t: Fields) -> FollowUp:
    status = t.choice("status", V1_STATUSES, "open")
    return FollowUp(
        id=t.str("id"),
        kind="opportunity",
        text=t.str("text", ""),
        set_on=t.date("raised_on"),
        status="open" if status == "followed-up" else status,
        outcome=t.str("outcome", ""),
        closed_on=t.date("closed_on", None) if status != "followed-up" else None,
    )


# The rows the store keeps of a decoded opportunities.toml (Store.load; books.flat_rows),
# tagged: rows of version 1 records (an older mentorlog's cache) are never taken for these.
_pack, _unpack = flat_rows(FollowUpBook, "followups", FollowUp)
ROWS_TAG = "followups-2"


def followups_to_rows(book: FollowUpBook) -> list[Any]:
    return [ROWS_TAG, *_pack(book)]


def followups_from_rows(rows: list[Any]) -> FollowUpBook:
    if not rows or rows[0] != ROWS_TAG:
        raise ValueError("not rows of follow-ups")
    return _unpack(rows[1:])  # type: ignore[no-any-return]
