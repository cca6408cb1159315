"""Commands that change several files, run for real: the journal they start from, what an
uninterrupted run leaves, and two runners used inside child processes.

    python -m reliability.multifile ARGS...
        `mentorlog ARGS` with every change it makes in the data folder counted: each
        os.open(O_CREAT), os.write, os.fsync (files and folders), os.link, os.replace,
        os.unlink and os.mkdir of a path inside $MENTORLOG_HOME (the lock file aside) is a
        step. MENTORLOG_STEP_LOG=FILE appends one line per step ("replace .~tasks.toml.*.tmp
        -> tasks.toml"); MENTORLOG_STEP_KILL=N makes the process SIGKILL itself right before
        step N: a crash at exactly that point of a transaction.

    python -m reliability.multifile --full-disk SPEC.json
        run inside a private mount namespace (tests/reliability/test_transactions.py): a
        small tmpfs is mounted, and for each level the starting journal is copied onto it, a
        filler file leaves exactly that many free 4 KiB pages, and the command runs; what it
        printed and every data file are pickled for the test to judge.
"""

from __future__ import annotations

import errno
import json
import os
import pickle
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests"
FAULTS = TESTS / "reliability" / "faults"
NOW = "2026-11-24T17:00:00+01:00"  # tests/conftest.py NOW: every run is the same run
PAGE = 4096
LOCK = ".lock"
JOURNAL = ".journal"


# --- the commands ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Command:
    """A command that writes under the lock, and the files it changes, in the order written.

    `writes` are replaced or created (each one a target of the fault hook's
    `replace:KILL:NAME`); `removes` are deleted. An uninterrupted run must change exactly
    these files (checked against the reference run)."""

    name: str
    argv: tuple[str, ...]
    writes: tuple[str, ...]
    removes: tuple[str, ...] = ()
    env: dict[str, str] = field(default_factory=dict)
    # stderr lines a run may print before its `Error:` line (not errors)
    notices: tuple[str, ...] = ()

    def args(self, lab: Path) -> list[str]:
        return [a.format(lab=lab) for a in self.argv]

    @property
    def changes(self) -> set[str]:
        return {*self.writes, *self.removes}


JRNL_ENTRIES = [
    {"date": "2026-11-01", "time": "09:00", "title": "Talk idea!", "body": "About tests.",
     "tags": ["@talks"], "starred": False},
    {"date": "2026-11-02", "time": "10:30", "title": "Paired with Sam.", "body": "Parser.",
     "tags": ["@work"], "starred": True},
    {"date": "2026-11-03", "time": "21:00", "title": "Quiet day.", "body": "",
     "tags": [], "starred": False},
]

