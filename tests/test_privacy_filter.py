"""One privacy filter (core/privacy.py): what leaves the mentee's hands — `agenda --format md`
and every export — leaves out a task or follow-up set at a private or confidential meeting,
at every combination of the include flags."""

from __future__ import annotations

import itertools

import pytest
from conftest import INIT_ARGS

FLAGS = ["--include-private", "--include-confidential"]


@pytest.fixture
def journal(run, home, monkeypatch):
    assert run(*INIT_ARGS).exit_code == 0
    monkeypatch.setenv("MENTORLOG_NOW", "2026-12-01T19:30:00+01:00")
    result = run("week", "--no-input", "--task-status", "done", "--confidential",
                 "--next-task", "Rehearse the SECRETTASK talk",
                 "--mentor-watch", "a SECRETWATCH opening")
    assert result.exit_code == 0, result
    monkeypatch.setenv("MENTORLOG_NOW", "2026-12-03T12:00:00+01:00")
    return home


@pytest.mark.parametrize("flags", [list(c) for n in range(3)
                                   for c in itertools.combinations(FLAGS, n)],
                         ids=lambda f: " ".join(f) or "no flags")
def test_records_set_at_a_confidential_meeting_stay_out(run, journal, flags) -> None:
    shown = "--include-confidential" in flags
    agenda = run("agenda", "--format", "md", *flags)
    assert agenda.exit_code == 0, agenda
    for word in ("SECRETTASK", "SECRETWATCH"):
        assert (word in agenda.stdout) == shown, (word, flags, agenda.stdout)
    if not shown:
        assert "(set at a confidential meeting: left out)" in agenda.stdout
    for fmt in ("md", "json", "html"):
        export = run("export", "--format", fmt, *flags)
        assert export.exit_code == 0, export
        for word in ("SECRETTASK", "SECRETWATCH"):
            assert (word in export.stdout) == shown, (fmt, word, flags)
    plain = run("agenda")  # the mentee's own view shows everything
    assert "SECRETTASK" in plain.stdout and "SECRETWATCH" in plain.stdout
