"""`mentorlog week` driven in a real terminal (tmux), as a new user would."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from conftest import INIT_ARGS, ROOT, run_process

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


class Terminal:
    def __init__(self, command: str) -> None:
        self.name = f"mentorlog-{uuid.uuid4().hex[:8]}"
        subprocess.run(["tmux", "new-session", "-d", "-s", self.name, "-x", "100", "-y", "60",
                        command], check=True)

    def screen(self) -> str:
        return subprocess.run(["tmux", "capture-pane", "-p", "-t", self.name],
                              capture_output=True, text=True).stdout

    def wait_for(self, text: str, limit: float = 20) -> str:
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in " ".join(screen.split()):
                return screen
            time.sleep(0.05)
        raise AssertionError(f"{text!r} never appeared:\n{self.screen()}")

    def answer(self, prompt: str, keys: str) -> None:
        self.wait_for(prompt)
        subprocess.run(["tmux", "send-keys", "-t", self.name, "-l", keys], check=True)
        subprocess.run(["tmux", "send-keys", "-t", self.name, "Enter"], check=True)

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


def test_week_in_a_terminal(tmp_path: Path, home: Path) -> None:
    env = {"MENTORLOG_HOME": str(home), "MENTORLOG_NOW": "2026-11-26T10:00:00+01:00"}
    assert run_process(*INIT_ARGS, env=env).returncode == 0
    assert run_process("ask", "How do you review a large PR?", env=env).returncode == 0
    editor = tmp_path / "editor"
    editor.write_text('#!/bin/sh\nprintf "\\nEdited by hand.\\n" >> "$1"\n')
    editor.chmod(0o755)
    command = (
        f"cd {shlex.quote(str(ROOT))} && env MENTORLOG_HOME={shlex.quote(str(home))} "
        f"MENTORLOG_NOW=2026-12-01T19:05:00+01:00 PYTHONPATH=. EDITOR={editor} "
        f"{shlex.quote(sys.executable)} -m mentorlog week; echo EXIT=$?; sleep 60"
    )
    term = Terminal(command)
    try:
        term.answer("a. Was it completed, and how did it go?", "almost")
        term.answer("is not a task status", "partly: Read it twice")
        term.answer("c. What could have gone better?", "Started late")
        term.wait_for("d. Where are you on your 30/60/90 goals?")
        term.answer("g1 Ship a PR (30 days, due in 25 days):", "on track: PR opened")
        term.answer("g2 Give a talk", "")
        term.answer("g3 Lead a feature", "")
        term.answer("q1 How do you review a large PR? (Enter: keep it parked)",
                    "Read it commit by commit")
        term.answer("Anything else you asked, worked on or talked about?", "The parser")
        term.answer("a. What are you doing for the next week?", "Write the parser tests")
        term.answer("opportunities-wise?", "A CFP for a meetup")
        term.wait_for("c. When and where is the next meeting? [Tue 8 Dec 2026 18:00]")
        term.answer("c. When and where is the next meeting?", "next wed 18:00, video call")
        term.wait_for("→ Wed 2 Dec 2026 18:00 (Wed 12:00 for Ada Lovelace)")
        screen = term.wait_for("EXIT=0")
        assert "Closed t1: partly — Read the contributing guide" in screen
        assert "Next meeting: Wed 2 Dec 2026 18:00, video call" in screen
    finally:
        term.close()
    text = (home / "meetings" / "2026-12-01.md").read_text()
    assert "duration = 60" in text and "next_meeting = 2026-12-02 18:00:00+01:00" in text
    assert "## Was last week's task completed?\n\nPartly" in text
    assert "## How did it go?\n\nRead it twice" in text  # after `partly`: how far it got
    assert "## What went well?" not in text
    assert "- g1: on-track — PR opened" in text
    assert "## Notes\n\nThe parser" in text
    assert "- q1: How do you review a large PR?\n  Answer: Read it commit by commit" in text
    assert "- o1: A CFP for a meetup" in text

    # The same date again: it offers to edit the meeting rather than overwrite it.
    term = Terminal(command)
    try:
        term.answer("A meeting on 2026-12-01 is already recorded. Edit it?", "y")
        screen = term.wait_for("EXIT=0")
        assert "Saved" in screen
    finally:
        term.close()
    edited = (home / "meetings" / "2026-12-01.md").read_text()
    assert edited == text + "\nEdited by hand.\n"
    assert not (home / "drafts" / "meetings-2026-12-01.md").exists()
