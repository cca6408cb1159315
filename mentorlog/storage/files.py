"""Files on disk, the safe way: checked names, reads that never follow a link, atomic writes.

A write goes to a temp file in the same folder (0600), is fsynced, then renamed over the old
file and the folder is fsynced, so a file is always the old or the new version
(docs/reliability.md). A temp file a crashed writer left behind is swept under the lock.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path

from mentorlog.core.errors import FileProblem, MentorlogError

TMP_PREFIX = ".~"
TMP_SUFFIX = ".tmp"
KEPT_SUFFIX = ".kept"  # the old version of a file a transaction changes (transaction.py)
_SAFE_PART = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9._-]{0,120}$")
_DOTFILES = frozenset({".gitignore", ".gitattributes"})  # written by `mentorlog sync`
# Names Windows reserves in every folder (a data folder may be synced to Windows).
_RESERVED = re.compile(r"^(CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])(\..*)?$", re.IGNORECASE)
# Every open: never through a link, not inherited, bytes as they are. (Windows lacks the
# first two: there a link is refused by the checks around the open.)
OPEN_FLAGS = (getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
              | getattr(os, "O_BINARY", 0))
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


def safe_parts(rel: str) -> list[str]:
    """The parts of a data file's relative path; refuses anything that could leave the folder."""
    parts = rel.split("/")
    if rel not in _DOTFILES and not all(safe_name(p) for p in parts):
        raise MentorlogError(f"{rel!r} is not a safe file name inside the data folder")
    return parts


def safe_name(name: str) -> bool:
    return bool(_SAFE_PART.match(name)) and not _RESERVED.match(name)


