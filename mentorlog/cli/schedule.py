"""`mentorlog schedule`: the coming meetings in both zones, or the past ones with their states."""

from __future__ import annotations

from typing import Annotated

import typer

from mentorlog.cli import common
from mentorlog.core.schedule import coming_gaps
from mentorlog.core.timeline import AHEAD
from mentorlog.storage.journal import timeline
from mentorlog.views.console import print_json
from mentorlog.views.schedule import meeting_json, show, show_past

COMING = 6


def schedule(
    ctx: typer.Context,
    count: Annotated[
        int | None, typer.Option("-n", "--count", min=1, max=520,
                                 help=f"How many meetings to list (default: {COMING}; "
                                 "with --past: all).", show_default=False)
    ] = None,
    past: Annotated[bool, typer.Option("--past", help="The past meetings, with their states "
                                       "(held, skipped, unrecorded).")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON (docs/json.md).")] = False,
) -> None:
    """List the coming meetings in your time and your mentor's; gaps and skips are marked.

    Example: mentorlog schedule -n 10
    """
    a = common.agreement(ctx)
    now = common.now(a.mentee_tz)
    line = timeline(common.store(ctx), a, now)
    if past:
        found = line.past()
        found = found[-count:] if count else found
        if as_json:
            print_json([meeting_json(a, m) for m in found])
        else:
            show_past(a, found)
        return
    ahead = line.upcoming(count or COMING)
    if as_json:
        print_json([meeting_json(a, m) for m in ahead if m.state in AHEAD])
    else:
        show(a, ahead, [] if line.ended else coming_gaps(a, now.date()), line.ended)
