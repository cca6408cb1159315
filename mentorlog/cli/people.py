"""`mentorlog people`: the people your mentor connected you with (the guide's "who can they
connect you with?"), each introduction followed up to an outcome."""

from __future__ import annotations

from typing import Annotated

import typer

from mentorlog.cli import common
from mentorlog.core import people as ledger
from mentorlog.core.dates import parse_date
from mentorlog.storage.formats import FOLLOWUPS, PEOPLE
from mentorlog.views import people as view
from mentorlog.views.console import print_json

app = typer.Typer(
    help="The people your mentor connected you with, and what came of it."
    "\n\nExample: mentorlog people add \"Grace Hopper\" --context \"maintains the parser\"",
    invoke_without_command=True,
    rich_markup_mode=None,
)


@app.callback()
def show(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON (docs/json.md).")] = False,
) -> None:
    """List the people your mentor introduced you to, with their follow-ups.

    Example: mentorlog people --json
    """
    if ctx.invoked_subcommand:
        return
    common.agreement(ctx)
    st = common.store(ctx)
    people = st.load(PEOPLE).people
    followups = {f.id: f for f in st.load(FOLLOWUPS).followups}
    if as_json:
        print_json(view.list_json(people, followups))
    else:
        view.show_list(people, followups)


@app.command()
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Their name.")],
    context: Annotated[str, typer.Option(help="Who they are, why you met.")] = "",
    on: Annotated[str, typer.Option("--date", help="When you were introduced.")] = "today",
) -> None:
    """Add someone your mentor introduced you to; a follow-up of kind intro tracks it.

    Example: mentorlog people add "Grace Hopper" --context "maintains the parser"
    """
    st = common.open_mentorship(ctx)
    today = common.now(common.agreement(ctx).mentee_tz).date()
    day = parse_date(on, today)
    with st.lock():  # the person and the follow-up land together, or neither does
        people, followups = ledger.introduce(st.load(PEOPLE), st.load(FOLLOWUPS), name,
                                             context, day, today)
        st.save(FOLLOWUPS, followups)
        st.save(PEOPLE, people)
    view.show_added(people.last, followups.last)


@app.command()
def link(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(help="Their id: p1 (see 'mentorlog people').")],
    followup_id: Annotated[str, typer.Argument(help="A follow-up: o1, f2, i3.")],
) -> None:
    """Link a follow-up (an opportunity, a thing to do) to a person of the ledger.

    The ids are in 'mentorlog people' and 'mentorlog followup'.

    Example: mentorlog people link p1 o1
    """
    st = common.open_mentorship(ctx)
    with st.lock():
        f = st.load(FOLLOWUPS).get(followup_id)
        people = st.load(PEOPLE).link(person, f.id)
        st.save(PEOPLE, people)
    view.show_linked(people.get(person), f)
