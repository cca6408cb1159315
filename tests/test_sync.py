"""Sync through git: two clones and a bare repository, as two machines would."""

from __future__ import annotations

import json
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
from conftest import INIT_ARGS, run_process

from mentorlog.sharing.merge import merge_documents, merge_toml, unit_get, unit_label, unit_set

pytestmark = pytest.mark.skipif(not shutil.which("git"), reason="git is not installed")


def ml(home: Path, *args: str, now: str = "2026-11-25T20:00:00") -> subprocess.CompletedProcess:
    return run_process(*args, env={"MENTORLOG_HOME": str(home), "MENTORLOG_NOW": now})


def note(home: Path, text: str, now: str) -> None:
    result = ml(home, "note", text, now=now)
    assert result.returncode == 0, result.stderr


def meeting(home: Path, day: str, next_task: str) -> None:
    result = ml(home, "week", "--no-input", "--date", day, "--task-status", "done",
                "--went-well", "steady", "--next-task", next_task, now=f"{day}T19:10:00")
    assert result.returncode == 0, result.stderr


def synced(home: Path) -> None:
    result = ml(home, "sync")
    assert result.returncode == 0, result.stderr


@pytest.fixture
def machines(tmp_path: Path) -> tuple[Path, Path, Path]:
    bare = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(bare)], check=True)
    a, b = tmp_path / "a", tmp_path / "b"
    assert ml(a, *INIT_ARGS).returncode == 0
    result = ml(a, "sync", "--init", str(bare))
    assert result.returncode == 0, result.stderr
    result = ml(b, "sync", "--init", str(bare))
    assert result.returncode == 0, result.stderr
    assert (b / "agreement.toml").read_bytes() == (a / "agreement.toml").read_bytes()
    return a, b, bare


def test_two_machines_end_with_the_union(machines: tuple[Path, Path, Path]) -> None:
    a, b, _ = machines
    # Week 1: a records the meeting and a note while b writes a note; then both sync.
    note(a, "Written on a after the first meeting", "2026-11-25T20:00:00")
    meeting(a, "2026-12-01", "Task set on a")
    note(b, "Written on b the same week", "2026-11-26T08:00:00")
    synced(a)
    synced(b)
    # Week 2: b records the meeting (with a's task to review) while a writes a note.
    meeting(b, "2026-12-08", "Task set on b")
    note(b, "Another from b", "2026-12-09T08:00:00")
    note(a, "Another from a", "2026-12-09T09:00:00")
    synced(b)
    synced(a)
    synced(b)
    for home in (a, b):
        assert sorted(p.name for p in (home / "meetings").iterdir()) == [
            "2026-12-01.md", "2026-12-08.md"
        ]
        assert len(list((home / "notes").iterdir())) == 4
        tasks = tomllib.loads((home / "tasks.toml").read_text())["tasks"]
        assert [(t["text"], t["status"]) for t in tasks] == [
            ("Read the contributing guide", "done"),
            ("Task set on a", "done"),
            ("Task set on b", "open"),
        ]
        assert ml(home, "check").returncode == 0
    for name in ("tasks.toml", "notes", "meetings"):
        left, right = a / name, b / name
        if left.is_file():
            assert left.read_bytes() == right.read_bytes()


def test_concurrent_records_merge_one_by_one(machines: tuple[Path, Path, Path]) -> None:
    a, b, _ = machines
    for home in (a, b):  # both close the same task the same way, and each sets a new one
        assert ml(home, "task", "done").returncode == 0
    assert ml(a, "task", "set", "task from a").returncode == 0
    assert ml(b, "task", "set", "task from b").returncode == 0
    assert ml(a, "ask", "question from a").returncode == 0
    assert ml(b, "ask", "question from b").returncode == 0
    synced(a)
    synced(b)
    synced(a)
    for home in (a, b):
        tasks = tomllib.loads((home / "tasks.toml").read_text())
        assert sorted(t["text"] for t in tasks["tasks"]) == [
            "Read the contributing guide", "task from a", "task from b"
        ]
        assert len({t["id"] for t in tasks["tasks"]}) == 3
        questions = tomllib.loads((home / "questions.toml").read_text())["questions"]
        assert sorted(q["text"] for q in questions) == ["question from a", "question from b"]
        assert len({q["id"] for q in questions}) == 2
        assert ml(home, "check").returncode == 0
    assert (a / "tasks.toml").read_bytes() == (b / "tasks.toml").read_bytes()


