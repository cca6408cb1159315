"""meetings/*.md: a Meeting to and from its document, and the facts of its front matter that
the store's cache keeps.

Where things live (docs/file-format.md): the front matter holds what the tool computes
with (date, held or skipped, length, next meeting, ids of tasks, questions and
opportunities); the body holds every answer as text under the guide's question, so the
file reads as the meeting's minutes in any editor.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from mentorlog.core.agreement import PRIVACY_LEVELS
from mentorlog.core.errors import SchemaError
from mentorlog.core.meetings import (
    MEETING_STATUSES,
    QUESTION,
    SECTION_KEYS,
    SECTIONS,
    Meeting,
    clean_answers,
)
from mentorlog.core.tasks import TASK_STATUSES
from mentorlog.storage.documents import Document, dump_sections, parse_sections
from mentorlog.storage.fields import Fields

_KEY_OF = {q: k for k, q in SECTIONS}


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
    # Only the questions answered: an empty heading reads like a blank form (the reader
    # still takes files with empty sections, as older versions wrote them).
    sections = [(QUESTION[k], m.answer(k)) for k in SECTION_KEYS if m.answer(k)]
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


# --- what status, agenda and the schedule need from every meeting, without the text -------


def meeting_facts(m: Meeting) -> list[Any]:
    """The front-matter facts of a meeting as plain JSON values (Store.summaries caches them)."""

    def iso(dt: datetime | None) -> str | None:
        return dt.isoformat() if dt else None

    return [m.day.isoformat(), m.status, m.duration, iso(m.next_meeting), iso(m.moved_to),
            m.privacy, iso(m.recorded), m.where, m.reason, m.task, m.task_status, m.new_task,
            list(m.opportunities)]


FACTS_KIND = "meeting-facts-3"  # bump when meeting_facts changes shape


def meeting_from_facts(facts: list[Any]) -> Meeting:
    """A Meeting with its front-matter facts and no text (intro, answers and the ids of the
    questions answered are empty)."""
    day, status, duration, nxt, moved, privacy, recorded, where, reason, task, task_status, \
        new_task, followups = facts

    def when(text: str | None) -> datetime | None:
        return datetime.fromisoformat(text) if text else None

    return Meeting(day=date.fromisoformat(day), status=status, duration=duration,
                   next_meeting=when(nxt), moved_to=when(moved), privacy=privacy,
                   recorded=when(recorded), where=where, reason=reason, task=task,
                   task_status=task_status, new_task=new_task,
                   opportunities=tuple(followups))
