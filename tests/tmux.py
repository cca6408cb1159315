"""Drive an interactive mentorlog in a real terminal (tmux), as a person would."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


class Terminal:
    def __init__(self, args: list[str], env: dict[str, str], width: int = 100) -> None:
        if not shutil.which("tmux"):
            pytest.skip("tmux is not installed")
        self.name = f"ml-{uuid.uuid4().hex[:8]}"
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        command = (
            f"cd {shlex.quote(str(ROOT))} && env {exports} PYTHONPATH={shlex.quote(str(ROOT))} "
            f"{shlex.quote(sys.executable)} -m mentorlog {shlex.join(args)}; "
            "echo EXIT=$?; sleep 600"
        )
        subprocess.run(
            ["tmux", "new-session", "-d", "-s", self.name, "-x", str(width), "-y", "50", command],
            check=True,
        )

    def screen(self) -> str:
        return subprocess.run(
            ["tmux", "capture-pane", "-p", "-J", "-S", "-200", "-t", self.name],
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
            if lines and prompt in lines[-1] and lines[-1].rstrip().endswith(":"):
                break
            time.sleep(0.05)
        else:
            raise AssertionError(f"prompt {prompt!r} never came; screen:\n{self.screen()}")
        subprocess.run(["tmux", "send-keys", "-t", self.name, "-l", text], check=True)
        subprocess.run(["tmux", "send-keys", "-t", self.name, "Enter"], check=True)
        time.sleep(0.05)

    def interrupt(self) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, "C-c"], check=True)

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], check=False)


def terminal_env(home: Path, now: str) -> dict[str, str]:
    keep = {k: os.environ[k] for k in ("PATH", "LANG", "LC_ALL") if k in os.environ}
    return {**keep, "MENTORLOG_HOME": str(home), "MENTORLOG_NOW": now, "TZ": "Europe/Berlin",
            "HOME": str(home.parent / "user-home"), "TERM": "xterm-256color"}
