"""The growth report: month by month, what the mentorship did — meetings held and their
hours, tasks reviewed by their outcome, goals done, questions answered, the check-ins' mood
and skills ratings. The one place these figures are computed (`report`, the HTML export's
charts and the retrospective at `end` ask here). Pure: the records and the dates come in."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any

from msgspec import Struct

from mentorlog.core.agreement import Agreement
from mentorlog.core.checkins import CheckIn
from mentorlog.core.dates import add_months, parse_bound
from mentorlog.core.errors import MentorlogError
from mentorlog.core.goals import Goal
from mentorlog.core.meetings import Meeting
from mentorlog.core.questions import ParkedQuestion
from mentorlog.core.week import CLOSING_STATUSES, held_minutes


class MonthFigures(Struct, frozen=True):
    """One month of the report."""

    month: str  # YYYY-MM
    meetings: int = 0  # weekly meetings held (as `status` counts them)
    minutes: int = 0  # their lengths (an unrecorded length is the agreed one)
    tasks_done: int = 0  # tasks reviewed at those meetings, by the status recorded then
    tasks_partly: int = 0
    tasks_not_done: int = 0
    goals_done: int = 0  # goals marked done that month
    questions_answered: int = 0
    checkins: int = 0
    mood: float | None = None  # the check-ins' "is it working?" (1-5), on average

    @property
    def hours(self) -> float:
        return round(self.minutes / 60, 2)

    @property
    def tasks_total(self) -> int:
        return self.tasks_done + self.tasks_partly + self.tasks_not_done


class SkillRating(Struct, frozen=True):
    on: date
    level: int  # 1..5


class SkillSeries(Struct, frozen=True):
    """One skill's ratings over time (skills.toml), oldest first."""

    name: str
    ratings: tuple[SkillRating, ...] = ()


class Report(Struct, frozen=True):
    """The growth report from `since` to `until`, every month in between."""

    since: date
    until: date
    months: tuple[MonthFigures, ...]
    skills: tuple[SkillSeries, ...] = ()

    def total(self, measure: Callable[[MonthFigures], float]) -> float:
        return sum(measure(m) for m in self.months)


def month_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def months_between(since: date, until: date) -> list[str]:
    """Every month from the one holding `since` to the one holding `until`."""
    found, day = [], since.replace(day=1)
    while day <= until:
        found.append(month_of(day))
        day = add_months(day, 1)
    return found


def span(agreement: Agreement, today: date, since: str | None, until: str | None,
         ended: date | None = None) -> tuple[date, date]:
    """The report's first and last day: from the first meeting (or `since`) to today, or
    the day the mentorship ended (or `until`). A span reaching outside the mentorship is cut
    to it: no empty months before the first meeting or still to come."""
    end = min(today, ended or today)
    if agreement.start > end:
        raise MentorlogError("nothing to report yet: the mentorship begins on "
                             f"{agreement.start.isoformat()}")
    first = parse_bound(since, today) if since else agreement.start
    last = parse_bound(until, today, end=True) if until else end
    if since and until and first > last:
        raise MentorlogError(f"--since {first.isoformat()} is after --until {last.isoformat()}: "
                             "nothing to report")
    if last < agreement.start:
        raise MentorlogError(f"nothing to report up to {last.isoformat()}: the mentorship "
                             f"began on {agreement.start.isoformat()}")
    if first > end:
        why = (f"the mentorship ended on {end.isoformat()}" if ended and end == ended
               else f"that is after today ({today.isoformat()})")
        raise MentorlogError(f"nothing to report from {first.isoformat()}: {why}")
    return max(first, agreement.start), min(last, end)


