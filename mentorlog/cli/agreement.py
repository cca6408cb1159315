"""`mentorlog agreement`: show the first-meeting agreement, or edit it safely."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from mentorlog.cli import common

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
        from mentorlog.core.model import agreement_to_dict
        from mentorlog.views.console import print_json

        data = agreement_to_dict(a)
        print_json(data)
        return
    render_agreement(a)


def render_agreement(a: Any) -> None:
    from mentorlog.views import console as output
    from mentorlog.core import text as render
    from mentorlog.core.model import FOCUS_KINDS
    from mentorlog.views.console import escape, out

    grid = output.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")

    def row(label: str, values: Any) -> None:
        text = "\n".join(escape(str(v)) for v in values) if values else "[dim]not agreed[/dim]"
        grid.add_row(label, text)

    contact = f" <{a.mentor.contact}>" if a.mentor.contact else ""
    row("Mentor", [f"{a.mentor.name}{contact} ({a.mentor.tz})"])
    row("You", [a.mentee_tz])
    row("Started", [render.day(a.start)])
    row("Goals", [f"{FOCUS_KINDS[f.kind]}: {f.text}" if f.text else FOCUS_KINDS[f.kind]
                  for f in a.focus])
    row("Success", a.success)
    row("Time", [f"{a.hours_per_week:g} hours a week"] + ([a.extra_time] if a.extra_time else []))
    row("Channels", [str(c) for c in a.channels])
    row("Off limits", a.off_limits)
    row("Meetings", [f"{s} ({a.mentee_tz}), {a.duration} min" for s in a.slots])
    row("Gaps", [str(g) for g in a.gaps] + ([a.gap_plan] if a.gap_plan else []))
    out().print(grid)


@app.command()
def edit(ctx: typer.Context) -> None:
    """Open agreement.toml in $VISUAL or $EDITOR; it is checked before it is saved.

    Example: EDITOR=nano mentorlog agreement edit
    """
    from mentorlog.cli.editor import edit_toml_file
    from mentorlog.storage.formats import AGREEMENT
    from mentorlog.views.console import out

    st = common.store(ctx)
    common.agreement(ctx)  # there must be one, and it must read
    if edit_toml_file(st, AGREEMENT, interactive=common.can_prompt(False)):
        out().print(f"Saved {st.display(AGREEMENT.name)}.")
    else:
        out().print("No change.")
