"""questions.toml: the QuestionBook to and from its TOML table, and the rows the store's cache
keeps."""

from __future__ import annotations

from typing import Any

from msgspec.structs import asdict

from mentorlog.core.agreement import PRIVACY_LEVELS
from mentorlog.core.ids import after_highest
from mentorlog.core.questions import QUESTION_STATUSES, ParkedQuestion, QuestionBook
from mentorlog.storage.codecs.books import check_unique_ids, drop_none, flat_rows
from mentorlog.storage.fields import Fields
from mentorlog.storage.toml import SCHEMA_VERSION


def questions_to_dict(book: QuestionBook) -> dict[str, Any]:
    rows = []
    for q in book.questions:
        row = drop_none(asdict(q))
        if q.privacy == "normal":
            row.pop("privacy")
        rows.append(row)
    return {"schema_version": SCHEMA_VERSION, "next_id": book.next_id, "questions": rows}


def questions_from_dict(data: Any) -> QuestionBook:
    f = Fields(data)
    questions = [
        ParkedQuestion(
            id=t.str("id"),
            text=t.str("text", ""),
            asked_on=t.date("asked_on"),
            status=t.choice("status", QUESTION_STATUSES, "open"),
            answered_on=t.date("answered_on", None),
            answer=t.str("answer", ""),
            privacy=t.choice("privacy", PRIVACY_LEVELS, "normal"),
        )
        for t in f.tables("questions")
    ]
    check_unique_ids(f, "questions", [q.id for q in questions])
    next_id = max(f.int("next_id", 1, minimum=1), after_highest(questions, "q"))
    return QuestionBook(tuple(questions), next_id)


# The rows the store keeps of a decoded questions.toml (Store.load; books.flat_rows).
questions_to_rows, questions_from_rows = flat_rows(QuestionBook, "questions", ParkedQuestion)
