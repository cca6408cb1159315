"""goals.toml: the GoalBook to and from its TOML table, and the rows the store's cache keeps.

Version 2 adds a goal's SMART plan: `measure`, `steps` and `support` (all optional). A book
that uses none of them is written as version 1, byte for byte as before, so an older
mentorlog keeps reading it; one that does is version 2, which an older mentorlog refuses
rather than rewrite without them. Both versions read.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from msgspec.structs import asdict

from mentorlog.core.errors import SchemaError
from mentorlog.core.goals import GOAL_STATUSES, HORIZONS, VERDICTS, Goal, GoalBook, Progress
from mentorlog.core.ids import after_highest
from mentorlog.storage.codecs.books import check_unique_ids, drop_none
from mentorlog.storage.fields import Fields
from mentorlog.storage.toml import SCHEMA_VERSION

GOALS_VERSION = 2  # storage/toml.py SCHEMA_VERSIONS: 1 is still read (and written, see above)


def goals_to_dict(book: GoalBook) -> dict[str, Any]:
    smart = any(g.is_smart for g in book.goals)
    return {
        "schema_version": GOALS_VERSION if smart else SCHEMA_VERSION,
        "next_id": book.next_id,
        "goals": [_goal_to_dict(g) for g in book.goals],
    }


def _goal_to_dict(g: Goal) -> dict[str, Any]:
    out = drop_none({k: v for k, v in asdict(g).items() if k not in ("progress", "steps")})
    if g.steps:
        out["steps"] = list(g.steps)
    if g.progress:
        out["progress"] = [drop_none(asdict(p)) for p in g.progress]
    return out


def _progress_from(t: Fields) -> Progress:
    verdict = t.str("verdict", "")
    if verdict and verdict not in VERDICTS:
        raise SchemaError(
            t.key("verdict"), f"expected one of {', '.join(VERDICTS)}, got {verdict!r}"
        )
    return Progress(t.date("on"), t.str("text", ""), verdict)


def goals_from_dict(data: Any) -> GoalBook:
    f = Fields(data)
    goals = []
    for t in f.tables("goals"):
        goal = Goal(
            id=t.str("id"),
            text=t.str("text"),
            horizon=t.int("horizon"),
            set_on=t.date("set_on"),
            due=t.date("due"),
            status=t.choice("status", GOAL_STATUSES, "open"),
            closed_on=t.date("closed_on", None),
            note=t.str("note", ""),
            progress=tuple(_progress_from(p) for p in t.tables("progress")),
            measure=t.str("measure", ""),
            steps=tuple(t.strings("steps")),
            support=t.str("support", ""),
        )
        if goal.horizon not in HORIZONS:
            raise SchemaError(t.key("horizon"), f"expected 30, 60 or 90, got {goal.horizon}")
        goals.append(goal)
    check_unique_ids(f, "goals", [g.id for g in goals])
    next_id = max(f.int("next_id", 1, minimum=1), after_highest(goals, "g"))
    return GoalBook(tuple(goals), next_id)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text is not None else None


def goals_to_rows(book: GoalBook) -> list[Any]:
    """A decoded GoalBook as plain JSON rows for the store's cache (goals_from_rows)."""
    return [book.next_id, [[g.id, g.text, g.horizon, g.set_on.isoformat(), g.due.isoformat(),
                            g.status, _iso(g.closed_on), g.note,
                            [[p.on.isoformat(), p.text, p.verdict] for p in g.progress],
                            g.measure, list(g.steps), g.support]
                           for g in book.goals]]


def goals_from_rows(rows: list[Any]) -> GoalBook:
    """goals_to_rows, undone; nothing is checked again (the store keeps only rows of a file
    that decoded without a problem)."""
    day = date.fromisoformat
    next_id, goals = rows
    return GoalBook(tuple(
        Goal(i, text, horizon, day(set_on), day(due), status, _day(closed), note,
             tuple(Progress(day(on), ptext, verdict) for on, ptext, verdict in progress),
             measure, tuple(steps), support)
        for (i, text, horizon, set_on, due, status, closed, note, progress, measure, steps,
             support) in goals
    ), next_id)
