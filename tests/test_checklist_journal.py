"""The checklist items ticked from notes, the wrap-up, help given and the hours kept."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import INIT_ARGS
from journal_fixture import LATER, build, write_meeting


def items(run, *args: str, now: str = LATER) -> dict[str, dict]:
    result = run("checklist", *args, "--json", env={"MENTORLOG_NOW": now})
    assert result.exit_code == 0, result
    data = json.loads(result.stdout)
    return {i["id"]: i for s in data["sections"] for i in s["items"]}


def test_a_new_journal_has_none_of_them(run, initialized: Path) -> None:
    found = items(run, now="2026-11-25T12:00:00+01:00")
    assert found["req-support"] == {**found["req-support"], "done": False, "auto": True,
                                    "detail": "none logged yet: mentorlog helped TEXT"}
    assert found["between-notes"]["done"] is False
    assert found["between-notes"]["detail"] == (
        "no note since the first meeting: mentorlog note TEXT")
    assert found["weekly-wrapup"]["detail"] == "no weekly meeting recorded yet"


def test_notes_count_once_written_after_the_last_meeting(run, home: Path) -> None:
    build(run, home)  # a note on 26 Nov, meetings on 1 and 8 Dec (recorded 19:20)
    found = items(run)
    assert found["between-notes"]["done"] is False
    assert found["between-notes"]["detail"] == (
        "no note since 2026-12-08's meeting: mentorlog note TEXT")
    assert run("note", "Read about property tests", env={"MENTORLOG_NOW": LATER}).exit_code == 0
    found = items(run)
    assert found["between-notes"] == {**found["between-notes"], "done": True,
                                      "detail": "1 note since 2026-12-08's meeting"}


def test_a_note_on_the_meeting_day_before_it_was_recorded_is_not_new(run, home: Path) -> None:
    build(run, home)
    run("note", "prepared in the morning", env={"MENTORLOG_NOW": "2026-12-08T08:00:00"})
    assert items(run)["between-notes"]["done"] is False
    run("note", "after the meeting", env={"MENTORLOG_NOW": "2026-12-08T21:00:00"})
    assert items(run)["between-notes"]["done"] is True


def test_wrap_up_of_the_last_meeting(run, home: Path) -> None:
    build(run, home)
    found = items(run)
    assert found["weekly-wrapup"] == {
        **found["weekly-wrapup"], "done": True,
        "detail": "2026-12-08: task t3, next meeting 2026-12-15 18:00"}
    write_meeting(home, "2026-12-09")  # a bare record: no wrap-up
    found = items(run)
    assert found["weekly-wrapup"]["done"] is False
    assert found["weekly-wrapup"]["detail"] == (
        "2026-12-09's meeting recorded no next task and no next meeting")


def test_help_given_ticks_the_requirement(run, initialized: Path) -> None:
    now = "2026-12-10T12:00:00+01:00"
    result = run("helped", "answered a pytest question in #mentees", "--time", "30m",
                 env={"MENTORLOG_NOW": now})
    assert result.exit_code == 0, result
    found = items(run, "requirements", now=now)
    assert found["req-support"]["done"] is True
    assert found["req-support"]["detail"] == "1 time, 0.5 h, last 2026-12-10"


def test_status_and_checklist_count_the_same_weeks(run, home: Path) -> None:
    build(run, home)  # 60 + 75 minutes, two weeks over
    status = json.loads(run("status", "--json", env={"MENTORLOG_NOW": LATER}).stdout)
    assert status["hours_per_week"] == 1.12  # 2.25 h / 2 weeks
    assert items(run)["req-hours"]["detail"] == "2.25 h in 2 weeks (at least 2 h)"


def test_gap_weeks_are_left_out_of_the_average(run, home: Path) -> None:
    run(*INIT_ARGS)  # the gap is 2026-12-21..2027-01-03; program weeks start on Tuesday
    for day in ("2026-12-01", "2026-12-08", "2026-12-15", "2027-01-05", "2027-01-12"):
        write_meeting(home, day)
    now = "2027-01-19T12:00:00+01:00"  # 8 weeks over, one (22-28 Dec) wholly in the gap
    status = json.loads(run("status", "--json", env={"MENTORLOG_NOW": now}).stdout)
    assert status["hours_per_week"] == round(5 / 7, 2)
    assert items(run, now=now)["req-hours"]["detail"] == "5 h in 7 weeks (at least 7 h)"


def test_a_held_meeting_without_a_length_took_the_agreed_time(run, initialized: Path) -> None:
    write_meeting(initialized, "2026-12-01", duration=None)  # type: ignore[arg-type]
    now = "2026-12-02T12:00:00+01:00"
    status = json.loads(run("status", "--json", env={"MENTORLOG_NOW": now}).stdout)
    assert status["hours_this_week"] == 1.0
    assert items(run, now=now)["weekly-timebox"]["detail"] == "60 minutes on 2026-12-01"


def test_the_demo_journal_ticks_them(run, tmp_path: Path) -> None:
    from mentorlog.cli import demo_plan as demo

    folder = tmp_path / "sample"
    now = demo.PINNED.isoformat()
    assert run("demo", "--home", str(folder), env={"MENTORLOG_NOW": now}).exit_code == 0
    result = run("--home", str(folder), "checklist", "--json", env={"MENTORLOG_NOW": now})
    found = {i["id"]: i for s in json.loads(result.stdout)["sections"] for i in s["items"]}
    for item_id in ("req-hours", "req-months", "req-support", "weekly-task", "weekly-wrapup",
                    "between-notes", "between-know", "first-targets"):
        assert found[item_id]["done"] is True, found[item_id]
    assert found["weekly-monthly"]["done"] is False  # due: the demo shows it
