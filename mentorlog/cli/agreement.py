"""`mentorlog agreement`: show the first-meeting agreement, or edit it safely."""

from __future__ import annotations

from typing import Annotated

import typer
from msgspec.structs import replace

from mentorlog.cli import common, drafts
from mentorlog.cli.editor import edit_toml_file
from mentorlog.core import horizon
from mentorlog.storage.codecs.agreement import agreement_to_dict
from mentorlog.storage.formats import AGREEMENT
from mentorlog.views.agreement import show as show_agreement
from mentorlog.views.console import out, print_json

# An edit is refused when its horizon breaks the guide's rules (a file read as it is).
_CHECKED = replace(AGREEMENT, decode=lambda data: horizon.checked(AGREEMENT.decode(data)))

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
def edit(
    ctx: typer.Context,
    until: Annotated[str | None, typer.Option(
        help="The planned end (at least 3 months after the start; 'none' removes it).",
        show_default=False)] = None,
    renegotiate_on: Annotated[str | None, typer.Option(
        help="A day to talk about going on ('none' removes it).", show_default=False)] = None,
) -> None:
    """Open agreement.toml in $VISUAL or $EDITOR; it is checked before it is saved.

    --until and --renegotiate-on change the horizon without an editor.

    Example: EDITOR=nano mentorlog agreement edit
    """
    st = common.store(ctx)  # also once it has ended: a record of what was agreed, corrected
    current = common.agreement(ctx)  # there must be one, and it must read
    if until is not None or renegotiate_on is not None:
        today = common.now(current.mentee_tz).date()
        new = st.update(AGREEMENT, lambda a: horizon.set_horizon(a, until, renegotiate_on,
                                                                  today))
        out().print(f"Saved {st.display(AGREEMENT.name)}: {horizon.horizon_text(new)}.")
        return
    interactive = common.can_prompt(False)
    draft = f"drafts/{AGREEMENT.name}"  # the editor's draft (cli/editor.py)
    if interactive:
        drafts.offer_edit(st, draft, AGREEMENT.name)
    with drafts.edit_kept_on_interrupt(st, draft, "mentorlog agreement edit"):
        changed = edit_toml_file(st, _CHECKED, interactive=interactive)
    if changed:
        out().print(f"Saved {st.display(AGREEMENT.name)}.")
    else:
        out().print("No change.")
