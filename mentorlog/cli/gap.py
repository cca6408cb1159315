"""`mentorlog gap`: vacations and busy periods when the weekly meetings pause."""

from __future__ import annotations

from typing import Annotated

import typer

from mentorlog.cli import common
from mentorlog.core import gaps
from mentorlog.core.agreement import Agreement, Gap
from mentorlog.core.dates import parse_range
from mentorlog.storage import journal
from mentorlog.storage.formats import AGREEMENT
from mentorlog.views import gap as view
from mentorlog.views.console import escape, out, print_json

app = typer.Typer(
    help="Gaps in the weekly meetings: list them (alone, as 'gap list'), add and remove them."
    "\n\n"
    "Example: mentorlog gap add 2027-07-01..2027-07-14 \"summer vacation\"",
    invoke_without_command=True,
    rich_markup_mode=None,
)


@app.callback()
def default(ctx: typer.Context) -> None:
    """`mentorlog gap` alone lists the gaps, as 'gap list' does."""
    if ctx.invoked_subcommand is None:
        list_gaps(ctx)


@app.command()
def add(
    ctx: typer.Context,
    span: Annotated[str, typer.Argument(metavar="START..END",
                                        help="Both days included, like 2026-12-21..2027-01-03.")],
    reason: Annotated[str, typer.Argument(help="Why, in a few words.")] = "",
) -> None:
    """Record a gap and print a short note to send your mentor.

    Example: mentorlog gap add 2027-07-01..2027-07-14 "summer vacation"
    """
    st = common.open_mentorship(ctx)
    a = common.agreement(ctx)
    now = common.now(a.mentee_tz)
    start, end = parse_range(span, now.date())
    gap = Gap(start, end, " ".join(reason.split()))
    found = journal.meetings(st)  # before saving: a bad meeting file stops it
    before = journal.timeline(st, a, now, found)
    new = st.update(AGREEMENT, lambda current: gaps.add_gap(current, gap))
    result = gaps.effect(before, journal.timeline(st, new, now, found), gap)
    note = gaps.note_for_mentor(new, gap, result.missed, result.next_meeting)
    view.show_added(a, gap, len(result.missed), note)


@app.command(name="list")
def list_gaps(
    ctx: typer.Context,
    show_all: Annotated[bool, typer.Option("--all", help="Also gaps that are over.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON (docs/json.md).")] = False,
) -> None:
    """List the gaps, numbered for 'gap remove'.

    Example: mentorlog gap list --all
    """
    a = common.agreement(ctx)
    today = common.now(a.mentee_tz).date()
    shown = gaps.numbered(a, today, show_all)
    if as_json:
        print_json([view.gap_json(g, i, today) for i, g in shown])
    else:
        view.show(shown, bool(a.gaps), today)


@app.command()
def remove(
    ctx: typer.Context,
    which: Annotated[str, typer.Argument(metavar="N|START",
                                         help="The number in 'gap list', or the start date.")],
) -> None:
    """Remove a gap (the meetings in it are back on the schedule).

    Example: mentorlog gap remove 1
    """
    st = common.open_mentorship(ctx)
    removed: list[Gap] = []

    def change(current: Agreement) -> Agreement:
        gap = gaps.find_gap(current, which)
        removed.append(gap)
        return gaps.remove_gap(current, gap)

    common.agreement(ctx)
    st.update(AGREEMENT, change)
    out().print(f"Removed the gap {escape(str(removed[0]))}.")
