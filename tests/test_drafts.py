"""Never lose an answer (issue 17): `goals review`, `end` and `agreement edit` stopped with
Ctrl-C keep a draft in drafts/ and the next run offers to resume it; drafts read back."""

from __future__ import annotations

import json
import shutil
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from conftest import INIT_ARGS, run_process
from hypothesis import given
from hypothesis import strategies as st
from test_weekly_formats import TRICKY
from tmux import Terminal, terminal_env

from mentorlog.core.drafts import Draft
from mentorlog.storage.codecs.drafts import draft_from_dict, draft_to_dict
from mentorlog.storage.toml import dump_toml_data, parse_toml

tmux_only = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

text = st.lists(st.one_of(st.sampled_from([t for t in TRICKY if t != "\x00"]), st.text()),
                max_size=6).map("".join)


@given(st.sampled_from(["week", "goals review", "end"]),
       st.none() | st.dates(date(2000, 1, 1), date(2100, 1, 1)),
       st.dictionaries(st.text(min_size=1), text))
def test_a_draft_reads_back_as_written(command: str, day: date | None,
                                       answers: dict[str, str]) -> None:
    draft = Draft(command, day, answers)
    assert draft_from_dict(parse_toml(dump_toml_data(draft_to_dict(draft)), "d")) == draft


def test_a_broken_draft_is_named_and_kept(run, initialized: Path) -> None:
    broken = initialized / "drafts" / "week.toml"
    broken.parent.mkdir(exist_ok=True)
    broken.write_text("schema_version = 1\ncommand = [\n")
    result = run("week", "--no-input", "--task-status", "done", "--next-task", "x",
                 env={"MENTORLOG_NOW": "2026-12-01T19:05:00+01:00"})
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and "drafts/week.toml" in result.stderr
    assert "fix or delete this file" in result.stderr
    assert broken.read_text() == "schema_version = 1\ncommand = [\n"
    assert not (initialized / "meetings").exists()


def _env(home: Path, tmp_path: Path, now: str) -> dict[str, str]:
    env = terminal_env(home, now)
    env.update(XDG_CACHE_HOME=str(tmp_path / "xdg-cache"),
               XDG_CONFIG_HOME=str(tmp_path / "xdg-config"), NO_COLOR="1")
    return env


def _init(home: Path, tmp_path: Path) -> dict[str, str]:
    env = _env(home, tmp_path, "2026-11-24T17:00:00")
    result = run_process(*INIT_ARGS, env=env)
    assert result.returncode == 0, result.stderr
    return env


def _say(term: Terminal, prompt: str, keys: str) -> None:
    """Wait until `prompt` is on the last line (a question may end with `?` or `:`), type."""
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        lines = [line for line in term.screen().splitlines() if line.strip()]
        if lines and prompt in lines[-1]:
            break
        time.sleep(0.05)
    else:
        raise AssertionError(f"{prompt!r} never came:\n{term.screen()}")
    time.sleep(0.1)
    term.keys("-l", keys)
    term.keys("Enter")


def _until(term: Terminal, seen: Callable[[str], bool]) -> None:
    deadline = time.monotonic() + 15
    while not seen(term.screen()):
        if time.monotonic() > deadline:
            raise AssertionError(term.screen())
        time.sleep(0.05)


