"""30/60/90-day goals: the records, setting, closing and editing them, and how they stand
on a day (pure)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from msgspec import Struct
from msgspec.structs import replace

from mentorlog.core import text as render
from mentorlog.core.dates import parse_date
from mentorlog.core.errors import MentorlogError
from mentorlog.core.ids import find_by_id, replace_by_id

HORIZONS = (30, 60, 90)
GOAL_STATUSES = ("open", "done", "dropped")
# The monthly review's verdict on each open goal.
VERDICTS = ("done", "on-track", "behind", "dropped", "carry")
DUE_SOON_DAYS = 7
RECENT_DAYS = 90


# --- the records ------------------------------------------------------------------------------


class Progress(Struct, frozen=True):
    """One answer to "where are you on this goal?" (a weekly meeting or a monthly review)."""

    on: date
    text: str
    verdict: str = ""  # set by a monthly review: done, on-track, behind, dropped, carry


class Plan(Struct, frozen=True):
    """What makes a goal SMART besides its words: a measure, action steps, the support
    needed from the mentor (`--measure`, `--step`, `--support`)."""

    measure: str = ""
    steps: tuple[str, ...] = ()
    support: str = ""


class Goal(Struct, frozen=True):
    """A 30/60/90-day target."""

    id: str
    text: str
    horizon: int
    set_on: date
    due: date
    status: str = "open"
    closed_on: date | None = None
    note: str = ""
    progress: tuple[Progress, ...] = ()
    # SMART (goals.toml version 2): how you will know it is done, the action steps, and
    # what you need from the mentor.
    measure: str = ""
    steps: tuple[str, ...] = ()
    support: str = ""

    @property
    def is_smart(self) -> bool:
        """True when it says more than its words: a measure, steps or support."""
        return bool(self.measure or self.steps or self.support)

    @property
    def is_open(self) -> bool:
        return self.status == "open"


class GoalBook(Struct, frozen=True):
    """Every goal ever set (goals.toml); ids are never reused."""

    goals: tuple[Goal, ...] = ()
    next_id: int = 1

    def add(self, text: str, horizon: int, set_on: date, due: date | None = None,
            smart: Plan | None = None) -> GoalBook:
        check_horizon(horizon)
        smart = smart or Plan()
        goal = Goal(
            f"g{self.next_id}", text, horizon, set_on, due or set_on + timedelta(days=horizon),
            measure=smart.measure, steps=smart.steps, support=smart.support,
        )
        return replace(self, goals=(*self.goals, goal), next_id=self.next_id + 1)

    def get(self, goal_id: str) -> Goal:
        return find_by_id(self.goals, goal_id, "goal", "mentorlog goals --all")

    def put(self, goal: Goal) -> GoalBook:
        return replace(self, goals=replace_by_id(self.goals, goal))

    def open(self) -> list[Goal]:
        return [g for g in self.goals if g.is_open]


def make_plan(measure: str | None = None, steps: Sequence[str] | None = None,
              support: str | None = None) -> Plan:
    """A Plan from the words typed, each on one line; empty steps are left out."""
    return Plan(_line(measure or ""), tuple(s for s in map(_line, steps or ()) if s),
                _line(support or ""))


def _line(text: str) -> str:
    return " ".join(text.split())


def check_horizon(horizon: int) -> int:
    if horizon not in HORIZONS:
        raise MentorlogError(f"a horizon is 30, 60 or 90 days, not {horizon}")
    return horizon


# --- reading the words people type ----------------------------------------------------------


def parse_horizon(text: str | int) -> int:
    """`30`, `60`, `90` (or `30d`); anything else is a clear error."""
    raw = str(text).strip().lower().removesuffix("d").removesuffix(" days")
    try:
        horizon = int(raw)
    except ValueError:
        raise MentorlogError(f"a horizon is 30, 60 or 90 days, not {str(text)!r}") from None
    return check_horizon(horizon)


def goal_text(text: str) -> str:
    words = " ".join(text.split())
    if not words:
        raise MentorlogError("a goal needs some words")
    return words


def due_date(text: str | None, set_on: date, horizon: int, today: date) -> date:
    """The due date typed (any date form), or the day it is set plus the horizon."""
    if text is None or not text.strip():
        return set_on + timedelta(days=horizon)
    due = parse_date(text, today)
    if due < set_on:
        raise MentorlogError(
            f"the due date {due.isoformat()} is before the goal is set ({set_on.isoformat()})"
        )
    return due


# --- changing the book ------------------------------------------------------------------------


def add(
    book: GoalBook, text: str, horizon: int, today: date, due: str | None = None,
    smart: Plan | None = None,
) -> tuple[GoalBook, Goal]:
    check_horizon(horizon)
    new = book.add(goal_text(text), horizon, today, due_date(due, today, horizon, today),
                   smart)
    return new, new.goals[-1]


def _open_goal(book: GoalBook, goal_id: str) -> Goal:
    goal = book.get(goal_id)
    if not goal.is_open:
        raise MentorlogError(
            f"{goal.id} is already {goal.status} (on {goal.closed_on or goal.due}); "
            "ids are never reused — add a new goal instead"
        )
    return goal


def close(
    book: GoalBook, goal_id: str, status: str, today: date, note: str = ""
) -> tuple[GoalBook, Goal]:
    """Mark an open goal done or dropped on `today`, with a note (why, how)."""
    goal = replace(
        _open_goal(book, goal_id), status=status, closed_on=today, note=" ".join(note.split())
    )
    return book.put(goal), goal


def edit(
    book: GoalBook,
    goal_id: str,
    today: date,
    text: str | None = None,
    horizon: int | None = None,
    due: str | None = None,
    measure: str | None = None,
    steps: Sequence[str] | None = None,
    support: str | None = None,
) -> tuple[GoalBook, Goal]:
    """Change a goal's words, horizon, due date, measure, steps or support (what is not
    None); a new horizon without a due date moves the due date to set-on + horizon. New
    steps replace the old ones; empty words clear a measure, support or the steps."""
    goal = book.get(goal_id)
    given = make_plan(measure, steps, support)
    if measure is not None:
        goal = replace(goal, measure=given.measure)
    if steps is not None:
        goal = replace(goal, steps=given.steps)
    if support is not None:
        goal = replace(goal, support=given.support)
    if text is not None:
        goal = replace(goal, text=goal_text(text))
    if horizon is not None:
        goal = replace(goal, horizon=check_horizon(horizon))
        if due is None:
            goal = replace(goal, due=goal.set_on + timedelta(days=goal.horizon))
    if due is not None:
        goal = replace(goal, due=due_date(due, goal.set_on, goal.horizon, today))
    return book.put(goal), goal


# --- how goals stand on a day -----------------------------------------------------------------


def visible_goals(goals: GoalBook, today: date, days: int = RECENT_DAYS) -> list[Goal]:
    """Open goals, and those closed in the last `days` days."""
    since = today - timedelta(days=days)
    return [g for g in goals.goals if g.is_open or (g.closed_on or g.due) >= since]


def listed(book: GoalBook, today: date, show_all: bool = False) -> list[Goal]:
    """Every goal open or closed in the last 90 days (all of them with show_all), by horizon."""
    goals = list(book.goals) if show_all else visible_goals(book, today, RECENT_DAYS)
    return sorted(goals, key=lambda g: (g.horizon, g.due, _number(g.id)))


def by_horizon(goals: list[Goal]) -> dict[int, list[Goal]]:
    return {h: [g for g in goals if g.horizon == h] for h in HORIZONS}


def progress(goals: list[Goal]) -> tuple[int, int]:
    """(done, counted): dropped goals do not count against you."""
    counted = [g for g in goals if g.status != "dropped"]
    return sum(g.status == "done" for g in counted), len(counted)


def due_soon(book: GoalBook, today: date, days: int = DUE_SOON_DAYS) -> list[Goal]:
    """Open goals due today or within `days` days."""
    return [g for g in book.open() if 0 <= (g.due - today).days <= days]


def overdue(book: GoalBook, today: date) -> list[Goal]:
    return [g for g in book.open() if g.due < today]


def _number(goal_id: str) -> int:
    digits = goal_id[1:]
    return int(digits) if digits.isdigit() else 0


# --- the weekly meeting: "where are you as far as meeting your 30/60/90 goals?" ---------------


def weekly_goals(book: GoalBook) -> list[Goal]:
    """The goals the weekly meeting asks about: every open one, by horizon and due date."""
    return sorted(book.open(), key=lambda g: (g.horizon, g.due, _number(g.id)))


def weekly_lines(book: GoalBook, today: date) -> list[str]:
    """One plain line per open goal, for the weekly meeting's 30/60/90 question."""
    lines = []
    for g in weekly_goals(book):
        last = g.progress[-1] if g.progress else None
        said = f"; last: {last.text} ({last.on.isoformat()})" if last and last.text else ""
        lines.append(
            f"{g.id} {g.text} — {g.horizon} days, due {render.day(g.due)} "
            f"({render.relative(g.due, today)}){said}"
        )
    return lines


def parse_progress(book: GoalBook, answers: dict[str, str]) -> dict[str, str]:
    """Checks the answers' ids name open goals; empty answers are left out."""
    progress: dict[str, str] = {}
    for goal_id, text in answers.items():
        words = " ".join(text.split())
        if words:
            progress[_open_goal(book, goal_id).id] = words
    return progress


def record_progress(book: GoalBook, answers: dict[str, str], on: date) -> GoalBook:
    """Adds each answer to its goal's progress history (goals.toml `[[goals.progress]]`)."""
    for goal_id, text in parse_progress(book, answers).items():
        goal = book.get(goal_id)
        book = book.put(replace(goal, progress=(*goal.progress, Progress(on, text))))
    return book
