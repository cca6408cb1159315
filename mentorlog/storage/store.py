"""The Store: a data folder's records, read through verified caches and written under one lock.

Guarantees (docs/reliability.md): every write is atomic (storage/files.py) and happens
inside `with store.lock():` (storage/lock.py); a file that cannot be parsed is reported as
`path:line:col: what` and never rewritten; symbolic links inside the data folder are
refused, so their targets are never read or written. The data folder holds only the user's
files and the lock: the caches live in the user's cache folder (storage/cache.py).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from mentorlog.core.errors import FileProblem, MentorlogError, NoAgreement, SchemaError
from mentorlog.storage.cache import MISSING, Cache, FrontMatters, file_key
from mentorlog.storage.cache import summaries as cached_summaries
from mentorlog.storage.documents import Document, dump_document, parse_document
from mentorlog.storage.files import (
    check_owned,
    decode_text,
    encode_text,
    make_folders,
    os_problem,
    read_regular_file,
    refuse_links,
    replace_atomically,
    safe_name,
    safe_parts,
    sweep_temp_files,
    tighten,
)
from mentorlog.storage.lock import LOCK_NAME, WriterLock, timeout_seconds
from mentorlog.storage.sealing import DOC_TEXT, TOML_TEXT, Sealer, doc_kind
from mentorlog.storage.search import search as cached_search
from mentorlog.storage.specs import DocFolder, TomlFile
from mentorlog.storage.toml import dump_toml_data, parse_toml
from mentorlog.storage.transaction import Transaction, pending, recover, remove_journal

# decode_text is imported from here by storage/entries.py and the tests.
__all__ = ["DocFolder", "Store", "TomlFile", "decode_text", "dump_toml", "encode_text"]

T = TypeVar("T")

DRAFTS = "drafts/"  # a stopped conversation's answers (cli/drafts.py), kept on this machine
LEGACY_CACHE = ".cache"  # where earlier versions kept their caches, inside the data folder


def dump_toml(spec: TomlFile[T], value: T) -> str:
    """The text of a TOML data file (pure): schema_version first, then the codec's keys."""
    return dump_toml_data(spec.encode(value))


