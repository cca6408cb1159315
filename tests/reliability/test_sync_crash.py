"""`sync` killed at any moment: the data files are the state before it or after it, and the
next sync finishes the job without losing an edit of either machine (issue 15).

A merge changes the files through git, not through the store; the transaction of `sync`
records the commit it started from (`.journal`: `git:HEAD`), so the next command that opens
the data folder aborts the merge, resets the tracked files to that commit and removes what
the merge had begun to add.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import INIT_ARGS, ROOT

from reliability.support import tmpfs_namespace

pytestmark = pytest.mark.skipif(not shutil.which("git") or sys.platform == "win32",
                                reason="needs git and POSIX signals")

NOW = "2026-11-26T10:00:00+01:00"
KILLS, FULL_KILLS = 8, 60


def _env(home: Path, root: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "MENTORLOG_HOME": str(home),
            "XDG_CACHE_HOME": str(root / f"cache-{home.name}"),
            "XDG_CONFIG_HOME": str(root / f"config-{home.name}"), "MENTORLOG_NOW": NOW}


def _run(home: Path, root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mentorlog", *args], env=_env(home, root),
                          capture_output=True, text=True, timeout=120,
                          stdin=subprocess.DEVNULL)


def _ok(home: Path, root: Path, *args: str) -> None:
    result = _run(home, root, *args)
    assert result.returncode == 0, (args, result.stderr)


def _files(home: Path) -> dict[str, bytes]:
    """The mentee's files: everything but git's folder, the lock and ignored folders."""
    return {str(p.relative_to(home)): p.read_bytes() for p in home.rglob("*")
            if p.is_file() and ".git" not in p.relative_to(home).parts
            and p.name != ".lock" and p.relative_to(home).parts[0] not in ("drafts",)}


def _two_machines(root: Path) -> tuple[Path, Path]:
    """Machines a and b syncing through a bare remote in `root`, both up to date."""
    remote = root / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(remote)], check=True)
    a, b = root / "a", root / "b"
    _ok(a, root, *INIT_ARGS)
    _ok(a, root, "sync", "--init", str(remote))
    subprocess.run(["git", "clone", "-q", str(remote), str(b)], check=True)
    _ok(b, root, "sync")
    return a, b


@pytest.fixture(scope="module")
def machines(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Machine a with an unsynced note and task; the remote with machine b's goal and
    note, which a must merge."""
    root = tmp_path_factory.mktemp("sync-crash")
    a, b = _two_machines(root)
    _ok(b, root, "goals", "add", "A goal from machine b", "--horizon", "30")
    _ok(b, root, "note", "A note written on machine b")
    _ok(b, root, "sync")
    _ok(a, root, "note", "A note written on machine a")
    _ok(a, root, "ask", "A question from machine a?")
    return root


def test_sync_killed_at_any_moment_leaves_before_or_after(machines: Path, full: bool) -> None:
    root = machines
    rng = random.Random(int(os.environ.get("MENTORLOG_TEST_SEED", "0")) or None)
    seed = rng.randrange(1 << 30)
    rng.seed(seed)
    start = root / "a"
    before = _files(start)
    done = root / "done"
    shutil.copytree(start, done, symlinks=True)
    t0 = time.monotonic()
    _ok(done, root, "sync")
    took = time.monotonic() - t0
    after = _files(done)
    assert after != before
    outcomes = {"before": 0, "after": 0}
    for n in range(FULL_KILLS if full else KILLS):
        home = root / f"kill-{n}"
        shutil.copytree(start, home, symlinks=True)
        # the copy pushes to the same remote: give it its own, as it was
        bare = root / f"remote-{n}.git"
        shutil.copytree(root / "remote.git", bare, symlinks=True)
        subprocess.run(["git", "-C", str(home), "remote", "set-url", "origin", str(bare)],
                       check=True)
        proc = subprocess.Popen([sys.executable, "-m", "mentorlog", "sync"],
                                env=_env(home, root), stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.05, took))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        nxt = _run(home, root, "status")
        where = f"kill {n} (MENTORLOG_TEST_SEED={seed})"
        assert nxt.returncode == 0 and "Traceback" not in nxt.stderr, (where, nxt.stderr)
        checked = _run(home, root, "check")
        assert checked.returncode == 0, (where, checked.stdout, checked.stderr)
        state = _files(home)
        assert state in (before, after), (where, sorted(set(state) ^ set(after)))
        outcomes["before" if state == before else "after"] += 1
        assert not (home / ".journal").exists() and not list(home.rglob(".~*")), where
        finished = _run(home, root, "sync")  # the next sync loses nothing
        assert finished.returncode == 0, (where, finished.stderr)
        assert _files(home) == after, where
    print(f"sync killed {sum(outcomes.values())} times: {outcomes}")


