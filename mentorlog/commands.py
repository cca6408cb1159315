"""The command table, the root help and the unknown-command error, without typer.

`mentorlog --help` and a mistyped command are answered from here by the fast path
(mentorlog/fastpath.py): importing typer alone costs more than either should take. The full
command line (mentorlog/cli/__init__.py) builds its root group from the same table and
texts, and tests/test_fastpath.py checks that Click's rendering and this one are the same
bytes at every width.
"""

from __future__ import annotations

import os
import sys

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
    # the weekly meeting and the monthly review
    "week": ("mentorlog.cli.week", "week", "Record this week's meeting, in the guide's order."),
    "skip": ("mentorlog.cli.week", "skip", "Record a skipped or moved meeting."),
    "goals": ("mentorlog.cli.goals", "app", "Your 30/60/90-day goals and the monthly review."),
    # between meetings
    "task": ("mentorlog.cli.task", "app", "This week's task: show, set, done, history."),
    "note": ("mentorlog.cli.notes", "note", "Keep a note between meetings."),
    "ask": ("mentorlog.cli.notes", "ask", "Park a question for the next meeting."),
    "log": ("mentorlog.cli.history", "log", "Meetings, notes, questions and tasks in order."),
    "show": ("mentorlog.cli.history", "show", "Print one entry of the log whole."),
    # time zones and boundaries
    "schedule": ("mentorlog.cli.schedule", "schedule", "The coming meetings, in both time zones."),
    "contact": ("mentorlog.cli.contact", "contact", "May you contact your mentor now?"),
    "gap": ("mentorlog.cli.gap", "app", "Gaps: holidays and busy periods without meetings."),
    "helped": ("mentorlog.cli.helped", "helped", "Log support you gave other mentees."),
    # the guide's checklists, and settings
    "checklist": ("mentorlog.cli.checklist", "app", "The guide's checklists, ticked as you go."),
    "config": ("mentorlog.cli.config", "app", "Defaults: editor, privacy, first day of week."),
    # keeping the journal
    "export": ("mentorlog.cli.export", "export", "Export a summary or the meeting calendar."),
    "check": ("mentorlog.cli.check", "check", "Check every data file for problems."),
    "import": ("mentorlog.cli.importing", "app", "Bring in entries from jrnl as notes."),
    "sync": ("mentorlog.cli.sync", "sync", "Keep the journal on several machines with git."),
    "mentorships": ("mentorlog.cli.mentorships", "list_mentorships", "List your mentorships."),
    "end": ("mentorlog.cli.mentorships", "end", "Close this mentorship with a retrospective."),
}

HELP = ("A journal for your mentorship: the first meeting, weekly meetings, goals and notes."
        "\n\nExample: mentorlog status")
HOME_HELP = "Data folder (default: $MENTORLOG_HOME, else the platform's data folder)."
MENTORSHIP_ENV = "MENTORLOG_MENTORSHIP"
MENTORSHIP_HELP = "Which mentorship (see 'mentorlog mentorships'); default: the first one."
VERSION_HELP = "Show the version and exit."
USAGE = "Usage: mentorlog [OPTIONS] COMMAND [ARGS]..."

# The root options as Click lists them (typer adds the completion options and -h/--help).
_OPTIONS = (
    ("--home <path>", HOME_HELP),
    ("--mentorship <str>", f"{MENTORSHIP_HELP}  [env var: {MENTORSHIP_ENV}]"),
    ("--version", VERSION_HELP),
    ("--install-completion", "Install completion for the current shell."),
    ("--show-completion",
     "Show completion for the current shell, to copy it or customize the installation."),
    ("-h, --help", "Show this message and exit."),
)


def suggestion(word: str) -> str:
    """` Did you mean 'status'?` for a mistyped command, or nothing."""
    import difflib

    close = difflib.get_close_matches(word, list(COMMANDS), n=1)
    return f" Did you mean {' or '.join(map(repr, close))}?" if close else ""


def unknown_command(word: str) -> str:
    """What `mentorlog WORD` prints on stderr (exit 2) when WORD is no command."""
    return (f"{USAGE}\nTry 'mentorlog -h' for help.\n\n"
            f"Error: No such command {word!r}.{suggestion(word)}\n")


def root_help() -> str:
    """`mentorlog --help`, laid out as Click lays it out (width: the terminal's, at most 80,
    at least 50, less 2)."""
    import textwrap

    width = max(min(_terminal_columns(), 80) - 2, 50)

    def fill(text: str, width: int, indent: str = "") -> list[str]:
        wrapper = textwrap.TextWrapper(width, initial_indent=indent, subsequent_indent=indent,
                                       replace_whitespace=False)
        return [line for part in text.split("\n\n") for line in [*wrapper.wrap(part), ""]][:-1]

    lines = [USAGE, "", *fill(HELP, width, "  "), ""]
    for title, rows in (("Options", _OPTIONS),
                        ("Commands", [(n, h) for n, (_, _, h) in COMMANDS.items()])):
        first = min(max(len(term) for term, _ in rows), 30) + 2
        lines.append(f"{title}:")
        for term, text in rows:
            wrapped = fill(text, max(width - first - 2, 10))
            if len(term) <= first - 2:
                lines.append(f"  {term}{' ' * (first - len(term))}{wrapped[0]}")
            else:
                lines += [f"  {term}", f"{' ' * (first + 2)}{wrapped[0]}"]
            lines += [f"{' ' * (first + 2)}{line}" for line in wrapped[1:]]
        lines.append("")
    return "\n".join(lines[:-1]) + "\n"


def _terminal_columns() -> int:
    """What shutil.get_terminal_size() gives Click: $COLUMNS, else stdout's terminal, else 80
    (without importing shutil)."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
        if columns <= 0:
            columns = 80
    return columns
