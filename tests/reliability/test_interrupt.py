"""Ctrl-C at every prompt and in the editor: exit 130, no traceback, nothing half-written;
an interrupted first meeting offers to resume its answers."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import INIT_ARGS

from mentorlog.storage.store import Store
from reliability.support import Terminal, snapshot, temp_files


@dataclass(frozen=True)
class Flow:
    """An interactive command and, in order, each prompt it shows with a valid answer."""

    name: str
    args: tuple[str, ...]
    steps: tuple[tuple[str, str], ...]
    setup: Callable[[Path, object], None] = lambda home, run: None
    keeps: tuple[str, ...] = ()  # files an interruption may leave (drafts kept on purpose)


INIT_STEPS: tuple[tuple[str, str], ...] = (
    ("Your mentor's name", "Ada"),
    ("How to reach them", "ada@example.org"),
    ("Your time zone", "Europe/Berlin"),
    ("Your mentor's time zone", "America/New_York"),
    ("Date of this first meeting", ""),
    ("a. A specific project?", "mentorlog"),
    ("b. Mastering", ""),
    ("c. General career", ""),
    ("d. Opportunities", ""),
    ("e. People the mentor", ""),
    ("How will you measure success?", "two PRs merged"),
    ("another? (Enter to finish)", ""),
    ("A skill and your level", ""),
    ("Hours a week you commit", "2"),
    ("Extra time, and in what contexts", ""),
    ("When do you plan to end", ""),
    ("A day to renegotiate", ""),
    ("A channel and its times", "slack: Mon-Fri 09:00-17:00"),
    ("another? (Enter to finish)", ""),
    ("A topic outside the bounds", ""),
    ("A weekly meeting slot", "Tue 18:00"),
    ("another? (Enter to finish)", ""),
    ("Meeting length in minutes", ""),
    ("A known gap", ""),
    ("How will you manage gaps?", ""),
    ("A target for the first 30 days", "Ship a PR"),
    ("another? (Enter to finish)", ""),
    ("A target for 60 days", ""),
    ("A target for 90 days", ""),
    ("Your task before the first weekly meeting", "Read the guide"),
)

WEEK_STEPS: tuple[tuple[str, str], ...] = (  # one line each (issue 17)
    ("a. Was it completed, and how did it go?", "done: good"),
    ("c. What could have gone better?", ""),
    ("g1 Ship a PR (30 days", "on track: PR opened"),
    ("g2 Give a talk (60 days", ""),
    ("g3 Lead a feature (90 days", ""),
    ("q1 How do you review a PR?", "an answer"),
    ("Anything else you asked, worked on or talked about?", ""),
    ("a. What are you doing for the next week?", "Write tests"),
    ("b. What will Ada keep an eye out for", "a talk"),
    ("c. When and where is the next meeting?", ""),
)

# The wrap-up's line about each open follow-up (after section 4's "anything else").
_TALK = WEEK_STEPS.index(("Anything else you asked, worked on or talked about?", "")) + 1
WEEK_FOLLOWUP_STEPS: tuple[tuple[str, str], ...] = (
    *WEEK_STEPS[:_TALK],
    ("f1 Send Ada the link", "sent it"),
    ("o2 A CFP for a meetup", "x"),
    *WEEK_STEPS[_TALK:],
)

REVIEW_STEPS: tuple[tuple[str, str], ...] = (
    ("How is g1 going", "done"),
    ("Anything to add about", "shipped"),
    ("How is g2 going", ""),
    ("Anything to add about", ""),
    ("How is g3 going", "carry"),
    ("Anything to add about", ""),
    ("What went well?", "a steady rhythm"),
    ("What could have gone better?", ""),
    ("A new 30-day goal", "Review a PR"),
    ("How will you know it is done", ""),
    ("A new 30-day goal", ""),
    ("A new 60-day goal", ""),
    ("A new 90-day goal", ""),
)


def _initialized(home: Path, run: object) -> None:
    """The fixture journal, with a question parked for the meeting."""
    assert run(*INIT_ARGS).exit_code == 0  # type: ignore[operator]
    assert run("ask", "How do you review a PR?").exit_code == 0  # type: ignore[operator]


def _with_followups(home: Path, run: object) -> None:
    """The fixture journal, with a todo (f1) and an opportunity (o2) to follow up."""
    _initialized(home, run)
    for args in (("Send Ada the link",), ("A CFP for a meetup", "--kind", "opportunity")):
        assert run("followup", "add", *args).exit_code == 0  # type: ignore[operator]


FLOWS: tuple[Flow, ...] = (
    Flow("init", ("init",), INIT_STEPS, keeps=("drafts/init.toml",)),
    # `week` and `goals review` keep each answer in a draft as it is given (issue 17)
    Flow("week", ("week",), WEEK_STEPS, setup=_initialized, keeps=("drafts/week.toml",)),
    Flow("week-followups", ("week",), WEEK_FOLLOWUP_STEPS, setup=_with_followups,
         keeps=("drafts/week.toml",)),
    Flow("goals-review", ("goals", "review"), REVIEW_STEPS, setup=_initialized,
         keeps=("drafts/review.toml",)),
    # add other interactive commands here: Flow(name, argv, ((prompt, answer), ...), ...)
)
# By default Ctrl-C is tried at a few prompts of each flow; --full tries every one.
SAMPLE = (0, 5, 12, -1)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "flow" in metafunc.fixturenames and "at" in metafunc.fixturenames:
        full = metafunc.config.getoption("--full") or os.environ.get(
            "MENTORLOG_FULL_TESTS", ""
        ) not in ("", "0")
        cases = [
            (f, i) for f in FLOWS
            for i in (range(len(f.steps)) if full else sorted({j % len(f.steps) for j in SAMPLE}))
        ]
        metafunc.parametrize(("flow", "at"), cases, ids=[f"{f.name}-{i}" for f, i in cases])


def _written(home: Path, flow: Flow) -> dict[str, object]:
    return {n: v for n, v in snapshot(home).items()
            if n != ".lock" and n not in flow.keeps and not n.endswith("/")}


def test_ctrl_c_at_a_prompt_exits_130_and_writes_nothing(
    flow: Flow, at: int, home: Path, run
) -> None:
    flow.setup(home, run)
    before = _written(home, flow)
    term = Terminal(home, *flow.args)
    for prompt, answer in flow.steps[:at]:
        term.answer(prompt, answer)
    term.read_until(flow.steps[at][0])
    term.interrupt()
    assert term.wait() == 130, term.transcript
    assert "Traceback" not in term.transcript
    assert "Interrupted" in term.transcript
    assert _written(home, flow) == before
    assert temp_files(home) == []


@pytest.mark.parametrize("flow", FLOWS[1:], ids=lambda f: f.name)
def test_each_flow_saves_when_answered_to_the_end(flow: Flow, home: Path, run) -> None:
    """The steps above are the real prompts: answered in full, the flow saves and exits 0."""
    flow.setup(home, run)
    before = _written(home, flow)
    term = Terminal(home, *flow.args)
    for prompt, answer in flow.steps:
        term.answer(prompt, answer)
    assert term.wait() == 0, term.transcript
    assert _written(home, flow) != before
    assert temp_files(home) == []


def test_an_interrupted_first_meeting_resumes_where_it_stopped(home: Path) -> None:
    stop = 13  # "Hours a week": name, zones, date, focus, success and skills are answered
    term = Terminal(home, "init")
    for prompt, answer in INIT_STEPS[:stop]:
        term.answer(prompt, answer)
    term.read_until(INIT_STEPS[stop][0])
    term.interrupt()
    assert term.wait() == 130
    assert not (home / "agreement.toml").exists()
    assert (home / "drafts" / "init.toml").exists()

    term = Terminal(home, "init")
    term.answer("Resume them?", "y")
    for prompt, answer in INIT_STEPS[stop:]:
        term.answer(prompt, answer)  # the answered questions are not asked again
    assert term.wait() == 0, term.transcript
    assert "Your mentor's name" not in term.transcript
    from mentorlog.storage.formats import AGREEMENT

    agreement = Store(home).load(AGREEMENT)
    assert agreement.mentor.name == "Ada"
    assert agreement.success == ("two PRs merged",)
    assert agreement.hours_per_week == 2.0
    assert not (home / "drafts" / "init.toml").exists()
    assert temp_files(home) == []


def test_ctrl_c_at_the_resume_question_keeps_the_draft(home: Path) -> None:
    term = Terminal(home, "init")
    term.answer(*INIT_STEPS[0])
    term.read_until(INIT_STEPS[1][0])
    term.interrupt()
    assert term.wait() == 130
    draft = (home / "drafts" / "init.toml").read_bytes()
    term = Terminal(home, "init")
    term.read_until("Resume them?")
    term.interrupt()
    assert term.wait() == 130
    assert "Traceback" not in term.transcript
    assert (home / "drafts" / "init.toml").read_bytes() == draft


def test_a_broken_draft_is_reported_and_kept(home: Path) -> None:
    draft = home / "drafts" / "init.toml"
    draft.parent.mkdir(parents=True)
    draft.write_bytes(b'schema_version = 1\nmentor = "Ada\n')
    term = Terminal(home, "init")
    assert term.wait() == 1, term.transcript
    assert f"{draft}:2:" in term.transcript.replace("\r\n", "")
    assert "Traceback" not in term.transcript
    assert draft.read_bytes() == b'schema_version = 1\nmentor = "Ada\n'


_EDITOR = """
import os, signal, sys, time
signal.signal(signal.SIGINT, lambda *a: os._exit(130))
with open(sys.argv[1], "a") as f:
    f.write('\\nhalf = "an edit"\\n')
print("EDITING", flush=True)
time.sleep(60)
"""


def test_ctrl_c_in_the_editor_exits_130_and_leaves_the_file_alone(
    home: Path, run, tmp_path: Path
) -> None:
    assert run(*INIT_ARGS).exit_code == 0
    editor = tmp_path / "editor.py"
    editor.write_text(_EDITOR)
    before = snapshot(home)["agreement.toml"]
    term = Terminal(home, "agreement", "edit", EDITOR=f"{sys.executable} {editor}")
    term.read_until("EDITING")
    term.interrupt()
    assert term.wait() == 130, term.transcript
    assert "Traceback" not in term.transcript
    assert snapshot(home)["agreement.toml"] == before
    assert temp_files(home) == []
