"""Every output meant to leave the mentee's hands, at every combination of the include flags
(issue 16): `export` as md, json, html and ics, and `agenda --format md`. Private and
confidential records are left out, with what they inherited (the task and follow-ups set
at such a meeting) and what repeats their text word for word (a normal note quoting a
private question); the others are there."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from conftest import INIT_ARGS

NORMAL = {
    "note": "Normal note Nrmlnotezq",
    "question": "Normal question Nrmlquestzq",
}
PRIVATE = {
    "note": "Private note Prvnotezq",
    "question": "How do I ask for a raise Prvquestzq",
    "went_well": "Private meeting went well Prvwellzq",
    "task": "Private meeting task Prvtaskzq",
    "watch": "Private meeting opportunity Prvwatchzq",
    "todo": "Private meeting todo Prvtodozq",
    # a normal note that repeats the private question word for word
    "quote": "I asked Ada: how do I ask for a raise Prvquestzq? Quotezq",
}
CONFIDENTIAL = {
    "note": "Confidential note Cnfnotezq",
    "question": "Is the team being reorganised Cnfquestzq",
    "went_well": "Confidential meeting went well Cnfwellzq",
    "task": "Confidential meeting task Cnftaskzq",
    "watch": "Confidential meeting opportunity Cnfwatchzq",
    "todo": "Confidential meeting todo Cnftodozq",
}
FORMATS = ("md", "json", "html", "ics")


def token(text: str) -> str:
    return text.split()[-1].rstrip("?")


@pytest.fixture
def journal(run, home: Path) -> Path:
    assert run(*INIT_ARGS).exit_code == 0

    def ok(*args: str, now: str) -> None:
        result = run(*args, env={"MENTORLOG_NOW": now})
        assert result.exit_code == 0, (args, result)

    ok("ask", NORMAL["question"], now="2026-11-25T10:00:00+01:00")
    ok("ask", PRIVATE["question"], "--private", now="2026-11-25T11:00:00+01:00")
    ok("ask", CONFIDENTIAL["question"], "--confidential", now="2026-11-25T12:00:00+01:00")
    ok("week", "--no-input", "--date", "2026-12-01", "--private", "--task-status", "done",
       "--went-well", PRIVATE["went_well"], "--next-task", PRIVATE["task"],
       "--mentor-watch", PRIVATE["watch"], "--todo", PRIVATE["todo"],
       now="2026-12-01T19:10:00+01:00")
    ok("week", "--no-input", "--date", "2026-12-08", "--confidential", "--task-status", "done",
       "--went-well", CONFIDENTIAL["went_well"], "--next-task", CONFIDENTIAL["task"],
       "--mentor-watch", CONFIDENTIAL["watch"], "--todo", CONFIDENTIAL["todo"],
       now="2026-12-08T19:10:00+01:00")
    ok("note", NORMAL["note"], now="2026-12-09T10:00:00+01:00")
    ok("note", PRIVATE["note"], "--private", now="2026-12-09T11:00:00+01:00")
    ok("note", CONFIDENTIAL["note"], "--confidential", now="2026-12-09T12:00:00+01:00")
    ok("note", PRIVATE["quote"], now="2026-12-09T13:00:00+01:00")
    return home


def outputs(run, tmp_path: Path, private: bool, confidential: bool) -> dict[str, str]:
    flags = [*(["--include-private"] if private else []),
             *(["--include-confidential"] if confidential else [])]
    now = {"MENTORLOG_NOW": "2026-12-10T10:00:00+01:00"}
    found = {}
    for fmt in FORMATS:
        target = tmp_path / f"out-{fmt}-{private}-{confidential}.{fmt}"
        result = run("export", "--format", fmt, "-o", str(target), *flags, env=now)
        assert result.exit_code == 0, (fmt, result)
        found[fmt] = target.read_text()
    agenda = run("agenda", "--format", "md", *flags, env=now)
    assert agenda.exit_code == 0, agenda
    found["agenda"] = agenda.stdout
    return found


@pytest.mark.parametrize(("private", "confidential"),
                         list(itertools.product([False, True], repeat=2)))
def test_every_shared_output_at_every_level(journal: Path, run, tmp_path: Path,
                                            private: bool, confidential: bool) -> None:
    found = outputs(run, tmp_path, private, confidential)
    for name, text in found.items():
        for level, texts, included in (("private", PRIVATE, private),
                                       ("confidential", CONFIDENTIAL, confidential)):
            if not included:
                shown = [k for k, t in texts.items() if token(t) in text]
                assert not shown, f"{name} shows {level} {shown}"
    summaries = {k: v for k, v in found.items() if k in ("md", "json", "html")}
    for name, text in summaries.items():
        for key in NORMAL:
            assert token(NORMAL[key]) in text, (name, key)
        for level, texts, included in (("private", PRIVATE, private),
                                       ("confidential", CONFIDENTIAL, confidential)):
            if included:
                for key, t in texts.items():
                    assert token(t) in text, (name, level, key)
    agenda = found["agenda"]
    assert token(NORMAL["question"]) in agenda and token(NORMAL["note"]) in agenda
    if private:
        assert token(PRIVATE["question"]) in agenda and token(PRIVATE["note"]) in agenda
        assert token(PRIVATE["quote"]) in agenda
    if confidential:
        for key in ("question", "note", "watch", "todo"):
            assert token(CONFIDENTIAL[key]) in agenda, key
    assert "Cnf" not in found["ics"] and "Prv" not in found["ics"]
