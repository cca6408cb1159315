"""No cache can change what a read command prints (storage/cache.py).

A one-year journal (bench/generate.py) is read by every read command without a cache, then
with the caches built; then every cache file in turn is rewritten with plausible wrong
content (two values swapped, another cache's body, truncated, garbage, JSON of the wrong
shape) and every read command must print exactly what it printed without a cache, exit
the same way and show no traceback. The data folder itself never holds a cache: after all
of it, it is byte for byte what it was.

The read commands run in real processes: one per command for the runs with and without a
cache, and one per cache file for its corruptions, where this file is the driver: it runs
the commands one after the other through the CLI, rewriting the corrupted cache file
before each (a command that cannot use a cache rebuilds it).
"""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GREP_WORD = "flamegraph"  # bench/generate.py puts it in about 2% of the notes


def read_commands(home: Path) -> list[list[str]]:
    notes = sorted(p.stem for p in (home / "notes").glob("*.md"))
    note = notes[len(notes) // 2]
    meeting = sorted(p.stem for p in (home / "meetings").glob("*.md"))[-1]
    return [
        ["status"], ["status", "--json"], ["task"], ["agenda"], ["agenda", "--json"],
        ["goals"], ["goals", "--timeline"], ["schedule"], ["contact"], ["log", "-n", "5"],
        ["log", "--grep", GREP_WORD], ["log", "--json", "-n", "20"],
        ["log", "--json", "--grep", "parser"], ["show", note], ["show", meeting],
        ["show", "q1"], ["show", "t1"], ["show", "2030-01-01"], ["checklist"],
    ]


def _env(home: Path, cache: Path, now: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "MENTORLOG_HOME": str(home),
            "XDG_CACHE_HOME": str(cache), "XDG_CONFIG_HOME": str(home.parent / "config"),
            "MENTORLOG_NOW": now, "NO_COLOR": "1", "COLUMNS": "100"}


def _run(args: list[str], env: dict[str, str]) -> list[object]:
    proc = subprocess.run([sys.executable, "-m", "mentorlog", *args], env=env,
                          capture_output=True, text=True, timeout=120)
    return [proc.returncode, proc.stdout, proc.stderr]


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else b"/",
                                         p.lstat().st_mtime_ns)
            for p in sorted(folder.rglob("*"))}


# --- the corruptions ------------------------------------------------------------------------

_TOKEN = re.compile(rb'"(?:[^"\\\n]|\\.){1,80}"|-?\b\d{1,20}\b')


def _swapped(body: bytes) -> bytes | None:
    """Two different values of the same sort (strings, or numbers) swapped in place."""
    tokens = list(_TOKEN.finditer(body))
    for i, a in enumerate(tokens):
        for b in tokens[i + 1:i + 400]:
            same_sort = a.group().startswith(b'"') == b.group().startswith(b'"')
            if same_sort and a.group() != b.group():
                return (body[:a.start()] + b.group() + body[a.end():b.start()] + a.group()
                        + body[b.end():])
    return None


