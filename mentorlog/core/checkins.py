"""Relationship check-ins: the guide's "communicate about the relationship regularly", a
short fixed set of questions every few weeks, kept private by default (checkins.toml). Pure."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from msgspec import Struct
from msgspec.structs import replace

from mentorlog.core.agreement import PRIVACY_LEVELS
from mentorlog.core.errors import MentorlogError
from mentorlog.core.log_ids import appended

ID_PREFIX = "ci"  # ci1, ci2, ...: a relationship check-in
WORKING_SCALE = (1, 2, 3, 4, 5)  # 1 not at all ... 5 very well
TIME_ANSWERS = ("right", "too-much", "too-little")
BOUNDARY_ANSWERS = ("yes", "mostly", "no")
DEFAULT_PRIVACY = "private"
DEFAULT_WEEKS = 6

# (key, question): the fixed set, in the order `checkin` asks it.
QUESTIONS: tuple[tuple[str, str], ...] = (
    ("working", "Is the relationship working for you? (1 not at all ... 5 very well)"),
    ("time", "Is the time commitment right? (right, too-much, too-little)"),
    ("boundaries", "Are boundaries and agreed channels respected? (yes, mostly, no)"),
    ("keep", "One thing to keep"),
    ("change", "One thing to change"),
    ("feedback", "Feedback for your mentor"),
)
QUESTION = dict(QUESTIONS)
# The guide's responsibility 9, offered when the answers say it is not working.
OUTSIDE_HELP = ("Seek outside help when something isn't working right or you have a serious "
                "problem. #mentees and /admin are both available. Remember to respect their "
                "confidentiality!")


class CheckIn(Struct, frozen=True):
    """One relationship check-in: how it is going, and what to keep, change and say."""

    on: date
    working: int  # 1..5: the mood the growth report charts
    time: str = "right"  # right | too-much | too-little
    boundaries: str = "yes"  # yes | mostly | no
    keep: str = ""
    change: str = ""
    feedback: str = ""
    privacy: str = DEFAULT_PRIVACY
    id: str = ""  # given when it is added to the book

    @property
    def not_working(self) -> bool:
        """The answers say something is not working: time for outside help."""
        return self.working <= 2 or self.boundaries == "no"


class CheckInBook(Struct, frozen=True):
    """Every check-in (checkins.toml); ids are never reused."""

    checkins: tuple[CheckIn, ...] = ()
    next_id: int = 1

    def add(self, checkin: CheckIn) -> CheckInBook:
        checkins, n = appended(self.checkins, checkin, ID_PREFIX, self.next_id)
        return replace(self, checkins=checkins, next_id=n)

    @property
    def last(self) -> CheckIn | None:
        return max(self.checkins, key=lambda c: (c.on, c.id), default=None)


def check_working(text: str) -> int:
    word = text.strip()
    if not word.isdigit() or int(word) not in WORKING_SCALE:
        raise MentorlogError(f"{text!r}: answer with a number from 1 (not at all) to 5 "
                             "(very well)")
    return int(word)


def _check_choice(text: str, choices: tuple[str, ...], what: str) -> str:
    word = text.strip().lower().replace(" ", "-").replace("_", "-")
    if word not in choices:
        raise MentorlogError(f"{text!r} is not an answer for {what}: use {', '.join(choices)}")
    return word


def check_time(text: str) -> str:
    return _check_choice(text, TIME_ANSWERS, "the time commitment")


def check_boundaries(text: str) -> str:
    return _check_choice(text, BOUNDARY_ANSWERS, "boundaries and channels")


def check_privacy(text: str) -> str:
    return _check_choice(text, PRIVACY_LEVELS, "--privacy")


def new_checkin(answers: dict[str, str], on: date, privacy: str) -> CheckIn:
    """A check-in from its answers as typed (flags or prompts), every one checked."""
    if not answers.get("working", "").strip():
        raise MentorlogError("missing answer: --working (1 not at all ... 5 very well)")

    def words(key: str) -> str:
        return " ".join(answers.get(key, "").split())

    return CheckIn(
        on=on,
        working=check_working(answers["working"]),
        time=check_time(answers.get("time") or "right"),
        boundaries=check_boundaries(answers.get("boundaries") or "yes"),
        keep=words("keep"),
        change=words("change"),
        feedback=words("feedback"),
        privacy=check_privacy(privacy),
    )


def check_weeks(text: str) -> str:
    """The `checkin_weeks` setting: how many weeks between check-ins (0: never remind)."""
    word = text.strip()
    if not word.isdigit() or int(word) > 52:
        raise MentorlogError(f"expected a number of weeks from 0 (off) to 52, got {text!r}")
    return str(int(word))


def checkin_due(start: date, checkins: Sequence[CheckIn], today: date,
                weeks: int = DEFAULT_WEEKS) -> date | None:
    """The day a check-in fell due when one is due on `today`: `weeks` after the last one
    (or after the first meeting when there is none); None when not due, or `weeks` is 0."""
    if weeks <= 0:
        return None
    last = max((c.on for c in checkins), default=start)
    due = max(last, start) + timedelta(weeks=weeks)
    return due if due <= today else None
