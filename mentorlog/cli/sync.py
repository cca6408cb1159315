"""`mentorlog sync`: keep the journal on several machines through git."""

from __future__ import annotations

from typing import Annotated

import typer

from mentorlog.cli import common
from mentorlog.core.errors import MentorlogError
from mentorlog.sharing import sync as syncing
from mentorlog.storage.store import Store
from mentorlog.views.console import out


def sync(
    ctx: typer.Context,
    init: Annotated[
        bool, typer.Option("--init", help="Make the data folder a git repository.")
    ] = False,
    remote: Annotated[
        str | None, typer.Argument(help="With --init: a git remote (URL or path).")
    ] = None,
) -> None:
    """Commit what changed, merge the other machine's changes, push.

    With a remote (any git URL or path): mentorlog sync --init REMOTE.

    Example: mentorlog sync --init
    """
    if remote and not init:
        raise MentorlogError("a remote goes with --init: mentorlog sync --init REMOTE")
    # The whole data folder is one repository, every mentorship in it.
    store = Store(common.session(ctx).home)
    said = syncing.init(store, remote) if init else syncing.sync(store)
    for line in said or ["Nothing to sync."]:
        out().print(line)
