"""The week's task between meetings: set it, close it (pure)."""

from __future__ import annotations

from datetime import date

from mentorlog.core.errors import MentorlogError
from mentorlog.core.model import TaskBook
from msgspec.structs import replace


def set_task(book: TaskBook, text: str, today: date, due: date | None, replacing: bool) -> TaskBook:
    words = text.strip()
    if not words:
        raise MentorlogError("the task is empty: nothing saved")
    current = book.current
    if current and not replacing:
        raise MentorlogError(
            f"{current.id} is still open ({current.text}): close it with 'mentorlog task done' "
            "or pass --replace"
        )
    if current:
        book = book.put(replace(current, status="not-done", closed_on=today,
                                outcome=current.outcome or "replaced by a new task"))
    return book.add(words, today, due)


def close_task(book: TaskBook, status: str, outcome: str, today: date) -> TaskBook:
    current = book.current
    if current is None:
        raise MentorlogError("there is no open task (set one with 'mentorlog task set TEXT')")
    return book.put(
        replace(current, status=status, closed_on=today, outcome=outcome.strip() or current.outcome)
    )
