"""checklist.toml: the checklist items ticked by hand (Ticks) to and from its TOML table."""

from __future__ import annotations

from typing import Any

from mentorlog.core.checklist import Ticks
from mentorlog.storage.fields import Fields
from mentorlog.storage.toml import SCHEMA_VERSION


def ticks_to_dict(ticks: Ticks) -> dict[str, Any]:
    return {"schema_version": SCHEMA_VERSION, "ticked": dict(sorted(ticks.ticked.items()))}


def ticks_from_dict(data: Any) -> Ticks:
    f = Fields(data)
    table = f.table("ticked") if f.has("ticked") else Fields({}, "ticked")
    return Ticks({key: table.date(key) for key in table.data})
