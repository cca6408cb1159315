"""The only module that touches the data folder: atomic writes, one writer lock, precise errors.

Guarantees (docs/reliability.md): a write goes to a temp file in the same folder, is
fsynced and then renamed over the old file, so a file is always the old or the new
version; writers hold an exclusive flock on `.lock`; a file that cannot be parsed is
reported as `path:line:col: what` and never rewritten; symbolic links inside the data
folder are refused, so their targets are never read or written.
"""

from __future__ import annotations

import datetime as _dt
import errno
import os
import re
import stat
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from stat import S_ISREG as stat_is_file

from mentorlog.core.errors import FileProblem, MentorlogError, NoAgreement, SchemaError
from mentorlog.storage.documents import Document, dump_document, parse_document
from mentorlog.storage.toml import dump_toml_data, parse_toml
from msgspec import Struct
from typing import Generic, TypeVar

from typing import Any

T = TypeVar("T")

TMP_PREFIX = ".~"
TMP_SUFFIX = ".tmp"
LOCK_NAME = ".lock"
DEFAULT_LOCK_TIMEOUT = 10.0
CACHE_DIR = ".cache"  # summaries of documents, checked against each file (Store.summaries)
CACHE_GITIGNORE = "# mentorlog's cache: rebuilt from the files, never synced\n*\n"
# Cache files earlier versions wrote and nothing reads any more: removed when a cache is
# written (a search cache of 5,000 notes was ~5 MB).
SUPERSEDED_CACHES = (
    "meetings.log-entries-1.json", "notes.log-entries-1.json", "reviews.log-entries-1.json",
    "tasks.toml.json", "goals.toml.json", "questions.toml.json", "opportunities.toml.json",
)
RACY_NS = 2_000_000_000
FRONT_MATTERS = 200  # front matters kept in .cache/front-matter-1.json (Store.parse_doc)
_SAFE_PART = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9._-]{0,120}$")
_DOTFILES = frozenset({".gitignore", ".gitattributes"})  # written by `mentorlog sync`
# Names Windows reserves in every folder (a data folder may be synced to Windows).
_RESERVED = re.compile(r"^(CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])(\..*)?$", re.IGNORECASE)


class TomlFile(Struct, Generic[T], frozen=True):
    """One TOML data file: its name and its pure codec."""

    name: str
    decode: Callable[[Any], T]
    encode: Callable[[T], dict[str, Any]]
    empty: Callable[[], T] | None = None  # None: the file must exist
    # For the big files: the decoded value as plain JSON rows, and back without checking
    # again (Store.load keeps the rows of a file that decoded without a problem).
    pack: Callable[[T], Any] | None = None
    unpack: Callable[[Any], T] | None = None


class DocFolder(Struct, Generic[T], frozen=True):
    """A folder of markdown-with-front-matter files, one record each."""

    name: str
    decode: Callable[[Document], T]


def default_home() -> Path:
    """The platform's data folder for mentorlog, as platformdirs gives it.

    On Linux with $HOME set and no $XDG_DATA_HOME, that is ~/.local/share/mentorlog, and it is
    computed here: importing platformdirs costs ~10 ms, most of a command's start-up.
    tests/test_home.py checks the two agree; every other case asks platformdirs."""
    home = os.environ.get("HOME", "")
    if sys.platform.startswith("linux") and os.path.isabs(home) and not os.environ.get(
            "XDG_DATA_HOME"):
        return Path(os.path.expanduser("~/.local/share"), "mentorlog")
    from platformdirs import user_data_path

    return user_data_path("mentorlog")


def resolve_home(flag: str | os.PathLike[str] | None, environ: Any = None) -> Path:
    """`--home` beats MENTORLOG_HOME beats the platform's data folder."""
    env = os.environ if environ is None else environ
    if flag:
        return Path(flag).expanduser()
    if env.get("MENTORLOG_HOME"):
        return Path(env["MENTORLOG_HOME"]).expanduser()
    return default_home()


