"""The root command: version, help, mistyped commands, and start-up imports."""

from __future__ import annotations

import ast
import subprocess
import sys

from conftest import INIT_ARGS, ROOT, run_process

from mentorlog import __version__
from mentorlog.cli import COMMANDS


def test_version(run) -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == f"mentorlog {__version__}\n"


def test_python_dash_m_runs_the_same_cli() -> None:
    result = run_process("--version")
    assert result.returncode == 0
    assert result.stdout == f"mentorlog {__version__}\n"


def test_help_lists_every_command_without_importing_them(run) -> None:
    result = run("--help")
    assert result.exit_code == 0
    for name in COMMANDS:
        assert f"\n  {name} " in result.stdout


def test_every_command_loads_and_has_help(run) -> None:
    for name in COMMANDS:
        result = run(name, "--help")
        assert result.exit_code == 0, (name, result)
        assert "--install-completion" not in result.stdout, name


def test_mistyped_command_suggests_the_right_one(run) -> None:
    result = run("stat")
    assert result.exit_code == 2
    assert "No such command 'stat'. Did you mean 'status'?" in result.stderr


# What a read command must not import (docs/performance.md): the date guesser, typer 0.29's
# pydantic, the iCalendar library, the init wizard. Every command runs on the one path:
# Typer parses, Rich draws.
NOT_NEEDED = {"dateutil.parser", "pydantic", "icalendar", "mentorlog.cli.init"}
READ_COMMANDS = (["status"], ["status", "--json"], ["task"], ["agenda"], ["goals"],
                 ["schedule"], ["contact"], ["log", "-n", "5"])


def test_read_commands_run_on_typer_and_rich_without_heavy_modules(tmp_path) -> None:
    """A guard, not a timing: heavy modules stay out of the read commands, and every one of
    them is parsed by Typer and drawn (or printed) on the one path."""
    code = (
        "import sys, runpy\n"
        "sys.argv = ['mentorlog', *sys.argv[1:]]\n"
        "try:\n    runpy.run_module('mentorlog', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if '.' not in m or m.startswith(('rich.',\n"
        "      'dateutil.', 'mentorlog.', 'typer.'))), file=sys.stderr)\n"
    )
    env = {"PYTHONPATH": str(ROOT), "MENTORLOG_HOME": str(tmp_path), "PATH": "/usr/bin:/bin",
           "MENTORLOG_NOW": "2026-11-24T17:00:00+01:00",
           "XDG_CACHE_HOME": str(tmp_path.parent / "cache")}
    assert run_process(*INIT_ARGS, env={"MENTORLOG_HOME": str(tmp_path)}).returncode == 0
    for args in READ_COMMANDS:
        result = subprocess.run([sys.executable, "-c", code, *args], env=env,
                                capture_output=True, text=True)
        assert "Traceback" not in result.stderr and result.returncode == 0, result.stderr
        loaded = set(ast.literal_eval(result.stderr.strip().splitlines()[-1]))
        assert loaded & NOT_NEEDED == set(), args
        assert {"typer", "typer.main"} <= loaded, args
        if "--json" not in args:
            assert "rich.console" in loaded, args
