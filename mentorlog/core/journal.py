"""A snapshot of the journal at one moment: what the checklist's automatic checks read.

The snapshot is plain data (agreement, goals, tasks, meetings, reviews, notes, help, now);
storage/journal.py `snapshot` reads it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from msgspec import Struct, field

from mentorlog.core.agreement import DEFAULT_DURATION, Agreement
from mentorlog.core.goals import GoalBook
from mentorlog.core.helping import HelpSummary
from mentorlog.core.meetings import Meeting
from mentorlog.core.tasks import TaskBook


class MeetingRecord(Struct, frozen=True):
    """What the checks need to know about one weekly meeting."""

    day: date
    status: str = "held"
    minutes: int = DEFAULT_DURATION
    next_meeting: datetime | None = None  # the wrap-up: when the next meeting is
    new_task: str = ""  # the wrap-up: the task set for the next week
    recorded: datetime | None = None  # when `week` saved it (notes after it are new)

    @property
    def held(self) -> bool:
        return self.status == "held"


class Journal(Struct, frozen=True):
    """Everything the automatic checks may look at; `extras` is for checks added later."""

    now: datetime
    agreement: Agreement | None = None
    goals: GoalBook = field(default_factory=GoalBook)
    tasks: TaskBook = field(default_factory=TaskBook)
    meetings: tuple[MeetingRecord, ...] = ()
    reviews: tuple[date, ...] = ()
    notes: tuple[datetime, ...] = ()  # when each between-meeting note was written
    helped: HelpSummary | None = None  # support given to other mentees since the start
    extras: Mapping[str, Any] = field(default_factory=dict)

    @property
    def today(self) -> date:
        return self.now.date()

    @property
    def held(self) -> list[MeetingRecord]:
        """Held meetings up to today, oldest first."""
        return sorted((m for m in self.meetings if m.held and m.day <= self.today),
                      key=lambda m: m.day)


def meeting_record(m: Meeting, default_minutes: int) -> MeetingRecord:
    """What the checks need of a meeting read by the meetings decoder (one definition)."""
    return MeetingRecord(m.day, m.status, m.duration or default_minutes, m.next_meeting,
                         m.new_task, m.recorded)
