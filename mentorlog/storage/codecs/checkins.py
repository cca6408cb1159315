"""checkins.toml: the CheckInBook (relationship check-ins) to and from its TOML table."""

from __future__ import annotations

from typing import Any

from mentorlog.core.agreement import PRIVACY_LEVELS
from mentorlog.core.checkins import (
    BOUNDARY_ANSWERS,
    DEFAULT_PRIVACY,
    ID_PREFIX,
    TIME_ANSWERS,
    WORKING_SCALE,
    CheckIn,
    CheckInBook,
)
from mentorlog.core.errors import SchemaError
from mentorlog.core.log_ids import numbered
from mentorlog.storage.codecs.books import check_unique_ids
from mentorlog.storage.fields import Fields

CHECKINS_VERSION = 1


def checkins_to_dict(book: CheckInBook) -> dict[str, Any]:
    entries, next_id = numbered(book.checkins, ID_PREFIX, book.next_id)
    rows = [{"id": c.id, "on": c.on, "working": c.working, "time": c.time,
             "boundaries": c.boundaries, "keep": c.keep, "change": c.change,
             "feedback": c.feedback, "privacy": c.privacy} for c in entries]
    return {"schema_version": CHECKINS_VERSION, "next_id": next_id, "checkins": rows}


def _working(t: Fields) -> int:
    value: int = t.int("working")
    if value not in WORKING_SCALE:
        raise SchemaError(t.key("working"), f"expected 1 to 5, got {value}")
    return value


def checkins_from_dict(data: Any) -> CheckInBook:
    f = Fields(data)
    entries = [
        CheckIn(
            on=t.date("on"),
            working=_working(t),
            time=t.choice("time", TIME_ANSWERS, "right"),
            boundaries=t.choice("boundaries", BOUNDARY_ANSWERS, "yes"),
            keep=t.str("keep", ""),
            change=t.str("change", ""),
            feedback=t.str("feedback", ""),
            privacy=t.choice("privacy", PRIVACY_LEVELS, DEFAULT_PRIVACY),
            id=t.str("id", ""),
        )
        for t in f.tables("checkins")
    ]
    numbered_entries, next_id = numbered(entries, ID_PREFIX, f.int("next_id", 1, minimum=1))
    check_unique_ids(f, "checkins", [c.id for c in numbered_entries])
    return CheckInBook(numbered_entries, next_id)
