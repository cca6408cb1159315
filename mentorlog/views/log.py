"""The journal in time order as a reader sees it: filtered, loaded and drawn (no typer).

Shared by `mentorlog log` and its fast path (mentorlog/fastpath.py).
"""

from __future__ import annotations

from typing import Any

def run(session: Any, n: int | None = None, since: str | None = None, until: str | None = None,
        tag: str | None = None, grep: str | None = None, as_json: bool = False) -> None:
    """`mentorlog log [-n N] [--since D] [--until D] [--tag T] [--grep WORD] [--json]`."""
    from mentorlog.cli import clock
    from mentorlog.core import log as history
    from mentorlog.core.dates import parse_date
    from mentorlog.core.errors import MentorlogError
    from mentorlog.storage.formats import AGREEMENT
    from mentorlog.core.model import zone
    from mentorlog.core.notes import parse_tag

    st = session.store
    a = st.load(AGREEMENT)
    today = clock.now(zone(a.mentee_tz)).date()
    f = history.Filters(
        since=parse_date(since, today) if since else None,
        until=parse_date(until, today) if until else None,
        tag=parse_tag(tag) if tag else "",
        grep=(grep or "").lower(),
        limit=n,
    )
    if f.since and f.until and f.until < f.since:
        raise MentorlogError("--until is before --since")
    entries = history.collect(st, _records(st), f)
    if as_json:
        from mentorlog.views.console import print_json

        print_json([history.entry_json(e) for e in entries])
        return
    show(entries)


def _records(st: Any) -> list[Any]:
    from mentorlog.core import log as history
    from mentorlog.storage.formats import QUESTIONS, TASKS

    return [*(history.question_entry(q) for q in st.load(QUESTIONS).questions),
            *(history.task_entry(t) for t in st.load(TASKS).tasks)]


def show(entries: list[Any]) -> None:
    from mentorlog.views import console as output
    from mentorlog.views.console import escape, out

    if not entries:
        out().print("Nothing in the journal matches.")
        return
    table = output.grid(padding=(0, 2))
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True, style="dim")
    table.add_column(overflow="fold")
    for e in entries:
        from mentorlog.core.text import privacy_mark

        lock = privacy_mark(e.privacy)
        tags = " " + " ".join(f"#{t}" for t in e.tags) if e.tags else ""
        table.add_row(e.day.isoformat(), e.kind, f"{escape(e.text)}{tags}{lock}")
        if e.kind in ("note", "review"):
            table.add_row("", "", f"[dim]show {e.id}[/dim]")
    out().print(table)
