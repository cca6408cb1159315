"""The root command: global options, the command groups, and where errors become exit codes.

Exit codes (docs/exit-codes.md): 0 success; 1 a problem the user can fix (one `Error:` line
on stderr); 2 wrong usage; 130 interrupted with Ctrl-C.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from mentorlog import __version__
from mentorlog.errors import MentorlogError


class MentorlogGroup(TyperGroup):
    """Turns MentorlogError into `Error: ...` + exit 1 (Click already suggests mistyped commands)."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        _refuse_undecodable(args)
        return super().parse_args(ctx, args)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
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


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"mentorlog {__version__}\n")
        raise typer.Exit()


app = typer.Typer(
    cls=MentorlogGroup,
    name="mentorlog",
    help="A journal for your mentorship: the first meeting, weekly meetings, goals and notes.",
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
            help="Data folder (default: $MENTORLOG_HOME, else the platform's data folder).",
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """A journal for your mentorship: the first meeting, weekly meetings, goals and notes.

    Your data are plain TOML and markdown files you own. Start with `mentorlog init`.
    """
    from mentorlog.cli.common import Session

    ctx.obj = Session(home)


def _register() -> None:
    from mentorlog.cli import agreement, check, init, status

    app.command(name="init")(init.init)
    app.command(name="status")(status.status)
    app.command(name="check")(check.check)
    app.add_typer(agreement.app, name="agreement")


_register()


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
