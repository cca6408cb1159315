"""The progress summary shared with a mentor or the program: one pure model, three renderings.

What a summary may hold is decided here, once, for every format (docs/sharing.md): private
and confidential notes, meetings and questions are left out unless included, and so is
everything that was typed at a left-out meeting — its notes, the task it set, the outcome
it recorded for last week's task, the follow-ups it set, the outcomes of those it closed
and the answers it noted — because those texts are copied into tasks.toml, questions.toml
and opportunities.toml.
A meeting's "Questions asked" section repeats parked questions; a left-out question is cut
from it too.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from msgspec import Struct, field
from msgspec.structs import replace

from mentorlog.core.agreement import FOCUS_KINDS, Agreement
from mentorlog.core.followups import KIND_WORDS, FollowUp
from mentorlog.core.goals import Goal
from mentorlog.core.log import review_json
from mentorlog.core.meetings import QUESTION, Meeting
from mentorlog.core.notes import Note, tags_beyond_title
from mentorlog.core.privacy import Inherited, Quotes, inherited
from mentorlog.core.questions import ParkedQuestion
from mentorlog.core.retrospective import RETRO_QUESTIONS, Retrospective
from mentorlog.core.reviews import (
    Q_COULD_IMPROVE,
    Q_WENT_WELL,
    MonthlyReview,
    standing,
)
from mentorlog.core.status import verdict_json
from mentorlog.core.tasks import Task
from mentorlog.core.text import hours
from mentorlog.core.week import Commitment, commitment
from mentorlog.sharing.markdown import demote

EXPORT_VERSION = 1
# The meeting sections a summary shows; the others are rebuilt from structured data.
SHARED_SECTIONS = ("went_well", "could_improve", "goals", "asked", "worked_on", "career",
                   "todo", "notes")


class TaskLine(Struct, frozen=True):
    """A task as the export shows it."""

    id: str
    text: str | None  # None: typed at a left-out meeting
    status: str
    outcome: str | None = None


class MeetingLine(Struct, frozen=True):
    """A meeting as the export shows it."""

    day: date
    duration: int | None
    privacy: str
    reviewed: TaskLine | None
    set: TaskLine | None
    notes: tuple[tuple[str, str], ...] | None  # (the guide's question, text); None: left out


class Summary(Struct, frozen=True):
    """The progress summary that `export` renders as markdown, JSON or HTML."""

    agreement: Agreement
    generated: datetime
    since: date | None
    hours: Commitment
    goals: tuple[Goal, ...]
    meetings: tuple[MeetingLine, ...]
    current_task: TaskLine | None
    notes: tuple[Note, ...]
    questions: tuple[ParkedQuestion, ...]
    followups: tuple[FollowUp, ...]
    left_out: dict[str, int] = field(default_factory=dict)  # privacy level -> entries
    retrospective: Retrospective | None = None  # how it ended (`mentorlog end`)
    reviews: tuple[MonthlyReview, ...] = ()  # the monthly reviews, oldest first

    @property
    def left_out_total(self) -> int:
        return sum(self.left_out.values())


def build(
    agreement: Agreement,
    goals: Sequence[Goal],
    tasks: Sequence[Task],
    meetings: Sequence[Meeting],
    notes: Sequence[Note],
    questions: Sequence[ParkedQuestion],
    followups: Sequence[FollowUp],
    now: datetime,
    since: date | None = None,
    levels: frozenset[str] = frozenset({"normal"}),
    retrospective: Retrospective | None = None,
    reviews: Sequence[MonthlyReview] = (),
) -> Summary:
    """Everything a summary shows, with what `levels` does not allow already removed."""
    left_out: dict[str, int] = {}

    def keep(privacy: str, day: date) -> bool:
        if privacy in levels:
            return True
        if since is None or day >= since:
            left_out[privacy] = left_out.get(privacy, 0) + 1
        return False

    def in_range(day: date) -> bool:
        return since is None or day >= since

    held = sorted((m for m in meetings if m.held), key=lambda m: m.day)
    hidden_days = {m.day for m in held if not keep(m.privacy, m.day)}
    inherits = inherited(held)
    hidden_tasks = {t for t, level in inherits.tasks.items() if level not in levels}
    hidden_outcomes = {t for t, level in inherits.outcomes.items() if level not in levels}
    hidden_followups = {f for f, level in inherits.followups.items() if level not in levels}
    quotes = _left_out_texts(held, hidden_days, inherits, questions, notes, tasks, followups,
                             levels)

    def quoting(*texts: str) -> bool:
        """A shown record that repeats a left-out one word for word is left out with it."""
        level = quotes.level(*texts)
        if level is not None:
            left_out[level] = left_out.get(level, 0) + 1
        return level is not None

    shown_questions = [
        replace(q, answer="") if q.answered_on in hidden_days or quotes.level(q.answer) else q
        for q in questions
        if keep(q.privacy, q.asked_on) and in_range(q.answered_on or q.asked_on)
        and not quoting(q.text)
    ]
    dropped_qids = {q.id for q in questions if q.privacy not in levels}

    def task_line(t: Task) -> TaskLine:
        return TaskLine(t.id, None if t.id in hidden_tasks or quotes.level(t.text) else t.text,
                        t.status, None if t.id in hidden_outcomes or quotes.level(t.outcome)
                        else (t.outcome or None))

    by_id = {t.id: t for t in tasks}
    lines = []
    for m in held:
        if not in_range(m.day):
            continue
        reviewed = by_id.get(m.task)
        new = by_id.get(m.new_task)
        lines.append(MeetingLine(
            m.day, m.duration, m.privacy,
            task_line(reviewed) if reviewed else None,
            task_line(new) if new else None,
            None if m.day in hidden_days else _meeting_notes(m, dropped_qids, quotes),
        ))
    current = next((t for t in reversed(tasks) if t.is_open), None)
    return Summary(
        agreement=agreement,
        generated=now,
        since=since,
        hours=commitment(agreement, meetings, now.date()),
        goals=tuple(goals),
        meetings=tuple(lines),
        current_task=task_line(current) if current else None,
        notes=tuple(sorted((n for n in notes if keep(n.privacy, n.created.date())
                            and in_range(n.created.date()) and not quoting(n.title, n.body)),
                           key=lambda n: n.created)),
        questions=tuple(shown_questions),
        followups=tuple(
            replace(f, outcome="") if f.closed_on in hidden_days or quotes.level(f.outcome)
            else f
            for f in followups
            if f.id not in hidden_followups and in_range(f.closed_on or f.set_on)
            and not quoting(f.text)
        ),
        left_out=left_out,
        retrospective=retrospective and replace(retrospective, **{
            k: "" for k, _ in RETRO_QUESTIONS
            if quotes.level(getattr(retrospective, k))}),
        reviews=tuple(sorted((r for r in reviews if in_range(r.on)), key=lambda r: r.on)),
    )


def _left_out_texts(held: Sequence[Meeting], hidden_days: set[date], inherits: Inherited,
                    questions: Sequence[ParkedQuestion], notes: Sequence[Note],
                    tasks: Sequence[Task], followups: Sequence[FollowUp],
                    levels: frozenset[str]) -> Quotes:
    """The text of every record left out at `levels` (core/privacy.py Quotes)."""
    quotes = Quotes()
    by_day = {m.day: m.privacy for m in held}
    for m in held:
        if m.day in hidden_days:
            quotes.add(m.privacy, m.intro, *m.answers.values())
    for q in questions:
        if q.privacy not in levels:
            quotes.add(q.privacy, q.text, q.answer)
        elif q.answered_on in hidden_days:
            quotes.add(by_day[q.answered_on], q.answer)
    for n in notes:
        if n.privacy not in levels:
            quotes.add(n.privacy, n.title, n.body)
    for t in tasks:
        if inherits.task(t.id) not in levels:
            quotes.add(inherits.task(t.id), t.text)
        if inherits.outcomes.get(t.id, "normal") not in levels:
            quotes.add(inherits.outcomes[t.id], t.outcome)
    for f in followups:
        if inherits.followup(f.id) not in levels:
            quotes.add(inherits.followup(f.id), f.text, f.outcome)
    return quotes


def _meeting_notes(m: Meeting, dropped_qids: set[str],
                   quotes: Quotes) -> tuple[tuple[str, str], ...]:
    rows = []
    for key in SHARED_SECTIONS:
        text = m.answer(key)
        if key == "asked":
            text = _without_questions(text, dropped_qids)
        # the paragraphs that repeat a left-out text go with it
        text = "\n\n".join(b for b in text.split("\n\n") if quotes.level(b) is None)
        if text.strip():
            rows.append((QUESTION[key], text.strip()))
    return tuple(rows)


def _without_questions(text: str, qids: Iterable[str]) -> str:
    """The "Questions asked" section without the blocks that repeat a left-out question."""
    starts = tuple(f"- {q}:" for q in qids)
    blocks = [b for b in text.split("\n\n") if not (starts and b.lstrip().startswith(starts))]
    return "\n\n".join(blocks)


def left_out_message(s: Summary) -> str:
    """The line `export` prints on stderr; empty when nothing was left out."""
    if not s.left_out_total:
        return ""
    counts = sorted(s.left_out.items())
    parts = [f"{n} {level}" for level, n in counts]
    flags = " / ".join(f"--include-{level}" for level in sorted(s.left_out))
    entries = "entry" if counts[-1][1] == 1 else "entries"  # "1 confidential and 1 private entry"
    return f"Left out {' and '.join(parts)} {entries} (add {flags} to include them)."


# --- JSON (docs/json.md) ---------------------------------------------------------------------


def _task_json(t: TaskLine | None) -> dict[str, Any] | None:
    if t is None:
        return None
    return {"id": t.id, "text": t.text, "status": t.status, "outcome": t.outcome}


def to_json(s: Summary) -> dict[str, Any]:
    a = s.agreement
    h = s.hours
    return {
        "export_version": EXPORT_VERSION,
        "generated": s.generated.isoformat(),
        "since": s.since.isoformat() if s.since else None,
        "mentor": {"name": a.mentor.name, "tz": a.mentor.tz},
        "mentee_tz": a.mentee_tz,
        "start": a.start.isoformat(),
        "focus": [{"kind": f.kind, "text": f.text} for f in a.focus],
        "success": list(a.success),
        "hours": {
            "agreed_per_week": h.hours_agreed,
            "average_per_week": h.hours_per_week,
            "this_week": h.hours_this_week,
            "weeks": h.weeks,
            "meetings_held": h.held,
            "meetings_skipped": h.skipped,
        },
        "goals": [
            {"id": g.id, "text": g.text, "horizon": g.horizon, "set_on": g.set_on.isoformat(),
             "due": g.due.isoformat(), "status": g.status,
             "closed_on": g.closed_on.isoformat() if g.closed_on else None,
             "latest_verdict": verdict_json(g)}
            for g in s.goals
        ],
        "reviews": [{"date": r.on.isoformat(), "since": r.since.isoformat(), **review_json(r)}
                    for r in s.reviews],
        "meetings": [
            {"date": m.day.isoformat(), "duration": m.duration, "privacy": m.privacy,
             "task_reviewed": _task_json(m.reviewed), "task_set": _task_json(m.set),
             "notes_left_out": m.notes is None,
             "notes": [{"question": q, "text": t} for q, t in m.notes or ()]}
            for m in s.meetings
        ],
        "current_task": _task_json(s.current_task),
        "notes": [
            {"created": n.created.isoformat(), "title": n.title, "tags": list(n.tags),
             "privacy": n.privacy, "body": n.body}
            for n in s.notes
        ],
        "questions": [
            {"id": q.id, "text": q.text, "asked_on": q.asked_on.isoformat(),
             "status": q.status, "privacy": q.privacy,
             "answered_on": q.answered_on.isoformat() if q.answered_on else None,
             "answer": q.answer or None}
            for q in s.questions
        ],
        "opportunities": [
            {"id": o.id, "text": o.text, "raised_on": o.set_on.isoformat(),
             "status": o.status, "outcome": o.outcome or None}
            for o in s.followups if o.kind == "opportunity"
        ],
        "followups": [
            {"id": f.id, "kind": f.kind, "text": f.text, "set_on": f.set_on.isoformat(),
             "status": f.status, "outcome": f.outcome or None,
             "closed_on": f.closed_on.isoformat() if f.closed_on else None}
            for f in s.followups
        ],
        "left_out": {"private": s.left_out.get("private", 0),
                     "confidential": s.left_out.get("confidential", 0)},
        "retrospective": retrospective_json(s.retrospective),
    }


# --- markdown -------------------------------------------------------------------------------

TASK_WORDS = {"done": "done", "partly": "partly done", "not-done": "not done", "open": "open"}


def focus_label(kind: str) -> str:
    return FOCUS_KINDS.get(kind, kind)


def task_text(t: TaskLine) -> str:
    return t.text if t.text is not None else "(set at a left-out meeting)"


def scope_text(s: Summary) -> str:
    return (f"meetings, notes and questions since {s.since.isoformat()}" if s.since
            else "the whole mentorship so far")


def note_text(n: Note) -> str:
    """The note's body without its first line when that line is the title shown above it."""
    body = n.body.strip()
    first, _, rest = body.partition("\n")
    return rest.strip() if first.strip().lstrip("#").strip() == n.title else body


