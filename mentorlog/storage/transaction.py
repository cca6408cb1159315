"""All or nothing across files: what a command writes while it holds the writer lock lands
whole, or not at all — a rollback journal, as SQLite keeps one.

Before a data file first changes under the lock, it is listed in `.journal` in the data
folder (written atomically: temp file, fsync, rename, fsync of the folder), then its old
version is kept beside it (a hard link, or a copy where links are not supported:
`.~NAME.xxxxxxxx.kept`); a folder the command creates is listed too. When the lock's block
ends normally, the journal is rewritten as done — the commit point — and the kept versions
and then the journal are removed. When it ends with an error (a full disk, a failing disk,
Ctrl-C, a refusal), every changed file is put back from its kept version, every new file
and folder is removed, and the data folder is byte-identical. A process killed halfway
leaves the journal behind: the next command that opens the data folder takes the lock,
undoes (or, when the journal says done, finishes) the change and sweeps what the killed
process left, before it reads anything; `mentorlog check` says that it did
(docs/reliability.md).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from mentorlog.core.errors import MentorlogError
from mentorlog.storage.files import (
    KEPT_SUFFIX,
    TMP_PREFIX,
    fsync_folder,
    os_problem,
    replace_atomically,
    temp_path,
    unlink_quietly,
)

JOURNAL = ".journal"
GIT_HEAD = "git:HEAD"  # an entry (GIT_HEAD, commit): git may change the files from here on
Entry = tuple[str, str | None]  # (a file, its kept version), ("folder/", None) or GIT_HEAD


class Transaction:
    """The files changed under one hold of the writer lock, with their kept versions."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.entries: list[Entry] = []
        self._seen: set[str] = set()

    def before_change(self, rel: str, path: Path, new_folders: list[Path],
                      doing: str = "write") -> None:
        """List `path` (and the folders about to be made for it) in the journal, then keep
        its old version; once per file."""
        if rel in self._seen:
            return
        added: list[Entry] = [(f"{p.relative_to(self.root).as_posix()}/", None)
                              for p in new_folders]
        backup = temp_path(path, KEPT_SUFFIX) if os.path.lexists(path) else None
        kept = backup.relative_to(self.root).as_posix() if backup is not None else None
        added.append((rel, kept))
        self.entries += added
        try:
            self._write_journal(path, doing)
            if backup is not None:
                _keep(path, backup)
        except BaseException:
            del self.entries[-len(added):]
            raise
        self._seen.add(rel)

    def before_git(self, head: str) -> None:
        """`sync` is about to let git change the data files (a merge): undoing this
        transaction resets them to commit `head`, as they are now."""
        self.entries.append((GIT_HEAD, head))
        try:
            self._write_journal(self.root, "prepare the merge in")
        except BaseException:
            self.entries.pop()
            raise

    def _write_journal(self, changing: Path, doing: str = "write", done: bool = False) -> None:
        """The journal, written before `changing` changes (an error names that file)."""
        data = json.dumps({"journal": 1, "done": done, "files": self.entries}).encode()
        replace_atomically(self.root / JOURNAL, data, named=changing, doing=doing)

    def commit(self) -> None:
        """The changes stay: the journal says done (the commit point), then the kept
        versions go, then the journal."""
        if not self.entries:
            return
        self._write_journal(self.root / JOURNAL, "finish writing", done=True)
        try:  # committed: from here on nothing is undone
            finish(self.root, self.entries)
        except MentorlogError:
            pass  # the journal says done: the next command finishes the tidying

    def rollback(self) -> None:
        """Put every changed file back as it was; the journal goes last."""
        if self.entries:
            put_back(self.root, self.entries)
            remove_journal(self.root)


