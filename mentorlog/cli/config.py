"""`mentorlog config`: your defaults (editor, meeting-note privacy, first day of the week)."""

from __future__ import annotations

from typing import Annotated

import typer

from mentorlog.cli import common
from mentorlog.core.config import SETTINGS, Config, listing, setting
from mentorlog.core.errors import MentorlogError
from mentorlog.storage.formats import CONFIG
from mentorlog.views import config as view
from mentorlog.views.console import echo, escape, out, print_json

app = typer.Typer(
    help="Show and change your defaults, kept in config.toml in the data folder; alone, "
    "it lists them (as 'config list').\n\n"
    "Example: mentorlog config set week_start sun",
    invoke_without_command=True,
    rich_markup_mode=None,
)


@app.callback()
def default(ctx: typer.Context) -> None:
    """`mentorlog config` alone lists the settings, as 'config list' does."""
    if ctx.invoked_subcommand is None:
        list_(ctx)


def _complete_keys(incomplete: str) -> list[str]:
    return [s.key for s in SETTINGS if s.key.startswith(incomplete)]


Key = Annotated[
    str,
    typer.Argument(help="A setting: editor, meeting_privacy, week_start or sync_autocommit.",
                   show_default=False,
                   autocompletion=_complete_keys),
]


@app.command("get")
def get(ctx: typer.Context, key: Key) -> None:
    """Print one setting's value (its default when it is not set).

    Example: mentorlog config get week_start
    """
    echo(common.store(ctx).load(CONFIG).get(key))


@app.command("set")
def set_(
    ctx: typer.Context,
    key: Key,
    value: Annotated[str, typer.Argument(help="The new value.", show_default=False)],
) -> None:
    """Set one setting; a bad key or value is refused and nothing is written.

    Example: mentorlog config set meeting_privacy private
    """
    Config().set(key, value)  # check before taking the lock: a refused value writes nothing
    st = common.store(ctx)
    new = st.update(CONFIG, lambda c: _keyed(c.set(key, value), setting(key).key))
    name = setting(key).key
    out().print(f"{name} = {escape(new.get(name))} (in {escape(st.display(CONFIG.name))})")


def _keyed(config: Config, changed: str) -> Config:
    """Encryption on with no key to encrypt to would refuse every private entry after it:
    refused here, where it is set, with what to run (docs/sharing.md#encryption-at-rest)."""
    if changed in ("encrypt", "encrypt_to") and config.get("encrypt") != "off" \
            and not config.get("encrypt_to").split():
        raise MentorlogError("encrypt needs a key to encrypt to and encrypt_to is empty: run "
                             "'mentorlog encrypt init' first (it adds yours); nothing was "
                             "changed")
    return config


@app.command("unset")
def unset(ctx: typer.Context, key: Key) -> None:
    """Go back to a setting's default.

    Example: mentorlog config unset editor
    """
    s = setting(key)
    st = common.store(ctx)
    if not st.load(CONFIG).is_set(s.key):
        out().print(f"{s.key} is not set; it is {escape(s.default or 'empty')} by default.")
        return
    st.update(CONFIG, lambda c: _keyed(c.unset(s.key), s.key))
    out().print(f"{s.key} is back to its default ({escape(s.default or 'empty')}).")


@app.command("list")
def list_(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON (docs/json.md).")] = False,
) -> None:
    """List every setting with its value and what it does.

    Example: mentorlog config list --json
    """
    rows = listing(common.store(ctx).load(CONFIG))
    if as_json:
        print_json(rows)
    else:
        view.show(rows)
