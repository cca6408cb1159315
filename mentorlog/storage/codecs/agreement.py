"""agreement.toml: the Agreement to and from its TOML table.

Version 2 adds the horizon: `planned_end` and `renegotiate_on` (both optional dates). An
agreement without them is written as version 1, as before, so an older mentorlog keeps
reading it; one with them is version 2, which an older mentorlog refuses rather than
rewrite without them. Both versions read.
"""

from __future__ import annotations

from typing import Any

from mentorlog.core.agreement import (
    DEFAULT_DURATION,
    FOCUS_KINDS,
    MIN_HOURS_PER_WEEK,
    Agreement,
    Channel,
    Focus,
    Gap,
    Mentor,
    parse_slot,
    parse_window,
    zone,
)
from mentorlog.core.errors import MentorlogError, SchemaError
from mentorlog.storage.fields import Fields
from mentorlog.storage.toml import SCHEMA_VERSION

AGREEMENT_VERSION = 2  # storage/toml.py SCHEMA_VERSIONS: 1 is still read (and written)


def agreement_to_dict(a: Agreement) -> dict[str, Any]:
    horizon = {k: v for k, v in (("planned_end", a.planned_end),
                                 ("renegotiate_on", a.renegotiate_on)) if v is not None}
    data: dict[str, Any] = {
        "schema_version": AGREEMENT_VERSION if horizon else SCHEMA_VERSION,
        "start": a.start,
        "mentee_tz": a.mentee_tz,
        "hours_per_week": a.hours_per_week,
        "extra_time": a.extra_time,
        "duration": a.duration,
        "slots": [str(s) for s in a.slots],
        "success": list(a.success),
        "off_limits": list(a.off_limits),
        "gap_plan": a.gap_plan,
        **horizon,
        "mentor": {"name": a.mentor.name, "contact": a.mentor.contact, "tz": a.mentor.tz},
        "focus": [{"kind": f.kind, "text": f.text} for f in a.focus],
        "channels": [_channel_to_dict(c) for c in a.channels],
        "gaps": [_gap_to_dict(g) for g in a.gaps],
    }
    return data


def _channel_to_dict(c: Channel) -> dict[str, Any]:
    out: dict[str, Any] = {"name": c.name, "windows": [str(w) for w in c.windows]}
    if c.max_per_week is not None:
        out["max_per_week"] = c.max_per_week
    if c.max_per_day is not None:
        out["max_per_day"] = c.max_per_day
    return out


def _gap_to_dict(g: Gap) -> dict[str, Any]:
    return {"start": g.start, "end": g.end, "reason": g.reason}


def _parsed(f: Fields, name: str, value: str, parse: Any) -> Any:
    try:
        return parse(value)
    except MentorlogError as e:
        raise SchemaError(f.key(name), str(e)) from None


def agreement_from_dict(data: Any) -> Agreement:
    f = Fields(data)
    m = f.table("mentor")
    mentor = Mentor(m.str("name"), m.str("contact", ""), m.str("tz"))
    _parsed(m, "tz", mentor.tz, zone)
    mentee_tz = f.str("mentee_tz")
    _parsed(f, "mentee_tz", mentee_tz, zone)
    focus = []
    for t in f.tables("focus"):
        focus.append(Focus(t.choice("kind", tuple(FOCUS_KINDS)), t.str("text", "")))
    channels = []
    for t in f.tables("channels"):
        windows = tuple(
            _parsed(t, "windows", w, parse_window) for w in t.strings("windows") or ["any"]
        )
        channels.append(
            Channel(
                t.str("name"),
                windows,
                t.int("max_per_week", None, minimum=1),
                t.int("max_per_day", None, minimum=1),
            )
        )
    gaps = []
    for t in f.tables("gaps"):
        gap = Gap(t.date("start"), t.date("end"), t.str("reason", ""))
        if gap.end < gap.start:
            raise SchemaError(t.key("end"), "ends before the gap starts")
        gaps.append(gap)
    slots = tuple(_parsed(f, "slots", s, parse_slot) for s in f.strings("slots"))
    hours = f.number("hours_per_week", MIN_HOURS_PER_WEEK)
    start = f.date("start")
    planned_end = f.date("planned_end", None)
    renegotiate_on = f.date("renegotiate_on", None)
    if planned_end is not None and planned_end < start:
        raise SchemaError(f.key("planned_end"), "is before the start")
    if renegotiate_on is not None and renegotiate_on < start:
        raise SchemaError(f.key("renegotiate_on"), "is before the start")
    return Agreement(
        mentor=mentor,
        mentee_tz=mentee_tz,
        start=start,
        focus=tuple(focus),
        success=tuple(f.strings("success")),
        hours_per_week=hours,
        extra_time=f.str("extra_time", ""),
        channels=tuple(channels),
        off_limits=tuple(f.strings("off_limits")),
        slots=slots,
        duration=f.int("duration", DEFAULT_DURATION, minimum=1),
        gaps=tuple(gaps),
        gap_plan=f.str("gap_plan", ""),
        planned_end=planned_end,
        renegotiate_on=renegotiate_on,
    )
