"""Time commands against the floor of mentorlog's own stack: S and F, paired, in the same rounds.

How to run
----------
Normally through bench/run.py, which builds the venv and the journals and uses this module
(`python3 bench/run.py --help`). By hand, on one journal made by bench/generate.py and a venv
that has mentorlog installed:

    python3 bench/timing.py --python bench/.work/venv/bin/python --home DIR --now ISO \\
        [--runs 15] [--warmup 2] [--terminal] [--json OUT] [LABEL ...]

(ISO is the MENTORLOG_NOW that generate.py prints as its last line.) Any Python 3.11+ can run
this file: it never imports mentorlog, it only starts the venv's `mentorlog` as children.

What is measured
----------------
- S = `PYTHON -c "import typer, rich.console, rich.table"`: the stack every mentorlog command
  stands on (typer parses, Rich draws), started from the same venv. The reference.
- F = `PYTHON -c pass`: the interpreter starting and doing nothing.
- Each workload is the venv's console script `mentorlog ARGS` (as a user runs it), in an
  empty temporary folder, with stdin, stdout and stderr on /dev/null
  (what a pipe or script gets), MENTORLOG_HOME = the journal, MENTORLOG_NOW pinned (every run
  does the same work), HOME, XDG_CACHE_HOME, XDG_CONFIG_HOME, XDG_DATA_HOME and XDG_STATE_HOME
  under the work folder (never the real home), no PYTHON* / MENTORLOG_* / NO_COLOR /
  FORCE_COLOR variables from the caller. S and F get the same environment.
- A group of commands (a workload on each journal, S and F) is run `--warmup` rounds first,
  untimed (mentorlog builds its caches on the first run and reuses them after; the page
  cache and .pyc files settle), then `--runs` timed rounds. Each round runs every command of
  the group once, back to back, in ABBA order (forward in even rounds, backward in odd ones),
  so a change in machine load hits all of them alike.
- Per command: the median (p50) and p90 wall time (time.perf_counter from fork to reap);
  ×S and ×F, the median over the rounds of the paired ratios (command / S, command / F of
  the same round); CPU ×S, the same for CPU time (user + system of the child, from os.wait4:
  less disturbed by a busy machine than wall time); the peak resident set size of the child
  (ru_maxrss from os.wait4, the largest over the timed runs); and the exit codes seen
  (checked against the expected one). The children are forked by a small helper process
  (`python -I -S`, about 9 MB; see SPAWNER), not by the benchmark itself: on Linux a child's
  ru_maxrss starts at the size of the process it was forked from.
- With --terminal, stdout (of the command, S and F alike) is a pseudo-terminal of
  100 × 40 instead of /dev/null, read and thrown away as a terminal would: what a person
  waits for. Optional; the targets are for a pipe.
"""

from __future__ import annotations

import argparse
import json
import marshal
import os
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

MEMORY_LIMIT_MB = 60
S_CODE = "import typer, rich.console, rich.table"


@dataclass(frozen=True)
class Workload:
    """A command to time and its targets (all of them on the ten-year journal)."""

    label: str
    args: tuple[str, ...]
    target_s: float | None  # the command's median ≤ this × S
    growth_f: float | None = None  # ten years may add at most this × F over one year
    grep: bool = False  # its ×S target is on the journal with 5,000 notes
    expected_exit: int = 0


WORKLOADS: list[Workload] = [
    Workload("status", ("status",), 1.3, growth_f=1),
    Workload("task", ("task",), 1.3),
    Workload("agenda", ("agenda",), 1.3, growth_f=1),
    Workload("goals", ("goals",), 1.3),
    Workload("schedule", ("schedule",), 1.3),
    Workload("contact", ("contact",), 1.3),
    Workload("log -n 5", ("log", "-n", "5"), 1.3, growth_f=1),
    Workload("log --grep", ("log", "--grep", "flamegraph"), 1.5, growth_f=2, grep=True),
    Workload("--help", ("--help",), 1.1),
]

# Timed again with --terminal: the commands that draw.
TERMINAL = ("status", "agenda", "log -n 5", "goals", "schedule")


def workloads(labels: list[str]) -> list[Workload]:
    """The workloads with these labels (all of them for none); an unknown label is an error."""
    known = {w.label: w for w in WORKLOADS}
    unknown = [label for label in labels if label not in known]
    if unknown:
        raise SystemExit(f"unknown workload {', '.join(map(repr, unknown))}; the workloads: "
                         + ", ".join(repr(w.label) for w in WORKLOADS))
    return [w for w in WORKLOADS if not labels or w.label in labels]


