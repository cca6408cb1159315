"""Dates and times as people type them: ISO, `today`, `tue`, `next tuesday 18:00`, `in 2 weeks`.

Hand-written on purpose: dateutil.parser costs ~15 ms to import and guesses too much.
Rules (documented in docs/dates.md):
- a bare weekday (`tue`) is the nearest such day on or after today;
- `next tue` is strictly after today, `last tue` strictly before;
- `in N days|weeks|months`, `N days|weeks|months ago`; months clamp to the month's end.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from mentorlog.core.errors import MentorlogError

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_FULL_WEEKDAYS = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)

_TIME_RE = re.compile(r"^(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$", re.IGNORECASE)
_RELATIVE_RE = re.compile(r"^in\s+(\d+)\s+(day|week|month)s?$")
_AGO_RE = re.compile(r"^(\d+)\s+(day|week|month)s?\s+ago$")

DATE_HELP = "a date like 2026-12-01, today, tomorrow, tue, next tue or in 2 weeks"
DATETIME_HELP = "a date and time like '2026-12-01 18:00' or 'next tue 18:00'"


def localize(day: date, clock: time, tz: tzinfo) -> datetime:
    """Wall-clock `day clock` in `tz`, by the one documented rule (docs/time-zones.md): a
    time that does not exist that day (clocks jump forward) moves forward by the jump
    (02:30 -> 03:30); a time that happens twice (clocks go back) is the first of the two."""
    aware = datetime.combine(day, clock, tzinfo=tz)
    if aware.fold:
        aware = aware.replace(fold=0)
    if aware.utcoffset() == aware.replace(fold=1).utcoffset():
        return aware  # the usual case, a time that happens once: no round trip needed
    # Round-trip through UTC: a nonexistent time comes back shifted forward by the jump.
    return aware.astimezone(UTC).astimezone(tz)


def weekday_index(text: str) -> int:
    """0 for Monday ... 6 for Sunday, from `mon`, `Monday`, `tues`..."""
    word = text.strip().lower()
    for i, (short, full) in enumerate(zip(WEEKDAYS, _FULL_WEEKDAYS, strict=True)):
        if len(word) >= 3 and full.startswith(word) or word == short:
            return i
    raise MentorlogError(f"{text!r} is not a day of the week (mon, tue, ... sun)")


def add_months(day: date, months: int) -> date:
    month0 = day.month - 1 + months
    year = day.year + month0 // 12
    month = month0 % 12 + 1
    first_of_next = date(year + month // 12, month % 12 + 1, 1)
    last = (first_of_next - timedelta(days=1)).day  # not calendar: it imports locale (~2 ms)
    return date(year, month, min(day.day, last))


def parse_time(text: str) -> time:
    """`18:00`, `6pm`, `6:30pm`, `9` -> a wall-clock time."""
    m = _TIME_RE.match(text.strip())
    if not m:
        raise MentorlogError(f"{text!r} is not a time like 18:00")
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    suffix = (m.group(3) or "").lower()
    if suffix:
        if not 1 <= hour <= 12:
            raise MentorlogError(f"{text!r} is not a time like 6pm")
        hour = hour % 12 + (12 if suffix == "pm" else 0)
    if hour > 23 or minute > 59:
        raise MentorlogError(f"{text!r} is not a time like 18:00")
    return time(hour, minute)


def _shift(today: date, amount: int, unit: str) -> date:
    if unit == "day":
        return today + timedelta(days=amount)
    if unit == "week":
        return today + timedelta(weeks=amount)
    return add_months(today, amount)


def parse_date(text: str, today: date) -> date:
    """A date from ISO or a simple form; MentorlogError naming the accepted forms otherwise."""
    word = " ".join(text.strip().lower().split())
    try:
        return date.fromisoformat(word)
    except ValueError:
        pass
    if word == "today":
        return today
    if word == "tomorrow":
        return today + timedelta(days=1)
    if word == "yesterday":
        return today - timedelta(days=1)
    if m := _RELATIVE_RE.match(word):
        return _shift(today, int(m.group(1)), m.group(2))
    if m := _AGO_RE.match(word):
        return _shift(today, -int(m.group(1)), m.group(2))
    direction, _, rest = word.partition(" ")
    try:
        if direction in ("next", "last") and rest:
            target = weekday_index(rest)
            if direction == "next":
                return today + timedelta(days=(target - today.weekday() - 1) % 7 + 1)
            return today - timedelta(days=(today.weekday() - target - 1) % 7 + 1)
        target = weekday_index(word)
        return today + timedelta(days=(target - today.weekday()) % 7)
    except MentorlogError:
        pass
    raise MentorlogError(f"{text!r} is not {DATE_HELP}")


def parse_datetime(
    text: str, now: datetime, tz: tzinfo | None = None, default_time: time | None = None
) -> datetime:
    """An aware datetime: ISO (with or without an offset) or `<date form> [time]`.

    Without an offset the wall-clock time is in `tz` (default: now's zone), by the rule for
    times that do not exist or happen twice (`localize`).
    """
    zone = tz or now.tzinfo
    assert zone is not None, "now is aware"
    raw = text.strip()
    try:
        parsed = datetime.fromisoformat(raw)
    except ValueError:
        parsed = None
    if parsed is not None and ("T" in raw or " " in raw or ":" in raw):
        return parsed if parsed.tzinfo else localize(parsed.date(), parsed.time(), zone)
    words = raw.split()
    day_text, clock = raw, default_time
    if len(words) >= 2:
        try:
            clock = parse_time(words[-1])
            day_text = " ".join(words[:-1])
        except MentorlogError:
            pass
    try:
        day = parse_date(day_text, now.astimezone(zone).date())
    except MentorlogError:
        raise MentorlogError(f"{text!r} is not {DATETIME_HELP}") from None
    if clock is None:
        raise MentorlogError(f"{text!r} has no time of day: use {DATETIME_HELP}")
    return localize(day, clock, zone)


def parse_range(text: str, today: date) -> tuple[date, date]:
    """`START..END` (both included), each a date form; END before START is an error."""
    start_text, sep, end_text = text.partition("..")
    if not sep:
        raise MentorlogError(f"{text!r} is not a date range like 2026-12-21..2027-01-03")
    start = parse_date(start_text, today)
    end = parse_date(end_text, today)
    if end < start:
        raise MentorlogError(f"{text!r} ends before it starts")
    return start, end