def test_a_real_conflict_keeps_both_versions(machines: tuple[Path, Path, Path]) -> None:
    a, b, _ = machines
    note(a, "Shared note", "2026-11-25T20:00:00")
    synced(a)
    synced(b)
    path = "notes/2026-11-25-shared-note.md"
    for home, who in ((a, "a"), (b, "b")):  # the same note edited by hand on both machines
        file = home / path
        file.write_text(file.read_text() + f"edited on {who}\n")
    assert ml(a, "sync").returncode == 0
    result = ml(b, "sync")
    assert result.returncode == 1
    copy = "conflicts/notes__2026-11-25-shared-note.md"
    assert f"Set aside {copy}: the other machine's version of {path}." in result.stdout
    assert result.stderr == (
        f"Error: 1 conflict(s) wait in conflicts/ ({copy}): each holds a version the live "
        "journal does not; settle them with 'mentorlog sync resolve'\n"
    )
    assert (b / path).read_text().endswith("edited on b\n")
    assert (b / copy).read_text().endswith("edited on a\n")
    assert ml(b, "check").returncode == 0
    assert ml(b, "sync").returncode == 1  # the merge was committed; the conflict still waits
    # a takes b's merge, which replaced a's edit: a keeps its own edit aside, and says so.
    result = ml(a, "sync")
    assert result.returncode == 1
    assert (a / path).read_text().endswith("edited on b\n")
    assert (a / copy).read_text().endswith("edited on a\n")
    # Settled on a (keep mine): b's copy, the same version, goes at b's next sync.
    result = ml(a, "sync", "resolve", "--keep", "mine")
    assert result.returncode == 0, result.stderr
    assert (a / path).read_text().endswith("edited on a\n")
    assert not (a / copy).exists()
    assert ml(a, "sync").returncode == 0
    result = ml(b, "sync")
    assert result.returncode == 0, result.stderr
    assert "Settled 1 conflict(s)" in result.stdout
    assert (b / path).read_text().endswith("edited on a\n")
    assert not (b / copy).exists()


def test_sync_without_init_or_git(tmp_path: Path) -> None:
    home = tmp_path / "h"
    assert ml(home, *INIT_ARGS).returncode == 0
    result = ml(home, "sync")
    assert result.returncode == 1
    assert "not synced yet" in result.stderr
    no_git = {"MENTORLOG_HOME": str(home), "PATH": "/nonexistent"}
    result = run_process("sync", "--init", env=no_git)
    assert result.returncode == 1
    assert result.stderr == (
        "Error: git is not installed (or not on PATH); 'mentorlog sync' needs it\n"
    )


def test_merge_keeps_records_from_both_sides() -> None:
    base = {"schema_version": 1, "next_id": 2, "tasks": [{"id": "t1", "text": "a"}]}
    ours = {**base, "next_id": 3, "tasks": [{"id": "t1", "text": "a", "status": "done"},
                                            {"id": "t2", "text": "ours"}]}
    theirs = {**base, "next_id": 3, "tasks": [{"id": "t1", "text": "a"},
                                              {"id": "t2", "text": "theirs"}]}
    merged, conflicts = merge_documents(base, ours, theirs)
    assert conflicts == []
    assert merged["tasks"] == [
        {"id": "t1", "text": "a", "status": "done"},
        {"id": "t2", "text": "ours"},
        {"id": "t3", "text": "theirs"},
    ]
    assert merged["next_id"] == 4
    _, conflicts = merge_documents({"x": 1}, {"x": 2}, {"x": 3})
    assert conflicts == ["x: kept this machine's value; the other was 3"]


