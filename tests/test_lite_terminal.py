"""In a terminal, the lite renderer writes Rich's bytes: escape codes and padding.

Every read command of test_lite_commands.py runs in a real pseudo-terminal (its window set
to 60, 100 and 140 columns, no COLUMNS), with and without NO_COLOR, once through the lite
console (MENTORLOG_RENDERER=lite: a hand-over to Rich would be an error) and once through
Rich (MENTORLOG_RENDERER=rich); both must write the same bytes. And `status` in a terminal
does not import Rich at all.
"""

from __future__ import annotations

import os
import struct
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest
from conftest import ROOT, run_process
from journal_fixture import LATER, build
from test_lite_commands import READ_COMMANDS, build_read_journal

fcntl = pytest.importorskip("fcntl")
pty = pytest.importorskip("pty")
termios = pytest.importorskip("termios")
tty = pytest.importorskip("tty")

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux only")


def in_terminal(args: list[str], columns: int, env: dict[str, str],
                code: str | None = None) -> tuple[int, bytes, str]:
    """Run mentorlog (or `python -c code`) with stdout on a pseudo-terminal of `columns`."""
    main, secondary = pty.openpty()
    try:
        fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
        tty.setraw(secondary)  # the bytes as written: no \r added before \n
        full_env = {key: value for key, value in os.environ.items()
                    if key not in ("COLUMNS", "LINES", "FORCE_COLOR", "TTY_COMPATIBLE")}
        full_env.update({"PYTHONPATH": str(ROOT), "TERM": "xterm-256color", **env})
        command = [sys.executable, "-c", code] if code else [sys.executable, "-m",
                                                             "mentorlog", *args]
        process = subprocess.Popen(command, env=full_env, stdin=subprocess.DEVNULL,
                                   stdout=secondary, stderr=subprocess.PIPE)
        os.close(secondary)
        secondary = -1
        chunks = []
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:  # EIO: the process closed its end
                break
            if not chunk:
                break
            chunks.append(chunk)
        stderr = process.stderr.read().decode() if process.stderr else ""
        return process.wait(timeout=60), b"".join(chunks), stderr
    finally:
        os.close(main)
        if secondary >= 0:
            os.close(secondary)


def test_read_commands_in_a_terminal_print_rich_s_bytes(run, home) -> None:
    build_read_journal(run, home)
    cases = [(args, columns, no_color) for args in READ_COMMANDS
             for columns in (60, 100, 140) for no_color in ("", "1")]

    def both(case: tuple[list[str], int, str]) -> tuple[object, object]:
        args, columns, no_color = case
        env = {"MENTORLOG_NOW": LATER, "NO_COLOR": no_color}
        lite = in_terminal(args, columns, {**env, "MENTORLOG_RENDERER": "lite"})
        rich = in_terminal(args, columns, {**env, "MENTORLOG_RENDERER": "rich"})
        return lite, rich

    styled = 0
    with ThreadPoolExecutor(4) as pool:
        for case, (lite, rich) in zip(cases, pool.map(both, cases), strict=True):
            assert lite == rich, case
            assert "Traceback" not in lite[2], case
            styled += b"\x1b[" in lite[1]
    assert styled > len(cases) // 4  # the colour cases did get escape codes


def test_forced_colour_and_dumb_terminals_print_rich_s_bytes(run, home) -> None:
    """FORCE_COLOR to a pipe (Rich styles it, without trailing spaces) and TERM=dumb in a
    terminal (no colour system, width 80)."""
    build(run, home)
    for args in (["status"], ["goals"], ["task"], ["log", "-n", "2"], ["checklist"]):
        outputs = []
        for renderer in ("lite", "rich"):
            env = {"MENTORLOG_NOW": LATER, "MENTORLOG_RENDERER": renderer, "NO_COLOR": "",
                   "FORCE_COLOR": "1", "COLUMNS": "70"}
            piped = run_process(*args, env=env)
            dumb = in_terminal(args, 120, {"MENTORLOG_NOW": LATER, "TERM": "dumb",
                                           "MENTORLOG_RENDERER": renderer, "NO_COLOR": ""})
            outputs.append(((piped.returncode, piped.stdout, piped.stderr), dumb))
        assert outputs[0] == outputs[1], args
        assert "\x1b[" in outputs[0][0][1], args


def test_status_in_a_terminal_imports_no_rich(run, home) -> None:
    build(run, home)
    code = ("import sys\n"
            "sys.argv = ['mentorlog', 'status']\n"
            "from mentorlog.fastpath import main\n"
            "try:\n"
            "    main()\n"
            "except SystemExit:\n"
            "    pass\n"
            "sys.stderr.write(repr(sorted(m for m in sys.modules if m.split('.')[0] == 'rich')))\n")
    for no_color in ("", "1"):
        status, output, stderr = in_terminal([], 100, {"MENTORLOG_NOW": LATER,
                                                       "NO_COLOR": no_color}, code=code)
        assert status == 0, stderr
        assert b"Next meeting" in output
        assert stderr.endswith("[]"), stderr
