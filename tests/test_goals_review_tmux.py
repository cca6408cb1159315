"""`goals review` typed into a real terminal (tmux), as a new user would; skipped without tmux."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


class Terminal:
    def __init__(self, name: str) -> None:
        self.name = name

    def screen(self) -> str:
        return subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", self.name], capture_output=True, text=True
        ).stdout

    def wait_for(self, text: str, seen: int = 0, patience: float = 20.0) -> str:
        """Polls until `text` shows more than `seen` times (a safety limit, not a timing test)."""
        end = time.monotonic() + patience
        while time.monotonic() < end:
            screen = self.screen()
            if screen.count(text) > seen:
                return screen
            time.sleep(0.05)
        raise AssertionError(f"{text!r} never showed; the screen:\n{self.screen()}")

    def type(self, answer: str, then: str) -> str:
        """Types an answer and Enter, then waits for the next `then` to show up."""
        seen = self.screen().count(then)
        self.send(answer)
        return self.wait_for(then, seen)

    def send(self, *keys: str) -> None:
        if keys == ("C-c",):
            subprocess.run(["tmux", "send-keys", "-t", self.name, "C-c"], check=True)
            return
        subprocess.run(["tmux", "send-keys", "-t", self.name, "-l", keys[0]], check=True)
        subprocess.run(["tmux", "send-keys", "-t", self.name, "Enter"], check=True)


@pytest.fixture
def terminal(initialized: Path) -> Iterator[Terminal]:
    name = f"mentorlog-test-{uuid.uuid4().hex[:8]}"
    env = {"MENTORLOG_HOME": str(initialized), "MENTORLOG_NOW": "2026-12-29T19:00:00",
           "PYTHONPATH": str(ROOT), "NO_COLOR": "1", "TERM": "xterm"}
    command = " ".join(
        ["env", *(f"{k}={shlex.quote(v)}" for k, v in env.items()),
         shlex.quote(sys.executable), "-m", "mentorlog", "goals", "review",
         "; echo EXIT=$?; sleep 30"]
    )
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", name, "-x", "100", "-y", "50", command], check=True
    )
    try:
        yield Terminal(name)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)


def test_review_typed_in_a_terminal(terminal: Terminal, initialized: Path) -> None:
    screen = terminal.wait_for("How is g1 going")
    assert "a. Review the past month and the 30/60/90 goals you had set." in screen
    assert "g1 Ship a PR — 30 days, due Thu 24 Dec 2026 (5 days late)" in screen
    terminal.type("finished", "not 'finished' — try again.")
    terminal.type("don", "Anything to add about")
    terminal.type("merged on Friday", "How is g2 going")
    terminal.type("", "Anything to add about")  # Enter keeps on-track
    terminal.type("slides half done", "How is g3 going")
    terminal.type("behind", "Anything to add about")
    terminal.type("", "What went well?")
    terminal.type("Paired twice with Ada", "What could have gone better?")
    screen = terminal.type("I started the talk too late", "A new 30-day goal")
    assert "kept: g2 Give a talk (60 days, continues)" in screen
    terminal.type("Review two PRs", "How will you know it is done? (Enter to skip)")
    terminal.type("two PRs approved", "A new 30-day goal (Enter when done)")
    terminal.type("", "A new 60-day goal")
    terminal.type("", "A new 90-day goal")
    screen = terminal.type("", "EXIT=0")
    assert "Saved the monthly review to" in screen
    assert "30 days: g4 Review two PRs (new), due Thu 28 Jan 2027" in screen
    text = (initialized / "reviews" / "2026-12-29.md").read_text()
    assert "- g1 Ship a PR (30 days, due Thu 24 Dec 2026): **done** — merged on Friday" in text
    assert "**on-track** — slides half done" in text
    assert "## What went well?\n\nPaired twice with Ada\n" in text
    goals = (initialized / "goals.toml").read_text()
    assert 'measure = "two PRs approved"' in goals  # a new goal's SMART measure, asked


def test_ctrl_c_in_the_middle_saves_only_a_draft(terminal: Terminal, initialized: Path) -> None:
    before = (initialized / "goals.toml").read_bytes()
    terminal.wait_for("How is g1 going")
    terminal.type("done", "Anything to add about")
    terminal.type("merged", "How is g2 going")
    terminal.send("C-c")
    screen = terminal.wait_for("EXIT=130")
    assert "Interrupted: your answers so far are kept in" in " ".join(screen.split())
    assert (initialized / "goals.toml").read_bytes() == before
    assert not (initialized / "reviews").exists()
    assert (initialized / "drafts" / "review.toml").exists()  # resumed: test_week_conversation
