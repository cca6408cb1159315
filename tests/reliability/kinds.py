"""The record kinds the reliability suite exercises: one `Kind(...)` line in KINDS each.

Every test in tests/reliability/ is parametrized over KINDS, so a new kind of record is
covered by crash, concurrency, fault, bad-file, symlink and permission tests once it is
listed here. A kind says how to write version `n` of its file through the real store (this
runs in a subprocess, see driver.py), how to tell which version is on disk, and optionally
how to add one more record (for the concurrency test) through the store and through a real
`python -m mentorlog ...` command.

To add a kind after a merge (see docs/reliability.md, "Adding a record kind"):

    Kind("meeting", "meetings/2026-11-24.md", *doc_kind("meetings", "2026-11-24"),
         cli_add=lambda i, tag: ["meeting", "add", "--no-input", "--title", tag]),
    Kind("contacts", "contacts.toml", *toml_kind(CONTACTS, make_contacts, contacts_version)),

and, if `mentorlog check` validates it (it is in formats.TOML_FILES / DOC_FOLDERS), it is
checked by the bad-file test automatically.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time
from typing import Any

from mentorlog.core.agreement import Agreement, Mentor, Slot
from mentorlog.core.checklist import Ticks
from mentorlog.core.goals import Goal, GoalBook
from mentorlog.core.meetings import SECTION_KEYS, Meeting, meeting_rel
from mentorlog.core.notes import Note
from mentorlog.core.retrospective import Retrospective
from mentorlog.core.reviews import MonthlyReview, NextGoal, Verdict
from mentorlog.core.tasks import Task, TaskBook
from mentorlog.storage.codecs.meetings import meeting_to_doc
from mentorlog.storage.codecs.notes import note_to_doc
from mentorlog.storage.codecs.retrospective import retrospective_to_document
from mentorlog.storage.codecs.reviews import review_to_doc
from mentorlog.storage.documents import Document
from mentorlog.storage.formats import AGREEMENT, DOC_FOLDERS, GOALS, TASKS, TOML_FILES
from mentorlog.storage.mentorships import RETROSPECTIVE, load_retrospective
from mentorlog.storage.store import Store
from mentorlog.storage.toml import parse_toml

DAY = date(2026, 11, 24)
PAD = "x" * 3000  # files of a few kB, so a kill lands inside a write now and then

Write = Callable[[Store, int], None]
Version = Callable[[Store], int]
Add = Callable[[Store, int, str], None]
Records = Callable[[Store], list[str]]


@dataclass(frozen=True)
class Kind:
    name: str
    rel: str  # the file version n is written to
    write: Write  # write version n (the caller holds the lock)
    version: Version  # the version on disk; raises MentorlogError if it does not read
    add: Add | None = None  # add one record tagged `tag` (the caller holds the lock)
    records: Records | None = None  # the tags of every record present
    cli_add: Callable[[int, str], list[str]] | None = None  # argv adding one record for real

    @property
    def checked(self) -> bool:
        """Whether `mentorlog check` validates this file."""
        from mentorlog.storage.mentorships import RETROSPECTIVE

        folder = self.rel.rpartition("/")[0]
        return self.rel in {s.name for s in TOML_FILES} | {RETROSPECTIVE} or folder in {
            f.name for f in DOC_FOLDERS
        }


# --- the kinds that exist now ---------------------------------------------------------------


def _agreement(n: int) -> Agreement:
    return Agreement(
        mentor=Mentor(f"v{n}", "ada@example.org", "America/New_York"),
        mentee_tz="Europe/Berlin",
        start=DAY,
        success=(f"v{n} {PAD}",),
        slots=(Slot(1, time(18, 0)),),
    )


def _write_agreement(st: Store, n: int) -> None:
    st.save(AGREEMENT, _agreement(n))


def _agreement_version(st: Store) -> int:
    a = st.load(AGREEMENT)
    n = int(a.mentor.name[1:])
    assert a == _agreement(n), "agreement.toml holds a mix of two versions"
    return n


def _goal(i: int, tag: str = "goal") -> Goal:
    return Goal(f"g{i}", f"{tag} {i} {PAD[: i % 50]}", 30, DAY, date(2026, 12, 24))


def _write_goals(st: Store, n: int) -> None:
    st.save(GOALS, GoalBook(tuple(_goal(i) for i in range(1, n + 1)), n + 1))


def _goals_version(st: Store) -> int:
    book = st.load(GOALS)
    n = len(book.goals)
    assert book == GoalBook(tuple(_goal(i) for i in range(1, n + 1)), n + 1)
    return n


def _add_goal(st: Store, i: int, tag: str) -> None:
    st.update(GOALS, lambda b: b.add(tag, 30, DAY))


def _goal_records(st: Store) -> list[str]:
    return [g.text for g in st.load(GOALS).goals]


def _task(i: int) -> Task:
    return Task(f"t{i}", f"task {i} {PAD[: i % 50]}", DAY, date(2026, 12, 1))


def _write_tasks(st: Store, n: int) -> None:
    st.save(TASKS, TaskBook(tuple(_task(i) for i in range(1, n + 1)), n + 1))


def _tasks_version(st: Store) -> int:
    book = st.load(TASKS)
    n = len(book.tasks)
    assert book == TaskBook(tuple(_task(i) for i in range(1, n + 1)), n + 1)
    return n


def _add_task(st: Store, i: int, tag: str) -> None:
    st.update(TASKS, lambda b: b.add(tag, DAY))


def _task_records(st: Store) -> list[str]:
    return [t.text for t in st.load(TASKS).tasks]


INIT_DRAFT = "drafts/init.toml"


def _draft(n: int) -> dict[str, Any]:
    return {"mentor": f"v{n}", "tz": "Europe/Berlin", "success": [f"v{n}", PAD]}


def _write_draft(st: Store, n: int) -> None:
    from mentorlog.cli.init import _save_draft  # the code `init` runs after each answer

    _save_draft(st, _draft(n))


def _draft_version(st: Store) -> int:
    text = st.read_text(INIT_DRAFT)
    if text is None:
        raise AssertionError("the draft is gone")
    data = parse_toml(text, st.display(INIT_DRAFT))
    data.pop("schema_version")
    n = int(data["mentor"][1:])
    assert data == _draft(n)
    return n


def doc_kind(folder: str, stem: str) -> tuple[Write, Version, Add, Records]:
    """write/version/add/records for a folder of front-matter documents."""
    rel = f"{folder}/{stem}.md"

    def doc(n: int) -> Document:
        return Document(
            {"title": f"v{n}", "date": DAY, "tags": ["a", "b"], "privacy": "private"},
            f"# v{n}\n\n{PAD}\n+++\nnot front matter\n",
        )

    def write(st: Store, n: int) -> None:
        st.save_doc(rel, doc(n))

    def version(st: Store) -> int:
        d = st.load_doc(rel)
        n = int(d.meta["title"][1:])
        assert d == doc(n)
        return n

    def add(st: Store, i: int, tag: str) -> None:
        with st.lock():
            st.save_doc(st.new_doc_name(folder, f"{stem}-n"), Document({"title": tag}, tag))

    def records(st: Store) -> list[str]:
        added = f"{folder}/{stem}-n"
        return [st.load_doc(r).meta["title"] for r in st.list_docs(folder) if r.startswith(added)]

    return write, version, add, records


def note_kind(stem: str) -> tuple[Write, Version, Add, Records]:
    """write/version/add/records for between-meeting notes, through the notes codec."""
    from datetime import datetime

    from mentorlog.storage.formats import NOTES

    rel = f"notes/{stem}.md"
    created = datetime(2026, 11, 24, 20, 0).astimezone()

    def note(n: int, title: str | None = None) -> Note:
        title = title or f"v{n}"
        return Note(created, title, f"# {title}\n\n{PAD}\n+++\nnot front matter\n",
                    ("a", "b"), "private")

    def write(st: Store, n: int) -> None:
        st.save_doc(rel, note_to_doc(note(n)))

    def version(st: Store) -> int:
        got = st.load_record(NOTES, rel)
        n = int(got.title[1:])
        assert got == note(n), "the note holds a mix of two versions"
        return n

    def add(st: Store, i: int, tag: str) -> None:
        with st.lock():
            st.save_doc(st.new_doc_name("notes", f"{stem}-n"), note_to_doc(note(i, tag)))

    def records(st: Store) -> list[str]:
        """Every note's title but the versioned one's (added by the store or by `note`)."""
        return [st.load_record(NOTES, r).title for r in st.list_docs("notes") if r != rel]

    return write, version, add, records


def book_kind(
    spec: Any,
    make: Callable[[int], Any],
    count: Callable[[Any], int],
    add: Callable[[Any, int, str], Any] | None = None,
    texts: Callable[[Any], list[str]] | None = None,
) -> tuple[Write, Version, Add | None, Records | None]:
    """write/version/add/records for a TOML file of accumulating records, through its codec:
    version n holds n records (`make(n)`); `add(value, i, tag)` adds one; `texts` lists
    the tags of every record."""

    def write(st: Store, n: int) -> None:
        st.save(spec, make(n))

    def version(st: Store) -> int:
        value = st.load(spec)
        n = count(value)
        assert value == make(n), f"{spec.name} holds a mix of two versions"
        return n

    def add_one(st: Store, i: int, tag: str) -> None:
        assert add is not None
        st.update(spec, lambda v: add(v, i, tag))

    def records(st: Store) -> list[str]:
        assert texts is not None
        return texts(st.load(spec))

    return write, version, add_one if add else None, records if texts else None


def _questions() -> tuple[Write, Version, Add | None, Records | None]:
    from mentorlog.core.questions import ParkedQuestion, QuestionBook
    from mentorlog.storage.formats import QUESTIONS

    def make(n: int) -> QuestionBook:
        qs = tuple(ParkedQuestion(f"q{i}", f"question {i} {PAD[: i % 50]}", DAY,
                                  privacy="private" if i % 3 else "normal")
                   for i in range(1, n + 1))
        return QuestionBook(qs, n + 1)

    return book_kind(QUESTIONS, make, lambda b: len(b.questions),
                     lambda b, i, tag: b.ask(tag, DAY), lambda b: [q.text for q in b.questions])


def _followups() -> tuple[Write, Version, Add | None, Records | None]:
    """Follow-ups of every kind and status (opportunities.toml, schema_version 2)."""
    from mentorlog.core.followups import FOLLOWUP_KINDS, ID_PREFIX, FollowUp, FollowUpBook
    from mentorlog.storage.formats import FOLLOWUPS

    def one(i: int) -> FollowUp:
        kind = FOLLOWUP_KINDS[(i - 1) % 3]
        status = ("open", "open", "done", "dropped")[i % 4]
        return FollowUp(f"{ID_PREFIX[kind]}{i}", kind, f"follow-up {i} {PAD[: i % 50]}", DAY,
                        status, f"outcome {i}" if i % 2 else "",
                        None if status == "open" else DAY)

    def make(n: int) -> FollowUpBook:
        return FollowUpBook(tuple(one(i) for i in range(1, n + 1)), n + 1)

    return book_kind(FOLLOWUPS, make, lambda b: len(b.followups),
                     lambda b, i, tag: b.add("todo", tag, DAY),
                     lambda b: [f.text for f in b.followups])


def _contacts() -> tuple[Write, Version, Add | None, Records | None]:
    from datetime import datetime, timedelta, timezone

    from mentorlog.core.contact import Contact, ContactLog
    from mentorlog.storage.formats import CONTACTS

    at = datetime(2026, 11, 24, 18, 0, tzinfo=timezone(timedelta(hours=1)))

    def make(n: int) -> ContactLog:
        return ContactLog(tuple(Contact("slack", at + timedelta(minutes=i), f"c{i} {PAD[: i % 50]}",
                                        f"c{i}") for i in range(1, n + 1)), n + 1)

    return book_kind(CONTACTS, make, lambda log: len(log.contacts),
                     lambda log, i, tag: log.add(Contact("email", at, tag)),
                     lambda log: [c.note for c in log.contacts])


def _helped() -> tuple[Write, Version, Add | None, Records | None]:
    from mentorlog.core.helping import Help, HelpLog
    from mentorlog.storage.formats import HELPED

    def make(n: int) -> HelpLog:
        return HelpLog(tuple(Help(DAY, f"helped {i} {PAD[: i % 50]}", i % 90 or None, f"h{i}")
                             for i in range(1, n + 1)), n + 1)

    return book_kind(HELPED, make, lambda log: len(log.entries),
                     lambda log, i, tag: log.add(Help(DAY, tag)),
                     lambda log: [h.text for h in log.entries])


def _config() -> tuple[Write, Version, Add | None, Records | None]:
    from mentorlog.core.config import Config
    from mentorlog.storage.formats import CONFIG

    def make(n: int) -> Config:
        privacy = ("normal", "private", "confidential")[n % 3]
        return Config({"editor": f"vim -c 'let v={n}' {PAD[:200]}", "meeting_privacy": privacy,
                       "week_start": ("mon", "sun")[n % 2]})

    def count(c: Config) -> int:
        return int(c.values["editor"].split("=", 1)[1].split("'")[0])

    return book_kind(CONFIG, make, count)


def _checklist() -> tuple[Write, Version, Add | None, Records | None]:
    from datetime import timedelta

    from mentorlog.storage.formats import CHECKLIST

    def make(n: int) -> Ticks:  # unknown IDs are kept, so any key will do
        return Ticks({f"item-{i}-{PAD[: i % 50]}": DAY + timedelta(days=i % 9)
                      for i in range(1, n + 1)})

    return book_kind(CHECKLIST, make, lambda t: len(t.ticked),
                     lambda t, i, tag: Ticks({**t.ticked, tag: DAY}),
                     lambda t: [k for k in t.ticked if not k.startswith("item-")])


def meeting_kind() -> tuple[Write, Version]:
    """A weekly meeting, meetings/YYYY-MM-DD.md, through its codec (storage/codecs/meetings.py)."""
    from datetime import datetime, timedelta, timezone

    from mentorlog.storage.formats import MEETINGS

    rel = meeting_rel(DAY)
    berlin = timezone(timedelta(hours=1))

    def meeting(n: int) -> Meeting:
        answers = {key: f"v{n} {key} {PAD[: len(key) * 40]}" for key in SECTION_KEYS}
        answers["notes"] = f"v{n}\n\n## not a section\n+++\n\"\"\" {PAD}"
        return Meeting(DAY, duration=60, next_meeting=datetime(2026, 12, 1, 18, 0, tzinfo=berlin),
                       where=f"v{n}", privacy="private", task="t1", task_status="done",
                       new_task="t2", answered=("q1",), opportunities=("o1",),
                       recorded=datetime(2026, 11, 24, 19, 0, tzinfo=berlin), answers=answers)

    def write(st: Store, n: int) -> None:
        st.save_doc(rel, meeting_to_doc(meeting(n)))

    def version(st: Store) -> int:
        got = st.load_record(MEETINGS, rel)
        n = int(got.where[1:])
        assert got == meeting(n), "the meeting holds a mix of two versions"
        return n

    return write, version


def review_kind() -> tuple[Write, Version]:
    """A monthly review, reviews/YYYY-MM-DD.md, through its codec (storage/codecs/reviews.py)."""
    from datetime import timedelta

    from mentorlog.storage.formats import REVIEWS

    rel = f"reviews/{DAY.isoformat()}.md"

    def review(n: int) -> MonthlyReview:
        due = DAY + timedelta(days=30)
        return MonthlyReview(
            DAY, DAY - timedelta(days=28),
            (Verdict("g1", "Ship a PR", 30, due, "done", f"v{n} {PAD}"),
             Verdict("g2", "Give a talk", 60, due, "carry")),
            went_well=f"v{n}", could_improve=f"+++\n{PAD}",
            next=(NextGoal("g2", "Give a talk", 60, due, "carried"),
                  NextGoal("g4", f"new {n}", 90, due)),
        )

    def write(st: Store, n: int) -> None:
        st.save_doc(rel, review_to_doc(review(n)))

    def version(st: Store) -> int:
        got = st.load_record(REVIEWS, rel)
        n = int(got.went_well[1:])
        assert got == review(n), "the review holds a mix of two versions"
        return n

    return write, version


def retrospective_kind() -> tuple[Write, Version]:
    """The retrospective that ends a mentorship (retrospective.md, its codec in storage/codecs)."""

    def retro(n: int) -> Retrospective:
        return Retrospective(DAY, f"v{n}", f"+++ {PAD}", '"""')

    def write(st: Store, n: int) -> None:
        st.save_doc(RETROSPECTIVE, retrospective_to_document(retro(n)))

    def version(st: Store) -> int:
        got = load_retrospective(st)
        assert got is not None, "the retrospective is gone"
        n = int(got.went_well[1:])
        assert got == retro(n)
        return n

    return write, version


