"""The agreement, goals and tasks as immutable records with their TOML codecs (pure: no I/O,
no clock)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from mentorlog.core.dates import WEEKDAYS, parse_time, weekday_index
from mentorlog.storage.toml import SCHEMA_VERSION
from mentorlog.core.errors import MentorlogError, SchemaError
from mentorlog.storage.fields import Fields
from msgspec import Struct
from msgspec.structs import asdict, replace

from typing import Any, TypeVar


# The guide's first-meeting question 3, a-e.
FOCUS_KINDS: dict[str, str] = {
    "project": "A specific project",
    "skill": "Mastering or improving a specific skill",
    "career": "General career advice and support",
    "opportunities": "Opportunities the mentor can make available",
    "connections": "People the mentor can connect you with",
}
HORIZONS = (30, 60, 90)
GOAL_STATUSES = ("open", "done", "dropped")
# The monthly review's verdict on each open goal.
VERDICTS = ("done", "on-track", "behind", "dropped", "carry")
TASK_STATUSES = ("open", "done", "partly", "not-done")
PRIVACY_LEVELS = ("normal", "private", "confidential")
MIN_HOURS_PER_WEEK = 1.0
MIN_WEEKS = 13  # the guide's "at least 3 months"
DEFAULT_DURATION = 60


def zone(name: str) -> ZoneInfo:
    """A ZoneInfo for an IANA name, or a MentorlogError that says what is expected."""
    try:
        if not name or name != name.strip() or ".." in name or name.startswith("/"):
            raise ValueError(name)
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: 'Europe' is a folder
        raise MentorlogError(
            f"{name!r} is not an IANA time zone like Europe/Berlin or America/New_York"
        ) from None


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

    def gap_on(self, day: date) -> Gap | None:
        return next((g for g in self.gaps if g.covers(day)), None)

    def channel(self, name: str) -> Channel | None:
        wanted = name.strip().lower()
        return next((c for c in self.channels if c.name.lower() == wanted), None)


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
    from mentorlog.core.dates import parse_range

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


# --- agreement codec ------------------------------------------------------------------------


def agreement_to_dict(a: Agreement) -> dict[str, Any]:
    data: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "start": a.start,
        "mentee_tz": a.mentee_tz,
        "hours_per_week": a.hours_per_week,
        "extra_time": a.extra_time,
        "duration": a.duration,
        "slots": [str(s) for s in a.slots],
        "success": list(a.success),
        "off_limits": list(a.off_limits),
        "gap_plan": a.gap_plan,
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
    return Agreement(
        mentor=mentor,
        mentee_tz=mentee_tz,
        start=f.date("start"),
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
    )


# --- goals ----------------------------------------------------------------------------------


class Progress(Struct, frozen=True):
    """One answer to "where are you on this goal?" (a weekly meeting or a monthly review)."""

    on: date
    text: str
    verdict: str = ""  # set by a monthly review: done, on-track, behind, dropped, carry


class Goal(Struct, frozen=True):
    """A 30/60/90-day target."""

    id: str
    text: str
    horizon: int
    set_on: date
    due: date
    status: str = "open"
    closed_on: date | None = None
    note: str = ""
    progress: tuple[Progress, ...] = ()

    @property
    def is_open(self) -> bool:
        return self.status == "open"


class GoalBook(Struct, frozen=True):
    """Every goal ever set (goals.toml); ids are never reused."""

    goals: tuple[Goal, ...] = ()
    next_id: int = 1

    def add(self, text: str, horizon: int, set_on: date, due: date | None = None) -> GoalBook:
        check_horizon(horizon)
        goal = Goal(
            f"g{self.next_id}", text, horizon, set_on, due or set_on + timedelta(days=horizon)
        )
        return replace(self, goals=(*self.goals, goal), next_id=self.next_id + 1)

    def get(self, goal_id: str) -> Goal:
        return find_by_id(self.goals, goal_id, "goal", "mentorlog goals --all")

    def put(self, goal: Goal) -> GoalBook:
        return replace(self, goals=replace_by_id(self.goals, goal))

    def open(self) -> list[Goal]:
        return [g for g in self.goals if g.is_open]


def check_horizon(horizon: int) -> int:
    if horizon not in HORIZONS:
        raise MentorlogError(f"a horizon is 30, 60 or 90 days, not {horizon}")
    return horizon


def goals_to_dict(book: GoalBook) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "next_id": book.next_id,
        "goals": [_goal_to_dict(g) for g in book.goals],
    }


def _goal_to_dict(g: Goal) -> dict[str, Any]:
    out = _drop_none({k: v for k, v in asdict(g).items() if k != "progress"})
    if g.progress:
        out["progress"] = [_drop_none(asdict(p)) for p in g.progress]
    return out


def _progress_from(t: Fields) -> Progress:
    verdict = t.str("verdict", "")
    if verdict and verdict not in VERDICTS:
        raise SchemaError(
            t.key("verdict"), f"expected one of {', '.join(VERDICTS)}, got {verdict!r}"
        )
    return Progress(t.date("on"), t.str("text", ""), verdict)


def goals_from_dict(data: Any) -> GoalBook:
    f = Fields(data)
    goals = []
    for t in f.tables("goals"):
        goal = Goal(
            id=t.str("id"),
            text=t.str("text"),
            horizon=t.int("horizon"),
            set_on=t.date("set_on"),
            due=t.date("due"),
            status=t.choice("status", GOAL_STATUSES, "open"),
            closed_on=t.date("closed_on", None),
            note=t.str("note", ""),
            progress=tuple(_progress_from(p) for p in t.tables("progress")),
        )
        if goal.horizon not in HORIZONS:
            raise SchemaError(t.key("horizon"), f"expected 30, 60 or 90, got {goal.horizon}")
        goals.append(goal)
    _unique_ids(f, "goals", [g.id for g in goals])
    next_id = max(f.int("next_id", 1, minimum=1), _after_highest(goals, "g"))
    return GoalBook(tuple(goals), next_id)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text is not None else None


def goals_to_rows(book: GoalBook) -> list[Any]:
    """A decoded GoalBook as plain JSON rows for the store's cache (goals_from_rows)."""
    return [book.next_id, [[g.id, g.text, g.horizon, g.set_on.isoformat(), g.due.isoformat(),
                            g.status, _iso(g.closed_on), g.note,
                            [[p.on.isoformat(), p.text, p.verdict] for p in g.progress]]
                           for g in book.goals]]


