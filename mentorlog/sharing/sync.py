"""Keeping the data folder in git: commit what changed, merge the other machine's, push.

The folder becomes an ordinary git repository; `.gitattributes` routes every TOML file
through mentorlog's record-level merge driver, so records added or changed on two machines
merge one by one. What both machines changed differently never leaves a broken file and is
never lost (docs/sharing.md):

- a TOML value changed on both sides: the live file keeps this machine's value and the other
  machine's record (or value) is set aside in `conflicts/` (sharing/aside.py);
- a note or meeting changed on both sides: this machine's stays, the other one is set aside;
- two notes of the same name added on both sides: both stay, the other one under a free name;
- two meetings recorded for the same date: this machine's stays with the task it set, the
  other one is set aside with its task (one meeting a day names one next task);
- a file deleted on one side and changed on the other: the changed one stays;
- the same text encrypted on both sides (two different age messages): the same value when
  the key opens them without asking (`_same_text`), as in git's merge driver.

The merge commit lists what it set aside (`Mentorlog-Conflict:` lines). When the other
machine takes that merge, its own version of each listed thing was replaced: it sets its
version aside in its own `conflicts/` too, so every edit stays either live or in a waiting
conflict on the machine that made it, and `sync` exits 1 on both machines until they are
settled (`mentorlog sync resolve`). `conflicts/` is never committed.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from mentorlog.core.errors import MentorlogError
from mentorlog.sharing import aside, relink
from mentorlog.sharing.merge import (
    ABSENT,
    Conflict,
    SameText,
    merge_toml,
    read_toml,
    read_unit,
    same,
    unit_get,
    unit_label,
)
from mentorlog.storage.conflicts import FOLDER
from mentorlog.storage.crypto import unattended
from mentorlog.storage.store import Store

BRANCH = "main"
# What never goes to the remote: the lock, the transaction journal and its kept versions,
# temp files, drafts being edited, and the conflict copies.
IGNORED = (".lock", ".journal", ".~*.tmp", ".~*.kept", "drafts/", f"{FOLDER}/")
GITIGNORE = "# written by mentorlog sync\n" + "".join(f"{line}\n" for line in IGNORED)
GITATTRIBUTES = "# mentorlog merges its TOML files record by record\n*.toml merge=mentorlog\n"
CONFLICTS = FOLDER  # storage/conflicts.py lists what waits there
TRAILER = "Mentorlog-Conflict: "


def _git(root: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    if not shutil.which("git"):
        raise MentorlogError("git is not installed (or not on PATH); 'mentorlog sync' needs it")
    result = subprocess.run(
        ["git", "-C", str(root), *args], capture_output=True, text=True, env=_env(), check=False
    )
    if check and result.returncode != 0:
        raise MentorlogError(f"git {args[0]} failed: {_detail(result)}")
    return result


def _env() -> dict[str, str]:
    return {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}


def _detail(result: subprocess.CompletedProcess[str]) -> str:
    lines = (result.stderr or result.stdout).strip().splitlines()
    # git's own first "fatal:"/"error:" line says what went wrong.
    said = [ln for ln in lines if ln.startswith(("fatal:", "error:"))] or lines[-1:]
    return said[0].split(":", 1)[-1].strip() if said else str(result.returncode)


def _blob(root: Path, spec: str) -> bytes | None:
    """The bytes of `REV:path` (or `:STAGE:path`), None when there is no such file."""
    result = subprocess.run(["git", "-C", str(root), "show", spec], capture_output=True,
                            env=_env(), check=False)
    return result.stdout if result.returncode == 0 else None


def _same_text() -> SameText | None:
    """How this sync compares two encrypted texts that differ: opened with a key that needs
    no passphrase, as git's merge driver does (sharing/merge_driver.py), so one text sealed
    on both machines is no conflict; None (compared as stored) without such a key."""
    keyring = unattended()
    return keyring.same if keyring is not None else None


def is_repository(root: Path) -> bool:
    return (root / ".git").is_dir()


def _ignore_private(store: Store) -> None:
    """`.gitignore` holds every line of IGNORED (missing ones are appended to an older
    file), and `conflicts/` leaves the index if an older mentorlog committed it. Call it
    with the lock held."""
    text = store.read_text(".gitignore")
    if text is None:
        store.write_text(".gitignore", GITIGNORE)
    else:
        have = {line.strip().lstrip("/") for line in text.splitlines()}
        missing = [line for line in IGNORED if line not in have and line.rstrip("/") not in have]
        if missing:
            start = "" if not text or text.endswith("\n") else "\n"
            store.write_text(".gitignore", text + start + "# added by mentorlog sync\n"
                             + "".join(f"{line}\n" for line in missing))
    if _git(store.root, "ls-files", "--", CONFLICTS).stdout.strip():
        _git(store.root, "rm", "-r", "-q", "--cached", "--", CONFLICTS)


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
        _ignore_private(store)
        if not store.exists(".gitattributes"):
            store.write_text(".gitattributes", GITATTRIBUTES)


def init(store: Store, remote: str | None, said: list[str] | None = None) -> list[str]:
    """Make the data folder a repository (idempotent) and, with a remote, join it; what
    it did, also appended to `said` as it goes."""
    said = [] if said is None else said
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
        sync(store, said)
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
        _ignore_private(store)
        _git(store.root, "add", "-A")
        status = _git(store.root, "status", "--porcelain").stdout
        if not status.strip():
            return None
        text = message or _summary(status, command)
        _git(store.root, "commit", "-q", "-m", text)
        return text


def sync(store: Store, said: list[str] | None = None) -> list[str]:
    """Commit, then merge the remote's changes and push. What changed differently on both
    machines is set aside in conflicts/ (never lost); the caller says what waits there.
    What it did, also appended to `said` as it goes (so it can be told after an error)."""
    if not is_repository(store.root):
        raise MentorlogError(
            f"{store.root} is not synced yet — run 'mentorlog sync --init [REMOTE]'"
        )
    said = [] if said is None else said
    problem: MentorlogError | None = None
    merging: list[bool] = []
    # Copies set aside must stay whatever happens next (a push that fails, say): the lock's
    # block ends normally, so they are saved, and the error is raised after it. An error
    # while git is merging (a full disk) is raised inside it: every file goes back.
    with store.lock():
        try:
            _sync(store, said, merging)
        except MentorlogError as e:
            if merging:
                raise
            problem = e
    if problem is not None:
        raise problem
    return said


def _sync(store: Store, said: list[str], merging: list[bool]) -> None:
    """What `sync` does under the lock; `merging` holds True while git has changed the files
    and the merge is not committed yet."""
    root = store.root
    if (root / ".git" / "MERGE_HEAD").exists():  # a sync killed halfway through a merge
        _git(root, "merge", "--abort", check=False)
        said.append("Undid a merge an earlier sync left unfinished.")
    _configure(store)
    message = commit(store)
    if message:
        said.append(f"Committed: {message.removeprefix('mentorlog: ')}.")
    if _git(root, "remote", "get-url", "origin", check=False).returncode != 0:
        said.append("No remote yet: add one with 'mentorlog sync --init REMOTE'.")
        return
    _git(root, "fetch", "-q", "origin")
    remote_ref = f"origin/{BRANCH}"
    same_text = _same_text()  # one key for the whole sync: each text is opened once
    if _git(root, "rev-parse", "--verify", "-q", remote_ref, check=False).returncode == 0:
        before = _git(root, "rev-parse", "HEAD").stdout.strip()
        said += _learn(store, before, remote_ref, same_text)
        if store.transaction is not None:  # killed from here on: the files go back to before
            store.transaction.before_git(before)
        merging.append(True)
        merged = _git(root, "merge", "-q", "--no-commit", "--no-edit",
                      "--allow-unrelated-histories", remote_ref, check=False)
        if (root / ".git" / "MERGE_HEAD").exists():
            specs, notes = _settle_merge(store, same_text)
            title = "mentorlog: merge" + (
                f", {len(specs)} conflict(s) set aside in {CONFLICTS}/" if specs else "")
            body = "\n".join(TRAILER + json.dumps(s, sort_keys=True, separators=(",", ":"))
                             for s in specs)
            _git(root, "commit", "-q", "--no-edit", "-m", title, *(["-m", body] if body else []))
            merging.clear()
            said += notes
            said.append("Merged the other machine's changes.")
        elif merged.returncode != 0:
            raise MentorlogError(f"git merge failed: {_detail(merged)}")
        else:
            merging.clear()
            if _git(root, "rev-parse", "HEAD").stdout.strip() != before:
                said.append("Took the other machine's changes.")
    settled = aside.settle_equal(store, same_text)
    if settled:
        said.append(f"Settled {len(settled)} conflict(s): the live journal now holds the "
                    "same version.")
    _git(root, "push", "-q", "-u", "origin", BRANCH)
    said.append("Pushed.")


# --- a merge with changes on both sides -----------------------------------------------------


def _unmerged(root: Path) -> dict[str, set[int]]:
    """Each path git left unmerged, with its stages (1 base, 2 this machine, 3 the other)."""
    stages: dict[str, set[int]] = {}
    for item in _git(root, "ls-files", "-u", "-z").stdout.split("\0"):
        meta, _, path = item.partition("\t")
        if path:
            stages.setdefault(path, set()).add(int(meta.split()[2]))
    return stages


def _settle_merge(store: Store, same_text: SameText | None
                  ) -> tuple[list[dict[str, Any]], list[str]]:
    """Finish the merge git started without losing either side: (what was set aside, as the
    commit message lists it; what to tell)."""
    root = store.root
    stages = _unmerged(root)
    specs: list[dict[str, Any]] = []
    notes: list[str] = []
    relinker = _relinker(root, "HEAD", "MERGE_HEAD", same_text)
    for path in sorted(p for p in stages if p.endswith(".toml")):
        _settle_toml(store, path, specs, notes, relinker)
    for path in sorted(p for p in stages if not p.endswith(".toml")):
        _settle_file(store, path, stages[path], specs, notes, relinker)
    notes += _relink(store, relinker)
    _git(root, "add", "-A")
    left = _unmerged(root)
    if left:
        raise MentorlogError(f"git left {', '.join(sorted(left))} unmerged; the merge is not "
                             f"committed: run 'git status' in {root}")
    return specs, notes


def _keep_changed(store: Store, path: str, ours_b: bytes | None,
                  theirs_b: bytes | None) -> None:
    """Deleted on one side, changed on the other: the changed one stays."""
    kept = ours_b if theirs_b is None else theirs_b
    if kept is not None:
        store.write_bytes(path, kept)


def _sides(root: Path, path: str) -> tuple[bytes | None, bytes | None, bytes | None]:
    return _blob(root, f":1:{path}"), _blob(root, f":2:{path}"), _blob(root, f":3:{path}")


def _set_aside(store: Store, notes: list[str], live: str, data: bytes, **how: Any) -> None:
    made = aside.set_aside(store, live, data, **how)
    if made:
        what = f"{live}: {unit_label(how['unit'])}" if how.get("unit") else live
        if how.get("copy_from") == "this":
            notes.append(f"Set aside {made}: this machine's version of {what}, replaced by a "
                         "merge made on the other machine.")
        else:
            notes.append(f"Set aside {made}: the other machine's version of {what}.")


def _settle_toml(store: Store, path: str, specs: list[dict[str, Any]],
                 notes: list[str], relinker: relink.Relinker) -> None:
    import tomli_w

    base_b, ours_b, theirs_b = _sides(store.root, path)
    if ours_b is None or theirs_b is None:
        _keep_changed(store, path, ours_b, theirs_b)
        return
    ours, theirs = read_toml(ours_b), read_toml(theirs_b)
    if ours is None or theirs is None:  # a version that does not read: keep both whole
        store.write_bytes(path, ours_b)
        _set_aside(store, notes, path, theirs_b, detail="one version does not read as TOML")
        specs.append({"live": path, "kind": "file"})
        return
    merged = merge_toml(read_toml(base_b), ours, theirs, relinker.same_text)
    store.write_text(path, tomli_w.dumps(merged.data))
    groups: dict[str, list[Conflict]] = {}
    for c in merged.conflicts:
        groups.setdefault(json.dumps(list(c.unit)), []).append(c)
    for group in groups.values():
        unit = group[0].unit
        value = unit_get(theirs, unit)
        if value is ABSENT:
            continue
        value = relinker.in_record(path, unit, value)
        detail = "; ".join(f"{c.path}: {_short(c.ours)} here, {_short(c.theirs)} there"
                           for c in group)
        data = aside.record_copy(path, unit, value, "other", detail)
        _set_aside(store, notes, path, data, kind="record", unit=unit, detail=detail)
        specs.append({"live": path, "kind": "record", "unit": list(unit)})


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 40 else text[:37] + "..."


def _settle_file(store: Store, path: str, stages: set[int], specs: list[dict[str, Any]],
                 notes: list[str], relinker: relink.Relinker) -> None:
    base_b, ours_b, theirs_b = _sides(store.root, path)
    if ours_b is None or theirs_b is None:
        _keep_changed(store, path, ours_b, theirs_b)
        return
    store.write_bytes(path, ours_b)  # this machine's version stays live
    folder, _, name = path.rpartition("/")
    if not folder and name.startswith("."):
        return  # .gitignore, .gitattributes: mentorlog writes them the same on every machine
    kind = folder.rpartition("/")[2]
    added_both = 1 not in stages
    if relinker.same_text is not None and relinker.in_document(path, theirs_b) == theirs_b \
            and aside.same_document(ours_b, theirs_b, relinker.same_text):
        return  # one entry sealed on both machines (two age messages of the same text)
    if added_both and kind == "notes" and name.endswith(".md"):
        other = store.new_doc_name(folder, name.removesuffix(".md"))
        store.write_bytes(other, theirs_b)
        notes.append(f"Kept both notes named {path}: the other machine's is now {other}.")
        return
    if added_both and kind == "meetings":
        task = _take_their_task(store, path, theirs_b, relinker)
        _set_aside(store, notes, path, relinker.in_document(path, theirs_b), kind="meeting",
                   task=_task_copy(relinker, path, task),
                   detail="a meeting recorded for the same date on both machines")
        specs.append({"live": path, "kind": "meeting"})
        return
    _set_aside(store, notes, path, relinker.in_document(path, theirs_b),
               detail="changed on both machines")
    specs.append({"live": path, "kind": "file"})


def _task_copy(relinker: relink.Relinker, meeting: str,
               task: dict[str, Any] | None) -> dict[str, Any] | None:
    """The task set aside with a meeting, under the id the meeting's copy names (the merge
    may have given it a new one), its `replaces` followed as well."""
    if task is None or not isinstance(task.get("id"), str):
        return task
    rel = _tasks_of(meeting)
    moved = relinker.renumbered(rel).get("tasks", {})
    unit = ("tasks", {"id": task["id"]})
    return {**relinker.in_record(rel, unit, task), "id": moved.get(task["id"], task["id"])}


def _front(data: bytes | None) -> dict[str, Any]:
    from mentorlog.storage.documents import parse_document

    if data is None:
        return {}
    try:
        return parse_document(data.decode("utf-8"), "meeting").meta
    except (UnicodeDecodeError, MentorlogError):
        return {}


def _tasks_of(meeting: str) -> str:
    return f"{meeting.rpartition('meetings/')[0]}tasks.toml"


def _task_record(root: Path, rev: str, meeting: str, data: bytes | None) -> dict[str, Any] | None:
    """The task a meeting's file (as of `rev`) says it set, from tasks.toml as of `rev`."""
    new = _front(data).get("new_task")
    tasks = read_toml(_blob(root, f"{rev}:{_tasks_of(meeting)}")) if new else None
    rows = tasks.get("tasks") if tasks else None
    if not isinstance(rows, list):
        return None
    return next((dict(r) for r in rows if isinstance(r, dict) and r.get("id") == new), None)


