"""`mentorlog mentorships` and `mentorlog end`: more than one mentorship over the years."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from mentorlog.cli import common


def list_mentorships(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON (docs/json.md).")] = False,
) -> None:
    """List your mentorships with their mentor and state.

    Example: mentorlog mentorships
    """
    from mentorlog.storage.mentorships import describe_all

    rows = describe_all(common.session(ctx).home)
    if as_json:
        from mentorlog.views.console import print_json

        print_json(rows)
    else:
        _print_rows(rows)
    _fail_on_problems(rows)


def _print_rows(rows: list[dict[str, Any]]) -> None:
    from mentorlog.views.console import escape, out

    console = out()
    if not rows:
        console.print("No mentorship yet — run 'mentorlog init'.")
    for row in rows:
        state = f"ended {row['ended_on']}" if row["ended_on"] else "active"
        if row["problem"]:
            state = "unreadable (see below)"
        console.print(
            f"{escape(row['name']):<12} {escape(row['mentor'] or '-'):<24} "
            f"since {row['start'] or '-'}  {state}"
        )
    console.print("\nUse one with: mentorlog --mentorship NAME ...")


def _fail_on_problems(rows: list[dict[str, Any]]) -> None:
    """A mentorship whose files do not read is listed, then named on stderr: exit 1."""
    from mentorlog.views.console import error

    problems = [row["problem"] for row in rows if row["problem"]]
    for problem in problems:
        error(problem)
    if problems:
        raise typer.Exit(1)


def end(
    ctx: typer.Context,
    went_well: Annotated[str | None, typer.Option(help="What went well?")] = None,
    could_improve: Annotated[str | None, typer.Option(help="What could have gone better?")] = None,
    next_: Annotated[str | None, typer.Option("--next", help="What next?")] = None,
    date: Annotated[str | None, typer.Option(help="The last day (default: today).")] = None,
    no_input: Annotated[bool, typer.Option("--no-input", help="Never prompt.")] = False,
) -> None:
    """Close this mentorship with a short retrospective; everything is kept.

    Example: mentorlog end --no-input --went-well "weekly rhythm" --next "mentor others"
    """
    from mentorlog.core.dates import parse_date
    from mentorlog.storage.mentorships import RETRO_QUESTIONS, end_mentorship

    st = common.store(ctx)
    agreement = common.agreement(ctx)
    today = common.now(agreement.mentee_tz).date()
    answers = {"went_well": went_well, "could_improve": could_improve, "next": next_}
    if common.can_prompt(no_input):
        answers = _ask(answers, RETRO_QUESTIONS)
    ended_on = parse_date(date, today) if date else today
    end_mentorship(st, agreement, ended_on, {k: v or "" for k, v in answers.items()})
    from mentorlog.views.console import escape, out

    out().print(
        f"Ended your mentorship with {escape(agreement.mentor.name)} on {ended_on}. "
        "Everything is kept; 'mentorlog mentorships' lists it."
    )


def _ask(answers: dict[str, Any], questions: Any) -> dict[str, Any]:
    from rich.prompt import Prompt

    from mentorlog.views.console import out

    console = out()
    for key, question in questions:
        if answers.get(key) is None:
            try:
                answers[key] = Prompt.ask(question, console=console, default="")
            except EOFError:
                raise KeyboardInterrupt from None
    return answers
