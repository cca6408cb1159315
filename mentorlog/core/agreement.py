"""The agreement of the first meeting: the mentor, the focus, contact channels and their
windows, weekly slots and gaps, and the short forms people type for them (pure)."""

from __future__ import annotations

import re
from datetime import date, time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from msgspec import Struct

from mentorlog.core.dates import WEEKDAYS, parse_range, parse_time, weekday_index
from mentorlog.core.errors import MentorlogError

# The guide's first-meeting question 3, a-e.
FOCUS_KINDS: dict[str, str] = {
    "project": "A specific project",
    "skill": "Mastering or improving a specific skill",
    "career": "General career advice and support",
    "opportunities": "Opportunities the mentor can make available",
    "connections": "People the mentor can connect you with",
}
PRIVACY_LEVELS = ("normal", "private", "confidential")
MIN_HOURS_PER_WEEK = 1.0
MIN_WEEKS = 13  # the guide's "at least 3 months"
MIN_MONTHS = 3  # the same rule for a planned end, in calendar months
DEFAULT_DURATION = 60


def zone(name: str) -> ZoneInfo:
    """A ZoneInfo for an IANA name, or a MentorlogError that says what is expected."""
    try:
        if not name or name != name.strip() or ".." in name or name.startswith("/"):
            raise ValueError(name)
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: 'Europe' is a folder
        close = suggest_zone(name)
        hint = f": did you mean {close}?" if close else " like Europe/Berlin or America/New_York"
        raise MentorlogError(f"{name!r} is not an IANA time zone{hint}") from None


def suggest_zone(name: str) -> str | None:
    """The IANA zone someone most likely meant: `europe/berlin`, a city (`berlin`,
    `new york`) or a slip (`Europe/Berln`). Only on the error path: listing zones costs ms."""
    import difflib
    from zoneinfo import available_timezones

    wanted = " ".join(name.strip().replace("_", " ").split()).lower()
    if not wanted:
        return None
    zones = sorted(z for z in available_timezones() if "/" in z and not z.startswith("Etc/"))
    spaced = {z.replace("_", " ").lower(): z for z in zones}
    if wanted in spaced:
        return spaced[wanted]
    cities = {z.rsplit("/", 1)[-1].replace("_", " ").lower(): z for z in reversed(zones)}
    if wanted in cities:
        return cities[wanted]
    pool = cities if "/" not in wanted else spaced
    close = difflib.get_close_matches(wanted, list(pool), n=1, cutoff=0.8)
    return pool[close[0]] if close else None


# --- agreement pieces ---------------------------------------------------------------------


class Mentor(Struct, frozen=True):
    """The mentor: name, how to reach them, and their time zone."""

    name: str
    contact: str = ""
    tz: str = "UTC"


class Focus(Struct, frozen=True):
    """One of the relationship's goals (the guide's a-e), in the mentee's own words."""

    kind: str
    text: str


class ContactWindow(Struct, frozen=True):
    """Days of the week and a time range, in the mentor's local time; minutes from midnight."""

    days: frozenset[int]
    start: int
    end: int

    @property
    def is_any(self) -> bool:
        return len(self.days) == 7 and self.start == 0 and self.end == 24 * 60

    def __str__(self) -> str:
        if self.is_any:
            return "any"
        return f"{_days_text(self.days)} {_hhmm(self.start)}-{_hhmm(self.end)}"


class Channel(Struct, frozen=True):
    """An agreed medium (slack, email, ...) with when and how often it is OK to use it."""

    name: str
    windows: tuple[ContactWindow, ...]
    max_per_week: int | None = None
    max_per_day: int | None = None

    def __str__(self) -> str:
        parts = [str(w) for w in self.windows]
        if self.max_per_day:
            parts.append(f"at most {self.max_per_day} a day")
        if self.max_per_week:
            parts.append(f"at most {self.max_per_week} a week")
        return f"{self.name}: {', '.join(parts)}"


