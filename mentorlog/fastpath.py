"""Answers the most frequent read-only commands without loading typer (docs/performance.md).

Importing typer costs about as much as the whole of `status`, so a command line that is
exactly one of the shapes in FAST is answered here, by the same view code the typer command
calls. Anything else — help, completion, an option this module does not know — returns None
and goes to the full command line, so behaviour never differs (tests/test_fastpath.py).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# command -> (module, function); each takes (session, as_json) and accepts only `--json`.
FAST: dict[str, tuple[str, str]] = {
    "status": ("mentorlog.statusview", "run"),
    "task": ("mentorlog.statusview", "run_task"),
}
_GLOBAL_OPTIONS = ("--home", "--mentorship")


def parse(argv: list[str]) -> tuple[dict[str, str], str, bool] | None:
    """(global options, command, --json) when argv is a fast shape, else None."""
    options: dict[str, str] = {}
    args = list(argv)
    while args and args[0].startswith("-"):
        word = args.pop(0)
        name, eq, value = word.partition("=")
        if name not in _GLOBAL_OPTIONS or name in options:
            return None
        if not eq:
            if not args:
                return None
            value = args.pop(0)
        options[name] = value
    if not args or args[0] not in FAST or args[1:] not in ([], ["--json"]):
        return None
    return options, args[0], args[1:] == ["--json"]


def run(argv: list[str]) -> int | None:
    """The exit code of a fast command, or None when the full command line must answer."""
    if any(k.endswith("_COMPLETE") for k in os.environ):  # shell completion: typer's job
        return None
    shape = parse(argv)
    if shape is None:
        return None
    options, command, as_json = shape
    if any(_undecodable(v) for k, v in options.items() if k != "--home"):
        return None  # the full command line gives its precise error
    from pathlib import Path

    from mentorlog.errors import MentorlogError
    from mentorlog.session import Session

    home = options.get("--home")
    session = Session(Path(home) if home else None, options.get("--mentorship"))
    module, function = FAST[command]
    view: Callable[[Any, bool], None] = getattr(__import__(module, fromlist=[function]), function)
    try:
        view(session, as_json)
    except MentorlogError as e:
        from mentorlog.output import error

        error(str(e))
        return 1
    except KeyboardInterrupt:
        sys.stderr.write("\nInterrupted: nothing was saved.\n")
        return 130
    return 0


def _undecodable(text: str) -> bool:
    try:
        text.encode("utf-8")
        return False
    except UnicodeEncodeError:
        return True


def main() -> None:
    """The console script: the fast path when it applies, else the full command line."""
    code = run(sys.argv[1:])
    if code is not None:
        sys.stdout.flush()
        sys.exit(code)
    from mentorlog.cli import main as full

    full()
