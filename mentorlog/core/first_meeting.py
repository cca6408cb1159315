"""The first meeting: turning the answers into an agreement, goals and a first task, and
merging a re-run of it into the goals and tasks already there (pure)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from msgspec import Struct

from mentorlog.core import skills
from mentorlog.core.agreement import (
    DEFAULT_DURATION,
    FOCUS_KINDS,
    MIN_HOURS_PER_WEEK,
    Agreement,
    Mentor,
    check_horizon,
    parse_channel,
    parse_focus,
    parse_gap,
    parse_slot,
    zone,
)
from mentorlog.core.dates import parse_date
from mentorlog.core.errors import MentorlogError
from mentorlog.core.goals import HORIZONS, GoalBook
from mentorlog.core.meetings import Meeting
from mentorlog.core.skills import Rating, SkillBook, parse_skill_flag
from mentorlog.core.tasks import TaskBook
from mentorlog.core.text import hours as render_hours
from mentorlog.core.timeline import build as build_timeline

MAX_SLOTS = 2


class FirstMeeting(Struct, frozen=True):
    """What the first meeting produced: the agreement, goals and first task."""

    agreement: Agreement
    goals: GoalBook
    tasks: TaskBook
    skills: SkillBook = SkillBook()  # the baseline of up to three skills


def parse_hours(text: str) -> float:
    try:
        hours = float(text)
    except ValueError:
        raise MentorlogError(f"{text!r} is not a number of hours like 1 or 1.5") from None
    if hours < MIN_HOURS_PER_WEEK:
        raise MentorlogError("the program asks for at least 1 hour a week")
    if hours > 40:
        raise MentorlogError(f"{hours:g} hours a week is more than a mentorship can hold")
    return hours


def parse_duration(text: str) -> int:
    try:
        minutes = int(text)
    except ValueError:
        raise MentorlogError(f"{text!r} is not a number of minutes like 60") from None
    if not 15 <= minutes <= 240:
        raise MentorlogError("a meeting lasts between 15 and 240 minutes")
    return minutes


def parse_focus_flag(text: str) -> str:
    """`skill` or `skill: words` -> the canonical `kind: words` form."""
    focus = parse_focus(text if ":" in text else f"{text}:")
    return f"{focus.kind}: {focus.text}" if focus.text else focus.kind


def _nonempty(text: str) -> str:
    if not text.strip():
        raise MentorlogError("this answer cannot be empty")
    return text.strip()


def build(answers: dict[str, Any], today: date,
          meetings: Sequence[Meeting] = ()) -> FirstMeeting:
    """Every answer is text as typed (lists for repeatable ones); parse and check them all.
    `meetings`: those recorded already (`init --force` over a journal), for the first task's
    due day on the timeline."""

    def one(key: str, default: str = "") -> str:
        value = answers.get(key)
        return default if value is None else str(value).strip()

    def many(key: str) -> list[str]:
        return [str(v).strip() for v in answers.get(key) or [] if str(v).strip()]

    missing = [
        flag
        for key, flag in (("mentor", "--mentor"), ("tz", "--tz"))
        if not one(key)
    ]
    if not many("slot"):
        missing.append("--slot")
    if missing:
        raise MentorlogError(f"missing answer: {', '.join(missing)} (or run 'mentorlog init' "
                             "in a terminal, without --no-input, to be asked)")
    slots = tuple(parse_slot(s) for s in many("slot"))
    if len(slots) > MAX_SLOTS:
        raise MentorlogError("agree on one or two weekly slots, not more")
    if len(set(slots)) != len(slots):
        raise MentorlogError("the same weekly slot is given twice")
    mentee_tz = one("tz")
    zone(mentee_tz)
    mentor_tz = one("mentor_tz", mentee_tz)
    zone(mentor_tz)
    start = parse_date(one("start", "today"), today)
    planned_end = parse_date(one("until"), today) if one("until") else None
    renegotiate_on = (parse_date(one("renegotiate_on"), today) if one("renegotiate_on")
                      else None)
    check_horizon(start, planned_end, renegotiate_on)
    baseline = [parse_skill_flag(s) for s in many("skill")]
    focus = tuple(parse_focus(parse_focus_flag(f)) for f in many("focus"))
    agreement = Agreement(
        mentor=Mentor(_nonempty(one("mentor")), one("mentor_contact"), mentor_tz),
        mentee_tz=mentee_tz,
        start=start,
        focus=focus,
        success=tuple(many("success")),
        hours_per_week=parse_hours(one("hours", "1")),
        extra_time=one("extra_time"),
        channels=tuple(parse_channel(c) for c in many("channel")),
        off_limits=tuple(many("off_limits")),
        slots=slots,
        duration=parse_duration(one("duration", str(DEFAULT_DURATION))),
        gaps=tuple(sorted((parse_gap(g, today) for g in many("gap")), key=lambda g: g.start)),
        gap_plan=one("gap_plan"),
        planned_end=planned_end,
        renegotiate_on=renegotiate_on,
    )
    goals = GoalBook()
    for horizon in HORIZONS:
        for text in many(f"goal{horizon}"):
            goals = goals.add(text, horizon, start)
    tasks = TaskBook()
    if one("first_task"):
        # Due at the first weekly meeting after the first meeting's day, on the timeline
        # (gaps left out; moved to where `skip --moved-to` or a wrap-up put it).
        after = datetime.combine(start + timedelta(days=1), time(0), tzinfo=zone(mentee_tz))
        first = build_timeline(agreement, meetings, after).after(start)
        tasks = tasks.add(one("first_task"), start, first.day if first else None)
    return FirstMeeting(agreement, goals, tasks, skills.baseline(SkillBook(), baseline, start))


class ChecklistItem(Struct, frozen=True):
    """One first-meeting item: agreed or left open."""

    id: str
    text: str
    done: bool
    detail: str = ""


def checklist(meeting: FirstMeeting) -> list[ChecklistItem]:
    """The guide's first-meeting items: what was agreed and what was left open."""
    a = meeting.agreement
    focus = ", ".join(FOCUS_KINDS[f.kind].lower() for f in a.focus)
    horizons = sorted({g.horizon for g in meeting.goals.goals})
    task = meeting.tasks.current
    gap_text = "; ".join(str(g) for g in a.gaps) or ("none expected" if a.gap_plan else "")
    return [
        ChecklistItem("schedule", "Schedule the meeting with your mentor", True, a.mentor.name),
        ChecklistItem(
            "timebox", "Timebox it (1 hour, hard stop)", True, f"{a.duration} minutes"
        ),
        ChecklistItem("goals", "Overall goals for the relationship", bool(a.focus), focus),
        ChecklistItem(
            "success", "How you will measure success", bool(a.success), "; ".join(a.success)
        ),
        ChecklistItem(
            "time",
            "Time commitment (at least 1 hour a week) and extra time",
            a.hours_per_week >= MIN_HOURS_PER_WEEK,
            f"{render_hours(a.hours_per_week)} h/week"
            + (f"; extra: {a.extra_time}" if a.extra_time else ""),
        ),
        ChecklistItem(
            "channels",
            "Mediums and times for communication",
            bool(a.channels),
            "; ".join(str(c) for c in a.channels),
        ),
        ChecklistItem(
            "boundaries",
            "Topics outside the bounds",
            bool(a.off_limits),
            "; ".join(a.off_limits),
        ),
        ChecklistItem(
            "slots",
            "One or two weekly times blocked in your calendars",
            bool(a.slots),
            ", ".join(str(s) for s in a.slots),
        ),
        ChecklistItem(
            "gaps", "Potential gaps and how to manage them", bool(a.gaps or a.gap_plan),
            gap_text + (f" — {a.gap_plan}" if a.gap_plan and a.gaps else ""),
        ),
        ChecklistItem(
            "targets",
            "Targets for the first 30/60/90 days",
            horizons == list(HORIZONS),
            ", ".join(f"{h} days" for h in horizons),
        ),
        ChecklistItem(
            "first-task",
            "A task to work on before the first weekly meeting",
            task is not None,
            task.text if task else "",
        ),
    ]


# --- a re-run of the first meeting: merged into what is there, losing nothing ----------------


def merge_goals(existing: GoalBook, new: GoalBook) -> GoalBook:
    """Adds the new goals that are not already there (same text and horizon)."""
    have = {(g.text, g.horizon) for g in existing.goals}
    book = existing
    for g in new.goals:
        if (g.text, g.horizon) not in have:
            book = book.add(g.text, g.horizon, g.set_on, g.due)
    return book


def merge_skills(existing: SkillBook, new: SkillBook) -> SkillBook:
    """Adds the baseline ratings that are not already there (same skill, day and level)."""
    have = {(r.skill.casefold(), r.on, r.level) for r in existing.ratings}
    book = existing
    for r in new.ratings:
        if (r.skill.casefold(), r.on, r.level) not in have:
            book = book.add(Rating(r.skill, r.on, r.level, r.note))
    return book


def merge_tasks(existing: TaskBook, new: TaskBook) -> TaskBook:
    """Adds the new first task unless the same task is already open."""
    have = {t.text for t in existing.tasks if t.is_open}
    book = existing
    for t in new.tasks:
        if t.text not in have:
            book = book.add(t.text, t.set_on, t.due)
    return book
