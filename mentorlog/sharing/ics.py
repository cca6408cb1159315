"""The meeting schedule as an RFC 5545 calendar: one recurring event per weekly slot.

Each event starts at the slot's first coming meeting, repeats weekly (RRULE) in the
mentee's real time zone (TZID plus a VTIMEZONE), and lists the meetings taken out by gaps
and skips as EXDATEs. Built with the `icalendar` package, imported only here.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

from mentorlog.core.agreement import Agreement, Slot, zone
from mentorlog.core.errors import MentorlogError
from mentorlog.core.schedule import HORIZON_DAYS, occurrences, slot_rule

PRODID = "-//mentorlog//mentorlog//EN"
ICAL_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
VTIMEZONE_YEARS = 20


def slot_uid(agreement: Agreement, slot: Slot) -> str:
    """Stable across exports, so importing again updates the event instead of adding one."""
    return (
        f"mentorlog-{agreement.start.isoformat()}-{ICAL_DAYS[slot.weekday].lower()}"
        f"-{slot.at:%H%M}@mentorlog"
    )


def calendar_bytes(
    agreement: Agreement,
    now: datetime,
    skipped: Iterable[date] = (),
    horizon_days: int = HORIZON_DAYS,
) -> bytes:
    """The coming meetings as an .ics file (bytes, CRLF line ends as RFC 5545 wants)."""
    from icalendar import Calendar, Event

    tz = zone(agreement.mentee_tz)
    found = list(occurrences(agreement, now, skipped, horizon_days))
    if not any(o.planned for o in found):
        raise MentorlogError(
            "no coming meetings to export: agree a weekly slot first ('mentorlog agreement edit')"
            if not agreement.slots else "no coming meetings to export (all are in gaps)"
        )
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"Mentorship with {agreement.mentor.name}")
    first_day = None
    for slot in dict.fromkeys(agreement.slots):
        planned = [o.wall for o in found if o.slot == slot and o.planned]
        if not planned:
            continue
        start = planned[0]
        first_day = min(first_day or start.date(), start.date())
        held = set(planned)
        last = found[-1].wall if found else start
        excluded = [w for w in _walls(slot, start, last) if w not in held]
        event = Event()
        event.add("uid", slot_uid(agreement, slot))
        event.add("dtstamp", now.astimezone(UTC))
        event.add("summary", f"Mentorship meeting with {agreement.mentor.name}")
        event.add(
            "description",
            f"Weekly mentorship meeting, {slot} in {agreement.mentee_tz}. "
            f"{agreement.mentor.name} is in {agreement.mentor.tz}.",
        )
        event.add("dtstart", start.replace(tzinfo=tz))
        event.add("duration", timedelta(minutes=agreement.duration))
        event.add("rrule", {"freq": "weekly", "byday": [ICAL_DAYS[slot.weekday]]})
        if excluded:
            event.add("exdate", [w.replace(tzinfo=tz) for w in excluded])
        cal.add_component(event)
    if first_day is not None:
        cal.add_missing_timezones(
            first_date=first_day - timedelta(days=7),
            last_date=date(first_day.year + VTIMEZONE_YEARS, 1, 1),
        )
    data: bytes = cal.to_ical()
    return data


def _walls(slot: Slot, start: datetime, last: datetime) -> list[datetime]:
    """The slot's rule instances (naive wall clock) from `start` through `last`."""
    walls = []
    for wall in slot_rule(slot, start.date()):
        if wall > last:
            break
        walls.append(wall)
    return walls
