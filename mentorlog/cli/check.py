"""`mentorlog check`: validate every data file and list every problem."""

from __future__ import annotations

import typer

from mentorlog.cli import common


def check(ctx: typer.Context) -> None:
    """Check every data file; list each problem as path:line:col. Exit 1 if any.

    Example: mentorlog check
    """
    from mentorlog.checking import check_all
    from mentorlog.output import out

    st = common.store(ctx)
    problems, checked = check_all(st)
    for problem in problems:
        typer.echo(str(problem), err=True)
    if problems:
        typer.echo(f"{len(problems)} problem(s) in {checked} file(s).", err=True)
        raise typer.Exit(1)
    out().print(f"All {checked} file(s) in {st.root} are fine.")
