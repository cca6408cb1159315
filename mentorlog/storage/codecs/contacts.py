"""contacts.toml: the ContactLog (every contact with the mentor) to and from its TOML table.

Version 2 gives every contact an id (c1, c2, ...) and the file a `next_id`, so `sync` merges
contacts logged on two machines one by one. A version 1 file (no ids) is read as it is, its
contacts numbered in file order, and written as version 2 the next time it changes.
"""

from __future__ import annotations

from typing import Any

from msgspec.structs import replace

from mentorlog.core.contact import Contact, ContactLog
from mentorlog.core.log_ids import fill_ids, next_number
from mentorlog.storage.codecs.books import check_unique_ids
from mentorlog.storage.fields import Fields

CONTACTS_VERSION = 2  # storage/toml.py SCHEMA_VERSIONS: 1 is still read


def contacts_to_dict(log: ContactLog) -> dict[str, Any]:
    ids = fill_ids([c.id for c in log.contacts], "c")
    rows = []
    for c, ident in zip(log.contacts, ids, strict=True):
        row: dict[str, Any] = {"id": ident, "channel": c.channel, "at": c.at}
        if c.note:
            row["note"] = c.note
        rows.append(row)
    next_id = max(log.next_id, next_number(ids, "c"))
    return {"schema_version": CONTACTS_VERSION, "next_id": next_id, "contacts": rows}


def contacts_from_dict(data: Any) -> ContactLog:
    f = Fields(data)
    contacts = [
        Contact(t.str("channel"), t.datetime("at"), t.str("note", ""), t.str("id", ""))
        for t in f.tables("contacts")
    ]
    ids = fill_ids([c.id for c in contacts], "c")
    check_unique_ids(f, "contacts", ids)
    return ContactLog(
        tuple(replace(c, id=ident) for c, ident in zip(contacts, ids, strict=True)),
        max(f.int("next_id", 1, minimum=1), next_number(ids, "c")),
    )
