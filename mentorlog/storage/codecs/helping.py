"""helped.toml: the HelpLog (support given to other mentees) to and from its TOML table.

Version 2 gives every entry an id (h1, h2, ...) and the file a `next_id`, so `sync` merges
entries added on two machines one by one. A version 1 file (no ids) is read as it is, its
entries numbered in file order, and written as version 2 the next time it changes.
"""

from __future__ import annotations

from typing import Any

from mentorlog.core.helping import Help, HelpLog
from mentorlog.core.log_ids import numbered
from mentorlog.storage.codecs.books import check_unique_ids
from mentorlog.storage.fields import Fields

HELPED_VERSION = 2  # storage/toml.py SCHEMA_VERSIONS: 1 is still read


def helped_to_dict(log: HelpLog) -> dict[str, Any]:
    entries, next_id = numbered(log.entries, "h", log.next_id)
    rows = [{"id": h.id, "on": h.on, "text": h.text,
             **({"minutes": h.minutes} if h.minutes is not None else {})} for h in entries]
    return {"schema_version": HELPED_VERSION, "next_id": next_id, "helped": rows}


def helped_from_dict(data: Any) -> HelpLog:
    f = Fields(data)
    entries = [
        Help(t.date("on"), t.str("text"), t.int("minutes", None, minimum=1), t.str("id", ""))
        for t in f.tables("helped")
    ]
    numbered_entries, next_id = numbered(entries, "h", f.int("next_id", 1, minimum=1))
    check_unique_ids(f, "helped", [h.id for h in numbered_entries])
    return HelpLog(numbered_entries, next_id)
