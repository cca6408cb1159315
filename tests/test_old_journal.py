"""A journal written before issues 16-18 (tests/data/journal-4d7d810, made by the code of commit
4d7d810 with tests/data/make_journal_4d7d810.sh: init, notes of each privacy, questions,
weekly meetings, a skip, a gap, a monthly review, follow-ups, helped, contacts, checklist
ticks, config; open, ended, and reopened) read with today's code: every read command works,
`check` is clean, no file is rewritten by a read, and a write changes only the files it must,
leaving the old versions where nothing new is used."""

from __future__ import annotations

import json
import os
import shutil
import tomllib
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
OLD = DATA / "journal-4d7d810"
NOW = {"MENTORLOG_NOW": "2026-12-03T12:00:00+01:00"}  # after the old `end` on 1 December

READS = [
    ["status"], ["status", "--json"], ["agenda"], ["agenda", "--json"],
    ["agenda", "--format", "md"], ["remind"], ["remind", "--json"],
    ["agreement"], ["agreement", "--json"],
    ["goals"], ["goals", "--all", "--json"], ["goals", "--timeline"],
    ["task"], ["task", "--json"], ["task", "history"],
    ["log"], ["log", "--json"], ["show", "n1"], ["show", "2026-09-08"], ["show", "q1"],
    ["schedule"], ["schedule", "--past"], ["schedule", "--json"],
    ["contact", "email"], ["gap", "list"], ["helped"], ["helped", "--json"],
    ["followup"], ["followup", "--json"], ["checklist"], ["checklist", "--json"],
    ["config", "list"], ["mentorships"],
    ["skills"], ["skills", "--json"], ["checkin", "--list"], ["checkin", "--json"],
    ["people"], ["people", "--json"], ["report"], ["report", "--json"],
    ["export", "--format", "md"], ["export", "--format", "json"],
    ["export", "--format", "html"], ["export", "--format", "ics"],
]


def _journal(home: Path, state: str = "open") -> Path:
    """The old journal in `home`: as it was left open, after the old `end`, or after the old
    `reopen` (which keeps the retrospective as a draft)."""
    shutil.copytree(OLD, home)
    retrospective = DATA / "retrospective-4d7d810.md"
    if state == "ended":
        shutil.copy(retrospective, home / "retrospective.md")
    elif state == "reopened":
        (home / "drafts").mkdir()
        shutil.copy(retrospective, home / "drafts" / "retrospective.md")
    for folder, _, files in os.walk(home):
        os.chmod(folder, 0o700)
        for name in files:
            os.chmod(os.path.join(folder, name), 0o600)
    return home


def _files(home: Path) -> dict[str, tuple[bytes, int]]:
    """Every data file: its bytes and when it was last written."""
    return {str(p.relative_to(home)): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(home.rglob("*")) if p.is_file() and p.name != ".lock"}


@pytest.mark.parametrize("state", ["open", "ended", "reopened"])
def test_every_read_command_reads_an_old_journal_and_writes_nothing(run, home: Path,
                                                                    state: str) -> None:
    _journal(home, state)
    before = _files(home)
    for args in READS:
        result = run(*args, env=NOW)
        assert result.exit_code == 0, (args, result)
        assert "Traceback" not in result.stdout + result.stderr, args
        if args[0] == "export" and args[-1] != "ics":
            assert result.stderr == ("Left out 2 confidential and 6 private entries (add "
                                     "--include-confidential / --include-private to include "
                                     "them).\n"), args
        else:
            assert result.stderr == "", (args, result.stderr)
        if "--json" in args or args[-1] == "json":
            json.loads(result.stdout)
    check = run("check", env=NOW)
    assert check.exit_code == 0
    data_files = [f for f in before if not f.startswith("drafts")]  # a draft is not data
    assert check.stdout == f"All {len(data_files)} file(s) in {home} are fine.\n"
    assert _files(home) == before  # no read rewrote, migrated or touched a file


