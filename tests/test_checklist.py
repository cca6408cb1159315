"""`mentorlog checklist`: the guide's items, automatic ticks from the journal, hand ticks."""

from __future__ import annotations

import json
import tomllib
from datetime import date, datetime
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from journal_fixture import LATER, build, close_task, write_meeting

from mentorlog.core import checklist
from mentorlog.core.journal import Journal, MeetingRecord, meeting_record
from mentorlog.core.meetings import Meeting
from mentorlog.storage.codecs.ticks import ticks_from_dict, ticks_to_dict


def items(data: dict) -> dict[str, dict]:
    return {i["id"]: i for s in data["sections"] for i in s["items"]}


def checklist_json(run, *args: str, env: dict[str, str] | None = None) -> dict:
    result = run("checklist", *args, "--json", env=env)
    assert result.exit_code == 0, result
    return json.loads(result.stdout)


def test_every_section_is_there_in_the_guides_order(run, home: Path) -> None:
    data = checklist_json(run)
    assert [s["id"] for s in data["sections"]] == [
        "requirements", "responsibilities", "signup", "first-meeting", "weekly", "between"
    ]
    assert data["total"] == sum(len(s["items"]) for s in data["sections"])
    ids = list(items(data))
    assert len(ids) == len(set(ids))
    assert all(len(i) <= 18 for i in ids)  # short enough for a 60-column terminal


def test_a_section_alone(run, home: Path) -> None:
    data = checklist_json(run, "signup")
    assert [s["id"] for s in data["sections"]] == ["signup"]
    assert items(data)["signup-join"]["text"].startswith("Join the #mentorship channel")
    result = run("checklist", "signup")
    assert result.exit_code == 0
    assert "[ ] signup-join" in result.stdout


def test_before_the_first_meeting_nothing_is_ticked_and_it_says_why(run, home: Path) -> None:
    data = checklist_json(run, "first-meeting")
    slots = items(data)["first-slots"]
    assert slots["done"] is False and slots["auto"] is True
    assert "mentorlog init" in slots["detail"]
    assert not (home / "checklist.toml").exists()


def test_first_meeting_items_come_from_the_agreement(run, initialized: Path) -> None:
    found = items(checklist_json(run, "first-meeting"))
    assert all(i["auto"] and i["done"] for i in found.values()), found
    assert found["first-slots"]["detail"] == "Tue 18:00"
    assert found["first-targets"]["detail"] == "30 days, 60 days, 90 days"
    assert found["first-task"]["detail"] == "Read the contributing guide"


def test_first_meeting_items_left_open(run, home: Path) -> None:
    run("init", "--no-input", "--mentor", "Bo", "--tz", "UTC", "--slot", "Wed 09:00",
        "--goal30", "a")
    found = items(checklist_json(run, "first-meeting"))
    assert found["first-slots"]["done"] is True
    assert found["first-targets"]["done"] is False  # only a 30-day target
    assert found["first-task"]["done"] is False
    assert found["first-success"]["done"] is False


def test_journal_checks_three_weeks_in(run, home: Path) -> None:
    build(run, home)
    found = items(checklist_json(run, env={"MENTORLOG_NOW": LATER}))
    # 60 + 75 minutes held in two full weeks: at least an hour a week.
    assert found["req-hours"]["done"] is True
    assert found["req-hours"]["detail"] == "2.25 h in 2 weeks (at least 2 h)"
    assert found["req-months"]["done"] is False
    assert found["req-months"]["detail"] == "week 3 of at least 13"
    assert found["weekly-timebox"]["done"] is True
    assert found["weekly-task"]["done"] is True
    assert found["weekly-task"]["detail"] == "t2: partly (2026-12-08)"
    assert found["between-know"]["detail"] == "Answer the review comments"
    assert found["resp-conduct"]["done"] is True and found["resp-conduct"]["auto"] is False
    assert found["resp-conduct"]["ticked_on"] == "2026-11-24"