# -- children ----------------------------------------------------------------------------------

def child_env(extra: dict[str, str]) -> dict[str, str]:
    """The caller's environment without what would change a child's behaviour, plus `extra`."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PYTHON", "MENTORLOG_", "XDG_"))}
    for name in ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES", "VIRTUAL_ENV"):
        env.pop(name, None)
    return {**env, **extra}


def isolated_env(sandbox: Path, extra: dict[str, str]) -> dict[str, str]:
    """child_env with HOME and the XDG folders inside `sandbox` (made here)."""
    dirs = {"HOME": sandbox / "home", "XDG_CACHE_HOME": sandbox / "cache",
            "XDG_CONFIG_HOME": sandbox / "config", "XDG_DATA_HOME": sandbox / "data",
            "XDG_STATE_HOME": sandbox / "state"}
    for d in dirs.values():
        d.mkdir(parents=True, exist_ok=True)
    return child_env({**{k: str(v) for k, v in dirs.items()}, **extra})


def mentorlog_env(sandbox: Path, home: Path, now: str) -> dict[str, str]:
    """What a mentorlog child runs with: the journal, the pinned clock, a sandboxed home."""
    return isolated_env(sandbox, {"MENTORLOG_HOME": str(home.resolve()),
                                  "MENTORLOG_NOW": now})


@dataclass(frozen=True)
class Sample:
    wall: float  # seconds
    cpu: float  # seconds, user + system
    rss_kib: int
    code: int


# The children are started by a small helper process, not by this one: on Linux a child's
# ru_maxrss starts at the resident size of the process it was forked from (exec records the
# old address space's high-water mark), so a child of a big benchmark process would report the
# benchmark's memory, not its own. The helper is `python -I -S` with a few built-in modules
# (about 9 MB, less than any Python child's own peak); it forks, execs, times and reaps each
# child and reports (wall seconds, CPU seconds, ru_maxrss KiB, exit code) through marshal.
SPAWNER = r"""
import marshal, os, sys, time
inp, out = sys.stdin.buffer, sys.stdout.buffer
while True:
    head = inp.read(8)
    if len(head) < 8:
        break
    argv, env, cwd, terminal = marshal.loads(inp.read(int.from_bytes(head, "little")))
    null = os.open(os.devnull, os.O_RDWR)
    target = null
    if terminal:
        import fcntl, select, struct, termios
        master, target = os.openpty()
        fcntl.ioctl(target, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 100, 0, 0))
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        try:
            os.chdir(cwd)
            os.dup2(null, 0)
            os.dup2(target, 1)
            os.dup2(null, 2)
            os.execve(argv[0], argv, env)
        finally:
            os._exit(127)
    if terminal:
        os.close(target)
        while True:  # drain the output as a terminal would, or a long one blocks the child
            ready = select.select([master], [], [], 0.05)[0]
            if ready:
                try:
                    if os.read(master, 65536):
                        continue
                except OSError:  # EIO: the child closed its side
                    pass
            done, status, usage = os.wait4(pid, os.WNOHANG)
            if done:
                break
        os.close(master)
    else:
        _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    os.close(null)
    reply = marshal.dumps((wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss,
                           os.waitstatus_to_exitcode(status)))
    out.write(len(reply).to_bytes(8, "little") + reply)
    out.flush()
