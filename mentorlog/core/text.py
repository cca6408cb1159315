"""Shared pieces of human output: dates, relative days, status marks (pure text)."""

from __future__ import annotations

from datetime import date, datetime


def day(d: date) -> str:
    """`Tue 1 Dec 2026`."""
    return f"{d:%a} {d.day} {d:%b %Y}"


def moment(dt: datetime) -> str:
    """`Tue 1 Dec 2026 18:00`."""
    return f"{day(dt.date())} {dt:%H:%M}"


def privacy_mark(level: str) -> str:
    """` 🔒 private` / ` 🔒 confidential` after an entry that exports leave out; else nothing."""
    return "" if level == "normal" else f" 🔒 {level}"


def relative(due: date, today: date) -> str:
    """`today`, `in 3 days`, `2 days late`."""
    delta = (due - today).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "tomorrow"
    if delta > 0:
        return f"in {delta} days"
    return f"{-delta} day{'s' if delta < -1 else ''} late"


def due_relative(due: date, today: date) -> str:
    """`due today`, `due in 3 days`, `19 days late`: after a goal's horizon, where "due 19
    days late" would say it twice."""
    when = relative(due, today)
    return when if due < today else f"due {when}"


def hours(value: float) -> str:
    """`6.08`, `1.5`, `2`: hours to two decimals at most (365 minutes are not `6.08333`)."""
    return f"{round(value, 2):g}"


GOAL_MARKS = {"open": "○", "done": "✓", "dropped": "✗"}


def bar(done: int, total: int, width: int = 20) -> str:
    """`██████░░░░░░ 1/2 done`: a progress bar as plain text."""
    filled = round(width * done / total) if total else 0
    return f"{'█' * filled}{'░' * (width - filled)} {done}/{total} done"
