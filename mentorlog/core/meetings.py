"""Weekly meetings as records: one per date, the guide's questions as sections of answers
(pure; storage/codecs/meetings.py reads and writes the markdown files)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime

from msgspec import Struct, field

FOLDER = "meetings"
HELD, SKIPPED = "held", "skipped"
MEETING_STATUSES = (HELD, SKIPPED)

# (key, the guide's question): The Weekly Meeting 2a-d, 4 and the wrap-up 5a-d, in order;
# the wrap-up starts with what became of the follow-ups of earlier meetings.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("task", "Last week's task"),
    ("completed", "Was last week's task completed?"),
    ("how_it_went", "How did it go?"),  # a partly done task: how far it got
    ("went_well", "What went well?"),
    ("could_improve", "What could have gone better?"),
    ("goals", "Where are you on your 30/60/90 goals?"),
    ("asked", "Questions asked"),
    ("worked_on", "What did you work or pair on?"),
    ("career", "Industry and career talk"),
    ("followed_up", "Follow-ups from earlier meetings"),
    ("next_task", "What are you doing for the next week?"),
    ("mentor_watch", "What will your mentor keep an eye out for, opportunities-wise?"),
    ("next_meeting", "When and where is the next meeting?"),
    ("todo", "Anything else either of you should think about or do before the next meeting?"),
    ("notes", "Notes"),
)
SECTION_KEYS = tuple(k for k, _ in SECTIONS)
QUESTION = dict(SECTIONS)
TASK_WORDS = {"done": "Done", "partly": "Partly", "not-done": "Not done", "open": "Open"}


class Meeting(Struct, frozen=True):
    """One weekly meeting, held or skipped (meetings/YYYY-MM-DD.md)."""

    day: date
    status: str = HELD
    duration: int | None = None  # minutes, for held meetings
    next_meeting: datetime | None = None  # the wrap-up's "when is the next meeting"
    where: str = ""
    privacy: str = "normal"
    reason: str = ""  # why it was skipped or moved
    moved_to: datetime | None = None  # a skipped meeting held at another time instead
    task: str = ""  # id of the task reviewed
    task_status: str = ""
    new_task: str = ""  # id of the task set for the next week
    answered: tuple[str, ...] = ()  # parked questions answered in this meeting
    opportunities: tuple[str, ...] = ()  # ids of the follow-ups it set (opportunities.toml)
    recorded: datetime | None = None
    intro: str = ""
    answers: dict[str, str] = field(default_factory=dict)  # section key -> text

    @property
    def held(self) -> bool:
        return self.status == HELD

    @property
    def rel(self) -> str:
        return meeting_rel(self.day)

    def answer(self, key: str) -> str:
        return self.answers.get(key, "")


def meeting_rel(day: date) -> str:
    return f"{FOLDER}/{day.isoformat()}.md"


def date_of(rel: str) -> date | None:
    """The date in a meeting, note or review file name, without reading the file."""
    name = rel.rsplit("/", 1)[-1]
    try:
        return date.fromisoformat(name[:10])
    except ValueError:
        return None


def doc_id(rel: str) -> str:
    """A meeting's, note's or review's id (as `log` and `show` print it) from its file name."""
    stem = rel.rsplit("/", 1)[-1].removesuffix(".md")
    return f"review-{stem}" if rel.startswith("reviews/") else stem  # reviews.REVIEW_FOLDER


def clean_answers(answers: dict[str, str]) -> dict[str, str]:
    """Stripped, without empty answers: the form a file reads back as."""
    return {k: v.strip() for k, v in answers.items() if k in QUESTION and v.strip()}


def held(meetings: Iterable[Meeting]) -> list[Meeting]:
    return [m for m in meetings if m.held]


def last_held(meetings: Sequence[Meeting]) -> Meeting | None:
    done = held(meetings)
    return max(done, key=lambda m: m.day) if done else None
