"""What every command needs: the data folder, the clock, and whether it may ask questions."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import typer

from mentorlog.store import Store, resolve_home


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

            from mentorlog.mentorships import root_for

            name = self.mentorship or os.environ.get("MENTORLOG_MENTORSHIP") or None
            self._store = Store(root_for(self.home, name))
        return self._store


def session(ctx: typer.Context) -> Session:
    obj = ctx.find_root().obj
    if not isinstance(obj, Session):  # a command invoked without the root callback
        obj = ctx.find_root().obj = Session(None)
    return obj


def store(ctx: typer.Context) -> Store:
    return session(ctx).store


def agreement(ctx: typer.Context) -> Any:
    from mentorlog.formats import AGREEMENT

    return store(ctx).load(AGREEMENT)


def now(tz_name: str | None = None) -> datetime:
    """Now, in the mentee's zone when it is known (MENTORLOG_NOW pins it)."""
    from mentorlog import clock
    from mentorlog.model import zone

    return clock.now(zone(tz_name) if tz_name else None)


def can_prompt(no_input: bool) -> bool:
    """Prompts only when asked for and stdin is a terminal (principle 5)."""
    return not no_input and sys.stdin.isatty()
