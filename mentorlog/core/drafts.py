"""Answers typed so far in a conversation that was stopped (Ctrl-C, a closed terminal): what
`week`, `goals review` and `end` keep in `drafts/` and offer to resume (pure)."""

from __future__ import annotations

from datetime import date

from msgspec import Struct, field
from msgspec.structs import replace


class Draft(Struct, frozen=True):
    """The answers as typed, by question key (`task`, `goal:g1`, ...), in the order given."""

    command: str  # the command that resumes it: "week", "goals review", "end"
    day: date | None = None  # the meeting or review it is for
    answers: dict[str, str] = field(default_factory=dict)
    # The meeting's level (`week --private`): resuming without the flag keeps it private.
    privacy: str = "normal"

    def with_answer(self, key: str, text: str) -> Draft:
        return replace(self, answers={**self.answers, key: text})

    def __len__(self) -> int:
        return len(self.answers)
