"""Sync through git: two clones and a bare repository, as two machines would."""

from __future__ import annotations

import shutil
import subprocess
import tomllib
from datetime import date
from pathlib import Path

import pytest
from conftest import INIT_ARGS, run_process

from mentorlog.formats import TASKS
from mentorlog.merge import merge_documents
from mentorlog.model import Document
from mentorlog.store import Store

pytestmark = pytest.mark.skipif(not shutil.which("git"), reason="git is not installed")


def ml(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_process(*args, env={"MENTORLOG_HOME": str(home)})


def add_task(home: Path, text: str) -> None:
    store = Store(home)
    store.update(TASKS, lambda book: book.add(text, date(2026, 11, 25)))


def add_note(home: Path, name: str, text: str) -> None:
    store = Store(home)
    with store.lock():
        store.save_doc(f"notes/{name}.md", Document({"title": name}, text))


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
    add_note(a, "2026-11-25-from-a", "written on a\n")
    add_task(a, "task from a")
    add_note(b, "2026-11-25-from-b", "written on b\n")
    add_task(b, "task from b")
    for home in (a, b, a):
        result = ml(home, "sync")
        assert result.returncode == 0, result.stderr
    for home in (a, b):
        assert sorted(p.name for p in (home / "notes").iterdir()) == [
            "2026-11-25-from-a.md", "2026-11-25-from-b.md"
        ]
        tasks = tomllib.loads((home / "tasks.toml").read_text())
        assert sorted(t["text"] for t in tasks["tasks"]) == [
            "Read the contributing guide", "task from a", "task from b"
        ]
        assert len({t["id"] for t in tasks["tasks"]}) == 3
        assert ml(home, "check").returncode == 0
    assert (a / "tasks.toml").read_text() == (b / "tasks.toml").read_text()


def test_a_real_conflict_keeps_both_versions(machines: tuple[Path, Path, Path]) -> None:
    a, b, _ = machines
    add_note(a, "2026-11-25-shared", "first\n")
    assert ml(a, "sync").returncode == 0
    assert ml(b, "sync").returncode == 0
    add_note(a, "2026-11-25-shared", "edited on a\n")
    add_note(b, "2026-11-25-shared", "edited on b\n")
    assert ml(a, "sync").returncode == 0
    result = ml(b, "sync")
    assert result.returncode == 1
    assert result.stderr.startswith("Error: sync stopped: 1 file(s) changed on both machines")
    assert "Traceback" not in result.stderr
    assert (b / "notes" / "2026-11-25-shared.md").read_text().endswith("edited on b\n")
    kept = (b / "conflicts" / "notes__2026-11-25-shared.md").read_text()
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
