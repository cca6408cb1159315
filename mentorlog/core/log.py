"""The journal in time order: meetings, notes, questions, tasks, reviews and the
retrospective that ended the mentorship as log entries, and the filters `log` takes (pure;
storage/entries.py reads the documents)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from msgspec import Struct

from mentorlog.core.meetings import QUESTION, SECTION_KEYS, TASK_WORDS, Meeting
from mentorlog.core.notes import Note
from mentorlog.core.questions import ParkedQuestion
from mentorlog.core.retrospective import RETRO_QUESTIONS, Retrospective
from mentorlog.core.reviews import Q_COULD_IMPROVE, Q_WENT_WELL, MonthlyReview
from mentorlog.core.tasks import Task

KINDS = ("meeting", "note", "question", "task", "review", "retrospective")
_RANK = {"question": 0, "note": 1, "review": 2, "meeting": 3, "task": 4, "retrospective": 5}
RETROSPECTIVE_ID = "retrospective"


class Entry(Struct, frozen=True):
    """One line of the log: a meeting, note, question, task or review."""

    kind: str
    day: date
    id: str
    text: str
    tags: tuple[str, ...] = ()
    privacy: str = "normal"
    order: str = ""  # within a day: a note's time of creation
    body: str = ""  # the text `--grep` looks in
    # `log --json`'s body when it is not the text: a meeting's answers by the guide's
    # question, a review's verdicts and answers, the retrospective's answers
    answers: dict[str, Any] | None = None

    @property
    def private(self) -> bool:
        return self.privacy != "normal"

    @property
    def key(self) -> tuple[date, int, str, str]:
        return (self.day, _RANK[self.kind], self.order, self.id)

    def matches(self, grep: str) -> bool:
        return grep in self.text.lower() or grep in self.body.lower()


class Filters(Struct, frozen=True):
    """What `log` is asked to show."""

    since: date | None = None
    until: date | None = None
    tag: str = ""
    grep: str = ""  # lower case
    limit: int | None = None

    def covers(self, day: date) -> bool:
        return (self.since is None or day >= self.since) and (
            self.until is None or day <= self.until
        )


# --- entries from records (pure) ------------------------------------------------------------


def meeting_entry(m: Meeting, body: str = "") -> Entry:
    if m.held:
        length = f", {m.duration} min" if m.duration else ""
        done = f"; last task {TASK_WORDS[m.task_status].lower()}" if m.task_status else ""
        nxt = m.answer("next_task")
        text = f"Weekly meeting{length}{done}" + (f"; next: {nxt}" if nxt else "")
    else:
        text = "Meeting moved" if m.moved_to else "Meeting skipped"
        text += f": {m.reason}" if m.reason else ""
    answers = {QUESTION[k]: m.answers[k] for k in SECTION_KEYS if m.answers.get(k)}
    return Entry("meeting", m.day, m.day.isoformat(), text, (), m.privacy, body=body,
                 answers=answers)


def note_entry(note_id: str, n: Note) -> Entry:
    return Entry("note", n.created.date(), note_id, n.title, n.tags, n.privacy,
                 n.created.isoformat(), n.body)


def question_entry(q: ParkedQuestion) -> Entry:
    text = f"Asked {q.id}: {q.text}"
    if q.answered_on:
        text += f" (answered {q.answered_on.isoformat()})"
    return Entry("question", q.asked_on, q.id, text, (), q.privacy, body=q.answer)


def task_entry(t: Task) -> Entry:
    state = "" if t.is_open else f" ({TASK_WORDS[t.status].lower()})"
    return Entry("task", t.set_on, t.id, f"Task {t.id}: {t.text}{state}", body=t.outcome)


def review_entry(day: date, body: str = "", review: MonthlyReview | None = None) -> Entry:
    return Entry("review", day, f"review-{day.isoformat()}", "Monthly goal review", body=body,
                 answers=review_json(review) if review else None)


def review_json(r: MonthlyReview) -> dict[str, Any]:
    """A monthly review as `log --json` gives its body: each goal's verdict, the answers,
    the next set."""
    return {
        "verdicts": [{"goal": v.goal_id, "text": v.text, "horizon": v.horizon,
                      "due": v.due.isoformat(), "verdict": v.verdict, "line": v.line}
                     for v in r.verdicts],
        Q_WENT_WELL: r.went_well,
        Q_COULD_IMPROVE: r.could_improve,
        "next": [{"goal": n.goal_id, "text": n.text, "horizon": n.horizon,
                  "due": n.due.isoformat(), "kind": n.kind} for n in r.next],
    }


def retrospective_entry(r: Retrospective) -> Entry:
    """The end of the mentorship (`mentorlog end`): the last entry of its day."""
    said = "; ".join(f"{q} {getattr(r, key)}" for key, q in RETRO_QUESTIONS if getattr(r, key))
    text = "Mentorship ended: retrospective" + (f" ({said})" if said else "")
    body = "\n\n".join(f"{q}\n{getattr(r, key)}" for key, q in RETRO_QUESTIONS)
    answers = {q: getattr(r, key) for key, q in RETRO_QUESTIONS if getattr(r, key)}
    return Entry("retrospective", r.ended_on, RETROSPECTIVE_ID, text, body=body,
                 answers=answers)


def entry_json(e: Entry) -> dict[str, Any]:
    return {
        "kind": e.kind,
        "id": e.id,
        "date": e.day.isoformat(),
        "text": e.text,
        "tags": list(e.tags),
        "private": e.private,
        "privacy": e.privacy,
        "body": e.answers if e.answers is not None else (e.body or None),
    }


def select(entries: Iterable[Entry], f: Filters) -> list[Entry]:
    chosen = [
        e for e in entries
        if f.covers(e.day) and (not f.tag or f.tag in e.tags) and (not f.grep or e.matches(f.grep))
    ]
    chosen.sort(key=lambda e: e.key)
    return chosen[-f.limit:] if f.limit else chosen
