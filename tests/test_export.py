"""`mentorlog export --format ics`: an independent parser (vobject) sees what `schedule` lists."""

from __future__ import annotations

import itertools
import json
import os
import stat
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import run_process

vobject = pytest.importorskip("vobject")

BERLIN, NEW_YORK = "Europe/Berlin", "America/New_York"


def setup(run, mentee: str, mentor: str, *slots: str, gap: str | None = None) -> None:
    args = ["init", "--no-input", "--mentor", "Ada Lovelace", "--tz", mentee,
            "--mentor-tz", mentor, "--start", "2026-09-01", "--duration", "45"]
    for slot in slots:
        args += ["--slot", slot]
    if gap:
        args += ["--gap", gap]
    result = run(*args)
    assert result.exit_code == 0, result


def occurrences_in(ics: str, count: int) -> list[datetime]:
    """Every event's occurrences, expanded by vobject from its RRULE, EXDATEs and VTIMEZONE."""
    calendar = vobject.readOne(ics)
    found: list[datetime] = []
    for event in calendar.vevent_list:
        found += list(itertools.islice(event.getrruleset(addRDate=True), count))
    return sorted(found)[:count]


def schedule_starts(run, count: int, now: str) -> list[datetime]:
    result = run("schedule", "--json", "-n", str(count), env={"MENTORLOG_NOW": now})
    assert result.exit_code == 0, result
    return [datetime.fromisoformat(m["start"]) for m in json.loads(result.stdout)]


@pytest.mark.parametrize(("mentee", "mentor", "slots", "now"), [
    (BERLIN, NEW_YORK, ("Tue 18:00",), "2026-10-01T12:00:00"),
    (NEW_YORK, BERLIN, ("Tue 18:00", "Fri 08:30"), "2027-02-20T12:00:00"),
    (BERLIN, NEW_YORK, ("Sun 02:30", "Wed 19:00"), "2027-03-01T12:00:00"),
])
def test_ics_occurrences_equal_the_schedule(
    run, home: Path, mentee: str, mentor: str, slots: tuple[str, ...], now: str
) -> None:
    setup(run, mentee, mentor, *slots, gap="2027-07-05..2027-07-25: summer")
    skipped = run("skip", "--date", "2027-04-06", "--reason", "conference",
                  env={"MENTORLOG_NOW": now})
    assert skipped.exit_code == 0, skipped
    result = run("export", "--format", "ics", env={"MENTORLOG_NOW": now})
    assert result.exit_code == 0, result
    count = 90
    expected = schedule_starts(run, count, now)
    got = occurrences_in(result.stdout, count)
    # The same instants (in UTC: ambiguous local times never compare equal across zones).
    assert [g.astimezone(UTC) for g in got] == [e.astimezone(UTC) for e in expected]
    mine = ZoneInfo(mentee)
    assert [g.astimezone(mine).strftime("%a %Y-%m-%d %H:%M %z") for g in got] == [
        e.strftime("%a %Y-%m-%d %H:%M %z") for e in expected]  # the same wall clock
    assert all(e.date().isoformat() not in ("2027-04-06", "2027-07-06", "2027-07-13")
               for e in expected)


def test_ics_is_a_recurring_event_in_the_real_time_zone(run, initialized: Path) -> None:
    result = run("export", "--format", "ics")
    text = result.stdout.replace("\n ", "")  # the runner's stdout has \n for RFC 5545's CRLF
    assert "BEGIN:VTIMEZONE\nTZID:Europe/Berlin\n" in text
    assert "DTSTART;TZID=Europe/Berlin:20261201T180000\n" in text
    assert "RRULE:FREQ=WEEKLY;BYDAY=TU\n" in text
    assert "EXDATE;TZID=Europe/Berlin:20261222T180000,20261229T180000\n" in text
    assert "DURATION:PT1H\n" in text
    assert "UID:mentorlog-2026-11-24-tu-1800@mentorlog\n" in text
    assert "SUMMARY:Mentorship meeting with Ada Lovelace\n" in text
    event = vobject.readOne(result.stdout).vevent
    assert event.dtstart.value.tzinfo is not None
    assert "Europe/Berlin" in repr(event.dtstart.value.tzinfo)


def test_export_to_a_file_outside_the_data_folder(run, initialized: Path, tmp_path: Path) -> None:
    target = tmp_path / "mentorship.ics"
    result = run("export", "--format", "ics", "-o", str(target))
    assert result.exit_code == 0, result
    assert result.stdout == ""
    assert result.stderr == f"Wrote {target}.\n"
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    target.write_text("mine")
    refused = run("export", "--format", "ics", "-o", str(target))
    assert refused.exit_code == 1
    assert refused.stderr == f"Error: {target} already exists (use --force to replace it)\n"
    assert target.read_text() == "mine"
    assert run("export", "--format", "ics", "-o", str(target), "--force").exit_code == 0
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".~")] == []


def test_export_into_the_data_folder_goes_through_the_store(run, initialized: Path) -> None:
    target = initialized / "exports" / "meetings.ics"
    assert run("export", "--format", "ics", "-o", str(target)).exit_code == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert stat.S_IMODE(target.parent.stat().st_mode) == 0o700
    assert run("export", "-f", "ics", "-o", str(target)).exit_code == 1
    assert run("export", "-f", "ics", "-o", str(target), "--force").exit_code == 0