def decode_text(data: bytes, path: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        col = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        raise FileProblem(path, f"not UTF-8 text (byte 0x{data[e.start]:02x})", line, col) from None


def encode_text(text: str, path: str) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        raise MentorlogError(
            f"cannot save {path}: the text holds characters that are not valid Unicode"
        ) from None


def os_problem(path: Path, e: OSError, doing: str) -> MentorlogError:
    """An OSError as the one line the user reads."""
    if e.errno == errno.ELOOP:
        return MentorlogError(f"{path} is a symbolic link; mentorlog does not follow links")
    if e.errno == errno.EISDIR:
        return FileProblem(str(path), "is a folder, expected a file")
    reason = e.strerror or str(e)
    return MentorlogError(f"could not {doing} {path}: {reason}")


# --- ownership and modes --------------------------------------------------------------------

OTHERS_WRITE = 0o022


def check_owned(path: Path, info: os.stat_result, root: Path) -> None:
    """Refuse a data folder, folder or file that another user owns, or that a group or
    others may write: they could change what mentorlog shows or saves (a forged tasks.toml).
    Not where there are no Unix owners (Windows)."""
    if not hasattr(os, "getuid"):
        return
    if info.st_uid != os.getuid():
        raise MentorlogError(
            f"{path} belongs to another user (uid {info.st_uid}); mentorlog uses only files "
            f"of your own: make them yours with 'chown -R \"$(id -u)\" {root}' or choose "
            "another folder with --home"
        )
    if info.st_mode & OTHERS_WRITE:
        raise MentorlogError(
            f"{path} can be changed by other users (mode {stat.S_IMODE(info.st_mode):o}); "
            f"mentorlog keeps your journal private: fix it with 'chmod -R go-w {root}'"
        )


def tighten(root: Path) -> None:
    """Folders 0700 and files 0600 in `root` and the folders right below it (files found at
    0644, from a copy or an older tool); call it with the lock held. Links are left alone."""
    for folder in _root_and_below(root):
        try:
            entries = [folder, *(Path(e.path) for e in os.scandir(folder))]
        except OSError:
            continue
        for path in entries:
            try:
                info = os.lstat(path)
            except OSError:
                continue
            want = 0o700 if stat.S_ISDIR(info.st_mode) else 0o600
            if stat.S_ISLNK(info.st_mode) or stat.S_IMODE(info.st_mode) & ~want == 0:
                continue
            check_owned(path, info, root)
            try:
                os.chmod(path, stat.S_IMODE(info.st_mode) & want)
            except OSError as e:
                raise os_problem(path, e, "make private") from None


# --- folders --------------------------------------------------------------------------------


def refuse_links(root: Path, folder: Path) -> None:
    """Every folder between `root` and `folder` must be a real folder (the root itself may be
    a link: that is the user's choice of where the data live)."""
    try:
        below = folder.relative_to(root).parts
    except ValueError:
        return
    current = root
    for part in below:
        current = current / part
        info = os.lstat(current)
        mode = info.st_mode
        if stat.S_ISLNK(mode):
            raise MentorlogError(f"{current} is a symbolic link; mentorlog does not follow links")
        if not stat.S_ISDIR(mode):
            raise FileProblem(str(current), "is a file, expected a folder")
        check_owned(current, info, root)


def make_folders(root: Path, folder: Path) -> None:
    """Create `folder` and missing parents 0700; a link or file below `root` is refused."""
    missing = []
    current = folder
    while not os.path.lexists(current) and current != current.parent:
        missing.append(current)
        current = current.parent
    try:
        for d in reversed(missing):
            try:
                d.mkdir(mode=0o700)
            except FileExistsError:
                pass
            os.chmod(d, 0o700)
        if folder != root:
            refuse_links(root, folder)
    except OSError as e:
        raise os_problem(folder, e, "create the folder") from None


# --- reads ----------------------------------------------------------------------------------


def read_regular_file(path: Path, root: Path) -> bytes | None:
    """The bytes of a regular file in the data folder `root`, or None if there is none.
    Links, folders, pipes refused, and a file another user owns or may write."""
    try:
        # O_NONBLOCK: a FIFO planted here must not hang us; it is refused below.
        fd = os.open(path, os.O_RDONLY | OPEN_FLAGS | _NONBLOCK)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as e:
        raise os_problem(path, e, "read") from None
    try:
        info = os.fstat(fd)
        mode = info.st_mode
        if stat.S_ISDIR(mode):
            raise FileProblem(str(path), "is a folder, expected a file")
        if not stat.S_ISREG(mode):
            raise FileProblem(str(path), "is not a regular file (a device or pipe?)")
        check_owned(path, info, root)
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as e:
        raise os_problem(path, e, "read") from None
    finally:
        os.close(fd)


# --- writes ---------------------------------------------------------------------------------


def replace_atomically(path: Path, data: bytes, named: Path | None = None,
                       doing: str = "write") -> None:
    """Replace `path` (not a link, not a folder) with `data`: temp file, fsync, rename, fsync.
    An error names `named` (the file the user knows) and what was being done to it."""
    _write_atomically(path, data, lambda tmp: os.replace(tmp, path), named, doing)


def write_file_atomically(path: Path, data: bytes, force: bool = False) -> None:
    """Write `data` to any `path` (an export outside the data folder) the same safe way.

    Temp file in the same folder (0600), fsync, then a rename. Without `force` an existing
    file is never replaced: the temp file is hard-linked into place, which fails if the
    name is taken by then (a plain existence check where links are not supported).
    """
    path = Path(path)
    if path.is_symlink():
        raise MentorlogError(f"{path} is a symbolic link; mentorlog does not write through links")
    if path.is_dir():
        raise FileProblem(str(path), "is a folder, expected a file")
    if not force and path.exists():
        raise MentorlogError(f"{path} already exists (use --force to replace it)")
    if not path.parent.is_dir():
        raise MentorlogError(f"cannot write {path}: the folder {path.parent} does not exist")
    try:
        _write_atomically(
            path,
            data,
            (lambda tmp: os.replace(tmp, path))
            if force
            else (lambda tmp: _link_without_replacing(tmp, path)),
        )
    except FileExistsError:
        raise MentorlogError(f"{path} already exists (use --force to replace it)") from None


def _link_without_replacing(tmp: Path, path: Path) -> None:
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise
    except OSError:  # no hard links here (some network or FAT file systems)
        if os.path.lexists(path):
            raise FileExistsError(path) from None
        os.replace(tmp, path)
        return
    unlink_quietly(tmp)


def _write_atomically(path: Path, data: bytes, put: Callable[[Path], None],
                      named: Path | None = None, doing: str = "write") -> None:
    """Every atomic write: a flushed 0600 temp file beside `path`, which `put` moves into place
    (rename, or link without replacing); the temp file never outlives a failure.
    FileExistsError from `put` passes through for the caller to word."""
    tmp = _write_temp(path, data, named or path, doing)
    try:
        put(tmp)
    except FileExistsError:
        unlink_quietly(tmp)
        raise
    except OSError as e:
        unlink_quietly(tmp)
        raise os_problem(named or path, e, doing) from None
    except BaseException:
        unlink_quietly(tmp)
        raise
    fsync_folder(path.parent)


def temp_path(path: Path, suffix: str = TMP_SUFFIX) -> Path:
    """A fresh temp file name beside `path` (the sweep knows the pattern)."""
    return path.parent / f"{TMP_PREFIX}{path.name}.{os.urandom(4).hex()}{suffix}"


def _write_temp(path: Path, data: bytes, named: Path, doing: str = "write") -> Path:
    """`data` in a new 0600 temp file beside `path`, flushed to disk; removed on any failure."""
    tmp = temp_path(path)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | OPEN_FLAGS, 0o600)
    except OSError as e:
        raise os_problem(named, e, doing) from None
    try:
        try:
            if hasattr(os, "fchmod"):  # whatever the umask
                os.fchmod(fd, 0o600)
            write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as e:
        unlink_quietly(tmp)
        raise os_problem(named, e, doing) from None
    except BaseException:
        unlink_quietly(tmp)
        raise
    return tmp


def write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # not possible on every platform (Windows); the rename is still atomic
    finally:
        os.close(fd)


def unlink_quietly(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def sweep_temp_files(root: Path) -> None:
    """Remove the temp files a crashed writer left in `root` and the folders right below it
    (call it with the lock held)."""
    for folder in _root_and_below(root):
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for e in entries:
            if e.name.startswith(TMP_PREFIX) and e.name.endswith((TMP_SUFFIX, KEPT_SUFFIX)):
                unlink_quietly(Path(e.path))


def _root_and_below(root: Path) -> list[Path]:
    """`root` and the folders right below it (not links); none when it cannot be listed."""
    try:
        return [root, *(Path(e.path) for e in os.scandir(root)
                        if e.is_dir(follow_symlinks=False))]
    except OSError:
        return []
