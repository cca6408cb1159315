"""The weekly meeting once it is recorded, as a reader sees it (`mentorlog week`, `skip`)."""

from __future__ import annotations

from datetime import datetime

from mentorlog.core import text as render
from mentorlog.core.agreement import Agreement
from mentorlog.core.meetings import TASK_WORDS
from mentorlog.core.week import WeekRecord, skip_message
from mentorlog.views.console import escape, out


def show_saved(path: str, record: WeekRecord) -> None:
    """Where the meeting went, the task closed and the new one, and the next meeting."""
    m = record.meeting
    console = out()
    console.print(f"\nSaved the meeting to {escape(path)}.")
    if m.task:
        task = record.tasks.get(m.task)
        status = TASK_WORDS.get(task.status, task.status).lower()
        console.print(f"Closed {task.id}: {status} — {escape(task.text)}")
    task = record.tasks.get(m.new_task)
    console.print(f"Next week's task {task.id}: {escape(task.text)}")
    if m.next_meeting:
        where = f", {escape(m.where)}" if m.where else ""
        console.print(f"Next meeting: {render.moment(m.next_meeting)}{where}")


def show_skipped(a: Agreement, when: datetime, reason: str, moved: datetime | None) -> None:
    """A skipped (or moved) meeting, and the message to send the mentor."""
    console = out()
    what = "moved" if moved else "skipped"
    console.print(f"Recorded the meeting on {when.date().isoformat()} as {what}.")
    console.print("Let your mentor know (the guide: notify them of schedule changes):\n")
    console.print(escape(skip_message(a, when, reason, moved)), soft_wrap=True)
