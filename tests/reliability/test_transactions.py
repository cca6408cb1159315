"""All or nothing across files (storage/transaction.py), with real processes and real files.

Every command that changes several files (COMMANDS in reliability/multifile.py) starts from
the same journal and is SIGKILLed
- at a random moment of its run (uniform up to its normal run time),
- right before the write, fsync or rename of one of its files (the fault hook,
  tests/reliability/faults/sitecustomize.py): between the files of its transaction,
- right before any one step of its transaction (the step counter in multifile.py), the
  command putting the files back being killed in turn now and then,
- right before its first journal is in place and right after its commit;
then ONE next command runs (`status` or `check`, alternately), and `mentorlog check`
passes, the data files are byte for byte those before the command or those after an
uninterrupted run of it (made once per command), and no `.journal` or `.~*` file is left.

On a real full file system (a tmpfs in a private mount namespace) with 0 to 8 free 4 KiB
pages, each command succeeds whole, or fails with exit 1, one `Error:` line and not a byte
changed.

By default about 35 kills in all, every level for `week` and `goals review` and two rotating
levels for the others; `--full` (MENTORLOG_FULL_TESTS=1) kills 10 times at random per
command, at every fault point and before every step (600 kills or so), and tries every
level. The random choices print their seed with every failure; MENTORLOG_TEST_SEED replays
them; MENTORLOG_TEST_SHOW=N shows up to N problems of a failing test (12 by default).
`pytest -v` prints the number of kills at the end.
"""

from __future__ import annotations

import itertools
import json
import os
import pickle
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import INIT_ARGS

from reliability.multifile import (
    COMMANDS,
    JOURNAL,
    Command,
    Lab,
    child_env,
    copy_journal,
    data_files,
    differences,
    leftovers,
    run,
    start,
    user_files,
)
from reliability.support import full_run, mentorlog, rotate, tmpfs_namespace

pytestmark = pytest.mark.skipif(sys.platform != "linux",
                                reason="kills and fault injection need Linux (/proc)")

SEED = int(os.environ.get("MENTORLOG_TEST_SEED") or time.time_ns() % 10**9)
RANDOM_KILLS, FULL_RANDOM_KILLS = 1, 10  # per command, at a random moment of its run
STEP_KILLS = 1  # per command by default; --full kills before every step
RECOVERY_KILL_SHARE, FULL_RECOVERY_KILL_SHARE = 0.5, 1.0  # of the kills that left a journal
LEVELS = list(range(9))  # free 4 KiB pages left on the full disk
AMPLE = 64  # and a level with room to spare: the command succeeds there
ALL_LEVELS = ("week", "goals-review")  # every level by default; the others rotate
NEXT = (["status"], ["check"])  # the one command after a crash, alternately
_next = itertools.count()
LIMIT = int(os.environ.get("MENTORLOG_TEST_SHOW", "12"))  # problems shown in a failure


KILLS: Counter[str] = Counter()  # SIGKILLs sent, by test (printed at the end with -v)


def _seeded(*parts: object) -> random.Random:
    return random.Random(f"{SEED}:" + ":".join(map(str, parts)))


def _where() -> str:
    return f"MENTORLOG_TEST_SEED={SEED}"


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory,
        request: pytest.FixtureRequest) -> Iterator[Lab]:
    yield Lab(tmp_path_factory.mktemp("transactions"))
    if request.config.getoption("verbose") > 0 and KILLS:
        capture = request.config.pluginmanager.getplugin("capturemanager")
        with capture.global_and_fixture_disabled():
            print(f"\ntest_transactions.py: {sum(KILLS.values())} kills "
                  f"({', '.join(f'{k}: {n}' for k, n in sorted(KILLS.items()))}), "
                  f"{_where()}")


def _fault_points(c: Command, full: bool) -> list[str]:
    """Where the fault hook kills: right before the rename of each file the command writes
    (after the files before it have changed: between the files), before its write and its
    fsync, and before the first journal is in place. By default the rename of the last
    file: every other file has changed by then."""
    if not full:
        return [f"replace:KILL:{Path(c.writes[-1]).name}"]
    points = ["replace:KILL:.journal", "write:KILL:.journal"]
    for rel in c.writes:
        points += [f"{op}:KILL:{Path(rel).name}" for op in ("write", "fsync", "replace")]
    return points


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    full = full_run(metafunc.config)
    names = metafunc.fixturenames
    if "fault" in names:
        faults = [(c, p) for c in COMMANDS for p in _fault_points(c, full)]
        metafunc.parametrize(("c", "fault"), faults, ids=[f"{c.name}-{p}" for c, p in faults])
    elif "levels" in names:
        rest = [c for c in COMMANDS if c.name not in ALL_LEVELS]
        chosen = {c.name: list(LEVELS) for c in COMMANDS if c.name in ALL_LEVELS}
        for c, level in rotate(rest, LEVELS, full, per=2):
            chosen.setdefault(c.name, []).append(level)
        levels = [(c, [*sorted(chosen[c.name]), AMPLE]) for c in COMMANDS]
        metafunc.parametrize(("c", "levels"), levels, ids=[c.name for c, _ in levels])
    elif "edge" in names:  # by default week, which has both ends; every command with --full
        edges = COMMANDS if full else [c for c in COMMANDS if c.name == "week"]
        metafunc.parametrize(("c", "edge"), [(c, True) for c in edges],
                             ids=[c.name for c in edges])
    elif "c" in names:
        metafunc.parametrize("c", COMMANDS, ids=[c.name for c in COMMANDS])