@tmux_only
def test_goals_review_resumes_after_ctrl_c(home: Path, tmp_path: Path) -> None:
    env = {**_init(home, tmp_path), "MENTORLOG_NOW": "2026-12-29T19:00:00"}
    term = Terminal(["goals", "review"], env)
    try:
        _say(term, "How is g1 going", "done")
        _say(term, "Anything to add about", "merged on Friday")
        _say(term, "How is g2 going", "behind")
        # g2's verdict is kept once its line is asked
        _until(term, lambda screen: screen.count("Anything to add about") == 2)
        term.interrupt()
        screen = term.wait_for("EXIT=")
    finally:
        term.close()
    assert "EXIT=130" in screen and "Traceback" not in screen
    assert "Interrupted: your answers so far are kept in" in " ".join(screen.split())
    assert not (home / "reviews").exists()
    term = Terminal(["goals", "review"], env)
    try:
        _say(term, "(3 answers). Resume it?", "y")
        _say(term, "Anything to add about", "slides half done")  # g2's line: next unanswered
        _say(term, "How is g3 going", "")
        _say(term, "Anything to add about", "")
        _say(term, "What went well?", "Paired twice")
        _say(term, "What could have gone better?", "")
        _say(term, "A new 30-day goal", "")
        _say(term, "A new 60-day goal", "")
        _say(term, "A new 90-day goal", "")
        screen = term.wait_for("EXIT=")
    finally:
        term.close()
    assert "EXIT=0" in screen
    words = " ".join(screen.split())
    # shown as it was answered, and kept
    assert "How is g1 going — done, on-track, behind, dropped or carry? done" in words
    review = next((home / "reviews").iterdir()).read_text()
    assert "**done** — merged on Friday" in review
    assert "**behind** — slides half done" in review
    assert not (home / "drafts" / "review.toml").exists()


@tmux_only
def test_end_resumes_after_ctrl_c(home: Path, tmp_path: Path) -> None:
    env = {**_init(home, tmp_path), "MENTORLOG_NOW": "2027-03-01T19:00:00"}
    term = Terminal(["end"], env)
    try:
        _say(term, "What went well?", "a steady weekly rhythm")
        term.wait_for("What could have gone better?")
        term.interrupt()
        screen = term.wait_for("EXIT=")
    finally:
        term.close()
    assert "EXIT=130" in screen and "Traceback" not in screen
    assert not (home / "retrospective.md").exists()
    assert 'went_well = "a steady weekly rhythm"' in (home / "drafts" / "end.toml").read_text()
    result = run_process("status", env=env)
    assert result.returncode == 0 and "ended" not in result.stdout.lower()
    term = Terminal(["end"], env)
    try:
        _say(term, "(1 answer). Resume it?", "y")
        _say(term, "What could have gone better?", "more pairing")
        _say(term, "What next?", "mentor others")
        deadline = time.monotonic() + 20
        while "EXIT=" not in term.screen() and time.monotonic() < deadline:
            lines = [line for line in term.screen().splitlines() if line.strip()]
            if lines and lines[-1].rstrip().endswith((":", "?")):  # skills: Enter keeps them
                term.keys("Enter")
            time.sleep(0.3)
        screen = term.wait_for("EXIT=")
    finally:
        term.close()
    assert "EXIT=0" in screen, screen
    assert "What went well?" not in screen.split("Resume it?")[1].split("What could")[0]
    retro = (home / "retrospective.md").read_text()
    assert "a steady weekly rhythm" in retro and "more pairing" in retro
    assert not (home / "drafts" / "end.toml").exists()


