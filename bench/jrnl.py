"""Time mentorlog against jrnl 4.6 on the same entries: the last 5, and a word search.

Usage: python bench/jrnl.py --work DIR [--runs 20] [--sizes 50 5000] [--json OUT]

Run it with the Python mentorlog is installed in (bench/run.py does). It installs jrnl 4.6
in its own venv under DIR, then for each size writes the same entries (bench/generate.py
`note_entries`) twice: as a jrnl journal in jrnl's plain-text format (its default config,
in a temporary HOME / XDG_CONFIG_HOME) and as mentorlog notes through mentorlog's store.
It times `jrnl -n 5` against `mentorlog log -n 5` and `jrnl -contains WORD` against
`mentorlog log --grep WORD`, each alternating with F = `python -c pass` in the same run.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import venv
from datetime import datetime, time, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import GREP_WORD, START, TZ, NoteEntry, init, note_entries, pinned_now, write_notes
from timing import HEADER, child_env, measure, row

JRNL = "jrnl==4.6"
YEARS = 10


def install_jrnl(env_dir: Path) -> Path:
    exe = env_dir / "bin" / "jrnl"
    if not exe.exists():
        print(f"installing {JRNL} in {env_dir}", flush=True)
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


def prepare(work: Path, size: int) -> tuple[Path, Path, str]:
    """(jrnl's HOME, mentorlog's home, MENTORLOG_NOW) holding the same `size` entries."""
    base = work / f"entries-{size}"
    jhome, mhome = base / "jrnl-home", base / "mentorlog"
    last = START + timedelta(weeks=52 * YEARS - 1, days=1)
    now = pinned_now(YEARS)
    if (base / "done").exists():
        return jhome, mhome, now
    shutil.rmtree(base, ignore_errors=True)
    entries = note_entries(size, START + timedelta(days=1), last)
    config = jhome / ".config" / "jrnl"
    config.mkdir(parents=True)
    journal = jhome / "journal.txt"
    journal.write_text(jrnl_text(entries))
    (config / "jrnl.yaml").write_text(jrnl_config(journal))
    init(mhome, datetime.combine(START, time(17), tzinfo=TZ))
    from mentorlog.store import Store

    write_notes(Store(mhome), entries)
    (base / "done").write_text("")
    return jhome, mhome, now


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", required=True, type=Path)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 5000])
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    jrnl = install_jrnl(args.work / "venv")
    mentorlog = Path(sys.executable).parent / "mentorlog"
    baseline = [sys.executable, "-c", "pass"]
    results: dict[str, dict] = {}
    print(f"\njrnl 4.6 against mentorlog on the same entries; F = {' '.join(baseline)}")
    print(HEADER)
    cwd = str(args.work)
    for size in args.sizes:
        jhome, mhome, now = prepare(args.work, size)
        jenv = child_env({"HOME": str(jhome), "XDG_CONFIG_HOME": str(jhome / ".config"),
                          "XDG_DATA_HOME": str(jhome / ".local" / "share")})
        menv = child_env({"MENTORLOG_HOME": str(mhome), "MENTORLOG_NOW": now})
        for name, jargs, margs in [
            ("last 5", ["-n", "5"], ["log", "-n", "5"]),
            ("grep", ["-contains", GREP_WORD], ["log", "--grep", GREP_WORD]),
        ]:
            j = measure([str(jrnl), *jargs], baseline, jenv, args.runs, cwd)
            m = measure([str(mentorlog), *margs], baseline, menv, args.runs, cwd)
            vs = round(m["median_ms"] / j["median_ms"], 2)
            m["vs_jrnl"] = vs
            results[f"{name} {size}"] = {"jrnl": j, "mentorlog": m}
            print(row(f"jrnl {' '.join(jargs)} ({size})", j, "", None))
            # the target is at the largest size ("on the same 5,000 entries")
            big = size == max(args.sizes)
            print(row(f"mentorlog {' '.join(margs)} ({size})", m, "<=0.3 jrnl" if big else "",
                      vs <= 0.3 if big else None) + f"  {vs:.2f}x jrnl", flush=True)
    print()
    for name in ("last 5", "grep"):
        sizes = [s for s in args.sizes if f"{name} {s}" in results]
        if len(sizes) >= 2:
            small, big = results[f"{name} {sizes[0]}"], results[f"{name} {sizes[-1]}"]
            for who in ("mentorlog", "jrnl"):
                growth = big[who]["median_ms"] / small[who]["median_ms"]
                goal = "  (target <= 1.5x)" if who == "mentorlog" else ""
                print(f"{name}: {who} at {sizes[-1]} entries takes {growth:.2f}x its time at "
                      f"{sizes[0]}{goal}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