def _keep(path: Path, backup: Path) -> None:
    """`backup` holds what `path` holds now: a hard link (a write renames a new file over
    `path`, so the link keeps the old one), or a flushed copy where links are refused."""
    try:
        os.link(path, backup, follow_symlinks=False)
    except OSError:
        try:
            shutil.copy2(path, backup, follow_symlinks=False)
            fd = os.open(backup, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError as e:
            unlink_quietly(backup)
            raise os_problem(path, e, "keep the old version of") from None
    fsync_folder(backup.parent)


def put_back(root: Path, entries: list[Entry]) -> None:
    """Undo a transaction: newest change first, each file back to its kept version, a file
    or folder that did not exist removed. Safe to run again after a crash in the middle: a
    version already put back is no longer there to move."""
    folders = {root}
    for rel, kept in reversed(entries):
        path = root / rel
        folders.add(path.parent)
        if rel == GIT_HEAD and kept is not None:
            _git_back(root, kept)
            continue
        try:
            if rel.endswith("/"):
                path.rmdir()  # only if empty: whatever else is there stays
            elif kept is None:
                os.unlink(path)
            elif _same_file(root / kept, path):
                os.unlink(root / kept)  # never changed: renaming a link onto itself does nothing
            else:
                os.replace(root / kept, path)
        except FileNotFoundError:
            pass  # put back already (or never written)
        except OSError as e:
            if not rel.endswith("/"):
                raise os_problem(path, e, "put back") from None
    for folder in folders:
        if folder.is_dir():
            fsync_folder(folder)


def finish(root: Path, entries: list[Entry]) -> None:
    """After the commit point: the kept versions and the journal go."""
    _remove_kept(root, entries)
    remove_journal(root)


def _remove_kept(root: Path, entries: list[Entry]) -> None:
    for rel, kept in entries:
        if kept is not None and rel != GIT_HEAD:
            unlink_quietly(root / kept)


def remove_journal(root: Path) -> None:
    try:
        os.unlink(root / JOURNAL)
    except FileNotFoundError:
        pass
    except OSError as e:
        raise os_problem(root / JOURNAL, e, "remove") from None
    fsync_folder(root)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def pending(root: Path) -> bool:
    """True when a killed writer may have left something: a journal, or a temp file in the
    data folder itself (a change in a folder below it is always listed in a journal first)."""
    try:
        return any(name.startswith((TMP_PREFIX, JOURNAL)) for name in os.listdir(root))
    except OSError:
        return False


def recover(root: Path) -> tuple[int, list[Entry]]:
    """Undo (or finish, when it says done) the transaction a killed writer left; call it with
    the lock held. Returns how many files it put back, and the journal's entries: the caller
    sweeps temp files, then removes the journal (remove_journal), so a crash here is
    recovered again. A journal that cannot be read is an error: nothing is touched."""
    journal = root / JOURNAL
    try:
        data = json.loads(journal.read_bytes())
        entries: list[Entry] = [(str(rel), None if kept is None else str(kept))
                                for rel, kept in data["files"]]
        done = data.get("done") is True
    except FileNotFoundError:
        return 0, []
    except (OSError, ValueError, TypeError, KeyError, AttributeError) as e:
        raise MentorlogError(
            f"{journal} records an interrupted change but cannot be read ({e}); "
            "move it away to use the journal as it is"
        ) from None
    for rel, kept in entries:  # never outside the data folder, whatever the file says
        if rel == GIT_HEAD:
            if kept is None or not all(c in "0123456789abcdef" for c in kept):
                raise MentorlogError(f"{journal} names {kept!r} as a git commit")
            continue
        for name in (rel, kept):
            if name is not None and (name.startswith("/") or ".." in name.split("/")):
                raise MentorlogError(f"{journal} names {name!r}, outside the data folder")
    if done:
        _remove_kept(root, entries)
        return 0, entries
    put_back(root, entries)
    return sum(1 for rel, _ in entries if not rel.endswith("/")), entries


def _git_back(root: Path, head: str) -> None:
    """The data files as commit `head` holds them, after a git operation a killed `sync`
    left halfway: a merge in progress is aborted, the files tracked go back to `head`, and
    files the merge had begun to add go (sync commits everything before it merges, so no
    file of the mentee's is untracked then; ignored ones — conflicts/, drafts/ — stay)."""
    import subprocess

    if not (root / ".git").is_dir():
        return
    lock = root / ".git" / "index.lock"
    unlink_quietly(lock)  # left by the killed git: we hold the writer lock
    # files the merge began to add go first: that frees room for git to reset the others
    for args in (["merge", "--abort"], ["clean", "-fdq"], ["reset", "-q", "--hard", head],
                 ["clean", "-fdq"]):
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True,
                              text=True, check=False, stdin=subprocess.DEVNULL)
        if done.returncode and args[0] != "merge":  # no merge to abort is fine
            # the journal stays: the next command tries again (with room on the disk)
            raise MentorlogError(f"could not put back the files git changed in {root}: "
                                 f"git {args[0]}: {done.stderr.strip() or done.returncode}")