def goals_from_rows(rows: list[Any]) -> GoalBook:
    """goals_to_rows, undone; nothing is checked again (the store keeps only rows of a file
    that decoded without a problem)."""
    day = date.fromisoformat
    next_id, goals = rows
    return GoalBook(tuple(
        Goal(i, text, horizon, day(set_on), day(due), status, _day(closed), note,
             tuple(Progress(day(on), ptext, verdict) for on, ptext, verdict in progress))
        for i, text, horizon, set_on, due, status, closed, note, progress in goals
    ), next_id)


# --- tasks ----------------------------------------------------------------------------------


class Task(Struct, frozen=True):
    """The week's task: what the mentee committed to before the next meeting."""

    id: str
    text: str
    set_on: date
    due: date | None = None
    status: str = "open"
    closed_on: date | None = None
    outcome: str = ""

    @property
    def is_open(self) -> bool:
        return self.status == "open"


class TaskBook(Struct, frozen=True):
    """Every weekly task (tasks.toml); the newest open one is the current task."""

    tasks: tuple[Task, ...] = ()
    next_id: int = 1

    def add(self, text: str, set_on: date, due: date | None = None) -> TaskBook:
        task = Task(f"t{self.next_id}", text, set_on, due)
        return replace(self, tasks=(*self.tasks, task), next_id=self.next_id + 1)

    @property
    def current(self) -> Task | None:
        open_tasks = [t for t in self.tasks if t.is_open]
        return open_tasks[-1] if open_tasks else None

    def get(self, task_id: str) -> Task:
        return find_by_id(self.tasks, task_id, "task", "mentorlog task history")

    def put(self, task: Task) -> TaskBook:
        return replace(self, tasks=replace_by_id(self.tasks, task))


