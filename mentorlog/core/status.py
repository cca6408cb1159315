"""The status dashboard: where the mentorship stands at a given moment (pure)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from msgspec import Struct

from mentorlog.core import goals as goal_ops
from mentorlog.core.agreement import MIN_WEEKS, Agreement, Gap, zone
from mentorlog.core.goals import Goal, GoalBook
from mentorlog.core.helping import HelpSummary, summary_json
from mentorlog.core.meetings import Meeting
from mentorlog.core.reviews import latest_verdict
from mentorlog.core.schedule import next_gap
from mentorlog.core.tasks import Task, TaskBook
from mentorlog.core.timeline import Timeline
from mentorlog.core.timeline import build as build_timeline
from mentorlog.core.week import Commitment, commitment


class Dashboard(Struct, frozen=True):
    """Where the mentorship stands at one moment (what `status` shows)."""

    agreement: Agreement
    now: datetime
    week: int
    next_meeting: datetime | None
    task: Task | None
    goals: tuple[Goal, ...]
    gap: Gap | None
    commitment: Commitment | None = None
    monthly_review_due: bool = False
    goals_due_soon: tuple[Goal, ...] = ()  # open, due within 7 days
    goals_overdue: tuple[Goal, ...] = ()
    # Schedule and boundaries: the next gap after today, help given to other mentees.
    next_gap: Gap | None = None
    helped: HelpSummary | None = None
    # The timeline: the day `mentorlog end` closed the mentorship, meetings not recorded.
    ended: date | None = None
    unrecorded: tuple[date, ...] = ()

    @property
    def minimum_reached(self) -> bool:
        return self.week > MIN_WEEKS or (
            self.week == MIN_WEEKS and self.now.date() >= self.agreement.start + timedelta(weeks=13)
        )


def week_number(start: date, today: date) -> int:
    """Week 1 is the first 7 days from the start; 0 before the start."""
    if today < start:
        return 0
    return (today - start).days // 7 + 1


def build(
    agreement: Agreement,
    goals: GoalBook,
    tasks: TaskBook,
    now: datetime,
    meetings: Sequence[Meeting] = (),
    monthly_review_due: bool = False,
    helped: HelpSummary | None = None,
    plan: Timeline | None = None,
) -> Dashboard:
    """The dashboard at `now`; the next meeting and the meetings not recorded come from the
    timeline (`plan`, built from `meetings` when not given). An ended mentorship has no
    next meeting, no current task and nothing due."""
    local = now.astimezone(zone(agreement.mentee_tz))
    today = local.date()
    plan = plan or build_timeline(agreement, meetings, local)
    ended = plan.ended
    nxt = plan.next()
    return Dashboard(
        agreement=agreement,
        now=local,
        week=week_number(agreement.start, min(today, ended or today)),
        next_meeting=nxt.start if nxt else None,
        task=None if ended else plan.due(tasks.current),
        goals=tuple(goal_ops.visible_goals(goals, today)),
        gap=agreement.gap_on(today),
        commitment=commitment(agreement, meetings, today),
        monthly_review_due=monthly_review_due and not ended,
        goals_due_soon=() if ended else tuple(goal_ops.due_soon(goals, today)),
        goals_overdue=() if ended else tuple(goal_ops.overdue(goals, today)),
        next_gap=None if ended else next_gap(agreement, today),
        helped=helped,
        ended=ended,
        unrecorded=() if ended else tuple(a.day for a in plan.unrecorded()),
    )


def goal_json(g: Goal) -> dict[str, Any]:
    return {
        "id": g.id,
        "text": g.text,
        "horizon": g.horizon,
        "set_on": g.set_on.isoformat(),
        "due": g.due.isoformat(),
        "status": g.status,
        "latest_verdict": verdict_json(g),
    }


def verdict_json(g: Goal) -> dict[str, str] | None:
    """An open goal's verdict at its last monthly review (on-track, behind, carry)."""
    p = latest_verdict(g)
    return {"verdict": p.verdict, "on": p.on.isoformat()} if p else None


def task_json(t: Task | None) -> dict[str, Any] | None:
    if t is None:
        return None
    return {
        "id": t.id,
        "text": t.text,
        "set_on": t.set_on.isoformat(),
        "due": t.due.isoformat() if t.due else None,
        "status": t.status,
    }


def to_json(d: Dashboard) -> dict[str, Any]:
    a = d.agreement
    mentor_zone = zone(a.mentor.tz)
    return {
        "mentor": a.mentor.name,
        "mentor_tz": a.mentor.tz,
        "mentee_tz": a.mentee_tz,
        "start": a.start.isoformat(),
        "week": d.week,
        "minimum_weeks": MIN_WEEKS,
        "minimum_reached": d.minimum_reached,
        "next_meeting": d.next_meeting.isoformat() if d.next_meeting else None,
        "next_meeting_mentor": (
            d.next_meeting.astimezone(mentor_zone).isoformat() if d.next_meeting else None
        ),
        "task": task_json(d.task),
        "goals": [goal_json(g) for g in d.goals],
        "gap": gap_json(d.gap),
        **commitment_json(d.commitment),
        "monthly_review_due": d.monthly_review_due,
        "goals_due_soon": [g.id for g in d.goals_due_soon],
        "goals_overdue": [g.id for g in d.goals_overdue],
        **boundaries_json(d),
        "ended": d.ended.isoformat() if d.ended else None,
        "unrecorded": [day.isoformat() for day in d.unrecorded],
    }


def commitment_json(c: Commitment | None) -> dict[str, Any]:
    if c is None:
        return {}
    return {
        "meetings_held": c.held,
        "meetings_skipped": c.skipped,
        "hours_this_week": c.hours_this_week,
        "hours_agreed": c.hours_agreed,
        "hours_per_week": c.hours_per_week,
    }


def gap_json(g: Gap | None) -> dict[str, Any] | None:
    if g is None:
        return None
    return {"start": g.start.isoformat(), "end": g.end.isoformat(), "reason": g.reason}


def boundaries_json(d: Dashboard) -> dict[str, Any]:
    """The schedule-and-boundaries part of status --json: next gap, help given."""
    return {
        "next_gap": gap_json(d.next_gap),
        "helped": summary_json(d.helped) if d.helped is not None else None,
    }
