"""`mentorlog check`: validate every data file and list every problem."""

from __future__ import annotations

import typer

from mentorlog.cli import common
from mentorlog.storage.check import check_all
from mentorlog.views.console import echo, out


def check(ctx: typer.Context) -> None:
    """Check every data file; list each problem as path:line:col. Exit 1 if any.

    A change a killed command left half made is undone first, and said.

    Example: mentorlog check
    """
    st = common.store(ctx)
    st.open()  # undoes an interrupted change before anything is read
    if st.recovered:
        out().print(f"Undid an interrupted change: {st.recovered} file(s) put back as they "
                    "were before the command that was stopped.")
    problems, checked = check_all(st)
    for problem in problems:
        echo(str(problem), stderr=True)
    if problems:
        echo(f"{len(problems)} problem(s) in {checked} file(s).", stderr=True)
        raise typer.Exit(1)
    out().print(f"All {checked} file(s) in {st.root} are fine.")
