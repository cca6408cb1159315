"""`mentorlog mentorships` and `mentorlog end`: more than one mentorship over the years."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Any

import typer

from mentorlog.cli import common
from mentorlog.core.dates import parse_date
from mentorlog.core.retrospective import RETRO_QUESTIONS
from mentorlog.storage.mentorships import describe_all, end_mentorship
from mentorlog.views import mentorships as view
from mentorlog.views.console import error, escape, out, print_json


def list_mentorships(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON (docs/json.md).")] = False,
) -> None:
    """List your mentorships with their mentor and state.

    Example: mentorlog mentorships
    """
    rows = describe_all(common.session(ctx).home)
    if as_json:
        print_json(rows)
    else:
        view.show(rows)
    _fail_on_problems(rows)


def _fail_on_problems(rows: list[dict[str, Any]]) -> None:
    """A mentorship whose files do not read is listed, then named on stderr: exit 1."""
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
    st = common.store(ctx)
    agreement = common.agreement(ctx)
    today = common.now(agreement.mentee_tz).date()
    answers = {"went_well": went_well, "could_improve": could_improve, "next": next_}
    if common.can_prompt(no_input):
        answers = _ask(answers, RETRO_QUESTIONS)
    ended_on = parse_date(date, today) if date else today
    end_mentorship(st, agreement, ended_on, {k: v or "" for k, v in answers.items()})
    out().print(
        f"Ended your mentorship with {escape(agreement.mentor.name)} on {ended_on}. "
        "Everything is kept; 'mentorlog mentorships' lists it."
    )


def _ask(answers: dict[str, str | None],
         questions: Iterable[tuple[str, str]]) -> dict[str, str | None]:
    from rich.prompt import Prompt  # only when it asks

    console = out()
    for key, question in questions:
        if answers.get(key) is None:
            try:
                answers[key] = Prompt.ask(question, console=console, default="")
            except EOFError:
                raise KeyboardInterrupt from None
    return answers
