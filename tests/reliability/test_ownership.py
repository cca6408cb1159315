"""Ownership and modes: a data folder (or a file in it) that another user owns or that others
may write is refused before anything is read or written; files found at 0644 are made
private when mentorlog next writes."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest
from conftest import INIT_ARGS

from reliability.support import mentorlog, snapshot

OTHER_UID = 65534  # nobody
needs_root = pytest.mark.skipif(
    sys.platform == "win32" or not hasattr(os, "geteuid") or os.geteuid() != 0,
    reason="changing a file's owner needs root",
)
COMMANDS = [["status"], ["log", "-n", "3"], ["task", "set", "--replace", "Forged?"],
            ["note", "hello"], ["check"]]


def _journal(home: Path) -> None:
    assert mentorlog(home, *INIT_ARGS).returncode == 0


def _refused(home: Path, args: list[str], *words: str) -> None:
    before = snapshot(home)
    proc = mentorlog(home, *args)
    assert proc.returncode == 1, proc
    lines = proc.stderr.splitlines()
    if args == ["check"] and not lines[0].startswith("Error: "):  # check lists each problem
        assert len(lines) == 2 and lines[1].startswith("1 problem(s) in "), proc.stderr
    else:
        assert len(lines) == 1 and lines[0].startswith("Error: "), proc.stderr
    assert all(w in lines[0] for w in words), lines[0]
    assert "Traceback" not in proc.stderr
    assert snapshot(home) == before


@needs_root
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_data_folder_owned_by_another_user_is_refused(home: Path, args: list[str]) -> None:
    _journal(home)
    os.chown(home, OTHER_UID, OTHER_UID)
    home.chmod(0o777)
    _refused(home, args, "belongs to another user", "chown")


@needs_root
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_file_owned_by_another_user_is_refused(home: Path, args: list[str]) -> None:
    _journal(home)
    os.chown(home / "tasks.toml", OTHER_UID, OTHER_UID)
    _refused(home, args if args != ["note", "hello"] else ["task"], "tasks.toml",
             "belongs to another user")


@pytest.mark.skipif(sys.platform == "win32", reason="Unix modes")
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_folder_or_file_others_may_write_is_refused(home: Path, args: list[str]) -> None:
    _journal(home)
    home.chmod(0o777)
    _refused(home, args, "can be changed by other users", "chmod")
    home.chmod(0o700)
    (home / "tasks.toml").chmod(0o666)
    _refused(home, args if args != ["note", "hello"] else ["task"], "tasks.toml",
             "can be changed by other users")


@pytest.mark.skipif(sys.platform == "win32", reason="Unix modes")
def test_files_found_at_0644_are_made_private_by_the_next_write(home: Path) -> None:
    _journal(home)
    home.chmod(0o755)
    for path in home.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    assert mentorlog(home, "status").returncode == 0  # a read changes nothing
    assert stat.S_IMODE((home / "tasks.toml").stat().st_mode) == 0o644
    assert mentorlog(home, "ask", "Is this private now?").returncode == 0
    for path in [home, *home.rglob("*")]:
        want = 0o700 if path.is_dir() else 0o600
        assert stat.S_IMODE(path.stat().st_mode) == want, path
