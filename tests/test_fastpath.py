"""The fast path answers exactly like the full command line, without loading typer."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, run_process
from journal_fixture import LATER, build

from mentorlog.fastpath import parse

# (arguments, the exit code both paths must give) on the fixture journal at LATER: Thursday
# 10 December 2026 12:00 in Berlin, 06:00 for the mentor (slack closed, email open).
SHAPES = [
    (["status"], 0), (["status", "--json"], 0), (["task"], 0), (["task", "--json"], 0),
    (["--mentorship", "default", "status", "--json"], 0),
    (["agenda"], 0), (["agenda", "--json"], 0), (["agenda", "--format", "md"], 0),
    (["agenda", "--format=md", "--include-private"], 0),
    (["agenda", "--include-confidential", "--format", "text", "--include-private"], 0),
    (["contact"], 0), (["contact", "--json"], 0), (["contact", "slack"], 1),
    (["contact", "--json", "email"], 0), (["contact", "SLACK", "--json"], 1),
    (["contact", "slack", "--at", "2026-12-14 18:00"], 0),
    (["contact", "--at=2026-12-14T18:00:00+01:00", "--json"], 0),
    (["schedule"], 0), (["schedule", "--json"], 0), (["schedule", "-n", "3"], 0),
    (["schedule", "-n3", "--json"], 0), (["schedule", "--json", "--count=10"], 0),
    (["schedule", "-n", "520", "--json"], 0),
    (["goals"], 0), (["goals", "--all"], 0), (["goals", "--json"], 0),
    (["goals", "--json", "--all"], 0), (["goals", "--timeline"], 0),
    (["goals", "--timeline", "--json"], 0),
    (["log"], 0), (["log", "-n", "5"], 0), (["log", "-n5"], 0), (["log", "-n", "05"], 0),
    (["log", "--json", "-n", "2"], 0), (["log", "--grep=parser"], 0),
    (["log", "--grep", "PARSER", "-n", "1", "--json"], 0), (["log", "--grep", ""], 0),
    (["log", "--grep", "no such words anywhere"], 0), (["log", "--tag", "pairing"], 0),
    (["log", "--tag=#pairing", "--json"], 0), (["log", "--since", "2026-12-01"], 0),
    (["log", "--until", "yesterday", "--since", "2026-11-25", "--json"], 0),
    (["log", "--since=3 days ago"], 0),
    (["--home", "HOME", "log", "-n", "1"], 0), (["--home=HOME", "goals", "--json"], 0),
    # errors from the journal or from a value only the view checks: one `Error:` line
    (["log", "--since", "someday"], 1), (["log", "--since", "2026-12-05", "--until",
                                          "2026-12-01"], 1),
    (["log", "--tag", "two words"], 1),
    (["contact", "pigeon"], 1), (["contact", "--at", "half past never"], 1),
    (["--mentorship", "../x", "log", "-n", "5"], 1), (["--mentorship", "nobody", "goals"], 1),
    (["--home=", "status"], 1),  # typer reads an empty --home as the current folder
]


def _home_in(args: list[str], home: Path) -> list[str]:
    return [a.replace("HOME", str(home)) for a in args]


@pytest.mark.parametrize(("args", "code"), SHAPES, ids=lambda v: " ".join(v)
                         if isinstance(v, list) else str(v))
def test_fast_and_full_answers_are_the_same(run, home: Path, args: list[str],
                                            code: int) -> None:
    build(run, home)
    args = _home_in(args, home)
    assert parse(args) is not None, "not a fast shape"
    fast = run_process(*args, env={"MENTORLOG_NOW": LATER})
    full = run(*args, env={"MENTORLOG_NOW": LATER})
    assert (fast.returncode, fast.stdout, fast.stderr) == (
        full.exit_code, full.stdout, full.stderr
    )
    assert fast.returncode == code, fast.stderr
    assert fast.stderr.startswith("Error: ") == (code == 1 and bool(fast.stderr))
    if code == 0:
        assert fast.stdout and not fast.stderr


@pytest.mark.parametrize("args", [["status"], ["task", "--json"], ["agenda"], ["agenda", "--json"],
                                  ["contact"], ["contact", "slack"], ["schedule", "--json"],
                                  ["goals"], ["log", "-n", "5"], ["log", "--grep", "x"],
                                  ["--mentorship", "../x", "status"]])
def test_errors_are_the_same(run, home: Path, args: list[str]) -> None:
    """No journal yet (or a mentorship name that leaves the data folder): the same error."""
    fast = run_process(*args)
    full = run(*args)
    assert (fast.returncode, fast.stdout, fast.stderr) == (
        full.exit_code, full.stdout, full.stderr
    )
    assert fast.returncode == 1 and fast.stderr.startswith("Error: ")


def test_only_exact_shapes_take_the_fast_path() -> None:
    assert parse(["status"]) == ({}, "status", {})
    assert parse(["--home=/x", "--mentorship", "m", "task", "--json"]) == (
        {"--home": "/x", "--mentorship": "m"}, "task", {"as_json": True}
    )
    assert parse(["log", "--grep=flame graph", "-n5", "--json"]) == (
        {}, "log", {"grep": "flame graph", "n": 5, "as_json": True}
    )
    assert parse(["contact", "--at", "18:00", "email"]) == (
        {}, "contact", {"at": "18:00", "channel": "email"}
    )
    assert parse(["schedule", "--count", "520"]) == ({}, "schedule", {"count": 520})
    assert parse(["agenda", "--format", "md"]) == ({}, "agenda", {"fmt": "md"})
    to_typer = [
        # help, version, completion words, sub-commands, unknown commands and options
        ["status", "--help"], ["status", "-h"], ["--version"], ["task", "set", "x"],
        ["--home"], [], ["--json", "status"], ["log", "-h"], ["goals", "--help"],
        ["goals", "add", "x"], ["goals", "review"], ["contact", "--help"],
        ["agenda", "--no-json"], ["log", "--grp", "x"], ["show", "q1"], ["log", "--"],
        ["log", "-"], ["status", "--home", "x"], ["--verbose", "status"],
        # repeated options (typer keeps the last one; not decided here)
        ["status", "--json", "--json"], ["--home", "a", "--home", "b", "status"],
        ["log", "-n", "2", "-n", "3"], ["schedule", "-n", "2", "--count", "3"],
        ["goals", "--all", "--all"], ["log", "--grep", "a", "--grep=b"],
        # values typer validates or reads differently: usage errors and odd forms
        ["log", "-n", "0"], ["log", "-n", "abc"], ["log", "-n"], ["log", "-n", "-1"],
        ["log", "-n", " 5"], ["log", "-n", "+5"], ["log", "-n", "5_0"], ["log", "-n", "٥"],
        ["log", "-n=5"], ["log", "-n5x"], ["log", "--grep"], ["log", "--grep", "--json"],
        ["log", "--since", "-3d"], ["log", "extra"], ["log", "--json=yes"],
        ["schedule", "-n", "521"], ["schedule", "--count=0"], ["agenda", "--format", "html"],
        ["agenda", "--format="], ["agenda", "--format"], ["goals", "--json", "done", "g1"],
        # contact: `log` writes, extra or empty arguments are usage errors
        ["contact", "log", "email"], ["contact", "LOG"], ["contact", "slack", "email"],
        ["contact", ""], ["contact", "--note", "x", "slack"], ["contact", "slack", "--at"],
    ]
    for other in to_typer:
        assert parse(other) is None, other


def test_undecodable_arguments_go_to_typer(run, home: Path) -> None:
    """Lone surrogates in argv: the full command line's `Error:` line, not a fast answer."""
    build(run, home)
    fast = run_process("log", "--grep", "\udcff", env={"MENTORLOG_NOW": LATER})
    assert (fast.returncode, fast.stdout, fast.stderr) == (
        1, "", "Error: argument 3 ('\\udcff') is not valid UTF-8 text; mentorlog keeps text "
               "as UTF-8\n")


