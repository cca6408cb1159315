"""`mentorlog encrypt apply` and `mentorlog encrypt off` change every file holding private text
at once (issue 16): killed at any moment, or run on a full disk, they leave the journal fully
before or fully after, with no `.journal` or `.~*` file once the next command ran.

age encryption is randomised, so two runs of `apply` never write the same bytes: the states
are compared with every armored age message replaced by the text it holds (decrypted with
the test's key), which is what "the same journal" means here. By default two random kills,
three kills before a step of the transaction and the full disk at 0-8 free pages for each;
`--full` kills at random 8 times and before every step.
"""

from __future__ import annotations

import json
import os
import pickle
import random
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import INIT_ARGS

from reliability.multifile import (
    JOURNAL,
    child_env,
    copy_journal,
    data_files,
    differences,
    leftovers,
    run,
    start,
    user_files,
)
from reliability.support import tmpfs_namespace

pyrage = pytest.importorskip("pyrage")
pytestmark = pytest.mark.skipif(sys.platform != "linux",
                                reason="kills and fault injection need Linux (/proc)")

SEED = int(os.environ.get("MENTORLOG_TEST_SEED") or time.time_ns() % 10**9)
ARMOR = re.compile(rb"-----BEGIN AGE ENCRYPTED FILE-----(?:\\n|\n)[A-Za-z0-9+/=\\\n]*?"
                   rb"-----END AGE ENCRYPTED FILE-----(?:\\n|\n)?")
LEVELS = [*range(9), 64]


