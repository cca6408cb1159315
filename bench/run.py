"""The whole benchmark from a clone: mentorlog's commands against the floor of its own stack.

How to run
----------
From the repository root, with Python 3.11+ and a package index (pip):

    python3 bench/run.py [--runs 15] [--warmup 2] [--regenerate] [--no-jrnl]
                         [--typer-compare] [--terminal] [--json OUT] [LABEL ...]

LABELs select workloads (default all): status, task, agenda, goals, schedule, contact,
"log -n 5", "log --grep", --help (put `--` before a label that starts with a dash:
`python3 bench/run.py --runs 3 -- --help`); the jrnl comparison runs whatever the labels,
unless --no-jrnl. Quick check: `python3 bench/run.py --runs 3 --no-jrnl`.

Everything it makes lives in bench/.work/ (ignored by git; delete it to start clean):
- venv/: this checkout installed NOT editable (an editable install's import finder costs
  ~10 ms at every start) with the dependencies pyproject.toml asks for (typer, rich,
  msgspec, ...); the checkout is reinstalled on every run, so the current code is timed;
- journal-1y/, journal-10y/, journal-10y-5000-notes/: journals written by
  `bench/generate.py --home DIR --years N [--notes 5000]` (run with the venv's Python; the
  MENTORLOG_NOW each is timed at is the last line generate.py prints, kept in
  journal-NAME.stamp); made again when generate.py changes or with --regenerate; mentorlog
  keeps its caches in each journal's .cache/ folder;
- sandbox/: HOME, XDG_CACHE_HOME, XDG_CONFIG_HOME, XDG_DATA_HOME and XDG_STATE_HOME of the
  children (and of generate.py), one set per journal: nothing is read from or written to the
  real home;
- jrnl/: jrnl 4.6 in its own venv and the journals of the comparison (bench/jrnl.py);
- venv-typer-newest/: with --typer-compare, the same install with the newest typer.

What is measured
----------------
Every command runs as `bench/.work/venv/bin/mentorlog ARGS` (the console script, as a user
types it; `python -m mentorlog` would add runpy's ~3 ms of imports) with stdout and
stderr on /dev/null, MENTORLOG_HOME = the journal, MENTORLOG_NOW pinned, the sandbox above,
in an empty folder. The references, from the same venv, are
  S = python -c "import typer, rich.console, rich.table"   (the stack every command needs)
  F = python -c pass                                         (the interpreter alone).
For each workload one group of commands is timed together: the workload on the ten-year
journal, on the one-year journal (and for `log --grep` on the ten-year journal with 5,000
notes), S and F. The group runs --warmup untimed rounds (caches are built on the first run,
then reused), then --runs rounds, each running every command once in ABBA order (forward,
then backward), so changes in machine load hit them alike. Reported per command (details in
bench/timing.py): median wall time; ×S and ×F = the median over the rounds of the paired
ratios (command / S, command / F of the same round); CPU ×S, the same with CPU time (user +
system, os.wait4); peak RSS (ru_maxrss from os.wait4, largest run; the children are forked
by a small helper process so that the benchmark's own memory does not count); the exit code.
"growth" rows: what ten years of data add to one year, the median over the rounds of
(ten-year time − one-year time) / F.

Targets (the issue's), all on the ten-year journal (2,000 notes, generate.py's default):
- status, task, agenda, goals, schedule, contact, log -n 5: ≤ 1.3×S;
- log --grep flamegraph over 5,000 notes (journal-10y-5000-notes): ≤ 1.5×S;
- --help: ≤ 1.1×S;
- growth 1y → 10y: status, agenda, log -n 5 add ≤ 1×F; log --grep ≤ 2×F (2,000 notes
  against 200: both journals have generate.py's 200 notes a year);
- against jrnl 4.6 on the same 5,000 entries, `log -n 5` and `log --grep`: ≤ 0.5× jrnl's
  time (bench/jrnl.py; skipped with --no-jrnl);
- peak memory of every mentorlog command ≤ 60 MB (rows without a time target show only this).
The table: workload, journal, median ms, ×S, ×F, CPU ×S, peak MB, target, met (and by how
much it is missed when not). --json OUT also saves every figure (with the medians of S and F
of each group, p90, exit codes, versions, load average).

--terminal also times status, agenda, log -n 5, goals, schedule on the ten-year journal with
stdout on a pseudo-terminal of 100 columns (S and F too): what a person at a terminal waits
for (no time target). --typer-compare times status, --help and log -n 5 with the newest typer
(0.29+, which pyproject.toml excludes) in bench/.work/venv-typer-newest, in the same rounds
as the pinned typer, against the pinned venv's S and F; it also shows that venv's own S.

The machine's load moves wall times by ±15%; the CPU ratio is steadier. Take final figures
on an idle machine with the default --runs (a few minutes; --runs 3 takes about a minute
once bench/.work exists).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import venv
from datetime import UTC, datetime
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
WORK = BENCH / ".work"
sys.path.insert(0, str(BENCH))

from timing import (  # noqa: E402
    HEADER,
    S_CODE,
    TERMINAL,
    Cmd,
    Row,
    Sample,
    Workload,
    growth,
    isolated_env,
    measure,
    mentorlog_env,
    print_row,
    summary,
    tally,
    workloads,
)

GREP_NOTES = 5000
TYPER_COMPARE = ("status", "--help", "log -n 5")


def python_of(env_dir: Path) -> Path:
    return env_dir / "bin" / "python"


def pip_install(env_dir: Path, *args: str) -> None:
    subprocess.run([str(python_of(env_dir)), "-m", "pip", "install", "-q",
                    "--disable-pip-version-check", *args], check=True)


def install_mentorlog(env_dir: Path) -> None:
    if not python_of(env_dir).exists():
        print(f"creating {env_dir}", flush=True)
        venv.create(env_dir, with_pip=True)
    pip_install(env_dir, str(REPO))  # dependencies, as pyproject asks for them
    # and this checkout's code as it is now (same version number, so force it):
    pip_install(env_dir, "--force-reinstall", "--no-deps", str(REPO))


def versions(py: Path) -> dict[str, str]:
    code = ("import importlib.metadata as m, platform, json\n"
            "v = {'python': platform.python_version()}\n"
            "for p in ('mentorlog', 'typer', 'click', 'rich', 'msgspec'):\n"
            "    try: v[p] = m.version(p)\n"
            "    except m.PackageNotFoundError: pass\n"
            "print(json.dumps(v))")
    with tempfile.TemporaryDirectory() as cwd:
        out = subprocess.run([str(py), "-c", code], cwd=cwd, check=True, capture_output=True,
                             text=True, env=isolated_env(WORK / "sandbox" / "versions", {}))
    return json.loads(out.stdout)


def journal(py: Path, name: str, years: int, notes: int | None,
            regenerate: bool) -> tuple[Path, str]:
    """A journal from bench/generate.py and the MENTORLOG_NOW it printed; made again when
    generate.py or the arguments change."""
    home = WORK / f"journal-{name}"
    stamp = WORK / f"journal-{name}.stamp"
    argv = ["--years", str(years), *(["--notes", str(notes)] if notes is not None else [])]
    digest = hashlib.sha256((BENCH / "generate.py").read_bytes()
                            + " ".join(argv).encode()).hexdigest()
    if not regenerate and home.exists() and stamp.exists():
        saved = json.loads(stamp.read_text())
        if saved.get("digest") == digest:
            return home, saved["now"]
    shutil.rmtree(home, ignore_errors=True)
    stamp.unlink(missing_ok=True)
    print(f"generating {home.name}: bench/generate.py {' '.join(argv)} ...", flush=True)
    with tempfile.TemporaryDirectory() as cwd:  # so generate's `-m mentorlog` finds the install
        done = subprocess.run([str(py), str(BENCH / "generate.py"), "--home", str(home), *argv],
                              cwd=cwd, env=isolated_env(WORK / "sandbox" / "generate", {}),
                              stdout=subprocess.PIPE, text=True)
    if done.returncode:
        raise SystemExit(f"bench/generate.py failed (exit {done.returncode}), see the traceback "
                         "above: it runs `mentorlog init` and imports mentorlog's internals "
                         "from the snapshot of this checkout installed in bench/.work/venv")
    lines = done.stdout.strip().splitlines()
    if not lines or not lines[-1].startswith("MENTORLOG_NOW="):
        raise SystemExit(f"bench/generate.py did not end with MENTORLOG_NOW=...: {done.stdout!r}")
    now = lines[-1].partition("=")[2]
    print(f"  {lines[0] if len(lines) > 1 else ''}; MENTORLOG_NOW={now}", flush=True)
    stamp.write_text(json.dumps({"digest": digest, "now": now}))
    return home, now


def newest_typer_venv() -> Path:
    env_dir = WORK / "venv-typer-newest"
    if not python_of(env_dir).exists():
        print(f"creating {env_dir}", flush=True)
        venv.create(env_dir, with_pip=True)
    # pyproject keeps typer below 0.29: install the rest, then the newest typer over it
    # (pip warns about the conflict; that is the point)
    pip_install(env_dir, str(REPO))
    pip_install(env_dir, "--force-reinstall", "--no-deps", str(REPO))
    pip_install(env_dir, "--upgrade", "typer>=0.29")
    return env_dir


def workload_row(w: Workload, key: str, got: dict[str, list[Sample]], judged: bool) -> Row:
    """The row of `w` on journal `key`, against its ×S target if `judged`; printed."""
    return print_row(Row(w.label, key, summary(got[key], got["S"], got["F"]),
                         target=f"≤{w.target_s:g}×S" if judged else "",
                         limit=w.target_s if judged else None, measure="x_s",
                         expected_exit=w.expected_exit))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        epilog="How to run and what is measured: the docstring of bench/run.py.")
    parser.add_argument("--runs", type=int, default=15, help="timed rounds per group (15)")
    parser.add_argument("--warmup", type=int, default=2, help="untimed rounds first (2)")
    parser.add_argument("--regenerate", action="store_true", help="write the journals again")
    parser.add_argument("--no-jrnl", action="store_true", help="skip the jrnl comparison")
    parser.add_argument("--typer-compare", action="store_true",
                        help="also time status, --help, log -n 5 with the newest typer")
    parser.add_argument("--terminal", action="store_true",
                        help="also time the drawing commands with stdout on a pseudo-terminal")
    parser.add_argument("--json", type=Path, help="save every figure here")
    parser.add_argument("labels", nargs="*", help="only these workloads")
    args = parser.parse_args()
    if args.runs < 1 or args.warmup < 1:
        parser.error("--runs and --warmup must be at least 1")
    selected = workloads(args.labels)
    load_before = os.getloadavg()
    WORK.mkdir(exist_ok=True)
    env_dir = WORK / "venv"
    install_mentorlog(env_dir)
    py = python_of(env_dir)
    journals = {"1y": journal(py, "1y", 1, None, args.regenerate),
                "10y": journal(py, "10y", 10, None, args.regenerate)}
    if any(w.grep for w in selected):
        journals[f"10y {GREP_NOTES} notes"] = journal(py, f"10y-{GREP_NOTES}-notes", 10,
                                                      GREP_NOTES, args.regenerate)
    envs = {key: mentorlog_env(WORK / "sandbox" / key.replace(" ", "-"), home, now)
            for key, (home, now) in journals.items()}
    grep_key = f"10y {GREP_NOTES} notes"
    typer_env = newest_typer_venv() if args.typer_compare else None
    info = versions(py)
    print(f"\n{datetime.now(UTC):%Y-%m-%d %H:%M} UTC; {platform.node()}, {os.cpu_count()} CPUs; "
          + ", ".join(f"{k} {v}" for k, v in info.items()))
    print(f"S = python -c {S_CODE!r}; F = python -c pass (both {py.relative_to(REPO)}); "
          f"{args.runs} rounds after {args.warmup} warm-up rounds; load average "
          f"{load_before[0]:.2f}")
    print(HEADER)

    def m(python: Path, argv: tuple[str, ...], env: dict[str, str]) -> Cmd:
        # the console script, as a user types it (`-m` would add runpy's imports)
        return Cmd([str(python.parent / "mentorlog"), *argv], env)

    s_cmd = Cmd([str(py), "-c", S_CODE], envs["10y"])
    f_cmd = Cmd([str(py), "-c", "pass"], envs["10y"])
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as cwd:
        for w in selected:
            group = {"10y": m(py, w.args, envs["10y"]), "1y": m(py, w.args, envs["1y"])}
            if w.grep:
                group[grep_key] = m(py, w.args, envs[grep_key])
            group |= {"S": s_cmd, "F": f_cmd}
            got = measure(group, args.runs, args.warmup, cwd)

            if w.grep:
                rows.append(workload_row(w, grep_key, got, judged=True))
            rows.append(workload_row(w, "10y", got, judged=not w.grep))
            rows.append(workload_row(w, "1y", got, judged=False))
            if w.growth_f is not None:
                rows.append(print_row(Row(
                    f"{w.label}: growth", "1y → 10y", growth(got["10y"], got["1y"], got["F"]),
                    target=f"≤{w.growth_f:g}×F", limit=w.growth_f, measure="x_f",
                    expected_exit=w.expected_exit)))
        if typer_env is not None:
            newest_info = versions(python_of(typer_env))
            print(f"newest typer ({newest_info['typer']}) against typer {info['typer']}, "
                  "in the same rounds, ×S and ×F of the pinned venv:")
            for w in selected:
                if w.label not in TYPER_COMPARE:
                    continue
                got = measure({"newest": m(python_of(typer_env), w.args, envs["10y"]),
                               "pinned": m(py, w.args, envs["10y"]),
                               "S newest": Cmd([str(python_of(typer_env)), "-c", S_CODE],
                                               envs["10y"]),
                               "S": s_cmd, "F": f_cmd}, args.runs, args.warmup, cwd)
                for key, version in (("newest", newest_info["typer"]),
                                     ("pinned", info["typer"])):
                    rows.append(print_row(Row(
                        f"{w.label}, typer {version}", "10y",
                        summary(got[key], got["S"], got["F"]), expected_exit=w.expected_exit,
                        extra={"typer": version})))
                rows.append(print_row(Row(
                    f"S, typer {newest_info['typer']}", "",
                    summary(got["S newest"], got["S"], got["F"]), memory=False,
                    extra={"typer": newest_info["typer"]})))
        if args.terminal:
            print("stdout on a pseudo-terminal of 100 columns (S and F too):")
            for w in selected:
                if w.label not in TERMINAL:
                    continue
                got = measure({"w": m(py, w.args, envs["10y"]), "S": s_cmd, "F": f_cmd},
                              args.runs, args.warmup, cwd, terminal=True)
                rows.append(print_row(Row(
                    f"{w.label} (terminal)", "10y", summary(got["w"], got["S"], got["F"]),
                    expected_exit=w.expected_exit, extra={"terminal": True})))
    if not args.no_jrnl:
        from jrnl import compare

        print("against jrnl 4.6 on the same entries (bench/jrnl.py):", flush=True)
        rows += compare(py, WORK / "jrnl", args.runs, args.warmup, [50, GREP_NOTES])
    s_ms = [r.figures["s_ms"] for r in rows if "s_ms" in r.figures]
    f_ms = [r.figures["f_ms"] for r in rows if "f_ms" in r.figures]
    load_after = os.getloadavg()
    if s_ms and f_ms:
        print(f"\nS took {min(s_ms):.1f}–{max(s_ms):.1f} ms and F {min(f_ms):.1f}–"
              f"{max(f_ms):.1f} ms (medians of the groups)", end="; ")
    print(f"load average {load_before[0]:.2f} before, {load_after[0]:.2f} after")
    print(tally(rows))
    if args.json:
        args.json.write_text(json.dumps({
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "machine": {"node": platform.node(), "cpus": os.cpu_count(),
                        "load_before": load_before, "load_after": load_after},
            "versions": info, "runs": args.runs, "warmup": args.warmup,
            "s": f"python -c {S_CODE!r}", "f": "python -c pass",
            "journals": {k: {"home": str(h), "now": n} for k, (h, n) in journals.items()},
            "rows": [r.as_json() for r in rows],
        }, indent=2, ensure_ascii=False) + "\n")
        print(f"saved {args.json}")


if __name__ == "__main__":
    main()
