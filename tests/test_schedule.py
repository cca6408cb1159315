"""`mentorlog schedule` across daylight-saving changes, with gaps and skipped meetings."""

from __future__ import annotations

import itertools
import json
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentorlog.core.agreement import Agreement, Mentor, Slot, parse_slot
from mentorlog.core.schedule import localize, occurrences, upcoming

BERLIN, NEW_YORK = "Europe/Berlin", "America/New_York"


def setup(run, mentee: str, mentor: str, *slots: str, start: str = "2026-09-01") -> None:
    args = ["init", "--no-input", "--mentor", "Ada Lovelace", "--tz", mentee,
            "--mentor-tz", mentor, "--start", start]
    for slot in slots:
        args += ["--slot", slot]
    result = run(*args)
    assert result.exit_code == 0, result


def starts(run, now: str, n: int) -> list[tuple[str, str]]:
    result = run("schedule", "-n", str(n), "--json", env={"MENTORLOG_NOW": now})
    assert result.exit_code == 0, result
    return [(m["start"], m["start_mentor"]) for m in json.loads(result.stdout)]


def write_meeting(home: Path, day: str, status: str) -> None:
    folder = home / "meetings"
    folder.mkdir(exist_ok=True)
    (folder / f"{day}.md").write_text(
        f'+++\nschema_version = 1\nstatus = "{status}"\n+++\n# Meeting {day}\n'
    )


# --- the DST rule ---------------------------------------------------------------------------


def test_a_time_that_does_not_exist_moves_forward_by_the_jump() -> None:
    berlin = ZoneInfo(BERLIN)
    assert localize(date(2027, 3, 28), time(2, 30), berlin).isoformat() == (
        "2027-03-28T03:30:00+02:00"
    )
    ny = ZoneInfo(NEW_YORK)
    assert localize(date(2027, 3, 14), time(2, 30), ny).isoformat() == "2027-03-14T03:30:00-04:00"


def test_a_time_that_happens_twice_is_the_first_of_the_two() -> None:
    assert localize(date(2027, 10, 31), time(2, 30), ZoneInfo(BERLIN)).isoformat() == (
        "2027-10-31T02:30:00+02:00"
    )
    assert localize(date(2027, 11, 7), time(1, 30), ZoneInfo(NEW_YORK)).isoformat() == (
        "2027-11-07T01:30:00-04:00"
    )


# --- across the changes, both zones ---------------------------------------------------------


def test_march_berlin_mentee_new_york_mentor(run, home: Path) -> None:
    setup(run, BERLIN, NEW_YORK, "Tue 18:00")
    assert starts(run, "2027-03-01T12:00:00", 6) == [
        ("2027-03-02T18:00:00+01:00", "2027-03-02T12:00:00-05:00"),
        ("2027-03-09T18:00:00+01:00", "2027-03-09T12:00:00-05:00"),
        # 14 March: New York has switched, Berlin not yet: 5 hours apart.
        ("2027-03-16T18:00:00+01:00", "2027-03-16T13:00:00-04:00"),
        ("2027-03-23T18:00:00+01:00", "2027-03-23T13:00:00-04:00"),
        # 28 March: Berlin too.
        ("2027-03-30T18:00:00+02:00", "2027-03-30T12:00:00-04:00"),
        ("2027-04-06T18:00:00+02:00", "2027-04-06T12:00:00-04:00"),
    ]


def test_october_november_berlin_mentee_new_york_mentor(run, home: Path) -> None:
    setup(run, BERLIN, NEW_YORK, "Tue 18:00")
    assert starts(run, "2026-10-19T12:00:00", 4) == [
        ("2026-10-20T18:00:00+02:00", "2026-10-20T12:00:00-04:00"),
        # 25 October: Berlin is back on standard time, New York not until 1 November.
        ("2026-10-27T18:00:00+01:00", "2026-10-27T13:00:00-04:00"),
        ("2026-11-03T18:00:00+01:00", "2026-11-03T12:00:00-05:00"),
        ("2026-11-10T18:00:00+01:00", "2026-11-10T12:00:00-05:00"),
    ]