def test_hours_not_kept_and_skipped_meetings_do_not_count(run, home: Path) -> None:
    run(*__import__("conftest").INIT_ARGS)
    write_meeting(home, "2026-12-01", duration=60)
    write_meeting(home, "2026-12-08", status="skipped", duration=60)
    write_meeting(home, "2026-12-15", duration=45)
    found = items(checklist_json(run, env={"MENTORLOG_NOW": "2026-12-16T12:00:00+01:00"}))
    assert found["req-hours"]["done"] is False
    assert found["req-hours"]["detail"] == "1.75 h in 3 weeks (at least 3 h)"
    assert found["weekly-timebox"]["done"] is False
    assert found["weekly-timebox"]["detail"] == "45 minutes on 2026-12-15"


def test_last_task_not_reviewed(run, home: Path) -> None:
    run(*__import__("conftest").INIT_ARGS)
    write_meeting(home, "2026-12-01")  # held, but t1 was never closed
    found = items(checklist_json(run, env={"MENTORLOG_NOW": "2026-12-02T12:00:00+01:00"}))
    assert found["weekly-task"]["done"] is False
    assert found["weekly-task"]["detail"] == "t1 is still open since 2026-12-01's meeting"
    close_task(home, "t1", "not-done", date(2026, 12, 1), "Try again")
    found = items(checklist_json(run, env={"MENTORLOG_NOW": "2026-12-02T12:00:00+01:00"}))
    assert found["weekly-task"]["done"] is True


def test_thirteen_weeks_with_the_gap_weeks_left_out_of_the_hours(run, home: Path) -> None:
    run(*__import__("conftest").INIT_ARGS)
    for day in ("2026-12-01", "2026-12-08", "2026-12-15"):
        write_meeting(home, day)
    for day in ("2027-01-05", "2027-01-12", "2027-01-19", "2027-01-26", "2027-02-02",
                "2027-02-09", "2027-02-16"):
        write_meeting(home, day)
    found = items(checklist_json(run, env={"MENTORLOG_NOW": "2027-02-23T12:00:00+01:00"}))
    assert found["req-months"]["done"] is True
    # 13 weeks are over, one of them wholly in the holiday gap: 12 weeks, 10 hours held.
    assert found["req-hours"]["detail"] == "10 h in 12 weeks (at least 12 h)"


def test_monthly_review_due_after_28_days(run, home: Path) -> None:
    run(*__import__("conftest").INIT_ARGS)
    found = items(checklist_json(run, env={"MENTORLOG_NOW": "2026-12-22T12:00:00+01:00"}))
    assert found["weekly-monthly"]["done"] is False
    (home / "reviews").mkdir()
    (home / "reviews" / "2026-12-22.md").write_text("+++\nschema_version = 1\n+++\n")
    found = items(checklist_json(run, env={"MENTORLOG_NOW": "2026-12-22T12:00:00+01:00"}))
    assert found["weekly-monthly"] == {**found["weekly-monthly"], "done": True,
                                       "detail": "last review 2026-12-22"}


def test_tick_and_untick(run, home: Path) -> None:
    result = run("checklist", "tick", "resp-conduct", "REQ-REPLIES")
    assert result.exit_code == 0, result
    assert "Ticked resp-conduct: Follow the WeAllJS Code of Conduct" in result.stdout
    saved = tomllib.loads((home / "checklist.toml").read_text())
    assert saved == {"schema_version": 1, "ticked": {
        "req-replies": date(2026, 11, 24), "resp-conduct": date(2026, 11, 24)}}
    result = run("checklist", "untick", "resp-conduct", "resp-time")
    assert result.exit_code == 0, result
    assert "resp-time was not ticked." in result.stdout
    assert "Unticked resp-conduct" in result.stdout
    saved = tomllib.loads((home / "checklist.toml").read_text())
    assert saved["ticked"] == {"req-replies": date(2026, 11, 24)}


def test_an_unknown_id_is_refused_and_nothing_is_written(run, home: Path) -> None:
    result = run("checklist", "tick", "resp-conduct", "resp-condct")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: no checklist item 'resp-condct' (did you mean 'resp-conduct'?); "
        "'mentorlog checklist' lists the IDs\n"
    )
    assert result.stdout == ""
    assert not home.exists()  # not even the data folder
    result = run("checklist", "untick", "nope")
    assert result.exit_code == 1
    assert not home.exists()


