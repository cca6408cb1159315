"""Forgiving input (issue 17): yes/no for a task's status, "did you mean" for time zones,
channels and ids, what is wrong with an impossible date, months for `log --since/--until`."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from mentorlog.core.agreement import zone
from mentorlog.core.dates import is_relative, parse_bound, parse_date, parse_datetime
from mentorlog.core.errors import MentorlogError
from mentorlog.core.week import check_task_status, goal_line, items, task_line

TODAY = date(2026, 11, 24)


@pytest.mark.parametrize(("said", "status"), [
    ("yes", "done"), ("y", "done"), ("Yes!", "done"), ("done", "done"),
    ("no", "not-done"), ("n", "not-done"), ("not done", "not-done"), ("not-done", "not-done"),
    ("partly", "partly"), ("half", "partly"), ("Partially", "partly"),
])
def test_was_it_completed_takes_yes_no_and_half(said: str, status: str) -> None:
    assert check_task_status(said) == status


def test_a_status_line_takes_a_note_after_a_colon() -> None:
    assert task_line("yes: read it twice") == ("done", "read it twice")
    assert goal_line("behind: waiting for review") == ("behind", "waiting for review")
    assert goal_line("on track") == ("on-track", "")
    assert goal_line("PR opened") == ("", "PR opened")  # a note alone, as before
    assert items("Write the tests; send Ada the link;") == ["Write the tests",
                                                             "send Ada the link"]
    with pytest.raises(MentorlogError, match="'maybe' is not a task status"):
        task_line("maybe: who knows")


def test_yes_as_a_flag(run, initialized: Path) -> None:
    result = run("week", "--no-input", "--task-status", "yes", "--next-task", "Write tests",
                 env={"MENTORLOG_NOW": "2026-12-01T19:05:00+01:00"})
    assert result.exit_code == 0, result
    assert "Closed t1: done" in result.stdout


@pytest.mark.parametrize(("typed", "meant"), [
    ("Europe/Berln", "Europe/Berlin"), ("berlin", "Europe/Berlin"), ("Berlin", "Europe/Berlin"),
    ("europe/berlin", "Europe/Berlin"), ("new york", "America/New_York"),
])
def test_a_time_zone_gets_a_did_you_mean(typed: str, meant: str) -> None:
    with pytest.raises(MentorlogError) as e:
        zone(typed)
    assert str(e.value) == f"{typed!r} is not an IANA time zone: did you mean {meant}?"


def test_a_time_zone_at_init_says_did_you_mean(run, home: Path) -> None:
    result = run("init", "--no-input", "--mentor", "Ada", "--tz", "Europe/Berln",
                 "--slot", "Tue 18:00")
    assert result.exit_code == 1
    assert "did you mean Europe/Berlin?" in result.stderr
    assert not (home / "agreement.toml").exists()


def test_a_channel_and_an_id_get_a_did_you_mean(run, initialized: Path) -> None:
    result = run("contact", "slak")
    assert result.exit_code == 1
    assert "did you mean 'slack'?" in result.stderr
    result = run("goals", "done", "g")
    assert result.exit_code == 1 and "did you mean 'g1'?" in result.stderr


@pytest.mark.parametrize(("typed", "why"), [
    ("2026-09-31", "'2026-09-31' is not a date: September has 30 days"),
    ("2027-02-29", "'2027-02-29' is not a date: February 2027 has 28 days"),
    ("2026-13-01", "'2026-13-01' is not a date: a month is 01 to 12, not 13"),
])
def test_an_impossible_date_says_what_is_wrong(typed: str, why: str) -> None:
    with pytest.raises(MentorlogError) as e:
        parse_date(typed, TODAY)
    assert str(e.value) == why
    with pytest.raises(MentorlogError) as e:  # with a time: the same reason
        parse_datetime(f"{typed} 18:00", datetime(2026, 11, 24, 17, tzinfo=zone("UTC")))
    assert str(e.value) == why
    assert parse_date("2028-02-29", TODAY) == date(2028, 2, 29)


def test_an_impossible_date_at_the_command_line(run, initialized: Path) -> None:
    result = run("skip", "--date", "2026-09-31")
    assert result.exit_code == 1
    assert result.stderr == "Error: '2026-09-31' is not a date: September has 30 days\n"


def test_relative_dates_are_the_ones_echoed() -> None:
    assert is_relative("next thu") and is_relative("tomorrow 18:00") and is_relative("tue")
    assert not is_relative("2026-12-03") and not is_relative("2026-12-03 18:00")
    assert not is_relative("2026-12-03T18:00")


@pytest.mark.parametrize(("typed", "since", "until"), [
    ("2026-11", date(2026, 11, 1), date(2026, 11, 30)),
    ("nov", date(2026, 11, 1), date(2026, 11, 30)),
    ("November", date(2026, 11, 1), date(2026, 11, 30)),
    ("dec", date(2025, 12, 1), date(2025, 12, 31)),  # the last December that has begun
    ("feb 2028", date(2028, 2, 1), date(2028, 2, 29)),
    ("yesterday", date(2026, 11, 23), date(2026, 11, 23)),
    ("yesterday 18:30", date(2026, 11, 23), date(2026, 11, 23)),  # as `note --date` takes it
    ("2026-11-02", date(2026, 11, 2), date(2026, 11, 2)),
])
def test_since_and_until_take_a_month(typed: str, since: date, until: date) -> None:
    assert parse_bound(typed, TODAY) == since
    assert parse_bound(typed, TODAY, end=True) == until


def test_log_since_a_month(run, initialized: Path) -> None:
    run("note", "In November", env={"MENTORLOG_NOW": "2026-11-26T10:00:00+01:00"})
    run("note", "In December", env={"MENTORLOG_NOW": "2026-12-02T10:00:00+01:00"})
    now = {"MENTORLOG_NOW": "2026-12-03T10:00:00+01:00"}
    for since in ("2026-11", "nov"):
        result = run("log", "--since", since, "--until", since, env=now)
        assert result.exit_code == 0, result
        assert "In November" in result.stdout and "In December" not in result.stdout
    result = run("log", "--since", "2026-12", env=now)
    assert "In December" in result.stdout and "In November" not in result.stdout
    result = run("log", "--since", "2026-13", env=now)
    assert result.exit_code == 1
    assert "'2026-13' is not a month: a month is 01 to 12, not 13" in result.stderr


def test_a_goal_line_goes_into_its_history() -> None:
    from mentorlog.core.goals import GoalBook, Progress
    from mentorlog.core.week import record_goals

    book = GoalBook().add("Ship a PR", 30, TODAY).add("Give a talk", 60, TODAY)
    day = date(2026, 12, 1)
    book = record_goals(book, [("g1", "behind: waiting for review"), ("g2", "done: given"),
                               ("g1", "")], day)
    assert book.get("g1").progress == (Progress(day, "waiting for review", "behind"),)
    assert book.get("g1").status == "open"
    g2 = book.get("g2")
    assert g2.progress == (Progress(day, "given", "done"),)
    assert (g2.status, g2.closed_on, g2.note) == ("done", day, "given")
