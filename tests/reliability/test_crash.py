"""Crash: SIGKILL during saves leaves every file whole (old or new); temp files are swept."""

from __future__ import annotations

import os
import random
import signal
import stat
import sys
import time
from pathlib import Path

import pytest

from mentorlog.storage.check import check_all
from mentorlog.storage.store import Store
from reliability.kinds import KINDS, Kind
from reliability.support import (
    driver,
    full_run,
    rotate,
    start_driver,
    temp_files,
    write_here,
)

KILLS = 4  # per kind by default; --full / MENTORLOG_FULL_TESTS=1 makes it FULL_KILLS
FULL_KILLS = 500

# Faults are injected through /proc/self/fd (Linux).
pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="fault injection needs Linux")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Every kind killed at every step with --full; by default one step per kind, rotating
    (every step is the same store code for every kind)."""
    if {"k", "op"} <= set(metafunc.fixturenames):
        cases = rotate(list(KINDS), ["write", "fsync", "replace"], full_run(metafunc.config))
        metafunc.parametrize(("k", "op"), cases, ids=[f"{k.name}-{op}" for k, op in cases])


def test_a_crash_at_each_step_of_a_save_keeps_the_old_file_and_the_next_write_sweeps(
    k: Kind, op: str, home: Path
) -> None:
    write_here(home, k, 1)
    before = (home / k.rel).read_bytes()
    crashed = driver(home, "write", k.name, "2", fault=f"{op}:KILL", umask=0o022)
    assert crashed.returncode == -signal.SIGKILL
    assert (home / k.rel).read_bytes() == before
    left = temp_files(home)  # the new version being written, and the old one kept
    assert left and all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in left)
    write_here(home, k, 3)
    assert temp_files(home) == []
    assert k.version(Store(home)) == 3


@pytest.mark.parametrize("k", KINDS, ids=lambda k: k.name)
def test_sigkill_at_random_moments_leaves_each_file_the_old_or_the_new_version(
    k: Kind, home: Path, full: bool
) -> None:
    seed = int(os.environ.get("MENTORLOG_TEST_SEED") or time.time_ns() % 10**9)
    rng = random.Random(seed)
    write_here(home, k, 1)
    on_disk = 1
    for kill in range(FULL_KILLS if full else KILLS):
        child = start_driver(home, "loop", k.name, str(on_disk + 1))
        assert child.stdout is not None
        first = child.stdout.readline()  # one save done: from here on it is saving in a loop
        time.sleep(rng.uniform(0, 0.03))
        child.send_signal(signal.SIGKILL)
        rest, _ = child.communicate()
        last = int((first + rest).split()[-1])
        on_disk = k.version(Store(home))
        assert on_disk in (last, last + 1), f"kill {kill}, MENTORLOG_TEST_SEED={seed}"
        for tmp in temp_files(home):
            assert stat.S_IMODE(tmp.stat().st_mode) == 0o600
    problems, _ = check_all(Store(home))
    assert problems == []
    write_here(home, k, on_disk + 1)
    assert temp_files(home) == []
    assert k.version(Store(home)) == on_disk + 1
