"""`mentorlog agenda`: what to bring to the next meeting."""

from __future__ import annotations

from typing import Annotated

import typer

from mentorlog.cli import common
from mentorlog.core.agenda import to_json, to_markdown
from mentorlog.storage.journal import agenda_plan
from mentorlog.views.agenda import show
from mentorlog.views.console import echo, print_json


def agenda(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON (docs/json.md).")] = False,
    fmt: Annotated[
        str, typer.Option("--format", help="text, or md to paste to your mentor.")
    ] = "text",
    include_private: Annotated[
        bool, typer.Option("--include-private", help="With --format md: keep private entries.")
    ] = False,
    include_confidential: Annotated[
        bool, typer.Option("--include-confidential",
                           help="With --format md: keep confidential entries.")
    ] = False,
) -> None:
    """What to bring to the next meeting: task, questions, notes, follow-ups, wrap-up.

    Example: mentorlog agenda --format md
    """
    if fmt not in ("text", "md"):
        raise typer.BadParameter(f"{fmt!r}: use text or md", param_hint="--format")
    agreement = common.agreement(ctx)
    plan = agenda_plan(common.store(ctx), agreement, common.now(agreement.mentee_tz))
    if as_json:
        print_json(to_json(plan))
    elif fmt == "md":
        echo(to_markdown(plan, include_private, include_confidential), end="")
    else:
        show(plan)