def _commit_step(steps: list[str]) -> int:
    """The commit point, 1-based: the rename that puts the journal saying done in place
    (the last rename onto the journal); a kill before it undoes the change."""
    return max(i for i, s in enumerate(steps, 1) if s.endswith(f"-> {JOURNAL}"))


# --- judging the state a crash left --------------------------------------------------------------


def _judge(lab: Lab, c: Command, home: Path, xdg: Path, what: str,
           expect: str | None = None) -> list[str]:
    """Run the next command on what a crash left, then check the data folder: `check`
    passes, the data are the before or the after state (`expect` when the crash point
    decides it; when a journal was left, the before state unless it says done), no journal
    or `.~*` file.
    Returns the problems found (empty when all is well)."""
    pending = (home / JOURNAL).exists()
    committed = pending and json.loads((home / JOURNAL).read_bytes()).get("done") is True
    left = leftovers(home)
    nxt = NEXT[next(_next) % 2]
    done = run(nxt, lab.env(None, home, xdg))
    problems = []
    where = f"{c.name}, {what} ({'journal left' if pending else 'no journal'}, " \
            f"left {left}), next: mentorlog {' '.join(nxt)}; {_where()}"
    if done.returncode != 0 or "Traceback" in done.stderr:
        problems.append(f"{where}: `mentorlog {nxt[0]}` exited {done.returncode}: "
                        f"{done.stderr.strip()[-2000:]}")
    state = user_files(home)  # the leftovers are judged on their own below
    before, after = lab.before, lab.after[c.name]
    if pending and expect is None:
        # a journal that says done was committed: it is finished; else it must be undone
        expect = "after" if committed else "before"
    if state not in (before, after):
        problems.append(f"{where}: the data are neither the before nor the after state: "
                        f"against before {differences(state, before)}, "
                        f"against after {differences(state, after)}")
    elif expect is not None and state != (before if expect == "before" else after):
        problems.append(f"{where}: expected the {expect} state, found the other one")
    now_left = leftovers(home)
    if now_left:
        problems.append(f"{where}: left after `mentorlog {nxt[0]}`: {now_left}")
    if nxt != ["check"]:
        checked = run(["check"], lab.env(None, home, xdg))
        if checked.returncode != 0:
            problems.append(f"{where}: `mentorlog check` exited {checked.returncode}: "
                            f"{checked.stderr.strip()[-2000:]}")
    return problems


def _report(problems: list[str]) -> None:
    if problems:
        shown = "\n".join(problems[:LIMIT])
        more = f"\n... and {len(problems) - LIMIT} more" if len(problems) > LIMIT else ""
        pytest.fail(f"{len(problems)} problem(s):\n{shown}{more}", pytrace=False)


# --- 1. crashes ------------------------------------------------------------------------------


def test_sigkill_at_a_random_moment_leaves_all_or_nothing(lab: Lab, c: Command,
                                                          full: bool) -> None:
    lab.reference(c)
    rng = _seeded("random", c.name)
    span = lab.run_time[c.name]
    problems: list[str] = []
    outcomes: list[str] = []
    for kill in range(FULL_RANDOM_KILLS if full else RANDOM_KILLS):
        home, xdg = lab.copy(f"{c.name}-random{kill}")
        delay = rng.uniform(0, span)
        child = start(c.args(lab.root), lab.env(c, home, xdg))
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        _, stderr = child.communicate(timeout=300)
        if child.returncode not in (0, -signal.SIGKILL):
            problems.append(f"{c.name}: exited {child.returncode} before the kill: {stderr}")
            continue
        KILLS["random"] += child.returncode == -signal.SIGKILL
        outcomes.append("finished" if child.returncode == 0 else
                        "journal" if (home / JOURNAL).exists() else
                        "changed" if data_files(home) != lab.before else "untouched")
        problems += _judge(lab, c, home, xdg, f"SIGKILL after {delay * 1000:.0f} ms of "
                           f"{span * 1000:.0f}", "after" if child.returncode == 0 else None)
    print(f"{c.name}: random kills: {len(outcomes)} ({', '.join(outcomes)})")
    _report(problems)