class Store:
    """A data folder. Reads need no lock; every write happens inside `with store.lock():`."""

    def __init__(self, root: Path, lock_timeout: float | None = None) -> None:
        self.root = Path(root)
        self.cache = Cache(self.root)
        self.front_matters = FrontMatters(self.cache, parse_toml)
        self.writer_lock = WriterLock(self.root / LOCK_NAME, timeout_seconds(lock_timeout),
                                      self.cache)
        self.wrote = False  # set by every write; the root command auto-commits after one
        self.transaction: Transaction | None = None  # the writes under the lock held now
        self.recovered = 0  # files put back from an interrupted transaction (`check` says)
        self._opened = False
        # Encryption at rest (storage/sealing.py): text sealed on write, opened on read.
        self.sealer = Sealer(self)
        self._saved: dict[str, tuple[TomlFile[Any], Any, str]] = {}  # in the lock held now

    # paths

    def path(self, rel: str) -> Path:
        """The path of a data file; refuses anything that could leave the data folder."""
        return self.root.joinpath(*safe_parts(rel))

    def display(self, rel: str) -> str:
        return str(self.path(rel))

    def ensure_root(self) -> None:
        make_folders(self.root, self.root)
        if not self.root.is_dir():
            raise FileProblem(str(self.root), "is a file, expected the data folder")
        try:
            if self.root.stat().st_mode & 0o077:
                os.chmod(self.root, 0o700)
        except OSError:
            pass

    def open(self) -> None:
        """Before the first read: refuse a data folder another user owns or may write, and
        finish (undo) a transaction a killed process left, so nothing half-written is read."""
        if self._opened:
            return
        self._opened = True
        try:
            info = os.stat(self.root)  # the root may be a link: the user's choice of place
        except (FileNotFoundError, NotADirectoryError):
            return
        except OSError as e:
            raise os_problem(self.root, e, "read") from None
        check_owned(self.root, info, self.root)
        if pending(self.root):
            with self.lock():
                pass  # taking the lock puts the files back and sweeps (or waits for a writer)

    # raw reads

    def read_bytes(self, rel: str) -> bytes | None:
        """The file's bytes, or None if there is no file. Links and folders are refused."""
        self.open()
        path = self.path(rel)
        if path.parent != self.root:
            try:
                refuse_links(self.root, path.parent)
            except (FileNotFoundError, NotADirectoryError):
                return None
            except OSError as e:
                raise os_problem(path, e, "read") from None
        return read_regular_file(path, self.root)

    def read_text(self, rel: str) -> str | None:
        data = self.read_bytes(rel)
        return None if data is None else decode_text(data, self.display(rel))

    def exists(self, rel: str) -> bool:
        self.open()
        return os.path.lexists(self.path(rel))

    def list_docs(self, folder: str) -> list[str]:
        """`folder/NAME.md` paths, sorted by name (names start with the date)."""
        self.open()
        path = self.path(folder)
        try:
            refuse_links(self.root, path)
            names = os.listdir(path)
        except (FileNotFoundError, NotADirectoryError):
            return []
        except OSError as e:
            raise os_problem(path, e, "read") from None
        return [f"{folder}/{n}" for n in sorted(names)
                if n.endswith(".md") and not n.startswith(".")]

    # typed reads

    def load(self, spec: TomlFile[T]) -> T:
        """The decoded file. The big files' decoded values are kept as rows in the cache
        (`NAME.rows-1`), used while the file's stat is the one they were made from."""
        self.open()
        key = file_key(self.path(spec.name))
        if spec.unpack is None or spec.pack is None:
            return self._load_data(spec, key)
        name = f"{spec.name}.rows-1"
        rows = self.cache.read_json(name, key) if key is not None else MISSING
        if rows is not MISSING:
            try:
                return spec.unpack(rows)
            except Exception:
                pass  # not rows this version wrote: decode the file
        opened = self.sealer.opened
        value = self._load_data(spec, None)
        if key is not None and self.sealer.opened == opened:  # never the text of sealed ones
            self.cache.write_json(name, spec.pack(value), key)
        return value

    def _load_data(self, spec: TomlFile[T], key: list[int] | None) -> T:
        """Parse the file (or take its parsed TOML from the cache, under `key`) and decode.

        The parsed TOML of a file (tasks.toml after years of weekly tasks is 250 kB: 30 ms
        to parse) is kept in `NAME.json` with the file's stat when it was read."""
        name = f"{spec.name}.json"
        if key is not None:
            data = self.cache.read_json(name, key, tagged=True)
            if data is not MISSING:
                try:
                    return spec.decode(self._opened_toml(spec, data))
                except Exception:
                    pass  # whatever is wrong, the file itself says what it holds
        text = self.read_text(spec.name)
        if text is None:
            if spec.empty is None:
                raise NoAgreement() if spec.name == "agreement.toml" else MentorlogError(
                    f"{self.display(spec.name)} does not exist"
                )
            return spec.empty()
        data = parse_toml(text, self.display(spec.name))
        if key is not None:
            self.cache.write_json(name, data, key, tagged=True)  # sealed text stays sealed
        try:
            return spec.decode(self._opened_toml(spec, data))
        except SchemaError as e:
            raise FileProblem(self.display(spec.name), str(e)) from None

    def _opened_toml(self, spec: TomlFile[T], data: Any) -> Any:
        return self.sealer.open_toml(spec.name, data)[0] if spec.name in TOML_TEXT else data

    def read_draft(self, rel: str) -> str | None:
        """A draft's text (`drafts/`), opened when it was written sealed."""
        text = self.read_text(rel)
        return None if text is None else self.sealer.open_draft(rel, text)

    def decode_toml(self, spec: TomlFile[T], text: str) -> T:
        where = self.display(spec.name)
        data = parse_toml(text, where)
        try:
            return spec.decode(data)
        except SchemaError as e:
            raise FileProblem(where, str(e)) from None

    def load_doc(self, rel: str, opened: bool = True) -> Document:
        text = self.read_text(rel)
        if text is None:
            raise MentorlogError(f"{self.display(rel)} does not exist")
        return self.parse_doc(text, rel, opened)

    def parse_doc(self, text: str, rel: str, opened: bool = True) -> Document:
        """parse_document, with the front matters read lately kept by their text; sealed
        text opened, unless `opened` is False (what stays in clear is enough)."""
        doc = parse_document(text, self.display(rel), self.front_matters.parse)
        return self.sealer.open_doc(rel, doc) if opened else doc

    def load_record(self, folder: DocFolder[T], rel: str, opened: bool = True) -> T:
        doc = self.load_doc(rel, opened)
        try:
            return folder.decode(doc)
        except SchemaError as e:
            raise FileProblem(self.display(rel), str(e)) from None

    def load_all(self, folder: DocFolder[T]) -> list[T]:
        return [self.load_record(folder, rel) for rel in self.list_docs(folder.name)]

    def summaries(self, folder: str, summarize: Callable[[str], Any], kind: str) -> list[Any]:
        """`summarize(rel)` of every document in `folder` (list_docs order), kept in a cache.

        The cache (`FOLDER.KIND.json`) keeps each file's stat (modification and change
        times, size, inode) when it was read, and its summary. A file whose stat differs,
        or that changed in the last two seconds, is summarized again, so a hand edit shows
        at once. `summarize` reads the file through the store (a file that cannot be parsed
        is reported as always) and returns JSON values. `kind` names the summary's shape: a
        cache written for another shape is never used."""
        return cached_summaries(self.cache, folder, self._doc_entries(folder), summarize, kind,
                                lambda: self.sealer.opened)

    def search(self, folder: str, summarize: Callable[[str], tuple[Any, list[str] | None]],
               kind: str, word: str) -> list[Any]:
        """The summaries of the documents in `folder` (list_docs order) one of whose texts
        contains `word` (lower case), kept in a cache made for searching.

        `summarize(rel)` returns (summary as JSON values, the texts to search, lower case),
        or (summary, None) for a document that must be looked at on every search (one that
        cannot be read: its summary is always returned, and never cached). The cache
        (`FOLDER.KIND`, format in storage/search.py) holds every file's name, stat, summary
        and texts. A search stats every file, so a hand edit shows at once; when the names
        and stats are the ones cached, one `bytes.find` runs over all the texts and only
        the summaries found are decoded: ten years of notes are searched without opening
        or parsing them. Otherwise the changed files are summarized again and the cache is
        rewritten (a file changed in the last two seconds, or a link, is never cached)."""
        return cached_search(self.cache, folder, self._doc_entries(folder), summarize, kind, word)

    def _doc_entries(self, folder: str) -> list[os.DirEntry[str]]:
        """The `.md` files of `folder` as directory entries, by name."""
        self.open()
        try:
            refuse_links(self.root, self.path(folder))
            return sorted((e for e in os.scandir(self.path(folder))
                           if e.name.endswith(".md") and not e.name.startswith(".")),
                          key=lambda e: e.name)
        except (FileNotFoundError, NotADirectoryError):
            return []

    # writes

    def save(self, spec: TomlFile[T], value: T) -> None:
        text = self.sealed_text(spec, value)
        if spec.name.startswith(DRAFTS):  # answers being typed: sealed whole, while on
            text = self.sealer.seal_draft(text)
        self.write_text(spec.name, text)
        if spec.name in TOML_TEXT:
            self._saved[spec.name] = (spec, value, text)
        if spec.name == "config.toml":
            self.sealer.forget()

    def sealed_text(self, spec: TomlFile[T], value: T) -> str:
        """The TOML text of `value`, its free text sealed at its level (what `save` writes,
        but for a draft, which it seals whole)."""
        data = spec.encode(value)
        if spec.name in TOML_TEXT:
            data = self.sealer.seal_toml(spec.name, data)
        return dump_toml_data(data)

    def update(self, spec: TomlFile[T], change: Callable[[T], T]) -> T:
        """Load, change and save one file under the lock; returns the new value."""
        with self.lock():
            new = change(self.load(spec))
            self.save(spec, new)
            return new

    def save_doc(self, rel: str, doc: Document) -> None:
        if doc_kind(rel) in DOC_TEXT:
            doc = self.sealer.seal_doc(rel, doc)
        self.write_text(rel, dump_document(doc))
        if doc_kind(rel) == "meetings" and self.sealer.sealed_levels():
            # What was saved before this meeting in the same change may inherit its level.
            for spec, value, text in list(self._saved.values()):
                if self.sealed_text(spec, value) != text:
                    self.save(spec, value)

    def new_doc_name(self, folder: str, stem: str) -> str:
        """A free `folder/stem.md` (or `stem-2.md`, ...); call it with the lock held."""
        self._require_lock()
        if not safe_name(stem):
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
        self._before_change(rel, path, _missing_folders(self.root, path.parent))
        make_folders(self.root, path.parent)
        if path.is_symlink():
            raise MentorlogError(
                f"{path} is a symbolic link; mentorlog does not write through links"
            )
        if path.is_dir():
            raise FileProblem(str(path), "is a folder, expected a file")
        replace_atomically(path, data)
        self.wrote = True

    def remove(self, rel: str) -> None:
        self._require_lock()
        path = self.path(rel)
        if not os.path.lexists(path):
            return
        self._before_change(rel, path, [], doing="remove")
        try:
            os.unlink(path)
            self.wrote = True
        except FileNotFoundError:
            pass
        except OSError as e:
            raise os_problem(self.path(rel), e, "remove") from None

    # the writer lock

    def _before_change(self, rel: str, path: Path, new_folders: list[Path],
                       doing: str = "write") -> None:
        if self.transaction is not None:
            self.transaction.before_change(rel, path, new_folders, doing)

    @contextmanager
    def lock(self) -> Iterator[Store]:
        """Hold the exclusive writer lock (re-entrant); waits up to the lock timeout.

        Everything written while it is held is one transaction (storage/transaction.py):
        it lands whole when the block ends normally, and is undone when the block ends with
        an error. Taking the lock first undoes a transaction a killed process left, makes
        files found at 0644 private and sweeps the temp files a crashed writer left; a write
        that succeeds also removes the cache folder older versions kept in the data folder."""
        if self.writer_lock.held:
            with self.writer_lock.hold():
                yield self
            return
        self.ensure_root()
        with self.writer_lock.hold():
            self._opened = True  # what open() would check is done here, under the lock
            check_owned(self.root, os.stat(self.root), self.root)
            put_back, interrupted = recover(self.root)
            self.recovered += put_back
            tighten(self.root)
            sweep_temp_files(self.root)
            if interrupted:
                remove_journal(self.root)  # last: a crash until here is recovered again
            wrote_before = self.wrote
            self._saved = {}
            transaction = self.transaction = Transaction(self.root)
            try:
                yield self
            except BaseException as e:
                if _succeeded(e):
                    self._commit(transaction, wrote_before)
                else:
                    self._undo(transaction, wrote_before)
                raise
            self._commit(transaction, wrote_before)
            if self.wrote:
                self._remove_legacy_cache()

    def _commit(self, transaction: Transaction, wrote_before: bool) -> None:
        """The transaction's changes stay; if even that fails (a full disk), none do."""
        try:
            transaction.commit()
        except BaseException:
            self._undo(transaction, wrote_before)
            raise
        self.transaction = None

    def _undo(self, transaction: Transaction, wrote_before: bool) -> None:
        self.transaction = None
        self.wrote = wrote_before
        try:
            transaction.rollback()
        except MentorlogError:
            pass  # the journal stays: the next command puts the files back

    def _require_lock(self) -> None:
        if not self.writer_lock.held:
            raise RuntimeError("write outside store.lock()")  # a programming error

    def _remove_legacy_cache(self) -> None:
        """`.cache/` in the data folder, from versions that kept their caches there (only a
        real folder: a link is left alone, its target never touched)."""
        import shutil

        legacy = self.root / LEGACY_CACHE
        try:
            if stat.S_ISDIR(os.lstat(legacy).st_mode):
                shutil.rmtree(legacy)
        except OSError:
            pass


def _succeeded(e: BaseException) -> bool:
    """An exit with code 0 inside the block (typer.Exit(), sys.exit(0)) is no failure."""
    code = getattr(e, "exit_code", getattr(e, "code", 1) if isinstance(e, SystemExit) else 1)
    return code in (0, None)


def _missing_folders(root: Path, folder: Path) -> list[Path]:
    """The folders between `root` and `folder` that do not exist yet, outermost first."""
    missing = []
    while folder != root and not os.path.lexists(folder):
        missing.append(folder)
        folder = folder.parent
    return missing[::-1]
