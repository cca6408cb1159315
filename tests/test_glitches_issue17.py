"""The text glitches of issue 17, each with the exact text a user saw, and every read command
at 60 and 120 columns: in a pipe with COLUMNS set, and on a tmux pane."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from conftest import ROOT, run_process
from journal_fixture import LATER, build, write_meeting
from tmux import Terminal, terminal_env

from mentorlog.core import text as render
from mentorlog.core.agenda import list_items
from mentorlog.core.meetings import Meeting
from mentorlog.storage.codecs.meetings import meeting_to_doc
from mentorlog.storage.store import Store


def test_an_overdue_goal_is_not_due_late() -> None:
    """Was "(30 days, due 19 days late)" in the weekly meeting's goal list."""
    today = date(2026, 12, 20)
    line = f"(30 days, {render.due_relative(date(2026, 12, 1), today)})"
    assert line == "(30 days, 19 days late)"
    assert render.due_relative(date(2026, 12, 25), today) == "due in 5 days"
    assert render.due_relative(today, today) == "due today"


def test_a_markdown_list_is_not_bulleted_twice(run, initialized: Path) -> None:
    """Was "• - Grace will send…" under "Agreed last time" in the agenda."""
    old = Meeting(date(2026, 11, 24), duration=60, new_task="t1",
                  answers={"todo": "- Grace will send the slides\n- Ask Sam about the\n  "
                                   "parser"})
    store = Store(initialized)
    with store.lock():
        store.save_doc(old.rel, meeting_to_doc(old))
    out = run("agenda").stdout
    assert "  • Grace will send the slides\n  • Ask Sam about the parser\n" in out
    assert "• -" not in out
    assert list_items("plain words\non two lines\n\n1. first\n* second") == [
        "plain words on two lines", "first", "second"]


def test_hours_have_two_decimals_at_most(run, initialized: Path) -> None:
    """Was "6.08333 h" in the checklist (365 minutes)."""
    write_meeting(initialized, "2026-12-01", duration=365)
    result = run("checklist", env={"MENTORLOG_NOW": "2026-12-10T12:00:00+01:00"})
    assert "6.08 h in 2 weeks" in " ".join(result.stdout.split())
    assert "6.0833" not in result.stdout
    assert render.hours(6.083333) == "6.08" and render.hours(1.5) == "1.5"
    assert render.hours(2.0) == "2"


def test_minimum_reached_has_a_separator(run, initialized: Path) -> None:
    """Was "week 14 minimum reached"."""
    result = run("status", env={"MENTORLOG_NOW": "2027-02-24T12:00:00+01:00"})
    assert "Mentorship with Ada Lovelace · week 14 · minimum reached" in result.stdout
    result = run("status")
    assert "Mentorship with Ada Lovelace · week 1 of at least 13" in result.stdout


@pytest.mark.parametrize(("command", "shown"), [
    ("gap", "2026-12-21..2027-01-03"),
    ("config", "meeting_privacy"),
])
def test_gap_and_config_alone_list(run, initialized: Path, command: str, shown: str) -> None:
    """Were: help and exit 2."""
    result = run(command)
    assert result.exit_code == 0, result
    assert shown in result.stdout and "Usage:" not in result.stdout
    listed = run(command, "list")
    assert listed.stdout == result.stdout
    assert run(command, "--help").exit_code == 0


def test_the_retrospective_does_not_show_an_empty_default(initialized: Path) -> None:
    """Was "What went well? ():" in `mentorlog end`."""
    term = Terminal(["end"], terminal_env(initialized, "2026-11-24T17:00:00+01:00"), width=60)
    try:
        term.answer("What went well?", "the weekly rhythm")
        term.answer("What could have gone better?", "")
        term.answer("What next?", "mentor someone")
        screen = term.wait_for("EXIT=")
    finally:
        term.close()
    assert "What went well? the weekly rhythm" in screen  # a question ends with its "?"
    assert "What could have gone better? \n" in screen or "What could have gone better?\n" \
        in screen
    assert "()" not in screen
    assert "EXIT=0" in screen


# --- every read command at 60 and 120 columns -------------------------------------------------

