"""Ctrl-C while `goals review` writes (issue 15): the review is one transaction, so the
Ctrl-C puts goals.toml back and writes no review; in a terminal the answers stay in
drafts/review.toml and the next run resumes them. (No special handling of SIGINT: the
review used to ignore Ctrl-C while it wrote, from before transactions and drafts.)

The Ctrl-C lands at a chosen point: the fault hook (faults/sitecustomize.py, INT) sends the
process SIGINT right before the review file's temp file replaces it, after goals.toml is
written."""

from __future__ import annotations

from pathlib import Path

from conftest import INIT_ARGS, run_process

from mentorlog.core.goals import GoalBook
from mentorlog.storage.formats import GOALS
from mentorlog.storage.store import Store
from reliability.support import Terminal, child_env, snapshot, temp_files
from reliability.test_interrupt import REVIEW_STEPS

NOW = "2026-12-22T19:00:00"  # 28 days after the start: the review is due
AT_THE_REVIEW_FILE = "replace:INT:.md"  # the only .md the review writes is its own


def _data(home: Path) -> dict[str, object]:
    return {n: v for n, v in snapshot(home).items() if n != ".lock" and not n.endswith("/")}


def _goals(home: Path) -> GoalBook:
    return Store(home).load(GOALS)


def test_ctrl_c_while_the_review_is_written_writes_nothing(home: Path) -> None:
    env = {"MENTORLOG_HOME": str(home), "MENTORLOG_NOW": NOW}
    assert run_process(*INIT_ARGS, env=env).returncode == 0
    before = _data(home)
    args = ("goals", "review", "--no-input", "--set", "g1=done: merged", "--went-well", "pairs")
    stopped = run_process(*args, env={**child_env(home, AT_THE_REVIEW_FILE), **env})
    assert stopped.returncode == 130, stopped.stderr
    assert stopped.stderr == "\nInterrupted: nothing was saved.\n"
    assert _data(home) == before  # goals.toml put back, no reviews/
    assert temp_files(home) == []
    again = run_process(*args, env=env)
    assert again.returncode == 0, again.stderr
    assert _goals(home).get("g1").status == "done"


def test_ctrl_c_while_the_asked_review_is_written_keeps_the_answers(home: Path, run) -> None:
    assert run(*INIT_ARGS).exit_code == 0
    before = _goals(home)
    term = Terminal(home, "goals", "review", fault=AT_THE_REVIEW_FILE, MENTORLOG_NOW=NOW)
    for prompt, answer in REVIEW_STEPS:
        term.answer(prompt, answer)
    assert term.wait() == 130, term.transcript
    words = " ".join(term.transcript.split())
    assert "Interrupted: your answers so far are kept in" in words
    assert "run 'mentorlog goals review' to resume." in words
    assert "Traceback" not in term.transcript
    assert _goals(home) == before
    assert not (home / "reviews").exists()
    assert (home / "drafts" / "review.toml").exists()
    assert temp_files(home) == []

    term = Terminal(home, "goals", "review", MENTORLOG_NOW=NOW)
    term.answer("Resume it?", "y")
    assert term.wait() == 0, term.transcript  # every answer replayed: nothing asked again
    goals = _goals(home)
    assert goals.get("g1").status == "done"
    assert [g.text for g in goals.goals if g.set_on.isoformat() == NOW[:10]] == ["Review a PR"]
    review = next((home / "reviews").iterdir()).read_text()
    assert "a steady rhythm" in review
    assert not (home / "drafts" / "review.toml").exists()
