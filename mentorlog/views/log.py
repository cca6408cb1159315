"""The journal in time order as a reader sees it."""

from __future__ import annotations

from mentorlog.core.log import Entry
from mentorlog.core.questions import ParkedQuestion
from mentorlog.core.tasks import Task
from mentorlog.core.text import privacy_mark
from mentorlog.views import console as output
from mentorlog.views.console import escape, out


def show(entries: list[Entry]) -> None:
    if not entries:
        out().print("Nothing in the journal matches.")
        return
    console = out()
    # The widths are known: telling Rich saves measuring every cell (a search's hundreds).
    kind = max(len(e.kind) for e in entries)
    table = output.grid(padding=(0, 2))
    table.add_column(no_wrap=True, width=10)
    table.add_column(no_wrap=True, style="dim", width=kind)
    table.add_column(overflow="fold", width=max(console.width - 10 - kind - 4, 10))
    for e in entries:
        lock = privacy_mark(e.privacy)
        tags = " " + " ".join(f"#{t}" for t in e.tags) if e.tags else ""
        table.add_row(e.day.isoformat(), e.kind, f"{escape(e.text)}{tags}{lock}")
        if e.kind in ("note", "review", "retrospective"):
            table.add_row("", "", f"[dim]show {e.id}[/dim]")
    console.print(table)


def question_text(q: ParkedQuestion) -> str:
    """`mentorlog show q1`: a parked question whole, with its answer (plain text)."""
    lines = [f"question {q.id} (asked {q.asked_on}, {q.status})", q.text]
    if q.answered_on:
        lines += [f"answered {q.answered_on}:", q.answer]
    return "\n".join(lines)


def task_text(t: Task) -> str:
    """`mentorlog show t1`: a task whole, with its outcome (plain text)."""
    lines = [f"task {t.id} (set {t.set_on}, {t.status})", t.text]
    if t.outcome:
        lines += [f"outcome: {t.outcome}"]
    return "\n".join(lines)
