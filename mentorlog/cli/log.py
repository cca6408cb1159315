"""`mentorlog log`: the journal in time order, and `mentorlog show`: one entry whole."""

from __future__ import annotations

from typing import Annotated

import typer

from mentorlog.cli import common
from mentorlog.core.dates import parse_date
from mentorlog.core.errors import MentorlogError
from mentorlog.core.log import Filters, entry_json
from mentorlog.core.notes import parse_tag
from mentorlog.storage import entries
from mentorlog.storage.formats import QUESTIONS, TASKS
from mentorlog.views import log as logview
from mentorlog.views.console import echo, print_json


def log(
    ctx: typer.Context,
    n: Annotated[int | None, typer.Option("-n", min=1, help="Only the last N entries.")] = None,
    since: Annotated[str | None, typer.Option(help="From this date on.")] = None,
    until: Annotated[str | None, typer.Option(help="Up to this date.")] = None,
    tag: Annotated[str | None, typer.Option(help="Only notes with this tag.")] = None,
    grep: Annotated[str | None, typer.Option(help="Text to find (any case).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON (docs/json.md).")] = False,
) -> None:
    """Meetings, notes, questions and tasks in time order, newest last.

    Example: mentorlog log -n 10 --grep parser
    """
    st = common.store(ctx)
    a = common.agreement(ctx)
    today = common.now(a.mentee_tz).date()
    f = Filters(
        since=parse_date(since, today) if since else None,
        until=parse_date(until, today) if until else None,
        tag=parse_tag(tag) if tag else "",
        grep=(grep or "").lower(),
        limit=n,
    )
    if f.since and f.until and f.until < f.since:
        raise MentorlogError("--until is before --since")
    found = entries.collect(st, entries.records(st), f)
    if as_json:
        print_json([entry_json(e) for e in found])
    else:
        logview.show(found)


def show(
    ctx: typer.Context,
    entry_id: Annotated[str, typer.Argument(metavar="ID", help="An id from 'mentorlog log'.")],
) -> None:
    """Print one journal entry whole: a meeting, note, review, question or task.

    Example: mentorlog show 2026-12-01
    """
    st = common.store(ctx)
    common.agreement(ctx)
    ident = entry_id.strip().lower()
    found = entries.find_doc(st, ident)
    if found:
        kind, rel = found
        echo(f"{kind} {st.display(rel)}")
        echo(st.read_text(rel) or "", end="")
        return
    if ident[:1] == "q" and ident[1:].isdigit():
        echo(logview.question_text(st.load(QUESTIONS).get(ident)))
    elif ident[:1] == "t" and ident[1:].isdigit():
        echo(logview.task_text(st.load(TASKS).get(ident)))
    else:
        raise MentorlogError(
            f"no entry with id {entry_id!r} (ids are shown by 'mentorlog log': "
            "2026-12-01, 2026-12-01-title, q1, t1, review-2026-12-22)"
        )