def _take_their_task(store: Store, path: str, theirs_b: bytes, relinker: relink.Relinker
                     ) -> dict[str, Any] | None:
    """Two meetings for one date: the other machine's one is set aside, and so is the task it
    set (out of the live tasks.toml, where the merge put it, maybe renumbered), so the live
    meeting's next task is the current one. The task, for the copy; None when there is none
    of its own."""
    import tomli_w

    root = store.root
    record = _task_record(root, "MERGE_HEAD", path, theirs_b)
    if record is None:
        return None
    rel, rid = _tasks_of(path), record["id"]
    base_b, ours_b, _ = relinker.sides(rel)
    base, ours = read_toml(base_b), read_toml(ours_b)
    if (base and unit_get(base, ("tasks", {"id": rid})) is not ABSENT) or (
            ours and unit_get(ours, ("tasks", {"id": rid})) == record):
        return None  # a task both machines share, not one this meeting alone set
    live_id = relinker.renumbered(rel).get("tasks", {}).get(rid, rid)
    live = read_toml(store.read_text(rel))
    rows = live.get("tasks") if live else None
    if live is None or not isinstance(rows, list):
        return record
    kept = [r for r in rows if not (isinstance(r, dict) and r.get("id") == live_id
                                    and {**r, "id": rid} == record)]
    if len(kept) != len(rows):
        store.write_text(rel, tomli_w.dumps({**live, "tasks": kept}))
    return record


