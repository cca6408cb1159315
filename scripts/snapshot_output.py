"""Record what every read command prints on one journal, to a pipe and on a pseudo-terminal.

Usage:
  python scripts/snapshot_output.py --home JOURNAL --now ISO --out DIR
  python scripts/snapshot_output.py --home JOURNAL --now ISO --out DIR2 --compare DIR

Run it with the Python that has mentorlog installed. Each command runs three ways: to a pipe
(plain text), to a pipe with NO_COLOR, and on a pseudo-terminal of 100 columns with colours;
stdout, stderr and the exit code of each go to one file in DIR. With --compare, the files
are compared with an earlier snapshot and every difference is listed (exit 1 if any).

Used for issue 13 (one path on the real stack): the output before and after the restructure
must be the same but for bugs fixed, and those are listed in CHANGELOG.md.
"""

from __future__ import annotations

import argparse
import difflib
import os
import subprocess
import sys
from pathlib import Path

READ_COMMANDS: list[list[str]] = [
    ["status"], ["status", "--json"], ["task"], ["task", "--json"], ["task", "history"],
    ["agenda"], ["agenda", "--json"], ["agenda", "--format", "md"],
    ["goals"], ["goals", "--all"], ["goals", "--json"], ["goals", "--timeline"],
    ["schedule"], ["schedule", "--json"], ["schedule", "-n", "3"],
    ["contact"], ["contact", "slack"], ["contact", "email", "--json"],
    ["contact", "slack", "--at", "2036-11-12 03:00"],
    ["log", "-n", "5"], ["log", "-n", "12", "--json"], ["log", "--grep", "flamegraph"],
    ["log", "--tag", "pairing", "-n", "8"], ["log", "--since", "2036-09-01"],
    ["agreement"], ["checklist"], ["checklist", "--json"], ["gap", "list"],
    ["mentorships"], ["config", "list"], ["helped"], ["check"],
    ["show", "q1"], ["show", "t1"],
    ["--help"], ["status", "--help"], ["stauts"], ["log", "-n", "0"],
]


def run(python: str, args: list[str], env: dict[str, str], terminal: bool) -> str:
    argv = [python, "-m", "mentorlog", *args]
    if not terminal:
        proc = subprocess.run(argv, env=env, capture_output=True, stdin=subprocess.DEVNULL,
                              check=False)
        return (f"exit {proc.returncode}\n--- stdout\n{proc.stdout.decode(errors='replace')}"
                f"--- stderr\n{proc.stderr.decode(errors='replace')}")
    import pty

    pid, fd = pty.fork()
    if pid == 0:  # the child: a terminal of 100 columns
        os.execvpe(argv[0], argv, {**env, "COLUMNS": "100", "LINES": "40",
                                   "TERM": "xterm-256color"})
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 1 << 16)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    _, status = os.waitpid(pid, 0)
    text = b"".join(chunks).decode(errors="replace").replace("\r\n", "\n")
    return f"exit {os.waitstatus_to_exitcode(status)}\n--- terminal\n{text}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", required=True, type=Path)
    parser.add_argument("--now", required=True)
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--compare", type=Path)
    parser.add_argument("--python", default=sys.executable)
    options = parser.parse_args()
    base = {k: v for k, v in os.environ.items()
            if not k.startswith(("MENTORLOG_", "PYTHON")) and k not in ("NO_COLOR", "FORCE_COLOR")}
    base.update(MENTORLOG_HOME=str(options.home), MENTORLOG_NOW=options.now, COLUMNS="100")
    options.out.mkdir(parents=True, exist_ok=True)
    for args in READ_COMMANDS:
        name = "_".join(a.strip("-").replace("/", "-").replace(" ", "-") for a in args)
        for mode, env, terminal in (("pipe", base, False),
                                    ("nocolor", {**base, "NO_COLOR": "1"}, False),
                                    ("pty", base, True)):
            (options.out / f"{name}.{mode}.txt").write_text(
                run(options.python, args, env, terminal))
    if options.compare is None:
        return
    differences = 0
    for before in sorted(options.compare.glob("*.txt")):
        after = options.out / before.name
        old = before.read_text().splitlines(keepends=True)
        new = after.read_text().splitlines(keepends=True) if after.exists() else []
        if old != new:
            differences += 1
            sys.stdout.writelines(difflib.unified_diff(old, new, str(before), str(after)))
    print(f"{differences} of {len(list(options.compare.glob('*.txt')))} outputs differ")
    sys.exit(1 if differences else 0)


if __name__ == "__main__":
    main()
