"""The questions of `mentorlog week`: from flags, or asked in the guide's order."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from mentorlog.cli import prompts
from mentorlog.core import text as render
from mentorlog.core import week as weekly
from mentorlog.core.agreement import Agreement, zone
from mentorlog.core.dates import parse_datetime
from mentorlog.core.errors import MentorlogError
from mentorlog.core.followups import LISTED_BY, REVIEW_HINT, FollowUp, closing_flag, review_answer
from mentorlog.core.followups import to_review as followups_to_review
from mentorlog.core.goals import parse_progress
from mentorlog.core.meetings import Meeting
from mentorlog.core.questions import QuestionBook
from mentorlog.core.tasks import Task
from mentorlog.core.timeline import task_under_review, wrap_up_default
from mentorlog.storage.formats import FOLLOWUPS, GOALS, QUESTIONS, TASKS
from mentorlog.storage.journal import meetings as meeting_facts
from mentorlog.storage.store import Store
from mentorlog.views.console import escape, hanging

_W = "The Weekly Meeting"


def _answer_flag(text: str, questions: QuestionBook) -> tuple[str, str]:
    qid, sep, words = text.partition("=")
    if not sep or not words.strip():
        raise MentorlogError(f"{text!r} is not an answer like 'q1=the answer'")
    return questions.get(qid).id, words.strip()


def _next_meeting(text: str, agreement: Agreement, day: date, now: datetime) -> datetime:
    when = parse_datetime(text, now, zone(agreement.mentee_tz))
    if when.date() <= day:
        raise MentorlogError(
            f"the next meeting ({when:%Y-%m-%d %H:%M}) must come after this one ({day})"
        )
    return when


def collect(st: Store, agreement: Agreement, day: date, now: datetime, given: dict[str, Any],
            interactive: bool, privacy: str, existing: Meeting | None) -> weekly.WeekAnswers:
    """Check every flag first (so a bad one stops before any question), then ask the rest."""
    g = dict(given)
    questions = st.load(QUESTIONS)
    if g["duration"] is not None:
        weekly.check_duration(g["duration"])
    if g["task_status"] is not None:
        g["task_status"] = weekly.check_task_status(g["task_status"])
    answered = [_answer_flag(a, questions) for a in g["answer"] or []]
    g["_followups"] = followups_to_review(st.load(FOLLOWUPS), day,
                                          existing.opportunities if existing else ())
    closed = g["_closed"] = _followup_flags(g, g["_followups"])
    progress = _goal_flags(st, g["goal"] or [])
    nxt = _next_meeting(g["next_meeting"], agreement, day, now) if g["next_meeting"] else None
    meetings = [m for m in meeting_facts(st) if m.day != day]
    reviewed = task_under_review(st.load(TASKS), meetings, existing, day)
    if reviewed and not reviewed.is_open and g["task_status"] is None and not interactive:
        g["task_status"] = reviewed.status  # closed before the meeting: as it was closed
    if not interactive:
        missing = []
        if reviewed and not g["task_status"]:
            missing.append("--task-status")
        if not (g["next_task"] or "").strip():
            missing.append("--next-task")
        if missing:
            raise MentorlogError(
                f"missing answer: {', '.join(missing)} (or run without --no-input)"
            )
    else:
        _interview(st, agreement, day, g, reviewed, questions, answered, meetings, now)
        progress = _goal_flags(st, g["goal"] or [])
        nxt = g.pop("_next", nxt)
    if nxt is None:
        nxt = wrap_up_default(agreement, meetings, day, now)
    return weekly.WeekAnswers(
        day=day,
        duration=g["duration"] or agreement.duration,
        task_status=(g["task_status"] or "") if reviewed else "",
        went_well=g["went_well"] or "",
        could_improve=g["could_improve"] or "",
        goals_note=g["goals_note"] or "",
        goal_progress=tuple(progress.items()),
        asked=g["asked"] or "",
        worked_on=g["worked_on"] or "",
        career=g["career"] or "",
        answered=tuple(answered),
        next_task=g["next_task"] or "",
        mentor_watch=tuple(g["mentor_watch"] or ()),
        next_meeting=nxt,
        where=g["where"] or "",
        todo=tuple(g["todo"] or ()),
        followups_closed=tuple(closed),
        notes=g["notes"] or "",
        privacy=privacy,
    )


def _followup_flags(g: dict[str, Any], open_ones: list[FollowUp]) -> list[tuple[str, str, str]]:
    """--followup-done ID[=OUTCOME] / --followup-drop ID: open follow-ups of earlier meetings."""
    flags = [(t, "done") for t in g["followup_done"] or []]
    flags += [(t, "dropped") for t in g["followup_drop"] or []]
    closed: list[tuple[str, str, str]] = []
    for flag, status in flags:
        fid, status, outcome = closing_flag(flag, status)
        if fid not in {f.id for f in open_ones}:
            raise MentorlogError(f"no open follow-up of an earlier meeting with id {fid!r} "
                                 f"(see '{LISTED_BY}')")
        if fid in {c[0] for c in closed}:
            raise MentorlogError(f"follow-up {fid} is given twice")
        closed.append((fid, status, outcome))
    return closed


def _review_followups(g: dict[str, Any]) -> None:
    """The wrap-up's line about each open follow-up; Enter keeps it open."""
    given = {fid for fid, _, _ in g["_closed"]}
    asked = [f for f in g["_followups"] if f.id not in given]
    if asked:
        prompts.say("Follow-ups from earlier meetings:")
    for f in asked:
        closing = review_answer(prompts.text(f"{f.id} {f.text} [{REVIEW_HINT}]"))
        if closing:
            g["_closed"].append((f.id, *closing))


