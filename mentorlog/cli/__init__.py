"""The root command: global options, the command groups, and where errors become exit codes.

Exit codes (docs/exit-codes.md): 0 success; 1 a problem the user can fix (one `Error:` line
on stderr); 2 wrong usage; 130 interrupted with Ctrl-C.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer
from typer._click.exceptions import UsageError  # Typer bundles its own Click
from typer.core import TyperGroup

from mentorlog import __version__
from mentorlog import commands as texts
from mentorlog.commands import COMMANDS
from mentorlog.errors import MentorlogError


def load_command(name: str) -> Any:
    """Build the Click command for one entry of COMMANDS."""
    import importlib

    from typer.main import get_command

    module, attribute, _ = COMMANDS[name]
    target = getattr(importlib.import_module(module), attribute)
    if not isinstance(target, typer.Typer):
        single = typer.Typer(add_completion=False, rich_markup_mode=None)
        single.command(name=name)(target)
        target = single
    target._add_completion = False  # completion is installed from the root command only
    command = get_command(target)
    command.name = name
    return command


class MentorlogGroup(TyperGroup):
    """Loads commands lazily; turns MentorlogError into `Error: ...` and exit 1."""

    def list_commands(self, ctx: Any) -> list[str]:
        return [*COMMANDS, *(n for n in super().list_commands(ctx) if n not in COMMANDS)]

    def get_command(self, ctx: Any, name: str) -> Any:
        command = super().get_command(ctx, name)
        if command is None and name in COMMANDS:
            command = self.commands[name] = load_command(name)
        return command

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        try:
            return super().resolve_command(ctx, args)
        except UsageError as e:
            if args and "Did you mean" not in e.message:
                e.message = e.message + texts.suggestion(args[0])
            raise

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        rows = [(name, help_text) for name, (_, _, help_text) in COMMANDS.items()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        _refuse_undecodable(args)
        return super().parse_args(ctx, args)

    def invoke(self, ctx: Any) -> Any:
        try:
            result = super().invoke(ctx)
            _autocommit(ctx)
            return result
        except MentorlogError as e:
            from mentorlog.output import error

            error(str(e))
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            sys.stderr.write("\nInterrupted: nothing was saved.\n")
            raise typer.Exit(130) from None


def _refuse_undecodable(args: list[str]) -> None:
    """Text from argv that is not valid UTF-8 (lone surrogates) could never be saved: refuse
    it before anything is written, not halfway through. A --home path may be any bytes."""
    after_home = False
    for i, arg in enumerate(args, 1):
        if after_home or arg.startswith("--home="):
            after_home = False
            continue
        after_home = arg == "--home"
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            raise MentorlogError(
                f"argument {i} ({arg!r}) is not valid UTF-8 text; mentorlog keeps text as UTF-8"
            ) from None


def _autocommit(ctx: Any) -> None:
    """With `sync_autocommit = "on"`: commit what the command just wrote (docs/sharing.md)."""
    from mentorlog.cli.common import Session

    session = ctx.obj
    if not isinstance(session, Session) or session._store is None or not session._store.wrote:
        return
    from mentorlog.autocommit import after_command

    after_command(session.home, session._store, ctx.invoked_subcommand or "")


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"mentorlog {__version__}\n")
        raise typer.Exit()


app = typer.Typer(
    cls=MentorlogGroup,
    name="mentorlog",
    help=texts.HELP,
    no_args_is_help=True,
    rich_markup_mode=None,  # plain help: no Rich import just to print --help
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def root(
    ctx: typer.Context,
    home: Annotated[
        Path | None,
        typer.Option(
            "--home",
            help=texts.HOME_HELP,
            show_default=False,
        ),
    ] = None,
    mentorship: Annotated[
        str | None,
        typer.Option(
            "--mentorship",
            envvar=texts.MENTORSHIP_ENV,
            help=texts.MENTORSHIP_HELP,
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help=texts.VERSION_HELP
        ),
    ] = False,
) -> None:
    """A journal for your mentorship: the first meeting, weekly meetings, goals and notes.

    Your data are plain TOML and markdown files you own. Start with `mentorlog init`.
    """
    from mentorlog.cli.common import Session

    ctx.obj = Session(home, mentorship)


def main() -> None:
    """The console script: `mentorlog`."""
    try:
        app(prog_name="mentorlog")
    except MentorlogError as e:  # raised before a command ran (e.g. in a callback)
        from mentorlog.output import error

        error(str(e))
        sys.exit(1)
    except KeyboardInterrupt:
        sys.stderr.write("\nInterrupted: nothing was saved.\n")
        sys.exit(130)


def iter_commands() -> Iterator[tuple[list[str], Any]]:
    """Every command and sub-command with its path, loaded (for docs and tests)."""
    from typer.main import get_command

    def walk(command: Any, path: list[str]) -> Iterator[tuple[list[str], Any]]:
        yield path, command
        if hasattr(command, "list_commands"):
            ctx = typer.Context(command)
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                if sub is not None and not getattr(sub, "hidden", False):
                    yield from walk(sub, [*path, name])

    yield from walk(get_command(app), [])
