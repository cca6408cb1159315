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

from mentorlog.formats import AGREEMENT, DOC_FOLDERS, GOALS, TASKS, TOML_FILES
from mentorlog.model import Agreement, Document, Goal, GoalBook, Mentor, Slot, Task, TaskBook
from mentorlog.store import Store, parse_toml

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
        folder = self.rel.rpartition("/")[0]
        return self.rel in {s.name for s in TOML_FILES} or folder in {
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

    from mentorlog.formats import NOTES
    from mentorlog.notes import Note, note_to_doc

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


KINDS: tuple[Kind, ...] = (
    Kind("agreement", "agreement.toml", _write_agreement, _agreement_version),
    Kind("goals", "goals.toml", _write_goals, _goals_version, _add_goal, _goal_records),
    Kind("tasks", "tasks.toml", _write_tasks, _tasks_version, _add_task, _task_records),
    Kind("init-draft", INIT_DRAFT, _write_draft, _draft_version),
    Kind("note", "notes/2026-11-24-x.md", *note_kind("2026-11-24-x"),
         cli_add=lambda i, tag: ["note", tag]),
)

# The TOML kinds whose files `mentorlog check` and the commands read.
TOML_KINDS = tuple(k for k in KINDS if k.rel.endswith(".toml") and k.checked)


def kind(name: str) -> Kind:
    return next(k for k in KINDS if k.name == name)
