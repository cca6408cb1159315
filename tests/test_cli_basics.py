"""The root command: version, help, mistyped commands, and start-up imports."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import time

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


# What each command must not import (docs/performance.md): the date guesser, typer 0.29's
# pydantic, the iCalendar library, the init wizard; and Rich's tables (~15 ms) where nothing
# is drawn. `status` to a pipe draws its dashboard without Rich (mentorlog/lite.py).
NOT_NEEDED = {"dateutil.parser", "pydantic", "icalendar", "mentorlog.cli.init"}
NOT_DRAWN = {"rich.table", "rich.console", "tomllib"}


def test_help_and_status_import_no_heavy_modules(tmp_path) -> None:
    """A guard, not a timing: these must stay out of start-up (docs/performance.md).

    Each command runs in a fresh interpreter on an initialized journal, twice: the second
    run reads the parsed files from the checked cache, so not even tomllib is imported.
    """
    code = (
        "import sys, runpy\n"
        "sys.argv = ['mentorlog', *sys.argv[1:]]\n"
        "try:\n    runpy.run_module('mentorlog', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if '.' not in m or m.startswith(('rich.',\n"
        "      'dateutil.', 'mentorlog.'))), file=sys.stderr)\n"
    )
    env = {"PYTHONPATH": str(ROOT), "MENTORLOG_HOME": str(tmp_path), "PATH": "/usr/bin:/bin",
           "MENTORLOG_NOW": "2026-11-24T17:00:00+01:00"}
    assert run_process(*INIT_ARGS, env={"MENTORLOG_HOME": str(tmp_path)}).returncode == 0
    for path in tmp_path.rglob("*"):  # old enough to be cached (recent files are re-read)
        os.utime(path, (time.time() - 3600,) * 2)
    for args, unwanted in ((["--help"], NOT_NEEDED | NOT_DRAWN),
                           (["status", "--json"], NOT_NEEDED | NOT_DRAWN),
                           (["status"], NOT_NEEDED)):
        for _ in range(2):
            result = subprocess.run([sys.executable, "-c", code, *args], env=env,
                                    capture_output=True, text=True)
            assert "Traceback" not in result.stderr and result.returncode == 0, result.stderr
        loaded = set(ast.literal_eval(result.stderr.strip().splitlines()[-1]))
        assert loaded & unwanted == set(), args
        # stdout is a pipe: the dashboard is drawn by mentorlog/lite.py, Rich is not imported
        assert not {m for m in loaded if m.split(".")[0] == "rich"}, args
        assert "mentorlog.lite" in loaded or args != ["status"]  # the guard sees what it should
