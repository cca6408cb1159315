"""`mentorlog note`, `ask` and `answer`: what happens between meetings."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from mentorlog.cli import common
from mentorlog.cli.editor import edit_new_text
from mentorlog.core import notes as domain
from mentorlog.core import text as render
from mentorlog.storage import journal
from mentorlog.storage.codecs.notes import note_to_doc
from mentorlog.storage.formats import NOTES, QUESTIONS
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
) -> None:
    """Write a note between meetings: from TEXT, from stdin, or in your editor.

    Example: mentorlog note "Paired with Sam on the parser" --tag pairing
    """
    st = common.open_mentorship(ctx)
    agreement = common.agreement(ctx)
    now = common.now(agreement.mentee_tz)
    privacy = domain.privacy_of(private, confidential)
    tags = [domain.parse_tag(t) for t in tag or []]
    from_editor = text is None and (edit or sys.stdin.isatty())
    if from_editor:
        body = _from_editor(st)
        if not body.strip():
            with st.lock():
                st.remove(DRAFT)
            out().print("Empty note: nothing saved.")
            return
    else:
        body = text if text is not None else sys.stdin.read()
    n = domain.new_note(body, now, tags, privacy)
    with st.lock():
        rel = st.new_doc_name(NOTES.name, domain.note_stem(n))
        st.save_doc(rel, note_to_doc(n))
        if from_editor:
            st.remove(DRAFT)
    mark = "" if privacy == "normal" else f" ({privacy})"
    # The file on a line of its own: a long name is not split from its words at 60 columns.
    out().print(f"Saved the note{mark}: {escape(n.title)}\n{escape(rel)}")


def _from_editor(st: Store) -> str:
    if st.read_text(DRAFT) is not None:
        err().print(f"Recovered an unsaved note from {st.display(DRAFT)}.")
    body, _ = edit_new_text(st, DRAFT)
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
