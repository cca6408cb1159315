"""A data folder that encrypts at a given level, for the round trips of sealed records
(Hypothesis runs them many times in one test: the key is made once per test folder)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from mentorlog.storage.crypto import create_identity
from mentorlog.storage.formats import CONFIG
from mentorlog.storage.store import Store


@contextmanager
def sealed_store(tmp_path: Path, level: str) -> Iterator[Store]:
    """A fresh data folder under `tmp_path` with `encrypt = level`, encrypting to a key
    without a passphrase that MENTORLOG_IDENTITY names while inside."""
    key = tmp_path / "key.txt"
    if not key.exists():
        create_identity(key, "", datetime(2026, 1, 1))
    os.environ["MENTORLOG_IDENTITY"] = str(key)
    try:
        store = Store(tmp_path / f"home-{os.urandom(4).hex()}")
        recipient = key.with_name("key.txt.pub").read_text().strip()
        with store.lock():
            store.save(CONFIG, store.load(CONFIG).set("encrypt", level)
                       .set("encrypt_to", recipient))
        yield store
    finally:
        del os.environ["MENTORLOG_IDENTITY"]
