"""The search cache behind `log --grep` (Store.search): its format, and the search over it.

One cache file per folder, `FOLDER.KIND` in the data folder's cache folder (storage/cache.py:
a verified header line, then this body): a header line of JSON, then four blocks whose
byte lengths the header gives:

- names: the documents' file names, one per line (in list_docs order);
- keys: each file's modification time, change time (ns), size and inode, as signed 64-bit
  integers in the machine's byte order (a cache is never copied between machines) —
  compared in one piece with the stat of the files;
- summaries: each file's summary as one line of JSON;
- texts: each file's texts to search (lower case), joined by NUL, the files one after the
  other (the header gives each file's length). A word from the command line holds no NUL,
  so a match never runs from one text or file into the next.
"""

from __future__ import annotations

import json
import os
import time
from array import array
from bisect import bisect_right
from collections.abc import Callable
from typing import Any

from mentorlog.storage.cache import RACY_NS, Cache, stat_key

Summarize = Callable[[str], tuple[Any, list[str] | None]]


class Index:
    """A search cache as read: the names and stat keys it was made from, and its content."""

    def __init__(self, names: bytes, keys: bytes, summaries: list[bytes], lengths: list[int],
                 data: bytes, texts_at: int) -> None:
        self.names = names
        self.keys = keys
        self.summaries = summaries
        self.lengths = lengths
        self.data = data  # the whole body: the texts are searched in place, never copied
        self.texts_at = texts_at

    def found(self, word: bytes) -> list[int]:
        """The files (indexes, in order) one of whose texts contains `word` (no NUL)."""
        starts = [self.texts_at]
        for n in self.lengths:
            starts.append(starts[-1] + n)
        hits: list[int] = []
        pos = self.data.find(word, self.texts_at)
        while pos >= 0:
            i = bisect_right(starts, pos) - 1
            hits.append(i)
            pos = self.data.find(word, starts[i + 1])  # the next file
        return hits

    def pieces(self) -> dict[str, tuple[bytes, bytes, bytes]]:
        """name -> (its stat key, its summary, its texts), to reuse an unchanged file's."""
        out = {}
        at = self.texts_at
        for n, name in enumerate(self.names.decode("utf-8").split("\n") if self.names else []):
            out[name] = (self.keys[32 * n:32 * n + 32], self.summaries[n],
                         self.data[at:at + self.lengths[n]])
            at += self.lengths[n]
        return out


def key_bytes(stats: list[tuple[int, int, int, int]] | list[list[int]]) -> bytes | None:
    """The stat keys as the cache keeps them, or None when one does not fit in 64 bits."""
    flat = array("q")
    try:
        for key in stats:
            flat.extend(key)
    except OverflowError:
        return None
    return flat.tobytes()


def encode(kind: str, names: list[str], keys: bytes, summaries: list[bytes],
           texts: list[bytes]) -> bytes:
    """The cache body for these files (every list in the same order)."""
    name_block = "\n".join(names).encode("utf-8")
    summary_block = b"\n".join(summaries)
    header = {"kind": kind, "files": len(names), "names": len(name_block), "keys": len(keys),
              "summaries": len(summary_block), "lengths": [len(t) for t in texts]}
    return b"".join([json.dumps(header).encode(), b"\n", name_block, keys, summary_block,
                     *texts])


def decode(data: bytes | None, kind: str) -> Index | None:
    """The body as written by `encode`, or None when missing, of another kind, or garbled."""
    if not data:
        return None
    try:
        start = data.index(b"\n") + 1
        header: Any = json.loads(data[:start])
        if not isinstance(header, dict) or header.get("kind") != kind:
            return None
        files, lengths = header["files"], header["lengths"]
        a = start + header["names"]
        b = a + header["keys"]
        c = b + header["summaries"]
        summaries = data[b:c].split(b"\n") if files else []
        ok = (isinstance(files, int) and len(lengths) == files == len(summaries)
              and header["keys"] == 32 * files and all(isinstance(n, int) and n >= 0
                                                       for n in lengths)
              and len(data) == c + sum(lengths))
        names = data[start:a]
        if not ok or (files and names.count(b"\n") != files - 1) or (not files and names):
            return None
        return Index(names, data[a:b], summaries, lengths, data, c)
    except (ValueError, TypeError, KeyError, AttributeError):
        return None


def search(cache: Cache, folder: str, entries: list[os.DirEntry[str]], summarize: Summarize,
           kind: str, word: str) -> list[Any]:
    """The summaries of `entries` (the documents of `folder`, in order) one of whose texts
    contains `word` (lower case); see Store.search."""
    if "\0" in word:  # the cache joins texts with NUL: read every file instead
        return [summary for summary, texts in (summarize(f"{folder}/{e.name}") for e in entries)
                if texts is None or any(word in t for t in texts)]
    racy = time.time_ns() - RACY_NS
    by_name = {e.name: e for e in entries}
    names = sorted(by_name)
    stats: list[list[int] | None] = []
    for name in names:
        e = by_name[name]
        try:
            st = None if e.is_symlink() else e.stat(follow_symlinks=False)
        except OSError:
            st = None
        fresh = st is None or st.st_mtime_ns > racy or "\n" in name
        stats.append(None if fresh else stat_key(st))  # type: ignore[arg-type]
    cache_name = f"{folder}.{kind}"
    try:
        index = decode(cache.read(cache_name), kind)
        kept = _search_index(index, names, stats, word)
        if kept is not None:
            return kept
        old = index.pieces() if index is not None else {}
    except Exception:  # whatever is wrong with the cache, the files are read instead
        index, old = None, {}
    found: list[Any] = []
    kept_names: list[str] = []
    kept_stats: list[list[int]] = []
    kept_summaries: list[bytes] = []
    kept_texts: list[bytes] = []
    word_bytes = word.encode()
    for name, key in zip(names, stats, strict=True):
        key_b = key_bytes([key]) if key is not None else None
        hit = old.get(name)
        reused = key_b is not None and hit is not None and hit[0] == key_b
        if reused:
            summary_b, texts_b = hit[1], hit[2]  # type: ignore[index]
            if word_bytes in texts_b:
                try:
                    found.append(json.loads(summary_b))
                except ValueError:
                    reused = False  # not what this version wrote: read the file
        if not reused:
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
    kept_keys = key_bytes(kept_stats)
    if kept_keys is not None and (index is None or index.keys != kept_keys
                                  or index.names != "\n".join(kept_names).encode()):
        cache.write(cache_name, encode(kind, kept_names, kept_keys, kept_summaries, kept_texts))
    return found


def _search_index(index: Index | None, names: list[str], stats: list[list[int] | None],
                  word: str) -> list[Any] | None:
    """What the cache finds when it holds exactly these files as they are now, else None."""
    if index is None or None in stats:
        return None
    keys = key_bytes(stats)  # type: ignore[arg-type]
    if keys is None or index.keys != keys:
        return None
    try:
        if index.names != "\n".join(names).encode("utf-8"):
            return None
    except UnicodeEncodeError:
        return None
    return [json.loads(index.summaries[i]) for i in index.found(word.encode())]
