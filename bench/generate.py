"""Write a realistic mentorlog journal of any size through mentorlog's own domain and store code.

Usage: python bench/generate.py --home DIR [--years 10] [--notes 2000] [--seed 7]

The default is "ten years": 520 weekly meetings (some skipped or moved), 2,000 notes
(tagged, some private), 150 goals set in 40 monthly reviews, 500 tasks, parked
questions answered in meetings. The random seed is fixed, and every record is written with
the clock pinned to its own moment, so the same arguments give the same journal. The
journal ends the day after its last meeting: `pinned_now(years)` (printed at the end) is the
MENTORLOG_NOW to time it with.

Run it with the Python that has mentorlog installed (bench/run.py uses its own venv).
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

# mentorlog is imported inside the functions that write: bench/jrnl.py imports this module
# for its data from a Python that has no mentorlog installed.

START = date(2026, 11, 24)  # a Tuesday: the weekly slot
TZ = ZoneInfo("Europe/Berlin")
GREP_WORD = "flamegraph"  # in about 2% of the notes: the `log --grep` workload

INIT_ARGS = [
    "init", "--no-input",
    "--mentor", "Ada Lovelace", "--mentor-contact", "ada@example.org",
    "--tz", "Europe/Berlin", "--mentor-tz", "America/New_York",
    "--focus", "skill: write better tests", "--focus", "career",
    "--success", "two PRs merged",
    "--hours", "1.5", "--extra-time", "pairing on weekends",
    "--channel", "slack: Mon-Fri 09:00-17:00", "--channel", "email: any, at most 2 a week",
    "--off-limits", "crypto",
    "--slot", "Tue 18:00", "--duration", "60",
    "--gap-plan", "tell each other a week ahead",
    "--goal30", "Ship a PR", "--goal60", "Give a talk", "--goal90", "Lead a feature",
    "--first-task", "Read the contributing guide",
]

TAGS = ["pairing", "testing", "career", "reading", "review", "design", "talk", "oncall",
        "python", "rust", "sql", "docs", "refactor", "interview", "community"]
SUBJECTS = ["the parser", "the release script", "flaky tests", "the caching layer", "our API",
            "the onboarding guide", "a conference talk", "code review habits", "the build",
            "database migrations", "error messages", "the CLI", "logging", "type hints",
            "the deploy pipeline", "pull request size", "estimates", "the incident review"]
VERBS = ["Paired with Sam on", "Read about", "Rewrote", "Asked Lena about", "Wrote tests for",
         "Sketched a plan for", "Reviewed", "Debugged", "Gave a short demo of", "Cleaned up"]
WORDS = (  # noqa: SIM905
    "the a we it was that this with but then for after before because small big slow "
         "fast tried learned noticed found fixed broke measured changed kept dropped asked "
         "explained review test tests branch commit merge module function class error "
         "message user users deadline meeting mentor team feedback question answer idea "
         "plan draft next week today yesterday tomorrow again still already maybe clearer "
         "simpler harder easier profile benchmark latency memory query index cache").split()


@dataclass(frozen=True)
class NoteEntry:
    """One journal entry, written both as a mentorlog note and as a jrnl entry (bench/jrnl.py)."""

    created: datetime
    title: str
    body: str  # the title line, a blank line, then paragraphs
    tags: tuple[str, ...]
    private: bool


def pinned_now(years: int) -> str:
    """MENTORLOG_NOW for timing a journal of `years`: the Wednesday after its last meeting."""
    day = START + timedelta(weeks=52 * years - 1, days=1)
    return datetime.combine(day, time(12, 0), tzinfo=TZ).isoformat()


def _sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(6, 16))
    return " ".join(words).capitalize() + "."


def _paragraphs(rng: random.Random, low: int, high: int) -> str:
    return "\n\n".join(
        " ".join(_sentence(rng) for _ in range(rng.randint(2, 5)))
        for _ in range(rng.randint(low, high))
    )


def note_entries(n: int, first: date, last: date, seed: int = 7) -> list[NoteEntry]:
    """`n` notes spread evenly over [first, last], in time order; 2% mention GREP_WORD."""
    rng = random.Random(seed)
    span = max(1, (last - first).days) * 24 * 60
    entries = []
    for i in range(n):
        minute = span * i // max(1, n) + rng.randint(0, max(1, span // max(1, n)) - 1)
        created = datetime.combine(first, time(8), tzinfo=TZ) + timedelta(minutes=minute)
        title = f"{rng.choice(VERBS)} {rng.choice(SUBJECTS)}"
        body = _paragraphs(rng, 1, 4)
        if rng.random() < 0.02:
            body += f"\n\nThe {GREP_WORD} showed where the time went."
        tags = tuple(dict.fromkeys(rng.sample(TAGS, rng.randint(0, 3))))
        entries.append(NoteEntry(created.replace(second=0), title, f"{title}\n\n{body}", tags,
                                 rng.random() < 0.1))
    return entries


def write_notes(store, entries: list[NoteEntry]) -> None:  # noqa: ANN001
    """Each entry through the note domain and the store, as `mentorlog note` saves it."""
    from mentorlog.core import notes
    from mentorlog.storage.codecs.notes import note_to_doc
    from mentorlog.storage.formats import NOTES

    with store.lock():
        for number, e in enumerate(entries, 1):  # short ids n1, n2, ... as `note` gives them
            n = notes.new_note(e.body, e.created, list(e.tags),
                               "private" if e.private else "normal", f"n{number}")
            rel = store.new_doc_name(NOTES.name, notes.note_stem(n))
            store.save_doc(rel, note_to_doc(n))


def init(home: Path, now: datetime) -> None:
    """The first meeting, through the real command line (as a mentee would)."""
    env = {**os.environ, "MENTORLOG_HOME": str(home), "MENTORLOG_NOW": now.isoformat()}
    subprocess.run([sys.executable, "-m", "mentorlog", *INIT_ARGS], env=env, check=True,
                   stdout=subprocess.DEVNULL)


def generate(home: Path, years: int = 10, notes: int = 2000, goals: int = 150,
             reviews: int = 40, tasks: int = 500, seed: int = 7) -> dict[str, int]:
    """Write the journal; returns how many of each record it holds."""
    from mentorlog.core import reviews as review_ops
    from mentorlog.core import week as weekly
    from mentorlog.storage.codecs.meetings import meeting_to_doc
    from mentorlog.storage.codecs.reviews import review_to_doc
    from mentorlog.storage.formats import AGREEMENT, FOLLOWUPS, GOALS, QUESTIONS, TASKS
    from mentorlog.storage.journal import review_dates
    from mentorlog.storage.store import Store

    rng = random.Random(seed)
    home = Path(home)
    init(home, datetime.combine(START, time(17), tzinfo=TZ))
    store = Store(home)
    agreement = store.load(AGREEMENT)
    book_goals, book_tasks = store.load(GOALS), store.load(TASKS)
    questions, followups = store.load(QUESTIONS), store.load(FOLLOWUPS)
    weeks = 52 * years
    review_weeks = {round((i + 1) * weeks / (reviews + 1)) for i in range(reviews)}
    skip_weeks = set(rng.sample(range(1, weeks), max(0, min(weeks - 1, weeks // 17))))
    # Tasks beyond one per held meeting are set between meetings (`task set`).
    extra_tasks = max(0, tasks - 1 - (weeks - len(skip_weeks)))
    extra_weeks = set(rng.sample(range(weeks), min(weeks, extra_tasks)))
    goals_left = goals - len(book_goals.goals)
    reviews_done = 0
    recorded: list = []  # the meetings so far, as `week` reads them to find last week's task
    with store.lock():
        for w in range(weeks):
            day = START + timedelta(weeks=w)
            when = datetime.combine(day, time(19, 5), tzinfo=TZ)
            if w in extra_weeks:
                book_tasks = book_tasks.add(f"Also: {rng.choice(VERBS).lower()} "
                                            f"{rng.choice(SUBJECTS)}", day + timedelta(days=2))
            if rng.random() < 0.25:
                questions = questions.ask(f"How would you approach {rng.choice(SUBJECTS)}?",
                                          day - timedelta(days=3))
            if w in skip_weeks:
                moved = None
                if rng.random() < 0.3:
                    moved = datetime.combine(day + timedelta(days=2), time(18), tzinfo=TZ)
                meeting = weekly.skip_meeting(day, rng.choice(
                    ["mentor travelling", "sick", "release week", "public holiday"]), moved, when)
            else:
                open_q = [q.id for q in questions.questions if q.is_open][:2]
                answers = weekly.WeekAnswers(
                    day=day,
                    duration=rng.choice([45, 60, 60, 60, 75, 90]),
                    task_status=rng.choice(["done", "done", "partly", "not-done"])
                    if book_tasks.current else "",
                    went_well=_paragraphs(rng, 1, 2),
                    could_improve=_paragraphs(rng, 1, 1),
                    goals_note=_sentence(rng),
                    worked_on=f"{rng.choice(VERBS)} {rng.choice(SUBJECTS)}. {_sentence(rng)}",
                    career=_sentence(rng) if rng.random() < 0.4 else "",
                    answered=tuple((q, _sentence(rng)) for q in open_q),
                    next_task=f"{rng.choice(VERBS)} {rng.choice(SUBJECTS)}",
                    mentor_watch=(f"a talk about {rng.choice(SUBJECTS)}",)
                    if rng.random() < 0.1 else (),
                    next_meeting=datetime.combine(day + timedelta(weeks=1), time(18), tzinfo=TZ),
                    where="video call",
                    todo=(_sentence(rng),) if rng.random() < 0.5 else (),
                    notes=_paragraphs(rng, 0, 2),
                    privacy="private" if rng.random() < 0.05 else "normal",
                )
                record = weekly.record_week(answers, book_tasks, questions, followups,
                                            None, when, recorded)
                meeting, book_tasks = record.meeting, record.tasks
                questions, followups = record.questions, record.followups
            store.save_doc(meeting.rel, meeting_to_doc(meeting))
            recorded.append(meeting)
            # A mentee closes follow-ups as they come to an end (`followup done`/`drop`):
            # most within a month, some never.
            for f in followups.open():
                if (day - f.set_on).days >= 21 and rng.random() < 0.3:
                    followups = followups.close(f.id, rng.choice(["done", "done", "dropped"]),
                                                day, _sentence(rng))
            if w in review_weeks:
                reviews_done += 1
                today = day + timedelta(days=1)
                share = round(goals_left / (reviews - reviews_done + 1))
                goals_left -= share
                new = {h: [] for h in (30, 60, 90)}
                for i in range(share):
                    new[(30, 60, 90)[i % 3]].append(f"{rng.choice(VERBS)} {rng.choice(SUBJECTS)}")
                verdicts = {g.id: (rng.choice(["done", "done", "behind", "dropped", "carry"]),
                                   _sentence(rng)) for g in book_goals.open()}
                since = review_ops.review_since(agreement.start, review_dates(store),
                                                today)
                book_goals, review = review_ops.apply(
                    book_goals,
                    review_ops.ReviewAnswers(verdicts, _paragraphs(rng, 1, 1), _sentence(rng),
                                             new),
                    today, since)
                rel = store.new_doc_name(review_ops.REVIEW_FOLDER, today.isoformat())
                store.save_doc(rel, review_to_doc(review))
        store.save(GOALS, book_goals)
        store.save(TASKS, book_tasks)
        store.save(QUESTIONS, questions)
        store.save(FOLLOWUPS, followups)
    last = START + timedelta(weeks=weeks - 1, days=1)
    write_notes(store, note_entries(notes, START + timedelta(days=1), last, seed))
    return {
        "meetings": len(store.list_docs("meetings")),
        "notes": len(store.list_docs("notes")),
        "goals": len(book_goals.goals),
        "reviews": len(store.list_docs(review_ops.REVIEW_FOLDER)),
        "tasks": len(book_tasks.tasks),
        "questions": len(questions.questions),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", required=True, type=Path, help="an empty or new folder")
    parser.add_argument("--years", type=int, default=10, help="52 weekly meetings a year")
    parser.add_argument("--notes", type=int, default=None, help="default: 200 a year")
    parser.add_argument("--goals", type=int, default=None, help="default: 15 a year")
    parser.add_argument("--reviews", type=int, default=None, help="default: 4 a year")
    parser.add_argument("--tasks", type=int, default=None, help="default: 50 a year")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if args.home.exists() and any(args.home.iterdir()):
        parser.error(f"{args.home} is not empty")
    y = args.years
    counts = generate(
        args.home, y,
        notes=200 * y if args.notes is None else args.notes,
        goals=15 * y if args.goals is None else args.goals,
        reviews=4 * y if args.reviews is None else args.reviews,
        tasks=50 * y if args.tasks is None else args.tasks,
        seed=args.seed,
    )
    print(", ".join(f"{v} {k}" for k, v in counts.items()))
    print(f"MENTORLOG_NOW={pinned_now(y)}")


if __name__ == "__main__":
    main()
