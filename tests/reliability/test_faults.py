"""I/O faults: ENOSPC/EIO at write, fsync and replace, and a real full file system."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import INIT_ARGS

from reliability.kinds import KINDS, Kind
from reliability.support import (
    ROOT,
    TESTS,
    assert_clean_error,
    driver,
    full_run,
    mentorlog,
    rotate,
    snapshot,
    temp_files,
    tmpfs_namespace,
    write_here,
)

OPS = ["write", "fsync", "replace"]
ERRORS = ["ENOSPC", "EIO"]

# Faults are injected through /proc/self/fd (Linux).
pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="fault injection needs Linux")


def _data(home: Path) -> dict[str, tuple[bytes | str, int, int]]:
    """Every data file, byte for byte with its mtime (the lock's holder line aside)."""
    return {name: v for name, v in snapshot(home).items() if name != ".lock"}


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Every kind at every (op, errno) with --full; by default two pairs per kind, rotating,
    so every kind and every pair is tried (the write path is the same store code for all)."""
    if {"k", "op", "err"} <= set(metafunc.fixturenames):
        pairs = [(op, err) for op in OPS for err in ERRORS]
        cases = [(k, op, err) for k, (op, err) in
                 rotate(list(KINDS), pairs, full_run(metafunc.config), per=2)]
        metafunc.parametrize(("k", "op", "err"), cases,
                             ids=[f"{k.name}-{op}-{err}" for k, op, err in cases])


def test_a_failed_save_leaves_the_file_byte_identical_and_says_why(
    k: Kind, op: str, err: str, home: Path
) -> None:
    write_here(home, k, 1)
    before = _data(home)
    proc = driver(home, "write", k.name, "2", fault=f"{op}:{err}")
    code = getattr(errno, err)
    assert_clean_error(proc, f"could not write {home / k.rel}: {os.strerror(code)}")
    assert _data(home) == before
    assert temp_files(home) == []


@pytest.mark.parametrize("op", OPS)
def test_a_failed_save_in_a_real_command_changes_nothing(op: str, home: Path, run) -> None:
    assert run(*INIT_ARGS).exit_code == 0
    before = _data(home)
    proc = mentorlog(home, *INIT_ARGS, "--force", "--mentor", "Grace",
                     fault=f"{op}:ENOSPC:agreement.toml")
    assert_clean_error(proc, f"could not write {home / 'agreement.toml'}: No space left")
    after = _data(home)
    assert after["agreement.toml"] == before["agreement.toml"]  # bytes and mtime
    # goals and tasks were saved again before the agreement, with the same content
    assert {n: v[0] for n, v in after.items()} == {n: v[0] for n, v in before.items()}
    assert temp_files(home) == []


_FULL_DISK_SCRIPT = r"""
set -e
mount -t tmpfs -o size=64k,mode=0700 tmpfs "$FS"
mkdir -m 0700 "$FS/home"
"$PY" -m mentorlog "$@" > /dev/null
"$PY" -c 'import sys
f = open(sys.argv[1], "wb")
try:
    while True:
        f.write(b"x" * 1024); f.flush()
except OSError:
    pass' "$FS/filler"
cp -a "$FS/home" "$OUT/before"
set +e
"$PY" -m mentorlog "$@" --force --mentor "Grace Hopper" > "$OUT/stdout" 2> "$OUT/stderr"
echo $? > "$OUT/rc"
"$PY" -m mentorlog check > "$OUT/check" 2>&1
echo $? > "$OUT/check-rc"
cp -a "$FS/home" "$OUT/after"
"""


def test_a_real_full_file_system_leaves_every_file_as_it_was(tmp_path: Path) -> None:
    prefix = tmpfs_namespace()
    if prefix is None:
        pytest.skip("cannot mount a small tmpfs here (needs unshare -rm or root)")
    fs, out = tmp_path / "fs", tmp_path / "out"
    fs.mkdir()
    out.mkdir()
    env = {**os.environ, "FS": str(fs), "OUT": str(out), "PY": sys.executable,
           "PYTHONPATH": f"{ROOT}{os.pathsep}{TESTS}", "MENTORLOG_HOME": str(fs / "home")}
    proc = subprocess.run([*prefix, "sh", "-c", _FULL_DISK_SCRIPT, "sh", *INIT_ARGS],
                          env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    stderr = (out / "stderr").read_text()
    assert (out / "rc").read_text().strip() == "1", stderr
    assert "Traceback" not in stderr
    assert stderr.startswith(f"Error: could not write {fs / 'home'}/"), stderr
    assert "No space left on device" in stderr
    assert (out / "check-rc").read_text().strip() == "0", (out / "check").read_text()
    before, after = _data(out / "before"), _data(out / "after")
    assert {n: v[0] for n, v in after.items()} == {n: v[0] for n, v in before.items()}
    assert temp_files(out / "after") == []
