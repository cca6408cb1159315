"""`init`, `status`, `agreement` and `check` as a user sees them."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

from conftest import INIT_ARGS, run_process


def test_init_writes_the_agreement_goals_and_first_task(run, home: Path) -> None:
    result = run(*INIT_ARGS)
    assert result.exit_code == 0, result
    assert "Saved your agreement with Ada Lovelace" in result.stdout
    assert "[x] Targets for the first 30/60/90 days" in result.stdout
    agreement = tomllib.loads((home / "agreement.toml").read_text())
    assert agreement["schema_version"] == 1
    assert agreement["mentor"] == {
        "name": "Ada Lovelace", "contact": "ada@example.org", "tz": "America/New_York"
    }
    assert agreement["slots"] == ["Tue 18:00"]
    assert agreement["channels"][1] == {"name": "email", "windows": ["any"], "max_per_week": 2}
    goals = tomllib.loads((home / "goals.toml").read_text())["goals"]
    assert [(g["id"], g["horizon"], str(g["due"])) for g in goals] == [
        ("g1", 30, "2026-12-24"), ("g2", 60, "2027-01-23"), ("g3", 90, "2027-02-22")
    ]
    task = tomllib.loads((home / "tasks.toml").read_text())["tasks"][0]
    assert task["text"] == "Read the contributing guide"
    assert str(task["due"]) == "2026-12-01"  # the first weekly meeting


def test_init_lists_what_was_left_open(run) -> None:
    result = run("init", "--no-input", "--mentor", "Bo", "--tz", "UTC", "--slot", "Wed 09:00")
    assert result.exit_code == 0, result
    assert "[ ] How you will measure success" in result.stdout
    assert "items left open: add them with 'mentorlog agreement edit'." in result.stdout


def test_status_json_shows_the_agreement(run, initialized: Path) -> None:
    result = run("status", "--json")
    assert result.exit_code == 0, result
    data = json.loads(result.stdout)
    assert data["mentor"] == "Ada Lovelace"
    assert data["start"] == "2026-11-24"
    assert data["week"] == 1
    assert data["next_meeting"] == "2026-12-01T18:00:00+01:00"
    assert data["next_meeting_mentor"] == "2026-12-01T12:00:00-05:00"
    assert data["task"]["text"] == "Read the contributing guide"
    assert [(g["id"], g["horizon"], g["due"], g["status"]) for g in data["goals"]] == [
        ("g1", 30, "2026-12-24", "open"),
        ("g2", 60, "2027-01-23", "open"),
        ("g3", 90, "2027-02-22", "open"),
    ]


def test_status_in_week_five_skips_the_holiday_gap(run, initialized: Path) -> None:
    result = run("status", "--json", env={"MENTORLOG_NOW": "2026-12-20T10:00:00"})
    data = json.loads(result.stdout)
    assert data["week"] == 4
    assert data["next_meeting"] == "2027-01-05T18:00:00+01:00"
    result = run("status", "--json", env={"MENTORLOG_NOW": "2026-12-23T10:00:00"})
    assert json.loads(result.stdout)["gap"]["reason"] == "holidays"


def test_status_shows_both_zones(run, initialized: Path) -> None:
    result = run("status")
    assert result.exit_code == 0, result
    assert "Mentorship with Ada Lovelace" in result.stdout
    assert "week 1 of at least 13" in result.stdout
    assert "Tue 1 Dec 2026 18:00" in result.stdout
    assert "12:00 for Ada Lovelace (America/New_York)" in result.stdout
    assert "\x1b[" not in result.stdout


def test_status_without_agreement(run, home: Path) -> None:
    result = run("status")
    assert result.exit_code == 1
    assert result.stderr == "Error: no mentorship yet — run 'mentorlog init'\n"
    assert not home.exists()


def test_init_refuses_to_overwrite_without_force(run, initialized: Path) -> None:
    before = (initialized / "agreement.toml").read_bytes()
    result = run("init", "--no-input", "--mentor", "Other", "--tz", "UTC", "--slot", "Mon 9:00")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: an agreement already exists")
    assert (initialized / "agreement.toml").read_bytes() == before
    result = run("init", "--no-input", "--mentor", "Other", "--tz", "UTC", "--slot", "Mon 9:00",
                 "--force")
    assert result.exit_code == 0, result
    assert 'name = "Other"' in (initialized / "agreement.toml").read_text()
    # goals set before are never lost by a re-run
    assert "Ship a PR" in (initialized / "goals.toml").read_text()


def test_init_no_input_missing_answers(run, home: Path) -> None:
    result = run("init", "--no-input", "--mentor", "Ada")
    assert result.exit_code == 1
    assert result.stderr == ("Error: missing answer: --tz, --slot (or run 'mentorlog init' in a "
                             "terminal, without --no-input, to be asked)\n")
    assert not (home / "agreement.toml").exists()


def test_init_in_a_pipe_says_how_to_be_asked(home: Path, tmp_path: Path) -> None:
    """Piped input is no terminal: `init` cannot ask, and must not tell someone who never
    typed --no-input to "run without --no-input"."""
    env = {"MENTORLOG_HOME": str(home), "XDG_CACHE_HOME": str(tmp_path / "cache"),
           "XDG_CONFIG_HOME": str(tmp_path / "config")}
    result = run_process("init", "--mentor", "Ada", env=env, input="Europe/Berlin\n")
    assert result.returncode == 1
    assert result.stderr == ("Error: missing answer: --tz, --slot (or run 'mentorlog init' in a "
                             "terminal, without --no-input, to be asked)\n")
    assert "(or run without --no-input)" not in result.stderr
    assert not (home / "agreement.toml").exists()


def test_init_bad_answers_write_nothing(run, home: Path) -> None:
    base = ["init", "--no-input", "--mentor", "Ada", "--tz", "Europe/Berlin"]
    cases = {
        ("--slot", "Tue 25:00"): "is not a weekly slot",
        ("--slot", "Tue 18:00", "--start", "2026-02-30"): "is not a date: February 2026 has 28 days",
        ("--slot", "Tue 18:00", "--hours", "0.5"): "at least 1 hour a week",
        ("--slot", "Tue 18:00", "--channel", "slack Mon"): "is not a channel",
        ("--slot", "Tue 18:00", "--focus", "fame"): "the focus must start with one of",
        ("--slot", "Tue 18:00", "--gap", "2027-01-03..2026-12-21"): "ends before it starts",
        ("--slot", "Mon 9:00", "--slot", "Tue 9:00", "--slot", "Wed 9:00"): "one or two",
        ("--slot", "Tue 18:00", "--mentor-tz", "../../etc/passwd"): "is not an IANA time zone",
    }
    for extra, message in cases.items():
        result = run(*base, *extra)
        assert result.exit_code == 1, (extra, result)
        assert result.stderr.startswith("Error: ") and message in result.stderr, result
        assert result.stderr.count("\n") == 1
        assert not (home / "agreement.toml").exists()


def test_agreement_shows_what_was_agreed(run, initialized: Path) -> None:
    result = run("agreement")
    assert result.exit_code == 0, result
    for text in ["Ada Lovelace <ada@example.org>", "write better tests", "crypto",
                 "slack: Mon-Fri 09:00-17:00", "Tue 18:00 (Europe/Berlin), 60 min",
                 "2026-12-21..2027-01-03: holidays"]:
        assert text in result.stdout


def test_check_reports_every_problem(run, initialized: Path) -> None:
    assert run("check").exit_code == 0
    (initialized / "goals.toml").write_text("schema_version = 1\ngoals = [\n")
    (initialized / "tasks.toml").write_bytes(b"schema_version = 1\n# caf\xe9\n")
    result = run("check")
    assert result.exit_code == 1
    assert f"{initialized}/goals.toml:3:1: " in result.stderr
    assert f"{initialized}/tasks.toml:2:6: not UTF-8 text" in result.stderr