@tmux_only
def test_end_keeps_the_skills_rated_again_after_ctrl_c(home: Path, tmp_path: Path) -> None:
    """The ratings typed at `end` are kept in drafts/end.toml as they are typed, with the
    retrospective's answers, and resumed with them."""
    env = _env(home, tmp_path, "2026-11-24T17:00:00")
    made = run_process(*INIT_ARGS, "--skill", "Writing tests=2", "--skill", "Public speaking=1",
                       env=env)
    assert made.returncode == 0, made.stderr
    env["MENTORLOG_NOW"] = "2027-03-01T19:00:00"
    skills_before = (home / "skills.toml").read_bytes()
    # what could have gone better and what next come as flags: one answer, then the ratings
    term = Terminal(["end", "--could-improve", "more pairing", "--next", "mentor others"], env)
    try:
        _say(term, "What went well?", "a steady weekly rhythm")
        _say(term, "Writing tests (was 2)", "9")  # not a level: asked again, not kept
        _say(term, "Writing tests (was 2)", "4")
        term.wait_for("Public speaking (was 1)")
        term.interrupt()
        screen = term.wait_for("EXIT=")
    finally:
        term.close()
    assert "EXIT=130" in screen and "Traceback" not in screen
    assert "Interrupted: your answers so far are kept in" in " ".join(screen.split())
    kept = (home / "drafts" / "end.toml").read_text()
    assert 'went_well = "a steady weekly rhythm"' in kept
    assert '"skill:Writing tests" = "4"' in kept and "9" not in kept.split("[answers]")[1]
    assert "Public speaking" not in kept
    assert (home / "skills.toml").read_bytes() == skills_before
    assert not (home / "retrospective.md").exists()
    # resumed without the flags: the questions they answered are asked, the rest is kept
    term = Terminal(["end"], env, width=60)
    try:
        term.answer("(2 answers). Resume it?", "y")  # wrapped at 60 columns: `answer`
        term.answer("What could have gone better?", "more pairing")
        term.answer("What next?", "mentor others")
        term.answer("Public speaking (was 1)", "3")
        screen = term.wait_for("EXIT=")
    finally:
        term.close()
    assert "EXIT=0" in screen, screen
    resumed = screen.split("Resume it?")[1]
    assert "What went well?" not in resumed
    assert "Writing tests (was 2): 4" in resumed  # shown as it was typed, not asked again
    assert resumed.count("Writing tests (was 2)") == 1
    retro = (home / "retrospective.md").read_text()
    assert "a steady weekly rhythm" in retro and "more pairing" in retro
    listed = run_process("skills", "--json", env=env)
    assert listed.returncode == 0, listed.stderr
    rated = {s["name"]: [(r["date"], r["level"]) for r in s["ratings"]]
             for s in json.loads(listed.stdout)}
    assert rated == {"Writing tests": [("2026-11-24", 2), ("2027-03-01", 4)],
                     "Public speaking": [("2026-11-24", 1), ("2027-03-01", 3)]}
    assert "at the end" in (home / "skills.toml").read_text()
    assert not (home / "drafts" / "end.toml").exists()


_EDITOR = """\
import os, signal, sys, time
signal.signal(signal.SIGINT, lambda *a: os._exit(130))
if not os.environ.get("JUST_QUIT"):
    with open(sys.argv[1]) as f:
        text = f.read()
    with open(sys.argv[1], "w") as f:
        f.write(text.replace("pairing on weekends", "pairing on some weekends"))
    print("EDITING", flush=True)
    time.sleep(60)
"""


@tmux_only
def test_agreement_edit_resumes_after_ctrl_c(home: Path, tmp_path: Path) -> None:
    env = _init(home, tmp_path)
    editor = tmp_path / "editor.py"
    editor.write_text(_EDITOR)
    before = (home / "agreement.toml").read_text()
    term = Terminal(["agreement", "edit"], {**env, "EDITOR": f"{sys.executable} {editor}"})
    try:
        term.wait_for("EDITING")
        term.interrupt()
        screen = term.wait_for("EXIT=")
    finally:
        term.close()
    assert "EXIT=130" in screen and "Traceback" not in screen
    assert "Interrupted: your edit is kept in" in " ".join(screen.split())
    assert (home / "agreement.toml").read_text() == before
    assert "pairing on some weekends" in (home / "drafts" / "agreement.toml").read_text()
    # Resumed, the draft opens again (this editor adds nothing more and quits).
    term = Terminal(["agreement", "edit"], {**env, "EDITOR": f"{sys.executable} {editor}",
                                               "JUST_QUIT": "1"})
    try:
        _say(term, "You have an unfinished edit of agreement.toml. Resume it?", "y")
        screen = term.wait_for("EXIT=")
    finally:
        term.close()
    assert "EXIT=1" not in screen, screen
    assert "pairing on some weekends" in (home / "agreement.toml").read_text()
    assert not (home / "drafts" / "agreement.toml").exists()