NOTE_DRAFT = "drafts/note.md"  # the note editor's draft (mentorlog.cli.notes.DRAFT)


def _write_note_draft(st: Store, n: int) -> None:
    st.write_text(NOTE_DRAFT, f"v{n}\n{PAD}\n")


def _note_draft_version(st: Store) -> int:
    text = st.read_text(NOTE_DRAFT)
    if text is None:
        raise AssertionError("the draft is gone")
    first, rest = text.split("\n", 1)
    assert rest == f"{PAD}\n", "the draft holds a mix of two versions"
    return int(first[1:])


def _cli(*argv: str) -> Callable[[int, str], list[str]]:
    """argv adding one record tagged TAG, with `{tag}` in place of the tag."""
    return lambda i, tag: [a.format(tag=tag) for a in argv]


KINDS: tuple[Kind, ...] = (
    Kind("agreement", "agreement.toml", _write_agreement, _agreement_version),
    Kind("goals", "goals.toml", _write_goals, _goals_version, _add_goal, _goal_records,
         cli_add=_cli("goals", "add", "{tag}", "--horizon", "30")),
    Kind("tasks", "tasks.toml", _write_tasks, _tasks_version, _add_task, _task_records),
    Kind("init-draft", INIT_DRAFT, _write_draft, _draft_version),
    Kind("note", "notes/2026-11-24-x.md", *note_kind("2026-11-24-x"),
         cli_add=_cli("note", "{tag}")),
    Kind("meeting", "meetings/2026-11-24.md", *meeting_kind()),
    Kind("review", "reviews/2026-11-24.md", *review_kind()),
    Kind("questions", "questions.toml", *_questions(), cli_add=_cli("ask", "{tag}")),
    Kind("opportunities", "opportunities.toml", *_followups(),
         cli_add=_cli("followup", "add", "{tag}")),
    Kind("contacts", "contacts.toml", *_contacts(),
         cli_add=_cli("contact", "log", "email", "--note", "{tag}")),
    Kind("helped", "helped.toml", *_helped(), cli_add=_cli("helped", "{tag}")),
    Kind("config", "config.toml", *_config()),
    Kind("checklist", "checklist.toml", *_checklist()),
    Kind("retrospective", "retrospective.md", *retrospective_kind()),
    Kind("note-draft", NOTE_DRAFT, _write_note_draft, _note_draft_version),
)

# The TOML kinds whose files `mentorlog check` and the commands read.
TOML_KINDS = tuple(k for k in KINDS if k.rel.endswith(".toml") and k.checked)


def kind(name: str) -> Kind:
    return next(k for k in KINDS if k.name == name)
