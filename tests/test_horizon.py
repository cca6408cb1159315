"""The agreement's horizon: a planned end (at least three months after the start, as the
guide's Requirements 3 asks) and a renegotiation point, set by `init` or `agreement edit`,
shown by `agreement`, brought up by `remind` a week ahead; agreement.toml version 2 only when
used."""

from __future__ import annotations

import json
import tomllib
from datetime import date
from pathlib import Path

import tomli_w
from conftest import INIT_ARGS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentorlog.core.agreement import Agreement, Mentor, earliest_end
from mentorlog.storage.codecs.agreement import agreement_from_dict, agreement_to_dict

HORIZON = ["--until", "2027-05-24", "--renegotiate-on", "2027-02-23"]


def _kinds(run, now: str) -> dict[str, str]:
    found = json.loads(run("remind", "--json", env={"MENTORLOG_NOW": now}).stdout)
    return {r["kind"]: r["text"] for r in found if r["kind"] in ("renegotiate", "planned-end")}


def test_init_records_the_horizon_and_agreement_shows_it(run, home: Path) -> None:
    assert run(*INIT_ARGS, *HORIZON).exit_code == 0
    shown = run("agreement").stdout
    assert "Horizon     until Mon 24 May 2027\n            renegotiate on Tue 23 Feb 2027" in shown
    data = json.loads(run("agreement", "--json").stdout)
    assert (data["schema_version"], data["planned_end"], data["renegotiate_on"]) == (
        2, "2027-05-24", "2027-02-23")
    assert run("check").exit_code == 0


def test_a_planned_end_under_three_months_is_refused(run, home: Path) -> None:
    result = run(*INIT_ARGS, "--until", "in 2 months")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: a planned end on 2027-01-24 is under three months from the start "
        "(2026-11-24): the guide asks you to be able to participate for at least 3 months, "
        "preferably longer — plan to end on 2027-02-24 or later\n")
    assert not (home / "agreement.toml").exists()
    late = run(*INIT_ARGS, "--until", "2027-03-01", "--renegotiate-on", "2027-04-01")
    assert late.stderr == ("Error: the renegotiation point 2027-04-01 is after the planned "
                           "end (2027-03-01)\n")
    early = run(*INIT_ARGS, "--renegotiate-on", "2026-11-24")
    assert early.stderr == ("Error: the renegotiation point 2026-11-24 is not after the start "
                            "(2026-11-24)\n")
    assert run(*INIT_ARGS, "--until", "someday").exit_code == 1
    assert not (home / "agreement.toml").exists()
    # Three calendar months, even from the end of a month.
    assert earliest_end(date(2027, 1, 31)) == date(2027, 4, 30)
    assert run(*INIT_ARGS, "--until", "2027-02-24").exit_code == 0


def test_agreement_edit_sets_and_removes_the_horizon(run, initialized: Path) -> None:
    path = initialized / "agreement.toml"
    before = path.read_bytes()
    short = run("agreement", "edit", "--until", "2027-01-31")
    assert short.exit_code == 1
    assert "is under three months from the start (2026-11-24)" in short.stderr
    assert path.read_bytes() == before
    result = run("agreement", "edit", *HORIZON)
    assert result.exit_code == 0, result
    assert " ".join(result.stdout.split()).endswith(
        "agreement.toml: until Mon 24 May 2027, renegotiate on Tue 23 Feb 2027.")
    assert tomllib.loads(path.read_text())["planned_end"] == date(2027, 5, 24)
    run("agreement", "edit", "--renegotiate-on", "none")
    data = tomllib.loads(path.read_text())
    assert "renegotiate_on" not in data and data["schema_version"] == 2
    run("agreement", "edit", "--until", "none")
    assert path.read_bytes() == before  # no horizon: version 1, as it was


def test_an_edit_in_the_editor_is_checked_against_the_guide(run, initialized: Path,
                                                            tmp_path: Path) -> None:
    editor = tmp_path / "editor.sh"
    editor.write_text("#!/bin/sh\nsed -i '1a planned_end = 2027-01-01' \"$1\"\n")
    editor.chmod(0o755)
    before = (initialized / "agreement.toml").read_bytes()
    result = run("agreement", "edit", env={"EDITOR": str(editor)})
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: your edit was not saved: a planned end on "
                                    "2027-01-01 is under three months from the start")
    assert (initialized / "agreement.toml").read_bytes() == before


def test_remind_brings_the_horizon_up_a_week_ahead(run, home: Path) -> None:
    assert run(*INIT_ARGS, *HORIZON).exit_code == 0
    assert _kinds(run, "2027-02-15T10:00:00+01:00") == {}
    assert _kinds(run, "2027-02-16T10:00:00+01:00")["renegotiate"] == (
        "Renegotiate your mentorship on Tue 23 Feb 2027 (in 7 days): talk with your mentor "
        "about how it goes and whether to go on; 'mentorlog agreement edit' records what you "
        "agree")
    assert _kinds(run, "2027-02-23T10:00:00+01:00")["renegotiate"].startswith(
        "Renegotiate your mentorship today:")
    assert _kinds(run, "2027-02-25T10:00:00+01:00")["renegotiate"].startswith(
        "Renegotiate your mentorship since Tue 23 Feb 2027:")
    assert _kinds(run, "2027-03-03T10:00:00+01:00") == {}
    assert _kinds(run, "2027-05-23T10:00:00+02:00") == {"planned-end": (
        "Your mentorship's planned end is tomorrow: close it with 'mentorlog end', or agree "
        "to go on ('mentorlog agreement edit --until WHEN')")}
    text = run("remind", env={"MENTORLOG_NOW": "2027-05-23T10:00:00+02:00"}).stdout
    assert "Your mentorship's planned end is tomorrow" in text
    run("end", "--no-input", env={"MENTORLOG_NOW": "2027-05-20T10:00:00+02:00"})
    assert _kinds(run, "2027-05-23T10:00:00+02:00") == {}  # ended: nothing needs you


def test_an_old_agreement_reads_and_stays_version_1(run, initialized: Path) -> None:
    path = initialized / "agreement.toml"
    before = path.read_bytes()
    assert tomllib.loads(before.decode())["schema_version"] == 1
    assert "Horizon" not in run("agreement").stdout
    assert run("gap", "add", "2027-02-01..2027-02-07", "a conference").exit_code == 0
    assert tomllib.loads(path.read_text())["schema_version"] == 1
    assert "planned_end" not in path.read_text()


DAYS = st.dates(min_value=date(2026, 1, 1), max_value=date(2030, 12, 31))


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DAYS, st.none() | st.integers(0, 2000), st.none() | st.integers(0, 2000))
def test_agreement_horizon_round_trip(start: date, end: int | None,
                                      renegotiate: int | None) -> None:
    from datetime import timedelta

    a = Agreement(Mentor("Ada 🎉 \"\"\"", "a@b", "America/New_York"), "Europe/Berlin", start,
                  planned_end=None if end is None else start + timedelta(days=end),
                  renegotiate_on=None if renegotiate is None else start + timedelta(
                      days=renegotiate))
    data = tomllib.loads(tomli_w.dumps(agreement_to_dict(a)))
    assert data["schema_version"] == (1 if end is None and renegotiate is None else 2)
    assert agreement_from_dict(data) == a