def test_a_kill_between_the_files_of_a_transaction_is_undone(lab: Lab, c: Command,
                                                             fault: str) -> None:
    lab.reference(c)
    home, xdg = lab.copy(f"{c.name}-fault")
    crashed = run(c.args(lab.root), lab.env(c, home, xdg, fault=fault))
    assert crashed.returncode == -signal.SIGKILL, (fault, crashed.returncode, crashed.stderr)
    KILLS["fault hook"] += 1
    _report(_judge(lab, c, home, xdg, f"MENTORLOG_FAULT={fault}", "before"))


def test_a_kill_before_any_step_of_a_transaction_is_undone_or_kept_whole(
    lab: Lab, c: Command, full: bool
) -> None:
    """Killed right before each step (every one with --full, a random one by default): up
    to the journal saying done the files are put back, after it they stay. When the kill
    left a journal, the command putting the files back is killed too now and then (each
    time with --full), at a random step of its own; the one after it must finish the job."""
    lab.reference(c)
    steps = lab.steps[c.name]
    commit = _commit_step(steps)
    rng = _seeded("steps", c.name)
    chosen = list(range(1, len(steps) + 1)) if full else \
        sorted(rng.sample(range(1, len(steps) + 1), STEP_KILLS))
    share = FULL_RECOVERY_KILL_SHARE if full else RECOVERY_KILL_SHARE
    problems: list[str] = []
    kills = recovery_kills = 0
    for k in chosen:
        home, xdg = lab.copy(f"{c.name}-step{k}")
        what = f"killed before step {k} of {len(steps)}: {steps[k - 1]}"
        crashed = run(c.args(lab.root), lab.env(c, home, xdg, MENTORLOG_STEP_KILL=str(k)),
                      steps=True)
        if crashed.returncode != -signal.SIGKILL:
            problems.append(f"{c.name}: {what}: exited {crashed.returncode}, not killed: "
                            f"{crashed.stderr.strip()}")
            continue
        kills += 1
        expect = "before" if k <= commit else "after"
        if (home / JOURNAL).exists() and rng.random() < share:
            # how many steps putting the files back takes (in a copy), then a kill at one
            trial, trial_xdg = lab.fresh(f"{c.name}-step{k}-count")
            copy_journal(home, trial)
            log = trial.parent / "recovery.log"
            counted = run(["status"], lab.env(None, trial, trial_xdg,
                                              MENTORLOG_STEP_LOG=str(log)), steps=True)
            recovery = log.read_text().splitlines() if log.exists() else []
            if counted.returncode != 0 or not recovery:
                problems.append(f"{c.name}: {what}: putting the files back in a copy: exit "
                                f"{counted.returncode}, {len(recovery)} steps: "
                                f"{counted.stderr.strip()}")
                continue
            j = rng.randint(1, len(recovery))
            again = run(["status"], lab.env(None, home, xdg, MENTORLOG_STEP_KILL=str(j)),
                        steps=True)
            if again.returncode == -signal.SIGKILL:
                recovery_kills += 1
            what += f"; then the recovery killed before its step {j} of {len(recovery)}: " \
                    f"{recovery[j - 1]}"
        problems += _judge(lab, c, home, xdg, what, expect)
    KILLS["step"] += kills
    KILLS["recovery"] += recovery_kills
    print(f"{c.name}: {len(steps)} steps, commit at {commit}; killed at {kills} step(s), "
          f"{recovery_kills} recovery kill(s)")
    _report(problems)


def test_the_next_command_leaves_nothing_behind_a_crash_at_either_end_of_a_transaction(
    lab: Lab, c: Command, edge: bool
) -> None:
    """The two moments when a crash leaves no journal but other files: right before the
    first journal is in place (a kept version may already be linked, the journal's temp
    file written), and after the commit, before the last kept version is removed. The one
    next command must leave no `.~*` file behind either (by default for `week`, which has
    both; every command with --full). The random and step kills above land there too."""
    lab.reference(c)
    steps = lab.steps[c.name]
    first = next(i for i, s in enumerate(steps, 1) if s.endswith(f"-> {JOURNAL}"))
    commit = _commit_step(steps)
    points = sorted({first, len(steps)})
    problems = []
    for k in points:
        home, xdg = lab.copy(f"{c.name}-edge{k}")
        crashed = run(c.args(lab.root), lab.env(c, home, xdg, MENTORLOG_STEP_KILL=str(k)),
                      steps=True)
        assert crashed.returncode == -signal.SIGKILL, (k, crashed.returncode, crashed.stderr)
        KILLS["edge"] += 1
        problems += _judge(lab, c, home, xdg,
                           f"killed before step {k} of {len(steps)}: {steps[k - 1]}",
                           "before" if k <= commit else "after")
    _report(problems)


