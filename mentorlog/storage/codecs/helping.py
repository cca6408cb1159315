"""helped.toml: the HelpLog (support given to other mentees) to and from its TOML table.

Version 2 gives every entry an id (h1, h2, ...) and the file a `next_id`, so `sync` merges
entries added on two machines one by one. A version 1 file (no ids) is read as it is, its
entries numbered in file order, and written as version 2 the next time it changes.
"""

from __future__ import annotations

from typing import Any

from msgspec.structs import replace

from mentorlog.core.helping import Help, HelpLog
from mentorlog.core.log_ids import fill_ids, next_number
from mentorlog.storage.codecs.books import check_unique_ids
from mentorlog.storage.fields import Fields

HELPED_VERSION = 2  # storage/toml.py SCHEMA_VERSIONS: 1 is still read


def helped_to_dict(log: HelpLog) -> dict[str, Any]:
    ids = fill_ids([h.id for h in log.entries], "h")
    rows = []
    for h, ident in zip(log.entries, ids, strict=True):
        row: dict[str, Any] = {"id": ident, "on": h.on, "text": h.text}
        if h.minutes is not None:
            row["minutes"] = h.minutes
        rows.append(row)
    next_id = max(log.next_id, next_number(ids, "h"))
    return {"schema_version": HELPED_VERSION, "next_id": next_id, "helped": rows}


def helped_from_dict(data: Any) -> HelpLog:
    f = Fields(data)
    entries = [
        Help(t.date("on"), t.str("text"), t.int("minutes", None, minimum=1), t.str("id", ""))
        for t in f.tables("helped")
    ]
    ids = fill_ids([h.id for h in entries], "h")
    check_unique_ids(f, "helped", ids)
    return HelpLog(
        tuple(replace(h, id=ident) for h, ident in zip(entries, ids, strict=True)),
        max(f.int("next_id", 1, minimum=1), next_number(ids, "h")),
    )
