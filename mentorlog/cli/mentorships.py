"""`mentorlog mentorships`, `mentorlog end` and `mentorlog reopen`: more than one mentorship
over the years, each closed with a retrospective (and reopened if it was closed too soon)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date as Day
from functools import partial
from typing import Annotated, Any

import typer

from mentorlog.cli import common, drafts, prompts, skills
from mentorlog.core.dates import parse_date
from mentorlog.core.report import Report
from mentorlog.core.retrospective import RETRO_QUESTIONS
from mentorlog.core.skills import rate_all
from mentorlog.storage.formats import END_DRAFT, SKILLS
from mentorlog.storage.mentorships import (
    KEPT_RETROSPECTIVE,
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
    skill: Annotated[list[str] | None, typer.Option(
        help="'Writing tests=4': a skill you rated, rated again (repeatable; else asked).",
        show_default=False)] = None,
    no_input: Annotated[bool, typer.Option("--no-input", help="Never prompt.")] = False,
) -> None:
    """Close this mentorship with a short retrospective and your skills rated again;
    everything is kept.

    Example: mentorlog end --no-input --went-well "weekly rhythm" --next "mentor others"
    """
    st = common.store(ctx)
    agreement = common.agreement(ctx)
    today = common.now(agreement.mentee_tz).date()
    answers = {"went_well": went_well, "could_improve": could_improve, "next": next_}
    kept = kept_retrospective(st)  # reopened: its answers are the defaults
    defaults = {key: getattr(kept, key) if kept else "" for key, _ in RETRO_QUESTIONS}
    interactive = common.can_prompt(no_input)
    draft = drafts.offer(st, END_DRAFT, "retrospective", interactive, "mentorlog end")
    talk = drafts.Conversation(st, END_DRAFT, "end", today, draft.answers if draft else None)
    with drafts.kept_on_interrupt(talk, "mentorlog end"):
        if interactive:
            answers = _ask(answers, RETRO_QUESTIONS, defaults, talk)
        answers = {k: defaults[k] if v is None else v for k, v in answers.items()}
        rated = skills.at_the_end(st, skill, talk if interactive else None)
    ended_on = parse_date(date, today) if date else today
    report = _report(ctx, ended_on)  # read first: a broken file stops `end` before it writes
    with st.lock():  # the ratings and the retrospective land together, or neither
        if rated:
            st.update(SKILLS, lambda book: rate_all(book, rated, ended_on, "at the end"))
        end_mentorship(st, agreement, ended_on, {k: v or "" for k, v in answers.items()})
        if interactive and st.exists(END_DRAFT.name):  # its answers are in the retrospective
            st.remove(END_DRAFT.name)
    out().print(
        f"Ended your mentorship with {escape(agreement.mentor.name)} on {ended_on}. "
        "Everything is kept; 'mentorlog mentorships' lists it."
    )
    if report is not None:
        from mentorlog.views.report import show

        out().print()
        show(report)


def _report(ctx: typer.Context, ended_on: Day) -> Report | None:
    """The whole growth report, first meeting to the end, which the retrospective shows."""
    from mentorlog.storage.growth import growth_report

    agreement = common.agreement(ctx)
    if ended_on < agreement.start:
        return None  # nothing happened to report on
    return growth_report(common.store(ctx), agreement, ended_on, until=ended_on.isoformat())


def _ask(answers: dict[str, str | None], questions: Iterable[tuple[str, str]],
         defaults: dict[str, str], talk: drafts.Conversation) -> dict[str, str | None]:
    """The retrospective's questions the flags left; each answer is kept in the draft."""
    for key, question in questions:
        if answers.get(key) is None:
            default = defaults.get(key, "")
            answers[key] = talk.ask(key, partial(prompts.ask, question, default))
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
        f"{escape(st.display(KEPT_RETROSPECTIVE))} for the next 'mentorlog end'."
    )
