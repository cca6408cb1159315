"""`mentorlog skills`: the skills you work on, rated from 1 to 5 over time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated

import typer

from mentorlog.cli import common, prompts
from mentorlog.core import skills as skill_ops
from mentorlog.core.dates import parse_date
from mentorlog.core.errors import MentorlogError
from mentorlog.core.skills import SkillBook
from mentorlog.storage.formats import SKILLS
from mentorlog.storage.store import Store
from mentorlog.views import skills as view
from mentorlog.views.console import escape, out, print_json

app = typer.Typer(invoke_without_command=True, rich_markup_mode=None)


@app.callback()
def listing(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON (docs/json.md).")] = False,
) -> None:
    """The skills you work on, with their ratings over time (1 new to it, 5 could teach it).

    Without a command: each skill's trend, like 2 → 3 → 4, and its ratings by day.

    Example: mentorlog skills
    """
    if ctx.invoked_subcommand:
        return
    common.agreement(ctx)  # before the first meeting there is nothing to rate, as everywhere
    shown = skill_ops.skills(common.store(ctx).load(SKILLS))
    if as_json:
        print_json(view.skills_json(shown))
    else:
        view.show(shown)


@app.command()
def rate(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The skill, like 'Writing tests'.")],
    level: Annotated[str, typer.Argument(help="1 new to it ... 5 could teach it.")],
    note: Annotated[str, typer.Option("--note", help="Why this level, in a line.")] = "",
    on: Annotated[str, typer.Option("--date", help="The day (default: today).")] = "today",
    new: Annotated[
        bool, typer.Option("--new", help="A new skill, even if its name is close to one "
                           "you rated.")
    ] = False,
) -> None:
    """Rate a skill from 1 to 5; a name not rated before starts a new skill.

    A name is matched whatever its case; one close to a skill you rated is refused with
    "did you mean" (add --new if it is another skill).

    Example: mentorlog skills rate "Writing tests" 3 --note "wrote the fixtures myself"
    """
    agreement = common.agreement(ctx)
    today = common.now(agreement.mentee_tz).date()
    skill_ops.parse_level(level)  # the level first: it is the likelier mistake
    day = parse_date(on, today)
    st = common.open_mentorship(ctx)
    rated: list[tuple[skill_ops.Rating, bool]] = []

    def change(book: SkillBook) -> SkillBook:
        book, rating, is_new = skill_ops.rate(book, name, level, day, today, note, new)
        rated.append((rating, is_new))
        return book

    book = st.update(SKILLS, change)
    rating, is_new = rated[0]
    skill = next(s for s in skill_ops.skills(book) if s.name == rating.skill)
    view.show_rated(rating, skill, is_new)


# --- asked by `init` and `end` ----------------------------------------------------------------


def ask_again(st: Store, ask: Callable[[str], str]) -> list[tuple[str, int]]:
    """`end`: each skill rated before, asked again (Enter skips one); the new levels.
    `ask(label)` returns what was typed."""
    shown = skill_ops.skills(st.load(SKILLS))
    if not shown:
        return []
    console = out()
    console.print(f"[bold]Your skills, rated again[/bold] — {view.SCALE}; Enter skips one.")
    given: list[tuple[str, int]] = []
    for skill in shown:
        while answer := ask(f"{skill.name} (was {skill_ops.trend(skill)})"):
            try:
                given.append((skill.name, skill_ops.parse_level(answer)))
                break
            except MentorlogError as e:
                console.print(f"[red]{escape(str(e))}[/red] — try again.")
    return given


def at_the_end(st: Store, flags: list[str] | None, can_prompt: bool) -> list[tuple[str, int]]:
    """`end --skill NAME=LEVEL`, or each skill asked again: the new levels, checked against
    the skills rated before (nothing is written here)."""
    given = [skill_ops.parse_skill_flag(f) for f in flags or []]
    if not given and can_prompt:
        given = ask_again(st, _ask)
    skill_ops.rate_all(st.load(SKILLS), given, date.min, "")  # every mistake before writing
    return given


def _ask(label: str) -> str:
    return prompts.ask(label)
