"""`mentorlog checklist`: the guide's lists, ticked from the journal or by hand."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Annotated

import typer

from mentorlog.cli import common
from mentorlog.core import checklist
from mentorlog.core.checklist_items import ITEMS, SECTION_IDS
from mentorlog.storage import journal
from mentorlog.storage.formats import AGREEMENT, CHECKLIST, CONFIG
from mentorlog.storage.store import Store
from mentorlog.views import checklist as view
from mentorlog.views.console import print_json

app = typer.Typer(
    help="The guide's checklists. Items the journal can verify are ticked for you; tick the "
    "rest with 'checklist tick ID'.\n\nExample: mentorlog checklist first-meeting",
    invoke_without_command=True,
    subcommand_metavar="[SECTION | tick ID... | untick ID...]",
    rich_markup_mode=None,
)

AsJson = Annotated[bool, typer.Option("--json", help="Print JSON (docs/json.md).")]


def _complete_ids(incomplete: str) -> list[str]:
    return [i for i in ITEMS if i.startswith(incomplete) and i not in checklist.AUTO_CHECKS]


Ids = Annotated[
    list[str],
    typer.Argument(help="Item IDs, as 'mentorlog checklist' lists them.", show_default=False,
                   autocompletion=_complete_ids),
]

# The guide's sections, in its order, with their command names (the checklist's section IDs).
SECTION_HELP = {
    "requirements": "Requirements: time, replies, 3 months, supporting other mentees.",
    "responsibilities": "Your Responsibilities: conduct, time, confidentiality, feedback.",
    "signup": "Signing Up: the channel, the spreadsheet, the match, the introduction.",
    "first-meeting": "The First Meeting: what to agree (ticked from your agreement).",
    "weekly": "The Weekly Meeting: timebox, last week's task, monthly review, wrap-up.",
    "between": "Between Meetings: know your task, follow up, contact only as agreed.",
}


@app.callback()
def show_all(ctx: typer.Context, as_json: AsJson = False) -> None:
    """Every checklist of the guide, section by section."""
    if ctx.invoked_subcommand:
        return
    show(ctx, None, as_json)


def _section_command(section_id: str) -> Callable[..., None]:
    def command(ctx: typer.Context, as_json: AsJson = False) -> None:
        show(ctx, section_id, as_json)

    command.__doc__ = f"{SECTION_HELP[section_id]}\n\nExample: mentorlog checklist {section_id}"
    command.__name__ = section_id.replace("-", "_")
    return command


for _section in SECTION_HELP:
    app.command(name=_section)(_section_command(_section))


@app.command()
def tick(ctx: typer.Context, ids: Ids) -> None:
    """Tick items by ID; an unknown ID is refused and nothing is written.

    Example: mentorlog checklist tick resp-conduct signup-join
    """
    wanted = checklist.resolve_ids(ids)  # before the lock: a refused ID writes nothing
    st = common.open_mentorship(ctx)
    today = _now(st).date()
    st.update(CHECKLIST, lambda t: checklist.tick(t, wanted, today))
    view.show_changed("Ticked", wanted)


@app.command()
def untick(ctx: typer.Context, ids: Ids) -> None:
    """Untick items ticked by hand.

    Example: mentorlog checklist untick resp-conduct
    """
    wanted = checklist.resolve_ids(ids)
    st = common.open_mentorship(ctx)
    ticked = st.load(CHECKLIST).ticked
    view.show_not_ticked(i for i in wanted if i not in ticked)
    done = [i for i in wanted if i in ticked]
    if done:
        st.update(CHECKLIST, lambda t: checklist.untick(t, done))
        view.show_changed("Unticked", done)


def show(ctx: typer.Context, section: str | None, as_json: bool) -> None:
    st = common.store(ctx)
    snapshot = journal.snapshot(st, _now(st))
    sections = [section] if section else list(SECTION_IDS)
    states = checklist.evaluate(
        snapshot, st.load(CHECKLIST), sections, st.load(CONFIG).week_start
    )
    if as_json:
        print_json(checklist.to_json(states))
    else:
        view.show(states)


def _now(st: Store) -> datetime:
    """Now in the mentee's zone; the machine's zone before there is an agreement."""
    tz = st.load(AGREEMENT).mentee_tz if st.exists(AGREEMENT.name) else None
    return common.now(tz)
