"""`mentorlog schedule`: the coming meetings in both zones (drawn by mentorlog/views/schedule.py)."""

from __future__ import annotations

from typing import Annotated

import typer

from mentorlog.cli import common


def schedule(
    ctx: typer.Context,
    count: Annotated[
        int, typer.Option("-n", "--count", min=1, max=520, help="How many meetings to list.")
    ] = 6,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON (docs/json.md).")] = False,
) -> None:
    """List the coming meetings in your time and your mentor's; gaps and skips are marked.

    Example: mentorlog schedule -n 10
    """
    from mentorlog.views import schedule as scheduleview

    scheduleview.run(common.session(ctx), count, as_json)