def _relinker(root: Path, ours: str, theirs: str, same_text: SameText | None
              ) -> relink.Relinker:
    """What the merge of commit `theirs` into `ours` renumbered, and what names it."""
    found = _git(root, "merge-base", ours, theirs, check=False)
    base_rev = found.stdout.strip() if found.returncode == 0 else ""
    changed = _git(root, "diff", "--name-only", "--no-renames", "-z", ours, theirs)

    def sides(rel: str) -> relink.Sides:
        return (_blob(root, f"{base_rev}:{rel}") if base_rev else None,
                _blob(root, f"{ours}:{rel}"), _blob(root, f"{theirs}:{rel}"))

    return relink.Relinker(sides, [p for p in changed.stdout.split("\0") if p], same_text)


def _relink(store: Store, relinker: relink.Relinker) -> list[str]:
    """Every reference to the other machine's records the merge gave new ids made to follow
    (sharing/relink.py); what to tell."""
    relinker.run(store)
    notes = []
    for rel in sorted(p for p in relinker.changed if p.endswith(".toml")):
        moved = [f"{old} is now {new}" for lists in relinker.renumbered(rel).values()
                 for old, new in lists.items()]
        if moved:
            notes.append(f"Both machines added records under the same ids in {rel}: the "
                         f"other machine's {', '.join(moved)}, and what named them follows.")
    return notes


