"""The weekly meeting: turning its answers into a meeting record, tasks, questions and
follow-ups, and the facts around it (the meeting `skip` records, commitment kept; the
next meeting and the task under review are the timeline's, core/timeline.py). Pure: no I/O."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from msgspec import Struct
from msgspec.structs import replace

from mentorlog.core import text as render
from mentorlog.core.agreement import Agreement, zone
from mentorlog.core.dates import localize
from mentorlog.core.errors import MentorlogError
from mentorlog.core.goals import GoalBook, Progress
from mentorlog.core.meetings import HELD, SKIPPED, TASK_WORDS, Meeting
from mentorlog.core.tasks import Task, TaskBook
from mentorlog.core.timeline import build as build_timeline
from mentorlog.core.timeline import task_under_review

if TYPE_CHECKING:
    from mentorlog.core.followups import FollowUpBook
    from mentorlog.core.questions import QuestionBook

CLOSING_STATUSES = ("done", "partly", "not-done")
MAX_DURATION = 600


class WeekAnswers(Struct, frozen=True):
    """Everything asked in `mentorlog week`, as given (flags or prompts)."""

    day: date
    duration: int
    task_status: str = ""  # done / partly / not-done; "" when there was no task
    how_it_went: str = ""  # a partly done task: how far it got
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
    followups_closed: tuple[tuple[str, str, str], ...] = ()  # (id, done/dropped, outcome)
    notes: str = ""
    privacy: str = "normal"


class WeekRecord(Struct, frozen=True):
    """What one weekly meeting recorded."""

    meeting: Meeting
    tasks: TaskBook
    questions: QuestionBook
    followups: FollowUpBook


def check_duration(minutes: int) -> int:
    if not 1 <= minutes <= MAX_DURATION:
        raise MentorlogError(f"a meeting lasts between 1 and {MAX_DURATION} minutes, not {minutes}")
    return minutes


# What people answer to "was it completed?" besides the three statuses.
TASK_STATUS_WORDS = {
    "yes": "done", "y": "done", "d": "done", "completed": "done", "finished": "done",
    "partly": "partly", "partially": "partly", "partial": "partly", "half": "partly",
    "p": "partly", "somewhat": "partly", "partly-done": "partly", "partially-done": "partly",
    "half-done": "partly", "mostly": "partly", "mostly-done": "partly",
    "no": "not-done", "n": "not-done", "not": "not-done", "notdone": "not-done",
    "not-yet": "not-done", "nope": "not-done",
}


def check_task_status(text: str) -> str:
    """done, partly or not-done; `yes`/`y` is done, `no`/`n` not-done, `half` partly."""
    word = text.strip().lower().rstrip(".!").replace(" ", "-").replace("_", "-")
    word = TASK_STATUS_WORDS.get(word, word)
    if word not in CLOSING_STATUSES:
        raise MentorlogError(f"{text!r} is not a task status: use done, partly or not-done "
                             "(or yes, half, no)")
    return word


def task_line(text: str) -> tuple[str, str]:
    """`partly: the lexer tests only` -> ("partly", "the lexer tests only"): the task's
    status (as check_task_status reads it) and, after a colon, how it went."""
    status, _, note = text.partition(":")
    return check_task_status(status), " ".join(note.split())


# What the words after a task's status say, by status: for a done task what went well, for
# one not done what got in the way (what could have gone better), for a partly done one
# how it went (how far it got).
NOTE_ANSWERS = {"done": "went_well", "not-done": "could_improve", "partly": "how_it_went"}


def task_outcome(answers: WeekAnswers) -> str:
    """The reviewed task's outcome: what the words after its status said (NOTE_ANSWERS)."""
    said = {"went_well": answers.went_well, "could_improve": answers.could_improve,
            "how_it_went": answers.how_it_went}
    first = NOTE_ANSWERS.get(answers.task_status, "went_well")
    return " ".join((said[first] or answers.went_well).split())


# A goal's quick status at a weekly meeting (a verdict, as the monthly review's).
GOAL_STATUSES = ("on-track", "behind", "done")
GOAL_STATUS_WORDS = {
    "on-track": "on-track", "on track": "on-track", "ontrack": "on-track", "on": "on-track",
    "ok": "on-track", "fine": "on-track", "good": "on-track",
    "behind": "behind", "late": "behind", "slow": "behind", "behind schedule": "behind",
    "done": "done", "finished": "done", "complete": "done", "completed": "done",
}


def goal_line(text: str) -> tuple[str, str]:
    """`behind: waiting for review` -> ("behind", "waiting for review"); a line that does not
    start with a status (`PR opened`) is a note alone: ("", "PR opened")."""
    words = " ".join(text.split())
    head, sep, rest = words.partition(":")
    status = GOAL_STATUS_WORDS.get(head.strip().lower().rstrip(".!"))
    if status:
        return status, rest.strip()
    return "", words


def goal_said(verdict: str, note: str) -> str:
    """How a goal's weekly line reads in the meeting file: `behind — waiting for review`."""
    return " — ".join(part for part in (verdict, note) if part)


def items(text: str) -> list[str]:
    """The things in one answer, separated by `;` (`a CFP; a meetup`)."""
    return [" ".join(part.split()) for part in text.split(";") if part.strip()]