def dump_toml(spec: TomlFile[T], value: T) -> str:
    """The text of a TOML data file (pure): schema_version first, then the codec's keys."""
    return dump_toml_data(spec.encode(value))


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


# --- the store ------------------------------------------------------------------------------


class Store:
    """A data folder. Reads need no lock; every write happens inside `with store.lock():`."""

    def __init__(self, root: Path, lock_timeout: float | None = None) -> None:
        self.root = Path(root)
        self._front_matters: dict[str, Any] | None = None
        self._swept = False  # superseded cache files removed (_write_cache)
        self._front_matters_added = False
        if lock_timeout is None:
            raw = os.environ.get("MENTORLOG_LOCK_TIMEOUT", "")
            try:
                lock_timeout = float(raw) if raw else DEFAULT_LOCK_TIMEOUT
            except ValueError:
                raise MentorlogError(
                    f"MENTORLOG_LOCK_TIMEOUT={raw!r} is not a number of seconds"
                ) from None
        if not 0 <= lock_timeout <= 24 * 3600:  # also refuses nan, which would wait forever
            raise MentorlogError(
                f"MENTORLOG_LOCK_TIMEOUT={lock_timeout!r}: expected 0 to 86400 seconds"
            )
        self.lock_timeout = lock_timeout
        self._lock_fd: int | None = None
        self._lock_depth = 0
        self.wrote = False  # set by every write; the root command auto-commits after one

    # paths

    def path(self, rel: str) -> Path:
        """The path of a data file; refuses anything that could leave the data folder."""
        parts = rel.split("/")
        safe = all(_SAFE_PART.match(p) and not _RESERVED.match(p) for p in parts)
        if rel not in _DOTFILES and not safe:
            raise MentorlogError(f"{rel!r} is not a safe file name inside the data folder")
        return self.root.joinpath(*parts)

    def display(self, rel: str) -> str:
        return str(self.path(rel))

    def _make_dirs(self, folder: Path) -> None:
        """Create `folder` and missing parents 0700; a link or file below the root is refused."""
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
            if folder != self.root:
                self._refuse_link(folder)
        except OSError as e:
            raise self._os_problem(folder, e, "create the folder") from None

    def _refuse_link(self, folder: Path) -> None:
        """Every folder between the root and `folder` must be a real folder (the root may be
        a link: that is the user's choice of where the data live)."""
        try:
            below = folder.relative_to(self.root).parts
        except ValueError:
            return
        current = self.root
        for part in below:
            current = current / part
            mode = os.lstat(current).st_mode
            if stat.S_ISLNK(mode):
                raise MentorlogError(
                    f"{current} is a symbolic link; mentorlog does not follow links"
                )
            if not stat.S_ISDIR(mode):
                raise FileProblem(str(current), "is a file, expected a folder")

    def ensure_root(self) -> None:
        self._make_dirs(self.root)
        if not self.root.is_dir():
            raise FileProblem(str(self.root), "is a file, expected the data folder")
        try:
            if self.root.stat().st_mode & 0o077:
                os.chmod(self.root, 0o700)
        except OSError:
            pass

    # raw reads

    def read_bytes(self, rel: str) -> bytes | None:
        """The file's bytes, or None if there is no file. Links and folders are refused."""
        path = self.path(rel)
        try:
            if path.parent != self.root:
                self._refuse_link(path.parent)
            # O_NONBLOCK: a FIFO planted here must not hang us; it is refused below.
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK)
        except (FileNotFoundError, NotADirectoryError):
            return None
        except OSError as e:
            raise self._os_problem(path, e, "read") from None
        try:
            mode = os.fstat(fd).st_mode
            if stat.S_ISDIR(mode):
                raise FileProblem(str(path), "is a folder, expected a file")
            if not stat.S_ISREG(mode):
                raise FileProblem(str(path), "is not a regular file (a device or pipe?)")
            chunks = []
            while chunk := os.read(fd, 1 << 20):
                chunks.append(chunk)
            return b"".join(chunks)
        except OSError as e:
            raise self._os_problem(path, e, "read") from None
        finally:
            os.close(fd)

    def read_text(self, rel: str) -> str | None:
        data = self.read_bytes(rel)
        return None if data is None else decode_text(data, self.display(rel))

    def exists(self, rel: str) -> bool:
        return os.path.lexists(self.path(rel))

    def list_docs(self, folder: str) -> list[str]:
        """`folder/NAME.md` paths, sorted by name (names start with the date)."""
        path = self.path(folder)
        try:
            self._refuse_link(path)
            names = os.listdir(path)
        except (FileNotFoundError, NotADirectoryError):
            return []
        except OSError as e:
            raise self._os_problem(path, e, "read") from None
        return [
            f"{folder}/{n}"
            for n in sorted(names)
            if n.endswith(".md") and not n.startswith(".")
        ]

    # typed reads

    def load(self, spec: TomlFile[T]) -> T:
        key = self._stat_key(self.path(spec.name))
        if spec.unpack is not None and spec.pack is not None:
            rows = self._rows_get(spec.name, key)
            if rows is not None:
                try:
                    return spec.unpack(rows)
                except (ValueError, TypeError, IndexError, KeyError, AttributeError):
                    pass  # not rows this version wrote: decode the file
            value = self._load_data(spec, None)
            self._rows_put(spec.name, key, spec.pack(value))
            return value
        return self._load_data(spec, key)

    def _load_data(self, spec: TomlFile[T], key: list[int] | None) -> T:
        """Parse (or take the parsed TOML from the cache, under `key`) and decode."""
        data = self._cache_get(f"{spec.name}.json", key)
        if data is None:
            text = self.read_text(spec.name)
            if text is None:
                if spec.empty is None:
                    raise NoAgreement() if spec.name == "agreement.toml" else MentorlogError(
                        f"{self.display(spec.name)} does not exist"
                    )
                return spec.empty()
            data = parse_toml(text, self.display(spec.name))
            self._cache_put(f"{spec.name}.json", key, data)
        try:
            return spec.decode(data)
        except SchemaError as e:
            raise FileProblem(self.display(spec.name), str(e)) from None

    # The parsed TOML of a big file (tasks.toml after years of weekly tasks is 250 kB: 30 ms
    # to parse) is kept in `.cache/NAME.json` with the file's stat when it was read; it is
    # used only while the file's modification and change times, size and inode are the
    # same, and never for a file changed in the last two seconds (a coarse clock could hide
    # a second edit).

    @staticmethod
    def _stat_key(path: Path) -> list[int] | None:
        try:
            st = os.stat(path, follow_symlinks=False)
        except OSError:
            return None
        if not stat_is_file(st.st_mode) or st.st_mtime_ns > time.time_ns() - RACY_NS:
            return None
        return _key(st)

    def _cache_get(self, name: str, key: list[int] | None) -> Any:
        if key is None:
            return None
        text = self._read_cache(self.root / CACHE_DIR / name)
        if text is None:
            return None
        import json

        try:
            cached = json.loads(text, object_hook=_untag)
        except (ValueError, TypeError):
            return None
        if not isinstance(cached, dict) or cached.get("key") != key:
            return None
        return cached.get("data")

    # tasks.toml and goals.toml hold years of records: decoding them again on every run
    # (checking every field) costs more than reading them. Their decoded content is kept
    # as rows (`.cache/NAME.rows-1`: a line of JSON with the file's stat and a CRC-32 of
    # the rows, then the rows as JSON) under the same checks as above; rows whose CRC
    # does not match are ignored.

    def _rows_get(self, name: str, key: list[int] | None) -> Any:
        if key is None:
            return None
        data = self._read_cache(self.root / CACHE_DIR / f"{name}.rows-1", decoded=False)
        if data is None:
            return None
        import json
        import zlib

        head, _, rows = data.partition(b"\n")
        try:
            header = json.loads(head)
            if header != {"key": key, "crc": zlib.crc32(rows)}:
                return None
            return json.loads(rows)
        except ValueError:
            return None

    def _rows_put(self, name: str, key: list[int] | None, rows: Any) -> None:
        if key is None:
            return
        import json
        import zlib

        body = json.dumps(rows, separators=(",", ":"), ensure_ascii=False).encode()
        head = json.dumps({"key": key, "crc": zlib.crc32(body)}).encode()
        self._write_cache(self.root / CACHE_DIR / f"{name}.rows-1", head + b"\n" + body)

    def _cache_put(self, name: str, key: list[int] | None, data: Any) -> None:
        if key is None:
            return
        import json

        try:
            text = json.dumps({"key": key, "data": data}, default=_tag)
            if json.loads(text, object_hook=_untag)["data"] != data:
                return  # a key that looks like a tag, or a NaN: read the file each time
        except (ValueError, TypeError):
            return
        self._write_cache(self.root / CACHE_DIR / name, text)

    def _read_cache(self, path: Path, decoded: bool = True) -> Any:
        """The cache file's text (bytes when not `decoded`), or None."""
        if path.parent.is_symlink():
            return None
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
        except OSError:
            return None
        try:
            chunks = [os.read(fd, os.fstat(fd).st_size + 1)]  # in one piece, as a rule
            while chunks[-1]:
                chunks.append(os.read(fd, 1 << 20))
            data = chunks[0] if len(chunks) == 2 else b"".join(chunks)
            return data.decode("utf-8", "replace") if decoded else data
        except OSError:
            return None
        finally:
            os.close(fd)

    def decode_toml(self, spec: TomlFile[T], text: str) -> T:
        where = self.display(spec.name)
        data = parse_toml(text, where)
        try:
            return spec.decode(data)
        except SchemaError as e:
            raise FileProblem(where, str(e)) from None

    def load_doc(self, rel: str) -> Document:
        text = self.read_text(rel)
        if text is None:
            raise MentorlogError(f"{self.display(rel)} does not exist")
        return self.parse_doc(text, rel)

    def parse_doc(self, text: str, rel: str) -> Document:
        """parse_document, with the front matters read lately kept by their text (below)."""
        return parse_document(text, self.display(rel), self._front_matter)

    # A meeting's or a note's front matter is parsed with tomllib, whose import alone costs
    # ~5 ms. The front matters read lately (at most FRONT_MATTERS) are kept in
    # `.cache/front-matter-1.json`, keyed by their own text: a parse is a function of that
    # text alone, so what is found there can never be stale. Written once, at exit, when
    # something was added.

    def _front_matter(self, text: str, path: str, line_offset: int) -> dict[str, Any]:
        import json

        if self._front_matters is None:
            raw = self._read_cache(self.root / CACHE_DIR / "front-matter-1.json")
            try:
                loaded = json.loads(raw, object_hook=_untag) if raw else {}
            except (ValueError, TypeError):
                loaded = {}
            self._front_matters = loaded if isinstance(loaded, dict) else {}
        known = self._front_matters.get(text)
        if isinstance(known, dict):
            return dict(known)
        meta = parse_toml(text, path, line_offset)
        try:
            if json.loads(json.dumps(meta, default=_tag), object_hook=_untag) != meta:
                return meta  # a key that looks like a tag, or a NaN: parsed each time
        except (ValueError, TypeError):
            return meta
        if not self._front_matters_added:
            import atexit

            atexit.register(self._save_front_matters)
        self._front_matters_added = True
        self._front_matters[text] = meta
        return dict(meta)

    def _save_front_matters(self) -> None:
        import json

        kept = list((self._front_matters or {}).items())[-FRONT_MATTERS:]
        try:
            text = json.dumps(dict(kept), default=_tag)
        except (ValueError, TypeError):
            return
        self._write_cache(self.root / CACHE_DIR / "front-matter-1.json", text)

    def load_record(self, folder: DocFolder[T], rel: str) -> T:
        doc = self.load_doc(rel)
        try:
            return folder.decode(doc)
        except SchemaError as e:
            raise FileProblem(self.display(rel), str(e)) from None

    def load_all(self, folder: DocFolder[T]) -> list[T]:
        return [self.load_record(folder, rel) for rel in self.list_docs(folder.name)]

    def summaries(self, folder: str, summarize: Callable[[str], Any], kind: str) -> list[Any]:
        """`summarize(rel)` of every document in `folder` (list_docs order), kept in a cache.

        The cache (`.cache/<folder>.<kind>.json`, never data: delete it any time) maps each
        file name to its stat (modification and change times, size, inode) when it was read,
        and the summary. A file whose stat differs, or that changed in the last two seconds
        (a coarse clock could hide a second edit), is summarized again, so a hand edit shows
        at once. `summarize` reads the file through the store (a file that cannot be parsed
        is reported as always) and returns JSON values. `kind` names the summary's shape: a
        cache written for
        another shape is ignored. Writing the cache is best effort.
        """
        import json

        cache_path = self.root / CACHE_DIR / f"{folder}.{kind}.json"
        files: Any = {}
        text = self._read_cache(cache_path)
        if text is not None:
            try:
                cached = json.loads(text)
                files = cached["files"] if cached.get("kind") == kind else {}
            except (ValueError, TypeError, KeyError, AttributeError):
                files = {}
        if not isinstance(files, dict):
            files = {}
        entries = self._doc_entries(folder)
        fresh: dict[str, Any] = {}
        out = []
        racy = time.time_ns() - RACY_NS
        changed = len(files) != len(entries)
        for e in entries:
            try:
                st = None if e.is_symlink() else e.stat(follow_symlinks=False)
            except OSError:
                st = None
            key = _key(st) if st else None
            hit = files.get(e.name)
            if key and isinstance(hit, list) and len(hit) == 5 and hit[:4] == key:
                summary = hit[4]
            else:  # new, changed, or a link (reading it reports it)
                summary = summarize(f"{folder}/{e.name}")
                changed = True
            if key and key[0] <= racy:
                fresh[e.name] = [*key, summary]
            out.append(summary)
        if changed:
            self._write_cache(cache_path, json.dumps({"kind": kind, "files": fresh}))
        return out

    def search(self, folder: str, summarize: Callable[[str], tuple[Any, list[str] | None]],
               kind: str, word: str) -> list[Any]:
        """The summaries of the documents in `folder` (list_docs order) one of whose texts
        contains `word` (lower case), kept in a cache made for searching.

        `summarize(rel)` returns (summary as JSON values, the texts to search, lower case),
        or (summary, None) for a document that must be looked at on every search (one that
        cannot be read: its summary is always returned, and never cached).
        The cache (`.cache/<folder>.<kind>`, never data; format in mentorlog/storage/searchcache.py)
        holds every file's name, stat (modification and change times, size, inode),
        summary and texts. A search stats every file, so a hand edit shows at once; when
        the names and stats are the ones cached, one `bytes.find` runs over all the texts
        and only the summaries found are decoded: ten years of notes are searched without
        opening or parsing them. Otherwise the changed files are summarized again and the
        cache is rewritten, as in Store.summaries (a file changed in the last two seconds,
        or a link, is never cached). Writing the cache is best effort.
        """
        import json

        from mentorlog.storage import searchcache

        if "\0" in word:  # the cache joins texts with NUL: read every file instead
            return [summary for summary, texts in (
                summarize(f"{folder}/{e.name}") for e in self._doc_entries(folder))
                if texts is None or any(word in t for t in texts)]
        racy = time.time_ns() - RACY_NS
        entries = {e.name: e for e in self._doc_entries(folder)}
        names = sorted(entries)
        stats: list[tuple[int, int, int, int] | None] = []
        for name in names:
            e = entries[name]
            try:
                st = None if e.is_symlink() else e.stat(follow_symlinks=False)
            except OSError:
                st = None
            fresh = st is None or st.st_mtime_ns > racy or "\n" in name
            stats.append(None if fresh else _key(st))  # type: ignore[arg-type]
        cache_path = self.root / CACHE_DIR / f"{folder}.{kind}"
        index = searchcache.decode(self._read_cache(cache_path, decoded=False), kind)
        word_bytes = word.encode()
        all_cached = None not in stats
        keys = searchcache.key_bytes(stats) if all_cached else None  # type: ignore[arg-type]
        if index is not None and keys is not None and index.keys == keys:
            try:
                same = index.names == "\n".join(names).encode("utf-8")
            except UnicodeEncodeError:
                same = False
            if same:
                return [json.loads(index.summaries[i]) for i in index.found(word_bytes)]
        old = index.pieces() if index is not None else {}
        found: list[Any] = []
        kept_names: list[str] = []
        kept_stats: list[tuple[int, int, int, int]] = []
        kept_summaries: list[bytes] = []
        kept_texts: list[bytes] = []
        for name, key in zip(names, stats, strict=True):
            key_b = searchcache.key_bytes([key]) if key is not None else None
            hit = old.get(name)
            if key_b is not None and hit is not None and hit[0] == key_b:
                summary_b, texts_b = hit[1], hit[2]
                if word_bytes in texts_b:
                    found.append(json.loads(summary_b))
            else:
                summary, texts = summarize(f"{folder}/{name}")
                if texts is None or any(word in t for t in texts):
                    found.append(summary)
                if texts is None or key_b is None:
                    continue
                try:
                    summary_b = json.dumps(summary).encode("utf-8")
                    texts_b = "\0".join(texts).encode("utf-8")
                    name.encode("utf-8")
                except UnicodeEncodeError:
                    continue
            if key is not None:
                kept_names.append(name)
                kept_stats.append(key)
                kept_summaries.append(summary_b)
                kept_texts.append(texts_b)
        kept_keys = searchcache.key_bytes(kept_stats)
        if kept_keys is not None and (index is None or index.keys != kept_keys
                                      or index.names != "\n".join(kept_names).encode()):
            self._write_cache(cache_path, searchcache.encode(
                kind, kept_names, kept_keys, kept_summaries, kept_texts))
        return found

    def _doc_entries(self, folder: str) -> list[os.DirEntry[str]]:
        """The `.md` files of `folder` as directory entries, by name."""
        try:
            return sorted((e for e in os.scandir(self.path(folder))
                           if e.name.endswith(".md") and not e.name.startswith(".")),
                          key=lambda e: e.name)
        except (FileNotFoundError, NotADirectoryError):
            return []

    def _write_cache(self, path: Path, text: str | bytes) -> None:
        """Temp file and rename (no fsync: a lost cache is only rebuilt); errors ignored."""
        tmp = path.parent / f"{TMP_PREFIX}{path.name}.{os.getpid()}{TMP_SUFFIX}"
        try:
            if path.parent.is_symlink():
                return
            if not path.parent.is_dir():
                if not self.root.is_dir():
                    return  # never create the data folder from a read
                path.parent.mkdir(mode=0o700, exist_ok=True)
                fd = os.open(path.parent / ".gitignore",
                             os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
                try:
                    os.write(fd, CACHE_GITIGNORE.encode())
                finally:
                    os.close(fd)
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW | os.O_CLOEXEC,
                         0o600)
            try:
                data = memoryview(text.encode("utf-8") if isinstance(text, str) else text)
                while data:
                    data = data[os.write(fd, data):]
            finally:
                os.close(fd)
            os.replace(tmp, path)
        except OSError:
            _unlink_quietly(tmp)
            return
        if not self._swept:
            self._swept = True
            for name in SUPERSEDED_CACHES:
                _unlink_quietly(path.parent / name)

    # writes

    def save(self, spec: TomlFile[T], value: T) -> None:
        self.write_text(spec.name, dump_toml(spec, value))

    def update(self, spec: TomlFile[T], change: Callable[[T], T]) -> T:
        """Load, change and save one file under the lock; returns the new value."""
        with self.lock():
            new = change(self.load(spec))
            self.save(spec, new)
            return new

    def save_doc(self, rel: str, doc: Document) -> None:
        self.write_text(rel, dump_document(doc))

    def new_doc_name(self, folder: str, stem: str) -> str:
        """A free `folder/stem.md` (or `stem-2.md`, ...); call it with the lock held."""
        self._require_lock()
        if not _SAFE_PART.match(stem) or _RESERVED.match(stem):
            raise MentorlogError(f"{stem!r} is not a safe file name inside the data folder")
        for n in range(1, 10_000):
            rel = f"{folder}/{stem}.md" if n == 1 else f"{folder}/{stem}-{n}.md"
            if not self.exists(rel):
                return rel
        raise MentorlogError(f"too many files named {stem} in {folder}")

    def write_text(self, rel: str, text: str) -> None:
        self.write_bytes(rel, encode_text(text, self.display(rel)))

    def write_bytes(self, rel: str, data: bytes) -> None:
        """Atomically replace `rel` with `data`: temp file, fsync, rename, fsync the folder."""
        self._require_lock()
        path = self.path(rel)
        self._make_dirs(path.parent)
        if path.is_symlink():
            raise MentorlogError(
                f"{path} is a symbolic link; mentorlog does not write through links"
            )
        if path.is_dir():
            raise FileProblem(str(path), "is a folder, expected a file")
        _write_atomically(path, data, lambda tmp: os.replace(tmp, path))
        self.wrote = True

    def remove(self, rel: str) -> None:
        self._require_lock()
        try:
            os.unlink(self.path(rel))
            self.wrote = True
        except FileNotFoundError:
            pass
        except OSError as e:
            raise self._os_problem(self.path(rel), e, "remove") from None

    # the writer lock

    @contextmanager
    def lock(self) -> Iterator[Store]:
        """Hold the exclusive writer lock (re-entrant); waits up to lock_timeout seconds."""
        if self._lock_depth:
            self._lock_depth += 1
            try:
                yield self
            finally:
                self._lock_depth -= 1
            return
        import fcntl

        self.ensure_root()
        lock_path = self.root / LOCK_NAME
        try:
            fd = os.open(
                lock_path,
                os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK,
                0o600,
            )
        except OSError as e:
            if e.errno == errno.ELOOP:
                raise MentorlogError(
                    f"{lock_path} is a symbolic link; remove it (mentorlog never follows links)"
                ) from None
            raise self._os_problem(lock_path, e, "lock") from None
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode) or info.st_nlink != 1:
                # A hard link or a device here would have us write into someone else's file.
                raise MentorlogError(
                    f"{lock_path} is not a plain file of its own; remove it and try again"
                )
            os.fchmod(fd, 0o600)
            self._wait_for_lock(fd, fcntl)
            try:  # who holds the lock, for a waiting writer's message; best effort (disk full)
                os.ftruncate(fd, 0)
                os.pwrite(fd, _holder_line().encode("utf-8", "replace"), 0)
            except OSError:
                pass
            self._lock_fd = fd
            self._lock_depth = 1
            self.sweep()
            try:
                yield self
            finally:
                self._lock_depth = 0
                self._lock_fd = None
                try:
                    os.ftruncate(fd, 0)
                except OSError:
                    pass
        finally:
            os.close(fd)  # closing releases the flock

    def _wait_for_lock(self, fd: int, fcntl: Any) -> None:
        """flock, polling (1 ms doubling to 50 ms) until lock_timeout; a dead holder's lock is
        released by the kernel, so only a live process can make us wait."""
        started = time.monotonic()
        deadline = started + self.lock_timeout
        pause = 0.001
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                holder = _read_holder(fd) or "another mentorlog"
                if time.monotonic() >= deadline:
                    raise MentorlogError(
                        f"{self.root} is locked by {holder}; gave up after "
                        f"{self.lock_timeout:g} s (try again when it has finished)"
                    ) from None
                if not told and time.monotonic() - started >= 0.5:
                    sys.stderr.write(f"Waiting for {holder} to finish...\n")
                    sys.stderr.flush()
                    told = True
                time.sleep(min(pause, max(0.0, deadline - time.monotonic())))
                pause = min(pause * 2, 0.05)

    def _require_lock(self) -> None:
        if not self._lock_depth:
            raise RuntimeError("write outside store.lock()")  # a programming error

    def sweep(self) -> list[Path]:
        """Remove temp files a crashed writer left behind (safe: we hold the lock)."""
        swept: list[Path] = []
        folders = [self.root]
        try:
            folders += [
                Path(e.path) for e in os.scandir(self.root) if e.is_dir(follow_symlinks=False)
            ]
        except OSError:
            return swept
        for folder in folders:
            try:
                entries = list(os.scandir(folder))
            except OSError:
                continue
            for e in entries:
                if e.name.startswith(TMP_PREFIX) and e.name.endswith(TMP_SUFFIX):
                    _unlink_quietly(Path(e.path))
                    swept.append(Path(e.path))
        return swept

    @staticmethod
    def _os_problem(path: Path, e: OSError, doing: str) -> MentorlogError:
        if e.errno == errno.ELOOP:
            return MentorlogError(f"{path} is a symbolic link; mentorlog does not follow links")
        if e.errno == errno.EISDIR:
            return FileProblem(str(path), "is a folder, expected a file")
        reason = e.strerror or str(e)
        return MentorlogError(f"could not {doing} {path}: {reason}")


