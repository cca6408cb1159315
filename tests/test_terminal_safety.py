"""Stored text never drives the terminal: control characters in what the user stored (notes,
goals, tasks, questions, the mentor's name, anything read from a file) are shown as visible
placeholders (C0 as caret notation like `^[`, C1 as U+FFFD) in every command's
human-readable output, in a pipe and in a pseudo-terminal. Only Rich's own styling codes
(SGR: ESC [ ... m) may reach a terminal, and only when styling is on. `--json` escapes them.

The journal is built once per module with real processes; every read command then runs in a
real process (`python -m mentorlog ...`), once through a pipe (NO_COLOR=1) and once on a
pseudo-terminal (pty.fork, TERM=xterm-256color, styling on).
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import pty
import re
import select
import shutil
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import INIT_ARGS, NOW, ROOT

# ESC[2J (clear screen), an OSC 8 hyperlink, OSC 52 (write the clipboard), OSC 0 (window
# title), a lone BEL, a C1 CSI (U+009B) clearing the screen, and NUL.
HOSTILE = (
    "clr\x1b[2J"
    " link\x1b]8;;http://x\x1b\\click\x1b]8;;\x1b\\"
    " clip\x1b]52;c;aGk=\x07"
    " title\x1b]0;pwned\x07"
    " bell\x07"
    " c1\x9b2J"
    " nul\x00 end"
)
# argv cannot carry NUL: the commands get this marker, then the TOML files are edited to
# hold the TOML escape \u0000 in its place.
NUL_MARK = "NULMARK"
ARGV_HOSTILE = HOSTILE.replace("\x00", NUL_MARK)

# How each piece of HOSTILE must show (no spaces inside: wrapping never splits them).
VISIBLE_PIECES = [
    "clr^[[2J",
    "link^[]8;;http://x^[\\click^[]8;;^[\\",
    "clip^[]52;c;aGk=^G",
    "title^[]0;pwned^G",
    "bell^G",
    "c1\ufffd2J",
    "nul^@",
]

TIMEOUT = 30.0

# Bytes a pipe must never see: every C0 control but tab and newline, and DEL.
C0_BYTES = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f]")
C1_CHARS = re.compile("[\x80-\x9f]")
SGR = re.compile(r"\x1b\[[0-9;]*m")
# In a terminal: any control character but tab, newline and ESC (ESC is checked apart).
TTY_CONTROLS = re.compile("[\x00-\x08\x0b-\x1a\x1c-\x1f\x7f-\x9f]")

# Variables that could change how Rich styles (or does not style) its output.
STYLE_VARS = ("NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "CLICOLOR",
              "CLICOLOR_FORCE", "COLORTERM", "MENTORLOG_MENTORSHIP", "VISUAL", "EDITOR",
              "TERM")


class Journal:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.home = root / "home"
        self.note_id = ""
        self.question_id = ""
        self.task_id = ""

    def env(self, tty: bool) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in STYLE_VARS}
        env.update({
            "PYTHONPATH": str(ROOT),
            "MENTORLOG_HOME": str(self.home),
            "XDG_CACHE_HOME": str(self.root / "cache"),
            "XDG_CONFIG_HOME": str(self.root / "config"),
            "XDG_DATA_HOME": str(self.root / "data"),
            "HOME": str(self.root / "user-home"),
            "MENTORLOG_NOW": NOW,
            "COLUMNS": "100",
            "LINES": "40",
            "PYTHONIOENCODING": "utf-8",
        })
        if tty:
            env["TERM"] = "xterm-256color"
        else:
            env["NO_COLOR"] = "1"
            env["TERM"] = "dumb"
        return env


def run_pipe(journal: Journal, args: list[str], stdin: bytes = b"") -> tuple[int, bytes]:
    """`python -m mentorlog ARGS` with stdout and stderr on pipes: (exit code, out + err)."""
    proc = subprocess.run(
        [sys.executable, "-m", "mentorlog", *args], input=stdin, capture_output=True,
        env=journal.env(tty=False), cwd=journal.root, timeout=TIMEOUT,
    )
    return proc.returncode, proc.stdout + proc.stderr


def run_tty(journal: Journal, args: list[str]) -> tuple[int, bytes]:
    """`python -m mentorlog ARGS` on a pseudo-terminal (stdin, stdout and stderr, and the
    controlling terminal): (exit code, everything written to it)."""
    env = journal.env(tty=True)
    pid, fd = pty.fork()
    if pid == 0:  # the child: never returns to pytest
        try:
            os.chdir(journal.root)
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 100, 0, 0))
            os.execve(sys.executable, [sys.executable, "-m", "mentorlog", *args], env)
        finally:
            os._exit(127)
    chunks: list[bytes] = []
    deadline = time.monotonic() + TIMEOUT
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                os.kill(pid, signal.SIGKILL)
                raise AssertionError(f"mentorlog {args} on a terminal timed out")
            ready, _, _ = select.select([fd], [], [], left)
            if not ready:
                continue
            try:
                data = os.read(fd, 65536)
            except OSError as e:  # EIO: the child closed the terminal's last end
                if e.errno != errno.EIO:
                    raise
                break
            if not data:
                break
            chunks.append(data)
    finally:
        os.close(fd)
        _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), b"".join(chunks)


def _all_strings(data: Any) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for k, v in data.items() for s in _all_strings(k) + _all_strings(v)]
    if isinstance(data, list):
        return [s for v in data for s in _all_strings(v)]
    return []


@pytest.fixture(scope="module")
def journal(tmp_path_factory: pytest.TempPathFactory) -> Journal:
    """One journal whose every stored text carries HOSTILE."""
    j = Journal(tmp_path_factory.mktemp("terminal-safety"))
    (j.root / "user-home").mkdir()

    def must(args: list[str], stdin: bytes = b"") -> None:
        code, output = run_pipe(j, args, stdin)
        assert code == 0, (args, output.decode("utf-8", "replace"))

    # Every free-text answer of the first meeting carries the hostile text too.
    hostile_init = {
        "--mentor": f"Ada {ARGV_HOSTILE}",
        "--mentor-contact": f"ada@example.org {ARGV_HOSTILE}",
        "--focus": f"skill: {ARGV_HOSTILE}",
        "--success": f"merged {ARGV_HOSTILE}",
        "--extra-time": f"pairing {ARGV_HOSTILE}",
        "--off-limits": f"crypto {ARGV_HOSTILE}",
        "--gap": f"2026-12-21..2027-01-03: holidays {ARGV_HOSTILE}",
        "--gap-plan": f"tell {ARGV_HOSTILE}",
        "--goal30": f"Ship {ARGV_HOSTILE}",
        "--first-task": f"Read {ARGV_HOSTILE}",
    }
    init_args: list[str] = []
    seen: set[str] = set()
    for i, arg in enumerate(INIT_ARGS):
        prev = INIT_ARGS[i - 1] if i else ""
        if prev in hostile_init and prev not in seen:
            seen.add(prev)
            init_args.append(hostile_init[prev])
        else:
            init_args.append(arg)
    assert seen == set(hostile_init)
    must(init_args)
    # `note` reads stdin, which carries NUL as it is.
    must(["note"], stdin=f"note {HOSTILE}\n".encode())
    must(["ask", f"q {ARGV_HOSTILE}"])
    must(["goals", "add", f"goal {ARGV_HOSTILE}", "--horizon", "60"])
    must(["task", "set", "--replace", f"task {ARGV_HOSTILE}"])
    must(["contact", "log", "slack", "--note", f"about {ARGV_HOSTILE}"])

    # NUL into the TOML files, as the TOML escape \u0000.
    edited = 0
    for path in j.home.glob("*.toml"):
        text = path.read_text(encoding="utf-8")
        if NUL_MARK in text:
            path.write_text(text.replace(NUL_MARK, "\\u0000"), encoding="utf-8")
            edited += 1
    assert edited >= 5  # agreement, goals, tasks, questions, contacts
    assert not any(NUL_MARK in p.read_text(encoding="utf-8")
                   for p in j.home.rglob("*") if p.is_file() and p.suffix in (".toml", ".md"))
    shutil.rmtree(j.home / ".cache", ignore_errors=True)  # rebuilt from the edited files
    must(["check"])  # the files still parse

    code, output = run_pipe(j, ["log", "--json"])
    assert code == 0, output
    entries = json.loads(output)
    notes = [e for e in entries if e["kind"] == "note"]
    questions = [e for e in entries if e["kind"] == "question"]
    tasks = [e for e in entries if e["kind"] == "task" and e["text"].endswith(HOSTILE)]
    assert len(notes) == 1 and len(questions) == 1 and len(tasks) >= 1, entries
    j.note_id, j.question_id, j.task_id = notes[0]["id"], questions[0]["id"], tasks[-1]["id"]
    # The stored texts hold the real characters, NUL included.
    assert questions[0]["text"].endswith(f"q {HOSTILE}")
    return j


# (id, args, what it shows). "pieces": every piece of HOSTILE, made visible; "start": its
# start only (the timeline cuts long goals short with …); "error": the ESC typed in the
# argument shows as ^[ or \x1b.
BAD_ID = "x\x1b[2Jy"
COMMANDS: list[tuple[str, list[str], str]] = [
    ("status", ["status"], "pieces"),
    ("task", ["task"], "pieces"),
    ("task history", ["task", "history"], "pieces"),
    ("agenda", ["agenda"], "pieces"),
    ("agenda --format md", ["agenda", "--format", "md"], "pieces"),
    ("goals", ["goals"], "pieces"),
    ("goals --all", ["goals", "--all"], "pieces"),
    ("goals --timeline", ["goals", "--timeline"], "start"),
    ("schedule", ["schedule"], "pieces"),
    ("contact", ["contact"], "pieces"),
    ("contact slack", ["contact", "slack"], "pieces"),
    ("log", ["log"], "pieces"),
    ("log --grep", ["log", "--grep", "pwned"], "pieces"),
    ("show note", ["show", "{note}"], "pieces"),
    ("show question", ["show", "{question}"], "pieces"),
    ("show task", ["show", "{task}"], "pieces"),
    ("agreement", ["agreement"], "pieces"),
    ("checklist", ["checklist"], "pieces"),
    ("checklist first-meeting", ["checklist", "first-meeting"], "pieces"),
    ("mentorships", ["mentorships"], "pieces"),
    ("export --format md", ["export", "--format", "md"], "pieces"),
    ("show bad id (error)", ["show", BAD_ID], "error"),
]

# (id, args, whether the JSON holds stored text: schedule and contact hold none).
JSON_COMMANDS: list[tuple[str, list[str], bool]] = [
    ("status --json", ["status", "--json"], True),
    ("task --json", ["task", "--json"], True),
    ("task history --json", ["task", "history", "--json"], True),
    ("agenda --json", ["agenda", "--json"], True),
    ("goals --json", ["goals", "--json"], True),
    ("goals --all --json", ["goals", "--all", "--json"], True),
    ("schedule --json", ["schedule", "--json"], False),
    ("contact slack --json", ["contact", "slack", "--json"], False),
    ("log --json", ["log", "--json"], True),
    ("log --grep --json", ["log", "--grep", "pwned", "--json"], True),
    ("agreement --json", ["agreement", "--json"], True),
    ("checklist --json", ["checklist", "--json"], True),
    ("mentorships --json", ["mentorships", "--json"], True),
    ("export --format json", ["export", "--format", "json"], True),
]


def _args(journal: Journal, args: list[str]) -> list[str]:
    ids = {"note": journal.note_id, "question": journal.question_id, "task": journal.task_id}
    return [a.format(**ids) if a.startswith("{") else a for a in args]


def _excerpt(text: str, at: int) -> str:
    return repr(text[max(0, at - 60):at + 60])


def _assert_visible(text: str, shows: str) -> None:
    assert "Traceback" not in text, text
    if shows == "start":
        assert "clr^[[2J" in text, f"hostile text not shown visibly:\n{text}"
    elif shows == "pieces":
        missing = [p for p in VISIBLE_PIECES if p not in text]
        assert not missing, f"hostile text not shown visibly, missing {missing}:\n{text}"
    else:
        assert "^[[2J" in text or "\\x1b[2J" in text, text


@pytest.mark.parametrize("shows,args", [(s, a) for _, a, s in COMMANDS],
                         ids=[name for name, _, _ in COMMANDS])
def test_pipe_shows_controls_as_placeholders(journal: Journal, args: list[str],
                                             shows: str) -> None:
    code, raw = run_pipe(journal, _args(journal, args))
    assert code in ((1, 2) if shows == "error" else (0, 1)), raw
    m = C0_BYTES.search(raw)
    assert m is None, (
        f"control byte {m.group()!r} in the output: {raw[max(0, m.start() - 60):m.start() + 60]!r}")
    text = raw.decode("utf-8")
    m1 = C1_CHARS.search(text)
    assert m1 is None, f"C1 control {m1.group()!r} in the output: {_excerpt(text, m1.start())}"
    _assert_visible(text, shows)


@pytest.mark.parametrize("shows,args", [(s, a) for _, a, s in COMMANDS],
                         ids=[name for name, _, _ in COMMANDS])
def test_terminal_gets_only_styling_codes(journal: Journal, args: list[str],
                                          shows: str) -> None:
    code, raw = run_tty(journal, _args(journal, args))
    assert code in ((1, 2) if shows == "error" else (0, 1)), raw
    text = raw.decode("utf-8").replace("\r\n", "\n")  # the terminal's own newline mapping
    for esc in re.finditer("\x1b", text):
        assert SGR.match(text, esc.start()), (
            f"an escape sequence that is not styling: {_excerpt(text, esc.start())}")
    plain = SGR.sub("", text)
    m = TTY_CONTROLS.search(plain)
    assert m is None, f"control {m.group()!r} reached the terminal: {_excerpt(plain, m.start())}"
    _assert_visible(plain, shows)


def test_terminal_is_styled(journal: Journal) -> None:
    """The pseudo-terminal mode really styles (else it would prove nothing about SGR)."""
    code, raw = run_tty(journal, ["status"])
    assert code == 0, raw
    assert SGR.search(raw.decode("utf-8")), raw


def _check_json(raw: bytes, holds_text: bool) -> Any:
    text = raw.decode("utf-8")
    m = re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f]", text)
    assert m is None, f"raw control {m.group()!r} in JSON: {_excerpt(text, m.start())}"
    data = json.loads(text)
    if holds_text:
        strings = _all_strings(data)
        assert any(HOSTILE in s for s in strings), "the stored text did not round-trip"
    return data


@pytest.mark.parametrize("args,holds_text", [(a, h) for _, a, h in JSON_COMMANDS],
                         ids=[name for name, _, _ in JSON_COMMANDS])
def test_json_escapes_controls(journal: Journal, args: list[str], holds_text: bool) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "mentorlog", *args], capture_output=True,
        env=journal.env(tty=False), cwd=journal.root, timeout=TIMEOUT,
    )
    assert proc.returncode in (0, 1), proc
    assert not C0_BYTES.search(proc.stderr), proc.stderr
    _check_json(proc.stdout, holds_text)


@pytest.mark.parametrize("args,holds_text", [(a, h) for _, a, h in JSON_COMMANDS],
                         ids=[name for name, _, _ in JSON_COMMANDS])
def test_json_on_a_terminal(journal: Journal, args: list[str], holds_text: bool) -> None:
    code, raw = run_tty(journal, args)
    assert code in (0, 1), raw
    raw = raw.replace(b"\r\n", b"\n")
    _check_json(raw, holds_text)
