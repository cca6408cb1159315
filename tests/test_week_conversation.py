"""`week` as a short conversation typed in a real terminal (tmux): at most 12 prompts for a
typical meeting, every answer kept through Ctrl-C or a closed terminal, and forgiving input."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import INIT_ARGS, run_process
from tmux import Terminal, terminal_env, too_wide

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

MEETING = "2026-12-01T19:05:00"

# A typical meeting: last week's task, 3 goals, 1 parked question, 2 open follow-ups.
# (the prompt, what the person types) — one line each, in the guide's order.
TYPICAL = [
    ("a. Was it completed, and how did it go?", "yes: read it twice"),
    ("c. What could have gone better?", "started late"),
    ("g1 Ship a PR", "behind: waiting for review"),
    ("g2 Give a talk", "on track"),
    ("g3 Lead a feature", ""),
    ("q1 How do you review a large PR?", "commit by commit"),
    ("Anything else you asked, worked on or talked about?", "paired on the parser"),
    ("f1 Send Ada the repo link", "d"),
    ("o2 A CFP for a meetup", ""),
    ("a. What are you doing for the next week?", "Write the parser tests; send Ada the slides"),
    ("b. What will Ada keep an eye out for", "a meetup looking for talks"),
    ("c. When and where is the next meeting?", "next thu 18:00, video call"),
]


def _env(home: Path, tmp_path: Path, now: str = MEETING) -> dict[str, str]:
    env = terminal_env(home, now)
    env["XDG_CACHE_HOME"] = str(tmp_path / "xdg-cache")
    env["XDG_CONFIG_HOME"] = str(tmp_path / "xdg-config")
    env["NO_COLOR"] = "1"
    return env


def _typical_journal(home: Path, tmp_path: Path) -> None:
    env = {"MENTORLOG_HOME": str(home), "MENTORLOG_NOW": "2026-11-26T10:00:00",
           "XDG_CACHE_HOME": str(tmp_path / "xdg-cache"),
           "XDG_CONFIG_HOME": str(tmp_path / "xdg-config")}
    for args in (INIT_ARGS, ["ask", "How do you review a large PR?"],
                 ["followup", "add", "Send Ada the repo link"],
                 ["followup", "add", "--kind", "opportunity", "A CFP for a meetup"],
                 ["note", "Paired with Sam on the parser"]):
        result = run_process(*args, env=env)
        assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("width", [60, 120])
def test_a_typical_meeting_takes_at_most_12_prompts(home: Path, tmp_path: Path,
                                                    width: int) -> None:
    _typical_journal(home, tmp_path)
    assert len(TYPICAL) <= 12
    term = Terminal(["week"], _env(home, tmp_path), width=width)
    try:
        for prompt, text in TYPICAL:
            term.answer(prompt, text)
        screen = term.wait_for("EXIT=")  # no 13th question: the meeting is saved (joined: -J)
    finally:
        term.close()
    words = " ".join(screen.split())
    assert "EXIT=0" in screen and "Traceback" not in screen
    # It reads as a conversation in the guide's order, with what is known shown first.
    order = ["Weekly meeting with Ada Lovelace · Tue 1 Dec 2026 · 60 min",
             "Last week's task: Read the contributing guide",
             "d. Where are you on your 30/60/90 goals?",
             "The Weekly Meeting 4", "You noted since the last meeting:",
             "Paired with Sam on the parser", "The Weekly Meeting 5",
             "Follow-ups from earlier meetings", "c. When and where is the next meeting?"]
    at = [words.index(part) for part in order]
    assert at == sorted(at), at
    assert "next meeting? [Tue 8 Dec 2026 18:00] next thu" in words  # the agreed slot
    assert "→ Thu 3 Dec 2026 18:00 (Thu 12:00 for Ada Lovelace)" in words  # `next thu` echoed
    assert "Closed t1: done — Read the contributing guide" in words
    assert "Next meeting: Thu 3 Dec 2026 18:00, video call" in words
    prompts = [line for line in screen.splitlines()
               if any(line.startswith(p) or f" {p}" in line for p, _ in TYPICAL)]
    assert len(prompts) <= 12
    assert not too_wide(screen, width, [text for _, text in TYPICAL]), screen
    assert "?:" not in screen and "(d)" not in screen  # a question ends with its "?"
    text = (home / "meetings" / "2026-12-01.md").read_text()
    assert "## Was last week's task completed?\n\nDone" in text
    assert "## What went well?\n\nread it twice" in text
    assert "- g1: behind — waiting for review\n- g2: on-track" in text
    assert "- q1: How do you review a large PR?\n  Answer: commit by commit" in text
    assert "- f1: Send Ada the repo link — done" in text
    assert "## What are you doing for the next week?\n\nWrite the parser tests\n" in text
    assert "send Ada the slides" in text and "a meetup looking for talks" in text
    assert "## Notes\n\npaired on the parser" in text
    assert 'where = "video call"' in text
    goals = (home / "goals.toml").read_text()
    assert '{ on = 2026-12-01, text = "waiting for review", verdict = "behind" }' in goals
    assert not (home / "drafts" / "week.toml").exists()


def test_ctrl_c_after_three_answers_keeps_them_for_the_next_run(home: Path,
                                                                tmp_path: Path) -> None:
    _typical_journal(home, tmp_path)
    env = _env(home, tmp_path)
    term = Terminal(["week"], env)
    try:
        for prompt, text in TYPICAL[:3]:
            term.answer(prompt, text)
        term.wait_for("g2 Give a talk")
        term.interrupt()
        screen = term.wait_for("EXIT=")
    finally:
        term.close()
    assert "EXIT=130" in screen and "Traceback" not in screen
    assert "Interrupted: your answers so far are kept in" in " ".join(screen.split())
    assert "nothing was saved" not in screen
    assert not (home / "meetings").exists()
    draft = home / "drafts" / "week.toml"
    assert draft.stat().st_mode & 0o777 == 0o600
    # With --no-input the draft is named on stderr, and left alone.
    result = run_process("week", "--no-input", "--date", "2026-12-01", "--next-task", "x",
                         "--task-status", "done", env=env)
    assert result.returncode == 0, result.stderr
    assert "unfinished weekly meeting of Tue 1 Dec 2026 (3 answers)" in result.stderr
    assert "run 'mentorlog week' in a terminal to resume it" in " ".join(result.stderr.split())
    assert draft.exists()
    (home / "meetings" / "2026-12-01.md").unlink()  # as if it had not been recorded
    term = Terminal(["week"], env)
    try:
        term.answer("(3 answers). Resume it?", "y")
        for prompt, text in TYPICAL[3:]:  # the three answers are not asked again
            term.answer(prompt, text)
        screen = term.wait_for("EXIT=")
    finally:
        term.close()
    assert "EXIT=0" in screen
    assert "Was it completed?" not in screen.split("Resume it?")[1]
    text = (home / "meetings" / "2026-12-01.md").read_text()
    assert "## What went well?\n\nread it twice" in text
    assert "## What could have gone better?\n\nstarted late" in text
    assert "- g1: behind — waiting for review" in text
    assert not draft.exists()


def test_a_closed_terminal_keeps_the_answers(home: Path, tmp_path: Path) -> None:
    _typical_journal(home, tmp_path)
    env = _env(home, tmp_path)
    term = Terminal(["week"], env)
    try:
        for prompt, text in TYPICAL[:2]:
            term.answer(prompt, text)
        term.wait_for("g1 Ship a PR")
    finally:
        term.close()  # the terminal goes away: SIGHUP
    draft = (home / "drafts" / "week.toml").read_text()
    assert 'task = "yes: read it twice"' in draft and 'could_improve = "started late"' in draft


def test_declining_to_edit_a_recorded_meeting_is_no_error(home: Path, tmp_path: Path) -> None:
    _typical_journal(home, tmp_path)
    env = _env(home, tmp_path)
    result = run_process("week", "--no-input", "--task-status", "done", "--next-task", "x",
                         env=env)
    assert result.returncode == 0, result.stderr
    before = (home / "meetings" / "2026-12-01.md").read_bytes()
    term = Terminal(["week"], env)
    try:
        term.answer("already recorded. Edit it?", "n")
        screen = term.wait_for("EXIT=")
    finally:
        term.close()
    assert "EXIT=0" in screen
    assert "The meeting of Tue 1 Dec 2026 is left as it is" in " ".join(screen.split())
    assert "Error" not in screen and "in a terminal" not in screen
    assert (home / "meetings" / "2026-12-01.md").read_bytes() == before


def test_a_wrong_status_is_asked_again_and_yes_no_are_understood(home: Path,
                                                                 tmp_path: Path) -> None:
    _typical_journal(home, tmp_path)
    term = Terminal(["week"], _env(home, tmp_path))
    try:
        term.answer("a. Was it completed, and how did it go?", "almost")
        term.wait_for("is not a task status")
        term.answer("a. Was it completed, and how did it go?", "no")
        term.answer("b. What went well?", "")  # a bare status: both are asked
        term.answer("c. What could have gone better?", "")
        term.answer("g1 Ship a PR", "done: merged on Friday")
        term.answer("g2 Give a talk", "")
        term.answer("g3 Lead a feature", "")
        term.answer("q1 How do you", "")
        term.answer("Anything else", "")
        term.answer("f1 Send Ada", "yes")
        term.answer("o2 A CFP", "no")
        term.answer("a. What are you doing", "Write the parser tests")
        term.answer("keep an eye out", "")
        term.answer("c. When and where", "2026-09-31 18:00")
        term.wait_for("September has 30 days")
        term.answer("c. When and where", "")  # Enter: the agreed slot
        screen = term.wait_for("EXIT=")
    finally:
        term.close()
    assert "EXIT=0" in screen
    assert "Closed t1: not done — Read the contributing guide" in " ".join(screen.split())
    assert "→" not in screen.split("c. When and where")[-1]  # nothing relative to echo
    goals = (home / "goals.toml").read_text()
    assert 'status = "done"' in goals and 'verdict = "done"' in goals
    followups = (home / "opportunities.toml").read_text()
    assert followups.count('status = "done"') == 1  # f1; o2 stays open


def test_the_words_after_a_status_land_where_they_mean(home: Path, tmp_path: Path) -> None:
    """`no: the holidays came first` is what got in the way, not what went well; then only
    the question left open (what went well) is asked."""
    _typical_journal(home, tmp_path)
    term = Terminal(["week"], _env(home, tmp_path), width=60)
    try:
        term.answer("a. Was it completed, and how did it go?", "no: the holidays came first")
        term.answer("b. What went well?", "the reading group")
        term.answer("g1 Ship a PR", "")
        term.answer("g2 Give a talk", "")
        term.answer("g3 Lead a feature", "")
        term.answer("q1 How do you", "")
        term.answer("Anything else", "")
        term.answer("f1 Send Ada", "")
        term.answer("o2 A CFP", "")
        term.answer("a. What are you doing", "Write the parser tests")
        term.answer("keep an eye out", "")
        term.answer("c. When and where", "")
        screen = term.wait_for("EXIT=")
    finally:
        term.close()
    assert "EXIT=0" in screen
    assert "What could have gone better?" not in screen  # the status line answered it
    text = (home / "meetings" / "2026-12-01.md").read_text()
    assert "## What could have gone better?\n\nthe holidays came first" in text
    assert "## What went well?\n\nthe reading group" in text
    assert "## How did it go?" not in text
    tasks = (home / "tasks.toml").read_text()
    assert 'outcome = "the holidays came first"' in tasks


def test_the_width_check_finds_a_line_wider_than_the_pane() -> None:
    """The check reads a joined capture: a line the program printed past the edge shows
    there whole (an unjoined capture cuts every line at the pane's width)."""
    joined = "Saved.\n" + "x " * 40 + "\nc. When and where? [Tue] next thu 18:00, video call\n"
    assert too_wide(joined, 60, ["next thu 18:00, video call"]) == ["x " * 40]
    assert too_wide("a/" * 40, 60) == []  # a path longer than a line is left whole
