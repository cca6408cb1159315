"""Run the whole benchmark from a fresh clone: venv, install, ten-year journal, timings, jrnl.

Usage: python3 bench/run.py [--runs 20] [--years 10] [--regenerate] [--no-jrnl] [LABEL ...]

Everything it makes lives in bench/.work/ (ignored by git):
- venv/: mentorlog installed from this checkout, NOT editable (an editable install's import
  finder costs ~10 ms at every start), reinstalled on every run so the current code is timed;
- journal-10y/: the journal written by bench/generate.py (regenerated when the generator
  changes or with --regenerate);
- jrnl/: jrnl 4.6 in its own venv and the journals of the comparison (bench/jrnl.py);
- venv-typer-newest/: with --typer-compare, the same install with the newest typer;
- results.json, jrnl.json: the figures of the last run.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import subprocess
import sys
import venv
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
WORK = BENCH / ".work"


def python_of(env_dir: Path) -> Path:
    return env_dir / "bin" / "python"


def install_mentorlog(env_dir: Path) -> None:
    if not python_of(env_dir).exists():
        print(f"creating {env_dir}", flush=True)
        venv.create(env_dir, with_pip=True)
    pip = [str(python_of(env_dir)), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    subprocess.run([*pip, str(REPO)], check=True)  # dependencies, as pyproject pins them
    # and this checkout's code as it is now (same version number, so force it):
    subprocess.run([*pip, "--force-reinstall", "--no-deps", str(REPO)], check=True)


def journal(env_dir: Path, years: int, regenerate: bool) -> tuple[Path, str]:
    """The generated journal and its MENTORLOG_NOW; made again when the generator changed."""
    home = WORK / f"journal-{years}y"
    stamp = WORK / f"journal-{years}y.stamp"
    digest = hashlib.sha256((BENCH / "generate.py").read_bytes()).hexdigest()
    if regenerate or not home.exists() or not stamp.exists() or stamp.read_text() != digest:
        shutil.rmtree(home, ignore_errors=True)
        print(f"generating {home} ...", flush=True)
        subprocess.run([str(python_of(env_dir)), str(BENCH / "generate.py"), "--home", str(home),
                        "--years", str(years)], check=True)
        stamp.write_text(digest)
    sys.path.insert(0, str(BENCH))
    from generate import pinned_now

    return home, pinned_now(years)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--no-jrnl", action="store_true", help="skip the jrnl comparison")
    parser.add_argument("--typer-compare", action="store_true",
                        help="also time a few workloads with the newest typer (0.29+)")
    parser.add_argument("labels", nargs="*", help="only these workloads of timing.py")
    args = parser.parse_args()
    WORK.mkdir(exist_ok=True)
    env_dir = WORK / "venv"
    install_mentorlog(env_dir)
    home, now = journal(env_dir, args.years, args.regenerate)
    py = str(python_of(env_dir))
    subprocess.run([py, str(BENCH / "timing.py"), "--home", str(home), "--now", now,
                    "--runs", str(args.runs), "--mentorlog", str(env_dir / "bin" / "mentorlog"),
                    "--json", str(WORK / "results.json"),
                    *([] if args.labels else ["--floors", "--terminal"]),
                    "--", *args.labels], check=True)
    if args.typer_compare:
        newest = WORK / "venv-typer-newest"
        if not python_of(newest).exists():
            venv.create(newest, with_pip=True)
        pip = [str(python_of(newest)), "-m", "pip", "install", "-q",
               "--disable-pip-version-check"]
        # pyproject keeps typer below 0.29: install the rest, then the newest typer over it
        subprocess.run([*pip, str(REPO)], check=True)
        subprocess.run([*pip, "--force-reinstall", "--no-deps", str(REPO)], check=True)
        subprocess.run([*pip, "--upgrade", "typer>=0.29"], check=True)
        print("\nthe same workloads with the newest typer:", flush=True)
        subprocess.run([str(python_of(newest)), str(BENCH / "timing.py"), "--home", str(home),
                        "--now", now, "--runs", str(args.runs),
                        "--mentorlog", str(newest / "bin" / "mentorlog"),
                        "--json", str(WORK / "results-typer-newest.json"),
                        "--", "status", "--help", "typer: task history", "typer: log -n 0"],
                       check=True)
    if not args.no_jrnl:
        subprocess.run([py, str(BENCH / "jrnl.py"), "--work", str(WORK / "jrnl"),
                        "--runs", str(args.runs), "--json", str(WORK / "jrnl.json")], check=True)


if __name__ == "__main__":
    main()
