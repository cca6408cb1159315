"""What is shared at which level: the one filter for what leaves the mentee's hands (every
export format, `agenda --format md`). A record is as private as the most private of its own
level and the meeting it came from: a task or follow-up set at a private meeting is
private, a task reviewed at a confidential one keeps its outcome confidential (pure)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from msgspec import Struct

from mentorlog.core.agreement import PRIVACY_LEVELS
from mentorlog.core.meetings import Meeting

LEVELS = PRIVACY_LEVELS  # from shared to most private


def shown_levels(include_private: bool, include_confidential: bool) -> frozenset[str]:
    """The levels an output shows: normal, and what the include flags add."""
    return frozenset({"normal"} | ({"private"} if include_private else set())
                     | ({"confidential"} if include_confidential else set()))


def stricter(a: str, b: str) -> str:
    return a if LEVELS.index(a) >= LEVELS.index(b) else b


class Inherited(Struct, frozen=True):
    """The levels records inherit from the meetings they came from (ids -> level)."""

    tasks: dict[str, str]  # a task -> the level of the meeting that set it
    outcomes: dict[str, str]  # a task -> the level of the meeting that reviewed it
    followups: dict[str, str]  # a follow-up -> the level of the meeting that raised it

    def task(self, task_id: str) -> str:
        return self.tasks.get(task_id, "normal")

    def followup(self, followup_id: str) -> str:
        return self.followups.get(followup_id, "normal")


def inherited(meetings: Iterable[Meeting]) -> Inherited:
    tasks: dict[str, str] = {}
    outcomes: dict[str, str] = {}
    followups: dict[str, str] = {}
    for m in meetings:
        if not m.held or m.privacy == "normal":
            continue
        if m.new_task:
            tasks[m.new_task] = stricter(m.privacy, tasks.get(m.new_task, "normal"))
        if m.task:
            outcomes[m.task] = stricter(m.privacy, outcomes.get(m.task, "normal"))
        for f in m.opportunities:
            followups[f] = stricter(m.privacy, followups.get(f, "normal"))
    return Inherited(tasks, outcomes, followups)


# A left-out text is quoted when another text holds one of its lines word for word (case,
# spacing and punctuation aside); lines shorter than this many words ("Thanks!") are not
# quotes of anything.
QUOTE_WORDS = 3


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


class Quotes:
    """The texts of left-out records, to leave out what repeats them: a note that repeats a
    private question word for word is as private as the question (every shared output)."""

    def __init__(self) -> None:
        self._lines: dict[str, str] = {}  # a left-out line, as words -> its level

    def add(self, level: str, *texts: str) -> None:
        for text in texts:
            for line in [text, *text.splitlines()]:
                words = _words(line)
                if len(words.split()) >= QUOTE_WORDS:
                    self._lines[words] = stricter(level, self._lines.get(words, "normal"))

    def level(self, *texts: str) -> str | None:
        """The level of the strictest left-out text one of `texts` quotes, or None."""
        found = None
        for text in texts:
            padded = f" {_words(text)} "
            for line, level in self._lines.items():
                if f" {line} " in padded:
                    found = level if found is None else stricter(found, level)
        return found


class Census(Struct, frozen=True):
    """What is sealed and what would be (`encrypt status`): kind -> count."""

    sealed: dict[str, int]
    to_seal: dict[str, int]  # in clear, at or above the level: `encrypt apply` seals them
    to_open: dict[str, int]  # sealed below the level: `encrypt apply` opens them
