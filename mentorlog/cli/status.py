"""`mentorlog status`: the dashboard (drawn by mentorlog/views/status.py)."""

from __future__ import annotations

from typing import Annotated

import typer

from mentorlog.cli import common
from mentorlog.views.status import load_board, show  # noqa: F401  (used by demo and scripts)


def status(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON (docs/json.md).")] = False,
) -> None:
    """Show where your mentorship stands: week, next meeting, task and goals.

    Example: mentorlog status --json
    """
    from mentorlog.views import status as statusview

    statusview.run(common.session(ctx), as_json)