class Slot(Struct, frozen=True):
    """A weekly meeting time, wall clock in the mentee's zone."""

    weekday: int
    at: time

    def __str__(self) -> str:
        return f"{WEEKDAYS[self.weekday].capitalize()} {self.at:%H:%M}"


class Gap(Struct, frozen=True):
    """A period (both days included) when meetings pause: holidays, a busy month."""

    start: date
    end: date
    reason: str = ""

    def covers(self, day: date) -> bool:
        return self.start <= day <= self.end

    def __str__(self) -> str:
        text = f"{self.start.isoformat()}..{self.end.isoformat()}"
        return f"{text}: {self.reason}" if self.reason else text


class Agreement(Struct, frozen=True):
    """What mentee and mentor agreed at the first meeting (agreement.toml)."""

    mentor: Mentor
    mentee_tz: str
    start: date
    focus: tuple[Focus, ...] = ()
    success: tuple[str, ...] = ()
    hours_per_week: float = MIN_HOURS_PER_WEEK
    extra_time: str = ""
    channels: tuple[Channel, ...] = ()
    off_limits: tuple[str, ...] = ()
    slots: tuple[Slot, ...] = ()
    duration: int = DEFAULT_DURATION
    gaps: tuple[Gap, ...] = ()
    gap_plan: str = ""
    # The horizon (agreement.toml version 2): when you plan to end, and when you agreed to
    # talk about how it goes and whether to go on.
    planned_end: date | None = None
    renegotiate_on: date | None = None

    def gap_on(self, day: date) -> Gap | None:
        return next((g for g in self.gaps if g.covers(day)), None)

    def channel(self, name: str) -> Channel | None:
        wanted = name.strip().lower()
        return next((c for c in self.channels if c.name.lower() == wanted), None)


# --- the horizon: a planned end and a renegotiation point ---------------------------------


def earliest_end(start: date) -> date:
    """The first planned end the guide allows: "be able to participate for at least 3
    months" (Requirements 3), three calendar months from the start."""
    from dateutil.relativedelta import relativedelta

    end: date = start + relativedelta(months=MIN_MONTHS)
    return end


def check_horizon(start: date, planned_end: date | None, renegotiate_on: date | None) -> None:
    """A planned end at least three months after the start, and a renegotiation point after
    the start and no later than the planned end; a MentorlogError says what is wrong."""
    if planned_end is not None and planned_end < earliest_end(start):
        raise MentorlogError(
            f"a planned end on {planned_end.isoformat()} is under three months from the start "
            f"({start.isoformat()}): the guide asks you to be able to participate for at least "
            f"3 months, preferably longer — plan to end on {earliest_end(start).isoformat()} "
            "or later"
        )
    if renegotiate_on is not None and renegotiate_on <= start:
        raise MentorlogError(
            f"the renegotiation point {renegotiate_on.isoformat()} is not after the start "
            f"({start.isoformat()})"
        )
    if renegotiate_on is not None and planned_end is not None and renegotiate_on > planned_end:
        raise MentorlogError(
            f"the renegotiation point {renegotiate_on.isoformat()} is after the planned end "
            f"({planned_end.isoformat()})"
        )


# --- parsing the short forms people type and keep in the files -----------------------------

_RANGE_RE = re.compile(r"^(\d{1,2}(?::\d{2})?)\s*-\s*(\d{1,2}(?::\d{2})?)$")
_LIMIT_RE = re.compile(r"^at most (\d+)(?: times)? (?:a|per) (day|week)$")


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _days_text(days: frozenset[int]) -> str:
    ordered = sorted(days)
    if len(ordered) == 7:
        return "daily"
    if ordered == list(range(ordered[0], ordered[-1] + 1)) and len(ordered) > 2:
        return f"{WEEKDAYS[ordered[0]].capitalize()}-{WEEKDAYS[ordered[-1]].capitalize()}"
    return ",".join(WEEKDAYS[d].capitalize() for d in ordered)


