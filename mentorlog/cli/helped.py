"""`mentorlog helped`: log support you gave other mentees (the guide's requirement 4)."""

from __future__ import annotations

from typing import Annotated

import typer

from mentorlog.cli import common
from mentorlog.core import helping
from mentorlog.storage.formats import HELPED
from mentorlog.views import helped as view
from mentorlog.views.console import print_json


def helped(
    ctx: typer.Context,
    text: Annotated[
        str | None,
        typer.Argument(help="What you did; without it, list what you logged.",
                       show_default=False),
    ] = None,
    minutes: Annotated[
        str | None, typer.Option("--time", "-t", help="How long: 30, 30m or 1.5h.",
                                 show_default=False)
    ] = None,
    on: Annotated[str, typer.Option("--on", help="The day (default: today).")] = "today",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON (docs/json.md).")] = False,
) -> None:
    """Log help you gave another mentee, like answering in #mentees; counted in 'status'.

    Example: mentorlog helped "reviewed Sam's CV in #mentees" --time 30m
    """
    st = common.store(ctx)
    a = common.agreement(ctx)
    if text is None:
        entries = st.load(HELPED).entries
        if as_json:
            print_json(view.helped_json(entries))
        else:
            view.show(entries)
        return
    common.open_mentorship(ctx)
    entry = helping.new_help(text, on, common.now(a.mentee_tz).date(), minutes)
    log = st.update(HELPED, lambda current: current.add(entry))
    view.show_logged(entry, helping.summary(log))