@pytest.mark.parametrize("args", [["status", "--json"], ["log", "-n", "5"], ["agenda", "--json"],
                                  ["goals", "--json"], ["schedule", "--json"], ["contact"]])
def test_fast_commands_do_not_load_typer(initialized: Path, args: list[str]) -> None:
    """Neither typer nor its click; with --json not Rich either (a table still uses it)."""
    heavy = ("typer", "typer._click", "dateutil.parser", *(("rich",) if "--json" in args else ()))
    code = (
        "import sys, runpy\n"
        f"sys.argv = ['mentorlog', *{args!r}]\n"
        "try:\n    runpy.run_module('mentorlog', run_name='__main__')\n"
        "except SystemExit as e:\n    assert e.code in (0, 1), e.code\n"
        f"print(sorted(m for m in {heavy!r} if m in sys.modules), file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env={"PYTHONPATH": str(ROOT), "MENTORLOG_HOME": str(initialized),
                                 "MENTORLOG_NOW": "2026-11-24T17:00:00+01:00"})
    assert result.stdout, result.stderr
    assert result.stderr.strip().splitlines()[-1] == "[]", result.stderr


def test_markdown_agenda_drops_escape_codes_like_typer(run, home: Path) -> None:
    """`agenda --format md` was written by typer.echo, which drops ANSI codes in a pipe."""
    build(run, home)
    added = run("note", "Colour \x1b[31mred\x1b[0m codes", env={"MENTORLOG_NOW": LATER})
    assert added.exit_code == 0, added
    fast = run_process("agenda", "--format", "md", env={"MENTORLOG_NOW": LATER})
    full = run("agenda", "--format", "md", env={"MENTORLOG_NOW": LATER})
    assert (fast.returncode, fast.stdout, fast.stderr) == (0, full.stdout, full.stderr)
    assert "Colour red codes" in fast.stdout


@pytest.mark.parametrize("args", [["schedule", "-n", "520", "--json"], ["schedule", "-n", "520"],
                                  ["agenda", "--format", "md"], ["task", "--json"]])
def test_a_reader_that_went_away_is_the_same(run, home: Path, args: list[str]) -> None:
    """`mentorlog ... | head`: typer exits 1 in silence on a broken pipe; so does the fast path."""
    import os

    build(run, home)
    full = [sys.executable, "-c", "import sys; from mentorlog.cli import main; "
            "sys.argv[0] = 'mentorlog'; main()"]
    answers = []
    for command in ([sys.executable, "-m", "mentorlog"], full):
        read, write = os.pipe()
        os.close(read)
        result = subprocess.run([*command, *args], stdout=write, capture_output=False,
                                stderr=subprocess.PIPE, text=True,
                                env={**os.environ, "PYTHONPATH": str(ROOT),
                                     "MENTORLOG_NOW": LATER})
        os.close(write)
        answers.append((result.returncode, result.stderr))
    assert answers[0] == answers[1] == (1, "")
