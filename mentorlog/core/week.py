"""The weekly meeting: turning its answers into a meeting record, tasks, questions and
opportunities, and the facts around it (next meeting, commitment kept). Pure: no I/O."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING

from msgspec import Struct
from msgspec.structs import replace

from mentorlog.core import text as render
from mentorlog.core.agreement import Agreement, zone
from mentorlog.core.dates import localize
from mentorlog.core.errors import MentorlogError
from mentorlog.core.meetings import HELD, SKIPPED, TASK_WORDS, Meeting, last_held, skipped_days
from mentorlog.core.schedule import upcoming
from mentorlog.core.tasks import Task, TaskBook

if TYPE_CHECKING:
    from mentorlog.core.opportunities import OpportunityBook
    from mentorlog.core.questions import QuestionBook

CLOSING_STATUSES = ("done", "partly", "not-done")
MAX_DURATION = 600


class WeekAnswers(Struct, frozen=True):
    """Everything asked in `mentorlog week`, as given (flags or prompts)."""

    day: date
    duration: int
    task_status: str = ""  # done / partly / not-done; "" when there was no task
    went_well: str = ""
    could_improve: str = ""
    goals_note: str = ""
    goal_progress: tuple[tuple[str, str], ...] = ()  # (goal id, where you are on it)
    asked: str = ""
    worked_on: str = ""
    career: str = ""
    answered: tuple[tuple[str, str], ...] = ()  # (question id, answer)
    next_task: str = ""
    mentor_watch: tuple[str, ...] = ()
    next_meeting: datetime | None = None
    where: str = ""
    todo: tuple[str, ...] = ()
    notes: str = ""
    privacy: str = "normal"


class WeekRecord(Struct, frozen=True):
    """What one weekly meeting recorded."""

    meeting: Meeting
    tasks: TaskBook
    questions: QuestionBook
    opportunities: OpportunityBook


def check_duration(minutes: int) -> int:
    if not 1 <= minutes <= MAX_DURATION:
        raise MentorlogError(f"a meeting lasts between 1 and {MAX_DURATION} minutes, not {minutes}")
    return minutes


def check_task_status(text: str) -> str:
    word = text.strip().lower().replace(" ", "-").replace("_", "-")
    if word not in CLOSING_STATUSES:
        raise MentorlogError(f"{text!r} is not a task status: use done, partly or not-done")
    return word


def check_meeting_day(agreement: Agreement, day: date, today: date) -> date:
    if day > today:
        raise MentorlogError(
            f"{day.isoformat()} is in the future: record a meeting once it has happened"
        )
    if day < agreement.start:
        raise MentorlogError(
            f"{day.isoformat()} is before the mentorship started ({agreement.start.isoformat()})"
        )
    return day


def task_to_review(tasks: TaskBook, existing: Meeting | None) -> Task | None:
    """Last week's task: the one this meeting already reviewed, else the current open task."""
    if existing and existing.task:
        try:
            return tasks.get(existing.task)
        except MentorlogError:
            pass
    return tasks.current


def record_week(
    answers: WeekAnswers,
    tasks: TaskBook,
    questions: QuestionBook,
    opportunities: OpportunityBook,
    existing: Meeting | None,
    now: datetime,
) -> WeekRecord:
    """Close last week's task, open the next, answer questions, note opportunities."""
    day = answers.day
    reviewed = task_to_review(tasks, existing)
    if reviewed and not answers.task_status:
        raise MentorlogError("missing answer: --task-status (done, partly or not-done)")
    if not answers.next_task.strip():
        raise MentorlogError("missing answer: --next-task (what you are doing for the next week)")
    if reviewed:
        tasks = tasks.put(
            replace(reviewed, status=answers.task_status, closed_on=day,
                    outcome=answers.went_well.strip() or reviewed.outcome)
        )
    due = answers.next_meeting.date() if answers.next_meeting else None
    replaced = _task_set_by(tasks, existing)
    if replaced:
        tasks = tasks.put(replace(replaced, text=answers.next_task.strip(), set_on=day, due=due))
        new_task = replaced.id
    else:
        tasks = tasks.add(answers.next_task.strip(), day, due)
        new_task = tasks.tasks[-1].id
    answered = []
    for qid, text in answers.answered:
        questions = questions.answer(qid, text, day)
        answered.append(questions.get(qid).id)
    if existing:  # a re-recorded meeting replaces the watch list it wrote before
        stale = {o for o in existing.opportunities if _untouched(opportunities, o)}
        opportunities = opportunities.drop_ids(stale)
    raised = []
    for text in answers.mentor_watch:
        if text.strip():
            opportunities = opportunities.add(text, day)
            raised.append(opportunities.opportunities[-1].id)
    meeting = Meeting(
        day=day,
        status=HELD,
        duration=answers.duration,
        next_meeting=answers.next_meeting,
        where=answers.where.strip(),
        privacy=answers.privacy,
        task=reviewed.id if reviewed else "",
        task_status=answers.task_status if reviewed else "",
        new_task=new_task,
        answered=tuple(answered),
        opportunities=tuple(raised),
        recorded=now,
        intro=f"# Weekly meeting, {render.day(day)}",
        answers=_answers_text(answers, reviewed, questions, opportunities, raised),
    )
    return WeekRecord(meeting, tasks, questions, opportunities)


