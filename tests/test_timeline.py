"""The one timeline of the mentorship (core/timeline.py): states, the next meeting, the end,
and the task under review — pure, no files."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from msgspec.structs import replace

from mentorlog.core.agreement import Agreement, Mentor, parse_gap, parse_slot
from mentorlog.core.meetings import HELD, SKIPPED, Meeting
from mentorlog.core.tasks import TaskBook, set_task
from mentorlog.core.timeline import (
    HELD as HELD_STATE,
)
from mentorlog.core.timeline import (
    MOVED,
    PLANNED,
    build,
    task_under_review,
)

BERLIN = ZoneInfo("Europe/Berlin")
START = date(2026, 11, 24)  # a Tuesday: the first meeting


def agreement(*gaps: str) -> Agreement:
    return Agreement(Mentor("Ada", tz="America/New_York"), "Europe/Berlin", START,
                     slots=(parse_slot("Tue 18:00"),),
                     gaps=tuple(parse_gap(g, START) for g in gaps))


def at(day: str, clock: str = "12:00") -> datetime:
    return datetime.combine(date.fromisoformat(day), time.fromisoformat(clock), tzinfo=BERLIN)


def test_slots_from_the_week_after_the_first_meeting_without_gaps() -> None:
    t = build(agreement("2026-12-07..2026-12-13"), [], at("2026-11-25"))
    days = [a.day.isoformat() for a in t.appointments[:3]]
    assert days == ["2026-12-01", "2026-12-15", "2026-12-22"]
    assert {a.state for a in t.appointments} == {PLANNED}
    nxt = t.next()
    assert nxt is not None and nxt.start == at("2026-12-01", "18:00")


def test_a_held_meeting_makes_the_next_slot_the_next_meeting() -> None:
    held = Meeting(date(2026, 12, 1), HELD)
    t = build(agreement(), [held], at("2026-12-01", "20:00"))
    assert t.appointments[0].state == HELD_STATE
    nxt = t.next()
    assert nxt is not None and nxt.day == date(2026, 12, 8)


def test_a_meeting_that_passed_unrecorded_is_listed_until_recorded() -> None:
    now = at("2026-12-09")
    t = build(agreement(), [], now)
    assert [a.day for a in t.unrecorded()] == [date(2026, 12, 1), date(2026, 12, 8)]
    t = build(agreement(), [Meeting(date(2026, 12, 1), HELD),
                            Meeting(date(2026, 12, 8), SKIPPED)], now)
    assert t.unrecorded() == []


def test_a_meeting_recorded_a_day_late_is_the_slot_s_meeting() -> None:
    t = build(agreement(), [Meeting(date(2026, 12, 2), HELD)], at("2026-12-03"))
    assert t.unrecorded() == []
    assert [a.state for a in t.appointments[:2]] == [HELD_STATE, PLANNED]


def test_skip_moved_to_moves_the_meeting() -> None:
    moved = at("2026-12-03", "19:00")
    t = build(agreement(), [Meeting(date(2026, 12, 1), SKIPPED, moved_to=moved)],
              at("2026-11-30"))
    nxt = t.next()
    assert nxt is not None and nxt.state == MOVED and nxt.start == moved
    assert t.appointments[0].state == "skipped"


def test_the_wrap_up_answer_moves_the_next_meeting() -> None:
    agreed = at("2026-12-10", "17:00")
    t = build(agreement(), [Meeting(date(2026, 12, 1), HELD, next_meeting=agreed)],
              at("2026-12-02"))
    nxt = t.next()
    assert nxt is not None and nxt.state == MOVED and nxt.start == agreed
    # the slot it replaced is not a meeting any more, and it is not unrecorded later
    later = build(agreement(), [Meeting(date(2026, 12, 1), HELD, next_meeting=agreed),
                                Meeting(date(2026, 12, 10), HELD)], at("2026-12-11"))
    assert later.unrecorded() == []


def test_nothing_after_the_end() -> None:
    t = build(agreement(), [Meeting(date(2026, 12, 1), HELD)], at("2026-12-02"),
              ended=date(2026, 12, 2))
    assert t.next() is None
    assert all(a.day <= date(2026, 12, 2) for a in t.appointments)


def test_a_task_done_early_is_still_the_one_reviewed() -> None:
    tasks = TaskBook().add("Read the guide", START)  # the first task, set at init
    tasks = tasks.put(replace(tasks.get("t1"), status="done"))
    reviewed = task_under_review(tasks, [])
    assert reviewed is not None and reviewed.id == "t1" and reviewed.status == "done"


def test_a_replaced_task_is_reviewed_as_its_replacement() -> None:
    tasks = TaskBook().add("Read the guide", START)
    meeting = Meeting(date(2026, 12, 1), HELD, new_task="t2")
    tasks = tasks.add("Write tests", date(2026, 12, 1))
    tasks = set_task(tasks.put(replace(tasks.get("t1"), status="done")), "Write better tests",
                     date(2026, 12, 3), None, replacing=True)
    reviewed = task_under_review(tasks, [meeting])
    assert reviewed is not None and reviewed.text == "Write better tests"
