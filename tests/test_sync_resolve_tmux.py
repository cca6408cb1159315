"""The interactive `sync resolve` (cli/sync.py) in a real terminal (tmux), at 60 and 120
columns, from a real two-machine conflict: two data folders, one bare remote, the same goals,
setting and weekly meeting changed on both; machine b's sync sets the other machine's
versions aside in conflicts/, and b settles them one by one (issue 15)."""

from __future__ import annotations

import json
import os
import shutil
import stat
import time
from pathlib import Path

import pytest
from conftest import INIT_ARGS
from machines import Machine as OneMachine
from machines import bare_remote
from tmux import Terminal, terminal_env

pytestmark = pytest.mark.skipif(not (shutil.which("git") and shutil.which("tmux")),
                                reason="git and tmux are needed")

PROMPT = "Keep [m]ine, keep [t]heirs, [e]dit the live version, or [s]kip"
# The editor of the 'e' answer: it rewrites the live goal g3 as the two machines agreed.
EDITOR = """#!/bin/sh
sed -i 's/Lead a feature on B/Lead a feature together/' "$1"
"""


class Machine(OneMachine):
    NOW = "2026-11-26T10:00:00"


def _goal(m: Machine, goal_id: str) -> str:
    return str(next(g["text"] for g in m.toml("goals.toml")["goals"] if g["id"] == goal_id))


@pytest.fixture
def conflicted(tmp_path: Path) -> Machine:
    """Machine b with five conflicts waiting, each of another kind of choice."""
    bare = bare_remote(tmp_path)
    a, b = Machine(tmp_path, "a"), Machine(tmp_path, "b")
    a.ok(*INIT_ARGS, now="2026-11-25T20:00:00")
    a.ok("sync", "--init", str(bare))
    b.ok("sync", "--init", str(bare))
    for m, tag in ((a, "A"), (b, "B")):
        for goal, text in (("g1", "Ship a PR"), ("g2", "Give a talk"), ("g3", "Lead a feature")):
            m.ok("goals", "edit", goal, "--text", f"{text} on {tag}", "--no-input")
        m.ok("config", "set", "editor", f"editor-{tag}")
        m.ok("week", "--no-input", "--date", "2026-12-01", "--task-status", "done",
             "--went-well", "read it", "--notes", f"notes on {tag}", "--next-task",
             f"Task from {tag}",
             now="2026-12-01T19:10:00")
    assert a.run("sync").returncode == 0
    synced = b.run("sync")
    code, stderr = synced.returncode, synced.stderr
    assert code == 1 and "conflict(s) wait in conflicts/" in stderr, stderr
    waiting = json.loads(b.ok("status", "--json"))["conflicts"]
    assert waiting == ["conflicts/config-editor.toml", "conflicts/goals-g1.toml",
                       "conflicts/goals-g2.toml", "conflicts/goals-g3.toml",
                       "conflicts/meetings__2026-12-01.md"], waiting
    return b


def _flat(screen: str) -> str:
    return " ".join(screen.split())


def _wait(term: Terminal, text: str, timeout: float = 15) -> str:
    """The screen, its words joined by single spaces, once `text` is on it (a line Rich
    wrapped at 60 columns included)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        flat = _flat(term.screen())
        if text in flat:
            return flat
        time.sleep(0.05)
    raise AssertionError(f"{text!r} never appeared; the screen was:\n{term.screen()}")


@pytest.mark.parametrize("width", [60, 120])
def test_resolve_asks_for_each_conflict_and_settles_it_as_answered(
        conflicted: Machine, tmp_path: Path, width: int) -> None:
    b = conflicted
    editor = tmp_path / "editor.sh"
    editor.write_text(EDITOR)
    editor.chmod(editor.stat().st_mode | stat.S_IXUSR)
    env = {**terminal_env(b.home, "2026-12-01T20:00:00"), **b.env, "EDITOR": str(editor),
           "VISUAL": ""}
    env["HOME"] = str(tmp_path / "user-home")
    term = Terminal(["sync", "resolve"], env, width=width)
    try:
        # 1. the setting: a wrong answer is asked again, then skipped (it stays waiting)
        flat = _wait(term, "or [s]kip")
        assert "conflicts/config-editor.toml" in flat
        assert "live version: mine (this machine's); the copy: theirs (the other " \
               "machine's). Below: live / copy" in flat
        assert '"editor-B" / "editor-A"' in flat
        term.answer(PROMPT, "x")
        assert "answer m, t, e or s — try again." in _wait(term, "try again")
        term.answer(PROMPT, "s")
        # 2. goal g1: keep mine (this machine's, the live one)
        assert 'text: "Ship a PR on B" / "Ship a PR on A"' in _wait(
            term, "conflicts/goals-g1.toml")
        term.answer(PROMPT, "m")
        assert ("Kept mine (the live version of goals.toml: goals g1); removed "
                "conflicts/goals-g1.toml.") in _wait(term, "removed conflicts/goals-g1")
        # 3. goal g2: keep theirs (the other machine's copy goes back in the live file)
        _wait(term, "conflicts/goals-g2.toml")
        term.answer(PROMPT, "t")
        assert ("Kept theirs (conflicts/goals-g2.toml) in goals.toml; removed the copy."
                in _wait(term, "removed the copy"))
        # 4. goal g3: edit the live version in $EDITOR
        _wait(term, "conflicts/goals-g3.toml")
        term.answer(PROMPT, "e")
        assert ("Saved your edit of goals.toml; removed conflicts/goals-g3.toml."
                in _wait(term, "removed conflicts/goals-g3"))
        # 5. the meeting recorded on both machines: keep theirs, with the task it set
        meeting = _wait(term, "conflicts/meetings__2026-12-01.md")
        assert "+ (the copy's task) Task from A" in meeting
        term.answer(PROMPT, "t")
        end = _wait(term, "EXIT=")
        assert ("Kept theirs (conflicts/meetings__2026-12-01.md) in meetings/2026-12-01.md; "
                "removed the copy.") in end
        assert "Settled 4; 1 still wait." in end
        assert "EXIT=0" in end
        assert "Traceback" not in end
        # Rich wrapped each line at the terminal's width, between words (a line the
        # terminal wrapped would come back longer: the capture joins wrapped lines)
        assert all(len(line.rstrip()) <= width for line in term.screen().splitlines())
    finally:
        term.close()
    # the files: each choice is in the live journal, the skipped one still waits
    assert json.loads(b.ok("status", "--json"))["conflicts"] == ["conflicts/config-editor.toml"]
    assert b.toml("config.toml")["editor"] == "editor-B"
    assert [_goal(b, g) for g in ("g1", "g2", "g3")] == [
        "Ship a PR on B", "Give a talk on A", "Lead a feature together"]
    meeting = (b.home / "meetings" / "2026-12-01.md").read_text()
    assert "notes on A" in meeting and "notes on B" not in meeting
    tasks = b.toml("tasks.toml")["tasks"]
    assert [t["text"] for t in tasks if t.get("status", "open") == "open"] == ["Task from A"]
    assert not [p for p in os.listdir(b.home / "conflicts") if p.startswith("goals")]
    assert b.ok("check")
    # settled here: the next sync commits and pushes what was chosen, the setting still waits
    synced = b.run("sync")
    code, stderr = synced.returncode, synced.stderr
    assert code == 1 and "1 conflict(s) wait" in stderr, stderr