def followup_state(f: FollowUp) -> str:
    """`opportunity, done 2026-12-08`: its kind, and its status with the day it was closed."""
    closed = f" {f.closed_on.isoformat()}" if f.closed_on else ""
    return f"{KIND_WORDS[f.kind]}, {f.status}{closed}"


def mark(privacy: str) -> str:
    return "" if privacy == "normal" else f" ({privacy})"


def hours_line(h: Commitment) -> str:
    held = f"{h.held} meeting{'s' if h.held != 1 else ''}"  # "1 meeting held", "over 1 week"
    weeks = f"{h.weeks} week{'s' if h.weeks != 1 else ''}"
    return (f"{held} held, {h.skipped} skipped; {hours(h.hours_per_week)} h a week "
            f"on average over {weeks} (agreed: {hours(h.hours_agreed)} h)")


def to_markdown(s: Summary) -> str:
    a = s.agreement
    out = [f"# Mentorship with {a.mentor.name}: progress summary", ""]
    out += [f"Program started {a.start.isoformat()}; {scope_text(s)} "
            f"(made {s.generated:%Y-%m-%d}).", ""]
    if a.focus:
        out += ["## What the relationship is for", ""]
        out += [f"- **{focus_label(f.kind)}**" + (f": {f.text}" if f.text else "")
                for f in a.focus] + [""]
    if a.success:
        out += ["## How we measure success", ""] + [f"- {x}" for x in a.success] + [""]
    out += ["## Time kept", "", f"- {hours_line(s.hours)}", ""]
    if s.goals:
        out += ["## 30/60/90-day goals", ""]
        out += [f"- {g.id} {g.text} ({g.horizon} days, due {g.due.isoformat()}): "
                f"{goal_state(g)}" for g in s.goals] + [""]
    if s.current_task:
        out += ["## This week's task", "", f"- {task_text(s.current_task)}", ""]
    if s.meetings:
        out += ["## Meetings", ""]
        for m in s.meetings:
            length = f", {m.duration} min" if m.duration else ""
            out += [f"### {m.day.isoformat()}{length}{mark(m.privacy)}", ""]
            if m.reviewed:
                out.append(f"- Last week's task: {task_text(m.reviewed)} — "
                           f"{TASK_WORDS.get(m.reviewed.status, m.reviewed.status)}")
            if m.set:
                out.append(f"- Next task: {task_text(m.set)}")
            if m.reviewed or m.set:
                out.append("")
            if m.notes is None:
                out += ["*Notes left out.*", ""]
            for question, text in m.notes or ():
                out += [f"**{question}**", "", demote(text, 3), ""]
    if s.reviews:
        out += ["## Monthly reviews", ""]
        for r in s.reviews:
            out += review_markdown(r)
    if s.notes:
        out += ["## Notes", ""]
        for n in s.notes:
            tags = "".join(f" #{t}" for t in tags_beyond_title(n))
            out += [f"### {n.created:%Y-%m-%d}: {n.title}{mark(n.privacy)}{tags}", ""]
            out += [demote(note_text(n), 3), ""] if note_text(n) else []
    if s.questions:
        out += ["## Questions", ""]
        for q in s.questions:
            out.append(f"- {q.asked_on.isoformat()} {q.text}{mark(q.privacy)} ({q.status})")
            if q.answer:
                out.append(f"  - Answer: {q.answer}")
        out.append("")
    if s.followups:
        out += ["## Follow-ups", ""]
        out += [f"- {f.set_on.isoformat()} {f.text} ({followup_state(f)})"
                + (f": {f.outcome}" if f.outcome else "") for f in s.followups] + [""]
    if s.retrospective:
        out += [f"## Retrospective (ended {s.retrospective.ended_on.isoformat()})", ""]
        for question, text in retrospective_answers(s.retrospective):
            out += [f"**{question}**", "", demote(text, 3), ""]
    return "\n".join(out).rstrip("\n") + "\n"


