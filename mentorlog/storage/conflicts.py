"""Sync conflicts waiting for the mentee: the other machine's versions `sync` kept in
`conflicts/` (never committed, never pushed) until `mentorlog sync resolve` settles them."""

from __future__ import annotations

from mentorlog.storage.store import Store

FOLDER = "conflicts"
INDEX = "_index.toml"  # what each copy belongs to (mentorlog/sharing/aside.py): not a copy


def waiting(store: Store) -> list[str]:
    """The conflict files waiting, as paths relative to the data folder, oldest name first."""
    path = store.path(FOLDER)
    if not path.is_dir() or path.is_symlink():
        return []
    return sorted(f"{FOLDER}/{p.name}" for p in path.iterdir()
                  if p.is_file() and not p.name.startswith(".") and p.name != INDEX)
