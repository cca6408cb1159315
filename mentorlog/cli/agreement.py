"""`mentorlog agreement`: show the first-meeting agreement, or edit it safely."""

from __future__ import annotations

from typing import Annotated

import typer

from mentorlog.cli import common
from mentorlog.cli.editor import edit_toml_file
from mentorlog.storage.codecs.agreement import agreement_to_dict
from mentorlog.storage.formats import AGREEMENT
from mentorlog.views.agreement import show as show_agreement
from mentorlog.views.console import out, print_json

app = typer.Typer(
    help="Show or edit what you agreed at the first meeting.\n\n"
    "Example: mentorlog agreement --json",
    subcommand_metavar="[edit]",
    invoke_without_command=True,
    rich_markup_mode=None,
)


@app.callback()
def show(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show the agreement. Example: mentorlog agreement"""
    if ctx.invoked_subcommand:
        return
    a = common.agreement(ctx)
    if as_json:
        print_json(agreement_to_dict(a))
    else:
        show_agreement(a)


@app.command()
def edit(ctx: typer.Context) -> None:
    """Open agreement.toml in $VISUAL or $EDITOR; it is checked before it is saved.

    Example: EDITOR=nano mentorlog agreement edit
    """
    st = common.store(ctx)  # also once it has ended: a record of what was agreed, corrected
    common.agreement(ctx)  # there must be one, and it must read
    if edit_toml_file(st, AGREEMENT, interactive=common.can_prompt(False)):
        out().print(f"Saved {st.display(AGREEMENT.name)}.")
    else:
        out().print("No change.")