def build(
    agreement: Agreement,
    since: date,
    until: date,
    meetings: Iterable[Meeting] = (),
    goals: Iterable[Goal] = (),
    questions: Iterable[ParkedQuestion] = (),
    checkins: Iterable[CheckIn] = (),
    skills: Sequence[SkillSeries] = (),
) -> Report:
    """The figures of every month from `since` to `until` (both days counted). `checkins`:
    the ones the output may show (an export leaves out the private ones)."""
    months = months_between(since, until)
    counts: dict[str, dict[str, int]] = {m: {} for m in months}
    moods: dict[str, list[int]] = {m: [] for m in months}

    def add(day: date, key: str, amount: int = 1) -> None:
        if since <= day <= until:
            row = counts[month_of(day)]
            row[key] = row.get(key, 0) + amount

    for meeting in meetings:
        if not meeting.held:
            continue
        add(meeting.day, "meetings")
        add(meeting.day, "minutes", held_minutes(meeting, agreement))
        if meeting.task and meeting.task_status in CLOSING_STATUSES:
            add(meeting.day, "tasks_" + meeting.task_status.replace("-", "_"))
    for goal in goals:
        if goal.status == "done" and goal.closed_on is not None:
            add(goal.closed_on, "goals_done")
    for q in questions:
        if q.status == "answered" and q.answered_on is not None:
            add(q.answered_on, "questions_answered")
    for c in checkins:
        if since <= c.on <= until:
            add(c.on, "checkins")
            moods[month_of(c.on)].append(c.working)
    figures = tuple(
        MonthFigures(month=m, **counts[m],
                     mood=round(sum(moods[m]) / len(moods[m]), 1) if moods[m] else None)
        for m in months
    )
    shown = tuple(SkillSeries(s.name, tuple(r for r in s.ratings if r.on <= until))
                  for s in skills)
    return Report(since, until, figures, tuple(s for s in shown if s.ratings))


def month_json(m: MonthFigures) -> dict[str, Any]:
    """One month of `report --json`: exactly the keys docs/json.md lists."""
    return {
        "month": m.month,
        "meetings": m.meetings,
        "hours": m.hours,
        "tasks_done": m.tasks_done,
        "tasks_total": m.tasks_total,
        "goals_done": m.goals_done,
        "questions_answered": m.questions_answered,
    }


def to_json(r: Report) -> dict[str, Any]:
    """`report --json` (docs/json.md): `months` as the issue asks, and beside it what the
    charts also show (tasks by outcome, the check-ins' mood, skills)."""
    return {
        "since": r.since.isoformat(),
        "until": r.until.isoformat(),
        "months": [month_json(m) for m in r.months],
        "tasks": [{"month": m.month, "done": m.tasks_done, "partly": m.tasks_partly,
                   "not_done": m.tasks_not_done} for m in r.months],
        "checkins": [{"month": m.month, "checkins": m.checkins, "mood": m.mood}
                     for m in r.months],
        "skills": [{"name": s.name,
                    "ratings": [{"date": x.on.isoformat(), "level": x.level}
                                for x in s.ratings]} for s in r.skills],
    }


class Measure(Struct, frozen=True):
    """One chart of the report: its title, unit and how a month's value is read."""

    key: str
    title: str
    value: Callable[[MonthFigures], float | None]
    scale: float | None = None  # a fixed top of the chart (mood: 5); else the largest value

    def values(self, r: Report) -> list[float | None]:
        return [self.value(m) for m in r.months]

    def top(self, r: Report) -> float:
        found = [v for v in self.values(r) if v is not None]
        return self.scale or max([*found, 1])


# The measures every rendering of the report draws, in order (views/report.py as Rich bars
# and sparklines, sharing/charts.py as SVG).
MEASURES: tuple[Measure, ...] = (
    Measure("meetings", "Meetings held", lambda m: m.meetings),
    Measure("hours", "Hours", lambda m: m.hours),
    Measure("tasks_done", "Tasks done", lambda m: m.tasks_done),
    Measure("goals_done", "Goals done", lambda m: m.goals_done),
    Measure("questions_answered", "Questions answered", lambda m: m.questions_answered),
    Measure("mood", "Check-in mood (1-5)", lambda m: m.mood, scale=5),
)


def task_outcomes(m: MonthFigures) -> tuple[tuple[str, int], ...]:
    """A month's reviewed tasks by outcome, for the stacked bars."""
    return (("done", m.tasks_done), ("partly", m.tasks_partly),
            ("not done", m.tasks_not_done))


def value_text(measure: Measure, value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:g}" if measure.key in ("hours", "mood") else str(int(value))
