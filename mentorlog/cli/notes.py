"""`mentorlog note`, `ask` and `answer`: what happens between meetings."""

from __future__ import annotations

import sys
from datetime import datetime, timedelta
from typing import Annotated

import typer
from msgspec.structs import replace

from mentorlog.cli import common
from mentorlog.cli.editor import edit_new_text
from mentorlog.core import notes as domain
from mentorlog.core import text as render
from mentorlog.core.dates import parse_datetime, weekday_index
from mentorlog.core.errors import MentorlogError
from mentorlog.storage import journal
from mentorlog.storage.codecs.notes import note_to_doc
from mentorlog.storage.formats import NOTES, QUESTIONS
from mentorlog.storage.note_ids import next_note_id
from mentorlog.storage.store import Store
from mentorlog.views.console import err, escape, out

DRAFT = "drafts/note.md"

Private = Annotated[bool, typer.Option("--private", help="Only for you: left out of exports.")]
Confidential = Annotated[
    bool, typer.Option("--confidential", help="Told in confidence by your mentor.")
]


def note(
    ctx: typer.Context,
    text: Annotated[str | None, typer.Argument(help="The note (default: stdin or $EDITOR).")]
    = None,
    tag: Annotated[list[str] | None, typer.Option(help="A tag (repeatable).")] = None,
    private: Private = False,
    confidential: Confidential = False,
    edit: Annotated[
        bool, typer.Option("--edit", "-e", help="Write it in $VISUAL / $EDITOR.")
    ] = False,
    when: Annotated[
        str | None,
        typer.Option("--date", metavar="WHEN",
                     help="When it happened: a date form (yesterday, mon, 2026-11-26 18:00); "
                     "default now."),
    ] = None,
) -> None:
    """Write a note between meetings: from TEXT, from stdin, or in your editor.

    #words in the text become tags, as --tag does.

    Example: mentorlog note "Paired with Sam on the parser #pairing" --date yesterday
    """
    st = common.open_mentorship(ctx)
    agreement = common.agreement(ctx)
    now = common.now(agreement.mentee_tz)
    created = _created(when, now)
    privacy = domain.privacy_of(private, confidential)
    tags = [domain.parse_tag(t) for t in tag or []]
    from_editor = text is None and (edit or sys.stdin.isatty())
    if from_editor:
        body = domain.strip_template(_from_editor(st, privacy))
        if not body:
            with st.lock():
                st.remove(DRAFT)
            out().print("Empty note: nothing saved.")
            return
    else:
        body = text if text is not None else sys.stdin.read()
    n = domain.new_note(body, created, tags, privacy)
    with st.lock():
        n = replace(n, id=next_note_id(st))
        rel = st.new_doc_name(NOTES.name, st.sealer.note_stem(n.privacy, domain.note_stem(n)))
        st.save_doc(rel, note_to_doc(n))
        if from_editor:
            st.remove(DRAFT)
    mark = "" if privacy == "normal" else f" ({privacy})"
    tagged = f" (tags: {', '.join(n.tags)})" if n.tags else ""
    # The file on a line of its own: a long name is not split from its words at 60 columns.
    out().print(f"Saved note {n.id}{mark}: {escape(n.title)}{escape(tagged)}\n{escape(rel)}")


def _created(when: str | None, now: datetime) -> datetime:
    """`--date`: a day (at the time it is now) or a day and time; never in the future. A
    weekday (`mon`) is the last one: a note is about a day that has been."""
    if when is None:
        return now
    created = parse_datetime(when, now, default_time=now.time().replace(tzinfo=None))
    if created.date() > now.date() and _is_weekday(when.split()[0] if when.split() else ""):
        created = parse_datetime(when, now - timedelta(days=7),
                                 default_time=now.time().replace(tzinfo=None))
    if created.date() > now.date():
        raise MentorlogError(f"--date {when!r} is {created.date().isoformat()}, in the "
                             "future: a note is about what happened")
    return created.replace(microsecond=0)


def _is_weekday(word: str) -> bool:
    try:
        weekday_index(word)
    except MentorlogError:
        return False
    return True


def _from_editor(st: Store, privacy: str) -> str:
    if st.read_text(DRAFT) is not None:
        err().print(f"Recovered an unsaved note from {st.display(DRAFT)}.")
    body, _ = edit_new_text(st, DRAFT, domain.template(privacy))
    return body


def ask(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="The question for your next meeting.")],
    private: Private = False,
    confidential: Confidential = False,
) -> None:
    """Park a question for the next meeting.

    Example: mentorlog ask "How do you review a large PR?"
    """
    st = common.open_mentorship(ctx)
    a = common.agreement(ctx)
    now = common.now(a.mentee_tz)
    privacy = domain.privacy_of(private, confidential)
    # before saving: a meeting that does not read stops it
    nxt = journal.timeline(st, a, now).next()
    book = st.update(QUESTIONS, lambda b: b.ask(text, now.date(), privacy))
    when = f" for your next meeting ({render.moment(nxt.start)})" if nxt else ""
    out().print(f"Parked {book.last.id}{when}: {escape(book.last.text)}")


def answer(
    ctx: typer.Context,
    question_id: Annotated[str, typer.Argument(help="Its id: q1 (see 'mentorlog agenda').")],
    text: Annotated[str, typer.Argument(help="The answer, in your words.")],
) -> None:
    """Answer a parked question outside a meeting (by email, in a chat, by yourself).

    Example: mentorlog answer q1 "Read it commit by commit"
    """
    st = common.open_mentorship(ctx)
    today = common.now(common.agreement(ctx).mentee_tz).date()
    book = st.update(QUESTIONS, lambda b: b.answer_open(question_id, text, today))
    q = book.get(question_id)
    out().print(f"Answered {q.id}: {escape(q.text)}")
