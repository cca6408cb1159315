"""The mentorship as one timeline: every weekly meeting from the first one after the
agreement to the end, each with its state, and the task under review. Every view that
speaks of meetings (status, agenda, schedule, the calendar, week, remind) asks this one
model, so they never disagree. Pure: the meeting records and `now` come in.

States (docs/weekly-meeting.md):
- planned: an agreed slot ahead, outside every gap;
- moved: a slot that will happen at another time — `skip --moved-to`, or the wrap-up's
  "when is the next meeting" answered with another time than the slot;
- skipped: a slot recorded with `skip` (or passed over by a wrap-up answer further ahead);
- held: recorded with `week`;
- unrecorded: a planned or moved meeting that is over with nothing recorded; `week --date D`
  or `skip --date D` for its day clears it.
A meeting recorded up to three days from its slot counts as that slot's meeting.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta, tzinfo

from msgspec import Struct

from mentorlog.core.agreement import Agreement, zone
from mentorlog.core.dates import localize
from mentorlog.core.meetings import Meeting
from mentorlog.core.tasks import Task, TaskBook

PLANNED, MOVED, SKIPPED, HELD, UNRECORDED = "planned", "moved", "skipped", "held", "unrecorded"
AHEAD = (PLANNED, MOVED)
MATCH_DAYS = 3
HORIZON_DAYS = 3 * 366


class Appointment(Struct, frozen=True):
    """One weekly meeting on the timeline."""

    start: datetime  # when it is (or was) to happen, in the mentee's zone
    state: str
    slot: datetime | None = None  # the agreed slot it comes from; None for an extra meeting
    where: str = ""
    reason: str = ""

    @property
    def day(self) -> date:
        """The day that names it: `week --date` or `skip --date` with it records it."""
        return self.start.date()


class Timeline(Struct, frozen=True):
    """Every weekly meeting from the start to the end (or a few years ahead), in order."""

    appointments: tuple[Appointment, ...]
    now: datetime
    duration: int  # minutes, the agreed length
    ended: date | None = None

    def next(self) -> Appointment | None:
        """The next meeting: the first planned or moved one that has not started."""
        return next((a for a in self.appointments
                     if a.state in AHEAD and a.start >= self.now), None)

    def coming(self) -> list[Appointment]:
        """The meetings not started yet, skipped ones included (for `schedule`)."""
        return [a for a in self.appointments if a.start >= self.now and a.state != HELD]

    def past(self) -> list[Appointment]:
        """The meetings that have started, oldest first (for `schedule --past`)."""
        return [a for a in self.appointments if a.start < self.now or a.state == HELD]

    def unrecorded(self) -> list[Appointment]:
        return [a for a in self.appointments if a.state == UNRECORDED]


def _slots(agreement: Agreement, last: date) -> list[datetime]:
    """Every agreed slot from the day after the first meeting to `last`, outside gaps, in
    order, after the documented rule for wall times that do not exist or repeat."""
    tz = zone(agreement.mentee_tz)
    first = agreement.start + timedelta(days=1)
    found: set[datetime] = set()
    for slot in agreement.slots:
        day = first + timedelta(days=(slot.weekday - first.weekday()) % 7)
        while day <= last:
            if agreement.gap_on(day) is None:
                found.add(localize(day, slot.at, tz))
            day += timedelta(weeks=1)
    return sorted(found)


def build(
    agreement: Agreement,
    meetings: Sequence[Meeting],
    now: datetime,
    ended: date | None = None,
    horizon_days: int = HORIZON_DAYS,
) -> Timeline:
    """The timeline of the mentorship at `now` (`ended`: the day `mentorlog end` closed it)."""
    last = ended or (now.date() + timedelta(days=horizon_days))
    book: dict[datetime, Appointment] = {
        s: Appointment(s, PLANNED, slot=s) for s in _slots(agreement, last)
    }
    tz = zone(agreement.mentee_tz)
    for m in sorted(meetings, key=lambda m: m.day):
        if m.day <= agreement.start:
            continue  # the first meeting (init) is not a weekly one
        if m.held:
            _hold(book, m, tz)
        else:
            _skip(book, m)
    ahead = [(m.day, m.next_meeting) for m in meetings if m.held and m.next_meeting]
    for day, when in sorted(ahead):
        _agree_next(book, day, when.astimezone(tz))
    end = (datetime.combine(ended + timedelta(days=1), time(0), tzinfo=tz)
           if ended is not None else None)
    span = timedelta(minutes=agreement.duration)
    out = []
    for a in sorted(book.values(), key=lambda a: a.start):
        if end is not None and a.start >= end and a.state != HELD:
            continue
        if a.state in AHEAD and a.start + span <= now:
            a = Appointment(a.start, UNRECORDED, a.slot, a.where, a.reason)
        out.append(a)
    return Timeline(tuple(out), now, agreement.duration, ended)


def _nearest(book: dict[datetime, Appointment], day: date,
             states: tuple[str, ...]) -> datetime | None:
    """The key of the appointment in `states` closest to `day`, within MATCH_DAYS; the same
    day first."""
    best: tuple[int, datetime] | None = None
    for key, a in book.items():
        distance = abs((a.day - day).days)
        if a.state in states and distance <= MATCH_DAYS and (best is None or
                                                             (distance, key) < best):
            best = (distance, key)
    return best[1] if best else None


def _hold(book: dict[datetime, Appointment], m: Meeting, tz: tzinfo) -> None:
    key = _nearest(book, m.day, (PLANNED, MOVED))
    if key is None:  # a meeting on a day without a slot near it: an extra one
        at = datetime.combine(m.day, time(12), tzinfo=tz)
        book[at] = Appointment(at, HELD, None, m.where)
        return
    old = book.pop(key)
    start = old.start if old.day == m.day else old.start.replace(
        year=m.day.year, month=m.day.month, day=m.day.day)
    book[start] = Appointment(start, HELD, old.slot, m.where or old.where)


def _skip(book: dict[datetime, Appointment], m: Meeting) -> None:
    key = _nearest(book, m.day, (PLANNED,))
    if key is None:
        return  # a skip on a day with no slot near it changes nothing
    old = book.pop(key)
    book[old.start] = Appointment(old.start, SKIPPED, old.slot, reason=m.reason)
    if m.moved_to is not None:
        moved = m.moved_to
        book[moved] = Appointment(moved, MOVED, old.slot, reason=m.reason)


def _agree_next(book: dict[datetime, Appointment], held_on: date, when: datetime) -> None:
    """The wrap-up of the meeting held on `held_on` agreed the next one for `when`: the
    first planned slot after it moves there, and planned slots in between are passed over."""
    if when.date() <= held_on:
        return
    after = sorted(k for k, a in book.items() if a.day > held_on)
    if not after or when in book and book[when].state in (HELD, MOVED):
        return  # the agreed time is already on the timeline
    first = book[after[0]]
    if first.state != PLANNED:
        return  # already recorded or moved by hand: that record wins
    if first.start == when:
        return  # the agreed slot itself
    for key in after:
        a = book[key]
        if a.start >= when or a.state != PLANNED:
            break
        book[key] = Appointment(a.start, SKIPPED, a.slot,
                                reason="the next meeting was agreed for another time")
    if when in book and book[when].state == PLANNED:
        return  # it falls on a later slot: that slot is the next meeting
    book[when] = Appointment(when, MOVED, first.slot)


def task_under_review(tasks: TaskBook, meetings: Sequence[Meeting],
                      existing: Meeting | None = None) -> Task | None:
    """Last week's task: the one set at the last held meeting (or at the first meeting),
    followed through `task set --replace`, whatever its status now. A meeting recorded
    again reviews the task it reviewed."""
    if existing is not None and existing.task:
        return _get(tasks, existing.task) or tasks.current
    held = [m for m in meetings if m.held and (existing is None or m.day < existing.day)]
    last = max(held, key=lambda m: m.day) if held else None
    task = _get(tasks, last.new_task) if last and last.new_task else None
    if task is None:
        if last is not None and last.new_task:
            return tasks.current
        earliest = [t for t in tasks.tasks if last is None or t.set_on >= last.day]
        task = earliest[0] if earliest else tasks.current
        if task is None:
            return None
    while True:  # the task that replaced it, if any
        successor = next((t for t in tasks.tasks if t.replaces == task.id), None)
        if successor is None:
            return task
        task = successor


def _get(tasks: TaskBook, task_id: str) -> Task | None:
    return next((t for t in tasks.tasks if t.id == task_id), None)
