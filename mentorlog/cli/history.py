"""`mentorlog log` and `mentorlog show`: the journal in time order, and one entry whole."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from mentorlog.cli import common


def _records(st: Any) -> list[Any]:
    from mentorlog import history
    from mentorlog.formats import QUESTIONS, TASKS

    return [*(history.question_entry(q) for q in st.load(QUESTIONS).questions),
            *(history.task_entry(t) for t in st.load(TASKS).tasks)]


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
    from mentorlog import history
    from mentorlog.dates import parse_date
    from mentorlog.errors import MentorlogError
    from mentorlog.notes import parse_tag

    st = common.store(ctx)
    a = common.agreement(ctx)
    today = common.now(a.mentee_tz).date()
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
        from mentorlog.output import print_json

        print_json([history.entry_json(e) for e in entries])
        return
    _print(entries)


def _print(entries: list[Any]) -> None:
    from mentorlog import output
    from mentorlog.output import escape, out

    if not entries:
        out().print("Nothing in the journal matches.")
        return
    table = output.grid(padding=(0, 2))
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True, style="dim")
    table.add_column(overflow="fold")
    for e in entries:
        from mentorlog.render import privacy_mark

        lock = privacy_mark(e.privacy)
        tags = " " + " ".join(f"#{t}" for t in e.tags) if e.tags else ""
        table.add_row(e.day.isoformat(), e.kind, f"{escape(e.text)}{tags}{lock}")
        if e.kind in ("note", "review"):
            table.add_row("", "", f"[dim]show {e.id}[/dim]")
    out().print(table)


def show(
    ctx: typer.Context,
    entry_id: Annotated[str, typer.Argument(metavar="ID", help="An id from 'mentorlog log'.")],
) -> None:
    """Print one journal entry whole: a meeting, note, review, question or task.

    Example: mentorlog show 2026-12-01
    """
    from mentorlog import history
    from mentorlog.errors import MentorlogError
    from mentorlog.formats import QUESTIONS, TASKS

    st = common.store(ctx)
    common.agreement(ctx)
    ident = entry_id.strip().lower()
    found = history.find_doc(st, ident)
    if found:
        kind, rel = found
        typer.echo(f"{kind} {st.display(rel)}")
        typer.echo(st.read_text(rel) or "", nl=False)
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
    typer.echo("\n".join(lines))
