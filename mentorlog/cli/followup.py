"""`mentorlog followup`: what the mentor watches for, the wrap-up's "anything else" and
introductions, followed up until done or dropped."""

from __future__ import annotations

from typing import Annotated

import typer

from mentorlog.cli import common
from mentorlog.core.followups import FOLLOWUP_KINDS, KIND_WORDS
from mentorlog.storage.formats import FOLLOWUPS, PEOPLE
from mentorlog.storage.store import Store
from mentorlog.views.console import escape, out, print_json
from mentorlog.views.followup import list_json, show_closed, show_list

app = typer.Typer(
    help="Follow-ups: opportunities, things to do and introductions, until done or dropped."
    "\n\nExample: mentorlog followup done o1 --outcome \"submitted a talk\"",
    invoke_without_command=True,
    rich_markup_mode=None,
)

FollowUpId = Annotated[str, typer.Argument(help="Its id: o1, f2, i3 (see 'mentorlog followup').")]
PersonId = Annotated[str | None, typer.Option(
    "--person", help="Link it to a person of 'mentorlog people' (p1).", show_default=False)]


@app.callback()
def show(
    ctx: typer.Context,
    everything: Annotated[bool, typer.Option("--all", help="Closed ones too.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON (docs/json.md).")] = False,
) -> None:
    """List the open follow-ups.

    Example: mentorlog followup --all --json
    """
    if ctx.invoked_subcommand:
        return
    common.agreement(ctx)
    book = common.store(ctx).load(FOLLOWUPS)
    shown = list(book.followups) if everything else book.open()
    if as_json:
        print_json(list_json(shown))
    else:
        show_list(shown, everything)


def _close(ctx: typer.Context, fid: str, status: str, outcome: str,
           person: str | None = None) -> None:
    st = common.open_mentorship(ctx)
    today = common.now(common.agreement(ctx).mentee_tz).date()
    with st.lock():  # closed and linked together, or neither
        book = st.load(FOLLOWUPS).close(fid, status, today, outcome)
        _link(st, person, book.get(fid).id)
        st.save(FOLLOWUPS, book)
    show_closed(book.get(fid))


def _link(st: Store, person: str | None, fid: str) -> None:
    """Link follow-up `fid` to a person of the ledger (`--person`); call with the lock."""
    if person is not None:
        st.save(PEOPLE, st.load(PEOPLE).link(person, fid))


@app.command()
def done(
    ctx: typer.Context,
    followup_id: FollowUpId,
    outcome: Annotated[str, typer.Option(help="What came of it, in a line.")] = "",
    person: PersonId = None,
) -> None:
    """Mark a follow-up done; --person links its outcome to someone you were introduced to.

    Example: mentorlog followup done o1 --outcome "submitted a talk"
    """
    _close(ctx, followup_id, "done", outcome, person)


@app.command()
def drop(
    ctx: typer.Context,
    followup_id: FollowUpId,
    outcome: Annotated[str, typer.Option(help="Why, in a line.")] = "",
) -> None:
    """Drop a follow-up: it will not happen.

    Example: mentorlog followup drop o1
    """
    _close(ctx, followup_id, "dropped", outcome)


@app.command()
def add(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="What to follow up, in a line.")],
    kind: Annotated[str, typer.Option(help="opportunity, todo or intro.")] = "todo",
    person: PersonId = None,
) -> None:
    """Add a follow-up between meetings (the wrap-up adds them in `week`).

    Example: mentorlog followup add "Meet Grace, who maintains the parser" --kind intro
    """
    if kind not in FOLLOWUP_KINDS:
        raise typer.BadParameter(f"{kind!r}: use {', '.join(FOLLOWUP_KINDS)}",
                                 param_hint="--kind")
    st = common.open_mentorship(ctx)
    today = common.now(common.agreement(ctx).mentee_tz).date()
    with st.lock():
        book = st.load(FOLLOWUPS).add(kind, text, today)
        _link(st, person, book.last.id)
        st.save(FOLLOWUPS, book)
    f = book.last
    out().print(f"Added {f.id} ({KIND_WORDS[f.kind]}): {escape(f.text)}")
