"""`mentorlog --help` and a mistyped command read the same with or without typer.

mentorlog/commands.py writes both texts for the fast path; Click renders them on the full
command line. They must be the same bytes at every terminal width.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import ROOT

from mentorlog import commands
from mentorlog.cli import COMMANDS as CLI_COMMANDS


def python(code: str, *args: str, columns: str | None) -> subprocess.CompletedProcess[str]:
    """`code` in a fresh interpreter (Click's CliRunner forces a width of 80: not here)."""
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    env["PYTHONPATH"] = str(ROOT)
    if columns is not None:
        env["COLUMNS"] = columns
    return subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True,
                          text=True, check=False)


FULL = "import sys; sys.argv[0] = 'mentorlog'; from mentorlog.cli import main; main()"


@pytest.mark.parametrize("columns", ["20", "40", "52", "60", "79", "80", "81", "100", "200",
                                     None, "junk", "-5"])
def test_root_help_is_clicks_at_every_width(columns: str | None) -> None:
    full = python(FULL, "--help", columns=columns)
    mine = python("import sys; from mentorlog import commands; "
                  "sys.stdout.write(commands.root_help())", columns=columns)
    assert full.returncode == 0 and full.stderr == ""
    assert mine.stdout == full.stdout
    narrow = columns in ("20", "40", "52")  # Click's floor: 50 columns less 2
    assert ("  status       Your dashboard: week, meeting, task, goals.\n" in full.stdout) \
        != narrow


@pytest.mark.parametrize("word", ["stauts", "goal", "Status", "xyz", "st", "lgo", "ñandú",
                                  "it's", "sched"])
def test_unknown_command_is_clicks_error(word: str) -> None:
    full = python(FULL, word, columns="100")
    assert full.returncode == 2
    assert full.stdout == ""
    assert commands.unknown_command(word) == full.stderr


def test_the_table_is_the_one_the_command_line_uses() -> None:
    assert CLI_COMMANDS is commands.COMMANDS
    assert commands.unknown_command("stauts").endswith(
        "Error: No such command 'stauts'. Did you mean 'status'?\n")


@pytest.mark.parametrize("args", [["--help"], ["-h"], ["stauts"], ["goal", "--json"],
                                  ["--home", "/nowhere", "stauts"], ["--mentorship=x", "-h"],
                                  ["stauts", "--help"], [""], ["--version"], ["--home"],
                                  ["-x"], ["status", "--help"]], ids=" ".join)
def test_the_fast_path_answers_like_the_full_command_line(args: list[str]) -> None:
    fast = python("import sys; sys.argv[0] = 'mentorlog'; from mentorlog.fastpath import "
                  "main; main()", *args, columns="100")
    full = python(FULL, *args, columns="100")
    assert (fast.returncode, fast.stdout, fast.stderr) == (
        full.returncode, full.stdout, full.stderr)


@pytest.mark.parametrize("args", [["--help"], ["stauts"]], ids=" ".join)
def test_help_and_a_mistyped_command_do_not_load_typer(args: list[str]) -> None:
    code = (f"import sys; sys.argv[1:] = {args!r}\n"
            "from mentorlog.fastpath import run\n"
            "code = run(sys.argv[1:])\n"
            "print(code, sorted(m for m in ('typer', 'click', 'rich') if m in sys.modules),"
            " file=sys.stderr)")
    result = python(code, columns="100")
    assert result.stderr.splitlines()[-1] == f"{0 if args == ['--help'] else 2} []"
