"""Time mentorlog commands against F = `python -c pass` in the same run, and their peak memory.

Usage: python bench/timing.py --home DIR --now ISO [--runs 20] [--json OUT]
       [--mentorlog "PATH/TO/mentorlog"] [LABEL ...]

Run it with the Python of the virtual environment mentorlog is installed in (bench/run.py
does): F is that interpreter starting and doing nothing. Each workload and F are run
alternately after a warm-up (ABBA order, so a drift in machine load hits both alike), `--runs`
times each; the median (p50) wall time of each is reported with its ratio to F's median (the figure
the targets are about), p90 for context, and the ratio of the median CPU times (user +
system), which a busy machine disturbs less. Peak memory is the child's maximum resident
set size from os.wait4.
MENTORLOG_NOW is pinned so every run does the same work; stdout and stderr go to /dev/null
(no terminal: the plain output a script or pipe gets). The children run in an empty folder
without PYTHONPATH, so only the installed mentorlog is imported.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MEMORY_LIMIT_MB = 60

# (label, arguments after `mentorlog`, the issue's target as a ratio to F or None, expected
# exit code). Every workload has the memory target.
WORKLOADS: list[tuple[str, list[str], float | None, int]] = [
    ("status", ["status"], 5, 0),
    ("status --json", ["status", "--json"], 5, 0),
    ("task", ["task"], 5, 0),
    ("agenda", ["agenda"], 5, 0),
    ("contact", ["contact"], 5, 0),
    ("schedule", ["schedule"], 5, 0),
    ("log -n 5", ["log", "-n", "5"], 6, 0),
    ("goals", ["goals"], 6, 0),
    ("--help", ["--help"], 6, 0),
    ("usage error", ["stauts"], 6, 2),
    ("log --grep", ["log", "--grep", "flamegraph"], None, 0),  # its target: see jrnl.py
    # Through typer (no fast path): what the choice of typer version changes.
    ("typer: task history", ["task", "history"], None, 0),
    ("typer: log -n 0", ["log", "-n", "0"], None, 2),
]


# Timed again with --terminal: the commands that draw (no target there: the issue's are for a
# pipe; the pipe's target is shown in brackets for comparison).
TERMINAL = ("status", "agenda", "log -n 5", "goals", "schedule")

# What every command pays before doing anything (context for the ratios, no target).
FLOORS: list[tuple[str, str]] = [
    ("import typer", "import typer"),
    ("import rich console+table", "import rich.console, rich.table"),
    ("import typer + rich", "import typer, rich.console, rich.table"),
    ("import mentorlog.cli", "import mentorlog.cli"),
]


def child_env(extra: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "MENTORLOG_"))}
    env.pop("NO_COLOR", None)
    env.pop("FORCE_COLOR", None)
    return {**env, **extra}


def run_once(argv: list[str], env: dict[str, str], cwd: str,
             terminal: bool = False) -> tuple[float, int, int, float]:
    """(wall seconds, exit code, peak RSS in KiB, CPU seconds) of one run; with `terminal`,
    stdout is a pseudo-terminal of 100 columns, read and thrown away as a terminal would."""
    if not terminal:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, env=env, cwd=cwd, stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        return (elapsed, os.waitstatus_to_exitcode(status), usage.ru_maxrss,
                usage.ru_utime + usage.ru_stime)
    import fcntl
    import select
    import struct
    import termios

    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 100, 0, 0))
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, cwd=cwd, stdin=subprocess.DEVNULL, stdout=slave,
                            stderr=subprocess.DEVNULL)
    os.close(slave)
    while True:  # drain the output, or a long one would block the child
        ready, _, _ = select.select([master], [], [], 0.5)
        if ready:
            try:
                if os.read(master, 65536):
                    continue
            except OSError:  # EIO: the child closed its side
                pass
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
    elapsed = time.perf_counter() - start
    os.close(master)
    return (elapsed, os.waitstatus_to_exitcode(status), usage.ru_maxrss,
            usage.ru_utime + usage.ru_stime)


def measure(argv: list[str], baseline: list[str], env: dict[str, str], runs: int,
            cwd: str, warmup: int = 3, terminal: bool = False) -> dict:
    """p50 of `argv` and of `baseline`, run alternately; the ratio of the two medians."""
    for _ in range(warmup):  # page cache, .pyc files, the journal's folders
        run_once(argv, env, cwd, terminal)
        run_once(baseline, env, cwd, terminal)
    times, base_times, peaks, codes, cpu, base_cpu = [], [], [], set(), [], []
    for i in range(runs):
        pair = [(argv, times, cpu), (baseline, base_times, base_cpu)]
        for cmd, into, cpu_into in pair if i % 2 == 0 else reversed(pair):
            t, code, peak, used = run_once(cmd, env, cwd, terminal)
            into.append(t)
            cpu_into.append(used)
            if cmd is argv:
                peaks.append(peak)
                codes.add(code)
    median, f = statistics.median(times), statistics.median(base_times)
    return {
        "median_ms": round(median * 1000, 1),
        "p90_ms": round(statistics.quantiles(times, n=10)[-1] * 1000, 1),
        "f_ms": round(f * 1000, 1),
        "ratio": round(median / f, 2),
        # CPU time (user + system) of the child: less sensitive to a busy machine than wall time
        "cpu_ratio": round(statistics.median(cpu) / max(1e-6, statistics.median(base_cpu)), 2),
        "peak_mb": round(max(peaks) / 1024, 1),
        "exit_codes": sorted(codes),
    }


def row(label: str, r: dict, target: str, ok: bool | None) -> str:
    verdict = "" if ok is None else ("yes" if ok else "NO")
    return (f"{label:<34}{r['median_ms']:>8.1f}ms{r['p90_ms']:>8.1f}ms{r['f_ms']:>7.1f}ms"
            f"{r['ratio']:>7.2f}x{r['cpu_ratio']:>7.2f}x{target:>8}{r['peak_mb']:>8.1f}  {verdict}")


HEADER = (f"{'workload':<34}{'p50':>10}{'p90':>10}{'F':>9}{'ratio':>8}{'cpu':>8}{'target':>8}"
          f"{'MB':>8}  met")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", required=True, type=Path, help="a journal (bench/generate.py)")
    parser.add_argument("--now", required=True, help="MENTORLOG_NOW: the journal's end")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--mentorlog", default=f"{sys.executable} -m mentorlog",
                        help="how to run mentorlog (default: this Python's -m mentorlog)")
    parser.add_argument("--floors", action="store_true",
                        help="also time the imports every command pays (no target)")
    parser.add_argument("--terminal", action="store_true",
                        help="also time the drawing commands with stdout on a pseudo-terminal"
                        " (F then too): what a person at a terminal waits for")
    parser.add_argument("labels", nargs="*", help="only these workloads")
    args = parser.parse_args()
    env = child_env({"MENTORLOG_HOME": str(args.home.resolve()), "MENTORLOG_NOW": args.now})
    command = shlex.split(args.mentorlog)
    if os.sep in command[0]:  # the children run in an empty folder
        command[0] = os.path.abspath(command[0])
    baseline = [sys.executable, "-c", "pass"]
    results = {}
    print(f"F = {shlex.join(baseline)}; {args.runs} runs each, alternating; journal {args.home}")
    print(HEADER)
    with tempfile.TemporaryDirectory() as cwd:
        for label, extra, target, expected in WORKLOADS:
            if args.labels and label not in args.labels:
                continue
            r = measure([*command, *extra], baseline, env, args.runs, cwd)
            r.update(target=target, expected_exit=expected)
            r["meets_target"] = ((target is None or r["ratio"] <= target)
                                 and r["peak_mb"] <= MEMORY_LIMIT_MB
                                 and r["exit_codes"] == [expected])
            results[label] = r
            line = row(label, r, f"<={target}x" if target else "60MB", r["meets_target"])
            if r["exit_codes"] != [expected]:
                line += f"  (exit {r['exit_codes']}, expected {expected})"
            print(line, flush=True)
        if args.terminal:
            print("in a terminal (stdout a pseudo-terminal of 100 columns, F too):")
            for label, extra, target, expected in WORKLOADS:
                if label not in TERMINAL or (args.labels and label not in args.labels):
                    continue
                r = measure([*command, *extra], baseline, env, args.runs, cwd, terminal=True)
                r.update(target=None, expected_exit=expected,
                         meets_target=(r["peak_mb"] <= MEMORY_LIMIT_MB
                                       and r["exit_codes"] == [expected]))
                results[f"terminal: {label}"] = r
                print(row(f"terminal: {label}", r, f"({target}x)", r["meets_target"]),
                      flush=True)
        if args.floors:
            print("imports alone (python -c ...), for context:")
            for label, code in FLOORS:
                r = measure([sys.executable, "-c", code], baseline, env, args.runs, cwd)
                results[label] = {**r, "target": None, "meets_target": None}
                print(row(label, r, "", None), flush=True)
    timed = [r for r in results.values() if r.get("target") is not None]
    measured = [r for r in results.values() if "target" in r and r["meets_target"] is not None]
    print(f"{sum(bool(r['meets_target']) for r in timed)} of {len(timed)} workloads meet "
          f"their time target (and peak memory <= {MEMORY_LIMIT_MB} MB); peak memory of every "
          f"workload <= {MEMORY_LIMIT_MB} MB: "
          f"{'yes' if all(r['peak_mb'] <= MEMORY_LIMIT_MB for r in measured) else 'NO'}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
