"""What names a data file and its codec: a TOML file (`TomlFile`) or a folder of markdown
documents (`DocFolder`). storage/formats.py lists every one; the Store reads and writes them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from msgspec import Struct

from mentorlog.storage.documents import Document

T = TypeVar("T")


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