def record_goals(book: GoalBook, said: Sequence[tuple[str, str]], day: date) -> GoalBook:
    """Each goal's weekly line into its progress history (goals.toml `[[goals.progress]]`,
    with the status as its verdict); `done` also closes the goal that day."""
    for goal_id, line in said:
        verdict, note = goal_line(line)
        if not verdict and not note:
            continue
        goal = book.get(goal_id)
        changed = replace(goal, progress=(*goal.progress, Progress(day, note, verdict)))
        if verdict == "done" and goal.is_open:
            changed = replace(changed, status="done", closed_on=day, note=note or goal.note)
        book = book.put(changed)
    return book


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


def record_week(
    answers: WeekAnswers,
    tasks: TaskBook,
    questions: QuestionBook,
    followups: FollowUpBook,
    existing: Meeting | None,
    now: datetime,
    meetings: Sequence[Meeting],
) -> WeekRecord:
    """Close last week's task, open the next, answer questions, close the follow-ups of
    earlier meetings and set new ones (the wrap-up's opportunities and todos).

    Last week's task is the timeline's task under review among the other `meetings` (the
    one set at the meeting before, whatever happened to it since)."""
    day = answers.day
    reviewed = task_under_review(tasks, meetings, existing, day)
    if reviewed and not answers.task_status:
        raise MentorlogError("missing answer: --task-status (done, partly or not-done)")
    if not answers.next_task.strip():
        raise MentorlogError("missing answer: --next-task (what you are doing for the next week)")
    if reviewed:
        # A task closed before the meeting (done early) keeps the day and outcome it has.
        early = not reviewed.is_open and reviewed.status == answers.task_status
        tasks = tasks.put(
            replace(reviewed, status=answers.task_status,
                    closed_on=reviewed.closed_on if early else day,
                    outcome=(reviewed.outcome if early else "") or task_outcome(answers)
                    or reviewed.outcome)
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
    if existing:  # a re-recorded meeting replaces the follow-ups it set before
        stale = {f for f in existing.opportunities if _untouched(followups, f)}
        followups = followups.drop_ids(stale)
    for fid, status, outcome in answers.followups_closed:
        followups = followups.close(fid, status, day, outcome)
    raised = []
    for kind, texts in (("opportunity", answers.mentor_watch), ("todo", answers.todo)):
        for text in texts:
            if text.strip():
                followups = followups.add(kind, text, day)
                raised.append(followups.last.id)
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
        answers=_answers_text(answers, reviewed, questions, followups, raised),
    )
    return WeekRecord(meeting, tasks, questions, followups)


def _task_set_by(tasks: TaskBook, existing: Meeting | None) -> Task | None:
    if not existing or not existing.new_task:
        return None
    try:
        task = tasks.get(existing.new_task)
    except MentorlogError:
        return None
    return task if task.is_open else None


def _untouched(book: FollowUpBook, fid: str) -> bool:
    try:
        f = book.get(fid)
    except MentorlogError:
        return False
    return f.is_open and not f.outcome


def _bullets(items: Sequence[str]) -> str:
    return "\n".join(f"- {' '.join(i.split())}" for i in items if i.strip())


def _answers_text(
    a: WeekAnswers,
    reviewed: Task | None,
    questions: QuestionBook,
    followups: FollowUpBook,
    raised: list[str],
) -> dict[str, str]:
    asked = [a.asked.strip()] if a.asked.strip() else []
    for qid, _ in a.answered:
        q = questions.get(qid)
        asked.append(f"- {q.id}: {q.text}\n  Answer: {q.answer or '(none noted)'}")
    when = render.moment(a.next_meeting) if a.next_meeting else "not agreed yet"
    watch = [f"{f.id}: {f.text}" for f in followups.followups
             if f.id in raised and f.kind == "opportunity"]
    todo = [f"{f.id}: {f.text}" for f in followups.followups
            if f.id in raised and f.kind == "todo"]
    followed_up = [  # closed at this meeting, or between meetings that day
        f"{f.id}: {f.text} — {f.status}" + (f": {f.outcome}" if f.outcome else "")
        for f in followups.followups if f.closed_on == a.day and f.id not in raised
    ]
    texts = {
        "task": f"{reviewed.id}: {reviewed.text}" if reviewed else "(no task was set)",
        "completed": TASK_WORDS[a.task_status] if reviewed else "",
        "how_it_went": a.how_it_went if reviewed else "",
        "went_well": a.went_well,
        "could_improve": a.could_improve,
        "goals": "\n\n".join(
            part for part in (a.goals_note, _bullets(
                [f"{gid}: {goal_said(*goal_line(t))}" for gid, t in a.goal_progress]))
            if part
        ),
        "asked": "\n\n".join(asked),
        "worked_on": a.worked_on,
        "career": a.career,
        "followed_up": _bullets(followed_up),
        "next_task": a.next_task,
        "mentor_watch": _bullets(watch),
        "next_meeting": when + (f", {a.where.strip()}" if a.where.strip() else ""),
        "todo": _bullets(todo),
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
    """The meeting `skip` records, from the timeline: without a day, the next meeting; on
    `day`, the meeting of that day (an agreed slot, or one moved there), else the day at the
    first slot's time. Refuses a day before the mentorship started."""
    plan = build_timeline(agreement, meetings, now)
    if day is None:
        found = plan.next()
        if found is None:
            raise MentorlogError("no next meeting is scheduled: give --date")
        when = found.start
    else:
        that_day = plan.on(day)
        clock = agreement.slots[0].at if agreement.slots else time(0)
        when = that_day.start if that_day else localize(day, clock, zone(agreement.mentee_tz))
    if when.date() < agreement.start:
        raise MentorlogError(f"{when.date().isoformat()} is before the mentorship started")
    return when


# --- the commitment kept --------------------------------------------------------------------


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
