"""The search cache's format (Store.search): pure, no I/O.

One file per folder, `.cache/<folder>.<kind>`: a header line of JSON, then four blocks whose
byte lengths the header gives:

- names: the documents' file names, one per line (in list_docs order);
- keys: each file's modification time, change time (ns), size and inode, as signed 64-bit
  integers in the machine's byte order (a cache is never copied between machines: `sync`
  leaves it out) — compared in one piece with the stat of the files;
- summaries: each file's summary as one line of JSON;
- texts: each file's texts to search (lower case), joined by NUL, the files one after the
  other (the header gives each file's length). A word from the command line holds no NUL,
  so a match never runs from one text or file into the next.
"""

from __future__ import annotations

import json
from array import array

from typing import Any

class Index:
    """A search cache as read: the names and stat keys it was made from, and its content."""

    def __init__(self, names: bytes, keys: bytes, summaries: list[bytes], lengths: list[int],
                 data: bytes, texts_at: int) -> None:
        self.names = names
        self.keys = keys
        self.summaries = summaries
        self.lengths = lengths
        self.data = data  # the whole file: the texts are searched in place, never copied
        self.texts_at = texts_at

    def found(self, word: bytes) -> list[int]:
        """The files (indexes, in order) one of whose texts contains `word` (no NUL)."""
        from bisect import bisect_right

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


def key_bytes(stats: list[tuple[int, int, int, int]]) -> bytes | None:
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
    """The cache file for these files (every list in the same order)."""
    name_block = "\n".join(names).encode("utf-8")
    summary_block = b"\n".join(summaries)
    header = {"kind": kind, "files": len(names), "names": len(name_block), "keys": len(keys),
              "summaries": len(summary_block), "lengths": [len(t) for t in texts]}
    return b"".join([json.dumps(header).encode(), b"\n", name_block, keys, summary_block,
                     *texts])


def decode(data: bytes | None, kind: str) -> Index | None:
    """The cache as written by `encode`, or None when missing, of another kind, or garbled."""
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