# --- 2. a full disk ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def namespace() -> list[str]:
    prefix = tmpfs_namespace()
    if prefix is None:
        pytest.skip("cannot mount a small tmpfs here (needs unshare -rm, or unshare -m as root)")
    return prefix


def test_a_full_disk_leaves_all_or_nothing_and_one_error_line(
    lab: Lab, c: Command, levels: list[int], namespace: list[str], tmp_path: Path
) -> None:
    lab.reference(c)
    before, after = lab.before, lab.after[c.name]
    fs, out = tmp_path / "fs", tmp_path / "results.pickle"
    fs.mkdir()
    spec = {"fs": str(fs), "size": 4 << 20, "base": str(lab.base), "levels": levels,
            "argv": c.args(lab.root), "next": ["status"], "out": str(out),
            "xdg": str(tmp_path / "xdg"), "env": child_env(fs / "home", tmp_path, **c.env)}
    (tmp_path / "spec.json").write_text(json.dumps(spec))
    proc = subprocess.run([*namespace, sys.executable, "-m", "reliability.multifile",
                           "--full-disk", str(tmp_path / "spec.json")],
                          env=child_env(fs / "home", tmp_path), capture_output=True, text=True,
                          timeout=600)
    assert proc.returncode == 0, proc.stderr
    with open(out, "rb") as f:
        results = pickle.load(f)
    problems: list[str] = []
    summary: list[str] = []
    for r in results:
        where = f"{c.name} with {r['level']} free page(s)"
        stderr = r["stderr"]
        if r["rc"] == 0:
            summary.append(f"{r['level']}:ok")
            if r["files"] != after:
                problems.append(f"{where}: exit 0 but the data are not the after state: "
                                f"{differences(r['files'], after)}")
            if r["leftovers"]:
                problems.append(f"{where}: exit 0 but left {r['leftovers']}")
            continue
        summary.append(f"{r['level']}:error")
        head, _, last = stderr.rstrip("\n").rpartition("\n")
        errors = [line for line in stderr.splitlines() if line.startswith("Error:")]
        notice = " ".join(head.split())  # a notice the command printed first (it may wrap)
        if (r["rc"] != 1 or "Traceback" in stderr or len(errors) != 1
                or not last.startswith("Error:")
                or (notice and not notice.startswith(c.notices or ("\0",)))):
            problems.append(f"{where}: expected exit 1 and one Error: line, got exit "
                            f"{r['rc']} and stderr:\n{stderr.strip()[-3000:]}")
        elif "No space left on device" not in errors[0]:
            problems.append(f"{where}: the error does not say the disk is full: {errors[0]}")
        if JOURNAL in r["leftovers"]:  # the rollback could not finish: the next one must
            nxt = r["next"]
            summary[-1] += f"+left {r['leftovers']}"
            print(f"{where}: the failed command left {r['leftovers']} (its rollback did not "
                  f"finish); the next command with room: exit {nxt['rc']}")
            if nxt["rc"] != 0 or nxt["files"] != before or nxt["leftovers"]:
                problems.append(f"{where}: the failed command left {r['leftovers']}, and the "
                                f"next command with room did not restore the before state: "
                                f"exit {nxt['rc']} {nxt['stderr'].strip()}, "
                                f"{differences(nxt['files'], before)}, left {nxt['leftovers']}")
        elif r["files"] != before:
            problems.append(f"{where}: failed, but the data changed: "
                            f"{differences(r['files'], before)} (stderr: {stderr.strip()})")
        if r["empty_folders"]:
            summary[-1] += f"+empty folders {r['empty_folders']}"
    print(f"{c.name}: free pages -> outcome: {', '.join(summary)}")
    _report(problems)


def test_check_says_it_undid_an_interrupted_change(tmp_path: Path) -> None:
    """`mentorlog check` after a command killed between its files: it puts them back, says
    so, and the journal is gone."""
    home = tmp_path / "home"
    assert mentorlog(home, *INIT_ARGS).returncode == 0
    before = user_files(home)
    killed = mentorlog(home, *INIT_ARGS, "--force", "--mentor", "Grace",
                       fault="replace:KILL:tasks.toml")
    assert killed.returncode == -signal.SIGKILL
    assert (home / JOURNAL).exists()
    checked = mentorlog(home, "check")
    assert checked.returncode == 0, checked.stderr
    assert "Undid an interrupted change: " in checked.stdout
    assert user_files(home) == before and not (home / JOURNAL).exists()
