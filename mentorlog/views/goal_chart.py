"""The picture of a mentorship: 30/60/90 windows with today marked, and a strip of its weeks."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from msgspec import Struct

from mentorlog.core.agreement import Gap
from mentorlog.core.goals import Goal

# One character per week; a week shows the strongest thing that happened in it.
WEEK_MARKS = {"review": "R", "held": "●", "skipped": "○", "gap": "─", "none": "·"}
WEEK_LEGEND = "● held  ○ skipped  ─ gap  R monthly review  · nothing recorded"
WEEKS_PER_ROW = 52


class Week(Struct, frozen=True):
    """One week of the program in the goals timeline."""

    number: int
    start: date
    mark: str  # a key of WEEK_MARKS


def weeks(
    start: date,
    today: date,
    meetings: dict[date, str],
    reviews: Iterable[date],
    gaps: Iterable[Gap],
) -> list[Week]:
    """Every week from the start up to and including this one, each with its mark."""
    if today < start:
        return []
    count = (today - start).days // 7 + 1
    marks = ["none"] * count
    rank = {m: i for i, m in enumerate(("none", "gap", "skipped", "held", "review"))}

    def mark(day: date, what: str) -> None:
        index = (day - start).days // 7
        if 0 <= index < count and rank[what] > rank[marks[index]]:
            marks[index] = what

    for gap in gaps:
        day = max(gap.start, start)
        while day <= min(gap.end, today):
            mark(day, "gap")
            day += timedelta(days=1)
    for day, status in meetings.items():
        mark(day, status)
    for day in reviews:
        mark(day, "review")
    return [Week(i + 1, start + timedelta(weeks=i), m) for i, m in enumerate(marks)]


def strip_lines(all_weeks: list[Week]) -> list[str]:
    """The week strip as text: a ruler of week numbers over one mark per week, 52 a row."""
    lines: list[str] = []
    for first in range(0, len(all_weeks), WEEKS_PER_ROW):
        row = all_weeks[first : first + WEEKS_PER_ROW]
        ruler = [" "] * (len(row) + 3)
        for i, week in enumerate(row):
            label = str(week.number)
            free = all(c == " " for c in ruler[max(0, i - 1) : i + len(label)])
            if (week.number - 1) % 4 == 0 and free:  # about one number a month
                ruler[i : i + len(label)] = list(label)
        lines.append("".join(ruler).rstrip())
        lines.append("".join(WEEK_MARKS[w.mark] for w in row))
    return lines


class Window(Struct, frozen=True):
    """A goal's 30/60/90 window as columns of a bar: set on .. due, today marked."""

    goal: Goal
    bar: str


def windows(goals: list[Goal], today: date, width: int = 40) -> tuple[list[Window], date, date]:
    """One bar per goal on a shared axis (first set-on .. last due, today included).

    █ the window so far, ░ what is left of it, ▒ days past due for an open goal,
    ┃ today; a closed goal's bar stops at the day it was closed, drawn with ─.
    """
    if not goals:
        return [], today, today
    first = min(min(g.set_on for g in goals), today)
    last = max(max(g.due for g in goals), today)
    span = max((last - first).days, 1)

    def col(day: date) -> int:
        return round((day - first).days * (width - 1) / span)

    now = col(today)
    out = []
    for g in goals:
        cells = [" "] * width
        begin, end = col(g.set_on), col(g.due)
        if g.is_open:
            for c in range(begin, end + 1):
                cells[c] = "█" if c <= now else "░"
            for c in range(end + 1, now + 1):
                cells[c] = "▒"
        else:
            stop = col(g.closed_on or g.due)
            for c in range(begin, max(begin, stop) + 1):
                cells[c] = "─"
        cells[now] = "┃"
        out.append(Window(g, "".join(cells)))
    return out, first, last


def axis_line(first: date, last: date, width: int) -> str:
    """`24 Nov ... 22 Feb` under the bars."""
    left, right = f"{first.day} {first:%b}", f"{last.day} {last:%b}"
    gap = max(1, width - len(left) - len(right))
    return left + " " * gap + right


def today_line(first: date, last: date, today: date, width: int) -> str:
    """`today ▼` pointing at today's column over the bars."""
    span = max((last - first).days, 1)
    c = round((today - first).days * (width - 1) / span)
    label = "today ▼"
    if c >= len(label) - 1:
        return " " * (c - len(label) + 1) + label
    return " " * c + "▼ today"
