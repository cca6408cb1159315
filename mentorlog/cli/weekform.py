"""The questions of `mentorlog week`: from flags, or asked in the guide's order."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, time
from functools import partial
from typing import Any

from mentorlog.cli import prompts
from mentorlog.cli.drafts import Conversation
from mentorlog.core import goals as goal_ops
from mentorlog.core import text as render
from mentorlog.core import week as weekly
from mentorlog.core.agreement import Agreement, zone
from mentorlog.core.dates import is_relative, localize, parse_date, parse_datetime
from mentorlog.core.errors import MentorlogError
from mentorlog.core.followups import LISTED_BY, REVIEW_HINT, FollowUp, closing_flag, review_answer
from mentorlog.core.followups import to_review as followups_to_review
from mentorlog.core.goals import parse_progress
from mentorlog.core.meetings import Meeting
from mentorlog.core.questions import QuestionBook
from mentorlog.core.tasks import Task
from mentorlog.core.timeline import task_under_review, wrap_up_default
from mentorlog.storage import journal
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


def _next_meeting(text: str, agreement: Agreement, day: date, now: datetime,
                  usual: time | None = None) -> datetime:
    """The next meeting typed as `WHEN`; with `usual`, a day alone (`next thu`) is at the
    agreed slot's time on that weekday (else at `usual`, the next slot's time)."""
    tz = zone(agreement.mentee_tz)
    on = None
    if usual is not None:
        try:
            on = parse_date(text, now.astimezone(tz).date())
        except MentorlogError:
            pass  # a day and a time (or no date at all): read below
    if on is not None and usual is not None:
        at = next((s.at for s in agreement.slots if s.weekday == on.weekday()), usual)
        when = localize(on, at, tz)
    else:
        when = parse_datetime(text, now, tz)
    if when.date() <= day:
        raise MentorlogError(
            f"the next meeting ({when:%Y-%m-%d %H:%M}) must come after this one ({day})"
        )
    return when


def collect(st: Store, agreement: Agreement, day: date, now: datetime, given: dict[str, Any],
            interactive: bool, privacy: str, existing: Meeting | None,
            talk: Conversation | None = None) -> weekly.WeekAnswers:
    """Check every flag first (so a bad one stops before any question), then ask the rest
    (each answer kept in `talk`'s draft as it is given)."""
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
                f"missing answer: {', '.join(missing)} (or run 'mentorlog week' in a "
                "terminal, without --no-input, to be asked)"
            )
    else:
        assert talk is not None, "a conversation keeps the answers asked"
        _interview(st, agreement, day, g, reviewed, questions, answered, meetings, now, talk)
        progress = _goal_flags(st, g["goal"] or [])
        nxt = g.pop("_next", nxt)
    if nxt is None:
        nxt = wrap_up_default(agreement, meetings, day, now)
    return weekly.WeekAnswers(
        day=day,
        duration=g["duration"] or agreement.duration,
        task_status=(g["task_status"] or "") if reviewed else "",
        how_it_went=g.get("how_it_went") or "",
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


def _goal_flags(st: Store, flags: list[str]) -> dict[str, str]:
    """`--goal g1="halfway there"` -> {"g1": "halfway there"}; ids must name open goals."""
    answers: dict[str, str] = {}
    for flag in flags:
        goal_id, sep, text = flag.partition("=")
        if not sep or not goal_id.strip():
            raise MentorlogError(f"{flag!r} is not a goal's progress like 'g1=halfway there'")
        answers[goal_id.strip()] = text
    return parse_progress(st.load(GOALS), answers) if answers else {}


def _ask(talk: Conversation, g: dict[str, Any], key: str, label: str) -> None:
    """One free-text question, unless a flag answered it."""
    if g[key] is None:
        g[key] = talk.ask(key, lambda: prompts.text(label))


def _checked(talk: Conversation, key: str, label: str, check: Callable[[str], object],
             default: str = "") -> str:
    """A question asked until `check` takes the answer; the raw answer is what is kept."""
    kept = talk.get(key)
    if kept is not None:
        try:
            check(kept)
        except MentorlogError:  # a resumed answer that no longer holds: asked again
            talk.forget(key)
    return talk.ask(key, lambda: prompts.checked(label, lambda t: (t, check(t))[0], default))


def _interview(st: Store, agreement: Agreement, day: date, g: dict[str, Any],
               reviewed: Task | None, questions: QuestionBook,
               answered: list[tuple[str, str]], meetings: Sequence[Meeting],
               now: datetime, talk: Conversation) -> None:
    """The meeting as a short conversation in the guide's order: one line per thing to
    say (a status and a note after a colon), Enter keeps what is known."""
    minutes = g["duration"] or agreement.duration
    prompts.say(f"[bold]Weekly meeting with {escape(agreement.mentor.name)}[/bold] · "
                f"{render.day(day)} · {minutes} min")
    prompts.say("[dim]One line each, a note after a colon ('partly: the lexer tests only'); "
                "Ctrl-C keeps your answers.[/dim]")
    # shown due at its meeting, where that meeting went (a move by `skip --moved-to`)
    _review_task(g, journal.timeline(st, agreement, now, list(meetings)).due(reviewed), talk)
    _review_goals(st, g, day, talk)
    plan = journal.agenda_plan(st, agreement, now)
    if plan.monthly_review_due:
        prompts.guide(f"{_W} 3: once a month.")
        prompts.say("[dim]The monthly review is due: run 'mentorlog goals review' after "
                    "this meeting.[/dim]")
    prompts.guide(f"{_W} 4: ask questions, work or pair on something, talk industry and career.")
    done = {qid for qid, _ in answered}
    for q in questions.open():
        if q.id not in done:
            text = talk.ask(f"question:{q.id}", partial(
                prompts.text, f"{q.id} {q.text} (Enter: keep it parked)"))
            if text:
                answered.append((q.id, text))
    notes = [(i, n) for i, n in plan.notes if n.created.date() <= day]
    if notes and g["notes"] is None:
        prompts.say("[dim]You noted since the last meeting:[/dim]")
        for _, n in notes:
            prompts.say(hanging(f"[dim]  • {n.created.date().isoformat()} "
                                f"{escape(n.title)}[/dim]"))
    _ask(talk, g, "notes", "Anything else you asked, worked on or talked about?")
    prompts.guide(f"{_W} 5: the last 10-15 minutes.")
    _review_followups(g, talk)
    _wrap_up(agreement, day, g, meetings, now, talk)


def _review_task(g: dict[str, Any], reviewed: Task | None, talk: Conversation) -> None:
    """2a-c: last week's task, its status and how it went in one line, then b and c unless
    those words answered them (weekly.NOTE_ANSWERS: after `done` they are what went well,
    after `no` what could have gone better, after `partly` how far it got, and c follows)."""
    prompts.guide(f"{_W} 2: review and discuss last week's task.")
    if reviewed and g["task_status"] is None:
        due = f" (due {render.day(reviewed.due)})" if reviewed.due else ""
        if not reviewed.is_open and reviewed.closed_on:
            due = f" (marked {reviewed.status} on {render.day(reviewed.closed_on)})"
        prompts.say(hanging(f"Last week's task: [bold]{escape(reviewed.text)}[/bold]{due}"))
        line = _checked(talk, "task", "a. Was it completed, and how did it go?",
                        weekly.task_line, "" if reviewed.is_open else reviewed.status)
        status, note = weekly.task_line(line)
        g["task_status"], key = status, weekly.NOTE_ANSWERS[status]
        if note and g.get(key) is None:
            g[key] = note
            if status == "partly" and g["went_well"] is None:
                g["went_well"] = ""  # how far it got says what went well: c is what is left
    elif not reviewed:
        prompts.say("There was no task last week.")
    _ask(talk, g, "went_well", "b. What went well?")
    _ask(talk, g, "could_improve", "c. What could have gone better?")


def _review_goals(st: Store, g: dict[str, Any], day: date, talk: Conversation) -> None:
    """2d: one line per open goal, a quick status and a note; Enter keeps it as it is."""
    goals = goal_ops.weekly_goals(st.load(GOALS))
    if not goals or g["goal"] is not None:
        return
    prompts.say("d. Where are you on your 30/60/90 goals?")
    prompts.say("[dim]  on-track, behind or done: a note; Enter keeps it[/dim]")
    said: list[str] = []
    for goal in goals:
        last = next((p.verdict for p in reversed(goal.progress) if p.verdict), "")
        now_at = f"{last}, " if last else ""
        label = (f"{goal.id} {goal.text} ({now_at}{goal.horizon} days, "
                 f"{render.due_relative(goal.due, day)})")
        line = talk.ask(f"goal:{goal.id}", partial(prompts.text, label))
        if line:
            said.append(f"{goal.id}={line}")
    g["goal"] = said


def _review_followups(g: dict[str, Any], talk: Conversation) -> None:
    """The wrap-up's line about each open follow-up; Enter keeps it open."""
    given = {fid for fid, _, _ in g["_closed"]}
    asked = [f for f in g["_followups"] if f.id not in given]
    if asked:
        prompts.say(f"Follow-ups from earlier meetings [dim]({REVIEW_HINT})[/dim]:")
    for f in asked:
        line = talk.ask(f"followup:{f.id}", partial(prompts.text, f"{f.id} {f.text}"))
        closing = review_answer(line)
        if closing:
            g["_closed"].append((f.id, *closing))


def _wrap_up(agreement: Agreement, day: date, g: dict[str, Any], meetings: Sequence[Meeting],
             now: datetime, talk: Conversation) -> None:
    """5a-d: the next task (other things to do after a ';'), what the mentor watches for,
    and when and where the next meeting is (Enter keeps the agreed slot and place)."""
    if not (g["next_task"] or "").strip():
        line = ""
        if g["todo"] is None:
            prompts.say("[dim]Your task for the week; after a ';', anything else either of "
                        "you should do before the next meeting.[/dim]")
        while not line:
            line = talk.ask("next_task", lambda: prompts.text(
                "a. What are you doing for the next week?"))
            if not line:
                talk.forget("next_task")
                prompts.say("[red]The next task is needed[/red] — try again.")
        task, *more = weekly.items(line) or [line]
        g["next_task"] = task
        if g["todo"] is None:
            g["todo"] = more
    if g["mentor_watch"] is None:
        first = agreement.mentor.name.split()[0] if agreement.mentor.name.split() else "Your mentor"
        g["mentor_watch"] = weekly.items(talk.ask("mentor_watch", lambda: prompts.text(
            f"b. What will {first} keep an eye out for, opportunities-wise?")))
    if g["next_meeting"] is None or g["where"] is None:
        _next_meeting_line(agreement, day, g, meetings, now, talk)
    if g["todo"] is None:
        g["todo"] = []


def _next_meeting_line(agreement: Agreement, day: date, g: dict[str, Any],
                       meetings: Sequence[Meeting], now: datetime, talk: Conversation) -> None:
    """5c in one line: `WHEN[, WHERE]`, the agreed slot and the last place as the default;
    a day alone is at the agreed time; a date typed relative to today (or without a time)
    is echoed as the moment it became."""
    default = (_next_meeting(g["next_meeting"], agreement, day, now) if g["next_meeting"]
               else wrap_up_default(agreement, meetings, day, now))
    place = g["where"] if g["where"] is not None else _last_place(meetings, day)
    shown = ", ".join(p for p in (render.moment(default) if default else "", place) if p)
    tz = zone(agreement.mentee_tz)
    usual = (default.astimezone(tz).time().replace(tzinfo=None) if default
             else agreement.slots[0].at if agreement.slots else None)

    def check(text: str) -> tuple[datetime, str]:
        when_text, sep, where = text.partition(",")
        if not text.strip() or text.strip() == shown or (sep and not when_text.strip()):
            if default is None:
                raise MentorlogError("no next meeting on the timeline: give a time like "
                                     "'next tue 18:00'")
            return default, where.strip() if sep else place
        try:
            when = _next_meeting(when_text, agreement, day, now, usual)
        except MentorlogError as e:
            if sep or default is None:
                raise
            raise MentorlogError(f"{e} (a place alone goes after a comma: ', {text.strip()}')"
                                 ) from None
        return when, where.strip() if sep else place

    line = _checked(talk, "next_meeting", "c. When and where is the next meeting? "
                    "(like 'next wed 18:00, video call')" if not shown else
                    "c. When and where is the next meeting?", check, shown)
    when, where = check(line)
    when_text = line.partition(",")[0]
    typed = line.strip() and line.strip() != shown and when_text.strip()
    if typed and (is_relative(when_text) or _day_alone(when_text, now)):  # a time filled in
        theirs = when.astimezone(zone(agreement.mentor.tz))
        prompts.say(f"  → {render.moment(when)} ({theirs:%a %H:%M} for "
                    f"{escape(agreement.mentor.name)})")
    g["_next"] = when
    g["where"] = where


def _day_alone(text: str, now: datetime) -> bool:
    try:
        parse_date(text, now.date())
    except MentorlogError:
        return False
    return True


def _last_place(meetings: Sequence[Meeting], day: date) -> str:
    """Where the meetings are: the place agreed at the last meeting held before `day`."""
    before = [m for m in meetings if m.held and m.day < day and m.where]
    return max(before, key=lambda m: m.day).where if before else ""
