"""Skills over time as a reader sees them (`mentorlog skills`): each skill's trend, then its
ratings by day."""

from __future__ import annotations

from typing import Any

from mentorlog.core import text as render
from mentorlog.core.skills import LEVELS, Rating, Skill, trend
from mentorlog.views.console import escape, hanging, out

SCALE = ", ".join(f"{n} {words}" for n, words in LEVELS.items())


def skills_json(shown: list[Skill]) -> list[dict[str, Any]]:
    """`skills --json` (docs/json.md)."""
    return [{"name": s.name,
             "ratings": [{"id": r.id, "date": r.on.isoformat(), "level": r.level,
                          "note": r.note} for r in s.ratings]}
            for s in shown]


def _change(skill: Skill) -> str:
    if len(skill.ratings) < 2:
        return f"baseline {render.day(skill.first.on)}"
    sign = "+" if skill.change > 0 else ""
    return f"{sign}{skill.change} since {render.day(skill.first.on)}"


def show(shown: list[Skill]) -> None:
    console = out()
    if not shown:
        console.print("No skills rated yet. Rate one from 1 (new to it) to 5 (could teach it): "
                      "mentorlog skills rate \"Writing tests\" 2 --note baseline")
        return
    console.print(f"[dim]Levels: {SCALE}.[/dim]")
    for skill in shown:
        console.print()
        console.print(hanging(f"[bold]{escape(skill.name)}[/bold]  {trend(skill)}  "
                              f"[dim]({_change(skill)})[/dim]"))
        for r in skill.ratings:
            note = f"  {escape(r.note)}" if r.note else ""
            console.print(hanging(f"  {render.day(r.on)}  {r.level}{note}"))


def show_rated(rating: Rating, skill: Skill, is_new: bool) -> None:
    what = "New skill" if is_new else "Rated"
    words = LEVELS[rating.level]
    console = out()
    console.print(hanging(f"{what}: {escape(skill.name)} {rating.level} ({words}) on "
                          f"{render.day(rating.on)}."))
    if not is_new:
        console.print(hanging(f"{escape(skill.name)}: {trend(skill)} ({_change(skill)})."))