def _conflicting(root: Path) -> Path:
    """Machine a, whose next sync merges machine b's note and a goal both changed."""
    a, b = _two_machines(root)
    _ok(b, root, "goals", "edit", "g1", "--text", "Ship a PR (machine b)")
    _ok(b, root, "note", "A note from machine b")
    _ok(b, root, "sync")
    _ok(a, root, "goals", "edit", "g1", "--text", "Ship a PR (machine a)")
    return a


def test_sync_killed_in_the_middle_of_a_merge_is_undone(tmp_path: Path) -> None:
    """A kill while sync settles a merge with a conflict (git has changed the files, the
    merge is not committed): the next command puts every file back as before the sync."""
    root = tmp_path
    a = _conflicting(root)
    before = _files(a)
    # a's next sync is killed while it writes the merged goals.toml
    faults = ROOT / "tests" / "reliability" / "faults"
    env = {**_env(a, root), "PYTHONPATH": f"{faults}{os.pathsep}{ROOT}",
           "MENTORLOG_FAULT": "replace:KILL:goals.toml"}
    killed = subprocess.run([sys.executable, "-m", "mentorlog", "sync"], env=env,
                            capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert (a / ".journal").exists()
    nxt = _run(a, root, "status")
    assert nxt.returncode == 0 and "Traceback" not in nxt.stderr, nxt.stderr
    assert _files(a) == before
    assert not (a / ".git" / "MERGE_HEAD").exists()
    assert not (a / ".journal").exists() and not list(a.rglob(".~*"))
    again = _run(a, root, "sync")  # the next sync does it all, and the conflict waits
    assert again.returncode == 1 and "conflict" in again.stderr, again.stderr
    assert "A note from machine b" in "".join(
        p.read_text() for p in (a / "notes").glob("*.md"))


def test_sync_killed_while_it_relinks_is_undone(tmp_path: Path) -> None:
    """Both machines parked a question (q1 on each) and b's meeting answered its own: the
    merge on a makes b's q2, and b's meeting must follow. A kill while sync rewrites that
    meeting leaves every file as before the sync; the next sync relinks it."""
    root = tmp_path
    a, b = _two_machines(root)
    _ok(b, root, "ask", "A question from machine b?")
    week = _run_at(b, root, "2026-12-01T19:10:00", "week", "--no-input", "--date", "2026-12-01",
                   "--task-status", "done", "--answer", "q1=answered on b",
                   "--next-task", "A task from b")
    assert week.returncode == 0, week.stderr
    _ok(b, root, "sync")
    _ok(a, root, "ask", "A question from machine a?")
    before = _files(a)
    faults = ROOT / "tests" / "reliability" / "faults"
    env = {**_env(a, root), "PYTHONPATH": f"{faults}{os.pathsep}{ROOT}",
           "MENTORLOG_FAULT": "replace:KILL:2026-12-01.md"}
    killed = subprocess.run([sys.executable, "-m", "mentorlog", "sync"], env=env,
                            capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    nxt = _run(a, root, "status")
    assert nxt.returncode == 0 and "Traceback" not in nxt.stderr, nxt.stderr
    assert _files(a) == before
    assert not (a / ".git" / "MERGE_HEAD").exists()
    assert not (a / ".journal").exists() and not list(a.rglob(".~*"))
    _ok(a, root, "sync")
    meeting = (a / "meetings" / "2026-12-01.md").read_text()
    assert 'answered = [\n    "q2",\n]' in meeting and "- q2: A question from machine b?" in meeting
    _ok(a, root, "check")


def _run_at(home: Path, root: Path, now: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mentorlog", *args],
                          env={**_env(home, root), "MENTORLOG_NOW": now}, capture_output=True,
                          text=True, timeout=120, stdin=subprocess.DEVNULL)


@pytest.mark.parametrize("fault", ["write:ENOSPC:goals.toml", "fsync:EIO:goals.toml",
                                   "replace:ENOSPC:goals.toml"])
def test_a_merge_that_cannot_be_written_changes_nothing(tmp_path: Path, fault: str) -> None:
    """A full or failing disk while sync writes a merge: exit 1, one Error: line, every
    file as before, no merge left half made; with the disk back, sync goes through."""
    root = tmp_path
    a = _conflicting(root)
    before = _files(a)
    faults = ROOT / "tests" / "reliability" / "faults"
    env = {**_env(a, root), "PYTHONPATH": f"{faults}{os.pathsep}{ROOT}",
           "MENTORLOG_FAULT": fault}
    failed = subprocess.run([sys.executable, "-m", "mentorlog", "sync"], env=env,
                            capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert failed.returncode == 1, failed.stderr
    errors = [line for line in failed.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and "Traceback" not in failed.stderr, failed.stderr
    assert _files(a) == before
    assert not (a / ".git" / "MERGE_HEAD").exists() and not (a / ".journal").exists()
    assert subprocess.run(["git", "-C", str(a), "diff", "--quiet"]).returncode == 0
    again = _run(a, root, "sync")
    assert again.returncode == 1 and "conflict" in again.stderr, again.stderr


_FULL_DISK = r"""
set -e
mount -t tmpfs -o size=8m,mode=0700 tmpfs "$FS"
for level in $LEVELS; do
    rm -rf "$FS/home" "$FS/filler" "$OUT/remote-$level"
    cp -a "$A" "$FS/home"
    cp -a "$REMOTE" "$OUT/remote-$level"
    git -C "$FS/home" remote set-url origin "$OUT/remote-$level"
    "$PY" -c 'import sys
f = open(sys.argv[1], "wb")
try:
    while True:
        f.write(b"x" * 4096); f.flush()
except OSError:
    pass' "$FS/filler"
    truncate -s "-$((level * 4096))" "$FS/filler"
    set +e
    "$PY" -m mentorlog sync > "$OUT/out-$level" 2> "$OUT/err-$level"
    echo $? > "$OUT/rc-$level"
    cp -a "$FS/home" "$OUT/failed-$level"
    rm -f "$FS/filler"
    "$PY" -m mentorlog status > /dev/null 2> "$OUT/next-err-$level"
    echo $? > "$OUT/next-rc-$level"
    cp -a "$FS/home" "$OUT/next-$level"
    set -e
done
"""


def test_sync_on_a_full_disk_changes_all_or_nothing(tmp_path: Path) -> None:
    """`sync` on a small tmpfs with 0 to 8 pages free (and more): it either syncs, or exits
    1 with one `Error:` line and every file as it was; the next command, with room, finds
    the files as before or after."""
    prefix = tmpfs_namespace()
    if prefix is None:
        pytest.skip("cannot mount a small tmpfs here (needs unshare -rm, or unshare -m as root)")
    a = _conflicting(tmp_path)
    _ok(a, tmp_path, "goals", "edit", "g1", "--text", "Ship a PR (machine b)")  # no conflict
    before = _files(a)
    reference = tmp_path / "reference"
    shutil.copytree(a, reference, symlinks=True)
    remote_copy = tmp_path / "remote-reference.git"
    shutil.copytree(tmp_path / "remote.git", remote_copy, symlinks=True)
    subprocess.run(["git", "-C", str(reference), "remote", "set-url", "origin",
                    str(remote_copy)], check=True)
    _ok(reference, tmp_path, "sync")
    after = _files(reference)
    assert after != before
    fs, out = tmp_path / "fs", tmp_path / "out"
    fs.mkdir()
    out.mkdir()
    levels = [*range(25), 32, 64]  # 0 to 8 pages, and on through the merge itself
    env = {**_env(fs / "home", tmp_path), "FS": str(fs), "OUT": str(out), "A": str(a),
           "LEVELS": " ".join(map(str, levels)),
           "REMOTE": str(tmp_path / "remote.git"), "PY": sys.executable}
    proc = subprocess.run([*prefix, "bash", "-c", _FULL_DISK], env=env, capture_output=True,
                          text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    outcomes = []
    for level in levels:
        rc = int((out / f"rc-{level}").read_text())
        stderr = (out / f"err-{level}").read_text()
        # the failed command may leave its journal (git could not reset the files on a full
        # disk): the data files are judged now, the journal after the next command
        failed = {n: b for n, b in _files(out / f"failed-{level}").items()
                  if n != ".journal" and not Path(n).name.startswith(".~")}
        nxt = _files(out / f"next-{level}")
        assert "Traceback" not in stderr, (level, stderr)
        if rc == 0:
            assert failed == after, (level, sorted(set(failed) ^ set(after)))
        else:
            errors = [line for line in stderr.splitlines() if line.startswith("Error:")]
            assert rc == 1 and len(errors) == 1, (level, rc, stderr)
            assert failed == before, (level, sorted(set(failed) ^ set(before)), stderr)
        assert int((out / f"next-rc-{level}").read_text()) == 0, (level, (
            out / f"next-err-{level}").read_text())
        assert nxt in (before, after), level
        outcomes.append(f"{level}:{'ok' if rc == 0 else 'error'}")
    assert outcomes[-1] == "64:ok", outcomes  # with room, it syncs
    print("sync, free pages -> outcome:", ", ".join(outcomes))
