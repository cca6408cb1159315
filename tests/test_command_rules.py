"""Rules that the command bodies used to compute themselves, now in core: which meeting
`skip` records, which gaps `gap list` shows, what `helped` logs — pure, no files."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from mentorlog.core.agreement import Agreement, Mentor, parse_gap, parse_slot
from mentorlog.core.errors import MentorlogError
from mentorlog.core.gaps import numbered
from mentorlog.core.helping import Help, new_help
from mentorlog.core.meetings import Meeting
from mentorlog.core.week import skipped_time

BERLIN = ZoneInfo("Europe/Berlin")
START = date(2026, 11, 24)  # a Tuesday: the first meeting


def agreement(*gaps: str, slots: tuple[str, ...] = ("Tue 18:00",)) -> Agreement:
    return Agreement(Mentor("Ada", tz="America/New_York"), "Europe/Berlin", START,
                     slots=tuple(parse_slot(s) for s in slots),
                     gaps=tuple(parse_gap(g, START) for g in gaps))


def at(day: str, clock: str = "12:00") -> datetime:
    return datetime.combine(date.fromisoformat(day), time.fromisoformat(clock), tzinfo=BERLIN)


def test_skip_without_a_day_is_the_next_meeting() -> None:
    assert skipped_time(agreement(), [], at("2026-12-03"), None) == at("2026-12-08", "18:00")


def test_skip_on_a_day_is_its_slot_or_the_first_slot_time() -> None:
    a = agreement()
    assert skipped_time(a, [], at("2026-12-03"), date(2026, 12, 15)) == at("2026-12-15", "18:00")
    assert skipped_time(a, [], at("2026-12-03"), date(2026, 12, 16)) == at("2026-12-16", "18:00")


def test_skip_on_a_day_a_held_meeting_planned_is_that_time() -> None:
    held = Meeting(date(2026, 12, 8), next_meeting=at("2026-12-17", "09:30"))
    assert skipped_time(agreement(), [held], at("2026-12-09"),
                        date(2026, 12, 17)) == at("2026-12-17", "09:30")


def test_skip_before_the_start_or_with_nothing_scheduled_is_refused() -> None:
    with pytest.raises(MentorlogError, match="before the mentorship started"):
        skipped_time(agreement(), [], at("2026-12-03"), date(2026, 11, 17))
    with pytest.raises(MentorlogError, match="no next meeting is scheduled"):
        skipped_time(agreement(slots=()), [], at("2026-12-03"), None)


def test_gap_list_numbers_every_gap_and_shows_those_not_over() -> None:
    a = agreement("2026-12-01..2026-12-02", "2026-12-21..2027-01-03: holidays")
    assert [(i, str(g)) for i, g in numbered(a, date(2026, 12, 10))] == [
        (2, "2026-12-21..2027-01-03: holidays")]
    assert [i for i, _ in numbered(a, date(2026, 12, 10), show_all=True)] == [1, 2]


def test_help_keeps_its_words_on_one_line_and_parses_day_and_length() -> None:
    today = date(2026, 11, 24)
    assert new_help("  reviewed\nSam's  CV ", "yesterday", today, "1.5h") == Help(
        date(2026, 11, 23), "reviewed Sam's CV", 90)
    assert new_help("answered", "today", today, None) == Help(today, "answered", None)
    with pytest.raises(MentorlogError, match="say what you did"):
        new_help("  ", "not a day", today, None)  # the words are checked first
