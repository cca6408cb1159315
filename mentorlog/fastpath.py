"""Answers the most frequent read-only commands without loading typer (docs/performance.md).

Importing typer costs about as much as the whole of `status`, so a command line made only of
the options declared in FAST is answered here, by the same view code the typer command
calls. Anything else — help, completion, an option or a value this module does not know, an
option given twice — returns None and goes to the full command line, which gives the answer
or the usage error; so behaviour never differs (tests/test_fastpath.py).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    # A validator turns an option's text into the view's value, or None when only typer
    # can answer (a usage error, or a form this module is not sure about).
    Check = Callable[[str], Any]
    # Options: name -> (the view's keyword, None for a flag or the value's validator).
    Options = dict[str, tuple[str, Check | None]]


def _text(value: str) -> str:
    return value


def _count(high: int | None = None) -> Check:
    """An int option with min=1 (and max=high): only plain digits, in range."""

    def check(value: str) -> int | None:
        if not (value.isascii() and value.isdigit()):
            return None  # `-n abc`, `-n -1`, `-n " 5"`: typer's message
        number = int(value)
        return number if number >= 1 and (high is None or number <= high) else None

    return check


def _choice(*words: str) -> Check:
    return lambda value: value if value in words else None


_JSON: Options = {"--json": ("as_json", None)}

# command -> (view "module:function", options, positional parameter names). The view is
# called with the session and the keywords given; its own defaults are typer's.
FAST: dict[str, tuple[str, Options, tuple[str, ...]]] = {
    "status": ("mentorlog.statusview:run", _JSON, ()),
    "task": ("mentorlog.statusview:run_task", _JSON, ()),
    "agenda": ("mentorlog.agendaview:run", {
        **_JSON, "--format": ("fmt", _choice("text", "md")),
        "--include-private": ("include_private", None),
        "--include-confidential": ("include_confidential", None),
    }, ()),
    "contact": ("mentorlog.contactview:run", {**_JSON, "--at": ("at", _text)}, ("channel",)),
    "schedule": ("mentorlog.scheduleview:run", {
        **_JSON, "-n": ("count", _count(520)), "--count": ("count", _count(520)),
    }, ()),
    "goals": ("mentorlog.goalsview:run", {
        **_JSON, "--all": ("show_all", None), "--timeline": ("timeline", None),
    }, ()),
    "log": ("mentorlog.logview:run", {
        **_JSON, "-n": ("n", _count()), "--since": ("since", _text),
        "--until": ("until", _text), "--tag": ("tag", _text), "--grep": ("grep", _text),
    }, ()),
}
_GLOBAL_OPTIONS = ("--home", "--mentorship")


def parse(argv: list[str]) -> tuple[dict[str, str], str, dict[str, Any]] | None:
    """(global options, command, the view's keywords) when argv is a fast shape, else None."""
    split = _globals(argv)
    if split is None:
        return None
    options, args = split
    if not args or args[0] not in FAST:
        return None
    command, rest = args[0], args[1:]
    _, declared, positional = FAST[command]
    values: dict[str, Any] = {}
    words: list[str] = []
    while rest:
        word = rest.pop(0)
        if not word.startswith("-"):
            words.append(word)
            continue
        name, attached = _split(word)
        if name not in declared:
            return None  # unknown, --help, -h, `--`, `-` alone...: typer's answer
        key, check = declared[name]
        if key in values:
            return None  # given twice: typer's rule, not ours
        if check is None:
            if attached is not None:
                return None  # `--json=x`: a usage error
            values[key] = True
            continue
        if attached is None:
            if not rest or rest[0].startswith("-"):
                return None  # missing, or a value that looks like an option
            attached = rest.pop(0)
        checked = check(attached)
        if checked is None:
            return None
        values[key] = checked
    if len(words) > len(positional) or not all(_plain_word(w) for w in words):
        return None
    values.update(zip(positional, words, strict=False))
    return options, command, values


def _globals(argv: list[str]) -> tuple[dict[str, str], list[str]] | None:
    """(--home and --mentorship as given, the rest) or None when another option comes first
    (--version, a misspelt option, one given twice: typer's answer)."""
    options: dict[str, str] = {}
    args = list(argv)
    while args and args[0].startswith("-") and args[0] not in ("-h", "--help"):
        word = args.pop(0)
        name, eq, value = word.partition("=")
        if name not in _GLOBAL_OPTIONS or name in options:
            return None
        if not eq:
            if not args:
                return None
            value = args.pop(0)
        options[name] = value
    return options, args


def _root(argv: list[str]) -> int | None:
    """`mentorlog --help` (exit 0) and a mistyped command (exit 2), as Click writes them
    (mentorlog/commands.py; tests/test_roothelp.py), or None."""
    split = _globals(argv)
    if split is None:
        return None
    args = split[1]
    if args in (["--help"], ["-h"]):
        from mentorlog.commands import root_help

        sys.stdout.write(root_help())
        return 0
    if args and not args[0].startswith("-"):
        from mentorlog.commands import COMMANDS, unknown_command

        if args[0] not in COMMANDS:
            sys.stderr.write(unknown_command(args[0]))
            return 2
    return None


def _split(word: str) -> tuple[str, str | None]:
    """`--grep=x` -> ("--grep", "x"); `-n5` -> ("-n", "5"); `--json` -> ("--json", None)."""
    if word.startswith("--"):
        name, eq, value = word.partition("=")
        return name, value if eq else None
    return word[:2], word[2:] or None


def _plain_word(word: str) -> bool:
    """A positional argument the view answers itself: not empty (a usage error) and not
    the word `log` (`contact log` writes)."""
    return bool(word) and word.lower() != "log"


def run(argv: list[str]) -> int | None:
    """The exit code of a fast command, or None when the full command line must answer."""
    if any(k.endswith("_COMPLETE") for k in os.environ):  # shell completion: typer's job
        return None
    if any(_undecodable(a) for a in _texts(argv)):
        return None  # the full command line gives its precise error
    shape = parse(argv)
    if shape is None:
        return _root(argv)
    options, command, values = shape
    from pathlib import Path

    from mentorlog.errors import MentorlogError
    from mentorlog.session import Session

    home = options.get("--home")
    session = Session(Path(home) if home is not None else None, options.get("--mentorship"))
    module, function = FAST[command][0].split(":")
    view: Callable[..., int | None] = getattr(__import__(module, fromlist=[function]), function)
    try:
        code = view(session, **values)
    except MentorlogError as e:
        from mentorlog.output import error

        error(str(e))
        return 1
    except KeyboardInterrupt:
        sys.stderr.write("\nInterrupted: nothing was saved.\n")
        return 130
    except OSError as e:
        import errno

        if e.errno != errno.EPIPE:
            raise
        # The reader went away (`mentorlog log | head`): exit 1 in silence, as typer does.
        sys.stdout = _Pacified(sys.stdout)
        sys.stderr = _Pacified(sys.stderr)
        return 1
    return code or 0


class _Pacified:
    """A stream whose flush ignores a broken pipe (click's PacifyFlushWrapper)."""

    def __init__(self, wrapped: Any) -> None:
        self.wrapped = wrapped

    def flush(self) -> None:
        try:
            self.wrapped.flush()
        except BrokenPipeError:
            pass

    def __getattr__(self, name: str) -> Any:
        return getattr(self.wrapped, name)


def _texts(argv: list[str]) -> list[str]:
    """Every argument but the --home path (which may be any bytes, as in the full CLI)."""
    texts: list[str] = []
    after_home = False
    for arg in argv:
        if not after_home and not arg.startswith("--home="):
            texts.append(arg)
        after_home = not after_home and arg == "--home"
    return texts


def _undecodable(text: str) -> bool:
    try:
        text.encode("utf-8")
        return False
    except UnicodeEncodeError:
        return True


def main() -> None:
    """The console script: the fast path when it applies, else the full command line."""
    import gc

    gc.disable()  # a read lives for milliseconds: collecting its few cycles costs more
    code = run(sys.argv[1:])
    if code is not None:
        sys.exit(code)  # stdout is flushed on the way out, as after typer
    gc.enable()
    from mentorlog.cli import main as full

    full()
