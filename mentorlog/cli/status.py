"""`mentorlog status`: the dashboard."""

from __future__ import annotations

from typing import Annotated

import typer

from mentorlog.cli import common
from mentorlog.core.status import to_json
from mentorlog.storage.conflicts import waiting
from mentorlog.storage.journal import dashboard
from mentorlog.storage.store import Store
from mentorlog.views.conflicts import show_conflicts
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
    # Sync conflicts wait in the data folder's conflicts/, whichever mentorship this is.
    home = common.session(ctx).home
    conflicts = waiting(st if st.root == home else Store(home))
    if as_json:
        print_json({**to_json(board), "conflicts": conflicts})
    else:
        show(board)
        show_conflicts(conflicts)
