"""Permissions: whatever the umask, every folder is 0700 and every file 0600."""

from __future__ import annotations

import stat
import sys
from pathlib import Path

import pytest
from conftest import INIT_ARGS

from reliability.kinds import KINDS
from reliability.support import driver, mentorlog, temp_files

# Every `export --format X`: add a format here (md, json, html, ...) and each export test
# covers it.
EXPORT_FORMATS: tuple[str, ...] = ("ics",)
# Commands that write outside the usual data files (argv, and the path of the file they write
# relative to the test's tmp folder).
EXPORTS: tuple[tuple[tuple[str, ...], str], ...] = tuple(
    (("export", "--format", fmt, "-o", f"{{tmp}}/export.{fmt}"), f"export.{fmt}")
    for fmt in EXPORT_FORMATS
)

# Faults are injected through /proc/self/fd (Linux).
pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="fault injection needs Linux")


def _modes(folder: Path) -> dict[str, int]:
    modes = {str(folder): stat.S_IMODE(folder.stat().st_mode)}
    for p in folder.rglob("*"):
        modes[str(p)] = stat.S_IMODE(p.lstat().st_mode)
    return modes


@pytest.mark.parametrize("umask", [0o022, 0o000, 0o077])
def test_every_folder_is_0700_and_every_file_0600(
    umask: int, home: Path, tmp_path: Path
) -> None:
    assert mentorlog(home, *INIT_ARGS, umask=umask).returncode == 0
    every = ",".join(k.name for k in KINDS if k.name != "agreement")  # drafts included
    assert driver(home, "write", every, "1", umask=umask).returncode == 0
    # an editor that fails keeps its draft (drafts/agreement.toml)
    kept = mentorlog(home, "agreement", "edit", umask=umask, EDITOR="false")
    assert kept.returncode == 1 and "draft is kept" in kept.stderr
    # a crash right before the rename leaves a temp file
    crashed = driver(home, "write", "goals", "2", fault="replace:KILL", umask=umask)
    assert crashed.returncode != 0 and temp_files(home)
    for args, rel in EXPORTS:
        proc = mentorlog(home, *(a.format(tmp=tmp_path) for a in args), umask=umask)
        assert proc.returncode == 0, proc.stderr
        assert stat.S_IMODE((tmp_path / rel).stat().st_mode) == 0o600
    modes = _modes(home)
    names = {Path(p).name for p in modes}
    assert {".lock", "drafts", "notes", "meetings", "reviews"} <= names
    assert {Path(k.rel).name for k in KINDS} <= names
    for path, mode in modes.items():
        want = 0o700 if Path(path).is_dir() else 0o600
        assert mode == want, f"{path} is {mode:o}, expected {want:o}"


def test_a_loose_data_folder_is_tightened_on_the_next_write(home: Path) -> None:
    home.mkdir(mode=0o755)
    home.chmod(0o755)
    assert mentorlog(home, *INIT_ARGS).returncode == 0
    assert stat.S_IMODE(home.stat().st_mode) == 0o700


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_every_export_is_0600_new_replaced_or_inside_the_data_folder(
    fmt: str, home: Path, tmp_path: Path
) -> None:
    assert mentorlog(home, *INIT_ARGS, umask=0o022).returncode == 0
    new, old, inside = tmp_path / f"new.{fmt}", tmp_path / f"old.{fmt}", home / f"in.{fmt}"
    old.write_bytes(b"an older export\n")
    old.chmod(0o644)
    for target, extra in ((new, ()), (old, ("--force",)), (inside, ())):
        proc = mentorlog(home, "export", "--format", fmt, "-o", str(target), *extra,
                         umask=0o022)
        assert proc.returncode == 0, proc.stderr
        assert stat.S_IMODE(target.stat().st_mode) == 0o600, target
    assert temp_files(tmp_path) == [] and temp_files(home) == []
