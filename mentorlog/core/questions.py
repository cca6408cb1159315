"""Questions parked between meetings with `ask`, answered at the next one (questions.toml)."""

from __future__ import annotations

from datetime import date

from msgspec import Struct
from msgspec.structs import replace

from mentorlog.core.errors import MentorlogError
from mentorlog.core.ids import find_by_id, replace_by_id

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

    def answer_open(self, qid: str, answer: str, on: date) -> QuestionBook:
        """Answer a question still open, outside a meeting (`mentorlog answer`)."""
        q = self.get(qid)
        if not q.is_open:
            when = f" on {q.answered_on.isoformat()}" if q.answered_on else ""
            raise MentorlogError(f"{q.id} is already answered{when} (see 'mentorlog show {q.id}')")
        if not answer.strip():
            raise MentorlogError("the answer is empty: nothing saved")
        return self.answer(q.id, answer, on)

    def open(self) -> list[ParkedQuestion]:
        return [q for q in self.questions if q.is_open]

    @property
    def last(self) -> ParkedQuestion:
        return self.questions[-1]