# --- learning of merges made on the other machine -------------------------------------------


def _learn(store: Store, before: str, remote_ref: str, same_text: SameText | None
           ) -> list[str]:
    """Before taking the remote's commits: for each conflict a merge among them set aside on
    the other machine where the version set aside was this machine's (its second parent is
    in our history), keep this machine's version in conflicts/ too — the merge replaces it
    here. What to tell."""
    root = store.root
    log = _git(root, "log", "--format=%H%x00%P%x00%B%x1e", f"{before}..{remote_ref}").stdout
    notes: list[str] = []
    for chunk in log.split("\x1e"):
        fields = chunk.strip("\n").split("\x00")
        if len(fields) != 3:
            continue
        parents, body = fields[1].split(), fields[2]
        specs = [line.removeprefix(TRAILER) for line in body.splitlines()
                 if line.startswith(TRAILER)]
        if len(parents) < 2 or not specs:
            continue
        side = parents[1]
        if _git(root, "merge-base", "--is-ancestor", side, before, check=False).returncode:
            continue  # not a version this machine had
        relinker = _relinker(root, parents[0], side, same_text)  # what it renumbered of ours
        for raw in specs:
            try:
                spec = json.loads(raw)
            except ValueError:
                continue
            if isinstance(spec, dict):
                _learn_one(store, spec, side, remote_ref, notes, relinker)
    return notes


