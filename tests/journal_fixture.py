"""A small journal three weeks in, built through the CLI and the documented file formats.

Used by the checklist tests and by the test that runs every command example in docs/.
Meetings are written in the documented shape (`meetings/YYYY-MM-DD.md`, TOML front
matter with `status` and `duration`); once `mentorlog week` exists this can record them
with `week --no-input` instead.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from conftest import INIT_ARGS

LATER = "2026-12-10T12:00:00+01:00"  # Thursday of week 3, after two weekly meetings


def meeting_text(status: str = "held", duration: int = 60, notes: str = "") -> str:
    return (f'+++\nschema_version = 1\nstatus = "{status}"\nduration = {duration}\n+++\n'
            f"{notes}\n")


def write_meeting(home: Path, day: str, status: str = "held", duration: int = 60) -> None:
    folder = home / "meetings"
    folder.mkdir(mode=0o700, exist_ok=True)
    (folder / f"{day}.md").write_text(meeting_text(status, duration, f"Meeting on {day}."))


def close_task(home: Path, task_id: str, status: str, on: date, next_task: str) -> None:
    """What the weekly meeting does to tasks.toml: close last week's task, open the next."""
    from mentorlog.formats import TASKS
    from mentorlog.store import Store

    store = Store(home)

    def change(book):  # noqa: ANN001, ANN202
        task = replace(book.get(task_id), status=status, closed_on=on)
        return book.put(task).add(next_task, on)

    store.update(TASKS, change)


def build(run, home: Path) -> None:
    """init on Tue 2026-11-24, then meetings on 1 and 8 December with their tasks closed."""
    result = run(*INIT_ARGS)
    assert result.exit_code == 0, result
    write_meeting(home, "2026-12-01", duration=60)
    close_task(home, "t1", "done", date(2026, 12, 1), "Open a first pull request")
    write_meeting(home, "2026-12-08", duration=75)
    close_task(home, "t2", "partly", date(2026, 12, 8), "Answer the review comments")
    result = run("checklist", "tick", "resp-conduct", "signup-join")
    assert result.exit_code == 0, result
