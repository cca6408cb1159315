"""Concurrency: two writers at once lose nothing; the lock waits, gives up with a reason,
and a killed holder frees it at once."""

from __future__ import annotations

import signal
import subprocess
import threading
from pathlib import Path

import pytest
from conftest import INIT_ARGS

from mentorlog.storage.check import check_all
from mentorlog.storage.store import Store
from reliability.kinds import KINDS, Kind
from reliability.support import assert_clean_error, mentorlog, start_driver, temp_files

# The full form: two processes each adding 200 notes and 50 tasks at once (and 50 of
# every other kind of record that accumulates). By default a quarter of that.
FULL = {"note": 200, "tasks": 50}
FULL_DEFAULT = 50


def _counts(full: bool) -> dict[str, int]:
    counts = {k.name: FULL.get(k.name, FULL_DEFAULT) for k in KINDS if k.add}
    return counts if full else {name: n // 4 for name, n in counts.items()}


def _added(k: Kind, st: Store) -> list[str]:
    """The records the writers added (tagged A-... or B-...), whatever was there before."""
    assert k.records is not None
    return sorted(r for r in k.records(st) if r.startswith(("A-", "B-")))


def test_two_processes_adding_records_at_once_lose_none(home: Path, full: bool) -> None:
    counts = _counts(full)
    assert {"note", "tasks"} <= set(counts)
    if full:  # the exact form
        assert counts["note"] == 200 and counts["tasks"] == 50
    spec = ",".join(f"{name}={n}" for name, n in counts.items())
    writers = [start_driver(home, "add", spec, tag) for tag in ("A", "B")]
    for w in writers:
        _, err = w.communicate(timeout=600)
        assert w.returncode == 0, err
        assert "Traceback" not in err
    st = Store(home)
    for k in KINDS:
        if k.add and k.records:
            expected = [f"{tag}-{k.name}-{i}" for tag in "AB" for i in range(counts[k.name])]
            assert _added(k, st) == sorted(expected), k.name
    assert check_all(st)[0] == []
    assert temp_files(home) == []


CLI_KINDS = [k for k in KINDS if k.cli_add]


def test_two_command_loops_adding_records_at_once_lose_none(
    home: Path, full: bool, run
) -> None:
    """Two loops of real commands (`note`, `ask`, `helped`, `contact log`, `goals add`, ...),
    each adding records of every kind that has a command, at the same time."""
    assert CLI_KINDS
    assert run(*INIT_ARGS).exit_code == 0
    count = 50 if full else 4
    failures: list[subprocess.CompletedProcess[str]] = []

    def loop(tag: str) -> None:
        for i in range(count):
            for k in CLI_KINDS:
                proc = mentorlog(home, *k.cli_add(i, f"{tag}-{k.name}-{i}"))  # type: ignore[misc]
                if proc.returncode != 0 or "Traceback" in proc.stderr:
                    failures.append(proc)

    threads = [threading.Thread(target=loop, args=(tag,)) for tag in "AB"]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
    st = Store(home)
    for k in CLI_KINDS:
        expected = [f"{tag}-{k.name}-{i}" for tag in "AB" for i in range(count)]
        assert _added(k, st) == sorted(expected), k.name
    assert check_all(st)[0] == []
    assert temp_files(home) == []


def _hold(home: Path) -> subprocess.Popen[str]:
    holder = start_driver(home, "hold")
    assert holder.stdout is not None
    assert holder.stdout.readline().startswith("locked")
    return holder


def test_a_held_lock_makes_a_writer_give_up_after_the_timeout_naming_the_holder(
    home: Path,
) -> None:
    holder = _hold(home)
    try:
        proc = mentorlog(home, *INIT_ARGS, MENTORLOG_LOCK_TIMEOUT="0.3")
        assert_clean_error(proc, f"is locked by pid {holder.pid} (mentorlog hold)",
                           "gave up after 0.3 s")
        assert not (home / "agreement.toml").exists()
    finally:
        holder.kill()
        holder.communicate()


def test_a_writer_waits_for_the_lock_and_then_saves(home: Path) -> None:
    holder = _hold(home)
    writer = subprocess.Popen(
        mentorlog_argv(), env=_env(home, MENTORLOG_LOCK_TIMEOUT="60"),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True,
    )
    assert writer.stderr is not None
    line = writer.stderr.readline()  # printed once it has waited half a second
    assert line == f"Waiting for pid {holder.pid} (mentorlog hold) to finish...\n"
    assert writer.poll() is None and not (home / "agreement.toml").exists()
    holder.communicate(input="")  # releases the lock
    out, err = writer.communicate(timeout=60)
    assert writer.returncode == 0, err
    assert (home / "agreement.toml").exists()


def test_a_sigkilled_holder_frees_the_lock_at_once(home: Path) -> None:
    holder = _hold(home)
    holder.send_signal(signal.SIGKILL)
    holder.communicate()
    proc = mentorlog(home, *INIT_ARGS, MENTORLOG_LOCK_TIMEOUT="0")
    assert proc.returncode == 0, proc.stderr
    assert (home / "agreement.toml").exists()


@pytest.mark.parametrize("value", ["soon", "nan", "-1", "inf"])
def test_a_bad_lock_timeout_is_one_clear_error(home: Path, value: str) -> None:
    proc = mentorlog(home, *INIT_ARGS, MENTORLOG_LOCK_TIMEOUT=value)
    assert_clean_error(proc, "MENTORLOG_LOCK_TIMEOUT")


def mentorlog_argv() -> list[str]:
    import sys

    return [sys.executable, "-m", "mentorlog", *INIT_ARGS]


def _env(home: Path, **extra: str) -> dict[str, str]:
    from reliability.support import child_env

    return child_env(home, **extra)
