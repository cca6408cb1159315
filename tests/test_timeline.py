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
    day_to_record,
    task_under_review,
    wrap_up_default,
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


def test_a_wrap_up_answer_before_the_slot_moves_the_slot_itself() -> None:
    # Agreed for Monday 7 December: the Tuesday slot is no meeting of its own any more.
    agreed = at("2026-12-07", "18:00")
    t = build(agreement(), [Meeting(date(2026, 12, 1), HELD, next_meeting=agreed)],
              at("2026-12-02"))
    nxt = t.next()
    assert nxt is not None and nxt.state == MOVED and nxt.start == agreed
    assert [a.state for a in t.appointments if a.day == date(2026, 12, 8)] == ["skipped"]
    after = build(agreement(), [Meeting(date(2026, 12, 1), HELD, next_meeting=agreed)],
                  at("2026-12-08", "20:00"))
    assert [a.day for a in after.unrecorded()] == [date(2026, 12, 7)]


def test_a_meeting_held_on_the_agreed_day_is_at_the_agreed_time() -> None:
    agreed = at("2026-12-10", "17:00")
    t = build(agreement(), [Meeting(date(2026, 12, 1), HELD, next_meeting=agreed),
                            Meeting(date(2026, 12, 10), HELD)], at("2026-12-11"))
    held = [a for a in t.appointments if a.state == HELD]
    assert [a.start for a in held] == [at("2026-12-01", "18:00"), agreed]
    assert t.unrecorded() == []


def test_skipping_a_moved_meeting_skips_it() -> None:
    moved = at("2026-12-10", "18:30")
    t = build(agreement(), [Meeting(date(2026, 12, 8), SKIPPED, moved_to=moved),
                            Meeting(date(2026, 12, 10), SKIPPED)], at("2026-12-09"))
    nxt = t.next()
    assert nxt is not None and nxt.day == date(2026, 12, 15)
    assert {a.day: a.state for a in t.appointments if a.day < date(2026, 12, 15)} == {
        date(2026, 12, 1): "unrecorded", date(2026, 12, 8): "skipped",
        date(2026, 12, 10): "skipped"}


def test_gaps_are_kept_apart_and_shown_before_the_last_coming_meeting() -> None:
    t = build(agreement("2026-12-21..2027-01-03"), [], at("2026-12-14"))
    shown = t.upcoming(2)
    assert [(a.day.isoformat(), a.state) for a in shown] == [
        ("2026-12-15", PLANNED), ("2026-12-22", "gap"), ("2026-12-29", "gap"),
        ("2027-01-05", PLANNED)]
    assert all(a.state != "gap" for a in t.appointments)


def test_the_wrap_up_default_is_the_meeting_after_the_one_held() -> None:
    # Held on Monday: it is the Tuesday slot's meeting, so the default is a week later.
    assert wrap_up_default(agreement(), [], date(2026, 11, 30), at("2026-11-30", "19:00")) == (
        at("2026-12-08", "18:00"))
    moved = Meeting(date(2026, 12, 8), SKIPPED, moved_to=at("2026-12-10", "18:30"))
    assert wrap_up_default(agreement(), [moved], date(2026, 12, 1), at("2026-12-01", "19:00")
                           ) == at("2026-12-10", "18:30")


def test_the_task_under_review_of_a_meeting_recorded_late() -> None:
    tasks = TaskBook().add("Read the guide", START).add("Write tests", date(2026, 12, 1))
    first = Meeting(date(2026, 12, 1), HELD, new_task="t2")
    # Recording 1 December after later meetings: the task before it, not the newest.
    reviewed = task_under_review(tasks, [first], day=date(2026, 12, 1))
    assert reviewed is not None and reviewed.id == "t1"


def test_ten_years_of_meetings_build_quickly() -> None:
    import time as clock
    from datetime import timedelta

    meetings = [Meeting(date(2026, 12, 1) + timedelta(weeks=w), HELD,
                        next_meeting=at((date(2026, 12, 1) + timedelta(weeks=w + 1)).isoformat(),
                                        "18:00"))
                for w in range(520)]
    started = clock.perf_counter()
    t = build(agreement(), meetings, at("2036-11-05"))
    assert clock.perf_counter() - started < 0.5  # about 10 ms: a generous bound
    assert t.unrecorded() == [] and len([a for a in t.appointments if a.state == HELD]) == 520


def test_week_records_the_oldest_meeting_missing_since_the_last_record() -> None:
    now = at("2026-12-16")
    assert day_to_record(build(agreement(), [], now), []) == date(2026, 12, 1)
    held = [Meeting(date(2026, 12, 8), HELD)]
    # 1 December is still unrecorded, but it comes before the last record.
    assert day_to_record(build(agreement(), held, now), held) == date(2026, 12, 15)
    done = [*held, Meeting(date(2026, 12, 15), SKIPPED)]
    assert day_to_record(build(agreement(), done, now), done) == date(2026, 12, 16)


def test_a_day_follows_its_meeting_where_it_went() -> None:
    dec = {d: date(2026, 12, d) for d in range(1, 32)}
    plain = build(agreement(), [], at("2026-11-25"))
    assert plain.follow(dec[1]) == dec[1]  # a meeting still that day
    assert plain.follow(dec[2]) == dec[2]  # no meeting that day at all
    moved = Meeting(dec[1], SKIPPED, moved_to=at("2026-12-03", "18:00"))
    again = Meeting(dec[3], SKIPPED, moved_to=at("2026-12-04", "09:00"))
    assert build(agreement(), [moved], at("2026-11-25")).follow(dec[1]) == dec[3]
    twice = build(agreement(), [moved, again], at("2026-11-25"))
    assert twice.follow(dec[1]) == dec[4] and twice.follow(dec[3]) == dec[4]
    # skipped without a new time, or held a day off its slot
    assert build(agreement(), [Meeting(dec[1], SKIPPED)], at("2026-12-02")).follow(dec[1]) == (
        dec[1])
    assert build(agreement(), [Meeting(dec[2], HELD)], at("2026-12-03")).follow(dec[1]) == (
        dec[2])
    # a wrap-up that agreed the next meeting for another day takes the slot it replaced there
    wrapped = Meeting(dec[1], HELD, next_meeting=at("2026-12-07", "18:00"))
    assert build(agreement(), [wrapped], at("2026-12-02")).follow(dec[8]) == dec[7]
    # a gap takes the slot out: no meeting took its place
    assert build(agreement("2026-12-07..2026-12-13"), [], at("2026-11-25")).follow(
        dec[8]) == dec[8]


def test_a_task_is_due_where_its_meeting_went() -> None:
    task = TaskBook().add("Read the guide", START, date(2026, 12, 1)).get("t1")
    moved = Meeting(date(2026, 12, 1), SKIPPED, moved_to=at("2026-12-03", "18:00"))
    t = build(agreement(), [moved], at("2026-11-25"))
    followed = t.due(task)
    assert followed is not None and followed.due == date(2026, 12, 3)
    assert replace(followed, due=task.due) == task  # only the day changes
    assert t.due(None) is None
    undated = replace(task, due=None)
    assert t.due(undated) is undated
