"""What `mentorlog remind` reports (core/attention.py): pure, no files."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from mentorlog.core.agreement import Agreement, Mentor, parse_slot
from mentorlog.core.attention import reminder_json, reminders
from mentorlog.core.followups import FollowUpBook
from mentorlog.core.meetings import HELD, SKIPPED, Meeting
from mentorlog.core.tasks import Task
from mentorlog.core.timeline import build

BERLIN = ZoneInfo("Europe/Berlin")
START = date(2026, 11, 24)
AGREEMENT = Agreement(Mentor("Ada", tz="America/New_York"), "Europe/Berlin", START,
                      slots=(parse_slot("Tue 18:00"),))


def at(day: str, clock: str = "12:00") -> datetime:
    return datetime.combine(date.fromisoformat(day), time.fromisoformat(clock), tzinfo=BERLIN)


def kinds(now: str, meetings=(), task=None, review_due=None, followups=(), conflicts=(),
          ended=None) -> list[str]:
    plan = build(AGREEMENT, list(meetings), at(now), ended)
    return [r.kind for r in reminders(plan, list(meetings), task, review_due, list(followups),
                                      list(conflicts))]


def test_nothing_needs_you_after_a_held_meeting() -> None:
    held = Meeting(date(2026, 12, 1), HELD, next_meeting=at("2026-12-08", "18:00"))
    assert kinds("2026-12-03", [held]) == []
    assert kinds("2026-11-25") == []  # the first weekly meeting was agreed at the first one


def test_a_meeting_not_recorded_and_the_next_one_to_confirm() -> None:
    plan = build(AGREEMENT, [], at("2026-12-02"))
    found = reminders(plan, [], None, None, [], [])
    assert [reminder_json(r) for r in found] == [
        {"kind": "unrecorded-meeting", "date": "2026-12-01",
         "text": "The meeting of Tue 1 Dec 2026 18:00 is not recorded: 'mentorlog week "
                 "--date 2026-12-01' (or 'mentorlog skip --date 2026-12-01')"},
        {"kind": "confirm-next-meeting", "date": "2026-12-08",
         "text": "Confirm the next meeting with your mentor: Tue 8 Dec 2026 18:00"},
    ]
    skipped = Meeting(date(2026, 12, 1), SKIPPED)
    assert kinds("2026-12-02", [skipped]) == ["confirm-next-meeting"]
    assert kinds("2026-11-30", [skipped]) == []  # more than a week ahead


def test_the_task_due_within_a_day_or_late() -> None:
    held = Meeting(date(2026, 12, 1), HELD, next_meeting=at("2026-12-08", "18:00"))
    task = Task("t2", "Write tests", date(2026, 12, 1), due=date(2026, 12, 8))
    assert kinds("2026-12-06", [held], task) == []
    assert kinds("2026-12-07", [held], task) == ["task-due"]
    late = reminders(build(AGREEMENT, [held], at("2026-12-09", "20:00")), [held], task, None,
                     [], [])
    assert [r.text for r in late if r.kind == "task-due"] == [
        "Task t2 is due Tue 8 Dec 2026 (1 day late): Write tests"]


def test_review_followups_and_conflicts() -> None:
    held = Meeting(date(2026, 12, 1), HELD, next_meeting=at("2026-12-08", "18:00"))
    book = FollowUpBook().add("opportunity", "a CFP", date(2026, 11, 10)).add(
        "todo", "send the link", date(2026, 12, 1))
    got = kinds("2026-12-03", [held], review_due=date(2026, 12, 1), followups=book.open(),
                conflicts=["conflicts/tasks.toml"])
    assert got == ["review-due", "followup", "sync-conflict"]


def test_an_ended_mentorship_needs_nothing() -> None:
    task = Task("t1", "Read", START, due=date(2026, 12, 1))
    assert kinds("2026-12-10", [], task, date(2026, 12, 1), ended=date(2026, 12, 9)) == []
