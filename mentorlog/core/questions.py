"""Questions parked between meetings with `ask`, answered at the next one (questions.toml)."""

from __future__ import annotations

from datetime import date

from mentorlog.core.errors import MentorlogError
from mentorlog.storage.fields import Fields
from mentorlog.core.model import (
    PRIVACY_LEVELS,
    _after_highest,
    _drop_none,
    _unique_ids,
    find_by_id,
    flat_rows,
    replace_by_id,
)
from mentorlog.storage.toml import SCHEMA_VERSION
from msgspec import Struct
from msgspec.structs import asdict, replace

from typing import Any

QUESTION_STATUSES = ("open", "answered")


class ParkedQuestion(Struct, frozen=True):
    """A question parked with `ask` for the next meeting."""

    id: str
    text: str
    asked_on: date
    status: str = "open"
    answered_on: date | None = None
    answer: str = ""
    privacy: str = "normal"

    @property
    def is_open(self) -> bool:
        return self.status == "open"


class QuestionBook(Struct, frozen=True):
    """Every parked question (questions.toml); ids are never reused."""

    questions: tuple[ParkedQuestion, ...] = ()
    next_id: int = 1

    def ask(self, text: str, asked_on: date, privacy: str = "normal") -> QuestionBook:
        words = " ".join(text.split())
        if not words:
            raise MentorlogError("the question is empty: nothing saved")
        q = ParkedQuestion(f"q{self.next_id}", words, asked_on, privacy=privacy)
        return replace(self, questions=(*self.questions, q), next_id=self.next_id + 1)

    def get(self, qid: str) -> ParkedQuestion:
        return find_by_id(self.questions, qid, "question", "mentorlog agenda")

    def answer(self, qid: str, answer: str, on: date) -> QuestionBook:
        q = replace(self.get(qid), status="answered", answered_on=on, answer=answer.strip())
        return replace(self, questions=replace_by_id(self.questions, q))

    def open(self) -> list[ParkedQuestion]:
        return [q for q in self.questions if q.is_open]

    @property
    def last(self) -> ParkedQuestion:
        return self.questions[-1]


def questions_to_dict(book: QuestionBook) -> dict[str, Any]:
    rows = []
    for q in book.questions:
        row = _drop_none(asdict(q))
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
    _unique_ids(f, "questions", [q.id for q in questions])
    next_id = max(f.int("next_id", 1, minimum=1), _after_highest(questions, "q"))
    return QuestionBook(tuple(questions), next_id)


# The rows the store keeps of a decoded questions.toml (Store.load; model.flat_rows).
questions_to_rows, questions_from_rows = flat_rows(QuestionBook, "questions", ParkedQuestion)