COMMANDS: list[Command] = [
    Command(
        "week",
        ("week", "--no-input", "--task-status", "done", "--next-task", "Write the parser tests",
         "--went-well", "shipped the fix", "--could-improve", "smaller PRs",
         "--mentor-watch", "good first issues", "--answer", "q1=split it into commits",
         "--goal", "g1=halfway there", "--notes", "a good hour"),
        writes=("goals.toml", "tasks.toml", "questions.toml", "opportunities.toml",
                "meetings/2026-11-24.md"),
    ),
    Command(
        "goals-review",
        ("goals", "review", "--no-input", "--set", "g1=done: merged", "--went-well",
         "kept the rhythm", "--next30", "Review a PR", "--next60", "Write a design doc"),
        writes=("goals.toml", "reviews/2026-11-24.md"),
    ),
    Command(
        "init-force",
        ("init", "--no-input", "--force", "--mentor", "Grace Hopper",
         "--mentor-contact", "grace@example.org", "--tz", "Europe/Berlin",
         "--mentor-tz", "America/New_York", "--focus", "career", "--success", "a talk given",
         "--hours", "2", "--slot", "Wed 17:00", "--duration", "45",
         "--goal30", "Ship two PRs", "--goal60", "Give a lightning talk",
         "--first-task", "Read the style guide"),
        writes=("goals.toml", "tasks.toml", "agreement.toml"),
        removes=("drafts/init.toml",),
    ),
    Command(
        "end",
        ("end", "--no-input", "--went-well", "weekly rhythm", "--could-improve",
         "more pairing", "--next", "mentor others"),
        writes=("retrospective.md",),
    ),
    Command(
        "import-jrnl",
        ("import", "jrnl", "{lab}/jrnl.json"),
        writes=("notes/2026-11-01-talk-idea.md", "notes/2026-11-02-paired-with-sam.md",
                "notes/2026-11-03-quiet-day.md"),
    ),
    Command(
        "skip",
        ("skip", "--reason", "I'm ill", "--moved-to", "2026-12-03 18:00"),
        writes=("meetings/2026-12-01.md",),
    ),
    Command(
        "gap-add",
        ("gap", "add", "2027-07-01..2027-07-14", "summer vacation"),
        writes=("agreement.toml",),
    ),
    Command(
        "task-set-replace",
        ("task", "set", "--replace", "Write the parser tests"),
        writes=("tasks.toml",),
    ),
    Command(  # a note recovered from the editor's draft: the note saved, the draft removed
        "note-edit",
        ("note", "--edit", "--tag", "recovered"),
        writes=("notes/2026-11-24-what-i-learned-about-reviews.md",),
        removes=("drafts/note.md",),
        env={"VISUAL": "true"},
        notices=("Recovered an unsaved note from ",),
    ),
    Command(  # an edit kept in the draft (the editor was closed by a crash), saved now
        "agreement-edit",
        ("agreement", "edit"),
        writes=("agreement.toml",),
        removes=("drafts/agreement.toml",),
        env={"VISUAL": "true"},
    ),
]


def command(name: str) -> Command:
    return next(c for c in COMMANDS if c.name == name)


# --- processes -------------------------------------------------------------------------------


