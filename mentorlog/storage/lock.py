"""The writer lock of a data folder: `.lock`, held with filelock (flock on Unix, LockFileEx
on Windows), re-entrant, with a bounded wait that names the process holding it.

filelock opens the lock file without following a link; a link, a hard link or anything but
a plain file at `.lock` is refused before and checked again after taking the lock (a hard
link would let a lock file's truncation reach someone else's file). A dead holder's lock
is released by the operating system, so only a live process can make a writer wait.
Who holds the lock (`pid N (mentorlog COMMAND)`) is written after taking it, in the data
folder's cache folder (filelock 3 truncates the lock file on every attempt, and the data
folder holds only the user's files and the lock): a waiting writer reads it for its
messages.
"""

from __future__ import annotations

import os
import stat
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from mentorlog.core.errors import MentorlogError
from mentorlog.storage.cache import Cache
from mentorlog.storage.files import os_problem

LOCK_NAME = ".lock"
DEFAULT_LOCK_TIMEOUT = 10.0
TELL_AFTER = 0.5  # seconds of waiting before "Waiting for ... to finish"
HOLDER_NOTE = "lock-holder"  # in the cache folder: `pid N (mentorlog COMMAND)`

if TYPE_CHECKING:
    from filelock import BaseFileLock


def timeout_seconds(value: float | None = None) -> float:
    """`value`, else MENTORLOG_LOCK_TIMEOUT, else 10 s; 0 to 86400 seconds."""
    if value is None:
        raw = os.environ.get("MENTORLOG_LOCK_TIMEOUT", "")
        try:
            value = float(raw) if raw else DEFAULT_LOCK_TIMEOUT
        except ValueError:
            raise MentorlogError(
                f"MENTORLOG_LOCK_TIMEOUT={raw!r} is not a number of seconds"
            ) from None
    if not 0 <= value <= 24 * 3600:  # also refuses nan, which would wait forever
        raise MentorlogError(f"MENTORLOG_LOCK_TIMEOUT={value!r}: expected 0 to 86400 seconds")
    return value


class WriterLock:
    """The exclusive lock on `path`, re-entrant within this object; the holder line is kept
    in `cache` (the data folder's cache folder)."""

    def __init__(self, path: Path, timeout: float, cache: Cache) -> None:
        self.path = path
        self.timeout = timeout
        self.cache = cache
        self._depth = 0

    @property
    def held(self) -> bool:
        return self._depth > 0

    @contextmanager
    def hold(self) -> Iterator[None]:
        """Hold the lock; waits up to `timeout` seconds for another writer to finish."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        from filelock import FileLock  # only writers pay for importing it

        self._refuse_odd_file()
        lock = FileLock(self.path, mode=0o600)
        self._acquire(lock)
        try:
            self._refuse_odd_file()  # planted while we waited
            try:
                if stat.S_IMODE(os.lstat(self.path).st_mode) != 0o600:
                    os.chmod(self.path, 0o600)
            except OSError as e:
                raise os_problem(self.path, e, "lock") from None
            self._write_note()
            self._depth = 1
            try:
                yield
            finally:
                self._depth = 0
                self.cache.remove(HOLDER_NOTE)
        finally:
            lock.release()

    def _acquire(self, lock: BaseFileLock) -> None:
        from filelock import Timeout

        started = time.monotonic()
        try:
            try:
                lock.acquire(timeout=min(self.timeout, TELL_AFTER), poll_interval=0.005)
                return
            except Timeout:
                if self.timeout <= TELL_AFTER:
                    raise
            sys.stderr.write(f"Waiting for {self._holder()} to finish...\n")
            sys.stderr.flush()
            left = max(0.0, self.timeout - (time.monotonic() - started))
            lock.acquire(timeout=left, poll_interval=0.05)
        except Timeout:
            raise MentorlogError(
                f"{self.path.parent} is locked by {self._holder()}; gave up after "
                f"{self.timeout:g} s (try again when it has finished)"
            ) from None
        except NotImplementedError:  # filelock 3 where flock is missing (some network shares)
            raise MentorlogError(
                f"could not lock {self.path}: the file system does not support file locks"
            ) from None
        except OSError as e:
            raise os_problem(self.path, e, "lock") from None

    def _refuse_odd_file(self) -> None:
        try:
            info = os.lstat(self.path)
        except FileNotFoundError:
            return
        except OSError as e:
            raise os_problem(self.path, e, "lock") from None
        if stat.S_ISLNK(info.st_mode):
            raise MentorlogError(
                f"{self.path} is a symbolic link; remove it (mentorlog never follows links)"
            )
        if not stat.S_ISREG(info.st_mode) or info.st_nlink != 1:
            # A hard link or a device here would have us write into someone else's file.
            raise MentorlogError(
                f"{self.path} is not a plain file of its own; remove it and try again"
            )

    def _write_note(self) -> None:
        """Who holds the lock, for a waiting writer's messages; best effort."""
        self.cache.write(HOLDER_NOTE, holder_line().encode("utf-8", "replace"))

    def _holder(self) -> str:
        body = self.cache.read(HOLDER_NOTE)
        line = body.decode("utf-8", "replace").strip() if body else ""
        return line if line.startswith("pid ") and line.isprintable() else "another mentorlog"


def holder_line() -> str:
    args = " ".join(sys.argv[1:3])
    return f"pid {os.getpid()} (mentorlog {args})".replace("\n", " ")[:200] + "\n"