def test_an_older_repository_stops_committing_conflicts(machines: tuple[Path, Path, Path]) -> None:
    """A .gitignore written by an older mentorlog gets the missing lines, and conflict copies
    an older mentorlog committed leave git (the files stay)."""
    a, _, _ = machines
    (a / ".gitignore").write_text("# written by mentorlog sync\n.lock\n.~*.tmp\ndrafts/\n")
    (a / "conflicts").mkdir()
    (a / "conflicts" / "goals.toml").write_text("schema_version = 1\n")
    git = ["git", "-C", str(a)]
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "an older mentorlog"], check=True)
    assert ml(a, "sync").returncode == 1  # the copy waits
    ignored = (a / ".gitignore").read_text().splitlines()
    for line in (".lock", ".journal", ".~*.tmp", ".~*.kept", "drafts/", "conflicts/"):
        assert ignored.count(line) == 1, line
    tracked = subprocess.run([*git, "ls-files"], check=True, capture_output=True,
                             text=True).stdout.split()
    assert "conflicts/goals.toml" not in tracked
    assert (a / "conflicts" / "goals.toml").exists()
    listed = run_process("status", "--json", env={"MENTORLOG_HOME": str(a)})
    assert json.loads(listed.stdout)["conflicts"] == ["conflicts/goals.toml"]
    shown = run_process("status", env={"MENTORLOG_HOME": str(a), "COLUMNS": "200"}).stdout
    assert ("1 sync conflict waiting in conflicts/: settle it with 'mentorlog sync resolve'"
            in shown)
    result = ml(a, "sync", "resolve")  # no terminal: it does not ask
    assert result.returncode == 1
    assert "--keep mine" in result.stderr
    assert ml(a, "sync", "resolve", "--keep", "nobody").returncode == 1
    result = ml(a, "sync", "resolve", "--keep", "mine")
    assert result.returncode == 0, result.stderr
    assert not (a / "conflicts" / "goals.toml").exists()
    assert ml(a, "sync").returncode == 0
    assert json.loads(run_process("status", "--json", env={"MENTORLOG_HOME": str(a)})
                      .stdout)["conflicts"] == []


def test_helped_and_contacts_merge_by_id_across_versions() -> None:
    """A version 1 helped.toml (no ids) on one side, version 2 on the other: the entries get
    the ids the codec gives them, and entries added on both sides are all kept."""
    base = {"schema_version": 1, "helped": [{"on": "d1", "text": "first"}]}
    ours = {"schema_version": 2, "next_id": 3,
            "helped": [{"id": "h1", "on": "d1", "text": "first"},
                       {"id": "h2", "on": "d2", "text": "ours"}]}
    theirs = {"schema_version": 1, "helped": [{"on": "d1", "text": "first"},
                                              {"on": "d3", "text": "theirs"}]}
    merged, conflicts = merge_documents(base, ours, theirs)
    assert conflicts == []
    assert merged == {"schema_version": 2, "next_id": 4, "helped": [
        {"id": "h1", "on": "d1", "text": "first"}, {"id": "h2", "on": "d2", "text": "ours"},
        {"id": "h3", "on": "d3", "text": "theirs"}]}
    both_old = merge_toml({"schema_version": 1, "contacts": []},
                          {"schema_version": 1, "contacts": [{"channel": "slack"}]},
                          {"schema_version": 1, "contacts": [{"channel": "email"}]})
    assert both_old.data["schema_version"] == 2
    assert both_old.data["contacts"] == [{"id": "c1", "channel": "slack"},
                                         {"id": "c2", "channel": "email"}]
    assert both_old.renumbered == {"contacts": {"c1": "c2"}}


def test_a_conflict_names_the_record_to_set_aside() -> None:
    base = {"schema_version": 1, "editor": "vi", "ticked": {"x": 1},
            "goals": [{"id": "g1", "text": "a", "status": "open"}]}
    ours = {**base, "editor": "vim", "ticked": {"x": 2},
            "goals": [{"id": "g1", "text": "ours", "status": "open"}]}
    theirs = {**base, "editor": "nano", "ticked": {"x": 3, "y": 1},
              "goals": [{"id": "g1", "text": "theirs", "status": "done"}]}
    merged = merge_toml(base, ours, theirs)
    assert merged.data["goals"] == [{"id": "g1", "text": "ours", "status": "done"}]
    assert merged.data["ticked"] == {"x": 2, "y": 1}
    assert [(c.unit, c.path) for c in merged.conflicts] == [
        (("editor",), "editor"), (("ticked", "x"), "ticked.x"),
        (("goals", {"id": "g1"}), "goals[id=g1].text"),
    ]
    unit = merged.conflicts[2].unit
    assert unit_label(unit) == "goals g1"
    assert unit_get(theirs, unit) == theirs["goals"][0]
    put = unit_set(merged.data, unit, unit_get(theirs, unit))
    assert put["goals"] == theirs["goals"] and put["editor"] == "vim"
    assert unit_set({}, ("ticked", "x"), 3) == {"ticked": {"x": 3}}