def child_env(home: Path, xdg: Path, *, fault: str | None = None,
              **extra: str) -> dict[str, str]:
    """A child's environment: its own data, cache and settings folders, the pinned clock,
    nothing of the caller's MENTORLOG_* settings or editor."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("MENTORLOG_") and k not in ("VISUAL", "EDITOR")}
    path = [str(ROOT), str(TESTS)]
    if fault:
        path.insert(0, str(FAULTS))
        env["MENTORLOG_FAULT"] = fault
    env.update(
        PYTHONPATH=os.pathsep.join(path), MENTORLOG_HOME=str(home), MENTORLOG_NOW=NOW,
        XDG_CACHE_HOME=str(xdg / "cache"), XDG_CONFIG_HOME=str(xdg / "config"),
        HOME=str(xdg / "user"), NO_COLOR="1", COLUMNS="100",
    )
    env.update(extra)
    return env


def argv(args: list[str], steps: bool = False) -> list[str]:
    module = "reliability.multifile" if steps else "mentorlog"
    return [sys.executable, "-m", module, *args]


def run(args: list[str], env: dict[str, str], steps: bool = False,
        timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """A real process (generous timeout: other test runs share the machine)."""
    return subprocess.run(argv(args, steps), env=env, capture_output=True, text=True,
                          errors="replace", timeout=timeout, stdin=subprocess.DEVNULL)


def start(args: list[str], env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(argv(args), env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            errors="replace")


# --- files -----------------------------------------------------------------------------------


def data_files(folder: Path) -> dict[str, bytes]:
    """Every file below `folder` but the lock: its bytes, by relative path."""
    files: dict[str, bytes] = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames.sort()
        for name in filenames:
            path = Path(dirpath) / name
            rel = path.relative_to(folder).as_posix()
            if name == LOCK:
                continue
            if path.is_symlink():
                files[rel] = b"<link> " + os.fsencode(os.readlink(path))
            else:
                files[rel] = path.read_bytes()
    return files


def is_leftover(rel: str) -> bool:
    name = rel.rpartition("/")[2]
    return name == JOURNAL or name.startswith(".~")


def user_files(folder: Path) -> dict[str, bytes]:
    """The data files without the journal and the `.~*` temp and kept files."""
    return {rel: data for rel, data in data_files(folder).items() if not is_leftover(rel)}


def leftovers(folder: Path) -> list[str]:
    """The journal and any `.~*` temp or kept file (anywhere below `folder`)."""
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")
                  if p.name == JOURNAL or p.name.startswith(".~"))


def empty_folders(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")
                  if p.is_dir() and not p.is_symlink() and not any(p.iterdir()))


def differences(state: dict[str, bytes], want: dict[str, bytes]) -> list[str]:
    """What differs from `want`, file by file (for failure messages)."""
    out = []
    for rel in sorted(set(state) | set(want)):
        if rel not in want:
            out.append(f"+{rel}")
        elif rel not in state:
            out.append(f"-{rel}")
        elif state[rel] != want[rel]:
            out.append(f"~{rel}")
    return out


def tail(text: str, lines: int = 6) -> str:
    """The end of a child's stderr (a traceback's last lines say what went wrong)."""
    return "\n".join(text.strip().splitlines()[-lines:])


def copy_journal(source: Path, target: Path) -> None:
    shutil.copytree(source, target, symlinks=True)


# --- the lab: the starting journal and each command's uninterrupted result ------------------


class Lab:
    """One starting journal for every command; each command's reference run made once."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.base = root / "base"
        self._runs = 0
        self.after: dict[str, dict[str, bytes]] = {}
        self.run_time: dict[str, float] = {}
        self.steps: dict[str, list[str]] = {}
        self._build()
        self.before = data_files(self.base)

    def fresh(self, label: str) -> tuple[Path, Path]:
        """A new folder holding (a copy of the starting journal's path, its xdg folder)."""
        self._runs += 1
        folder = self.root / "runs" / f"{self._runs:05d}-{label}"
        folder.mkdir(parents=True)
        return folder / "home", folder / "xdg"

    def copy(self, label: str) -> tuple[Path, Path]:
        home, xdg = self.fresh(label)
        copy_journal(self.base, home)
        return home, xdg

    def env(self, c: Command | None, home: Path, xdg: Path, **extra: str) -> dict[str, str]:
        return child_env(home, xdg, **(c.env if c else {}), **extra)

    def _build(self) -> None:
        """The journal every run starts from: the conftest agreement, a parked question, a
        note, and the drafts the editor and `init` keep (so removing one is part of it)."""
        from conftest import INIT_ARGS

        (self.root / "jrnl.json").write_text(json.dumps({"tags": {}, "entries": JRNL_ENTRIES}))
        home, xdg = self.base, self.root / "base-xdg"
        env = child_env(home, xdg)
        for args in (INIT_ARGS, ["ask", "How do I review a big PR?"],
                     ["note", "Paired with Sam on the parser", "--tag", "pairing"]):
            done = run(list(args), env)
            assert done.returncode == 0, f"mentorlog {args[0]}: {tail(done.stderr)}"
        drafts = home / "drafts"
        drafts.mkdir(mode=0o700)
        agreement = (home / "agreement.toml").read_text()
        assert "Ada Lovelace" in agreement
        for name, text in {
            "init.toml": 'schema_version = 1\nmentor = "Half Done"\n',
            "note.md": "What I learned about reviews\n\nSmall PRs get read.\n",
            "agreement.toml": agreement.replace("Ada Lovelace", "Ada King"),
        }.items():
            (drafts / name).write_text(text)
            (drafts / name).chmod(0o600)
        shutil.rmtree(self.root / "base-xdg")

    def reference(self, c: Command) -> dict[str, bytes]:
        """The data files after an uninterrupted run (made once, timed, steps counted)."""
        if c.name not in self.after:
            home, xdg = self.copy(f"{c.name}-reference")
            env = self.env(c, home, xdg)
            started = time.monotonic()
            done = run(c.args(self.root), env)
            self.run_time[c.name] = time.monotonic() - started
            assert done.returncode == 0, f"{c.name}: {tail(done.stderr)}"
            after = data_files(home)
            changed = {rel for rel in set(after) | set(self.before)
                       if after.get(rel) != self.before.get(rel)}
            assert changed == c.changes, (c.name, sorted(changed))
            assert leftovers(home) == [], leftovers(home)
            self.after[c.name] = after
            # the same run counting its steps, in another copy: it must end the same
            home, xdg = self.copy(f"{c.name}-steps")
            log = home.parent / "steps.log"
            done = run(c.args(self.root), self.env(c, home, xdg, MENTORLOG_STEP_LOG=str(log)),
                       steps=True)
            assert done.returncode == 0, f"{c.name}, counting steps: {tail(done.stderr)}"
            assert data_files(home) == after, (c.name, "not deterministic",
                                               differences(data_files(home), after))
            self.steps[c.name] = log.read_text().splitlines()
        return self.after[c.name]


