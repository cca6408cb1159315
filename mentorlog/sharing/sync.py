"""Keeping the data folder in git: commit what changed, merge the other machine's, push.

The folder becomes an ordinary git repository; `.gitattributes` routes every TOML file
through mentorlog's record-level merge driver, so tasks and goals added on two machines
merge cleanly. A real conflict never leaves a broken file: this machine's version (or the
merged one) stays in place and the other machine's version is kept in `conflicts/`.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

from mentorlog.core.errors import MentorlogError
from mentorlog.storage.conflicts import FOLDER
from mentorlog.storage.store import Store

BRANCH = "main"
GITIGNORE = "# written by mentorlog sync\n.lock\n.journal\n.~*.tmp\n.~*.kept\ndrafts/\n"
GITATTRIBUTES = "# mentorlog merges its TOML files record by record\n*.toml merge=mentorlog\n"
CONFLICTS = FOLDER  # storage/conflicts.py lists what waits there


def _git(root: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    if not shutil.which("git"):
        raise MentorlogError("git is not installed (or not on PATH); 'mentorlog sync' needs it")
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    result = subprocess.run(
        ["git", "-C", str(root), *args], capture_output=True, text=True, env=env, check=False
    )
    if check and result.returncode != 0:
        lines = (result.stderr or result.stdout).strip().splitlines()
        # git's own first "fatal:"/"error:" line says what went wrong.
        said = [ln for ln in lines if ln.startswith(("fatal:", "error:"))] or lines[-1:]
        detail = said[0].split(":", 1)[-1].strip() if said else str(result.returncode)
        raise MentorlogError(f"git {args[0]} failed: {detail}")
    return result


def is_repository(root: Path) -> bool:
    return (root / ".git").is_dir()


def _configure(store: Store) -> None:
    root = store.root
    driver = f"{shlex.quote(sys.executable)} -m mentorlog.sharing.merge_driver %O %A %B %P"
    _git(root, "config", "merge.mentorlog.name", "mentorlog record-by-record merge")
    _git(root, "config", "merge.mentorlog.driver", driver)
    if _git(root, "config", "user.email", check=False).returncode != 0:
        _git(root, "config", "user.email", "mentorlog@localhost")
    if _git(root, "config", "user.name", check=False).returncode != 0:
        _git(root, "config", "user.name", "mentorlog")
    with store.lock():
        if not store.exists(".gitignore"):
            store.write_text(".gitignore", GITIGNORE)
        if not store.exists(".gitattributes"):
            store.write_text(".gitattributes", GITATTRIBUTES)


def init(store: Store, remote: str | None) -> list[str]:
    """Make the data folder a repository (idempotent) and, with a remote, join it."""
    said = []
    store.ensure_root()
    if not is_repository(store.root):
        _git(store.root, "init", "-q", "-b", BRANCH)
        said.append(f"Made {store.root} a git repository.")
    _configure(store)
    commit(store, "mentorlog: start syncing")
    if remote:
        has_origin = _git(store.root, "remote", "get-url", "origin", check=False).returncode == 0
        _git(store.root, "remote", "set-url" if has_origin else "add", "origin", remote)
        said.append(f"Syncing with {remote}.")
        said += sync(store)
    return said


def _summary(porcelain: str, command: str = "") -> str:
    counts: Counter[str] = Counter()
    for line in porcelain.splitlines():
        state, path = line[:2], line[3:].strip().strip('"')
        verb = "added" if "?" in state or "A" in state else "removed" if "D" in state else "changed"
        folder, _, rest = path.partition("/")
        kind = folder.rstrip("s") if rest and folder in ("meetings", "notes", "reviews") else path
        counts[f"{kind} {verb}"] += 1
    parts = [
        f"{n} {k.split()[0]}s {k.split()[1]}" if n > 1 else k for k, n in sorted(counts.items())
    ]
    return f"mentorlog{' ' + command if command else ''}: " + ", ".join(parts)


def commit(store: Store, message: str | None = None, command: str = "") -> str | None:
    """Commit every change in the folder; the message says what changed (and which command
    changed it, when given). None if nothing changed."""
    with store.lock():
        _git(store.root, "add", "-A")
        status = _git(store.root, "status", "--porcelain").stdout
        if not status.strip():
            return None
        text = message or _summary(status, command)
        _git(store.root, "commit", "-q", "-m", text)
        return text


def sync(store: Store) -> list[str]:
    """Commit, then merge the remote's changes and push; conflicts keep both versions."""
    if not is_repository(store.root):
        raise MentorlogError(
            f"{store.root} is not synced yet — run 'mentorlog sync --init [REMOTE]'"
        )
    said = []
    conflicted: list[str] = []
    # The conflict copies are saved (the lock's block ends normally) before sync says so.
    with store.lock():
        _configure(store)
        message = commit(store)
        if message:
            said.append(f"Committed: {message.removeprefix('mentorlog: ')}.")
        if _git(store.root, "remote", "get-url", "origin", check=False).returncode != 0:
            said.append("No remote yet: add one with 'mentorlog sync --init REMOTE'.")
            return said
        _git(store.root, "fetch", "-q", "origin")
        remote_ref = f"origin/{BRANCH}"
        if _git(store.root, "rev-parse", "--verify", "-q", remote_ref, check=False).returncode == 0:
            merged = _git(
                store.root, "merge", "-q", "--no-edit", "--allow-unrelated-histories", remote_ref,
                check=False,
            )
            if merged.returncode != 0:
                conflicted = _keep_both(store)
            else:
                said.append("Merged the other machine's changes.")
        if not conflicted:
            _git(store.root, "push", "-q", "-u", "origin", BRANCH)
            said.append("Pushed.")
    if conflicted:
        raise MentorlogError(
            f"sync stopped: {len(conflicted)} file(s) changed on both machines "
            f"({', '.join(conflicted)}). This machine's version is in place and the other "
            f"one is kept in {store.root / CONFLICTS}/; merge them by hand, then run "
            "'mentorlog sync' again"
        )
    return said


def _keep_both(store: Store) -> list[str]:
    """Finish a conflicted merge without losing either side, and commit it."""
    root = store.root
    paths = _git(root, "diff", "--name-only", "--diff-filter=U").stdout.split()
    if not paths:
        _git(root, "merge", "--abort", check=False)
        raise MentorlogError(f"git merge failed without a conflict; run 'git status' in {root}")
    for path in paths:
        theirs = _git(root, "show", f":3:{path}", check=False)
        if theirs.returncode == 0:
            flat = path.replace("/", "__")
            store.write_text(f"{CONFLICTS}/{_safe(flat)}", theirs.stdout)
        if not path.endswith(".toml"):  # the merge driver already left the best TOML merge
            _git(root, "checkout", "--ours", "--", path)
        _git(root, "add", "--", path)
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "--no-edit", "-m", "mentorlog: merge, keeping both versions")
    return paths


def _safe(name: str) -> str:
    import re

    cleaned = re.sub(r"[^A-Za-z0-9._-]", "-", name).lstrip(".")
    return cleaned[:120] or "file"
