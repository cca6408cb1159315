"""Drive an interactive mentorlog in a real terminal (tmux), as a person would."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# How a prompt waiting for an answer ends on screen (cli/prompts.py): a label's colon, a
# question's "?", a default in brackets (`[60]`, `[Y/n]`) or a hint (`(Enter to skip)`).
PROMPT_ENDS = (":", "?", "]", ")")


class Terminal:
    def __init__(self, args: list[str], env: dict[str, str], width: int = 100) -> None:
        if not shutil.which("tmux"):
            pytest.skip("tmux is not installed")
        self.name = f"ml-{uuid.uuid4().hex[:8]}"
        # A tmux server of its own: killing the last session of a shared server stops it,
        # and the next new-session can then fail ("server exited unexpectedly").
        self.tmux = ["tmux", "-L", self.name]
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        # Without the test run's COLUMNS/LINES (conftest sets COLUMNS=100): the program
        # finds the pane's own width, as in a person's terminal.
        command = (
            f"cd {shlex.quote(str(ROOT))} && env -u COLUMNS -u LINES {exports} "
            f"PYTHONPATH={shlex.quote(str(ROOT))} "
            f"{shlex.quote(sys.executable)} -m mentorlog {shlex.join(args)}; "
            "echo EXIT=$?; sleep 600"
        )
        subprocess.run(
            [*self.tmux, "new-session", "-d", "-s", self.name, "-x", str(width), "-y", "50",
             command],
            check=True,
        )

    def screen(self) -> str:
        return subprocess.run(
            [*self.tmux, "capture-pane", "-p", "-J", "-S", "-200", "-t", self.name],
            capture_output=True, text=True, check=True,
        ).stdout

    def wait_for(self, text: str, timeout: float = 15) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.05)
        raise AssertionError(f"{text!r} never appeared; the screen was:\n{self.screen()}")

    def answer(self, prompt: str, text: str) -> None:
        """Wait until `prompt` is the last thing on screen, then type `text` and Enter."""
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            lines = [line for line in self.screen().splitlines() if line.strip()]
            tail = " ".join(" ".join(lines[-3:]).split())  # a prompt wrapped at 60 columns
            if prompt in tail and tail.endswith(PROMPT_ENDS):
                break
            time.sleep(0.05)
        else:
            raise AssertionError(f"prompt {prompt!r} never came; screen:\n{self.screen()}")
        self.keys("-l", text)
        self.keys("Enter")
        time.sleep(0.05)

    def keys(self, *keys: str) -> None:
        subprocess.run([*self.tmux, "send-keys", "-t", self.name, *keys], check=True)

    def interrupt(self) -> None:
        self.keys("C-c")

    def close(self) -> None:
        subprocess.run([*self.tmux, "kill-server"], check=False, capture_output=True)


def too_wide(joined: str, width: int, typed: Iterable[str] = ()) -> list[str]:
    """The lines of a joined capture (`capture-pane -J`: the lines tmux wrapped are joined
    again) wider than the pane: what the program printed past its edge. An unjoined capture
    can never show one. Not counted: a prompt the person typed a long answer after, and a
    word longer than a line (a path, left whole so it can be copied)."""
    ends = tuple(t for t in typed if t) or ("\0",)
    return [line for line in joined.splitlines()
            if len(line) > width and not line.rstrip().endswith(ends)
            and max(map(len, line.split()), default=0) <= width]


def terminal_env(home: Path, now: str) -> dict[str, str]:
    keep = {k: os.environ[k] for k in ("PATH", "LANG", "LC_ALL") if k in os.environ}
    return {**keep, "MENTORLOG_HOME": str(home), "MENTORLOG_NOW": now, "TZ": "Europe/Berlin",
            "HOME": str(home.parent / "user-home"), "TERM": "xterm-256color"}
