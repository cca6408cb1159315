"""opportunities.toml: the OpportunityBook to and from its TOML table, and the rows the store's
cache keeps."""

from __future__ import annotations

from typing import Any

from msgspec.structs import asdict

from mentorlog.core.ids import after_highest
from mentorlog.core.opportunities import OPPORTUNITY_STATUSES, Opportunity, OpportunityBook
from mentorlog.storage.codecs.books import check_unique_ids, drop_none, flat_rows
from mentorlog.storage.fields import Fields
from mentorlog.storage.toml import SCHEMA_VERSION


def opportunities_to_dict(book: OpportunityBook) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "next_id": book.next_id,
        "opportunities": [drop_none(asdict(o)) for o in book.opportunities],
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
    check_unique_ids(f, "opportunities", [o.id for o in items])
    next_id = max(f.int("next_id", 1, minimum=1), after_highest(items, "o"))
    return OpportunityBook(tuple(items), next_id)


# The rows the store keeps of a decoded opportunities.toml (Store.load; books.flat_rows).
opportunities_to_rows, opportunities_from_rows = flat_rows(OpportunityBook, "opportunities",
                                                           Opportunity)
