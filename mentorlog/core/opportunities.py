"""What the mentor keeps an eye out for, and how each was followed up (opportunities.toml)."""

from __future__ import annotations

from datetime import date

from mentorlog.core.errors import MentorlogError
from mentorlog.storage.fields import Fields
from mentorlog.core.model import (
    _after_highest,
    _drop_none,
    _unique_ids,
    find_by_id,
    flat_rows,
    replace_by_id,
)
from mentorlog.storage.toml import SCHEMA_VERSION
from msgspec import Struct
from msgspec.structs import asdict, replace

from typing import Any

OPPORTUNITY_STATUSES = ("open", "followed-up", "done", "dropped")


class Opportunity(Struct, frozen=True):
    """Something the mentor keeps an eye out for, and its follow-up."""

    id: str
    text: str
    raised_on: date
    status: str = "open"
    outcome: str = ""
    closed_on: date | None = None

    @property
    def to_follow_up(self) -> bool:
        return self.status in ("open", "followed-up")


class OpportunityBook(Struct, frozen=True):
    """Every opportunity (opportunities.toml); ids are never reused."""

    opportunities: tuple[Opportunity, ...] = ()
    next_id: int = 1

    def add(self, text: str, raised_on: date) -> OpportunityBook:
        words = " ".join(text.split())
        if not words:
            raise MentorlogError("an opportunity cannot be empty")
        o = Opportunity(f"o{self.next_id}", words, raised_on)
        return replace(self, opportunities=(*self.opportunities, o), next_id=self.next_id + 1)

    def get(self, oid: str) -> Opportunity:
        return find_by_id(self.opportunities, oid, "opportunity", "mentorlog agenda")

    def put(self, o: Opportunity) -> OpportunityBook:
        return replace(self, opportunities=replace_by_id(self.opportunities, o))

    def drop_ids(self, ids: set[str]) -> OpportunityBook:
        return replace(self, opportunities=tuple(o for o in self.opportunities if o.id not in ids))

    def open(self) -> list[Opportunity]:
        return [o for o in self.opportunities if o.to_follow_up]


def opportunities_to_dict(book: OpportunityBook) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "next_id": book.next_id,
        "opportunities": [_drop_none(asdict(o)) for o in book.opportunities],
    }


def opportunities_from_dict(data: Any) -> OpportunityBook:
    f = Fields(data)
    items = [
        Opportunity(
            id=t.str("id"),
            text=t.str("text", ""),
            raised_on=t.date("raised_on"),
            status=t.choice("status", OPPORTUNITY_STATUSES, "open"),
            outcome=t.str("outcome", ""),
            closed_on=t.date("closed_on", None),
        )
        for t in f.tables("opportunities")
    ]
    _unique_ids(f, "opportunities", [o.id for o in items])
    next_id = max(f.int("next_id", 1, minimum=1), _after_highest(items, "o"))
    return OpportunityBook(tuple(items), next_id)


# The rows the store keeps of a decoded opportunities.toml (Store.load; model.flat_rows).
opportunities_to_rows, opportunities_from_rows = flat_rows(OpportunityBook, "opportunities",
                                                           Opportunity)
