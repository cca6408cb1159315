"""Every weekly task as a reader sees it (`mentorlog task history`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from mentorlog.core.status import task_json
from mentorlog.core.tasks import Task
from mentorlog.views import console as output
from mentorlog.views.console import escape, out


def history_json(tasks: Sequence[Task]) -> list[dict[str, Any]]:
    """`task history --json` (docs/json.md): each task as `task --json`, closed or not."""
    rows = []
    for t in tasks:
        row = task_json(t) or {}
        row["closed_on"] = t.closed_on.isoformat() if t.closed_on else None
        row["outcome"] = t.outcome
        rows.append(row)
    return rows


def show_history(tasks: Sequence[Task]) -> None:
    if not tasks:
        out().print("No tasks yet.")
        return
    table = output.table(show_header=True, header_style="bold")
    for name in ("Task", "Set on", "Status", "Outcome"):
        table.add_column(name, overflow="fold")
    for t in tasks:
        table.add_row(f"{t.id} {escape(t.text)}", t.set_on.isoformat(), t.status,
                      escape(t.outcome))
    out().print(table)