def _parse_days(text: str) -> frozenset[int]:
    word = text.strip().lower()
    if word in ("daily", "every day", "all week"):
        return frozenset(range(7))
    if word in ("weekdays",):
        return frozenset(range(5))
    if word in ("weekends", "weekend"):
        return frozenset((5, 6))
    days: set[int] = set()
    for part in word.split(","):
        first, sep, last = part.partition("-")
        a = weekday_index(first)
        if sep:
            b = weekday_index(last)
            days.update((a + i) % 7 for i in range((b - a) % 7 + 1))
        else:
            days.add(a)
    return frozenset(days)


def _clock_minutes(text: str, *, end: bool = False) -> int:
    if end and text.strip() in ("24:00", "24"):
        return 24 * 60
    t = parse_time(text)
    return t.hour * 60 + t.minute


def parse_window(text: str) -> ContactWindow:
    """`Mon-Fri 09:00-17:00`, `Sat 10:00-12:00`, `09:00-17:00` (every day), or `any`."""
    words = text.strip()
    if words.lower() in ("any", "anytime", "any time"):
        return ContactWindow(frozenset(range(7)), 0, 24 * 60)
    day_part, _, range_part = words.rpartition(" ")
    m = _RANGE_RE.match(range_part.strip())
    if not m:
        raise MentorlogError(
            f"{text!r} is not a contact window like 'Mon-Fri 09:00-17:00' or 'any'"
        )
    try:
        days = _parse_days(day_part) if day_part.strip() else frozenset(range(7))
        start, end = _clock_minutes(m.group(1)), _clock_minutes(m.group(2), end=True)
    except MentorlogError as e:
        raise MentorlogError(f"{text!r} is not a contact window: {e}") from None
    if end <= start:
        raise MentorlogError(f"{text!r} ends before it starts")
    return ContactWindow(days, start, end)


def parse_channel(text: str) -> Channel:
    """`slack: Mon-Fri 09:00-17:00, Sat 10:00-12:00` or `email: any, at most 2 a week`."""
    name, sep, rest = text.partition(":")
    name = name.strip()
    if not sep or not name or not rest.strip():
        raise MentorlogError(
            f"{text!r} is not a channel like 'slack: Mon-Fri 09:00-17:00' or "
            "'email: any, at most 2 a week'"
        )
    windows: list[ContactWindow] = []
    per: dict[str, int] = {}
    for part in rest.split(","):
        part = part.strip()
        if m := _LIMIT_RE.match(part.lower()):
            per[m.group(2)] = int(m.group(1))
        elif part:
            windows.append(parse_window(part))
    if not windows:
        windows.append(parse_window("any"))
    return Channel(name, tuple(windows), per.get("week"), per.get("day"))


def parse_slot(text: str) -> Slot:
    """`Tue 18:00` -> a weekly slot."""
    day, _, clock = text.strip().partition(" ")
    try:
        return Slot(weekday_index(day), parse_time(clock))
    except MentorlogError:
        raise MentorlogError(f"{text!r} is not a weekly slot like 'Tue 18:00'") from None


def parse_gap(text: str, today: date) -> Gap:
    """`2026-12-21..2027-01-03: holidays` (dates in any form parse_date takes)."""
    span, _, reason = text.partition(": ") if ": " in text else (text, "", "")
    start, end = parse_range(span.strip(), today)
    return Gap(start, end, reason.strip())


def parse_focus(text: str) -> Focus:
    """`skill: write better tests` -> Focus; the kind must be one of the guide's a-e."""
    kind, sep, words = text.partition(":")
    kind = kind.strip().lower()
    if kind not in FOCUS_KINDS:
        raise MentorlogError(
            f"{text!r}: the focus must start with one of {', '.join(FOCUS_KINDS)} "
            "(like 'skill: write better tests')"
        )
    return Focus(kind, words.strip() if sep else "")
