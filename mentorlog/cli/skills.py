"""`mentorlog skills`: the skills you work on, rated from 1 to 5 over time."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from mentorlog.cli import common, prompts
from mentorlog.cli.drafts import Conversation
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


def ask_again(st: Store, talk: Conversation) -> list[tuple[str, int]]:
    """`end`: each skill rated before, asked again (Enter skips one); the new levels. Each
    answer (a level, or "" for a skip) is kept in `talk`'s draft as it is typed; one a
    resumed draft kept is shown dimmed, not asked again."""
    shown = skill_ops.skills(st.load(SKILLS))
    if not shown:
        return []
    out().print(f"[bold]Your skills, rated again[/bold] — {view.SCALE}; Enter skips one.")
    given: list[tuple[str, int]] = []
    for skill in shown:
        key, label = f"skill:{skill.name}", f"{skill.name} (was {skill_ops.trend(skill)})"
        level = _kept_level(talk, key, label)
        if level is None:
            level = _ask_level(talk, key, label)
        if level:
            given.append((skill.name, level))
    return given


def _kept_level(talk: Conversation, key: str, label: str) -> int | None:
    """The level a resumed draft kept for this skill (0: skipped), shown as it was typed;
    None when there is none, or when what it holds is not a level (then asked again)."""
    kept = talk.get(key)
    if kept is None:
        return None
    try:
        level = skill_ops.parse_level(kept) if kept else 0
    except MentorlogError:
        return None
    prompts.say(f"[dim]{escape(label)}{prompts.ending(label)}{escape(kept)}[/dim]")
    return level


def _ask_level(talk: Conversation, key: str, label: str) -> int:
    """A level from 1 to 5 typed (asked until it is one), or 0 for Enter; kept at once."""
    while answer := prompts.ask(label):
        try:
            level = skill_ops.parse_level(answer)
        except MentorlogError as e:
            out().print(f"[red]{escape(str(e))}[/red] — try again.")
            continue
        talk.keep(key, answer)
        return level
    talk.keep(key, "")  # skipped: a resumed draft does not ask it again
    return 0


def at_the_end(st: Store, flags: list[str] | None,
               talk: Conversation | None) -> list[tuple[str, int]]:
    """`end --skill NAME=LEVEL`, or, given a conversation to keep them in (a terminal), each
    skill asked again: the new levels, checked against the skills rated before (nothing but
    the draft is written here)."""
    given = [skill_ops.parse_skill_flag(f) for f in flags or []]
    if not given and talk is not None:
        given = ask_again(st, talk)
    skill_ops.rate_all(st.load(SKILLS), given, date.min, "")  # every mistake before writing
    return given
