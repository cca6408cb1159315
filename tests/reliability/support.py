"""Helpers for the reliability suite: real child processes, file snapshots, a pty."""

from __future__ import annotations

import os
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests"
FAULTS = TESTS / "reliability" / "faults"


def child_env(home: Path, fault: str | None = None, **extra: str) -> dict[str, str]:
    path = [str(ROOT), str(TESTS)]
    if fault:
        path.insert(0, str(FAULTS))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(path), "MENTORLOG_HOME": str(home)}
    env.pop("MENTORLOG_FAULT", None)
    if fault:
        env["MENTORLOG_FAULT"] = fault
    env.update(extra)
    return env


def _umask(mask: int | None):
    return None if mask is None else (lambda: os.umask(mask))


def driver(home: Path, *args: str, fault: str | None = None, umask: int | None = None,
           **extra: str) -> subprocess.CompletedProcess[str]:
    """Run tests/reliability/driver.py in a real process."""
    return subprocess.run(
        [sys.executable, "-m", "reliability.driver", *args], env=child_env(home, fault, **extra),
        capture_output=True, text=True, timeout=120, preexec_fn=_umask(umask),
    )


def start_driver(home: Path, *args: str, **extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "reliability.driver", *args], env=child_env(home, **extra),
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def mentorlog(home: Path, *args: str | bytes, fault: str | None = None,
              umask: int | None = None, cwd: Path | None = None,
              **extra: str) -> subprocess.CompletedProcess[str]:
    """`python -m mentorlog ARGS` in a real process; bytes arguments pass as they are."""
    return subprocess.run(
        [sys.executable, "-m", "mentorlog", *args], env=child_env(home, fault, **extra),
        capture_output=True, text=True, errors="surrogateescape", timeout=120,
        preexec_fn=_umask(umask), cwd=cwd,
        stdin=subprocess.DEVNULL,
    )


def temp_files(home: Path) -> list[Path]:
    return sorted(p for p in home.rglob(".~*") if p.name.endswith(".tmp"))


def snapshot(folder: Path) -> dict[str, tuple[bytes | str, int, int]]:
    """Every entry below `folder`: (content or link target, mtime_ns, mode), not following links.

    The read cache (`.cache/`, rebuilt from the files, docs/file-format.md) is left out: a
    read may refresh it, and it holds no data of its own.
    """
    shot: dict[str, tuple[bytes | str, int, int]] = {}
    if not folder.exists():
        return shot
    for p in sorted(folder.rglob("*")):
        if ".cache" in p.relative_to(folder).parts:
            continue
        st = p.lstat()
        if p.is_symlink():
            shot[str(p.relative_to(folder))] = (os.readlink(p), st.st_mtime_ns, st.st_mode)
        elif p.is_file():
            shot[str(p.relative_to(folder))] = (p.read_bytes(), st.st_mtime_ns, st.st_mode)
        else:
            shot[str(p.relative_to(folder)) + "/"] = (b"", 0, st.st_mode)
    return shot


def assert_clean_error(proc: subprocess.CompletedProcess[str], *needles: str) -> None:
    """Exit 1, one `Error:` line naming what went wrong, no traceback."""
    assert proc.returncode == 1, proc
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.stderr.startswith("Error: ") or "\nError: " in proc.stderr, proc.stderr
    for needle in needles:
        assert needle in proc.stderr, (needle, proc.stderr)


