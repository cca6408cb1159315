"""A small journal three weeks in, built through the CLI as a mentee would.

Used by the checklist tests and by the test that runs every command example in docs/.
`write_meeting` writes a bare meeting record through the meetings codec, for checks that
need meetings of a given length or status without a whole weekly review.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from conftest import INIT_ARGS
from msgspec.structs import replace

from mentorlog.core.meetings import Meeting
from mentorlog.storage.codecs.meetings import meeting_to_doc

LATER = "2026-12-10T12:00:00+01:00"  # Thursday of week 3, after two weekly meetings


def write_meeting(home: Path, day: str, status: str = "held", duration: int = 60) -> None:
    from mentorlog.storage.store import Store

    meeting = Meeting(date.fromisoformat(day), status, duration if status == "held" else None)
    store = Store(home)
    with store.lock():
        store.save_doc(meeting.rel, meeting_to_doc(meeting))


def close_task(home: Path, task_id: str, status: str, on: date, next_task: str) -> None:
    """What the weekly meeting does to tasks.toml: close last week's task, open the next."""
    from mentorlog.storage.formats import TASKS
    from mentorlog.storage.store import Store

    store = Store(home)

    def change(book):  # noqa: ANN001, ANN202
        task = replace(book.get(task_id), status=status, closed_on=on)
        return book.put(task).add(next_task, on)

    store.update(TASKS, change)


def build(run, home: Path) -> None:
    """init on Tue 2026-11-24, then meetings on 1 and 8 December with their tasks closed, and
    one person the mentor introduced (p1) in between."""
    steps = [
        (INIT_ARGS, "2026-11-24T17:00:00+01:00"),
        (["note", "Paired with Sam on the parser", "--tag", "pairing"], "2026-11-26T20:00:00"),
        (["ask", "How do you review a large PR?"], "2026-11-27T09:00:00"),
        (["week", "--no-input", "--date", "2026-12-01", "--task-status", "done",
          "--went-well", "read it all", "--next-task", "Open a first pull request",
          "--mentor-watch", "a conference talk"],
         "2026-12-01T19:10:00"),
        (["people", "add", "Sam Okafor", "--context", "maintains the test runner"],
         "2026-12-02T10:00:00"),
        (["week", "--no-input", "--date", "2026-12-08", "--duration", "75",
          "--task-status", "partly", "--next-task", "Answer the review comments"],
         "2026-12-08T19:20:00"),
    ]
    for args, now in steps:
        result = run(*args, env={"MENTORLOG_NOW": now})
        assert result.exit_code == 0, (args, result)
    result = run("checklist", "tick", "resp-conduct", "signup-join")
    assert result.exit_code == 0, result