def test_new_york_mentee_keeps_wall_clock_while_mentor_date_moves(run, home: Path) -> None:
    setup(run, NEW_YORK, BERLIN, "Tue 18:00")
    assert starts(run, "2027-03-08T12:00:00", 4) == [
        ("2027-03-09T18:00:00-05:00", "2027-03-10T00:00:00+01:00"),
        ("2027-03-16T18:00:00-04:00", "2027-03-16T23:00:00+01:00"),
        ("2027-03-23T18:00:00-04:00", "2027-03-23T23:00:00+01:00"),
        ("2027-03-30T18:00:00-04:00", "2027-03-31T00:00:00+02:00"),
    ]
    assert starts(run, "2026-10-19T12:00:00", 3) == [
        ("2026-10-20T18:00:00-04:00", "2026-10-21T00:00:00+02:00"),
        ("2026-10-27T18:00:00-04:00", "2026-10-27T23:00:00+01:00"),
        ("2026-11-03T18:00:00-05:00", "2026-11-04T00:00:00+01:00"),
    ]


def test_a_slot_inside_the_jump_and_inside_the_repeated_hour(run, home: Path) -> None:
    setup(run, BERLIN, NEW_YORK, "Sun 02:30")
    spring = starts(run, "2027-03-20T12:00:00", 2)
    assert [s for s, _ in spring] == ["2027-03-21T02:30:00+01:00", "2027-03-28T03:30:00+02:00"]
    autumn = starts(run, "2027-10-30T12:00:00", 2)
    assert [s for s, _ in autumn] == ["2027-10-31T02:30:00+02:00", "2027-11-07T02:30:00+01:00"]


def test_two_slots_the_jump_puts_at_one_instant_are_one_meeting(run, home: Path) -> None:
    setup(run, BERLIN, NEW_YORK, "Sun 02:30", "Sun 03:30")
    got = [s for s, _ in starts(run, "2027-03-20T12:00:00", 4)]
    assert got == [
        "2027-03-21T02:30:00+01:00", "2027-03-21T03:30:00+01:00",
        "2027-03-28T03:30:00+02:00",
        "2027-04-04T02:30:00+02:00",
    ]


@pytest.mark.parametrize(("mentee", "mentor"), [(BERLIN, NEW_YORK), (NEW_YORK, BERLIN)])
def test_a_year_of_two_slots_has_no_duplicates_and_keeps_wall_clock(
    run, home: Path, mentee: str, mentor: str
) -> None:
    setup(run, mentee, mentor, "Tue 18:00", "Thu 08:30")
    got = starts(run, "2026-10-01T12:00:00", 110)
    instants = [datetime.fromisoformat(s) for s, _ in got]
    assert instants == sorted(set(instants))
    assert {(i.strftime("%a %H:%M")) for i in instants} == {"Tue 18:00", "Thu 08:30"}
    for mine, theirs in got:
        assert datetime.fromisoformat(mine) == datetime.fromisoformat(theirs)
        assert datetime.fromisoformat(theirs).utcoffset() == (
            datetime.fromisoformat(theirs).astimezone(ZoneInfo(mentor)).utcoffset()
        )


# --- gaps and skipped meetings --------------------------------------------------------------


def test_gaps_are_excluded_and_marked(run, initialized: Path) -> None:
    got = [s for s, _ in starts(run, "2026-12-14T12:00:00", 3)]
    assert got == ["2026-12-15T18:00:00+01:00", "2027-01-05T18:00:00+01:00",
                   "2027-01-12T18:00:00+01:00"]
    result = run("schedule", "-n", "3", env={"MENTORLOG_NOW": "2026-12-14T12:00:00"})
    assert result.exit_code == 0, result
    lines = result.stdout.splitlines()
    assert "Tue 15 Dec 2026 18:00" in lines[2] and "Tue 15 Dec 2026 12:00" in lines[2]
    assert "— gap: holidays" in lines[3]
    assert "2026-12-21..2027-01-03, no meeting Tue 22 Dec, Tue 29 Dec" in lines[3]
    assert "Tue 5 Jan 2027 18:00" in lines[4]
    assert "Gaps: 2026-12-21..2027-01-03: holidays" in result.stdout


