"""One rule for wall times that do not exist or happen twice, in every place a user types one
(docs/time-zones.md): a time skipped by the clocks jumping forward moves forward by the jump
(02:30 -> 03:30), a time that happens twice is the first of the two. Contact windows in the
repeated hour are open in both occurrences and close at their own end."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from conftest import INIT_ARGS

# Berlin springs forward on 2027-03-28 (02:00 -> 03:00) and falls back on 2027-10-31
# (03:00 -> 02:00); New York falls back on 2027-11-07 (02:00 -> 01:00).
SPRING = "2027-03-28 02:30"
AUTUMN = "2027-10-31 02:30"


@pytest.fixture
def journal(run, home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    args = list(INIT_ARGS)
    gap = args.index("--gap")  # no holidays in the way
    del args[gap:gap + 2]
    assert run(*args).exit_code == 0
    monkeypatch.setenv("MENTORLOG_NOW", "2027-03-23T19:00:00+01:00")  # a Tuesday, after 18:00
    return home


def _next_meeting(run) -> str:
    result = run("status", "--json")
    assert result.exit_code == 0, result
    return json.loads(result.stdout)["next_meeting"]


def test_a_next_meeting_that_does_not_exist_is_moved_forward_by_the_jump(run, journal) -> None:
    # --date: months of meetings went unrecorded, and `week` would default to the oldest.
    result = run("week", "--no-input", "--date", "2027-03-23", "--task-status", "done",
                 "--next-task", "Write tests", "--next-meeting", SPRING)
    assert result.exit_code == 0, result
    assert _next_meeting(run).startswith("2027-03-28T03:30:00+02:00")
    meeting = (journal / "meetings" / "2027-03-23.md").read_text()
    assert "next_meeting = 2027-03-28 03:30:00+02:00" in meeting


def test_a_repeated_time_is_the_first_of_the_two(run, journal, monkeypatch) -> None:
    monkeypatch.setenv("MENTORLOG_NOW", "2027-10-26T19:00:00+01:00")
    result = run("week", "--no-input", "--date", "2027-10-26", "--task-status", "done",
                 "--next-task", "Write tests", "--next-meeting", AUTUMN)
    assert result.exit_code == 0, result
    assert _next_meeting(run).startswith("2027-10-31T02:30:00+02:00")  # CEST, the first


def test_skip_moved_to_follows_the_rule(run, journal) -> None:
    result = run("skip", "--date", "2027-03-23", "--reason", "ill", "--moved-to", SPRING)
    assert result.exit_code == 0, result
    meeting = (journal / "meetings" / "2027-03-23.md").read_text()
    assert "moved_to = 2027-03-28 03:30:00+02:00" in meeting


def test_contact_at_a_time_that_does_not_exist_is_asked_an_hour_later(run, journal) -> None:
    result = run("contact", "email", "--at", SPRING, "--json")
    assert result.exit_code == 0, result
    assert json.loads(result.stdout)["at"].startswith("2027-03-28T03:30:00+02:00")


@pytest.mark.parametrize(("at", "until"), [
    # the first 01:15 (EDT) closes at the first 01:30, the second (EST) at the second
    ("2027-11-07T01:15:00-04:00", "2027-11-07T01:30:00-04:00"),
    ("2027-11-07T01:15:00-05:00", "2027-11-07T01:30:00-05:00"),
])
def test_a_window_in_the_repeated_hour_is_open_twice(run, home, at, until) -> None:
    args = [a if a != "slack: Mon-Fri 09:00-17:00" else "slack: Sun 01:00-01:30"
            for a in INIT_ARGS]
    assert run(*args).exit_code == 0
    result = run("contact", "slack", "--at", at, "--json")
    assert result.exit_code == 0, result
    answer = json.loads(result.stdout)
    assert answer["allowed"] is True
    assert datetime.fromisoformat(answer["open_until"]) == datetime.fromisoformat(until)


def test_between_the_two_occurrences_the_window_opens_again(run, home) -> None:
    args = [a if a != "slack: Mon-Fri 09:00-17:00" else "slack: Sun 01:00-01:30"
            for a in INIT_ARGS]
    assert run(*args).exit_code == 0
    result = run("contact", "slack", "--at", "2027-11-07T01:40:00-04:00", "--json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["next_open_mentor"] == "2027-11-07T01:00:00-05:00"
