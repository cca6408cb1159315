"""Follow-ups to closure: what the mentor keeps an eye out for, the wrap-up's "anything else"
and introductions, each open until it is done or dropped (opportunities.toml). Pure."""

from __future__ import annotations

from datetime import date

from msgspec import Struct
from msgspec.structs import replace

from mentorlog.core.errors import MentorlogError
from mentorlog.core.ids import after_highest, find_by_id, replace_by_id

FOLLOWUP_KINDS = ("opportunity", "todo", "intro")
FOLLOWUP_STATUSES = ("open", "done", "dropped")
# One counter for every kind (no two follow-ups share a number); the letter says the kind.
ID_PREFIX = {"opportunity": "o", "todo": "f", "intro": "i"}
KIND_WORDS = {"opportunity": "opportunity", "todo": "to do", "intro": "introduction"}
LISTED_BY = "mentorlog followup"
REVIEW_HINT = "Enter: keep open, d: done, x: drop, or an outcome"


class FollowUp(Struct, frozen=True):
    """Something to follow up until it is done or dropped."""

    id: str
    kind: str  # opportunity | todo | intro
    text: str
    set_on: date
    status: str = "open"  # open | done | dropped
    outcome: str = ""
    closed_on: date | None = None

    @property
    def is_open(self) -> bool:
        return self.status == "open"


class FollowUpBook(Struct, frozen=True):
    """Every follow-up (opportunities.toml); ids are never reused."""

    followups: tuple[FollowUp, ...] = ()
    next_id: int = 1

    def add(self, kind: str, text: str, set_on: date) -> FollowUpBook:
        if kind not in ID_PREFIX:
            raise MentorlogError(f"{kind!r} is not a kind of follow-up: use "
                                 f"{', '.join(FOLLOWUP_KINDS)}")
        words = " ".join(text.split())
        if not words:
            raise MentorlogError("a follow-up cannot be empty: nothing saved")
        f = FollowUp(f"{ID_PREFIX[kind]}{self.next_id}", kind, words, set_on)
        return replace(self, followups=(*self.followups, f), next_id=self.next_id + 1)

    def get(self, fid: str) -> FollowUp:
        return find_by_id(self.followups, fid, "follow-up", LISTED_BY)

    def close(self, fid: str, status: str, on: date, outcome: str = "") -> FollowUpBook:
        """Mark an open follow-up done or dropped; an outcome noted earlier is kept when no
        new one is given."""
        if status not in ("done", "dropped"):
            raise MentorlogError(f"{status!r} does not close a follow-up: use done or dropped")
        f = self.get(fid)
        if not f.is_open:
            when = f" on {f.closed_on.isoformat()}" if f.closed_on else ""
            raise MentorlogError(f"{f.id} is already {f.status}{when} (see '{LISTED_BY} --all')")
        words = " ".join(outcome.split()) or f.outcome
        closed = replace(f, status=status, outcome=words, closed_on=on)
        return replace(self, followups=replace_by_id(self.followups, closed))

    def drop_ids(self, ids: set[str]) -> FollowUpBook:
        return replace(self, followups=tuple(f for f in self.followups if f.id not in ids))

    def open(self, *kinds: str) -> list[FollowUp]:
        """The open follow-ups, of `kinds` when given."""
        return [f for f in self.followups if f.is_open and (not kinds or f.kind in kinds)]

    @property
    def last(self) -> FollowUp:
        return self.followups[-1]


def next_number(followups: tuple[FollowUp, ...], next_id: int) -> int:
    """`next_id` kept above every id present, whatever its letter."""
    return max([next_id, *(after_highest(followups, p) for p in ID_PREFIX.values())])


def to_review(book: FollowUpBook, day: date, set_here: tuple[str, ...] = ()) -> list[FollowUp]:
    """The open follow-ups a meeting on `day` asks about: set before it (or that day
    between meetings), not the ones this meeting set itself (`set_here`, when recorded
    again)."""
    return [f for f in book.open() if f.set_on <= day and f.id not in set_here]


def review_answer(text: str) -> tuple[str, str] | None:
    """One line of the wrap-up about a follow-up: None keeps it open (Enter); `d` is done,
    `x` dropped; any other text is what came of it, and closes it as done."""
    words = " ".join(text.split())
    if not words:
        return None
    key = words.lower().rstrip(".!")
    if key in ("d", "done", "y", "yes"):
        return "done", ""
    if key in ("x", "drop", "dropped"):
        return "dropped", ""
    if key in ("n", "no", "not yet", "open"):
        return None
    return "done", words


def closing_flag(text: str, status: str) -> tuple[str, str, str]:
    """`--followup-done o3=submitted` / `--followup-drop o3` -> (id, status, outcome)."""
    fid, _, outcome = text.partition("=")
    if not fid.strip():
        raise MentorlogError(f"{text!r} is not a follow-up id like 'o3' or 'o3=the outcome'")
    return fid.strip().lower(), status, " ".join(outcome.split())
