"""`mentorlog log`: the journal in time order, and `mentorlog show`: one entry whole."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated

import typer

from mentorlog.cli import common
from mentorlog.core.dates import parse_bound, parse_date
from mentorlog.core.errors import FileProblem, MentorlogError, SchemaError
from mentorlog.core.ids import did_you_mean
from mentorlog.core.log import Filters, entry_json
from mentorlog.core.meetings import doc_id
from mentorlog.core.notes import parse_tag
from mentorlog.storage import entries
from mentorlog.storage.codecs.meetings import meeting_from_doc
from mentorlog.storage.codecs.notes import note_from_doc
from mentorlog.storage.codecs.reviews import review_from_doc
from mentorlog.storage.formats import QUESTIONS, TASKS
from mentorlog.storage.mentorships import load_retrospective
from mentorlog.storage.note_ids import note_ids
from mentorlog.storage.store import Store
from mentorlog.views import log as logview
from mentorlog.views.console import echo, print_json

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def log(
    ctx: typer.Context,
    n: Annotated[int | None, typer.Option("-n", min=1, help="Only the last N entries.")] = None,
    since: Annotated[str | None, typer.Option(
        help="From this date (or month: 2026-11, nov) on.")] = None,
    until: Annotated[str | None, typer.Option(
        help="Up to this date (or the end of this month).")] = None,
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
        since=parse_bound(since, today) if since else None,
        until=parse_bound(until, today, end=True) if until else None,
        tag=parse_tag(tag) if tag else "",
        grep=(grep or "").lower(),
        limit=n,
    )
    if f.since and f.until and f.until < f.since:
        raise MentorlogError("--until is before --since")
    found = entries.collect(st, entries.records(st), f, whole=as_json)
    if f.grep and (missed := entries.unsearched(st)):
        echo(f"{missed} encrypted {'entry' if missed == 1 else 'entries'} could not "
                    "be searched: this machine has no key for them (docs/sharing.md).", stderr=True)
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
    # a day without a meeting: its notes, a review (`2026-09-31`: what is wrong with it)
    day = parse_date(ident, date.min) if _DAY.match(ident) else None
    if found is None and day is not None:
        on_day = entries.on_day(st, day)
        if len(on_day) > 1:
            logview.show_day_entries(on_day)
            raise MentorlogError(f"{len(on_day)} entries on {ident}: show one by its id "
                                 f"({', '.join(e.id for e in on_day)})")
        found = entries.find_doc(st, on_day[0].id) if on_day else None
    if found:
        _show_document(st, *found)
        if found[0] == "meeting":  # the notes of that day are a `show` away
            others = [e for e in entries.on_day(st, date.fromisoformat(ident))
                      if e.kind != "meeting"]
            logview.show_also(others)
        return
    if ident[:1] == "q" and ident[1:].isdigit():
        echo(logview.question_text(st.load(QUESTIONS).get(ident)))
    elif ident[:1] == "t" and ident[1:].isdigit():
        echo(logview.task_text(st.load(TASKS).get(ident)))
    else:
        raise MentorlogError(
            f"no entry with id {entry_id!r}{did_you_mean(ident, _known_ids(st))} (ids are "
            "shown by 'mentorlog log': 2026-12-01, n3, 2026-12-01-title, q1, t1, "
            "review-2026-12-22)"
        )


def _known_ids(st: Store) -> list[str]:
    """Every id `show` takes, for a "did you mean" (read only when an id is not found)."""
    try:  # a file that does not read is for the command that shows it to report
        known = [e.id for e in entries.collect(st, entries.records(st), Filters())]
    except MentorlogError:
        known = []
    return known + [i for rel, n in note_ids(st).items() for i in (n, doc_id(rel))]


def _show_document(st: Store, kind: str, rel: str) -> None:
    """A meeting, note, review or the retrospective: a short header, then its text."""
    where = rel  # inside the data folder: short, and not split at 60 columns
    if kind == "retrospective":
        retro = load_retrospective(st)
        if retro is not None:
            logview.show_retrospective(retro, where)
        return
    doc = st.load_doc(rel)
    try:
        if kind == "note":
            note = note_from_doc(doc)
            logview.show_note(note_ids(st).get(rel) or note.id, note, where)
        elif kind == "meeting":
            logview.show_meeting(meeting_from_doc(doc), where)
        else:
            logview.show_review(review_from_doc(doc), doc.body, where)
    except SchemaError as e:
        raise FileProblem(st.display(rel), str(e)) from None
