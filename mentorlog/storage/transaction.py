"""All or nothing across files: what a command writes while it holds the writer lock lands
whole, or not at all — a rollback journal, as SQLite keeps one.

Before a data file is first changed under the lock, its old version is kept beside it (a
hard link to it, or a copy where links are not supported: `.~NAME.xxxxxxxx.kept`) and the
file is listed in `.journal` in the data folder, which is written atomically (temp file,
fsync, rename, fsync of the folder) before the file changes. When the lock's block ends
normally, the journal is removed — the commit point — and the kept versions are deleted.
When it ends with an error (a full disk, a failing disk, Ctrl-C, a refusal), every changed
file is put back from its kept version and every new file is removed, so the data folder is
byte-identical. A process killed halfway leaves the journal behind: the next command that
opens the data folder puts the files back the same way before it reads anything, and
`mentorlog check` says that it did (docs/reliability.md).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from mentorlog.core.errors import MentorlogError
from mentorlog.storage.files import (
    KEPT_SUFFIX,
    fsync_folder,
    os_problem,
    replace_atomically,
    temp_path,
    unlink_quietly,
)

JOURNAL = ".journal"


class Transaction:
    """The files changed under one hold of the writer lock, with their kept versions."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.entries: list[tuple[str, str | None]] = []  # (file, its kept version or None)
        self._seen: set[str] = set()

    def before_change(self, rel: str, path: Path) -> None:
        """Keep the old version of `path` and list it in the journal, once per file."""
        if rel in self._seen:
            return
        kept: str | None = None
        if os.path.lexists(path):
            backup = temp_path(path, KEPT_SUFFIX)
            _keep(path, backup)
            kept = backup.relative_to(self.root).as_posix()
        self.entries.append((rel, kept))
        try:
            self._write_journal(path)
        except BaseException:
            self.entries.pop()
            if kept is not None:
                unlink_quietly(self.root / kept)
            raise
        self._seen.add(rel)

    def _write_journal(self, changing: Path) -> None:
        """The journal, written before `changing` changes (an error names that file)."""
        data = json.dumps({"journal": 1, "files": self.entries}).encode()
        replace_atomically(self.root / JOURNAL, data, named=changing)

    def commit(self) -> None:
        """The changes stay: remove the journal (the commit point), then the kept versions."""
        if not self.entries:
            return
        journal = self.root / JOURNAL
        try:
            os.unlink(journal)
        except FileNotFoundError:
            pass
        except OSError as e:
            raise os_problem(journal, e, "finish writing") from None
        fsync_folder(self.root)
        for _, kept in self.entries:
            if kept is not None:
                unlink_quietly(self.root / kept)

    def rollback(self) -> None:
        """Put every changed file back as it was; the journal goes last."""
        if self.entries:
            put_back(self.root, self.entries)


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


def put_back(root: Path, entries: list[tuple[str, str | None]]) -> None:
    """Undo a transaction: newest change first, each file back to its kept version (a file
    that did not exist is removed), then the journal is removed. Safe to run again after a
    crash in the middle: a version already put back is no longer there to move."""
    folders = {root}
    for rel, kept in reversed(entries):
        path = root / rel
        folders.add(path.parent)
        try:
            if kept is None:
                os.unlink(path)
            elif _same_file(root / kept, path):
                os.unlink(root / kept)  # never changed: renaming a link onto itself does nothing
            else:
                os.replace(root / kept, path)
        except FileNotFoundError:
            pass  # put back already (or never written)
        except OSError as e:
            raise os_problem(path, e, "put back") from None
    for folder in folders:
        fsync_folder(folder)
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
    """True when a transaction was interrupted here (its journal is still there)."""
    return os.path.lexists(root / JOURNAL)


def recover(root: Path) -> int:
    """Undo an interrupted transaction (call it with the lock held); how many files it put
    back. A journal that cannot be read is an error: nothing is touched."""
    journal = root / JOURNAL
    try:
        data = json.loads(journal.read_bytes())
        entries = [(str(rel), None if kept is None else str(kept))
                   for rel, kept in data["files"]]
    except FileNotFoundError:
        return 0
    except (OSError, ValueError, TypeError, KeyError) as e:
        raise MentorlogError(
            f"{journal} records an interrupted change but cannot be read ({e}); "
            "move it away to use the journal as it is"
        ) from None
    for rel, kept in entries:  # never outside the data folder, whatever the file says
        for name in (rel, kept):
            if name is not None and (name.startswith("/") or ".." in name.split("/")):
                raise MentorlogError(f"{journal} names {name!r}, outside the data folder")
    put_back(root, entries)
    return len(entries)
