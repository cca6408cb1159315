"""contacts.toml: the ContactLog (every contact with the mentor) to and from its TOML table.

Version 2 gives every contact an id (c1, c2, ...) and the file a `next_id`, so `sync` merges
contacts logged on two machines one by one. A version 1 file (no ids) is read as it is, its
contacts numbered in file order, and written as version 2 the next time it changes.
"""

from __future__ import annotations

from typing import Any

from mentorlog.core.contact import Contact, ContactLog
from mentorlog.core.log_ids import numbered
from mentorlog.storage.codecs.books import check_unique_ids
from mentorlog.storage.fields import Fields

CONTACTS_VERSION = 2  # storage/toml.py SCHEMA_VERSIONS: 1 is still read


def contacts_to_dict(log: ContactLog) -> dict[str, Any]:
    contacts, next_id = numbered(log.contacts, "c", log.next_id)
    rows = [{"id": c.id, "channel": c.channel, "at": c.at, **({"note": c.note} if c.note else {})}
            for c in contacts]
    return {"schema_version": CONTACTS_VERSION, "next_id": next_id, "contacts": rows}


def contacts_from_dict(data: Any) -> ContactLog:
    f = Fields(data)
    contacts = [
        Contact(t.str("channel"), t.datetime("at"), t.str("note", ""), t.str("id", ""))
        for t in f.tables("contacts")
    ]
    numbered_contacts, next_id = numbered(contacts, "c", f.int("next_id", 1, minimum=1))
    check_unique_ids(f, "contacts", [c.id for c in numbered_contacts])
    return ContactLog(numbered_contacts, next_id)
