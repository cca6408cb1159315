"""Auto-commit: after a command wrote to the journal, commit it when the user asked for that."""

from __future__ import annotations

import sys
from pathlib import Path

from mentorlog.core.errors import MentorlogError
from mentorlog.storage.store import Store


def after_command(home: Path, written: Store, command: str) -> str | None:
    """Commit the data folder if `sync_autocommit` is on and it is a git repository.

    The journal is already saved when this runs, so a failing commit is a warning on
    stderr, not an error: `mentorlog sync` commits whatever is left later.
    """
    from mentorlog.sharing import sync
    from mentorlog.storage.formats import CONFIG

    if not sync.is_repository(home):
        return None
    try:
        if not written.load(CONFIG).sync_autocommit:
            return None
        return sync.commit(Store(home), command=command)
    except MentorlogError as e:
        sys.stderr.write(f"Warning: saved, but not committed to git: {e}\n")
        return None
