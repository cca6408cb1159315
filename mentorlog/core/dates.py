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

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")
_ISO_DAY_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_ISO_MONTH_RE = re.compile(r"^(\d{4})-(\d{1,2})$")
_TIME_RE = re.compile(r"^(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$", re.IGNORECASE)
_RELATIVE_RE = re.compile(r"^in\s+(\d+)\s+(day|week|month)s?$")
_AGO_RE = re.compile(r"^(\d+)\s+(day|week|month)s?\s+ago$")

DATE_HELP = "a date like 2026-12-01, today, tomorrow, tue, next tue or in 2 weeks"
MONTH_HELP = "a month like 2026-11, nov or 'november 2026'"
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


def month_length(year: int, month: int) -> int:
    return (add_months(date(year, month, 1), 1) - timedelta(days=1)).day


def _impossible(text: str, word: str) -> MentorlogError | None:
    """Why `2026-09-31` or `2026-13-01` is no date (only the wrong part is named)."""
    m = _ISO_DAY_RE.match(word)
    if not m:
        return None
    year, month, day = (int(g) for g in m.groups())
    if not 1 <= month <= 12:
        return MentorlogError(f"{text!r} is not a date: a month is 01 to 12, not {month:02}")
    days = month_length(year, month)
    if not 1 <= day <= days:
        name = _MONTHS[month - 1].capitalize()
        if month == 2:
            name += f" {year}"
        return MentorlogError(f"{text!r} is not a date: {name} has {days} days")
    return None


def parse_date(text: str, today: date) -> date:
    """A date from ISO or a simple form; MentorlogError naming the accepted forms otherwise
    (or what is wrong with an impossible date: `2026-09-31` -> September has 30 days)."""
    word = " ".join(text.strip().lower().split())
    try:
        return date.fromisoformat(word)
    except ValueError:
        pass
    if problem := _impossible(text.strip(), word):
        raise problem
    if m := _ISO_DAY_RE.match(word):  # 2026-9-3: a possible date, without its zeros
        return date(*(int(g) for g in m.groups()))
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
    except MentorlogError as e:
        if _impossible(day_text.strip(), day_text.strip().lower()):
            raise
        raise MentorlogError(f"{text!r} is not {DATETIME_HELP}") from e
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


def parse_month(text: str, today: date) -> date | None:
    """The first day of a month typed as `2026-11`, `nov`, `november` or `nov 2026`; None when
    `text` is no month. A month without a year is the latest one that has begun by `today`."""
    word = " ".join(text.strip().lower().split())
    if m := _ISO_MONTH_RE.match(word):
        month = int(m.group(2))
        if not 1 <= month <= 12:
            raise MentorlogError(f"{text!r} is not a month: a month is 01 to 12, not {month:02}")
        return date(int(m.group(1)), month, 1)
    name, _, year = word.partition(" ")
    found = [i for i, full in enumerate(_MONTHS, 1) if len(name) >= 3 and full.startswith(name)]
    if len(found) != 1 or (year and not year.isdigit()):
        return None
    if year:
        return date(int(year), found[0], 1)
    first = date(today.year, found[0], 1)
    return first if first <= today else date(today.year - 1, found[0], 1)


def parse_bound(text: str, today: date, end: bool = False) -> date:
    """A `--since` / `--until` bound: any date form `parse_date` reads, or a month (its first
    day, or with `end` its last: `--until nov` takes in the whole of November)."""
    first = parse_month(text, today)
    if first is not None:
        return add_months(first, 1) - timedelta(days=1) if end else first
    try:
        return parse_date(text, today)
    except MentorlogError as e:
        *day, clock = text.split() or [""]
        try:  # `mon 18:30`, as `note --date` takes it: the day is what counts here
            parse_time(clock)
        except MentorlogError:
            if "is not a date:" in str(e):  # an impossible date: what is wrong with it
                raise e from None
            raise MentorlogError(f"{text!r} is not {DATE_HELP}, or {MONTH_HELP}") from None
        return parse_date(" ".join(day), today) if day else today


def is_relative(text: str) -> bool:
    """True for a date or time typed relative to today (`next thu`, `tomorrow 18:00`): one a
    prompt echoes as the date it became, so a slip shows before it is saved."""
    word = text.strip()
    return bool(word) and not _ISO_DAY_RE.match(word.split()[0].split("T")[0])
