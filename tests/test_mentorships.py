"""Several mentorships side by side, and ending one with a retrospective."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import INIT_ARGS


def test_two_mentorships_never_see_each_others_data(run, home: Path) -> None:
    assert run(*INIT_ARGS).exit_code == 0
    second = ["--mentorship", "grace", "init", "--no-input", "--mentor", "Grace Hopper",
              "--tz", "America/New_York", "--slot", "Thu 09:00", "--goal30", "Write a compiler"]
    assert run(*second).exit_code == 0
    assert (home / "mentorships" / "grace" / "agreement.toml").exists()

    first = json.loads(run("status", "--json").stdout)
    other = json.loads(run("--mentorship", "grace", "status", "--json").stdout)
    via_env = json.loads(run("status", "--json", env={"MENTORLOG_MENTORSHIP": "grace"}).stdout)
    assert first["mentor"] == "Ada Lovelace"
    assert other == via_env
    assert other["mentor"] == "Grace Hopper"
    assert [g["text"] for g in other["goals"]] == ["Write a compiler"]
    assert "Write a compiler" not in json.dumps(first)
    assert other["task"] is None


def test_mentorships_lists_them_and_end_keeps_everything(run, home: Path) -> None:
    assert run(*INIT_ARGS).exit_code == 0
    assert run("--mentorship", "grace", "init", "--no-input", "--mentor", "Grace",
               "--tz", "UTC", "--slot", "Mon 10:00").exit_code == 0
    before = (home / "agreement.toml").read_bytes()
    result = run("end", "--no-input", "--went-well", "a steady weekly rhythm",
                 "--could-improve", "more pairing", "--next", "mentor someone",
                 "--date", "2027-03-01")
    assert result.exit_code == 0, result
    assert (home / "agreement.toml").read_bytes() == before
    retro = (home / "retrospective.md").read_text()
    assert "## What went well?\n\na steady weekly rhythm" in retro
    rows = json.loads(run("mentorships", "--json").stdout)
    assert [(r["name"], r["mentor"], r["ended_on"]) for r in rows] == [
        ("default", "Ada Lovelace", "2027-03-01"), ("grace", "Grace", None)
    ]
    again = run("end", "--no-input")
    assert again.exit_code == 1 and "already ended" in again.stderr
    assert run("check").exit_code == 0


def test_bad_mentorship_names_are_refused(run, home: Path) -> None:
    for name in ["../x", "/etc/passwd", "a/b", "a b", "Grace!", "x" * 41, "..", ""]:
        result = run("--mentorship", name, "status")
        if name == "":
            continue  # empty means the default
        assert result.exit_code == 1, name
        assert result.stderr.startswith("Error: ") and "not a mentorship name" in result.stderr
    assert not home.exists()