class EncryptLab:
    """The journal before `apply` (clear, the level set) and before `off` (sealed)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.key = root / "key.txt"
        self.runs = 0
        self.clear = root / "clear"
        env = self.env(self.clear, root / "xdg-clear")
        for args in (INIT_ARGS, ["note", "Zqvx private note\nwith a body", "--private"],
                     ["ask", "Wqzk confidential question", "--confidential"],
                     ["week", "--no-input", "--private", "--task-status", "done",
                      "--went-well", "Jqxz went well", "--next-task", "Kzqv next task",
                      "--mentor-watch", "Vxqz opportunity", "--todo", "Pqzx todo"],
                     ["note", "A normal note"]):
            done = run(list(args), env)
            assert done.returncode == 0, (args, done.stderr)
        # answers a `week` stopped with Ctrl-C left in drafts/: sealed and opened with the rest
        drafts = self.clear / "drafts"
        drafts.mkdir(mode=0o700)
        (drafts / "week.toml").write_text('schema_version = 1\ncommand = "week"\n\n'
                                          '[answers]\ntask = "done: Qxzw typed"\n')
        (drafts / "week.toml").chmod(0o600)
        made = run(["encrypt", "init", "--no-input"], env)
        assert made.returncode == 0, made.stderr
        assert run(["config", "set", "encrypt", "private"], env).returncode == 0
        self.sealed = root / "sealed"
        copy_journal(self.clear, self.sealed)
        applied = run(["encrypt", "apply"], self.env(self.sealed, root / "xdg-sealed"))
        assert applied.returncode == 0, applied.stderr
        self.identity = pyrage.x25519.Identity.from_str(next(
            line for line in self.key.read_text().splitlines()
            if line.startswith("AGE-SECRET-KEY-")))
        self.before = {"apply": self.state(self.clear), "off": self.state(self.sealed)}
        self.after: dict[str, dict[str, bytes]] = {}
        self.steps: dict[str, list[str]] = {}
        self.run_time: dict[str, float] = {}

    def env(self, home: Path, xdg: Path, **extra: str) -> dict[str, str]:
        return child_env(home, xdg, MENTORLOG_IDENTITY=str(self.key), **extra)

    def base(self, command: str) -> Path:
        return self.clear if command == "apply" else self.sealed

    def copy(self, command: str, label: str) -> tuple[Path, Path]:
        self.runs += 1
        folder = self.root / "runs" / f"{self.runs:04d}-{command}-{label}"
        folder.mkdir(parents=True)
        copy_journal(self.base(command), folder / "home")
        return folder / "home", folder / "xdg"

    def state(self, home: Path) -> dict[str, bytes]:
        """The data files with every age message replaced by the text it seals."""
        return {rel: self.opened(data) for rel, data in user_files(home).items()}

    def opened(self, data: bytes) -> bytes:
        def clear(m: re.Match[bytes]) -> bytes:
            armor = m.group(0).replace(b"\\n", b"\n")
            return b"<sealed:" + pyrage.decrypt(armor, [self.identity]) + b">"

        return ARMOR.sub(clear, data)

    def reference(self, command: str) -> dict[str, bytes]:
        if command not in self.after:
            home, xdg = self.copy(command, "reference")
            started = time.monotonic()
            done = run(["encrypt", command], self.env(home, xdg))
            self.run_time[command] = time.monotonic() - started
            assert done.returncode == 0, done.stderr
            self.after[command] = self.state(home)
            assert self.after[command] != self.before[command]
            home, xdg = self.copy(command, "steps")
            log = home.parent / "steps.log"
            done = run(["encrypt", command], self.env(home, xdg, MENTORLOG_STEP_LOG=str(log)),
                       steps=True)
            assert done.returncode == 0, done.stderr
            assert self.state(home) == self.after[command]
            self.steps[command] = log.read_text().splitlines()
        return self.after[command]


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EncryptLab]:
    yield EncryptLab(tmp_path_factory.mktemp("encrypt-crash"))


def judge(lab: EncryptLab, command: str, home: Path, xdg: Path, what: str,
          expect: str | None = None) -> list[str]:
    """The next command (`status`) runs on what the crash left; then the journal is the
    before or the after state (`expect` when the crash point decides), `check` passes and
    nothing is left behind."""
    where = f"encrypt {command}, {what}; MENTORLOG_TEST_SEED={SEED}"
    pending = (home / JOURNAL).exists()
    if pending and expect is None:
        expect = "after" if json.loads((home / JOURNAL).read_bytes()).get("done") else "before"
    problems = []
    for args in (["status"], ["check"]):
        done = run(args, lab.env(home, xdg))
        if done.returncode != 0 or "Traceback" in done.stderr:
            problems.append(f"{where}: `mentorlog {args[0]}` exited {done.returncode}: "
                            f"{done.stderr.strip()[-1500:]}")
    state, before, after = lab.state(home), lab.before[command], lab.after[command]
    if state not in (before, after):
        problems.append(f"{where}: neither before ({differences(state, before)}) nor after "
                        f"({differences(state, after)})")
    elif expect is not None and state != (before if expect == "before" else after):
        problems.append(f"{where}: expected the {expect} state")
    if leftovers(home):
        problems.append(f"{where}: left {leftovers(home)}")
    return problems


COMMANDS = ("apply", "off")


@pytest.mark.parametrize("command", COMMANDS)
def test_sigkill_at_a_random_moment(lab: EncryptLab, command: str, full: bool) -> None:
    lab.reference(command)
    rng = random.Random(f"{SEED}:random:{command}")
    problems: list[str] = []
    for kill in range(8 if full else 2):
        home, xdg = lab.copy(command, f"random{kill}")
        delay = rng.uniform(0, lab.run_time[command])
        child = start(["encrypt", command], lab.env(home, xdg))
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        _, stderr = child.communicate(timeout=300)
        if child.returncode not in (0, -signal.SIGKILL):
            problems.append(f"exited {child.returncode} before the kill: {stderr}")
            continue
        problems += judge(lab, command, home, xdg, f"SIGKILL after {delay * 1000:.0f} ms",
                          "after" if child.returncode == 0 else None)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("command", COMMANDS)
def test_a_kill_before_a_step_of_the_transaction(lab: EncryptLab, command: str,
                                                 full: bool) -> None:
    """Killed right before a step (a write, fsync, rename or unlink in the data folder):
    up to the journal saying done the files are put back, after it they stay."""
    lab.reference(command)
    steps = lab.steps[command]
    commit = max(i for i, s in enumerate(steps, 1) if s.endswith(f"-> {JOURNAL}"))
    rng = random.Random(f"{SEED}:steps:{command}")
    chosen = range(1, len(steps) + 1) if full else sorted(
        {commit, commit + 1 if commit < len(steps) else commit,
         *rng.sample(range(1, len(steps) + 1), 1)})
    problems: list[str] = []
    for k in chosen:
        home, xdg = lab.copy(command, f"step{k}")
        crashed = run(["encrypt", command], lab.env(home, xdg, MENTORLOG_STEP_KILL=str(k)),
                      steps=True)
        if crashed.returncode != -signal.SIGKILL:
            problems.append(f"step {k}: exited {crashed.returncode}: {crashed.stderr}")
            continue
        problems += judge(lab, command, home, xdg, f"killed before step {k} of {len(steps)}: "
                          f"{steps[k - 1]}", "before" if k <= commit else "after")
    assert not problems, "\n".join(problems)


@pytest.fixture(scope="module")
def namespace() -> list[str]:
    prefix = tmpfs_namespace()
    if prefix is None:
        pytest.skip("cannot mount a small tmpfs here (needs unshare -rm, or unshare -m as root)")
    return prefix


@pytest.mark.parametrize("command", COMMANDS)
def test_a_full_disk(lab: EncryptLab, command: str, namespace: list[str],
                     tmp_path: Path) -> None:
    """On a tmpfs with 0 to 8 free pages (and room to spare): the command succeeds whole, or
    exits 1 with one `Error:` line and the journal as before."""
    lab.reference(command)
    fs, out = tmp_path / "fs", tmp_path / "results.pickle"
    fs.mkdir()
    env = lab.env(fs / "home", tmp_path)
    spec = {"fs": str(fs), "size": 4 << 20, "base": str(lab.base(command)), "levels": LEVELS,
            "argv": ["encrypt", command], "next": ["status"], "out": str(out),
            "xdg": str(tmp_path / "xdg"), "env": env}
    (tmp_path / "spec.json").write_text(json.dumps(spec))
    proc = subprocess.run([*namespace, sys.executable, "-m", "reliability.multifile",
                           "--full-disk", str(tmp_path / "spec.json")],
                          env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    with open(out, "rb") as f:
        results = pickle.load(f)
    before, after = lab.before[command], lab.after[command]
    problems, outcomes = [], []
    for r in results:
        where = f"encrypt {command} with {r['level']} free page(s)"
        files = {rel: lab.opened(data) for rel, data in r["files"].items()
                 if rel not in r["leftovers"]}
        if r["rc"] == 0:
            outcomes.append(f"{r['level']}:ok")
            if files != after or r["leftovers"]:
                problems.append(f"{where}: exit 0 but {differences(files, after)}, "
                                f"left {r['leftovers']}")
            continue
        outcomes.append(f"{r['level']}:error")
        errors = [line for line in r["stderr"].splitlines() if line.startswith("Error:")]
        if r["rc"] != 1 or "Traceback" in r["stderr"] or len(errors) != 1:
            problems.append(f"{where}: exit {r['rc']}, stderr {r['stderr'].strip()[-2000:]}")
        if JOURNAL in r["leftovers"]:
            nxt = r["next"]
            restored = {rel: lab.opened(d) for rel, d in nxt["files"].items()}
            if nxt["rc"] != 0 or restored != before or nxt["leftovers"]:
                problems.append(f"{where}: the next command did not restore the before "
                                f"state: {differences(restored, before)}")
        elif files != before:
            problems.append(f"{where}: failed, but {differences(files, before)}")
    print(f"encrypt {command}: {', '.join(outcomes)}")
    assert not problems, "\n".join(problems)
    assert results[-1]["rc"] == 0  # with room to spare it succeeds


def test_the_sealed_journal_holds_no_private_text(lab: EncryptLab) -> None:
    sealed = data_files(lab.sealed)
    for text in (b"Zqvx", b"Wqzk", b"Jqxz", b"Kzqv", b"Vxqz", b"Pqzx", b"Qxzw"):
        assert not [rel for rel, data in sealed.items() if text in data], text
    assert b"A normal note" in b"".join(sealed.values())