def tasks_to_dict(book: TaskBook) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "next_id": book.next_id,
        "tasks": [_drop_none(asdict(t)) for t in book.tasks],
    }


def tasks_from_dict(data: Any) -> TaskBook:
    f = Fields(data)
    tasks = [
        Task(
            id=t.str("id"),
            text=t.str("text"),
            set_on=t.date("set_on"),
            due=t.date("due", None),
            status=t.choice("status", TASK_STATUSES, "open"),
            closed_on=t.date("closed_on", None),
            outcome=t.str("outcome", ""),
        )
        for t in f.tables("tasks")
    ]
    _unique_ids(f, "tasks", [t.id for t in tasks])
    next_id = max(f.int("next_id", 1, minimum=1), _after_highest(tasks, "t"))
    return TaskBook(tuple(tasks), next_id)


def flat_rows(book_type: Any, items: str, item_type: Any) -> tuple[Any, Any]:
    """(pack, unpack) rows codecs, as for goals and tasks, for a book of flat records (text,
    numbers, `date` or `date | None` fields) with a `next_id`: questions, opportunities."""
    names = item_type.__struct_fields__
    kinds = [item_type.__annotations__[n] for n in names]
    if any(k.startswith("date") and k not in ("date", "date | None") for k in kinds):
        raise TypeError(f"{item_type.__name__}: only date fields can be rows")
    dated = frozenset(i for i, k in enumerate(kinds) if k.startswith("date"))

    def pack(book: Any) -> list[Any]:
        return [book.next_id, [
            [v.isoformat() if i in dated and v is not None else v
             for i, v in enumerate(getattr(r, n) for n in names)]
            for r in getattr(book, items)]]

    def unpack(rows: list[Any]) -> Any:
        next_id, records = rows
        day = date.fromisoformat
        return book_type(tuple(
            item_type(*[day(v) if i in dated and v is not None else v
                        for i, v in enumerate(row)])
            for row in records), next_id)

    return pack, unpack


# The rows the store keeps of a decoded tasks.toml (Store.load): a flat book, as questions.
tasks_to_rows, tasks_from_rows = flat_rows(TaskBook, "tasks", Task)


# --- helpers --------------------------------------------------------------------------------


R = TypeVar("R")


def find_by_id(records: Iterable[R], wanted: str, what: str, listed_by: str) -> R:
    """The record whose id is `wanted` (ids are case-insensitive), or an error saying where
    the ids are listed. Shared by every book of records with ids (goals, tasks, ...)."""
    key = wanted.strip().lower()
    for r in records:
        if r.id == key:  # type: ignore[attr-defined]
            return r
    raise MentorlogError(f"no {what} with id {wanted!r} (see '{listed_by}')")


def replace_by_id(records: tuple[R, ...], new: R) -> tuple[R, ...]:
    """`records` with the one of the same id as `new` replaced by it."""
    return tuple(new if r.id == new.id else r for r in records)  # type: ignore[attr-defined]


def _drop_none(d: dict[str, Any], keep: tuple[str, ...] = ("id", "text")) -> dict[str, Any]:
    """TOML has no null: absent keys mean None; empty optional strings are kept out for
    readability, but required ones (`keep`) stay, or an empty text could not be read back."""
    return {k: v for k, v in d.items() if v is not None and (v != "" or k in keep)}


def _unique_ids(f: Fields, name: str, ids: list[str]) -> None:
    seen: set[str] = set()
    for i, ident in enumerate(ids):
        if ident in seen:
            raise SchemaError(f"{f.key(name)}[{i}].id", f"{ident!r} is used twice")
        seen.add(ident)


def _after_highest(records: Any, prefix: str) -> int:
    """The next id number after every id present, so a hand-added record is never reused."""
    numbers = [
        int(r.id[len(prefix) :])
        for r in records
        if r.id.startswith(prefix) and r.id[len(prefix) :].isdigit()
    ]
    return max(numbers, default=0) + 1
