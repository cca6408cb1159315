"""Sync through git: two clones and a bare repository, as two machines would."""

from __future__ import annotations

import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
from conftest import INIT_ARGS, run_process

from mentorlog.sharing.merge import merge_documents

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
    assert result.stderr.startswith("Error: sync stopped: 1 file(s) changed on both machines")
    assert "Traceback" not in result.stderr
    assert (b / path).read_text().endswith("edited on b\n")
    kept = (b / "conflicts" / "notes__2026-11-25-shared-note.md").read_text()
    assert kept.endswith("edited on a\n")
    assert ml(b, "check").returncode == 0
    assert ml(b, "sync").returncode == 0  # the merge was committed; sync goes on


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