"""

_spawner: subprocess.Popen | None = None


def run_once(argv: list[str], env: dict[str, str], cwd: str, terminal: bool = False) -> Sample:
    """One run through the spawner: stdout on /dev/null, or with `terminal` on a
    pseudo-terminal of 100 × 40 that is drained as a terminal would; stdin and stderr on
    /dev/null. argv[0] must be a path."""
    global _spawner
    if _spawner is None or _spawner.poll() is not None:
        _spawner = subprocess.Popen([sys.executable, "-I", "-S", "-c", SPAWNER],
                                    stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    exe = os.path.abspath(argv[0])
    request = marshal.dumps(([exe, *argv[1:]], env, os.path.abspath(cwd), terminal))
    assert _spawner.stdin is not None and _spawner.stdout is not None
    _spawner.stdin.write(len(request).to_bytes(8, "little") + request)
    _spawner.stdin.flush()
    head = _spawner.stdout.read(8)
    if len(head) < 8:
        raise RuntimeError(f"the spawner died running {argv}")
    wall, cpu, rss, code = marshal.loads(_spawner.stdout.read(int.from_bytes(head, "little")))
    return Sample(wall, cpu, rss, code)


@dataclass(frozen=True)
class Cmd:
    argv: list[str]
    env: dict[str, str]


def measure(group: dict[str, Cmd], runs: int, warmup: int, cwd: str,
            terminal: bool = False) -> dict[str, list[Sample]]:
    """`warmup` untimed rounds, then `runs` rounds of every command of the group, ABBA."""
    keys = list(group)
    for _ in range(warmup):
        for k in keys:
            run_once(group[k].argv, group[k].env, cwd, terminal)
    out: dict[str, list[Sample]] = {k: [] for k in keys}
    for i in range(runs):
        for k in keys if i % 2 == 0 else reversed(keys):
            out[k].append(run_once(group[k].argv, group[k].env, cwd, terminal))
    return out


# -- statistics --------------------------------------------------------------------------------

def paired(a: list[Sample], b: list[Sample], what: str = "wall") -> float:
    """The median over the rounds of a/b (same round)."""
    return statistics.median(getattr(x, what) / max(1e-9, getattr(y, what))
                             for x, y in zip(a, b, strict=True))


def summary(samples: list[Sample], s: list[Sample], f: list[Sample]) -> dict:
    walls = [x.wall for x in samples]
    return {
        "median_ms": round(statistics.median(walls) * 1000, 1),
        "p90_ms": round((statistics.quantiles(walls, n=10)[-1] if len(walls) > 1
                         else walls[0]) * 1000, 1),
        "x_s": round(paired(samples, s), 3),
        "x_f": round(paired(samples, f), 3),
        "cpu_x_s": round(paired(samples, s, "cpu"), 3),
        "peak_mb": round(max(x.rss_kib for x in samples) / 1024, 1),
        "exit_codes": sorted({x.code for x in samples}),
        "s_ms": round(statistics.median(x.wall for x in s) * 1000, 1),
        "f_ms": round(statistics.median(x.wall for x in f) * 1000, 1),
    }


def growth(big: list[Sample], small: list[Sample], f: list[Sample]) -> dict:
    """What `big` adds to `small`: the median ms difference and, paired, in units of F."""
    return {
        "added_ms": round((statistics.median(x.wall for x in big)
                            - statistics.median(x.wall for x in small)) * 1000, 1),
        "x_f": round(statistics.median((b.wall - s.wall) / z.wall
                                       for b, s, z in zip(big, small, f, strict=True)), 3),
        "cpu_x_f": round(statistics.median((b.cpu - s.cpu) / max(1e-9, z.cpu)
                                           for b, s, z in zip(big, small, f, strict=True)), 3),
        "exit_codes": sorted({x.code for x in big + small}),
    }


# -- the table ---------------------------------------------------------------------------------

@dataclass
class Row:
    """One line of the table (and of the JSON)."""

    workload: str
    journal: str
    figures: dict  # summary() or growth()
    target: str = ""  # as shown, e.g. "≤1.3×S"
    limit: float | None = None  # the time target, in the unit of `measure`
    measure: str = ""  # which figure the limit is about: "x_s", "x_f", "x_jrnl"
    expected_exit: int | None = 0
    memory: bool = True  # judge the peak memory (not for jrnl's rows)
    met: bool | None = None
    verdict: str = ""
    extra: dict = field(default_factory=dict)

    def judge(self) -> Row:
        """Set met and verdict: the time target, peak memory ≤ 60 MB, the exit code."""
        problems = []
        unit = {"x_s": "×S", "x_f": "×F", "x_jrnl": "× jrnl"}.get(self.measure, "")
        if self.limit is not None:
            value = self.figures[self.measure]
            if value > self.limit:
                problems.append(f"+{value - self.limit:.2f}{unit} over")
        peak = self.figures.get("peak_mb") if self.memory else None
        if peak is not None and peak > MEMORY_LIMIT_MB:
            problems.append(f"{peak:.1f} MB > {MEMORY_LIMIT_MB}")
        codes = self.figures.get("exit_codes")
        if codes is not None and self.expected_exit is not None \
                and codes != [self.expected_exit]:
            problems.append(f"exit {codes}, expected {self.expected_exit}")
        if not self.target and peak is not None:
            self.target = f"≤{MEMORY_LIMIT_MB} MB"
        if self.target:
            self.met = not problems
            self.verdict = "yes" if self.met else "NO: " + "; ".join(problems)
        elif problems:
            self.verdict = "; ".join(problems)
        if self.measure == "x_jrnl":  # no column of its own
            self.verdict = f"{self.figures['x_jrnl']:.2f}{unit}  {self.verdict}".rstrip()
        return self

    def line(self) -> str:
        fig = self.figures

        def num(key: str, fmt: str) -> str:
            return format(fig[key], fmt) if fig.get(key) is not None else ""

        signed = "added_ms" in fig  # a growth row
        median = fig.get("added_ms" if signed else "median_ms")
        ms = "" if median is None else (f"{median:+.1f}" if signed else f"{median:.1f}")
        xf = num("x_f", "+.2f" if signed else ".2f")
        cpu = num("cpu_x_s", ".2f") or (f"{fig['cpu_x_f']:+.2f}×F" if signed else "")
        return (f"{self.workload:<26}{self.journal:<15}{ms:>10}{num('x_s', '.2f'):>7}"
                f"{xf:>8}{cpu:>9}{num('peak_mb', '.1f'):>9}  {self.target:<11}{self.verdict}")

    def as_json(self) -> dict:
        return {"workload": self.workload, "journal": self.journal, **self.figures,
                "target": self.target or None, "limit": self.limit,
                "limit_of": self.measure if self.limit is not None else None, "met": self.met,
                "verdict": self.verdict or None, **self.extra}


HEADER = (f"{'workload':<26}{'journal':<15}{'median ms':>10}{'×S':>7}{'×F':>8}{'CPU ×S':>9}"
          f"{'peak MB':>9}  {'target':<11}met")


def print_row(row: Row) -> Row:
    print(row.judge().line(), flush=True)
    return row


def tally(rows: list[Row]) -> str:
    """Two lines: the time targets met, and the peak memory."""
    judged = [r for r in rows if r.limit is not None]
    failed = [r for r in judged if not r.met]
    text = (f"{len(judged) - len(failed)} of {len(judged)} time targets met (each with peak "
            f"memory ≤ {MEMORY_LIMIT_MB} MB and the expected exit code)")
    if failed:
        text += "; not met: " + ", ".join(f"{r.workload} ({r.journal})" for r in failed)
    peaks = [r.figures["peak_mb"] for r in rows if r.memory and "peak_mb" in r.figures]
    if peaks:
        verdict = "met" if max(peaks) <= MEMORY_LIMIT_MB else "NOT met"
        text += (f"\npeak memory of every mentorlog command: at most {max(peaks):.1f} MB "
                 f"(≤ {MEMORY_LIMIT_MB} MB: {verdict})")
    odd = [r for r in rows if r.met is False and r.limit is None]
    if odd:
        text += "\nother rows not met: " + ", ".join(
            f"{r.workload} ({r.journal}): {r.verdict}" for r in odd)
    return text


# -- by hand: one journal ----------------------------------------------------------------------

def main() -> None:
    parser = argparse.ArgumentParser(
        description="Time mentorlog commands on one journal against S and F (bench/run.py "
                    "does the whole benchmark).")
    parser.add_argument("--python", required=True, type=Path,
                        help="the Python of a venv with mentorlog installed")
    parser.add_argument("--home", required=True, type=Path, help="a journal (bench/generate.py)")
    parser.add_argument("--now", required=True, help="MENTORLOG_NOW: generate.py's last line")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--work", type=Path, default=Path(__file__).resolve().parent / ".work",
                        help="where the sandboxed HOME and XDG folders go (default bench/.work)")
    parser.add_argument("--terminal", action="store_true",
                        help="stdout on a pseudo-terminal instead of /dev/null")
    parser.add_argument("--json", type=Path, help="also write the rows here")
    parser.add_argument("labels", nargs="*", help="only these workloads")
    args = parser.parse_args()
    py = str(args.python.absolute())
    env = mentorlog_env(args.work / "sandbox" / "by-hand", args.home, args.now)
    rows = []
    print(f"S = {py} -c {S_CODE!r}; F = {py} -c pass; {args.runs} rounds; {args.home}")
    print(HEADER)
    with tempfile.TemporaryDirectory() as cwd:
        for w in workloads(args.labels):
            script = str(Path(py).parent / "mentorlog")  # the console script, as a user runs it
            got = measure({"w": Cmd([script, *w.args], env),
                           "S": Cmd([py, "-c", S_CODE], env), "F": Cmd([py, "-c", "pass"], env)},
                          args.runs, args.warmup, cwd, args.terminal)
            rows.append(print_row(Row(w.label, args.home.name,
                                      summary(got["w"], got["S"], got["F"]),
                                      expected_exit=w.expected_exit)))
    if args.json:
        args.json.write_text(json.dumps([r.as_json() for r in rows], indent=2) + "\n")


if __name__ == "__main__":
    main()
