"""`mentorlog status`: the dashboard."""

from __future__ import annotations

from typing import Annotated

import typer

from mentorlog.cli import common
from mentorlog.core.status import to_json
from mentorlog.storage.journal import dashboard
from mentorlog.views.console import print_json
from mentorlog.views.status import show


def status(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON (docs/json.md).")] = False,
) -> None:
    """Show where your mentorship stands: week, next meeting, task and goals.

    Example: mentorlog status --json
    """
    st = common.store(ctx)
    agreement = common.agreement(ctx)
    board = dashboard(st, common.now(agreement.mentee_tz))
    if as_json:
        print_json(to_json(board))
    else:
        show(board)
