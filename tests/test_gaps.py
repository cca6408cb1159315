"""`mentorlog gap add|list|remove`, and gaps in `status` and `schedule`."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path


def test_gap_add_records_it_and_prints_a_note_for_the_mentor(run, initialized: Path) -> None:
    result = run("gap", "add", "2027-02-01..2027-02-14", "conference trip")
    assert result.exit_code == 0, result
    assert "Added the gap 2027-02-01..2027-02-14: conference trip (2 meetings off)." \
        in result.stdout
    assert ("Hi Ada, a heads-up: I'm not available from Mon 1 Feb 2027 to Sun 14 Feb 2027 "
            "(conference trip). So we'd skip our meetings on Tue 2 Feb 12:00, Tue 9 Feb 12:00 "
            "(your time). Our next meeting would be Tue 16 Feb 12:00 your time (18:00 mine). "
            "Does that still work for you?") in result.stdout
    gaps = tomllib.loads((initialized / "agreement.toml").read_text())["gaps"]
    assert [(str(g["start"]), str(g["end"]), g["reason"]) for g in gaps] == [
        ("2026-12-21", "2027-01-03", "holidays"),
        ("2027-02-01", "2027-02-14", "conference trip"),
    ]
    starts = [m["start"] for m in json.loads(
        run("schedule", "--json", "-n", "3", env={"MENTORLOG_NOW": "2027-01-25T10:00:00"}
            ).stdout)]
    assert starts == ["2027-01-26T18:00:00+01:00", "2027-02-16T18:00:00+01:00",
                      "2027-02-23T18:00:00+01:00"]


def test_gaps_are_kept_by_start_date(run, initialized: Path) -> None:
    assert run("gap", "add", "2026-12-01..2026-12-02").exit_code == 0
    listed = run("gap", "list").stdout.splitlines()
    assert listed == ["1. 2026-12-01..2026-12-02", "2. 2026-12-21..2027-01-03: holidays"]


def test_an_overlap_is_refused_and_nothing_is_written(run, initialized: Path) -> None:
    before = (initialized / "agreement.toml").read_bytes()
    result = run("gap", "add", "2027-01-02..2027-01-10", "ski")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: 2027-01-02..2027-01-10 overlaps gap 1 (2026-12-21..2027-01-03: holidays); "
        "remove that one first ('mentorlog gap remove N') or pick other dates\n"
    )
    assert (initialized / "agreement.toml").read_bytes() == before


def test_a_bad_range_is_one_line(run, initialized: Path) -> None:
    result = run("gap", "add", "2027-02-10..2027-02-01")
    assert result.exit_code == 1
    assert result.stderr == "Error: '2027-02-10..2027-02-01' ends before it starts\n"


def test_a_gap_with_no_meeting_in_it(run, initialized: Path) -> None:
    result = run("gap", "add", "2026-12-02..2026-12-03")
    assert "(0 meetings off)" in result.stdout
    assert "skip our meeting" not in result.stdout
    assert "Our next meeting would be Tue 8 Dec 12:00 your time" in result.stdout


def test_gap_list_and_remove(run, initialized: Path) -> None:
    run("gap", "add", "2027-02-01..2027-02-14", "trip")
    data = json.loads(run("gap", "list", "--json").stdout)
    assert [(g["number"], g["start"], g["current"]) for g in data] == [
        (1, "2026-12-21", False), (2, "2027-02-01", False)]
    later = run("gap", "list", env={"MENTORLOG_NOW": "2026-12-23T10:00:00"}).stdout
    assert "1. 2026-12-21..2027-01-03: holidays (now)" in later
    after_both = run("gap", "list", env={"MENTORLOG_NOW": "2027-03-01T10:00:00"})
    assert after_both.stdout == "No gaps coming.\n"
    assert "1. 2026-12-21" in run("gap", "list", "--all",
                                  env={"MENTORLOG_NOW": "2027-03-01T10:00:00"}).stdout
    result = run("gap", "remove", "2026-12-21")
    assert result.stdout == "Removed the gap 2026-12-21..2027-01-03: holidays.\n"
    assert run("gap", "remove", "1").exit_code == 0
    assert run("gap", "list").stdout == "No gaps agreed.\n"
    result = run("gap", "remove", "3")
    assert result.exit_code == 1
    assert result.stderr == "Error: there is no gap 3 (there are 0; see 'mentorlog gap list')\n"
    assert run("gap", "remove", "soon").stderr.startswith("Error: 'soon' is neither")


def test_status_shows_the_next_gap_and_the_current_one(run, initialized: Path) -> None:
    result = run("status")
    assert "Next gap" in result.stdout
    assert "2026-12-21..2027-01-03: holidays (in 27 days)" in result.stdout
    data = json.loads(run("status", "--json").stdout)
    assert data["next_gap"] == {"start": "2026-12-21", "end": "2027-01-03", "reason": "holidays"}
    during = json.loads(run("status", "--json",
                            env={"MENTORLOG_NOW": "2026-12-23T10:00:00"}).stdout)
    assert during["gap"]["reason"] == "holidays" and during["next_gap"] is None