class Terminal:
    """`python -m mentorlog ARGS` on a pseudo-terminal, driven like a person would."""

    def __init__(self, home: Path, *args: str, **extra: str) -> None:
        import pty

        env = child_env(home, COLUMNS="200", LINES="50", TERM="xterm", **extra)
        argv = [sys.executable, "-m", "mentorlog", *args]
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: a session leader with the pty as its terminal
            try:
                # Ctrl-C as a person's terminal delivers it, even when the tests run as a
                # background job (which starts with SIGINT ignored, and a Python started
                # with it ignored never raises KeyboardInterrupt)
                signal.signal(signal.SIGINT, signal.SIG_DFL)
                os.execve(sys.executable, argv, env)
            finally:
                os._exit(127)
        self.output = ""  # not yet matched by read_until
        self.transcript = ""  # everything the terminal showed
        self.status: int | None = None
        self._reaped: int | None = None  # the wait status, when interrupt() saw it exit

    def read_until(self, text: str, timeout: float = 20) -> str:
        """Wait for `text` in the output (the timeout only stops a hung test)."""
        deadline = time.monotonic() + timeout
        while text not in self.output:
            left = deadline - time.monotonic()
            if left <= 0 or not self._read(left):
                raise AssertionError(f"never saw {text!r}; output so far:\n{self.output}")
        start = self.output.index(text) + len(text)
        seen, self.output = self.output[:start], self.output[start:]
        return seen

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return False
        try:
            chunk = os.read(self.fd, 4096)
        except OSError:  # EIO: the child has closed the terminal
            return False
        text = chunk.decode("utf-8", "replace")
        self.output += text
        self.transcript += text
        return bool(chunk)

    def send(self, text: str) -> None:
        os.write(self.fd, text.encode())

    def answer(self, prompt: str, text: str) -> None:
        self.read_until(prompt)
        self.send(text + "\r")

    def interrupt(self) -> None:
        self.send("\x03")  # Ctrl-C: the terminal sends SIGINT to the foreground process group
        # CPython loses a SIGINT that lands just before input() blocks in read() (the flag is
        # set, but nothing checks it until the read returns): a person presses Ctrl-C
        # again, and so does this. The exit code and what was written are checked as before.
        deadline = time.monotonic() + 3
        while time.monotonic() < deadline:
            self._read(0.05)
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self._reaped = status
                return
        self.send("\x03")

    def wait(self, timeout: float = 20) -> int:
        deadline = time.monotonic() + timeout
        while True:
            while self._read(0.05):
                pass
            if self._reaped is not None:  # interrupt() saw it exit
                pid, status = self.pid, self._reaped
            else:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                while self._read(0.05):
                    pass
                os.close(self.fd)
                self.status = os.waitstatus_to_exitcode(status)
                return self.status
            if time.monotonic() > deadline:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
                raise AssertionError(f"still running; output:\n{self.output}")


def write_here(home: Path, k: object, n: int) -> None:
    """Write version n of a kind's file in this process (setting up, or checking a sweep)."""
    from mentorlog.storage.store import Store

    st = Store(home)
    with st.lock():
        k.write(st, n)  # type: ignore[attr-defined]


def full_run(config: object) -> bool:
    """--full or MENTORLOG_FULL_TESTS=1 (for pytest_generate_tests, before fixtures exist)."""
    return bool(config.getoption("--full")) or os.environ.get(  # type: ignore[attr-defined]
        "MENTORLOG_FULL_TESTS", "") not in ("", "0")


def rotate(items: list, variants: list, full: bool, per: int = 1) -> list[tuple]:
    """(item, variant) pairs: every pair with --full; by default `per` variants for each item,
    rotating, so that every item and every variant is still tried at least once."""
    if full:
        return [(item, v) for item in items for v in variants]
    width = max(per, -(-len(variants) // max(len(items), 1)))  # cover every variant
    return [(item, variants[(i * width + j) % len(variants)])
            for i, item in enumerate(items) for j in range(width)]


def tmpfs_namespace() -> list[str] | None:
    """How to mount a small tmpfs without touching the host: a private mount namespace
    (`unshare -rm`, or `unshare -m` as root); None where neither is allowed."""
    unshare = shutil.which("unshare")
    if not unshare or sys.platform != "linux":
        return None
    for prefix in ([unshare, "-rm"], [unshare, "-m"]):
        probe = subprocess.run([*prefix, "sh", "-c", "mount -t tmpfs tmpfs /mnt"],
                               capture_output=True)
        if probe.returncode == 0:
            return prefix
    return None