def _learn_one(store: Store, spec: dict[str, Any], side: str, remote_ref: str,
               notes: list[str], relinker: relink.Relinker) -> None:
    """This machine's version of what the merge replaced, set aside as the merge numbered
    it: the ids that merge gave this machine's records are the ones the copy names."""
    root = store.root
    live, kind = spec.get("live"), spec.get("kind")
    if not isinstance(live, str) or not aside.inside(live) or kind not in aside.KINDS:
        return
    mine_b = _blob(root, f"{side}:{live}")
    if mine_b is None:
        return
    theirs_b = _blob(root, f"{remote_ref}:{live}")
    detail = "replaced by the other machine's version in a merge made there"
    if kind == "record":
        unit = read_unit(spec.get("unit"))
        mine = read_toml(mine_b)
        value = unit_get(mine, unit) if mine is not None and unit else ABSENT
        if unit is not None and value is not ABSENT:
            value = relinker.in_record(live, unit, value)
        theirs = read_toml(theirs_b)
        if unit is None or value is ABSENT or (theirs is not None and same(
                unit_get(theirs, unit), value, relinker.same_text)):
            return
        data = aside.record_copy(live, unit, value, "this", detail)
        _set_aside(store, notes, live, data, kind="record", copy_from="this", unit=unit,
                   detail=detail)
        return
    task = _task_record(root, side, live, mine_b) if kind == "meeting" else None
    mine_b = relinker.in_document(live, mine_b)
    if theirs_b == mine_b or (relinker.same_text is not None and theirs_b is not None
                              and aside.same_document(theirs_b, mine_b, relinker.same_text)):
        return
    _set_aside(store, notes, live, mine_b, kind=str(kind), copy_from="this",
               task=_task_copy(relinker, live, task), detail=detail)