def _task_set_by(tasks: TaskBook, existing: Meeting | None) -> Task | None:
    if not existing or not existing.new_task:
        return None
    try:
        task = tasks.get(existing.new_task)
    except MentorlogError:
        return None
    return task if task.is_open else None


def _untouched(book: OpportunityBook, oid: str) -> bool:
    try:
        return book.get(oid).status == "open"
    except MentorlogError:
        return False


def _bullets(items: Sequence[str]) -> str:
    return "\n".join(f"- {' '.join(i.split())}" for i in items if i.strip())


def _answers_text(
    a: WeekAnswers,
    reviewed: Task | None,
    questions: QuestionBook,
    opportunities: OpportunityBook,
    raised: list[str],
) -> dict[str, str]:
    asked = [a.asked.strip()] if a.asked.strip() else []
    for qid, _ in a.answered:
        q = questions.get(qid)
        asked.append(f"- {q.id}: {q.text}\n  Answer: {q.answer or '(none noted)'}")
    when = render.moment(a.next_meeting) if a.next_meeting else "not agreed yet"
    watch = [f"{o.id}: {o.text}" for o in opportunities.opportunities if o.id in raised]
    texts = {
        "task": f"{reviewed.id}: {reviewed.text}" if reviewed else "(no task was set)",
        "completed": TASK_WORDS[a.task_status] if reviewed else "",
        "went_well": a.went_well,
        "could_improve": a.could_improve,
        "goals": "\n\n".join(
            part for part in (a.goals_note, _bullets([f"{gid}: {t}" for gid, t in a.goal_progress]))
            if part
        ),
        "asked": "\n\n".join(asked),
        "worked_on": a.worked_on,
        "career": a.career,
        "next_task": a.next_task,
        "mentor_watch": _bullets(watch),
        "next_meeting": when + (f", {a.where.strip()}" if a.where.strip() else ""),
        "todo": _bullets(a.todo),
        "notes": a.notes,
    }
    return {k: v.strip() for k, v in texts.items() if v.strip()}


def skip_meeting(day: date, reason: str, moved_to: datetime | None, now: datetime) -> Meeting:
    why = " ".join(reason.split())
    intro = f"# Meeting skipped, {render.day(day)}"
    if moved_to:
        intro = f"# Meeting moved from {render.day(day)} to {render.moment(moved_to)}"
    if why:
        intro += f"\n\nReason: {why}"
    return Meeting(day=day, status=SKIPPED, reason=why, moved_to=moved_to, recorded=now,
                   intro=intro)


def skip_message(agreement: Agreement, when: datetime, reason: str,
                 moved_to: datetime | None) -> str:
    """A short note to send the mentor (the guide: notify them of schedule changes)."""
    theirs = when.astimezone(zone(agreement.mentor.tz))
    first = agreement.mentor.name.split()[0] if agreement.mentor.name.split() else "there"
    text = f"Hi {first}, I can't make our meeting on {render.moment(when)}"
    if agreement.mentor.tz != agreement.mentee_tz:
        text += f" ({theirs:%a %H:%M} your time)"
    text += f": {reason.strip()}." if reason.strip() else "."
    if moved_to:
        text += f" Could we meet on {render.moment(moved_to)} instead"
        if agreement.mentor.tz != agreement.mentee_tz:
            text += f" ({moved_to.astimezone(zone(agreement.mentor.tz)):%a %H:%M} your time)"
        text += "?"
    else:
        text += " Sorry for the short notice — see you at the next one."
    return text


