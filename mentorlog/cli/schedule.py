"""`mentorlog schedule`: the coming meetings in both zones."""

from __future__ import annotations

from typing import Annotated

import typer

from mentorlog.cli import common
from mentorlog.core import schedule as plan
from mentorlog.storage.journal import skipped_days
from mentorlog.views.console import print_json
from mentorlog.views.schedule import meeting_json, show


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
    a = common.agreement(ctx)
    now = common.now(a.mentee_tz)
    found = plan.coming(a, now, count, skipped_days(common.store(ctx), now.date()))
    if as_json:
        print_json([meeting_json(a, o) for o in found if o.planned])
    else:
        show(a, found, plan.coming_gaps(a, now.date()))