def goal_state(g: Goal) -> str:
    """`open — behind (review of 27 Oct 2026)`: the status, and an open goal's last verdict."""
    said = standing(g)
    return f"{g.status} — {said}" if said else g.status


def review_answers(r: MonthlyReview) -> list[tuple[str, str]]:
    """(question, answer) of a monthly review, the unanswered ones left out."""
    return [(q, a) for q, a in ((Q_WENT_WELL, r.went_well), (Q_COULD_IMPROVE, r.could_improve))
            if a.strip()]


def verdict_line(goal_id: str, text: str, verdict: str, line: str) -> str:
    """`g2 Give a talk: behind — the meetup was cancelled`."""
    return f"{goal_id} {text}: {verdict}" + (f" — {line}" if line.strip() else "")


def review_markdown(r: MonthlyReview) -> list[str]:
    out = [f"### {r.on.isoformat()} (the month since {r.since.isoformat()})", ""]
    out += [f"- {verdict_line(v.goal_id, v.text, v.verdict, v.line)}" for v in r.verdicts]
    out += [""] if r.verdicts else []
    for question, text in review_answers(r):
        out += [f"**{question}**", "", demote(text, 3), ""]
    if r.next:
        out += ["**Next set:** " + "; ".join(f"{n.goal_id} {n.text} ({n.horizon} days, due "
                                              f"{n.due.isoformat()})" for n in r.next), ""]
    return out


def retrospective_answers(r: Retrospective) -> list[tuple[str, str]]:
    """(question, answer) of the retrospective, the unanswered ones left out."""
    return [(q, getattr(r, key)) for key, q in RETRO_QUESTIONS if getattr(r, key)]


def retrospective_json(r: Retrospective | None) -> dict[str, Any] | None:
    if r is None:
        return None
    return {"ended_on": r.ended_on.isoformat(),
            **{key: getattr(r, key) or None for key, _ in RETRO_QUESTIONS}}
