"""The root command: version, help, mistyped commands, and start-up imports."""

from __future__ import annotations

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


def test_help_and_status_import_no_heavy_modules(tmp_path) -> None:
    """A guard, not a timing: these must stay out of start-up (docs/performance.md)."""
    code = (
        "import sys, runpy\n"
        "sys.argv = ['mentorlog', *sys.argv[1:]]\n"
        "try:\n    runpy.run_module('mentorlog', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "heavy = {'rich.table', 'dateutil.parser', 'pydantic', 'icalendar', 'mentorlog.cli.init'}\n"
        "print(sorted(heavy & set(sys.modules)), file=sys.stderr)\n"
    )
    env = {"PYTHONPATH": str(ROOT), "MENTORLOG_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    assert run_process(*INIT_ARGS, env={"MENTORLOG_HOME": str(tmp_path)}).returncode == 0
    for args in (["--help"], ["status", "--json"]):
        result = subprocess.run([sys.executable, "-c", code, *args], env=env,
                                capture_output=True, text=True)
        assert result.stderr.strip().splitlines()[-1] == "[]", (args, result.stderr)
        assert "Traceback" not in result.stderr
