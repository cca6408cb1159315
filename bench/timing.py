"""Time mentorlog commands against F = `python -c pass` in the same run, and their peak memory.

Usage: python bench/timing.py --home DIR [--runs 20] [--json OUT] [COMMAND ...]

Each workload and F are run alternately (after a warm-up), `--runs` times each; the
median wall time of each is reported with its ratio to F's median. Peak memory is the
child's maximum resident set size from os.wait4. MENTORLOG_NOW is pinned so every run
does the same work.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import statistics
import subprocess
import sys
import time
from pathlib import Path

# (label, arguments after `mentorlog`, the issue's target as a ratio to F)
WORKLOADS: list[tuple[str, list[str], float]] = [
    ("status", ["status"], 5),
    ("status --json", ["status", "--json"], 5),
    ("task", ["task"], 5),
    ("agenda", ["agenda"], 5),
    ("contact", ["contact", "slack", "--at", "2026-11-24T10:00:00-05:00"], 5),
    ("schedule", ["schedule"], 5),
    ("log -n 5", ["log", "-n", "5"], 6),
    ("log --grep", ["log", "--grep", "pairing"], 6),
    ("goals", ["goals"], 6),
    ("--help", ["--help"], 6),
    ("usage error", ["stauts"], 6),
]


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, int, int]:
    """(seconds, exit code, peak RSS in KiB) of one run."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, proc.returncode, usage.ru_maxrss


def measure(argv: list[str], baseline: list[str], env: dict[str, str], runs: int) -> dict:
    for _ in range(3):  # warm-up: page cache, .pyc files
        run_once(argv, env)
        run_once(baseline, env)
    times, base_times, peaks, codes = [], [], [], set()
    for _ in range(runs):
        t, code, peak = run_once(argv, env)
        b, _, _ = run_once(baseline, env)
        times.append(t)
        base_times.append(b)
        peaks.append(peak)
        codes.add(code)
    median, f = statistics.median(times), statistics.median(base_times)
    return {
        "median_ms": round(median * 1000, 1),
        "f_ms": round(f * 1000, 1),
        "ratio": round(median / f, 2),
        "peak_mb": round(max(peaks) / 1024, 1),
        "exit_codes": sorted(codes),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", required=True, type=Path, help="a journal (bench/generate.py)")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--now", default="2036-11-18T12:00:00+01:00")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument(
        "--mentorlog", default=f"{sys.executable} -m mentorlog", help="how to run mentorlog"
    )
    args = parser.parse_args()
    env = {**os.environ, "MENTORLOG_HOME": str(args.home), "MENTORLOG_NOW": args.now}
    command = shlex.split(args.mentorlog)
    baseline = [sys.executable, "-c", "pass"]
    results = {}
    print(f"{'workload':<16}{'median':>10}{'F':>9}{'ratio':>8}{'target':>8}{'peak MB':>9}  ok")
    for label, extra, target in WORKLOADS:
        r = measure([*command, *extra], baseline, env, args.runs)
        r["target"] = target
        r["meets_target"] = r["ratio"] <= target and r["peak_mb"] <= 60
        results[label] = r
        print(
            f"{label:<16}{r['median_ms']:>8.1f}ms{r['f_ms']:>7.1f}ms{r['ratio']:>7.2f}x"
            f"{target:>7}x{r['peak_mb']:>9.1f}  {'yes' if r['meets_target'] else 'NO'}"
            f"  exit {','.join(map(str, r['exit_codes']))}",
            flush=True,
        )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