def corruptions(name: str, whole: bytes, others: dict[str, bytes]) -> dict[str, bytes]:
    """Every wrong content tried on the cache file `name` (whole: its good bytes)."""
    head, _, body = whole.partition(b"\n")
    rng = random.Random(name)
    other_name = rng.choice(sorted(others))
    other_body = others[other_name].partition(b"\n")[2]
    found = {
        "unchanged": whole,  # the driver gives what a process of its own gives
        "swapped values": head + b"\n" + (_swapped(body) or body[::-1]),
        f"body of {other_name}": head + b"\n" + other_body,
        f"all of {other_name}": others[other_name],
        "truncated": whole[:len(whole) // 2],
        "header only": head + b"\n",
        "garbage": bytes(rng.randrange(256) for _ in range(min(len(whole), 4096))),
        "empty": b"",
        "JSON of another shape": head + b'\n{"files": [1, 2], "kind": null}',
        "JSON without a header": b'[["2026-11-24.md", 1, 2, 3, 4, ["x"]]]',
        "a header like ours": json.dumps({"cache": name, "format": 1, "key": None,
                                          "sum": "0" * 32}).encode() + b"\n[]",
    }
    return found


# --- the test -------------------------------------------------------------------------------


def test_no_cache_content_changes_what_a_read_command_prints(tmp_path: Path) -> None:
    started = time.monotonic()
    home, cache = tmp_path / "home", tmp_path / "cache"
    built = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "generate.py"), "--home", str(home), "--years",
         "1"], env=_env(home, tmp_path / "build-cache", "2026-11-24T17:00:00+01:00"),
        capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    now = built.stdout.split("MENTORLOG_NOW=")[1].strip()
    hour_ago = time.time() - 3600  # files changed in the last two seconds are never cached
    for p in [home, *home.rglob("*")]:
        os.utime(p, (hour_ago, hour_ago))
    commands = read_commands(home)
    before = _snapshot(home)

    # Without a cache: the cache folder cannot be made (its parent is a file).
    (tmp_path / "not-a-folder").write_text("")
    no_cache = _env(home, tmp_path / "not-a-folder" / "cache", now)
    expected = {" ".join(c): _run(c, no_cache) for c in commands}
    assert [k for k, (code, _, _) in expected.items() if code != 0] == ["show 2030-01-01"]
    assert expected[f"log --grep {GREP_WORD}"][1].count("show ") >= 2  # found some

    # With the caches: built on the first run, used on the second.
    with_cache = _env(home, cache, now)
    for _ in range(2):
        assert {" ".join(c): _run(c, with_cache) for c in commands} == expected
    folder = next((cache / "mentorlog").iterdir())
    good = {p.name: p.read_bytes() for p in sorted(folder.iterdir())}
    assert {"meetings.meeting-facts-3.json", "front-matter-1.json", "tasks.toml.rows-1",
            "goals.toml.rows-1", "agreement.toml.json", "notes.log-search-1"} <= set(good)
    assert _snapshot(home) == before  # a read never writes in the data folder

    # Every cache file, every corruption: the driver below, one process per cache file.
    plan = tmp_path / "plan.json"
    for name, whole in good.items():
        others = {n: b for n, b in good.items() if n != name}
        tried = {label: data.decode("latin-1") for label, data in
                 corruptions(name, whole, others).items()}
        plan.write_text(json.dumps({"commands": commands, "file": str(folder / name),
                                    "tried": tried}))
        proc = subprocess.run([sys.executable, __file__, str(plan)], env=with_cache,
                              capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
        for label, results in json.loads(proc.stdout).items():
            for command, (code, out, err, crash) in results.items():
                assert crash is None, (name, label, command, crash)
                assert [code, out, err] == expected[command], (name, label, command)
                assert "Traceback" not in err
        for p in folder.iterdir():  # the next file is tried with every other cache good
            if p.name not in good:
                p.unlink()
        for n, b in good.items():
            (folder / n).write_bytes(b)

    assert _snapshot(home) == before
    assert not [p for p in home.rglob("*") if "cache" in p.name.lower()]
    print(f"{len(good)} cache files, {time.monotonic() - started:.1f} s")


# --- the driver: python tests/test_cache_safety.py PLAN -------------------------------------


def _drive(plan_path: str) -> None:
    """For each corruption in the plan: every command, the cache file rewritten before each.
    Prints {label: {command: [exit code, stdout, stderr, exception or None]}} as JSON."""
    from typer.testing import CliRunner

    from mentorlog.cli import app

    plan = json.loads(Path(plan_path).read_text())
    target = Path(plan["file"])
    runner = CliRunner()
    report: dict[str, dict[str, list[object]]] = {}
    for label, text in plan["tried"].items():
        results = report[label] = {}
        for command in plan["commands"]:
            target.write_bytes(text.encode("latin-1"))
            result = runner.invoke(app, command, catch_exceptions=True)
            crash = None
            if result.exception is not None and not isinstance(result.exception, SystemExit):
                crash = repr(result.exception)
            results[" ".join(command)] = [result.exit_code, result.stdout, result.stderr, crash]
    sys.stdout.write(json.dumps(report))


if __name__ == "__main__":
    _drive(sys.argv[1])
