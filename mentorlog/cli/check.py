"""`mentorlog check`: validate every data file and list every problem."""

from __future__ import annotations

import typer

from mentorlog.cli import common
from mentorlog.storage.check import check_all
from mentorlog.views.console import echo, out


def check(ctx: typer.Context) -> None:
    """Check every data file; list each problem as path:line:col. Exit 1 if any.

    Example: mentorlog check
    """
    st = common.store(ctx)
    problems, checked = check_all(st)
    for problem in problems:
        echo(str(problem), stderr=True)
    if problems:
        echo(f"{len(problems)} problem(s) in {checked} file(s).", stderr=True)
        raise typer.Exit(1)
    out().print(f"All {checked} file(s) in {st.root} are fine.")