def test_an_automatic_item_cannot_be_ticked_by_hand(run, initialized: Path) -> None:
    before = sorted(p.name for p in initialized.iterdir())
    result = run("checklist", "tick", "first-slots")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: 'first-slots' is ticked from your journal")
    assert sorted(p.name for p in initialized.iterdir()) == before


def test_weekly_ticks_start_over_each_week(run, home: Path) -> None:
    assert run("checklist", "tick", "weekly-talk", "resp-time").exit_code == 0  # Tue 24 Nov
    sunday = {"MENTORLOG_NOW": "2026-11-29T12:00:00+01:00"}
    monday = {"MENTORLOG_NOW": "2026-11-30T12:00:00+01:00"}
    assert items(checklist_json(run, env=sunday))["weekly-talk"]["done"] is True
    found = items(checklist_json(run, env=monday))
    assert found["weekly-talk"]["done"] is False
    assert found["resp-time"]["done"] is True  # not a weekly item: stays ticked
    # With weeks starting on Sunday, Sunday 29 November is already a new week.
    assert run("config", "set", "week_start", "sun").exit_code == 0
    assert items(checklist_json(run, env=sunday))["weekly-talk"]["done"] is False
    assert items(checklist_json(run, env={"MENTORLOG_NOW": "2026-11-28T12:00:00+01:00"}))[
        "weekly-talk"]["done"] is True


def test_a_broken_meeting_file_is_reported_with_its_path(run, initialized: Path) -> None:
    (initialized / "meetings").mkdir()
    (initialized / "meetings" / "2026-12-01.md").write_text(
        '+++\nschema_version = 1\nstatus = "maybe"\n+++\n')
    result = run("checklist", "weekly")
    assert result.exit_code == 1
    assert "meetings/2026-12-01.md: status: expected one of held, skipped" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_validates_checklist_toml(run, initialized: Path) -> None:
    (initialized / "checklist.toml").write_text(
        'schema_version = 1\n[ticked]\nresp-time = "yesterday"\n')
    result = run("check")
    assert result.exit_code == 1
    assert "checklist.toml: ticked.resp-time: expected a date" in result.stderr


def test_human_output_shows_marks_ids_and_journal_details(run, initialized: Path) -> None:
    result = run("checklist", "first-meeting")
    assert result.exit_code == 0, result
    assert "The First Meeting · 11 of 11" in result.stdout
    assert "[x] first-slots" in result.stdout
    assert "journal: Tue 18:00" in result.stdout


# --- the pure pieces ------------------------------------------------------------------------


def test_meeting_records_come_from_the_meetings_decoder() -> None:
    skipped = Meeting(date(2026, 12, 1), "skipped")
    assert meeting_record(skipped, 60) == MeetingRecord(date(2026, 12, 1), "skipped", 60)
    held = Meeting(date(2026, 12, 8), "held", 45)
    assert meeting_record(held, 60) == MeetingRecord(date(2026, 12, 8), "held", 45)


def test_a_new_check_is_one_small_function() -> None:
    """How a later check (notes, contact windows) plugs in: register, read `extras`."""
    saved = dict(checklist.AUTO_CHECKS)
    try:
        @checklist.auto("between-notes")
        def notes_this_week(j: Journal) -> checklist.Verdict:
            n = j.extras.get("notes_this_week", 0)
            return checklist.Verdict(n > 0, f"{n} notes this week")

        now = datetime.fromisoformat("2026-11-24T17:00:00+01:00")
        states = checklist.evaluate(Journal(now=now, extras={"notes_this_week": 2}),
                                    checklist.Ticks(), ["between"])
        found = {i.item.id: i for i in states[0].items}
        assert found["between-notes"].done and found["between-notes"].auto
        assert found["between-notes"].detail == "2 notes this week"
    finally:
        checklist.AUTO_CHECKS.clear()
        checklist.AUTO_CHECKS.update(saved)


TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)))
IDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz-0123456789", min_size=1, max_size=30)


@given(st.dictionaries(st.one_of(IDS, TEXT.filter(bool)), st.dates(), max_size=8))
def test_checklist_toml_round_trips(ticked: dict[str, date]) -> None:
    import tomli_w

    ticks = checklist.Ticks(ticked)
    text = tomli_w.dumps(ticks_to_dict(ticks))
    assert ticks_from_dict(tomllib.loads(text)) == ticks
