"""Merging a (re-)run of the first meeting into existing goals and tasks, losing none (pure)."""

from __future__ import annotations

from mentorlog.core.model import GoalBook, TaskBook


def merge_goals(existing: GoalBook, new: GoalBook) -> GoalBook:
    """Adds the new goals that are not already there (same text and horizon)."""
    have = {(g.text, g.horizon) for g in existing.goals}
    book = existing
    for g in new.goals:
        if (g.text, g.horizon) not in have:
            book = book.add(g.text, g.horizon, g.set_on, g.due)
    return book


def merge_tasks(existing: TaskBook, new: TaskBook) -> TaskBook:
    """Adds the new first task unless the same task is already open."""
    have = {t.text for t in existing.tasks if t.is_open}
    book = existing
    for t in new.tasks:
        if t.text not in have:
            book = book.add(t.text, t.set_on, t.due)
    return book
