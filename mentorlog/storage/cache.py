"""The caches of one data folder, kept in the user's cache folder and verified before use.

Where: `platformdirs.user_cache_path("mentorlog")` (honouring XDG_CACHE_HOME) /
`NAME-HASH`, NAME the data folder's name and HASH a CRC-32 and an Adler-32 of its real path,
so every data folder (and every mentorship) has its own. Nothing here ever writes in the data
folder.

Every cache file is one header line of JSON, then the body: `{"cache": its file name,
"format": CACHE_FORMAT, "key": what it belongs to, "sum": the CRC-32 of the body}` (a check
against damage and stale or misplaced content, not against someone who can write your cache
folder: they could write your data folder's caches in any case, and every entry is still
checked against its file's stat). The key is the data file's stat (modification and change
times in ns, size, inode) for a cache of one file, or null for a cache of many files, whose
body keeps each file's stat beside its entry. A cache is used only when the whole header is
the one expected: any mismatch, or any exception while reading or decoding it, and the files
are read instead. A file changed in the last two seconds is never cached (a coarse clock
could hide a second edit). Writes are a temp file and a rename (no fsync: a lost cache is
only rebuilt), 0600 in a 0700 folder, best effort: a failure is silent. """

from __future__ import annotations

import datetime as _dt
import json
import os
import re
import stat
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mentorlog.storage.files import OPEN_FLAGS, unlink_quietly, write_all
from mentorlog.storage.toml import SCHEMA_VERSION

CACHE_FORMAT = 2
RACY_NS = 2_000_000_000
MISSING: Any = object()  # what a cache read gives when there is nothing usable


def stat_key(st: os.stat_result) -> list[int]:
    """What a cache entry is checked against. The change time cannot be set back by tools
    that keep modification times (cp -p, touch -d); any write or rename changes it."""
    return [st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino]


def file_key(path: Path) -> list[int] | None:
    """The stat key of a regular file old enough to be cached, else None."""
    try:
        st = os.stat(path, follow_symlinks=False)
    except OSError:
        return None
    if not stat.S_ISREG(st.st_mode) or st.st_mtime_ns > time.time_ns() - RACY_NS:
        return None
    return stat_key(st)


def checksum(body: bytes) -> str:
    return f"{zlib.crc32(body):08x}"  # 5 times faster than BLAKE2b on a search cache


def cache_folder(root: Path) -> Path:
    """The cache folder of the data folder `root` (which need not exist)."""
    from platformdirs import user_cache_path  # only when a cache is used

    real = os.path.realpath(root)
    path = os.fsencode(real)
    digest = f"{zlib.crc32(path):08x}{zlib.adler32(path):08x}"
    hint = re.sub(r"[^A-Za-z0-9_-]+", "_", os.path.basename(real))[:32].strip("_") or "root"
    return user_cache_path("mentorlog") / f"{hint}-{digest}"


