"""`mentorlog checklist`: the guide's lists, ticked from the journal or by hand."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

import typer

from mentorlog.cli import common

app = typer.Typer(
    help="The guide's checklists. Items the journal can verify are ticked for you; tick the "
    "rest with 'checklist tick ID'.\n\nExample: mentorlog checklist first-meeting",
    invoke_without_command=True,
    subcommand_metavar="[SECTION | tick ID... | untick ID...]",
    rich_markup_mode=None,
)

AsJson = Annotated[bool, typer.Option("--json", help="Print JSON (docs/json.md).")]


def _complete_ids(incomplete: str) -> list[str]:
    from mentorlog.core.checklist import AUTO_CHECKS, ITEMS

    return [i for i in ITEMS if i.startswith(incomplete) and i not in AUTO_CHECKS]


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
    from mentorlog.core import checklist
    from mentorlog.storage.formats import CHECKLIST

    wanted = checklist.resolve_ids(ids)  # before the lock: a refused ID writes nothing
    st = common.store(ctx)
    today = _today(st)
    st.update(CHECKLIST, lambda t: checklist.tick(t, wanted, today))
    _say("Ticked", wanted)


@app.command()
def untick(ctx: typer.Context, ids: Ids) -> None:
    """Untick items ticked by hand.

    Example: mentorlog checklist untick resp-conduct
    """
    from mentorlog.core import checklist
    from mentorlog.storage.formats import CHECKLIST

    wanted = checklist.resolve_ids(ids)
    st = common.store(ctx)
    ticked = st.load(CHECKLIST).ticked
    from mentorlog.views.console import out

    for item_id in wanted:
        if item_id not in ticked:
            out().print(f"{item_id} was not ticked.")
    done = [i for i in wanted if i in ticked]
    if done:
        st.update(CHECKLIST, lambda t: checklist.untick(t, done))
        _say("Unticked", done)


def _today(st: Any) -> Any:
    from mentorlog.storage.formats import AGREEMENT

    tz = st.load(AGREEMENT).mentee_tz if st.exists(AGREEMENT.name) else None
    return common.now(tz).date()


def _say(verb: str, ids: list[str]) -> None:
    from mentorlog.core.checklist import ITEMS
    from mentorlog.views.console import escape, out

    console = out()
    for item_id in ids:
        console.print(f"{verb} {item_id}: {escape(ITEMS[item_id][1].text)}")


def show(ctx: typer.Context, section: str | None, as_json: bool) -> None:
    from mentorlog.core import checklist
    from mentorlog.storage import journal
    from mentorlog.storage.formats import CHECKLIST, CONFIG

    st = common.store(ctx)
    snapshot = journal.snapshot(st, _now(st))
    sections = [section] if section else list(checklist.SECTION_IDS)
    states = checklist.evaluate(
        snapshot, st.load(CHECKLIST), sections, st.load(CONFIG).week_start
    )
    if as_json:
        from mentorlog.views.console import print_json

        print_json(checklist.to_json(states))
    else:
        render(states)


def _now(st: Any) -> Any:
    from mentorlog.storage.formats import AGREEMENT

    tz = st.load(AGREEMENT).mentee_tz if st.exists(AGREEMENT.name) else None
    return common.now(tz)


def render(states: list[Any]) -> None:
    from mentorlog.views import console as output
    from mentorlog.views.console import escape, out

    console = out()
    for n, state in enumerate(states):
        if n:
            console.print()
        when = " (this week)" if state.section.weekly else ""
        console.print(f"[bold]{escape(state.section.title)}[/bold]{when} · "
                      f"{state.done} of {len(state.items)}")
        grid = output.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column(no_wrap=True, style="cyan")
        grid.add_column(overflow="fold")
        for i in state.items:
            mark = "[green]\\[x][/green]" if i.done else "\\[ ]"
            text = escape(i.item.text)
            if i.detail:
                source = "journal: " if i.auto else ""
                text += f"\n[dim]{source}{escape(i.detail)}[/dim]"
            grid.add_row(mark, i.item.id, text)
        console.print(grid)
    console.print()
    console.print("[dim]Tick an item: mentorlog checklist tick ID[/dim]")