# --- inside a child: the step counter ---------------------------------------------------------

_HEX = re.compile(r"\.[0-9a-f]{8}\.(tmp|kept)$")


def _install_steps(home: str, kill_at: int | None, log: str | None) -> None:
    roots = {os.path.abspath(home), os.path.realpath(home)}
    real = {name: getattr(os, name) for name in
            ("open", "write", "fsync", "link", "replace", "rename", "unlink", "remove", "mkdir")}
    log_fd = real["open"](log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600) if log else None
    count = 0

    def rel(path: object) -> str | None:
        if isinstance(path, int):
            return None
        text = os.path.abspath(os.fsdecode(path))  # type: ignore[arg-type]
        for r in roots:
            if text == r:
                return "."
            if text.startswith(r + os.sep):
                name = text[len(r) + 1:]
                return None if os.path.basename(name) == LOCK else _HEX.sub(r".*.\1", name)
        return None

    def fd_rel(fd: int) -> str | None:
        try:
            return rel(os.readlink(f"/proc/self/fd/{fd}"))
        except OSError:
            return None

    def step(what: str) -> None:
        nonlocal count
        count += 1
        if log_fd is not None:
            real["write"](log_fd, f"{what}\n".encode())
        if count == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)

    def open_(path, flags, *args, **kwargs):  # type: ignore[no-untyped-def]
        if flags & os.O_CREAT and (r := rel(path)) is not None and not os.path.lexists(path):
            step(f"create {r}")
        return real["open"](path, flags, *args, **kwargs)

    def write(fd, data):  # type: ignore[no-untyped-def]
        if (r := fd_rel(fd)) is not None:
            step(f"write {r}")
        return real["write"](fd, data)

    def fsync(fd):  # type: ignore[no-untyped-def]
        fd_number = fd if isinstance(fd, int) else fd.fileno()
        if (r := fd_rel(fd_number)) is not None:
            step(f"fsync {r}")
        return real["fsync"](fd)

    def two(name: str):  # type: ignore[no-untyped-def]
        def wrapped(src, dst, *args, **kwargs):  # type: ignore[no-untyped-def]
            a, b = rel(src), rel(dst)
            if a is not None or b is not None:
                step(f"{name} {a} -> {b}")
            return real[name](src, dst, *args, **kwargs)
        return wrapped

    def one(name: str, label: str):  # type: ignore[no-untyped-def]
        def wrapped(path, *args, **kwargs):  # type: ignore[no-untyped-def]
            if (r := rel(path)) is not None:
                step(f"{label} {r}")
            return real[name](path, *args, **kwargs)
        return wrapped

    os.open = open_
    os.write = write
    os.fsync = fsync
    os.link = two("link")
    os.replace = two("replace")
    os.rename = two("rename")
    os.unlink = one("unlink", "unlink")
    os.remove = one("remove", "unlink")
    os.mkdir = one("mkdir", "mkdir")