# `remind` prints one line per thing (for cron and a shell prompt's `wc -l`): it never wraps.
READ_COMMANDS = [
    ["status"], ["agenda"], ["goals"], ["goals", "--all"], ["goals", "--timeline"],
    ["task"], ["task", "history"], ["followup"], ["followup", "--all"], ["log"],
    ["show", "2026-12-01"], ["show", "n1"], ["show", "q1"], ["show", "t1"], ["schedule"],
    ["contact"], ["contact", "slack", "--at", "2026-12-12 12:00"], ["gap"], ["helped"],
    ["checklist"], ["config"], ["agreement"], ["mentorships"], ["check"],
]


@pytest.fixture
def journal(run, home: Path) -> Path:
    build(run, home)
    long = ("Meet Grace Hopper-Okafor, who maintains the parser and the fixtures library at "
            "the foundation")
    for args in (["followup", "add", long, "--kind", "intro"],
                 ["goals", "add", "Lead the clean-up of the whole parser test suite with Sam "
                  "and Grace", "--horizon", "90"],
                 ["helped", "paired with Priya on her first test of the parser", "--time",
                  "45"],
                 ["goals", "review", "--no-input", "--set", "g1=behind: waiting on review"]):
        result = run(*args, env={"MENTORLOG_NOW": LATER})
        assert result.exit_code == 0, (args, result)
    return home


@pytest.mark.parametrize("width", [60, 120])
def test_every_read_command_fits_the_width_in_a_pipe(journal: Path, width: int) -> None:
    env = {"MENTORLOG_HOME": str(journal), "MENTORLOG_NOW": LATER, "COLUMNS": str(width)}
    for args in READ_COMMANDS:
        result = run_process(*args, env=env)
        assert result.returncode in (0, 1), (args, result.stderr)
        assert "Traceback" not in result.stderr, args
        wide = [line for line in result.stdout.splitlines() if len(line) > width]
        assert not wide, (args, width, wide)


@pytest.mark.parametrize("width", [60, 120])
def test_read_commands_keep_their_layout_on_a_tmux_pane(journal: Path, width: int) -> None:
    """On a pane a line longer than the pane is wrapped by the terminal; the joined lines
    (capture-pane -J) show whether a command relied on that."""
    if not shutil.which("tmux"):
        pytest.skip("tmux is not installed")
    env = terminal_env(journal, LATER)
    exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
    python = shlex.quote(sys.executable)
    commands = "; ".join(f"{python} -m mentorlog {shlex.join(args)}" for args in READ_COMMANDS)
    # the pane's own width: not the COLUMNS the test run sets
    script = (f"unset COLUMNS LINES; cd {shlex.quote(str(ROOT))} && export {exports} "
              f"PYTHONPATH={shlex.quote(str(ROOT))} && {{ {commands}; }}; echo DONE=$?; "
              "sleep 600")
    name = f"ml-wide-{width}"
    subprocess.run(["tmux", "new-session", "-d", "-s", name, "-x", str(width), "-y", "50",
                    script], check=True)
    subprocess.run(["tmux", "set-option", "-t", name, "history-limit", "20000"], check=False)
    try:
        deadline = time.monotonic() + 120
        screen = ""
        while time.monotonic() < deadline and "DONE=" not in screen:
            time.sleep(0.1)
            screen = subprocess.run(["tmux", "capture-pane", "-p", "-J", "-S", "-", "-t",
                                     name], capture_output=True, text=True).stdout
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], check=False)
    assert "DONE=" in screen, screen
    assert "Traceback" not in screen
    assert "30/60/90 windows" in screen and "slack:" in screen and "meeting_privacy" in screen
    wide = [line for line in screen.splitlines() if len(line.rstrip()) > width]
    assert not wide, (width, wide)


def test_a_long_goal_wraps_under_its_words_in_status(journal: Path) -> None:
    """At 60 columns the dashboard's goal table wraps a goal's words under its words, not
    under its ○ mark (as `goals` does)."""
    env = {"MENTORLOG_HOME": str(journal), "MENTORLOG_NOW": LATER, "COLUMNS": "60"}
    result = run_process("status", env=env)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    first = next(i for i, line in enumerate(lines) if "Lead the clean-up" in line)
    assert lines[first].startswith("│ ○ g")
    wrapped = lines[first + 1]
    assert wrapped.startswith("│   ") and wrapped[4] != " ", lines[first:first + 3]