def test_export_refuses_a_missing_folder_and_a_link(run, initialized: Path,
                                                    tmp_path: Path) -> None:
    result = run("export", "-f", "ics", "-o", str(tmp_path / "nope" / "x.ics"))
    assert result.exit_code == 1
    assert "does not exist" in result.stderr
    os.symlink(tmp_path / "elsewhere.ics", tmp_path / "link.ics")
    result = run("export", "-f", "ics", "-o", str(tmp_path / "link.ics"), "--force")
    assert result.exit_code == 1 and "symbolic link" in result.stderr
    assert not (tmp_path / "elsewhere.ics").exists()


def test_unknown_format_is_a_usage_error(run, initialized: Path) -> None:
    result = run("export", "--format", "pdf")
    assert result.exit_code == 2
    assert "'pdf' is not one of: md, json, html, ics" in result.stderr


def test_only_export_imports_icalendar(initialized: Path) -> None:
    code = ("import sys; from mentorlog.cli import app; "
            "sys.argv=['mentorlog','status']; "
            "import contextlib\nwith contextlib.suppress(SystemExit): app()\n"
            "print('icalendar' in sys.modules, 'dateutil.rrule' in sys.modules)")
    import subprocess
    import sys

    from conftest import ROOT
    env = {**os.environ, "PYTHONPATH": str(ROOT), "MENTORLOG_HOME": str(initialized)}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, timeout=60)
    # status reads the timeline, which needs no recurrence rules: neither is imported.
    assert done.stdout.strip().splitlines()[-1] == "False False"
    assert run_process("export", "-f", "ics", env={"MENTORLOG_HOME": str(initialized)}
                       ).stdout.startswith("BEGIN:VCALENDAR")


def test_nothing_to_export_is_one_clear_line(run, home: Path, tmp_path: Path) -> None:
    setup(run, BERLIN, NEW_YORK, "Tue 18:00", gap="2026-11-01..2031-12-31: sabbatical")
    result = run("export", "-f", "ics", "-o", str(tmp_path / "x.ics"))
    assert result.exit_code == 1
    assert result.stderr == "Error: no coming meetings to export (all are in gaps)\n"
    assert not (tmp_path / "x.ics").exists()


def all_occurrences(ics: str) -> list[datetime]:
    """Recurring and single events alike (a moved meeting is an event of its own)."""
    found: list[datetime] = []
    for event in vobject.readOne(ics).vevent_list:
        rules = event.getrruleset(addRDate=True)
        found += (list(itertools.islice(rules, 60)) if rules is not None
                  else [event.dtstart.value])
    return sorted(found, key=lambda d: d.astimezone(UTC))


def test_moved_meetings_are_events_of_their_own_and_their_slots_are_excluded(
        run, initialized: Path) -> None:
    now = {"MENTORLOG_NOW": "2026-12-01T19:10:00+01:00"}
    assert run("week", "--no-input", "--task-status", "done", "--next-task", "Write tests",
               "--next-meeting", "2026-12-10 17:00", env=now).exit_code == 0
    assert run("skip", "--date", "2026-12-15", "--moved-to", "2026-12-17 09:00",
               env=now).exit_code == 0
    assert run("skip", "--date", "2027-01-12", "--moved-to", "2027-01-14 18:00",
               env=now).exit_code == 0
    ics = run("export", "--format", "ics", env=now).stdout
    expected = schedule_starts(run, 6, now["MENTORLOG_NOW"])
    assert [e.isoformat() for e in expected[:4]] == [
        "2026-12-10T17:00:00+01:00", "2026-12-17T09:00:00+01:00", "2027-01-05T18:00:00+01:00",
        "2027-01-14T18:00:00+01:00"]
    got = all_occurrences(ics)[:6]
    assert [g.astimezone(UTC) for g in got] == [e.astimezone(UTC) for e in expected]
    text = ics.replace("\n ", "")
    assert "UID:mentorlog-2026-11-24-moved-20261208T1800@mentorlog\n" in text
    assert "UID:mentorlog-2026-11-24-moved-20261215T1800@mentorlog\n" in text
    assert "DTSTART;TZID=Europe/Berlin:20270105T180000\n" in text  # 8 and 15 Dec moved
    assert "EXDATE;TZID=Europe/Berlin:20270112T180000\n" in text


def test_after_the_end_nothing_comes_later(run, initialized: Path) -> None:
    now = {"MENTORLOG_NOW": "2026-12-02T10:00:00+01:00"}
    assert run("end", "--no-input", "--date", "2026-12-16", env=now).exit_code == 0
    ics = run("export", "--format", "ics", env=now).stdout
    assert "RRULE:FREQ=WEEKLY;UNTIL=20261216T225959Z;BYDAY=TU" in ics.replace("\n ", "")
    got = all_occurrences(ics)
    assert [g.date().isoformat() for g in got] == ["2026-12-08", "2026-12-15"]
    assert [m["start"][:10] for m in json.loads(
        run("schedule", "--json", env=now).stdout)] == ["2026-12-08", "2026-12-15"]
    later = {"MENTORLOG_NOW": "2027-01-10T10:00:00+01:00"}
    ics = run("export", "--format", "ics", env=later).stdout
    assert all(g.date().isoformat() <= "2026-12-16" for g in all_occurrences(ics))
    assert run("schedule", "--json", env=later).stdout.strip() == "[]"