def _run_mentorlog(args: list[str]) -> None:
    import runpy

    kill = os.environ.pop("MENTORLOG_STEP_KILL", "")
    log = os.environ.pop("MENTORLOG_STEP_LOG", "")
    _install_steps(os.environ["MENTORLOG_HOME"], int(kill) if kill else None, log or None)
    sys.argv = [sys.argv[0], *args]
    runpy.run_module("mentorlog", run_name="__main__", alter_sys=True)


# --- inside a private mount namespace: a full disk ---------------------------------------------


def free_pages(folder: Path) -> int:
    info = os.statvfs(folder)
    return info.f_bavail * info.f_frsize // PAGE


def fill(fs: Path, filler: Path, pages: int) -> None:
    """Grow `filler` until the file system is full, then shrink it until exactly `pages`
    pages are free."""
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        chunk = b"\xff" * PAGE
        while True:
            try:
                if os.write(fd, chunk) < PAGE:
                    break
            except OSError as e:
                if e.errno not in (errno.ENOSPC, errno.EFBIG):
                    raise
                break
        size = os.fstat(fd).st_size // PAGE * PAGE
        os.ftruncate(fd, size)
        for _ in range(10 * (pages + 2)):
            free = free_pages(fs)
            if free == pages:
                return
            size += (free - pages) * PAGE
            assert size >= 0, "the journal alone does not fit in the file system"
            if free < pages:
                os.ftruncate(fd, size)
            else:
                os.lseek(fd, 0, os.SEEK_END)
                for _ in range(free - pages):
                    os.write(fd, chunk)
            size = os.fstat(fd).st_size
        raise AssertionError(f"could not leave exactly {pages} pages free (have {free_pages(fs)})")
    finally:
        os.close(fd)


def _full_disk(spec_path: str) -> None:
    spec = json.loads(Path(spec_path).read_text())
    fs = Path(spec["fs"])
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={spec['size']},mode=0700", "tmpfs",
                    str(fs)], check=True)
    home, filler = fs / "home", fs / "filler"
    results = []
    for level in spec["levels"]:
        xdg = Path(spec["xdg"]) / f"level-{level}"  # a cache of its own for each copy
        env = {**spec["env"], "MENTORLOG_HOME": str(home), "XDG_CACHE_HOME": str(xdg / "cache"),
               "XDG_CONFIG_HOME": str(xdg / "config")}
        shutil.rmtree(home, ignore_errors=True)
        if filler.exists():
            filler.unlink()
        copy_journal(Path(spec["base"]), home)
        fill(fs, filler, level)
        assert free_pages(fs) == level
        done = subprocess.run(argv(spec["argv"]), env=env, capture_output=True, text=True,
                              errors="replace", timeout=300, stdin=subprocess.DEVNULL)
        result = {"level": level, "rc": done.returncode, "stdout": done.stdout,
                  "stderr": done.stderr, "files": data_files(home),
                  "leftovers": leftovers(home), "empty_folders": empty_folders(home),
                  "free_after": free_pages(fs)}
        if result["leftovers"]:  # the next command, with room to spare, must finish the job
            filler.unlink()
            nxt = subprocess.run(argv(spec["next"]), env=env, capture_output=True, text=True,
                                 errors="replace", timeout=300, stdin=subprocess.DEVNULL)
            result["next"] = {"rc": nxt.returncode, "stderr": nxt.stderr,
                              "files": data_files(home), "leftovers": leftovers(home)}
        results.append(result)
    with open(spec["out"], "wb") as f:
        pickle.dump(results, f)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--full-disk"]:
        _full_disk(sys.argv[2])
    else:
        _run_mentorlog(sys.argv[1:])
