"""Weekly meetings as records: one markdown file per date, the guide's questions as sections.

Where things live (docs/file-format.md): the front matter holds what the tool computes
with (date, held or skipped, length, next meeting, ids of tasks, questions and
opportunities); the body holds every answer as text under the guide's question, so the
file reads as the meeting's minutes in any editor.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime

from mentorlog.core.errors import SchemaError
from mentorlog.storage.fields import Fields
from mentorlog.core.model import PRIVACY_LEVELS, TASK_STATUSES
from mentorlog.storage.documents import Document
from msgspec import Struct, field
from mentorlog.storage.documents import dump_sections, parse_sections

from typing import Any

FOLDER = "meetings"
HELD, SKIPPED = "held", "skipped"
MEETING_STATUSES = (HELD, SKIPPED)

# (key, the guide's question): The Weekly Meeting 2a-d, 4 and the wrap-up 5a-d, in order.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("task", "Last week's task"),
    ("completed", "Was last week's task completed?"),
    ("went_well", "What went well?"),
    ("could_improve", "What could have gone better?"),
    ("goals", "Where are you on your 30/60/90 goals?"),
    ("asked", "Questions asked"),
    ("worked_on", "What did you work or pair on?"),
    ("career", "Industry and career talk"),
    ("next_task", "What are you doing for the next week?"),
    ("mentor_watch", "What will your mentor keep an eye out for, opportunities-wise?"),
    ("next_meeting", "When and where is the next meeting?"),
    ("todo", "Anything else either of you should think about or do before the next meeting?"),
    ("notes", "Notes"),
)
SECTION_KEYS = tuple(k for k, _ in SECTIONS)
QUESTION = dict(SECTIONS)
_KEY_OF = {q: k for k, q in SECTIONS}
TASK_WORDS = {"done": "Done", "partly": "Partly", "not-done": "Not done", "open": "Open"}


class Meeting(Struct, frozen=True):
    """One weekly meeting, held or skipped (meetings/YYYY-MM-DD.md)."""

    day: date
    status: str = HELD
    duration: int | None = None  # minutes, for held meetings
    next_meeting: datetime | None = None  # the wrap-up's "when is the next meeting"
    where: str = ""
    privacy: str = "normal"
    reason: str = ""  # why it was skipped or moved
    moved_to: datetime | None = None  # a skipped meeting held at another time instead
    task: str = ""  # id of the task reviewed
    task_status: str = ""
    new_task: str = ""  # id of the task set for the next week
    answered: tuple[str, ...] = ()  # parked questions answered in this meeting
    opportunities: tuple[str, ...] = ()  # what the mentor keeps an eye out for
    recorded: datetime | None = None
    intro: str = ""
    answers: dict[str, str] = field(default_factory=dict)  # section key -> text

    @property
    def held(self) -> bool:
        return self.status == HELD

    @property
    def rel(self) -> str:
        return meeting_rel(self.day)

    def answer(self, key: str) -> str:
        return self.answers.get(key, "")


def meeting_rel(day: date) -> str:
    return f"{FOLDER}/{day.isoformat()}.md"


def date_of(rel: str) -> date | None:
    """The date in a meeting, note or review file name, without reading the file."""
    name = rel.rsplit("/", 1)[-1]
    try:
        return date.fromisoformat(name[:10])
    except ValueError:
        return None


def doc_id(rel: str) -> str:
    """A meeting's, note's or review's id (as `log` and `show` print it) from its file name."""
    stem = rel.rsplit("/", 1)[-1].removesuffix(".md")
    return f"review-{stem}" if rel.startswith("reviews/") else stem  # reviews.REVIEW_FOLDER


def clean_answers(answers: dict[str, str]) -> dict[str, str]:
    """Stripped, without empty answers: the form a file reads back as."""
    return {k: v.strip() for k, v in answers.items() if k in QUESTION and v.strip()}


def meeting_to_doc(m: Meeting) -> Document:
    meta: dict[str, Any] = {"date": m.day, "status": m.status}
    optional: dict[str, Any] = {
        "duration": m.duration,
        "next_meeting": m.next_meeting,
        "where": m.where,
        "privacy": m.privacy if m.privacy != "normal" else None,
        "reason": m.reason,
        "moved_to": m.moved_to,
        "task": m.task,
        "task_status": m.task_status,
        "new_task": m.new_task,
        "answered": list(m.answered),
        "opportunities": list(m.opportunities),
        "recorded": m.recorded,
    }
    meta.update({k: v for k, v in optional.items() if v not in (None, "", [])})
    sections = [
        (QUESTION[k], m.answer(k)) for k in SECTION_KEYS if m.held or m.answer(k)
    ]
    return Document(meta, dump_sections(m.intro, sections, QUESTION.values()))


def meeting_from_doc(doc: Document) -> Meeting:
    f = Fields(doc.meta)
    intro, found = parse_sections(doc.body, QUESTION.values())
    status = f.choice("status", MEETING_STATUSES)
    task_status = f.str("task_status", "")
    if task_status and task_status not in TASK_STATUSES:
        raise SchemaError("task_status", f"expected one of {', '.join(TASK_STATUSES)}")
    return Meeting(
        day=f.date("date"),
        status=status,
        duration=f.int("duration", None, minimum=0),
        next_meeting=f.datetime("next_meeting", None),
        where=f.str("where", ""),
        privacy=f.choice("privacy", PRIVACY_LEVELS, "normal"),
        reason=f.str("reason", ""),
        moved_to=f.datetime("moved_to", None),
        task=f.str("task", ""),
        task_status=task_status,
        new_task=f.str("new_task", ""),
        answered=tuple(f.strings("answered")),
        opportunities=tuple(f.strings("opportunities")),
        recorded=f.datetime("recorded", None),
        intro=intro,
        answers=clean_answers({_KEY_OF[q]: text for q, text in found.items()}),
    )


def held(meetings: Iterable[Meeting]) -> list[Meeting]:
    return [m for m in meetings if m.held]


def skipped_days(meetings: Iterable[Meeting]) -> list[date]:
    return [m.day for m in meetings if not m.held]


def last_held(meetings: Sequence[Meeting]) -> Meeting | None:
    done = held(meetings)
    return max(done, key=lambda m: m.day) if done else None


# --- what status, agenda and the schedule need from every meeting, without the text -------


def meeting_facts(m: Meeting) -> list[Any]:
    """The front-matter facts of a meeting as plain JSON values (Store.summaries caches them)."""

    def iso(dt: datetime | None) -> str | None:
        return dt.isoformat() if dt else None

    return [m.day.isoformat(), m.status, m.duration, iso(m.next_meeting), iso(m.moved_to),
            m.privacy, iso(m.recorded), m.where]


FACTS_KIND = "meeting-facts-1"  # bump when meeting_facts changes shape


def meeting_from_facts(facts: list[Any]) -> Meeting:
    """A Meeting with its front-matter facts and no text (intro and answers are empty)."""
    day, status, duration, nxt, moved, privacy, recorded, where = facts

    def when(text: str | None) -> datetime | None:
        return datetime.fromisoformat(text) if text else None

    return Meeting(day=date.fromisoformat(day), status=status, duration=duration,
                   next_meeting=when(nxt), moved_to=when(moved), privacy=privacy,
                   recorded=when(recorded), where=where)
