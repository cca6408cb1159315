"""`mentorlog report`: the growth report, month by month, as charts (or --json)."""

from __future__ import annotations

from typing import Annotated

import typer

from mentorlog.cli import common
from mentorlog.core.report import to_json
from mentorlog.storage.growth import growth_report
from mentorlog.views.console import print_json
from mentorlog.views.report import show


def report(
    ctx: typer.Context,
    since: Annotated[str | None, typer.Option(
        help="From this day or month (2026-12); default: the first meeting.",
        show_default=False)] = None,
    until: Annotated[str | None, typer.Option(
        help="To this day or month; default: today (or the end).", show_default=False)] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON (docs/json.md).")] = False,
) -> None:
    """Your growth, month by month: meetings and hours, tasks, goals, questions, check-ins.

    Example: mentorlog report --since 2026-12
    """
    agreement = common.agreement(ctx)
    today = common.now(agreement.mentee_tz).date()
    found = growth_report(common.store(ctx), agreement, today, since, until)
    if as_json:
        print_json(to_json(found))
    else:
        show(found)
