"""people.toml: the PeopleBook (the sponsorship ledger) to and from its TOML table."""

from __future__ import annotations

from typing import Any

from mentorlog.core.ids import after_highest
from mentorlog.core.people import ID_PREFIX, PeopleBook, Person
from mentorlog.storage.codecs.books import check_unique_ids
from mentorlog.storage.fields import Fields

PEOPLE_VERSION = 1


def people_to_dict(book: PeopleBook) -> dict[str, Any]:
    rows = [{"id": p.id, "name": p.name, "introduced_on": p.introduced_on,
             **({"context": p.context} if p.context else {}),
             "followups": list(p.followups)} for p in book.people]
    return {"schema_version": PEOPLE_VERSION, "next_id": book.next_id, "people": rows}


def people_from_dict(data: Any) -> PeopleBook:
    f = Fields(data)
    people = tuple(
        Person(
            id=t.str("id"),
            name=t.str("name"),
            introduced_on=t.date("introduced_on"),
            context=t.str("context", ""),
            followups=tuple(t.strings("followups")),
        )
        for t in f.tables("people")
    )
    check_unique_ids(f, "people", [p.id for p in people])
    next_id = max(f.int("next_id", 1, minimum=1), after_highest(people, ID_PREFIX))
    return PeopleBook(people, next_id)
