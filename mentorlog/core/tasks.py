"""The week's task between meetings: the records, setting a task and closing it (pure)."""

from __future__ import annotations

from datetime import date

from msgspec import Struct
from msgspec.structs import replace

from mentorlog.core.errors import MentorlogError
from mentorlog.core.ids import find_by_id, replace_by_id

TASK_STATUSES = ("open", "done", "partly", "not-done")


class Task(Struct, frozen=True):
    """The week's task: what the mentee committed to before the next meeting."""

    id: str
    text: str
    set_on: date
    due: date | None = None
    status: str = "open"
    closed_on: date | None = None
    outcome: str = ""
    replaces: str = ""  # the id of the task this one replaced (`task set --replace`)

    @property
    def is_open(self) -> bool:
        return self.status == "open"


class TaskBook(Struct, frozen=True):
    """Every weekly task (tasks.toml); the newest open one is the current task."""

    tasks: tuple[Task, ...] = ()
    next_id: int = 1

    def add(self, text: str, set_on: date, due: date | None = None,
            replaces: str = "") -> TaskBook:
        task = Task(f"t{self.next_id}", text, set_on, due, replaces=replaces)
        return replace(self, tasks=(*self.tasks, task), next_id=self.next_id + 1)

    @property
    def current(self) -> Task | None:
        open_tasks = [t for t in self.tasks if t.is_open]
        return open_tasks[-1] if open_tasks else None

    def get(self, task_id: str) -> Task:
        return find_by_id(self.tasks, task_id, "task", "mentorlog task history")

    def put(self, task: Task) -> TaskBook:
        return replace(self, tasks=replace_by_id(self.tasks, task))


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
    return book.add(words, today, due, replaces=current.id if current else "")


def close_task(book: TaskBook, status: str, outcome: str, today: date) -> TaskBook:
    current = book.current
    if current is None:
        raise MentorlogError("there is no open task (set one with 'mentorlog task set TEXT')")
    return book.put(
        replace(current, status=status, closed_on=today, outcome=outcome.strip() or current.outcome)
    )
