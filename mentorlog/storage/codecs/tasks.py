"""tasks.toml: the TaskBook to and from its TOML table, and the rows the store's cache keeps."""

from __future__ import annotations

from typing import Any

from msgspec.structs import asdict

from mentorlog.core.ids import after_highest
from mentorlog.core.tasks import TASK_STATUSES, Task, TaskBook
from mentorlog.storage.codecs.books import check_unique_ids, drop_none, flat_rows
from mentorlog.storage.fields import Fields
from mentorlog.storage.toml import SCHEMA_VERSION


def tasks_to_dict(book: TaskBook) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "next_id": book.next_id,
        "tasks": [drop_none(asdict(t)) for t in book.tasks],
    }


def tasks_from_dict(data: Any) -> TaskBook:
    f = Fields(data)
    tasks = [
        Task(
            id=t.str("id"),
            text=t.str("text"),
            set_on=t.date("set_on"),
            due=t.date("due", None),
            status=t.choice("status", TASK_STATUSES, "open"),
            closed_on=t.date("closed_on", None),
            outcome=t.str("outcome", ""),
            replaces=t.str("replaces", ""),
        )
        for t in f.tables("tasks")
    ]
    check_unique_ids(f, "tasks", [t.id for t in tasks])
    next_id = max(f.int("next_id", 1, minimum=1), after_highest(tasks, "t"))
    return TaskBook(tuple(tasks), next_id)


# The rows the store keeps of a decoded tasks.toml (Store.load): a flat book, as questions.
tasks_to_rows, tasks_from_rows = flat_rows(TaskBook, "tasks", Task)
