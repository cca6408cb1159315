"""The examples in docs/time-zones.md run against the fixture agreement and print what they show."""

from __future__ import annotations

import shlex
from pathlib import Path

from conftest import ROOT

DOC = ROOT / "docs" / "time-zones.md"
NOW = "2026-12-02T10:00:00+01:00"


def examples() -> list[tuple[list[str], list[str], int | None]]:
    """(arguments, expected output lines, expected exit code) for each `$ mentorlog` line."""
    found: list[tuple[list[str], list[str], int | None]] = []
    lines = DOC.read_text().splitlines()
    for i, line in enumerate(lines):
        if not line.startswith("$ mentorlog "):
            continue
        output: list[str] = []
        code = None
        for after in lines[i + 1:]:
            if after.startswith("```") or after.startswith("$ mentorlog "):
                break
            if after == "$ echo $?":
                continue
            output.append(after)
        if output and output[-1].isdigit():
            code = int(output.pop())
        found.append((shlex.split(line[2:], comments=True)[1:], output, code))
    return found


def test_the_page_has_examples() -> None:
    assert len(examples()) >= 2


def test_examples_print_what_the_page_shows(run, initialized: Path) -> None:
    for args, expected, code in examples():
        result = run(*args, env={"MENTORLOG_NOW": NOW})
        got = [line.rstrip() for line in result.stdout.splitlines()]
        assert got == expected, args
        if code is not None:
            assert result.exit_code == code, args
