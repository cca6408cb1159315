"""`mentorlog mentorships`, `mentorlog end` and `mentorlog reopen`: more than one mentorship
over the years, each closed with a retrospective (and reopened if it was closed too soon)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Any

import typer

from mentorlog.cli import common
from mentorlog.core.dates import parse_date
from mentorlog.core.retrospective import RETRO_QUESTIONS
from mentorlog.storage.mentorships import (
    describe_all,
    end_mentorship,
    kept_retrospective,
    reopen_mentorship,
)
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
    kept = kept_retrospective(st)  # reopened: its answers are the defaults
    defaults = {key: getattr(kept, key) if kept else "" for key, _ in RETRO_QUESTIONS}
    if common.can_prompt(no_input):
        answers = _ask(answers, RETRO_QUESTIONS, defaults)
    answers = {k: defaults[k] if v is None else v for k, v in answers.items()}
    ended_on = parse_date(date, today) if date else today
    end_mentorship(st, agreement, ended_on, {k: v or "" for k, v in answers.items()})
    out().print(
        f"Ended your mentorship with {escape(agreement.mentor.name)} on {ended_on}. "
        "Everything is kept; 'mentorlog mentorships' lists it."
    )


def _ask(answers: dict[str, str | None], questions: Iterable[tuple[str, str]],
         defaults: dict[str, str]) -> dict[str, str | None]:
    from rich.prompt import Prompt  # only when it asks

    console = out()
    for key, question in questions:
        if answers.get(key) is None:
            try:
                answers[key] = Prompt.ask(question, console=console,
                                          default=defaults.get(key, ""))
            except EOFError:
                raise KeyboardInterrupt from None
    return answers


def reopen(ctx: typer.Context) -> None:
    """Undo 'mentorlog end': the mentorship goes on, its meetings and task come back.

    The retrospective is kept in drafts/retrospective.md; the next 'end' offers its answers.

    Example: mentorlog reopen
    """
    st = common.store(ctx)
    agreement = common.agreement(ctx)
    retro = reopen_mentorship(st)
    if retro is None:
        out().print(f"Your mentorship with {escape(agreement.mentor.name)} has not ended: "
                    "there is nothing to reopen.")
        return
    out().print(
        f"Reopened your mentorship with {escape(agreement.mentor.name)} (it had ended on "
        f"{retro.ended_on}). The retrospective is kept in "
        f"{escape(st.display('drafts/retrospective.md'))} for the next 'mentorlog end'."
    )