def test_an_old_journal_shows_what_the_old_code_recorded(run, home: Path) -> None:
    _journal(home)
    data = json.loads(run("report", "--json", env=NOW).stdout)
    assert [(m["month"], m["meetings"], m["hours"], m["tasks_done"], m["tasks_total"],
             m["goals_done"], m["questions_answered"]) for m in data["months"]] == [
        ("2026-09", 3, 2.75, 1, 3, 0, 1), ("2026-10", 2, 2.0, 2, 2, 1, 1),
        ("2026-11", 3, 3.5, 2, 3, 1, 0), ("2026-12", 0, 0.0, 0, 0, 0, 0)]
    assert (data["skills"], [c["mood"] for c in data["checkins"]]) == ([], [None] * 4)
    status = json.loads(run("status", "--json", env=NOW).stdout)
    assert (status["meetings_held"], status["meetings_skipped"]) == (8, 1)
    agreement = json.loads(run("agreement", "--json", env=NOW).stdout)
    assert agreement["schema_version"] == 1
    assert "planned_end" not in agreement and "renegotiate_on" not in agreement
    goals = json.loads(run("goals", "--all", "--json", env=NOW).stdout)
    assert sorted((g["id"], g["status"], g["measure"], g["steps"], g["support"])
                  for g in goals) == [
        ("g1", "done", "", [], ""), ("g2", "done", "", [], ""), ("g3", "open", "", [], ""),
        ("g4", "open", "", [], ""), ("g5", "open", "", [], "")]
    followups = json.loads(run("followup", "--json", env=NOW).stdout)
    assert [(f["id"], f["kind"]) for f in followups] == [("f2", "todo"), ("i3", "intro")]
    assert json.loads(run("people", "--json", env=NOW).stdout) == []
    assert "n3" in run("log", env=NOW).stdout  # notes without ids numbered by file name


def test_writes_to_an_old_journal_change_only_what_they_must(run, home: Path) -> None:
    _journal(home)

    def write(*args: str, new: set[str] = frozenset(), changed: set[str] = frozenset(),
              now: str = NOW["MENTORLOG_NOW"]) -> None:
        before = _files(home)
        result = run(*args, env={"MENTORLOG_NOW": now})
        assert result.exit_code == 0, (args, result)
        after = _files(home)
        assert set(after) - set(before) == new, args
        # (`week` writes its whole transaction, the unchanged questions too, as it always did)
        assert {f for f in before if after[f][0] != before[f][0]} == changed, args

    def version(name: str) -> int:
        return int(tomllib.loads((home / name).read_text())["schema_version"])

    write("skills", "rate", "Writing tests", "2", new={"skills.toml"})
    write("checkin", "--no-input", "--working", "4", new={"checkins.toml"})
    write("people", "add", "Grace Hopper", new={"people.toml"}, changed={"opportunities.toml"})
    write("goals", "add", "Write a post", "--horizon", "30", changed={"goals.toml"})
    assert version("goals.toml") == 1  # no SMART plan: the old version, readable by old code
    write("goals", "edit", "g5", "--measure", "published", changed={"goals.toml"})
    assert version("goals.toml") == 2
    old_agreement = tomllib.loads((OLD / "agreement.toml").read_text())
    write("agreement", "edit", "--until", "2027-06-01", changed={"agreement.toml"})
    agreement = tomllib.loads((home / "agreement.toml").read_text())
    assert agreement.pop("planned_end").isoformat() == "2027-06-01"
    assert agreement.pop("schema_version") == 2
    assert agreement == {k: v for k, v in old_agreement.items() if k != "schema_version"}
    write("note", "a new note", new={"notes/2026-12-03-a-new-note.md"})
    write("week", "--no-input", "--date", "2026-12-01", "--task-status", "done",
          "--next-task", "Write the talk", new={"meetings/2026-12-01.md"},
          changed={"tasks.toml"})
    write("end", "--no-input", "--went-well", "a", "--next", "b", "--skill",
          "writing tests=3", new={"retrospective.md"}, changed={"skills.toml"})
    for name in ("checklist.toml", "config.toml", "contacts.toml", "helped.toml",
                 "questions.toml", "meetings/2026-09-08.md",
                 "notes/2026-09-03-paired-with-sam-on-the-parser.md", "reviews/2026-10-01.md"):
        assert (home / name).read_bytes() == (OLD / name).read_bytes(), name
    assert version("tasks.toml") == 1
    assert run("check", env=NOW).exit_code == 0
