"""What needs the mentee now (`mentorlog remind`): meetings not recorded, the monthly review,
the task about to be due, follow-ups left open, the next meeting to confirm, sync conflicts.
Pure: the timeline and the records come in; an ended mentorship needs nothing."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from msgspec import Struct

from mentorlog.core import text as render
from mentorlog.core.agreement import Agreement
from mentorlog.core.followups import FollowUp
from mentorlog.core.meetings import Meeting, last_held
from mentorlog.core.tasks import Task
from mentorlog.core.timeline import HELD, MOVED, Timeline

KINDS = ("unrecorded-meeting", "review-due", "checkin-due", "renegotiate", "planned-end",
         "task-due", "followup", "confirm-next-meeting", "sync-conflict")
FOLLOWUP_OPEN_DAYS = 21  # a follow-up open longer than three weeks
CONFIRM_DAYS = 7  # the next meeting to confirm: within a week
HORIZON_DAYS = 7  # the renegotiation point and the planned end: from a week before to after


class Reminder(Struct, frozen=True):
    """One thing that needs the mentee now."""

    kind: str  # one of KINDS
    text: str  # one line
    day: date | None = None  # what it is about: the meeting, the due date, ...


def reminders(
    plan: Timeline,
    meetings: Sequence[Meeting],
    task: Task | None,
    review_due: date | None,
    followups: Sequence[FollowUp],
    conflicts: Sequence[str],
    checkin_due: date | None = None,
    agreement: Agreement | None = None,
) -> list[Reminder]:
    """Every reminder at `plan.now`, in the order of KINDS (each kind oldest first).

    `review_due`: the day the monthly review fell due, when it is due; `task`: the open
    task; `followups`: the open ones; `conflicts`: the sync conflict files waiting;
    `checkin_due`: the day a relationship check-in fell due, when one is due; `agreement`:
    its renegotiation point and planned end, brought up a week ahead."""
    if plan.ended is not None:
        return []
    today = plan.now.date()
    task = plan.due(task)  # due at its meeting, where that meeting went
    found = [
        Reminder("unrecorded-meeting",
                 f"The meeting of {render.moment(a.start)} is not recorded: "
                 f"'mentorlog week --date {a.day.isoformat()}' "
                 f"(or 'mentorlog skip --date {a.day.isoformat()}')", a.day)
        for a in plan.unrecorded()
    ]
    if review_due is not None:
        found.append(Reminder("review-due", "The monthly goal review is due "
                              f"(since {render.day(review_due)}): 'mentorlog goals review'",
                              review_due))
    if checkin_due is not None:
        found.append(Reminder("checkin-due", "A relationship check-in is due (since "
                              f"{render.day(checkin_due)}): 'mentorlog checkin'", checkin_due))
    if agreement is not None:
        found += _horizon(agreement, today)
    if task is not None and task.is_open and task.due is not None and (
            task.due - today).days <= 1:
        found.append(Reminder("task-due", f"Task {task.id} is due {_when(task.due, today)}: "
                              f"{task.text}", task.due))
    for f in sorted(followups, key=lambda f: (f.set_on, f.id)):
        if f.is_open and (today - f.set_on).days > FOLLOWUP_OPEN_DAYS:
            weeks = (today - f.set_on).days // 7
            found.append(Reminder("followup", f"Follow-up {f.id} has been open for {weeks} "
                                  f"weeks: {f.text} ('mentorlog followup done {f.id}')",
                                  f.set_on))
    confirm = _to_confirm(plan, meetings)
    if confirm is not None:
        found.append(confirm)
    found += [Reminder("sync-conflict", f"A sync conflict is waiting: {path} "
                       "('mentorlog sync resolve')") for path in conflicts]
    return found


def _horizon(agreement: Agreement, today: date) -> list[Reminder]:
    """The renegotiation point and the planned end, from a week before to a week after."""
    found = []
    day = agreement.renegotiate_on
    if day is not None and abs((day - today).days) <= HORIZON_DAYS:
        when = _on(day, today) if day >= today else f"since {render.day(day)}"
        found.append(Reminder(
            "renegotiate", f"Renegotiate your mentorship {when}: talk with your mentor about "
            "how it goes and whether to go on; 'mentorlog agreement edit' records what you "
            "agree", day))
    day = agreement.planned_end
    if day is not None and abs((day - today).days) <= HORIZON_DAYS:
        when = f"is {_on(day, today)}" if day >= today else f"was {render.day(day)}"
        found.append(Reminder(
            "planned-end", f"Your mentorship's planned end {when}: close it with 'mentorlog "
            "end', or agree to go on ('mentorlog agreement edit --until WHEN')", day))
    return found


def _on(day: date, today: date) -> str:
    """`today`, `tomorrow`, `on Tue 23 Feb 2027 (in 5 days)`."""
    words = render.relative(day, today)
    return words if words in ("today", "tomorrow") else f"on {render.day(day)} ({words})"


def _when(due: date, today: date) -> str:
    words = render.relative(due, today)
    return f"{render.day(due)} ({words})" if words not in ("today", "tomorrow") else words


def _to_confirm(plan: Timeline, meetings: Sequence[Meeting]) -> Reminder | None:
    """The next meeting, within a week, when no wrap-up agreed it: the meeting before it was
    skipped or not recorded, or a gap came between (the guide: verify at the end of every
    meeting that the next one can still happen). A moved meeting was agreed when it moved;
    the first weekly meeting was agreed at the first meeting."""
    nxt = plan.next()
    if nxt is None or nxt.start - plan.now > timedelta(days=CONFIRM_DAYS) or nxt.state == MOVED:
        return None
    before = [a for a in plan.appointments if a.start < nxt.start]
    if not before:
        return None
    last = last_held([m for m in meetings if m.day < nxt.day])
    if last is not None and last.next_meeting is not None and last.next_meeting == nxt.start:
        return None  # agreed at the last meeting's wrap-up
    if before[-1].state == HELD and (last is None or last.next_meeting is None):
        return None  # held, without a wrap-up answer to go by
    return Reminder("confirm-next-meeting",
                    f"Confirm the next meeting with your mentor: {render.moment(nxt.start)}",
                    nxt.day)


def reminder_json(r: Reminder) -> dict[str, Any]:
    return {"kind": r.kind, "text": r.text, "date": r.day.isoformat() if r.day else None}
