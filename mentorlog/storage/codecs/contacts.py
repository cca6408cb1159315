"""contacts.toml: the ContactLog (every contact with the mentor) to and from its TOML table."""

from __future__ import annotations

from typing import Any

from mentorlog.core.contact import Contact, ContactLog
from mentorlog.storage.fields import Fields
from mentorlog.storage.toml import SCHEMA_VERSION


def contacts_to_dict(log: ContactLog) -> dict[str, Any]:
    rows = []
    for c in log.contacts:
        row: dict[str, Any] = {"channel": c.channel, "at": c.at}
        if c.note:
            row["note"] = c.note
        rows.append(row)
    return {"schema_version": SCHEMA_VERSION, "contacts": rows}


def contacts_from_dict(data: Any) -> ContactLog:
    f = Fields(data)
    return ContactLog(
        tuple(
            Contact(t.str("channel"), t.datetime("at"), t.str("note", ""))
            for t in f.tables("contacts")
        )
    )
