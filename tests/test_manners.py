"""Terminal manners: colour only for terminals, 60 columns, examples in help, typos, completion."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from journal_fixture import LATER, build
from reference_script import gen_reference

ESC = "\x1b["


def plain_env(**extra: str) -> dict[str, str]:
    """The test environment without any colour switch, plus `extra`."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "COLUMNS")}
    return {**env, "PYTHONPATH": str(ROOT), "TERM": "xterm-256color", **extra}


def run_exact(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """`python -m mentorlog ARGS` with exactly `env` (run_process would add NO_COLOR back)."""
    return subprocess.run([sys.executable, "-m", "mentorlog", *args], env=env,
                          capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)


def run_in_pty(args: list[str], env: dict[str, str]) -> tuple[int, str]:
    """Run mentorlog with a pseudo-terminal as stdin, stdout and stderr, as in a terminal."""
    pty = pytest.importorskip("pty")
    import fcntl
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 100, 0, 0))
    proc = subprocess.Popen([sys.executable, "-m", "mentorlog", *args], stdin=slave,
                            stdout=slave, stderr=slave, env=env, close_fds=True)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    return proc.wait(timeout=60), b"".join(chunks).decode("utf-8", "replace")


# --- colour ---------------------------------------------------------------------------------


@pytest.mark.parametrize("args", [["checklist", "signup"], ["status"], ["agreement"],
                                  ["config", "list"]])
def test_no_escape_codes_when_stdout_is_not_a_terminal(initialized: Path, args) -> None:
    result = run_exact(*args, env=plain_env())
    assert result.returncode == 0, result.stderr
    assert ESC not in result.stdout and ESC not in result.stderr
    assert result.stdout.strip()


def test_colour_in_a_terminal(initialized: Path) -> None:
    code, output = run_in_pty(["status"], plain_env())
    assert code == 0, output
    assert ESC in output
    assert "Mentorship with Ada Lovelace" in output


def test_no_color_means_no_escape_codes_even_in_a_terminal(initialized: Path) -> None:
    # Rich alone would keep bold and dim under NO_COLOR; no-color.org asks for none.
    for args in (["status"], ["checklist", "first-meeting"], ["agreement"]):
        code, output = run_in_pty(args, plain_env(NO_COLOR="1"))
        assert code == 0, output
        assert ESC not in output, (args, output)


def test_force_color_styles_a_pipe_and_no_color_still_wins(initialized: Path) -> None:
    forced = run_exact("status", env=plain_env(FORCE_COLOR="1"))
    assert forced.returncode == 0
    assert ESC in forced.stdout
    both = run_exact("status", env=plain_env(FORCE_COLOR="1", NO_COLOR="1"))
    assert ESC not in both.stdout


def test_user_text_is_not_markup_or_emoji(run, home: Path) -> None:
    from conftest import INIT_ARGS

    args = [a if a != "Read the contributing guide" else "[bold]x[/bold] :rocket:"
            for a in INIT_ARGS]
    assert run(*args).exit_code == 0
    result = run("status")
    assert "[bold]x[/bold] :rocket:" in result.stdout


# --- width ----------------------------------------------------------------------------------

WIDTH_COMMANDS = [
    ["status"], ["agreement"], ["checklist"], ["checklist", "first-meeting"],
    ["config", "list"],
]


@pytest.mark.parametrize("args", WIDTH_COMMANDS, ids=" ".join)
def test_readable_at_60_columns(run, home: Path, args: list[str]) -> None:
    build(run, home)
    long_word = "https://example.org/" + "x" * 90
    assert run("checklist", "tick", "resp-time").exit_code == 0
    env = {"COLUMNS": "60", "MENTORLOG_NOW": LATER}
    from journal_fixture import close_task

    close_task(home, "t3", "done", __import__("datetime").date(2026, 12, 9), long_word)
    result = run(*args, env=env)
    assert result.exit_code == 0, result
    lines = result.stdout.splitlines()
    assert len(lines) > 3
    too_wide = [line for line in lines if len(line) > 60]
    assert not too_wide, "\n".join(too_wide)


def test_help_is_readable_at_60_columns() -> None:
    # A real process: the in-process runner pins help to 80 columns.
    for path in gen_reference().command_paths():
        result = run_exact(*path, "--help", env=plain_env(COLUMNS="60"))
        assert result.returncode == 0
        too_wide = [line for line in result.stdout.splitlines() if len(line) > 60]
        assert not too_wide, (path, too_wide)


# --- help -----------------------------------------------------------------------------------


def test_every_command_has_an_example_in_its_help(run) -> None:
    paths = gen_reference().command_paths()
    assert ["checklist", "tick"] in paths and ["config", "set"] in paths
    missing = []
    for path in paths:
        result = run(*path, "--help")
        assert result.exit_code == 0, (path, result)
        if not any(line.strip().startswith("Example:") for line in result.stdout.splitlines()):
            missing.append(" ".join(["mentorlog", *path]))
    assert not missing, f"no 'Example:' line in the help of: {', '.join(missing)}"


@pytest.mark.parametrize(
    ("args", "suggestion"),
    [(["statsu"], "Did you mean 'status'?"), (["checklst"], "Did you mean 'checklist'"),
     (["config", "lst"], "Did you mean 'list'")],
)
def test_a_mistyped_command_suggests_the_right_one(run, args, suggestion) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert suggestion in result.stderr
    assert "Traceback" not in result.stderr


def test_a_bad_flag_is_a_usage_error(run) -> None:
    result = run("status", "--jsno")
    assert result.exit_code == 2
    assert "No such option: --jsno" in result.stderr


# --- shell completion -----------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_install_completion_works_in_a_real_bash(tmp_path: Path) -> None:
    home = tmp_path / "user"
    home.mkdir()
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    wrapper = bin_dir / "mentorlog"
    wrapper.write_text(f'#!/bin/sh\nexec {sys.executable} -m mentorlog "$@"\n')
    wrapper.chmod(0o755)
    env = plain_env(HOME=str(home), PATH=f"{bin_dir}:{os.environ['PATH']}")
    result = run_exact("--install-completion", "bash", env=env)
    assert result.returncode == 0, result.stderr
    assert "bash completion installed" in result.stdout

    script = (
        "complete -p mentorlog\n"
        "COMP_WORDS=(mentorlog checkl); COMP_CWORD=1; _mentorlog_completion mentorlog\n"
        'printf "<%s>\\n" "${COMPREPLY[@]}"\n'
        'COMP_WORDS=(mentorlog checklist tick resp-c); COMP_CWORD=3\n'
        '_mentorlog_completion mentorlog; printf "<%s>\\n" "${COMPREPLY[@]}"\n'
        'COMP_WORDS=(mentorlog config set week); COMP_CWORD=3\n'
        '_mentorlog_completion mentorlog; printf "<%s>\\n" "${COMPREPLY[@]}"\n'
    )
    shell = subprocess.run(["bash", "-ic", script], env=env, capture_output=True, text=True,
                           timeout=60, stdin=subprocess.DEVNULL)
    assert shell.returncode == 0, shell.stderr
    lines = shell.stdout.splitlines()
    assert lines[0] == "complete -o default -F _mentorlog_completion mentorlog"
    assert lines[1:] == ["<checklist>", "<resp-conduct>", "<resp-confidence>", "<week_start>"]