def test_skipped_meetings_are_excluded_and_held_ones_are_not(run, initialized: Path) -> None:
    assert run("skip", "--date", "2026-12-08", "--reason", "ill").exit_code == 0
    held = run("week", "--no-input", "--date", "2026-12-01", "--task-status", "done",
               "--next-task", "next", env={"MENTORLOG_NOW": "2026-12-01T19:10:00"})
    assert held.exit_code == 0, held
    # On the timeline a held meeting is past, even one recorded for a time still ahead.
    got = [s for s, _ in starts(run, "2026-11-24T17:00:00+01:00", 3)]
    assert got == ["2026-12-15T18:00:00+01:00", "2027-01-05T18:00:00+01:00",
                   "2027-01-12T18:00:00+01:00"]
    past = run("schedule", "--past", "--json", env={"MENTORLOG_NOW": "2026-12-09T12:00:00"})
    assert [(m["start"], m["status"]) for m in json.loads(past.stdout)] == [
        ("2026-12-01T18:00:00+01:00", "held"), ("2026-12-08T18:00:00+01:00", "skipped")]
    result = run("schedule", "-n", "2")
    assert "Tue 8 Dec 2026 18:00" in result.stdout and "skipped" in result.stdout
    status = json.loads(run("status", "--json", env={
        "MENTORLOG_NOW": "2026-12-02T10:00:00"}).stdout)
    assert status["next_meeting"] == "2026-12-15T18:00:00+01:00"


def test_an_unreadable_meeting_file_is_reported(run, initialized: Path) -> None:
    (initialized / "meetings").mkdir()
    bad = initialized / "meetings" / "2026-12-08.md"
    bad.write_text("+++\nstatus = \n")
    result = run("schedule", "--json", "-n", "1")
    assert result.exit_code == 1, result
    assert result.stderr.startswith(f"Error: {bad}:2:")
    assert bad.read_text() == "+++\nstatus = \n"


def test_schedule_without_slots(run, home: Path) -> None:
    result = run("init", "--no-input", "--mentor", "Bo", "--tz", "UTC", "--slot", "Wed 09:00")
    assert result.exit_code == 0
    text = (home / "agreement.toml").read_text().replace('slots = [\n    "Wed 09:00",\n]',
                                                         "slots = []")
    (home / "agreement.toml").write_text(text)
    assert "No weekly slots agreed yet" in run("schedule").stdout
    assert run("schedule", "--json").stdout.strip() == "[]"


def test_schedule_count_must_be_positive(run, initialized: Path) -> None:
    assert run("schedule", "-n", "0").exit_code == 2


def test_upcoming_without_slots_or_count() -> None:
    a = Agreement(Mentor("Ada", tz=NEW_YORK), BERLIN, date(2026, 11, 24))
    now = datetime(2026, 11, 24, 17, tzinfo=ZoneInfo(BERLIN))
    assert upcoming(a, now, 3) == []
    b = Agreement(Mentor("Ada", tz=NEW_YORK), BERLIN, date(2026, 11, 24),
                  slots=(parse_slot("Tue 18:00"),))
    assert upcoming(b, now, 0) == []
    assert [m.isoformat() for m in upcoming(b, now, 1)] == ["2026-12-01T18:00:00+01:00"]


# --- a property over many zones, slots and moments -----------------------------------------


ZONES = [BERLIN, NEW_YORK, "America/Los_Angeles", "Australia/Sydney", "Europe/London",
         "America/Santiago", "Asia/Tokyo", "Pacific/Chatham"]
SLOTS = st.builds(Slot, st.integers(0, 6),
                  st.builds(time, st.integers(0, 23), st.sampled_from([0, 15, 30, 45])))


@settings(max_examples=80, deadline=None)
@given(
    mentee=st.sampled_from(ZONES),
    slots=st.lists(SLOTS, min_size=1, max_size=3),
    day=st.dates(min_value=date(2026, 1, 1), max_value=date(2029, 12, 31)),
    hour=st.integers(0, 23),
)
def test_meetings_are_in_order_unique_and_keep_their_wall_clock(
    mentee: str, slots: list[Slot], day: date, hour: int
) -> None:
    tz = ZoneInfo(mentee)
    a = Agreement(Mentor("Ada", tz=NEW_YORK), mentee, date(2025, 12, 1), slots=tuple(slots))
    after = datetime.combine(day, time(hour), tzinfo=tz)
    found = upcoming(a, after, 40)
    assert len(found) == 40
    assert all(x < y for x, y in zip(found, found[1:], strict=False))
    assert found[0] >= after
    assert found[-1] - found[0] < timedelta(weeks=40)
    for occ in itertools.islice(occurrences(a, after), 40):
        local = occ.start.astimezone(tz)
        assert local.date() == occ.wall.date() and local.weekday() == occ.slot.weekday
        naive = local.replace(tzinfo=None)
        if naive != occ.wall:
            # Only a time that does not exist moves, forward, by the jump.
            probe = occ.wall.replace(tzinfo=tz)
            assert probe.astimezone(UTC).astimezone(tz).replace(tzinfo=None) != occ.wall
            assert timedelta(0) < naive - occ.wall <= timedelta(minutes=120)
