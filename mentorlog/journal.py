"""A snapshot of the journal at one moment: what the checklist's automatic checks read.

The snapshot is plain data (agreement, goals, tasks, meetings, reviews, now); `load` is the
one function here that reads the store. Meetings are read generically from their front
matter (`meetings/YYYY-MM-DD.md` with `status = "held"|"skipped"` and `duration` minutes),
so the checks work with any tool that writes that shape.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from mentorlog.errors import FileProblem, SchemaError
from mentorlog.fields import Fields
from mentorlog.model import DEFAULT_DURATION, Agreement, Document, GoalBook, TaskBook, zone
from mentorlog.store import Store

MEETING_FOLDER = "meetings"
MEETING_STATUSES = ("held", "skipped")


@dataclass(frozen=True)
class MeetingRecord:
    """What the checks need to know about one weekly meeting."""

    day: date
    status: str = "held"
    minutes: int = DEFAULT_DURATION

    @property
    def held(self) -> bool:
        return self.status == "held"


@dataclass(frozen=True)
class Journal:
    """Everything the automatic checks may look at; `extras` is for checks added later."""

    now: datetime
    agreement: Agreement | None = None
    goals: GoalBook = field(default_factory=GoalBook)
    tasks: TaskBook = field(default_factory=TaskBook)
    meetings: tuple[MeetingRecord, ...] = ()
    reviews: tuple[date, ...] = ()
    extras: Mapping[str, Any] = field(default_factory=dict)

    @property
    def today(self) -> date:
        return self.now.date()

    @property
    def held(self) -> list[MeetingRecord]:
        """Held meetings up to today, oldest first."""
        return sorted((m for m in self.meetings if m.held and m.day <= self.today),
                      key=lambda m: m.day)


def meeting_from_doc(name: str, doc: Document, default_minutes: int) -> MeetingRecord:
    """A meeting's day (front matter `date`, else the file name), status and length."""
    f = Fields(doc.meta)
    if f.has("date"):
        value = doc.meta["date"]
        day = value.date() if isinstance(value, datetime) else f.date("date")
    else:
        try:
            day = date.fromisoformat(name.rsplit("/", 1)[-1][:10])
        except ValueError:
            raise SchemaError("date", "missing, and the file name does not start with "
                              "a date like 2026-12-01") from None
    return MeetingRecord(
        day=day,
        status=f.choice("status", MEETING_STATUSES, "held"),
        minutes=f.int("duration", default_minutes, minimum=0),
    )


def load(store: Store, now: datetime | None = None) -> Journal:
    """Read the snapshot; without an agreement there is only the clock (and no meetings)."""
    from mentorlog import clock
    from mentorlog.formats import AGREEMENT, GOALS, TASKS
    from mentorlog.reviews import review_dates

    if not store.exists(AGREEMENT.name):
        return Journal(now=now or clock.now())
    agreement = store.load(AGREEMENT)
    local = (now or clock.now()).astimezone(zone(agreement.mentee_tz))
    meetings = []
    for rel in store.list_docs(MEETING_FOLDER):
        try:
            meetings.append(meeting_from_doc(rel, store.load_doc(rel), agreement.duration))
        except SchemaError as e:
            raise FileProblem(store.display(rel), str(e)) from None
    return Journal(
        now=local,
        agreement=agreement,
        goals=store.load(GOALS),
        tasks=store.load(TASKS),
        meetings=tuple(meetings),
        reviews=tuple(review_dates(store)),
    )