def _key(st: os.stat_result) -> list[int]:
    """What a cache entry is checked against. The change time cannot be set back by tools
    that keep modification times (cp -p, touch -d); any write or rename changes it."""
    return [st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino]


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


def _holder_line() -> str:
    args = " ".join(sys.argv[1:3])
    return f"pid {os.getpid()} (mentorlog {args})".replace("\n", " ")[:200] + "\n"


def _read_holder(fd: int) -> str:
    try:
        return os.pread(fd, 300, 0).decode("utf-8", "replace").strip()
    except OSError:
        return ""


def _unlink_quietly(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


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
    _unlink_quietly(tmp)


def _write_atomically(path: Path, data: bytes, put: Callable[[Path], None]) -> None:
    """Every atomic write: a flushed 0600 temp file beside `path`, which `put` moves into place
    (rename, or link without replacing); the temp file never outlives a failure.
    FileExistsError from `put` passes through for the caller to word."""
    tmp = _write_temp(path, data)
    try:
        put(tmp)
    except FileExistsError:
        _unlink_quietly(tmp)
        raise
    except OSError as e:
        _unlink_quietly(tmp)
        raise Store._os_problem(path, e, "write") from None
    except BaseException:
        _unlink_quietly(tmp)
        raise
    _fsync_dir(path.parent)


def _write_temp(path: Path, data: bytes) -> Path:
    """`data` in a new 0600 temp file beside `path`, flushed to disk; removed on any failure."""
    tmp = path.parent / f"{TMP_PREFIX}{path.name}.{os.urandom(4).hex()}{TMP_SUFFIX}"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC,
                     0o600)
    except OSError as e:
        raise Store._os_problem(path, e, "write") from None
    try:
        try:
            os.fchmod(fd, 0o600)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as e:
        _unlink_quietly(tmp)
        raise Store._os_problem(path, e, "write") from None
    except BaseException:
        _unlink_quietly(tmp)
        raise
    return tmp
