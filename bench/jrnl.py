"""Time mentorlog against jrnl 4.6 on the same entries: the last 5, and a word search.

How to run
----------
bench/run.py runs it (unless --no-jrnl), after it has built bench/.work/venv. By hand:

    python3 bench/jrnl.py --python bench/.work/venv/bin/python --work bench/.work/jrnl \\
        [--runs 15] [--warmup 2] [--sizes 50 5000] [--json OUT]

Any Python 3.11+ can run this file; it never imports mentorlog (only bench/generate.py's
pure helpers `note_entries`, `pinned_now`, `INIT_ARGS`), it runs `PYTHON -m mentorlog`.

What is measured
----------------
jrnl 4.6 is installed in its own venv (DIR/venv). For each size N, the same N entries
(bench/generate.py `note_entries`, seed 7, spread over ten years; about 2% mention
"flamegraph") are written once as a jrnl journal in jrnl's own text format with jrnl's
default configuration, in a sandboxed HOME / XDG_CONFIG_HOME under DIR; then, through the
command line only, jrnl exports them (`jrnl --export json`) and mentorlog takes them in
(`mentorlog init ...` with generate.py's INIT_ARGS, then `mentorlog import jrnl FILE`): one
first meeting plus N notes. These journals are kept in DIR/entries-N and made again when
generate.py or this file changes.

Timed, one group per size and workload, with bench/timing.py's method (warm-up rounds, then
`--runs` rounds in ABBA order of jrnl, mentorlog, S and F; stdout to /dev/null):
- last 5: `jrnl -n 5` against `mentorlog log -n 5`;
- search: `jrnl -contains flamegraph` against `mentorlog log --grep flamegraph`.
"× jrnl" is the median over the rounds of mentorlog's time / jrnl's time in the same round;
the target (at the largest size, 5,000 entries) is ≤ 0.5× jrnl, with peak memory ≤ 60 MB.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
import venv
from datetime import datetime, time, timedelta
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from generate import (  # noqa: E402
    GREP_WORD,
    INIT_ARGS,
    START,
    TZ,
    NoteEntry,
    note_entries,
    pinned_now,
)
from timing import (  # noqa: E402
    HEADER,
    S_CODE,
    Cmd,
    Row,
    isolated_env,
    measure,
    mentorlog_env,
    paired,
    print_row,
    summary,
)

JRNL = "jrnl==4.6"
YEARS = 10
TARGET = 0.5  # mentorlog ≤ this × jrnl, at the largest size


def install_jrnl(env_dir: Path) -> Path:
    exe = env_dir / "bin" / "jrnl"
    if not exe.exists():
        print(f"installing {JRNL} in {env_dir}", flush=True)
        shutil.rmtree(env_dir, ignore_errors=True)
        venv.create(env_dir, with_pip=True)
        subprocess.run([str(env_dir / "bin" / "python"), "-m", "pip", "install", "-q",
                        "--disable-pip-version-check", JRNL], check=True)
    return exe


def jrnl_text(entries: list[NoteEntry]) -> str:
    """jrnl's own file format: `[%F %r] Title.` then the body; entries joined by a blank line.

    Tags become jrnl tags (`@tag`) on the last line, as a jrnl user would write them.
    """
    out = []
    for e in entries:
        title, _, body = e.body.partition("\n")
        tags = " ".join(f"@{t}" for t in e.tags)
        body = body.strip() + (f"\n{tags}" if tags else "")
        out.append(f"[{e.created:%F %r}] {title.rstrip('.')}.\n{body}\n")
    return "\n".join(out)


def jrnl_config(journal: Path) -> str:
    """jrnl 4.6's default configuration (jrnl.config.get_default_config) as YAML."""
    return (
        "version: v4.6\n"
        f"journals:\n  default:\n    journal: {journal}\n"
        "editor: ''\nencrypt: false\ntemplate: false\ndefault_hour: 9\ndefault_minute: 0\n"
        "timeformat: '%F %r'\ntagsymbols: '#@'\nhighlight: true\nlinewrap: 79\n"
        "indent_character: '|'\n"
        "colors:\n  body: none\n  date: none\n  tags: none\n  title: none\n"
    )


def jrnl_env(jhome: Path) -> dict[str, str]:
    return isolated_env(jhome, {"HOME": str(jhome), "XDG_CONFIG_HOME": str(jhome / ".config")})


def _digest() -> str:
    return hashlib.sha256((BENCH / "generate.py").read_bytes()
                          + Path(__file__).read_bytes()).hexdigest()


