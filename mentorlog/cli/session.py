"""One run of mentorlog: which data folder and mentorship it works on (no typer here).

The full command line and its fast path (mentorlog/fastpath.py) both build one.
"""

from __future__ import annotations

from pathlib import Path

from mentorlog.storage.home import resolve_home
from mentorlog.storage.store import Store


class Session:
    """One run of mentorlog: the resolved data folder, opened on first use."""

    def __init__(self, home: Path | None, mentorship: str | None = None) -> None:
        self.home_flag = home
        self.mentorship = mentorship
        self._store: Store | None = None

    @property
    def home(self) -> Path:
        """The data folder itself (the default mentorship lives here)."""
        return resolve_home(self.home_flag)

    @property
    def store(self) -> Store:
        """The selected mentorship's folder: --mentorship, $MENTORLOG_MENTORSHIP, or the default."""
        if self._store is None:
            import os

            from mentorlog.storage.mentorships import root_for

            name = self.mentorship or os.environ.get("MENTORLOG_MENTORSHIP") or None
            self._store = Store(root_for(self.home, name))
            self._store.sealer.ask = ask_passphrase if _terminal() else None
            self._store.sealer.notice = _notice
        return self._store


def _notice(text: str) -> None:
    from mentorlog.views.console import echo

    echo(text, stderr=True)


def _terminal() -> bool:
    import sys

    return sys.stdin.isatty()


def ask_passphrase(prompt: str) -> str:
    """The key's passphrase, typed without echo (encrypted entries: storage/crypto.py)."""
    import getpass

    from mentorlog.core.errors import MentorlogError

    try:
        return getpass.getpass(prompt)
    except EOFError:
        raise MentorlogError("no passphrase given") from None
