"""The demo journal: three months of a mentorship, recorded through the real commands.

`plan(now)` is the script (pure): every step is a mentorlog command line and the moment it
is typed, ending just before `now`, so the journal reads as "today" when it is explored
afterwards. `build(home, now)` replays the script through the CLI in-process with the clock
pinned to each step, so the demo journal is exactly what the commands write (no second
writer of any file format) and is the same every time for the same `now`.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Callable, Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path

from msgspec import Struct

from mentorlog.cli import app
from mentorlog.core.agreement import zone
from mentorlog.core.dates import localize
from mentorlog.core.errors import MentorlogError

MENTEE_TZ = "Europe/Berlin"
MENTOR = "Grace Okafor"
MEETING_WEEKDAY = 1  # Tuesday, the agreed slot "Tue 18:00"
WEEKS = 15  # weekly meetings after the first one: weeks 1..15 of the program
SKIPPED_WEEK = 5
GAP_WEEKS = (8, 9)
PINNED = datetime.fromisoformat("2027-02-11T12:00:00+01:00")  # pictures and tests: the gap is
# then the winter holidays


class Step(Struct, frozen=True):
    """One command typed at one moment (an aware datetime in the mentee's zone)."""

    at: datetime
    args: tuple[str, ...]


def first_meeting_day(now: datetime) -> date:
    """The Tuesday of the first meeting: the last weekly meeting is the latest Tuesday
    before today, WEEKS weeks later."""
    today = now.date()
    back = (today.weekday() - MEETING_WEEKDAY) % 7 or 7  # strictly before today
    return today - timedelta(days=back) - timedelta(weeks=WEEKS)


def plan(now: datetime) -> list[Step]:
    """The script of the demo mentorship, oldest step first; every step is before `now`."""
    tz = zone(MENTEE_TZ)
    start = first_meeting_day(now.astimezone(tz))

    def day(week: int, offset: int = 0) -> date:
        return start + timedelta(weeks=week, days=offset)

    def at(week: int, offset: int, clock: str) -> datetime:
        return localize(day(week, offset), time.fromisoformat(clock), tz)

    gap = f"{day(GAP_WEEKS[0], -1)}..{day(GAP_WEEKS[-1], 6)}: holidays"
    steps: list[Step] = []

    def add(when: datetime, *args: str) -> None:
        steps.append(Step(when, args))

    add(at(0, 0, "19:15"), "init", "--no-input", "--start", day(0).isoformat(),
        "--mentor", MENTOR, "--mentor-contact", "grace@example.org",
        "--tz", MENTEE_TZ, "--mentor-tz", "America/Toronto",
        "--focus", "project: contribute to the open-source parser",
        "--focus", "skill: testing and code review",
        "--focus", "career: grow towards a senior role",
        "--focus", "opportunities: speaking at a meetup",
        "--focus", "connections: people who maintain test tools",
        "--success", "three pull requests merged", "--success", "a talk given",
        "--hours", "1", "--extra-time", "an hour of pairing on some Saturdays",
        "--channel", "slack: Mon-Fri 09:00-17:00",
        "--channel", "email: any, at most 2 a week",
        "--off-limits", "my employer's internal projects",
        "--slot", "Tue 18:00", "--duration", "60",
        "--gap", gap, "--gap-plan", "tell each other two weeks ahead; email only",
        "--goal30", "Open a first pull request to the parser",
        "--goal60", "Give a lightning talk at the local meetup",
        "--goal90", "Lead the clean-up of the parser's test suite",
        "--first-task", "Read the parser's contributing guide and pick an issue")
    add(at(0, 2, "20:30"), "note", "Picked issue #231: error messages for unclosed strings",
        "--tag", "parser")
    add(at(0, 4, "08:10"), "ask", "How do you keep a pull request small?")

    weeks = _weekly_answers()
    for week in range(1, WEEKS + 1):
        if week == SKIPPED_WEEK:
            add(at(week, 0, "09:00"), "skip", "--date", day(week).isoformat(),
                "--reason", "I'm ill with a cold")
            continue
        if week in GAP_WEEKS:
            continue
        add(at(week, 0, "19:05"), "week", "--no-input", "--date", day(week).isoformat(),
            *weeks.get(week, ()))
        if week == 4:
            add(at(week, 0, "19:20"), "goals", "review", "--no-input",
                "--set", "g1=done: merged on Friday", "--set", "g2=on-track",
                "--set", "g3=on-track",
                "--went-well", "the first pull request went in",
                "--could-improve", "I waited too long before asking for help",
                "--next30", "Review two pull requests by others")
        if week == 11:
            add(at(week, 0, "19:20"), "goals", "review", "--no-input",
                "--set", "g2=carry: the meetup was cancelled",
                "--set", "g4=done", "--set", "g3=carry: two of five modules done",
                "--went-well", "reviews by others taught me a lot",
                "--could-improve", "the break made it hard to restart",
                "--next30", "Write a design note for the fixtures")
    for when, args in _between(at):
        add(when, *args)
    steps.sort(key=lambda s: s.at)
    late = [s for s in steps if s.at >= now]
    assert not late, f"demo steps after now: {late}"
    return steps


def _weekly_answers() -> dict[int, tuple[str, ...]]:
    """What each weekly meeting recorded (the flags of `mentorlog week`)."""
    return {
        1: ("--task-status", "done", "--went-well", "found a small, well-described issue",
            "--could-improve", "I read the whole code base instead of the one module",
            "--answer", "q1=one idea per pull request; split refactoring out first",
            "--worked-on", "the shape of the fix for #231",
            "--next-task", "Write a failing test for #231",
            "--mentor-watch", "a meetup looking for lightning talks"),
        2: ("--task-status", "done", "--went-well", "the test fails for the right reason",
            "--goals-note", "on track for the first pull request",
            "--next-task", "Fix #231 and open the pull request"),
        3: ("--task-status", "partly", "--duration", "75",
            "--could-improve", "the fix touched more files than planned",
            "--career", "what a senior engineer's week looks like",
            "--next-task", "Answer the review comments on the pull request"),
        4: ("--task-status", "done", "--went-well", "pull request merged",
            "--goals-note", "g1 done; the talk needs a topic",
            "--next-task", "Choose a topic for the lightning talk",
            "--mentor-watch", "open-source maintainers looking for reviewers"),
        6: ("--task-status", "done", "--duration", "90",
            "--worked-on", "paired on the talk outline",
            "--next-task", "Write the talk's slides",
            "--todo", "send the meetup organisers an email"),
        7: ("--task-status", "not-done", "--could-improve", "a busy fortnight at work",
            "--followup-done", "f3=emailed them; they liked the topic",
            "--next-task", "Review one pull request in the parser",
            "--where", "video call, same link"),
        10: ("--task-status", "done", "--went-well", "a careful review, kindly written",
             "--answer", "q2=say what you checked, not only what is wrong",
             "--next-task", "Inventory the test suite: slow and flaky tests"),
        11: ("--task-status", "done", "--goals-note", "talk carried: meetup cancelled",
             "--followup-drop", "o1=the meetup was cancelled",
             "--next-task", "Clean up the fixtures of two modules"),
        12: ("--task-status", "partly", "--duration", "90",
             "--worked-on", "paired on the fixtures of the lexer",
             "--next-task", "Finish the lexer fixtures"),
        13: ("--task-status", "done", "--career", "how to ask for a promotion",
             "--next-task", "Draft the fixtures design note",
             "--mentor-watch", "a conference call for papers"),
        14: ("--task-status", "partly", "--went-well", "the design note has a clear problem",
             "--next-task", "Send the design note for comments"),
        15: ("--task-status", "done", "--went-well", "two maintainers liked the note",
             "--could-improve", "I should have shared it earlier",
             "--goals-note", "g3 behind but moving; talk re-booked for next month",
             "--next-task", "Turn the design note into the first pull request"),
    }


def _between(at: Callable[[int, int, str], datetime]) -> list[tuple[datetime, tuple[str, ...]]]:
    """Notes, questions, help given and a contact, between the meetings."""
    a = at  # at(week, day offset from the meeting's Tuesday, "HH:MM")
    return [
        (a(2, 3, "21:00"), ("note", "Pairing on the failing test made the bug obvious",
                             "--tag", "pairing")),
        (a(3, 2, "12:30"), ("helped", "answered a question about pytest fixtures in #mentees",
                             "--time", "20m")),
        (a(4, 1, "07:45"), ("ask", "How do I give a review that is kind and useful?")),
        (a(6, 3, "22:10"), ("note", "Nervous about speaking; I want to talk about it, "
                             "but not in the shared summary", "--private")),
        (a(7, 4, "14:00"), ("contact", "log", "email", "--note",
                             "sent the talk outline before the holiday")),
        (a(10, 5, "10:00"), ("helped", "reviewed Sam's CV for #mentees", "--time", "45m")),
        (a(10, 5, "18:00"), ("followup", "add", "Meet Tomás, who maintains the fixtures library",
                             "--kind", "intro")),
        (a(13, 2, "19:30"), ("note", "The design note needs a picture of the fixture graph",
                              "--tag", "design")),
        (a(14, 3, "11:00"), ("helped", "paired with Priya on her first test", "--time", "1h")),
        (a(15, 0, "21:30"), ("note", "The maintainers want the note as a pull request",
                              "--tag", "design")),
        (a(15, 0, "21:40"), ("ask", "Who else should read the design note?")),
        (a(15, 0, "21:45"), ("ask", "Should I speak at the conference or the meetup first?")),
    ]


# --- building it ------------------------------------------------------------------------------


def check_home(home: Path) -> None:
    """The demo goes only into a new or empty folder: never over a real journal."""
    if home.exists() and (not home.is_dir() or any(home.iterdir())):
        raise MentorlogError(
            f"{home} is not an empty folder: the demo only writes into a new or empty one"
        )


def build(home: Path, now: datetime) -> list[Step]:
    """Replay the script into `home` (which must be new or empty); returns the steps."""
    check_home(home)
    home.mkdir(parents=True, exist_ok=True)
    steps = plan(now)
    for step in steps:
        _run(home, step)
    return steps


def _run(home: Path, step: Step) -> None:
    args = ["--home", str(home), *step.args]
    with _pinned(step.at) as (stdout, stderr):
        code = app(args=args, prog_name="mentorlog", standalone_mode=False)
    if code not in (None, 0):
        line = " ".join(step.args[:2])
        raise MentorlogError(f"the demo step 'mentorlog {line}' failed: "
                             f"{stderr.getvalue().strip() or stdout.getvalue().strip()}")


@contextlib.contextmanager
def _pinned(moment: datetime) -> Iterator[tuple[io.StringIO, io.StringIO]]:
    """The clock at `moment`, no terminal (so nothing prompts), output kept from the user."""
    saved = {k: os.environ.get(k) for k in ("MENTORLOG_NOW", "MENTORLOG_MENTORSHIP")}
    os.environ["MENTORLOG_NOW"] = moment.isoformat()
    os.environ.pop("MENTORLOG_MENTORSHIP", None)
    streams = (sys.stdin, sys.stdout, sys.stderr)
    stdout, stderr = io.StringIO(), io.StringIO()
    sys.stdin, sys.stdout, sys.stderr = io.StringIO(""), stdout, stderr
    try:
        yield stdout, stderr
    finally:
        sys.stdin, sys.stdout, sys.stderr = streams
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