def prepare(work: Path, size: int, python: Path, jrnl: Path,
            cwd: str) -> tuple[Path, Path, str]:
    """(jrnl's HOME, mentorlog's journal, MENTORLOG_NOW) holding the same `size` entries."""
    base = work / f"entries-{size}"
    jhome, mhome = base / "jrnl-home", base / "mentorlog"
    now = pinned_now(YEARS)
    stamp = base / "done"
    if stamp.exists() and stamp.read_text() == _digest():
        return jhome, mhome, now
    print(f"writing {size} entries for jrnl and mentorlog in {base}", flush=True)
    shutil.rmtree(base, ignore_errors=True)
    last = START + timedelta(weeks=52 * YEARS - 1, days=1)
    entries = note_entries(size, START + timedelta(days=1), last)
    config = jhome / ".config" / "jrnl"
    config.mkdir(parents=True)
    journal = jhome / "journal.txt"
    journal.write_text(jrnl_text(entries))
    (config / "jrnl.yaml").write_text(jrnl_config(journal))
    export = base / "export.json"
    with export.open("w") as out:  # jrnl's notices on stderr are shown only if it fails
        done = subprocess.run([str(jrnl), "--export", "json"], env=jrnl_env(jhome), cwd=cwd,
                              stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.PIPE,
                              text=True)
    if done.returncode:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"jrnl --export json failed (exit {done.returncode})")
    exported = len(json.loads(export.read_text())["entries"])
    if exported != size:
        raise SystemExit(f"jrnl exported {exported} entries of {size} ({export})")
    sandbox = work / "sandbox" / f"mentorlog-{size}"
    py = str(python.absolute())
    first = datetime.combine(START, time(17), tzinfo=TZ).isoformat()
    subprocess.run([py, "-m", "mentorlog", *INIT_ARGS], env=mentorlog_env(sandbox, mhome, first),
                   cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, check=True)
    subprocess.run([py, "-m", "mentorlog", "import", "jrnl", str(export)],
                   env=mentorlog_env(sandbox, mhome, now), cwd=cwd, stdin=subprocess.DEVNULL,
                   stdout=subprocess.DEVNULL, check=True)
    stamp.write_text(_digest())
    return jhome, mhome, now


def compare(python: Path, work: Path, runs: int, warmup: int,
            sizes: list[int]) -> list[Row]:
    """Prepare and time every size; print the rows (under a HEADER printed by the caller)."""
    work = work.absolute()
    work.mkdir(parents=True, exist_ok=True)
    jrnl = install_jrnl(work / "venv")
    py = str(python.absolute())
    rows = []
    with tempfile.TemporaryDirectory() as cwd:
        homes = {size: prepare(work, size, python, jrnl, cwd) for size in sizes}
        for size in sizes:
            jhome, mhome, now = homes[size]
            jenv = jrnl_env(jhome)
            menv = mentorlog_env(work / "sandbox" / f"mentorlog-{size}", mhome, now)
            for name, jargs, margs, jlabel, mlabel in [
                ("last 5", ["-n", "5"], ["log", "-n", "5"], "jrnl -n 5", "log -n 5"),
                ("search", ["-contains", GREP_WORD], ["log", "--grep", GREP_WORD],
                 "jrnl -contains", "log --grep"),
            ]:
                got = measure({"jrnl": Cmd([str(jrnl), *jargs], jenv),
                               "mentorlog": Cmd([str(Path(py).parent / "mentorlog"), *margs],
                                                menv),
                               "S": Cmd([py, "-c", S_CODE], menv),
                               "F": Cmd([py, "-c", "pass"], menv)}, runs, warmup, cwd)
                journal = f"{size} entries"
                rows.append(print_row(Row(
                    jlabel, journal, summary(got["jrnl"], got["S"], got["F"]),
                    memory=False, extra={"comparison": name, "jrnl": jargs})))
                mine = summary(got["mentorlog"], got["S"], got["F"])
                mine["x_jrnl"] = round(paired(got["mentorlog"], got["jrnl"]), 3)
                big = size == max(sizes)
                rows.append(print_row(Row(
                    f"{mlabel} vs jrnl", journal, mine,
                    target=f"≤{TARGET}× jrnl" if big else "", limit=TARGET if big else None,
                    measure="x_jrnl",
                    extra={"comparison": name, "jrnl": jargs, "mentorlog": margs})))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", required=True, type=Path,
                        help="the Python of a venv with mentorlog installed")
    parser.add_argument("--work", required=True, type=Path)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 5000])
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    print(f"jrnl 4.6 against mentorlog on the same entries; S = -c {S_CODE!r}, F = -c pass")
    print(HEADER)
    rows = compare(args.python, args.work, args.runs, args.warmup, args.sizes)
    if args.json:
        args.json.write_text(json.dumps([r.as_json() for r in rows], indent=2) + "\n")


if __name__ == "__main__":
    main()
