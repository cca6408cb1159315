"""The fast path answers exactly like the full command line, without loading typer."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, run_process
from journal_fixture import LATER, build

from mentorlog.fastpath import parse

SHAPES = [
    ["status"], ["status", "--json"], ["task"], ["task", "--json"],
    ["--mentorship", "default", "status", "--json"],
]


@pytest.mark.parametrize("args", SHAPES, ids=" ".join)
def test_fast_and_full_answers_are_the_same(run, home: Path, args: list[str]) -> None:
    build(run, home)
    fast = run_process(*args, env={"MENTORLOG_NOW": LATER})
    full = run(*args, env={"MENTORLOG_NOW": LATER})
    assert (fast.returncode, fast.stdout, fast.stderr) == (
        full.exit_code, full.stdout, full.stderr
    )
    assert fast.returncode == 0


@pytest.mark.parametrize("args", [["status"], ["task", "--json"],
                                  ["--mentorship", "../x", "status"]])
def test_errors_are_the_same(run, home: Path, args: list[str]) -> None:
    fast = run_process(*args)
    full = run(*args)
    assert (fast.returncode, fast.stdout, fast.stderr) == (
        full.exit_code, full.stdout, full.stderr
    )
    assert fast.returncode == 1 and fast.stderr.startswith("Error: ")


def test_only_exact_shapes_take_the_fast_path() -> None:
    assert parse(["status"]) == ({}, "status", False)
    assert parse(["--home=/x", "--mentorship", "m", "task", "--json"]) == (
        {"--home": "/x", "--mentorship": "m"}, "task", True
    )
    for other in (["status", "--help"], ["status", "-h"], ["--version"], ["task", "set", "x"],
                  ["status", "--json", "--json"], ["--home"], ["log"], [], ["--json", "status"],
                  ["--home", "a", "--home", "b", "status"]):
        assert parse(other) is None, other


def test_status_json_does_not_load_typer(initialized: Path) -> None:
    code = (
        "import sys, runpy\n"
        "sys.argv = ['mentorlog', 'status', '--json']\n"
        "try:\n    runpy.run_module('mentorlog', run_name='__main__')\n"
        "except SystemExit as e:\n    assert e.code == 0, e.code\n"
        "print(sorted(m for m in ('typer', 'rich', 'dateutil.parser') if m in sys.modules),"
        " file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env={"PYTHONPATH": str(ROOT), "MENTORLOG_HOME": str(initialized),
                                 "MENTORLOG_NOW": "2026-11-24T17:00:00+01:00"})
    assert result.stderr.strip().splitlines()[-1] == "[]", result.stderr
