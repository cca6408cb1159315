"""`mentorlog agenda`: what to bring to the next meeting (drawn by mentorlog/views/agenda.py)."""

from __future__ import annotations

from typing import Annotated

import typer

from mentorlog.cli import common


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
    from mentorlog.views import agenda as agendaview

    agendaview.run(common.session(ctx), as_json, fmt, include_private, include_confidential)
