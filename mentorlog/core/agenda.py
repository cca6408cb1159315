"""What to bring to the next meeting (pure): the guide's weekly meeting, prepared."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from msgspec import Struct, field

from mentorlog.core import text as render
from mentorlog.core.agreement import Agreement, zone
from mentorlog.core.followups import KIND_WORDS, FollowUp
from mentorlog.core.goals import Goal
from mentorlog.core.meetings import QUESTION, TASK_WORDS, Meeting, last_held
from mentorlog.core.notes import Note
from mentorlog.core.privacy import Quotes, inherited, shown_levels
from mentorlog.core.questions import ParkedQuestion
from mentorlog.core.tasks import Task

WRAP_UP = tuple(
    QUESTION[k] for k in ("next_task", "mentor_watch", "next_meeting", "todo")
)
REVIEW_QUESTIONS = tuple(QUESTION[k] for k in ("completed", "went_well", "could_improve", "goals"))
# A relationship check-in is due (the guide: communicate about the relationship regularly).
CHECKIN_RAISE = ("Talk about how the mentorship is working for both of you: time, "
                 "boundaries, one thing to keep and one to change.")


class Agenda(Struct, frozen=True):
    """What to bring to the next meeting."""

    agreement: Agreement
    next_meeting: datetime | None
    where: str
    review_task: Task | None
    questions: tuple[ParkedQuestion, ...]
    notes: tuple[tuple[str, Note], ...]  # (note id, note)
    opportunities: tuple[FollowUp, ...]  # the open ones the mentor watches for
    goals: tuple[Goal, ...]
    monthly_review_due: bool
    last_meeting: date | None
    todo: str  # the last meeting's "anything else", when not kept as follow-ups (untracked_todo)
    followups: tuple[FollowUp, ...] = ()  # the open todos and introductions
    ended: date | None = None  # the mentorship ended (`mentorlog end`): nothing to prepare
    # tasks and follow-ups set at a private or confidential meeting: id -> that level
    inherited: dict[str, str] = field(default_factory=dict)
    last_privacy: str = "normal"  # the last held meeting's level (its "anything else")
    checkin_due: bool = False  # a relationship check-in is due: raise it (core/checkins.py)


def notes_since(meetings: Sequence[Meeting]) -> tuple[date | None, datetime | None]:
    """(first note date worth reading, the instant after which notes count) — from names."""
    last = last_held(meetings)
    if last is None:
        return None, None
    return last.day, last.recorded


def is_new(note: Note, last: Meeting | None) -> bool:
    if last is None:
        return True
    if last.recorded is not None:
        return note.created > last.recorded
    return note.created.date() > last.day


def build(
    agreement: Agreement,
    meetings: Sequence[Meeting],
    next_meeting: datetime | None,
    task: Task | None,
    questions: Sequence[ParkedQuestion],
    notes: Sequence[tuple[str, Note]],
    followups: Sequence[FollowUp],
    goals: Sequence[Goal],
    monthly_review_due: bool,
    ended: date | None = None,
    checkin_due: bool = False,
) -> Agenda:
    """`task`: the task under review (core/timeline.py task_under_review)."""
    last = last_held(meetings)
    where = ""
    if last and next_meeting and last.next_meeting == next_meeting:
        where = last.where
    return Agenda(
        agreement=agreement,
        next_meeting=next_meeting,
        where=where,
        review_task=task,
        questions=tuple(q for q in questions if q.is_open),
        notes=tuple(sorted(((i, n) for i, n in notes if is_new(n, last)),
                           key=lambda pair: (pair[1].created, pair[0]))),
        opportunities=tuple(f for f in followups if f.is_open and f.kind == "opportunity"),
        goals=tuple(g for g in goals if g.is_open),
        monthly_review_due=monthly_review_due,
        last_meeting=last.day if last else None,
        todo=untracked_todo(last, followups),
        followups=tuple(f for f in followups if f.is_open and f.kind != "opportunity"),
        ended=ended,
        inherited={**(inh := inherited(meetings)).tasks, **inh.followups},
        last_privacy=last.privacy if last else "normal",
        checkin_due=checkin_due,
    )


def untracked_todo(last: Meeting | None, followups: Sequence[FollowUp]) -> str:
    """The last meeting's "anything else" answer when its items are not follow-ups (it was
    recorded before they were kept); else "" (the open ones are in `followups`)."""
    if last is None:
        return ""
    todos = {f.id for f in followups if f.kind == "todo"}
    return "" if todos & set(last.opportunities) else last.answer("todo")


def to_json(a: Agenda) -> dict[str, Any]:
    mentor_zone = zone(a.agreement.mentor.tz)
    return {
        "next_meeting": a.next_meeting.isoformat() if a.next_meeting else None,
        "next_meeting_mentor": (
            a.next_meeting.astimezone(mentor_zone).isoformat() if a.next_meeting else None
        ),
        "where": a.where or None,
        "last_meeting": a.last_meeting.isoformat() if a.last_meeting else None,
        "review_task": a.review_task.text if a.review_task else None,
        "review_task_id": a.review_task.id if a.review_task else None,
        "review_task_status": a.review_task.status if a.review_task else None,
        "questions": [q.text for q in a.questions],
        "question_ids": [q.id for q in a.questions],
        "notes": [
            {
                "id": i,
                "title": n.title,
                "created": n.created.isoformat(),
                "tags": list(n.tags),
                "private": n.private,
            }
            for i, n in a.notes
        ],
        "opportunities": [{"id": o.id, "text": o.text, "status": o.status,
                           "set_on": o.set_on.isoformat()} for o in a.opportunities],
        "followups": [{"id": f.id, "kind": f.kind, "text": f.text,
                       "set_on": f.set_on.isoformat()} for f in a.followups],
        "goals": [{"id": g.id, "text": g.text, "horizon": g.horizon, "due": g.due.isoformat()}
                  for g in a.goals],
        "monthly_review_due": a.monthly_review_due,
        "checkin_due": a.checkin_due,
        "todo": a.todo or None,
        "wrap_up": list(WRAP_UP),
        "ended": a.ended.isoformat() if a.ended else None,
    }


def to_markdown(a: Agenda, include_private: bool = False,
                include_confidential: bool = False) -> str:
    """The agenda to paste to the mentor: private and confidential entries left out, and
    so are the tasks and follow-ups set at a private or confidential meeting."""
    shown = shown_levels(include_private, include_confidential)

    def secret(record_id: str) -> str:
        """The level that keeps a task or follow-up out, or ""."""
        level = a.inherited.get(record_id, "normal")
        return "" if level in shown else level

    def marked(level: str) -> str:
        return "" if level == "normal" else f" ({level})"

    quotes = _left_out_texts(a, shown, secret)

    out = [f"# Agenda: meeting with {a.agreement.mentor.name}", ""]
    if a.ended:
        return "\n".join([*out, ended_text(a), ""])
    if a.next_meeting:
        theirs = a.next_meeting.astimezone(zone(a.agreement.mentor.tz))
        when = render.moment(a.next_meeting) + f" {a.agreement.mentee_tz}"
        if a.agreement.mentor.tz != a.agreement.mentee_tz:
            when += f" ({render.moment(theirs)} {a.agreement.mentor.tz})"
        where = a.where if a.last_privacy in shown else ""  # typed at that meeting
        out.append(f"**When:** {when}" + (f"  \n**Where:** {where}" if where else ""))
        out.append("")
    out += ["## Last week's task", ""]
    if a.review_task is None:
        out.append("- (no task was set)")
    elif secret(a.review_task.id):
        out.append(f"- (set at a {secret(a.review_task.id)} meeting: left out)")
    elif level := quotes.level(a.review_task.text):
        out.append(f"- (it repeats a {level} entry: left out)")
    else:
        out.append(f"- {review_task_text(a.review_task)}")
    out += [f"  - {q}" for q in REVIEW_QUESTIONS]
    out.append("")
    if a.goals:
        out += ["## 30/60/90 goals", ""]
        out += [f"- {g.text} ({g.horizon} days, due {g.due.isoformat()})" for g in a.goals]
        out.append("")
    if a.monthly_review_due:
        out += ["## Monthly goal review due", "",
                "- Review the past month and the 30/60/90 goals; set the next set.", ""]
    if a.checkin_due:
        out += ["## How is the relationship going?", "", f"- {CHECKIN_RAISE}", ""]
    shown_q = [q for q in a.questions if q.privacy in shown and not quotes.level(q.text)]
    if shown_q:
        out += ["## Questions", ""] + [f"- {q.text}{marked(q.privacy)}" for q in shown_q] + [""]
    shown_n = [(i, n) for i, n in a.notes
               if n.privacy in shown and not quotes.level(n.title, n.body)]
    if shown_n:
        out += ["## Notes since the last meeting", ""]
        out += [f"- {n.created.date().isoformat()}: {n.title}{marked(n.privacy)}"
                for _, n in shown_n] + [""]
    opportunities = [o for o in a.opportunities if not secret(o.id) and not quotes.level(o.text)]
    if opportunities:
        out += ["## Opportunities to follow up", ""]
        out += [f"- {o.text}" for o in opportunities] + [""]
    followups = [f for f in a.followups if not secret(f.id) and not quotes.level(f.text)]
    if followups:
        out += ["## Follow-ups", ""]
        out += [f"- {f.text} ({KIND_WORDS[f.kind]})" for f in followups] + [""]
    if a.todo and a.last_privacy in shown and not quotes.level(a.todo):
        out += ["## Agreed last time", "", a.todo, ""]
    out += ["## Wrap-up (last 10-15 minutes)", ""]
    out += [f"- {q}" for q in WRAP_UP]
    return "\n".join(out) + "\n"


def _left_out_texts(a: Agenda, shown: frozenset[str],
                    secret: Callable[[str], str]) -> Quotes:
    """What the markdown agenda leaves out, so that nothing shown repeats it."""
    quotes = Quotes()
    for q in a.questions:
        if q.privacy not in shown:
            quotes.add(q.privacy, q.text)
    for _, n in a.notes:
        if n.privacy not in shown:
            quotes.add(n.privacy, n.title, n.body)
    for f in (*a.opportunities, *a.followups):
        if secret(f.id):
            quotes.add(secret(f.id), f.text)
    if a.review_task is not None and secret(a.review_task.id):
        quotes.add(secret(a.review_task.id), a.review_task.text)
    if a.last_privacy not in shown:
        quotes.add(a.last_privacy, a.todo, a.where)
    return quotes


def list_items(text: str) -> list[str]:
    """The items of a markdown list (`- a` / `* b` / `1. c`, continued lines joined), or
    the paragraphs of plain text: each is shown after a bullet of its own, never as
    "• - Grace will send…"."""
    items: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            items.append("")
            continue
        marker = re.match(r"(?:[-*+]|\d+[.)])\s+", stripped)
        if marker or not items or not items[-1]:
            items.append(stripped[marker.end():] if marker else stripped)
        else:
            items[-1] += " " + stripped
    return [i for i in items if i]


def ended_text(a: Agenda) -> str:
    assert a.ended is not None
    return (f"Your mentorship with {a.agreement.mentor.name} ended on {a.ended.isoformat()}: "
            "there is no next meeting ('mentorlog reopen' undoes the end).")


def review_task_text(t: Task) -> str:
    """The task under review, with its status once it is closed (done early, partly)."""
    return t.text if t.is_open else f"{t.text} ({TASK_WORDS[t.status].lower()})"