def skipped_time(agreement: Agreement, meetings: Sequence[Meeting], now: datetime,
                 day: date | None) -> datetime:
    """The meeting `skip` records: on `day`, the agreed slot (or the next meeting a held one
    planned for that day, or the day at the first slot's time); without a day, the next
    meeting. Refuses a day before the mentorship started."""
    tz = zone(agreement.mentee_tz)
    if day is None:
        found = next_meeting(agreement, meetings, now)
        if found is None:
            raise MentorlogError("no next meeting is scheduled: give --date")
        when = found
    else:
        when = _time_on(agreement, meetings, day, tz)
    if when.date() < agreement.start:
        raise MentorlogError(f"{when.date().isoformat()} is before the mentorship started")
    return when


def _time_on(agreement: Agreement, meetings: Sequence[Meeting], day: date,
             tz: tzinfo) -> datetime:
    slot = next_slot(agreement, datetime.combine(day, time(0), tzinfo=tz), meetings)
    if slot and slot.date() == day:
        return slot
    for m in meetings:
        if m.held and m.next_meeting and m.next_meeting.date() == day:
            return m.next_meeting
    clock = agreement.slots[0].at if agreement.slots else time(0)
    return localize(day, clock, tz)


# --- the next meeting and the commitment kept -----------------------------------------------


def next_slot(
    agreement: Agreement, after: datetime, meetings: Sequence[Meeting]
) -> datetime | None:
    found = upcoming(agreement, after, 1, skipped_days(meetings))
    return found[0] if found else None


def next_meeting(
    agreement: Agreement, meetings: Sequence[Meeting], now: datetime
) -> datetime | None:
    """The last held meeting's agreed next meeting while it is ahead (or a moved one),
    else the next agreed slot, skipping skipped dates."""
    skipped = set(skipped_days(meetings))
    recorded = {m.day for m in meetings}
    candidates = [m.moved_to for m in meetings if m.moved_to and m.moved_to >= now]
    last = last_held(meetings)
    ahead = last.next_meeting if last and last.next_meeting else None
    if ahead and ahead >= now and ahead.date() not in skipped:
        candidates.append(ahead)
    if candidates:
        return min(candidates)
    tz = zone(agreement.mentee_tz)
    after = now.astimezone(tz)
    while True:  # a slot whose date already has a held meeting is past
        found = next_slot(agreement, after, meetings)
        if found is None or found.date() not in recorded:
            return found
        after = datetime.combine(found.date() + timedelta(days=1), time(0), tzinfo=tz)


def default_next_meeting(
    agreement: Agreement, day: date, meetings: Sequence[Meeting]
) -> datetime | None:
    """For the wrap-up: the first agreed slot after the meeting's day."""
    tz = zone(agreement.mentee_tz)
    return next_slot(agreement, datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz),
                     meetings)


class Commitment(Struct, frozen=True):
    """Hours met and meetings held against the agreed commitment."""

    held: int
    skipped: int
    hours_this_week: float
    hours_agreed: float
    hours_per_week: float  # average over the program weeks that are over (weeks_over)
    weeks: int  # weeks_over


def weeks_over(agreement: Agreement, today: date) -> int:
    """Program weeks that are over, leaving out weeks that lie wholly inside a gap.

    The one definition of "a week" for the hours kept: `status` averages over it and the
    checklist's `req-hours` judges by it.
    """
    weeks = 0
    for n in range(max(0, (today - agreement.start).days // 7)):
        first = agreement.start + timedelta(weeks=n)
        if not all(agreement.gap_on(first + timedelta(days=d)) for d in range(7)):
            weeks += 1
    return weeks


def held_minutes(meeting: Meeting, agreement: Agreement) -> int:
    """A held meeting's length; one recorded without a length took the agreed time."""
    return (meeting.duration or agreement.duration) if meeting.held else 0


def commitment(agreement: Agreement, meetings: Sequence[Meeting], today: date) -> Commitment:
    """Hours met in the program week that holds `today`, and on average a week so far."""
    week_start = agreement.start + timedelta(days=7 * max(0, (today - agreement.start).days // 7))
    done = [m for m in meetings if m.held and m.day <= today]
    minutes = [held_minutes(m, agreement) for m in done]
    this_week = sum(held_minutes(m, agreement) for m in done if week_start <= m.day <= today)
    weeks = weeks_over(agreement, today)
    return Commitment(
        held=len(done),
        skipped=sum(1 for m in meetings if not m.held),
        hours_this_week=round(this_week / 60, 2),
        hours_agreed=agreement.hours_per_week,
        hours_per_week=round(sum(minutes) / 60 / max(1, weeks), 2),
        weeks=weeks,
    )
