"""The root command: global options, the command groups, and where errors become exit codes.

Exit codes (docs/exit-codes.md): 0 success; 1 a problem the user can fix (one `Error:` line
on stderr); 2 wrong usage; 130 interrupted with Ctrl-C.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup
from typer.main import get_command

from mentorlog import __version__
from mentorlog.core.errors import MentorlogError

# What Typer builds from a Typer app: a command, or a group of them.
Command = TyperCommand | TyperGroup

# Every command: name -> (module, attribute, one line of help). A module is imported only
# when its command runs (or for shell completion), so start-up stays small as commands grow.
# The attribute is a command function or a typer.Typer sub-app.
COMMANDS: dict[str, tuple[str, str, str]] = {
    # before it all: try mentorlog on a sample journal
    "demo": ("mentorlog.cli.demo", "demo", "Try mentorlog on a sample journal of 3 months."),
    # the first meeting
    "init": ("mentorlog.cli.init", "init", "Record your first meeting (the agreement)."),
    "agreement": ("mentorlog.cli.agreement", "app", "Show or edit what you agreed."),
    # any time, and before a meeting
    "status": ("mentorlog.cli.status", "status", "Your dashboard: week, meeting, task, goals."),
    "agenda": ("mentorlog.cli.agenda", "agenda", "What to bring to the next meeting."),
    "remind": ("mentorlog.cli.remind", "remind", "What needs you now, one line each (for cron)."),
    # the weekly meeting and the monthly review
    "week": ("mentorlog.cli.week", "week", "Record this week's meeting, in the guide's order."),
    "skip": ("mentorlog.cli.week", "skip", "Record a skipped or moved meeting."),
    "goals": ("mentorlog.cli.goals", "app", "Your 30/60/90-day goals and the monthly review."),
    "skills": ("mentorlog.cli.skills", "app", "Your skills, rated 1 to 5 over time."),
    # between meetings
    "task": ("mentorlog.cli.task", "app", "This week's task: show, set, done, history."),
    "note": ("mentorlog.cli.notes", "note", "Keep a note between meetings."),
    "ask": ("mentorlog.cli.notes", "ask", "Park a question for the next meeting."),
    "answer": ("mentorlog.cli.notes", "answer", "Answer a parked question between meetings."),
    "followup": ("mentorlog.cli.followup", "app", "Follow-ups: list them, mark done or dropped."),
    "log": ("mentorlog.cli.log", "log", "Meetings, notes, questions and tasks in order."),
    "show": ("mentorlog.cli.log", "show", "Print one entry of the log whole."),
    # time zones and boundaries
    "schedule": ("mentorlog.cli.schedule", "schedule", "The coming meetings, in both time zones."),
    "contact": ("mentorlog.cli.contact", "contact", "May you contact your mentor now?"),
    "gap": ("mentorlog.cli.gap", "app", "Gaps: holidays and busy periods without meetings."),
    "helped": ("mentorlog.cli.helped", "helped", "Log support you gave other mentees."),
    # growing with your mentor (docs/growing.md)
    "checkin": ("mentorlog.cli.checkin", "checkin", "Check in on the relationship itself."),
    "people": ("mentorlog.cli.people", "app", "People your mentor connected you with."),
    "report": ("mentorlog.cli.report", "report", "Your growth month by month, as charts."),
    # the guide's checklists, and settings
    "checklist": ("mentorlog.cli.checklist", "app", "The guide's checklists, ticked as you go."),
    "config": ("mentorlog.cli.config", "app", "Defaults: editor, privacy, first day of week."),
    # keeping the journal
    "export": ("mentorlog.cli.export", "export", "Export a summary or the meeting calendar."),
    "check": ("mentorlog.cli.check", "check", "Check every data file for problems."),
    "import": ("mentorlog.cli.importing", "app", "Bring in entries from jrnl as notes."),
    "sync": ("mentorlog.cli.sync", "sync", "Keep the journal on several machines with git."),
    "encrypt": ("mentorlog.cli.encrypt", "app", "Encrypt private entries at rest (age)."),
    "mentorships": ("mentorlog.cli.mentorships", "list_mentorships", "List your mentorships."),
    "end": ("mentorlog.cli.mentorships", "end", "Close this mentorship with a retrospective."),
    "reopen": ("mentorlog.cli.mentorships", "reopen", "Undo 'end': the mentorship goes on."),
}

HELP = ("A journal for your mentorship: the first meeting, weekly meetings, goals and notes."
        "\n\nExample: mentorlog status")
HOME_HELP = "Data folder (default: $MENTORLOG_HOME, else the platform's data folder)."
MENTORSHIP_ENV = "MENTORLOG_MENTORSHIP"
MENTORSHIP_HELP = "Which mentorship (see 'mentorlog mentorships'); default: the first one."
VERSION_HELP = "Show the version and exit."


def load_command(name: str) -> Command:
    """Build the Click command for one entry of COMMANDS."""
    module, attribute, _ = COMMANDS[name]
    target = getattr(importlib.import_module(module), attribute)
    if not isinstance(target, typer.Typer):
        single = typer.Typer(add_completion=False, rich_markup_mode=None)
        single.command(name=name)(target)
        target = single
    target._add_completion = False  # completion is installed from the root command only
    command = get_command(target)
    assert isinstance(command, Command)
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
        # Typer suggests only among loaded commands; these load when they run.
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            import difflib  # only for a mistyped command

            close = difflib.get_close_matches(name, list(COMMANDS), n=1)
            ctx.fail(f"No such command {name!r}."
                     + (f" Did you mean {close[0]!r}?" if close else ""))
        return super().resolve_command(ctx, args)

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
            from mentorlog.views.console import error  # Rich: not at the top, --help stays small

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


def _autocommit(ctx: typer.Context) -> None:
    """With `sync_autocommit = "on"`: commit what the command just wrote (docs/sharing.md)."""
    from mentorlog.cli.session import Session  # not at the top: --help stays small

    session = ctx.obj
    if not isinstance(session, Session) or session._store is None or not session._store.wrote:
        return
    from mentorlog.sharing.autocommit import after_command  # the git helpers: only when on

    after_command(session.home, session._store, ctx.invoked_subcommand or "")


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"mentorlog {__version__}\n")
        raise typer.Exit()


app = typer.Typer(
    cls=MentorlogGroup,
    name="mentorlog",
    help=HELP,
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
            help=HOME_HELP,
            show_default=False,
        ),
    ] = None,
    mentorship: Annotated[
        str | None,
        typer.Option(
            "--mentorship",
            envvar=MENTORSHIP_ENV,
            help=MENTORSHIP_HELP,
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help=VERSION_HELP
        ),
    ] = False,
) -> None:
    """A journal for your mentorship: the first meeting, weekly meetings, goals and notes.

    Your data are plain TOML and markdown files you own. Start with `mentorlog init`.
    """
    from mentorlog.cli.session import Session  # not at the top: --help stays small

    ctx.obj = Session(home, mentorship)


def main() -> None:
    """The console script: `mentorlog`."""
    try:
        app(prog_name="mentorlog")
    except MentorlogError as e:  # raised before a command ran (e.g. in a callback)
        from mentorlog.views.console import error

        error(str(e))
        sys.exit(1)
    except KeyboardInterrupt:
        sys.stderr.write("\nInterrupted: nothing was saved.\n")
        sys.exit(130)


def iter_commands() -> Iterator[tuple[list[str], Command]]:
    """Every command and sub-command with its path, loaded (for docs and tests)."""

    def walk(command: Command, path: list[str]) -> Iterator[tuple[list[str], Command]]:
        yield path, command
        if isinstance(command, TyperGroup):
            ctx = typer.Context(command)
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                if isinstance(sub, Command) and not sub.hidden:
                    yield from walk(sub, [*path, name])

    root = get_command(app)
    assert isinstance(root, TyperGroup)
    yield from walk(root, [])
