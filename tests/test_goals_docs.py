"""docs/goals.md: every command in it runs, and its timeline picture is what mentorlog draws."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from conftest import ROOT

DOC = (ROOT / "docs" / "goals.md").read_text()


def fenced(language: str) -> list[str]:
    """The page's ``` blocks in one language ("" for plain ones)."""
    return re.findall(rf"^```{language}\n(.*?)^```$", DOC, re.S | re.M)


SH_BLOCKS = fenced("sh")


@pytest.mark.parametrize("block", SH_BLOCKS)
def test_every_command_in_the_page_runs(run, initialized: Path, block: str) -> None:
    for line in block.splitlines():
        args = shlex.split(line, comments=True)
        assert args[0] == "mentorlog"
        result = run(*args[1:], env={"MENTORLOG_NOW": "2026-12-22T19:00:00"})
        assert result.exit_code == 0, (line, result)


def test_the_timeline_picture_is_real(run, initialized: Path) -> None:
    meetings = initialized / "meetings"
    meetings.mkdir()
    for day, status in [("2026-12-01", "held"), ("2026-12-08", "skipped"),
                        ("2026-12-15", "held"), ("2027-01-05", "held")]:
        (meetings / f"{day}.md").write_text(f'+++\nschema_version = 1\nstatus = "{status}"\n+++\n')
    result = run("goals", "review", "--no-input", "--set", "g1=done: merged on Friday",
                 "--set", "g3=behind: no feature picked yet", "--next30", "Review two PRs",
                 env={"MENTORLOG_NOW": "2026-12-22T19:00:00"})
    assert result.exit_code == 0, result
    shown = run("goals", "--timeline", env={"MENTORLOG_NOW": "2027-01-12T19:00:00"}).stdout
    picture = next(b for b in fenced("") if "30/60/90 windows" in b)
    assert [line.rstrip() for line in shown.splitlines()] == picture.splitlines()