def _goal_flags(st: Store, flags: list[str]) -> dict[str, str]:
    """`--goal g1="halfway there"` -> {"g1": "halfway there"}; ids must name open goals."""
    answers: dict[str, str] = {}
    for flag in flags:
        goal_id, sep, text = flag.partition("=")
        if not sep or not goal_id.strip():
            raise MentorlogError(f"{flag!r} is not a goal's progress like 'g1=halfway there'")
        answers[goal_id.strip()] = text
    return parse_progress(st.load(GOALS), answers) if answers else {}


def _ask(g: dict[str, Any], key: str, label: str) -> None:
    if g[key] is None:
        g[key] = prompts.text(label)


def _interview(st: Store, agreement: Agreement, day: date, g: dict[str, Any],
               reviewed: Task | None, questions: QuestionBook,
               answered: list[tuple[str, str]], meetings: Sequence[Meeting],
               now: datetime) -> None:
    prompts.say(f"[bold]Weekly meeting with {escape(agreement.mentor.name)}[/bold] · "
                f"{render.day(day)}")
    prompts.say("[dim]Enter skips a question; Ctrl-C stops without saving anything.[/dim]")
    prompts.guide(f"{_W} 2: review and discuss last week's task.")
    if reviewed:
        due = f" (due {render.day(reviewed.due)})" if reviewed.due else ""
        if not reviewed.is_open and reviewed.closed_on:
            due = f" (marked {reviewed.status} on {render.day(reviewed.closed_on)})"
        prompts.say(f"Last week's task: [bold]{escape(reviewed.text)}[/bold]{due}")
        if g["task_status"] is None:
            g["task_status"] = prompts.checked(
                "a. Was it completed? (done / partly / not-done)", weekly.check_task_status,
                "" if reviewed.is_open else reviewed.status,
            )
    else:
        prompts.say("There was no task last week.")
    _ask(g, "went_well", "b. What went well?")
    _ask(g, "could_improve", "c. What could have gone better?")
    goals = st.load(GOALS).open()
    if goals:
        prompts.say("Your 30/60/90 goals:")
        for goal in sorted(goals, key=lambda x: (x.horizon, x.due)):
            prompts.say(hanging(f"  ○ {goal.id} {escape(goal.text)} "
                                f"({goal.horizon} days, due {render.relative(goal.due, day)})"))
    _ask(g, "goals_note", "d. Where are you on your 30/60/90 goals?")
    if goals and g["goal"] is None:
        progress: list[str] = []
        for goal in sorted(goals, key=lambda x: (x.horizon, x.due)):
            said = prompts.text(f"   {goal.id} {goal.text}: where are you? (Enter skips)")
            if said:
                progress.append(f"{goal.id}={said}")
        g["goal"] = progress
    prompts.guide(f"{_W} 4: ask questions, work or pair on something, talk industry and career.")
    done = {qid for qid, _ in answered}
    for q in questions.open():
        if q.id not in done:
            text = prompts.text(f"Parked question {q.id}: {q.text} — answer (Enter: keep it open)")
            if text:
                answered.append((q.id, text))
    _ask(g, "asked", "Other questions you asked" if questions.open() else "Questions you asked")
    _ask(g, "worked_on", "What did you work or pair on?")
    _ask(g, "career", "Industry and career talk")
    prompts.guide(f"{_W} 5: the last 10-15 minutes.")
    _review_followups(g)
    while not (g["next_task"] or "").strip():
        g["next_task"] = prompts.text("a. What are you doing for the next week?")
    if g["mentor_watch"] is None:
        g["mentor_watch"] = prompts.lines(
            "b. What will your mentor keep an eye out for, opportunities-wise? (Enter: nothing)"
        )
    if g["next_meeting"] is None:
        default = wrap_up_default(agreement, meetings, day, now)
        nxt = default
        if default:
            theirs = default.astimezone(zone(agreement.mentor.tz))
            prompts.say(f"c. Next agreed slot: [bold]{render.moment(default)}[/bold] "
                        f"({theirs:%a %H:%M} for {escape(agreement.mentor.name)})")
        if not default or not prompts.confirm("Can it still happen?"):
            nxt = prompts.checked(
                "When is the next meeting? (like 'next wed 18:00')",
                lambda t: _next_meeting(t, agreement, day, now),
            )
        g["_next"] = nxt
    _ask(g, "where", "Where is it? (video link, place; Enter to skip)")
    if g["todo"] is None:
        g["todo"] = prompts.lines("d. Anything else either of you should think about or do?")
    if g["duration"] is None:
        g["duration"] = prompts.checked(
            "How long was the meeting, in minutes?", _minutes, str(agreement.duration)
        )
    _ask(g, "notes", "Anything else to note about the meeting?")


def _minutes(text: str) -> int:
    try:
        return weekly.check_duration(int(text))
    except ValueError:
        raise MentorlogError(f"{text!r} is not a number of minutes like 60") from None
