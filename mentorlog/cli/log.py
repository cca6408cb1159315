"""`mentorlog log` (drawn by mentorlog/views/log.py) and `mentorlog show`: one entry whole."""

from __future__ import annotations

from typing import Annotated

import typer

from mentorlog.cli import common


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
    from mentorlog.views import log as logview

    logview.run(common.session(ctx), n, since, until, tag, grep, as_json)


def show(
    ctx: typer.Context,
    entry_id: Annotated[str, typer.Argument(metavar="ID", help="An id from 'mentorlog log'.")],
) -> None:
    """Print one journal entry whole: a meeting, note, review, question or task.

    Example: mentorlog show 2026-12-01
    """
    from mentorlog.core import log as history
    from mentorlog.core.errors import MentorlogError
    from mentorlog.storage.formats import QUESTIONS, TASKS
    from mentorlog.views.console import echo

    st = common.store(ctx)
    common.agreement(ctx)
    ident = entry_id.strip().lower()
    found = history.find_doc(st, ident)
    if found:
        kind, rel = found
        echo(f"{kind} {st.display(rel)}")
        echo(st.read_text(rel) or "", end="")
        return
    if ident[:1] == "q" and ident[1:].isdigit():
        q = st.load(QUESTIONS).get(ident)
        lines = [f"question {q.id} (asked {q.asked_on}, {q.status})", q.text]
        if q.answered_on:
            lines += [f"answered {q.answered_on}:", q.answer]
    elif ident[:1] == "t" and ident[1:].isdigit():
        t = st.load(TASKS).get(ident)
        lines = [f"task {t.id} (set {t.set_on}, {t.status})", t.text]
        if t.outcome:
            lines += [f"outcome: {t.outcome}"]
    else:
        raise MentorlogError(
            f"no entry with id {entry_id!r} (ids are shown by 'mentorlog log': "
            "2026-12-01, 2026-12-01-title, q1, t1, review-2026-12-22)"
        )
    echo("\n".join(lines))
