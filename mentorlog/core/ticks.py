"""checklist.toml: the checklist items ticked by hand, and the day each was ticked (pure codec).

Kept apart from mentorlog/core/checklist.py so that reading the file formats stays cheap.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from mentorlog.storage.fields import Fields
from mentorlog.storage.toml import SCHEMA_VERSION
from msgspec import Struct, field

from typing import Any

CHECKLIST_NAME = "checklist.toml"


class Ticks(Struct, frozen=True):
    """Items ticked by hand and the day each was ticked; unknown IDs are kept, not lost."""

    ticked: Mapping[str, date] = field(default_factory=dict)


def ticks_to_dict(ticks: Ticks) -> dict[str, Any]:
    return {"schema_version": SCHEMA_VERSION, "ticked": dict(sorted(ticks.ticked.items()))}


def ticks_from_dict(data: Any) -> Ticks:
    f = Fields(data)
    table = f.table("ticked") if f.has("ticked") else Fields({}, "ticked")
    return Ticks({key: table.date(key) for key in table.data})