class Cache:
    """The cache folder of one data folder: verified reads, best-effort writes."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._folder: Path | None = None
        self._off = False  # no usable cache folder: every read misses, writes do nothing
        self._ready = False  # the folder exists, made by us (checked once)

    def folder(self) -> Path | None:
        if self._folder is None and not self._off:
            try:
                folder = cache_folder(self.root)
                real_root = os.path.realpath(self.root)
                if os.path.realpath(folder).startswith(real_root + os.sep):
                    self._off = True  # never inside the data folder
                else:
                    self._folder = folder
            except Exception:  # no home folder to put it in, an odd path: no cache
                self._off = True
        return self._folder

    def file(self, name: str) -> Path | None:
        """`name` in the cache folder, the folder made if need be; None when there is none
        (or the data folder does not exist: a read never makes a cache for nothing)."""
        folder = self.folder()
        if folder is None:
            return None
        if not self._ready:
            try:
                if not self.root.is_dir():
                    return None
                folder.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
                try:
                    folder.mkdir(mode=0o700)
                except FileExistsError:
                    pass
                info = os.lstat(folder)
                if not stat.S_ISDIR(info.st_mode) or (
                        hasattr(os, "geteuid") and info.st_uid != os.geteuid()):
                    self._off, self._folder = True, None
                    return None
                if stat.S_IMODE(info.st_mode) & 0o077:
                    os.chmod(folder, 0o700)
            except OSError:
                return None
            self._ready = True
        return folder / name

    # --- reading and writing one cache file -----------------------------------------------

    def read(self, name: str, key: Any = None) -> bytes | None:
        """The body of the cache file `name` if its header is exactly the one expected."""
        folder = self.folder()
        if folder is None:
            return None
        try:
            if stat.S_ISLNK(os.lstat(folder).st_mode):
                return None
            fd = os.open(folder / name, os.O_RDONLY | OPEN_FLAGS)
        except OSError:
            return None
        try:
            size = os.fstat(fd).st_size
            chunks = [os.read(fd, size + 1)]  # in one piece, as a rule
            while chunks[-1]:
                chunks.append(os.read(fd, 1 << 20))
            data = chunks[0] if len(chunks) == 2 else b"".join(chunks)
            head, newline, body = data.partition(b"\n")
            if not newline:
                return None
            header = json.loads(head)
            expected = {"cache": name, "format": CACHE_FORMAT, "key": key, "sum": checksum(body)}
            return body if header == expected else None
        except Exception:  # unreadable, not JSON, anything: read the files instead
            return None
        finally:
            os.close(fd)

    def write(self, name: str, body: bytes, key: Any = None) -> None:
        """Replace the cache file `name` (temp file and rename); errors are ignored."""
        path = self.file(name)
        if path is None:
            return
        # Not named like the data folder's temp files (`.~NAME.tmp`): nothing sweeps here,
        # and a crash leaves at most a stray `.part` file in the cache folder.
        tmp = path.with_name(f"{name}.{os.urandom(4).hex()}.part")
        try:
            head = json.dumps({"cache": name, "format": CACHE_FORMAT, "key": key,
                               "sum": checksum(body)}).encode()
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | OPEN_FLAGS, 0o600)
            try:
                write_all(fd, head + b"\n" + body)
            finally:
                os.close(fd)
            os.replace(tmp, path)
        except (OSError, ValueError, TypeError):
            unlink_quietly(tmp)

    def remove(self, name: str) -> None:
        folder = self.folder()
        if folder is not None:
            unlink_quietly(folder / name)

    def read_json(self, name: str, key: Any = None, tagged: bool = False) -> Any:
        """The JSON value kept in `name`, or MISSING."""
        body = self.read(name, key)
        if body is None:
            return MISSING
        try:
            return json.loads(body, object_hook=_untag if tagged else None)
        except Exception:
            return MISSING

    def write_json(self, name: str, value: Any, key: Any = None, tagged: bool = False) -> None:
        """Keep `value` (JSON values; with `tagged`, TOML's dates and times too). A value
        that would not read back equal (a NaN, a key that looks like a tag) is not kept."""
        try:
            text = json.dumps(value, separators=(",", ":"), ensure_ascii=False,
                              default=_tag if tagged else None)
            if tagged and json.loads(text, object_hook=_untag) != value:
                return
            body = text.encode("utf-8")
        except (ValueError, TypeError, UnicodeEncodeError, RecursionError):
            return
        self.write(name, body, key)


def _tag(value: Any) -> Any:
    """TOML's dates and times in the JSON cache: `{"\\u0000t": ISO}` (see _untag)."""
    if isinstance(value, _dt.datetime):
        return {"\0t": value.isoformat()}
    if isinstance(value, _dt.date):
        return {"\0d": value.isoformat()}
    if isinstance(value, _dt.time):
        return {"\0h": value.isoformat()}
    raise TypeError(type(value).__name__)


def _untag(d: dict[str, Any]) -> Any:
    if len(d) == 1:
        ((k, v),) = d.items()
        if k in _UNTAG and isinstance(v, str):
            return _UNTAG[k](v)
    return d


_UNTAG = {"\0t": _dt.datetime.fromisoformat, "\0d": _dt.date.fromisoformat,
          "\0h": _dt.time.fromisoformat}


# --- the caches -----------------------------------------------------------------------------


def summaries(cache: Cache, folder: str, entries: list[os.DirEntry[str]],
              summarize: Callable[[str], Any], kind: str,
              opened: Callable[[], int]) -> list[Any]:
    """`summarize(rel)` of every entry of `folder`, in order, kept in `FOLDER.KIND.json`.

    The body maps each file name to its stat key and its summary; a file whose stat differs
    is summarized again (a link too: reading it reports it). `kind` names the summary's
    shape, so a cache of another shape is never used. A summary made while `opened()` went
    up (it decrypted text: storage/sealing.py) is never kept."""
    name = f"{folder}.{kind}.json"
    files = cache.read_json(name)
    if not isinstance(files, dict):
        files = {}
    fresh: dict[str, Any] = {}
    out = []
    racy = time.time_ns() - RACY_NS
    changed = len(files) != len(entries)
    for e in entries:
        try:
            st = None if e.is_symlink() else e.stat(follow_symlinks=False)
        except OSError:
            st = None
        key = stat_key(st) if st is not None and stat.S_ISREG(st.st_mode) else None
        hit = files.get(e.name)
        if key and isinstance(hit, list) and len(hit) == 5 and hit[:4] == key:
            summary = hit[4]
        else:
            before = opened()
            summary = summarize(f"{folder}/{e.name}")
            changed = True
            if opened() != before:
                key = None  # it holds decrypted text: made again on every run
        if key and key[0] <= racy:
            fresh[e.name] = [*key, summary]
        out.append(summary)
    if changed:
        cache.write_json(name, fresh)
    return out


class FrontMatters:
    """The front matters read lately, keyed by their own text (`front-matter-1.json`).

    A meeting's or a note's front matter is parsed with tomllib, whose import alone costs
    ~5 ms; a parse is a function of the text alone, so what is found here is never stale.
    At most KEEP are kept; written once, at exit, when something was added."""

    NAME = "front-matter-1.json"
    KEEP = 200

    def __init__(self, cache: Cache, parse: Callable[[str, str, int], dict[str, Any]]) -> None:
        self.cache = cache
        self._parse = parse
        self._known: dict[str, Any] | None = None
        self._added = False

    def parse(self, text: str, path: str, line_offset: int) -> dict[str, Any]:
        if self._known is None:
            known = self.cache.read_json(self.NAME, tagged=True)
            self._known = known if isinstance(known, dict) else {}
        hit = self._known.get(text)
        if isinstance(hit, dict) and hit.get("schema_version") == SCHEMA_VERSION:
            return dict(hit)
        meta = self._parse(text, path, line_offset)
        try:
            if json.loads(json.dumps(meta, default=_tag), object_hook=_untag) != meta:
                return meta  # a key that looks like a tag, or a NaN: parsed each time
        except (ValueError, TypeError, RecursionError):
            return meta
        if not self._added:
            import atexit

            atexit.register(self.save)
            self._added = True
        self._known[text] = meta
        return dict(meta)

    def save(self) -> None:
        kept = list((self._known or {}).items())[-self.KEEP:]
        self.cache.write_json(self.NAME, dict(kept), tagged=True)
