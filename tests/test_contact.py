"""`mentorlog contact`: windows judged in the mentor's time, on both sides of each DST change."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from mentorlog.core.agreement import parse_channel
from mentorlog.core.contact import Contact, allowed, next_open

BERLIN, NEW_YORK, LOS_ANGELES = "Europe/Berlin", "America/New_York", "America/Los_Angeles"
SLACK = "slack: Mon-Fri 09:00-17:00"


def setup(run, mentee: str, mentor: str, *channels: str) -> None:
    args = ["init", "--no-input", "--mentor", "Ada Lovelace", "--tz", mentee,
            "--mentor-tz", mentor, "--start", "2026-09-01", "--slot", "Tue 18:00"]
    for channel in channels:
        args += ["--channel", channel]
    result = run(*args)
    assert result.exit_code == 0, result


def ask(run, how: str, when: str, *extra: str):
    """Ask with --at, or with the clock pinned by MENTORLOG_NOW: the answer must not differ."""
    if how == "at":
        return run("contact", *extra, "--at", when)
    return run("contact", *extra, env={"MENTORLOG_NOW": when})


# (mentee's wall clock, allowed, next_open in the mentee's zone)
SIX_HOURS_BEHIND = [
    # winter, both on standard time: 6 hours
    ("2026-12-01 14:59", False, "2026-12-01T15:00:00+01:00"),
    ("2026-12-01 15:00", True, None),
    ("2026-12-01 22:59", True, None),
    ("2026-12-01 23:00", False, "2026-12-02T15:00:00+01:00"),
    # March, before New York switches (14 March 2027)
    ("2027-03-09 14:59", False, "2027-03-09T15:00:00+01:00"),
    ("2027-03-09 15:00", True, None),
    # only New York has switched: 5 hours
    ("2027-03-16 13:59", False, "2027-03-16T14:00:00+01:00"),
    ("2027-03-16 14:00", True, None),
    ("2027-03-16 21:59", True, None),
    ("2027-03-16 22:00", False, "2027-03-17T14:00:00+01:00"),
    # both on summer time (Berlin since 28 March): 6 hours again
    ("2027-03-30 14:59", False, "2027-03-30T15:00:00+02:00"),
    ("2027-03-30 15:00", True, None),
    # October, before Berlin switches back (25 October 2026)
    ("2026-10-20 14:59", False, "2026-10-20T15:00:00+02:00"),
    ("2026-10-20 15:00", True, None),
    # only Berlin has switched back: 5 hours
    ("2026-10-27 13:59", False, "2026-10-27T14:00:00+01:00"),
    ("2026-10-27 14:00", True, None),
    # both back on standard time (New York since 1 November)
    ("2026-11-03 14:59", False, "2026-11-03T15:00:00+01:00"),
    ("2026-11-03 15:00", True, None),
    # a weekend that holds a change: the next window is after it
    ("2027-03-12 23:30", False, "2027-03-15T14:00:00+01:00"),
    ("2026-10-23 23:30", False, "2026-10-26T14:00:00+01:00"),
]

NINE_HOURS_AHEAD = [
    # winter: Los Angeles -8, Berlin +1
    ("2026-11-30 23:59", False, "2026-12-01T00:00:00-08:00"),
    ("2026-12-01 00:00", True, None),
    ("2026-12-01 07:59", True, None),
    ("2026-12-01 08:00", False, "2026-12-02T00:00:00-08:00"),
    # only Los Angeles has switched (14 March 2027): 8 hours
    ("2027-03-16 00:59", False, "2027-03-16T01:00:00-07:00"),
    ("2027-03-16 01:00", True, None),
    ("2027-03-16 08:59", True, None),
    ("2027-03-16 09:00", False, "2027-03-17T01:00:00-07:00"),
    # both on summer time: 9 hours
    ("2027-03-29 23:59", False, "2027-03-30T00:00:00-07:00"),
    ("2027-03-30 00:00", True, None),
    # October before Berlin switches back: 9 hours
    ("2026-10-20 00:00", True, None),
    ("2026-10-19 23:59", False, "2026-10-20T00:00:00-07:00"),
    # only Berlin has switched back: 8 hours
    ("2026-10-27 00:59", False, "2026-10-27T01:00:00-07:00"),
    ("2026-10-27 01:00", True, None),
    # both on standard time again
    ("2026-11-03 00:00", True, None),
    ("2026-11-02 23:59", False, "2026-11-03T00:00:00-08:00"),
    # Friday after the window; Berlin switches back that weekend
    ("2026-10-23 08:30", False, "2026-10-26T01:00:00-07:00"),
]


@pytest.mark.parametrize("how", ["at", "now"])
@pytest.mark.parametrize(("when", "ok", "opens"), SIX_HOURS_BEHIND)
def test_mentor_six_hours_behind(run, home: Path, how: str, when: str, ok: bool,
                                 opens: str | None) -> None:
    setup(run, BERLIN, NEW_YORK, SLACK)
    result = ask(run, how, when, "slack", "--json")
    assert result.exit_code == (0 if ok else 1), result
    assert result.stderr == ""
    data = json.loads(result.stdout)
    assert (data["channel"], data["allowed"], data["next_open"]) == ("slack", ok, opens)


@pytest.mark.parametrize("how", ["at", "now"])
@pytest.mark.parametrize(("when", "ok", "opens"), NINE_HOURS_AHEAD)
def test_mentor_nine_hours_ahead(run, home: Path, how: str, when: str, ok: bool,
                                 opens: str | None) -> None:
    setup(run, LOS_ANGELES, BERLIN, SLACK)
    result = ask(run, how, when, "slack", "--json")
    assert result.exit_code == (0 if ok else 1), result
    data = json.loads(result.stdout)
    assert (data["allowed"], data["next_open"]) == (ok, opens)


def test_at_with_an_offset_is_that_instant(run, home: Path) -> None:
    setup(run, BERLIN, NEW_YORK, SLACK)
    result = run("contact", "slack", "--json", "--at", "2027-03-16T13:00:00Z")
    data = json.loads(result.stdout)
    assert data["allowed"] is True
    assert data["at"] == "2027-03-16T14:00:00+01:00"
    assert data["at_mentor"] == "2027-03-16T09:00:00-04:00"


def test_closed_answer_in_both_zones_without_an_error_line(run, home: Path) -> None:
    setup(run, BERLIN, NEW_YORK, SLACK)
    result = run("contact", "slack", "--at", "2027-03-12 23:30")
    assert result.exit_code == 1
    assert result.stderr == ""
    assert "slack: not now — outside Mon-Fri 09:00-17:00 (it is Fri 17:30 for your mentor)." \
        in result.stdout
    assert ("  Next window: Mon 15 Mar 2027 14:00 your time (Europe/Berlin)\n"
            "  = Mon 15 Mar 2027 09:00 for Ada Lovelace (America/New_York).") in result.stdout


def test_open_answer_says_until_when(run, home: Path) -> None:
    setup(run, BERLIN, NEW_YORK, SLACK)
    result = run("contact", "slack", "--at", "2026-12-01 16:00")
    assert result.exit_code == 0
    assert ("slack: OK now — inside Mon-Fri 09:00-17:00.\n  Open until Tue 1 Dec 2026 23:00 your "
            "time (Europe/Berlin)\n  = Tue 1 Dec 2026 17:00 for Ada Lovelace") in result.stdout


def test_without_a_channel_every_channel_is_listed(run, initialized: Path) -> None:
    # Tue 24 Nov 2026 17:00 in Berlin is 11:00 in New York: slack is open, email too.
    result = run("contact")
    assert result.exit_code == 0, result
    assert "slack: OK now" in result.stdout and "email: OK now" in result.stdout
    result = run("contact", "--json", "--at", "2026-11-29 12:00")  # a Sunday
    data = json.loads(result.stdout)
    assert [(d["channel"], d["allowed"]) for d in data] == [("slack", False), ("email", True)]
    assert result.exit_code == 0  # one channel is open


def test_exit_1_when_no_channel_is_open(run, home: Path) -> None:
    setup(run, BERLIN, NEW_YORK, SLACK, "chat: Sat 10:00-12:00")
    result = run("contact", "--at", "2026-11-29 12:00")
    assert result.exit_code == 1
    assert result.stderr == ""
    assert "slack: not now" in result.stdout and "chat: not now" in result.stdout
    assert "Sat 5 Dec 2026 10:00 for Ada Lovelace" in result.stdout


def test_unknown_channel_is_an_error(run, initialized: Path) -> None:
    result = run("contact", "phone")
    assert result.exit_code == 1
    assert result.stderr == "Error: 'phone' is not an agreed channel (agreed: slack, email)\n"


def test_no_channels_agreed(run, home: Path) -> None:
    setup(run, BERLIN, NEW_YORK)
    result = run("contact")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: no contact channels agreed yet")


def test_bad_at_is_one_line(run, initialized: Path) -> None:
    result = run("contact", "slack", "--at", "someday")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: 'someday' is not a date and time")


# --- how often ------------------------------------------------------------------------------


def test_at_most_two_a_week_with_contact_log(run, initialized: Path) -> None:
    assert run("contact", "email").exit_code == 0
    first = run("contact", "log", "email", "--note", "a question about the PR")
    assert first.exit_code == 0, first
    assert "Logged a contact on email at Tue 24 Nov 2026 17:00 your time" in first.stdout
    assert "This week: 1 of at most 2." in first.stdout
    assert run("contact", "log", "email", "--at", "2026-11-25 09:00").exit_code == 0
    result = run("contact", "email", "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["allowed"] is False
    assert data["reason"] == "already 2 this week (agreed: at most 2 a week)"
    # The mentor's week starts on Monday in New York: 06:00 in Berlin.
    assert data["next_open"] == "2026-11-30T06:00:00+01:00"
    assert data["next_open_mentor"] == "2026-11-30T00:00:00-05:00"
    third = run("contact", "log", "email")
    assert "Note: that was not as agreed — already 2 this week" in third.stdout
    saved = (initialized / "contacts.toml").read_text()
    assert 'note = "a question about the PR"' in saved
    assert run("check").exit_code == 0


def test_the_week_is_the_mentors_week(run, initialized: Path) -> None:
    # Sunday 23:30 in New York is already Monday in Berlin: it counts for the mentor's old week.
    run("contact", "log", "email", "--at", "2026-11-30 05:30")
    run("contact", "log", "email", "--at", "2026-11-30 06:30")  # Monday 00:30 in New York
    result = run("contact", "email", "--json", "--at", "2026-11-30 07:00")
    assert json.loads(result.stdout)["reason"] == "any time is fine, 1 of at most 2 this week"
    run("contact", "log", "email", "--at", "2026-11-30 07:00")
    result = run("contact", "email", "--json", "--at", "2026-11-30 08:00")
    assert json.loads(result.stdout)["next_open"] == "2026-12-07T06:00:00+01:00"


def test_at_most_one_a_day_inside_a_window(run, home: Path) -> None:
    setup(run, BERLIN, NEW_YORK, "chat: Mon-Fri 09:00-17:00, at most 1 a day")
    run("contact", "log", "chat", "--at", "2026-12-01 16:00")
    result = run("contact", "chat", "--json", "--at", "2026-12-01 17:00")
    data = json.loads(result.stdout)
    assert data["reason"] == "already 1 today (agreed: at most 1 a day)"
    assert data["next_open"] == "2026-12-02T15:00:00+01:00"


def test_log_needs_a_known_channel(run, initialized: Path) -> None:
    assert run("contact", "log").exit_code == 2
    result = run("contact", "log", "phone")
    assert result.exit_code == 1 and "not an agreed channel" in result.stderr
    assert not (initialized / "contacts.toml").exists()


# --- the pure functions ---------------------------------------------------------------------


def test_a_window_inside_the_jump_is_empty_that_day() -> None:
    ny = ZoneInfo(NEW_YORK)
    night = parse_channel("pager: Sun 02:00-03:00")
    saturday = datetime(2027, 3, 13, 12, tzinfo=ny)
    assert next_open(night, saturday, ny, []).isoformat() == "2027-03-21T02:00:00-04:00"
    assert not allowed(night, datetime(2027, 3, 14, 3, 0, tzinfo=ny), ny, [])


def test_contacts_on_other_channels_do_not_count() -> None:
    ny = ZoneInfo(NEW_YORK)
    email = parse_channel("email: any, at most 1 a day")
    at = datetime(2026, 12, 1, 10, tzinfo=ny)
    assert allowed(email, at, ny, [Contact("slack", at)])
    assert not allowed(email, at, ny, [Contact("Email", at)])
    assert next_open(email, at, ny, [Contact("email", at)]).date() == date(2026, 12, 2)
