"""What the mentor keeps an eye out for, and how each was followed up (opportunities.toml)."""

from __future__ import annotations

from datetime import date

from msgspec import Struct
from msgspec.structs import replace

from mentorlog.core.errors import MentorlogError
from mentorlog.core.ids import find_by_id, replace_by_id

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
