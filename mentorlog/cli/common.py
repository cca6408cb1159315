"""What every command needs: the data folder, the clock, and whether it may ask questions."""

from __future__ import annotations

import sys
from datetime import datetime

import typer

from mentorlog.cli import clock
from mentorlog.cli.session import Session
from mentorlog.core.agreement import Agreement, zone
from mentorlog.storage.formats import AGREEMENT
from mentorlog.storage.mentorships import refuse_if_ended
from mentorlog.storage.store import Store


def session(ctx: typer.Context) -> Session:
    obj = ctx.find_root().obj
    if not isinstance(obj, Session):  # a command invoked without the root callback
        obj = ctx.find_root().obj = Session(None)
    return obj


def store(ctx: typer.Context) -> Store:
    return session(ctx).store


def open_mentorship(ctx: typer.Context) -> Store:
    """The store for a command that changes the mentorship: refused once it has ended
    (`mentorlog end`), before anything is asked or written."""
    st = store(ctx)
    refuse_if_ended(st)
    return st


def agreement(ctx: typer.Context) -> Agreement:
    return store(ctx).load(AGREEMENT)


def now(tz_name: str | None = None) -> datetime:
    """Now, in the mentee's zone when it is known (MENTORLOG_NOW pins it)."""
    return clock.now(zone(tz_name) if tz_name else None)


def can_prompt(no_input: bool) -> bool:
    """Prompts only when asked for and stdin is a terminal (principle 5)."""
    return not no_input and sys.stdin.isatty()
