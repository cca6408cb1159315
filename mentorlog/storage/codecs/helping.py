"""helped.toml: the HelpLog (support given to other mentees) to and from its TOML table."""

from __future__ import annotations

from typing import Any

from mentorlog.core.helping import Help, HelpLog
from mentorlog.storage.fields import Fields
from mentorlog.storage.toml import SCHEMA_VERSION


def helped_to_dict(log: HelpLog) -> dict[str, Any]:
    rows = []
    for h in log.entries:
        row: dict[str, Any] = {"on": h.on, "text": h.text}
        if h.minutes is not None:
            row["minutes"] = h.minutes
        rows.append(row)
    return {"schema_version": SCHEMA_VERSION, "helped": rows}


def helped_from_dict(data: Any) -> HelpLog:
    f = Fields(data)
    return HelpLog(
        tuple(
            Help(t.date("on"), t.str("text"), t.int("minutes", None, minimum=1))
            for t in f.tables("helped")
        )
    )
