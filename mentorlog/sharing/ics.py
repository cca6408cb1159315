"""The meeting schedule as an RFC 5545 calendar, read from the one timeline: one recurring
event per weekly slot and one event per moved meeting.

Each slot's event starts at the slot's first coming meeting, repeats weekly (RRULE) in the
mentee's real time zone (TZID plus a VTIMEZONE) until the end of the mentorship (UNTIL,
once `mentorlog end` closed it), and lists as EXDATEs every occurrence the timeline does not
plan: gaps, skipped meetings, meetings moved elsewhere and slots passed over by a wrap-up.
A moved meeting is an event of its own. Built with the `icalendar` package, imported only
here.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

from mentorlog.core import text as render
from mentorlog.core.agreement import Agreement, Slot, zone
from mentorlog.core.dates import localize
from mentorlog.core.errors import MentorlogError
from mentorlog.core.schedule import slot_rule
from mentorlog.core.timeline import HELD, MOVED, PLANNED, UNRECORDED, Appointment, Timeline

PRODID = "-//mentorlog//mentorlog//EN"
ICAL_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
VTIMEZONE_YEARS = 20


def slot_uid(agreement: Agreement, slot: Slot) -> str:
    """Stable across exports, so importing again updates the event instead of adding one."""
    return (
        f"mentorlog-{agreement.start.isoformat()}-{ICAL_DAYS[slot.weekday].lower()}"
        f"-{slot.at:%H%M}@mentorlog"
    )


def moved_uid(agreement: Agreement, m: Appointment) -> str:
    """Named after the slot the meeting was moved from: moving it again updates it."""
    origin = m.slot or m.start
    return f"mentorlog-{agreement.start.isoformat()}-moved-{origin:%Y%m%dT%H%M}@mentorlog"


def calendar_bytes(agreement: Agreement, line: Timeline, now: datetime) -> bytes:
    """The coming meetings of the timeline as an .ics file (bytes, CRLF line ends as RFC
    5545 wants). Once the mentorship has ended, the events stop at the end (UNTIL)."""
    from icalendar import Calendar

    tz = zone(agreement.mentee_tz)
    coming = [m for m in line.appointments if m.start >= line.now]
    planned = {m.start for m in coming if m.state == PLANNED}
    moved = [m for m in coming if m.state == MOVED]
    if not planned and not moved and line.ended is None:
        raise MentorlogError(
            "no coming meetings to export: agree a weekly slot first ('mentorlog agreement edit')"
            if not agreement.slots else "no coming meetings to export (all are in gaps)"
        )
    until = (datetime.combine(line.ended, time(23, 59, 59), tzinfo=tz).astimezone(UTC)
             if line.ended is not None else None)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"Mentorship with {agreement.mentor.name}")
    stamp = now.astimezone(UTC)
    # What happens (or happened) at each instant: the series keeps those, excludes the rest.
    kept = planned | {m.start for m in line.appointments if m.state in (HELD, UNRECORDED)}
    first_day: date | None = None
    claimed: set[datetime] = set()  # an instant two slots share is the first slot's
    for slot in dict.fromkeys(agreement.slots):
        walls = _walls(slot, line, tz)
        if not walls:
            continue
        on = [w for w in walls if _start(w, tz) in kept and _start(w, tz) not in claimed]
        claimed |= {_start(w, tz) for w in on}
        first = next((w for w in walls if _start(w, tz) in planned and w in on), None)
        if first is None:
            if line.ended is None:
                continue
            first = walls[0]  # nothing coming: the event (same UID) says where it stopped
        first_day = min(first_day or first.date(), first.date())
        event = _event(agreement, stamp, slot_uid(agreement, slot), first.replace(tzinfo=tz),
                       f"Weekly mentorship meeting, {slot} in {agreement.mentee_tz}. "
                       f"{agreement.mentor.name} is in {agreement.mentor.tz}.")
        rule: dict[str, Any] = {"freq": "weekly", "byday": [ICAL_DAYS[slot.weekday]]}
        if until is not None:
            rule["until"] = until
        event.add("rrule", rule)
        excluded = [w for w in walls if w >= first and w not in on]
        if excluded:
            event.add("exdate", [w.replace(tzinfo=tz) for w in excluded])
        cal.add_component(event)
    for m in moved:
        first_day = min(first_day or m.day, m.day)
        origin = f" (moved from {render.moment(m.slot)})" if m.slot else ""
        cal.add_component(_event(
            agreement, stamp, moved_uid(agreement, m), m.start,
            f"Mentorship meeting{origin}, in {agreement.mentee_tz}. "
            f"{agreement.mentor.name} is in {agreement.mentor.tz}."))
    if first_day is not None:
        cal.add_missing_timezones(
            first_date=first_day - timedelta(days=7),
            last_date=date(first_day.year + VTIMEZONE_YEARS, 1, 1),
        )
    data: bytes = cal.to_ical()
    return data


def _start(wall: datetime, tz: tzinfo) -> datetime:
    """The instant of a wall-clock time, by the documented rule (core.dates.localize)."""
    return localize(wall.date(), wall.time(), tz)


def _event(agreement: Agreement, stamp: datetime, uid: str, start: datetime,
           description: str) -> Any:
    from icalendar import Event

    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("summary", f"Mentorship meeting with {agreement.mentor.name}")
    event.add("description", description)
    event.add("dtstart", start)
    event.add("duration", timedelta(minutes=agreement.duration))
    return event


def _walls(slot: Slot, line: Timeline, tz: tzinfo) -> list[datetime]:
    """The slot's rule instances (naive wall clock) that have not started, through the end
    of the timeline (three years ahead, or the end of the mentorship). Once it has ended
    with nothing coming, the slot's last instance on or before the end day."""
    horizon = max((m.start for m in (*line.appointments, *line.gapped)), default=line.now)
    walls = []
    for wall in slot_rule(slot, line.now.date()):
        if wall.date() > horizon.date():
            break
        if _start(wall, tz) >= line.now:
            walls.append(wall)
    if walls or line.ended is None:
        return walls
    last = next(iter(slot_rule(slot, line.ended - timedelta(days=6))))
    return [last]
