"""One model, many views (issues 14, 15): `gap add`'s note, `init`'s first task and a task's
due day come from the one timeline (core/timeline.py), so they agree with `status` after a
meeting is moved; a task due at a moved meeting is due at its new day in `task`, `status`,
`status --json` and `remind`, while tasks.toml keeps the day it was set for."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

from conftest import INIT_ARGS


def _next_meeting(run, **env: str) -> str:
    return str(json.loads(run("status", "--json", env=env or None).stdout)["next_meeting"])


def _tasks(home: Path) -> dict[str, str | None]:
    data = tomllib.loads((home / "tasks.toml").read_text())
    return {t["id"]: str(t["due"]) if "due" in t else None for t in data["tasks"]}


def test_gap_add_names_the_moved_meeting_status_shows_as_next(run, initialized: Path) -> None:
    # Tue 8 Dec moves to Thu 10 Dec; then a gap takes out Tue 1 Dec. The first meeting after
    # the gap is the moved one, as status says (before: the note named Tue 15 Dec).
    assert run("skip", "--date", "2026-12-08", "--moved-to", "2026-12-10 18:00").exit_code == 0
    result = run("gap", "add", "2026-12-01..2026-12-07", "conference")
    assert result.exit_code == 0, result
    assert "So we'd skip our meeting on Tue 1 Dec 12:00 (your time)." in result.stdout
    assert ("Our next meeting would be Thu 10 Dec 12:00 your time (18:00 mine)."
            in result.stdout)
    assert _next_meeting(run) == "2026-12-10T18:00:00+01:00"


def test_gap_add_after_a_wrap_up_moved_the_next_meeting(run, initialized: Path) -> None:
    # The wrap-up of Tue 1 Dec agreed Wed 16 Dec, passing over Tue 8 and Tue 15 Dec. A gap
    # over 2..10 Dec takes out no meeting (Tue 8 Dec was passed over already) and the next
    # meeting after it is Wed 16 Dec, as status says (before: "1 meeting off", Tue 15 Dec).
    now = {"MENTORLOG_NOW": "2026-12-01T19:30:00+01:00"}
    week = run("week", "--no-input", "--date", "2026-12-01", "--task-status", "done",
               "--next-task", "Write the parser tests", "--next-meeting", "2026-12-16 18:00",
               env=now)
    assert week.exit_code == 0, week
    result = run("gap", "add", "2026-12-02..2026-12-10", "trip", env=now)
    assert result.exit_code == 0, result
    assert "(0 meetings off)" in result.stdout
    assert "skip our meeting" not in result.stdout
    assert "Our next meeting would be Wed 16 Dec 12:00 your time" in result.stdout
    assert _next_meeting(run, **now) == "2026-12-16T18:00:00+01:00"


def test_init_force_sets_the_first_task_due_at_the_moved_first_meeting(
        run, initialized: Path) -> None:
    assert run("skip", "--date", "2026-12-01", "--moved-to", "2026-12-03 18:00").exit_code == 0
    args = [a if a != "Read the contributing guide" else "Read the guide twice"
            for a in INIT_ARGS]
    result = run(*args, "--force")
    assert result.exit_code == 0, result
    # on disk, the new first task is due the day status gives for the first meeting
    assert _tasks(initialized) == {"t1": "2026-12-01", "t2": "2026-12-03"}
    assert _next_meeting(run).startswith("2026-12-03T18:00")


def test_init_sets_the_first_task_due_at_the_first_slot_outside_a_gap(run, home: Path) -> None:
    args = [a if a != "2026-12-21..2027-01-03: holidays" else "2026-11-30..2026-12-06: trip"
            for a in INIT_ARGS]
    assert run(*args).exit_code == 0
    assert _tasks(home) == {"t1": "2026-12-08"}
    assert _next_meeting(run).startswith("2026-12-08T18:00")


def test_a_task_follows_its_meeting_when_it_moves(run, initialized: Path) -> None:
    assert _tasks(initialized) == {"t1": "2026-12-01"}
    moved = run("skip", "--date", "2026-12-01", "--moved-to", "2026-12-03 18:00")
    assert moved.exit_code == 0, moved
    assert run("task").stdout == "t1 Read the contributing guide — due Thu 3 Dec 2026 (in 9 days)\n"
    assert json.loads(run("task", "--json").stdout)["due"] == "2026-12-03"
    assert json.loads(run("task", "history", "--json").stdout)[0]["due"] == "2026-12-03"
    assert "Task           Read the contributing guide (due Thu 3 Dec 2026)" in run("status").stdout
    board = json.loads(run("status", "--json").stdout)
    assert board["task"]["due"] == "2026-12-03"
    assert board["next_meeting"] == "2026-12-03T18:00:00+01:00"
    # the day before the slot it left, nothing is due; the day before the new one, it is
    monday = {"MENTORLOG_NOW": "2026-11-30T10:00:00+01:00"}
    assert "task-due" not in [r["kind"] for r in json.loads(run("remind", "--json",
                                                                env=monday).stdout)]
    wednesday = {"MENTORLOG_NOW": "2026-12-02T10:00:00+01:00"}
    assert "Task t1 is due tomorrow: Read the contributing guide" in run(
        "remind", env=wednesday).stdout
    # moved again: it follows again; the file keeps the day it was set for, untouched
    before = (initialized / "tasks.toml").read_bytes()
    assert run("skip", "--date", "2026-12-03", "--moved-to", "2026-12-04 18:00").exit_code == 0
    assert json.loads(run("status", "--json").stdout)["task"]["due"] == "2026-12-04"
    assert "Task t1 is due tomorrow" in run(
        "remind", env={"MENTORLOG_NOW": "2026-12-03T10:00:00+01:00"}).stdout
    assert (initialized / "tasks.toml").read_bytes() == before


def test_a_task_due_at_a_skipped_meeting_stays_due_then(run, initialized: Path) -> None:
    # skipped without a new time: no meeting took its place, the task is overdue after it
    assert run("skip", "--date", "2026-12-01").exit_code == 0
    late = {"MENTORLOG_NOW": "2026-12-02T10:00:00+01:00"}
    assert json.loads(run("status", "--json", env=late).stdout)["task"]["due"] == "2026-12-01"
    assert "Task t1 is due Tue 1 Dec 2026 (1 day late)" in run("remind", env=late).stdout


def test_a_task_set_between_meetings_follows_a_later_move(run, initialized: Path) -> None:
    set_ = run("task", "set", "--replace", "Write the parser tests")
    assert set_.stdout == "Set t2: Write the parser tests (due 2026-12-01)\n"
    assert run("skip", "--date", "2026-12-01", "--moved-to", "2026-12-02 09:00").exit_code == 0
    assert json.loads(run("task", "--json").stdout)["due"] == "2026-12-02"
    # an explicit --due on another day than a meeting stays as given
    assert run("task", "set", "--replace", "--due", "2026-11-30", "Fix a typo").exit_code == 0
    assert json.loads(run("task", "--json").stdout)["due"] == "2026-11-30"
