"""The mentorship as one timeline: every weekly meeting from the first one after the
agreement to the end, each with its state, and the task under review. Every view that
speaks of meetings (status, agenda, schedule, the calendar, week, remind) asks this one
model, so they never disagree. Pure: the meeting records and `now` come in.

States (docs/weekly-meeting.md):
- planned: an agreed slot ahead, outside every gap;
- moved: a slot that will happen at another time — `skip --moved-to`, or the wrap-up's
  "when is the next meeting" answered with another time than the slot;
- skipped: a slot recorded with `skip` (or passed over by a wrap-up answer further ahead,
  or moved by one);
- held: recorded with `week`;
- unrecorded: a planned or moved meeting that is over with nothing recorded; `week --date D`
  or `skip --date D` for its day clears it.
A meeting recorded up to three days from its slot counts as that slot's meeting. Slots
inside a gap are no meetings; they are kept apart (`Timeline.gapped`) for `schedule`.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta, tzinfo

from msgspec import Struct
from msgspec.structs import replace

from mentorlog.core.agreement import Agreement, Gap, Slot, zone
from mentorlog.core.dates import localize
from mentorlog.core.meetings import Meeting
from mentorlog.core.tasks import Task, TaskBook

PLANNED, MOVED, SKIPPED, HELD, UNRECORDED = "planned", "moved", "skipped", "held", "unrecorded"
GAP = "gap"  # a slot inside a gap: not a meeting, only in Timeline.gapped
AHEAD = (PLANNED, MOVED)
MATCH_DAYS = 3
HORIZON_DAYS = 3 * 366
PASSED_OVER = "the next meeting was agreed for another time"


class Appointment(Struct, frozen=True):
    """One weekly meeting on the timeline."""

    start: datetime  # when it is (or was) to happen, in the mentee's zone
    state: str
    slot: datetime | None = None  # the agreed slot it comes from; None for an extra meeting
    where: str = ""
    reason: str = ""
    agreed: Slot | None = None  # the weekly slot of the agreement it comes from

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
    gapped: tuple[Appointment, ...] = ()  # slots taken out by a gap (state GAP), in order

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

    def upcoming(self, count: int) -> list[Appointment]:
        """The next `count` planned or moved meetings and, before the last of them, the
        skipped ones and the slots a gap takes out (state GAP), in time order."""
        found: list[Appointment] = []
        ahead = 0
        for a in self.coming():
            found.append(a)
            ahead += a.state in AHEAD
            if ahead == count:
                break
        while found and found[-1].state not in AHEAD:
            found.pop()
        if not found:
            return []
        last = found[-1].start
        found += [g for g in self.gapped if self.now <= g.start < last]
        return sorted(found, key=lambda a: a.start)

    def on(self, day: date) -> Appointment | None:
        """The meeting of `day`: one still to record first (planned, moved, unrecorded)."""
        that_day = [a for a in self.appointments if a.day == day]
        return next((a for a in that_day if a.state in (*AHEAD, UNRECORDED)),
                    that_day[0] if that_day else None)

    def after(self, day: date) -> Appointment | None:
        """The first meeting after `day` that is not skipped."""
        return next((a for a in self.appointments if a.day > day and a.state != SKIPPED), None)

    def follow(self, day: date) -> date:
        """Where the meeting of `day` went: the day of the meeting that took its slot when
        it was moved (`skip --moved-to`, again and again) or held a day or two off its slot;
        `day` itself when a meeting still happens that day, or none took its place (skipped
        without a new time, taken out by a gap, or no meeting that day at all)."""
        here = [a for a in self.appointments if a.day == day]
        if any(a.state != SKIPPED for a in here):
            return day
        slots = {a.slot or a.start for a in here}
        moved = [a for a in self.appointments if a.state != SKIPPED and a.slot is not None
                 and (a.slot in slots or (not here and a.slot.date() == day))]
        return moved[0].day if moved else day

    def due(self, task: Task | None) -> Task | None:
        """`task` with the day it is due following its meeting: a task due at a meeting that
        moved is due at the meeting's new day (tasks.toml keeps the day it was set for)."""
        if task is None or task.due is None:
            return task
        day = self.follow(task.due)
        return task if day == task.due else replace(task, due=day)


def _slots(agreement: Agreement, last: date) -> list[tuple[datetime, Slot, Gap | None]]:
    """Every agreed slot from the day after the first meeting to `last`, with the gap that
    takes it out, in order, after the documented rule for wall times that do not exist or
    repeat. Two slots that the rule puts at one instant are one meeting (the first slot's)."""
    tz = zone(agreement.mentee_tz)
    first = agreement.start + timedelta(days=1)
    found: dict[datetime, tuple[datetime, Slot, Gap | None]] = {}
    for slot in dict.fromkeys(agreement.slots):
        day = first + timedelta(days=(slot.weekday - first.weekday()) % 7)
        while day <= last:
            start = localize(day, slot.at, tz)
            if start not in found:
                found[start] = (start, slot, agreement.gap_on(day) if agreement.gaps else None)
            day += timedelta(weeks=1)
    return [found[start] for start in sorted(found)]


class _Book:
    """The appointments while the timeline is built: by start, and by day for matching a
    record to its slot (ten years of meetings stay cheap)."""

    def __init__(self) -> None:
        self.by_start: dict[datetime, Appointment] = {}
        self.by_day: dict[date, list[datetime]] = {}

    def put(self, a: Appointment) -> None:
        self.by_start[a.start] = a
        keys = self.by_day.setdefault(a.day, [])
        if a.start not in keys:
            keys.append(a.start)

    def pop(self, key: datetime) -> Appointment:
        a = self.by_start.pop(key)
        self.by_day[a.day].remove(key)
        return a

    def nearest(self, day: date, states: tuple[str, ...]) -> datetime | None:
        """The start of the appointment in `states` closest to `day`, within MATCH_DAYS; the
        same day first, then the earlier of two as close."""
        for distance in range(MATCH_DAYS + 1):
            days = (day,) if distance == 0 else (day - timedelta(days=distance),
                                                  day + timedelta(days=distance))
            found = [key for d in days for key in self.by_day.get(d, ())
                     if self.by_start[key].state in states]
            if found:
                return min(found)
        return None


def build(
    agreement: Agreement,
    meetings: Sequence[Meeting],
    now: datetime,
    ended: date | None = None,
    horizon_days: int = HORIZON_DAYS,
) -> Timeline:
    """The timeline of the mentorship at `now` (`ended`: the day `mentorlog end` closed it).

    The records (held and skipped meetings) are matched to their slots first, in date
    order; then each held meeting's wrap-up answer ("when is the next meeting") moves the
    slot after it when that slot is still only planned — a record always wins."""
    tz = zone(agreement.mentee_tz)
    local = now.astimezone(tz)
    last = ended or (local.date() + timedelta(days=horizon_days))
    book = _Book()
    gapped = []
    for start, slot, gap in _slots(agreement, last):
        if gap is None:
            book.put(Appointment(start, PLANNED, start, agreed=slot))
        else:
            gapped.append(Appointment(start, GAP, start, reason=gap.reason, agreed=slot))
    weekly = sorted((m for m in meetings if m.day > agreement.start),  # init is no weekly one
                    key=lambda m: m.day)
    agreed_at = _agreed_times(weekly, tz)
    for m in weekly:
        if m.held:
            _hold(book, m, tz, agreed_at)
        else:
            _skip(book, m, tz)
    order = sorted(book.by_start)
    for m in weekly:
        if m.held and m.next_meeting is not None:
            _agree_next(book, order, m.day, m.next_meeting.astimezone(tz))
    end = (datetime.combine(ended + timedelta(days=1), time(0), tzinfo=tz)
           if ended is not None else None)
    span = timedelta(minutes=agreement.duration)
    out = []
    for key in sorted(book.by_start):
        a = book.by_start[key]
        if end is not None and a.start >= end and a.state != HELD:
            continue
        if a.state in AHEAD and a.start + span <= local:
            a = Appointment(a.start, UNRECORDED, a.slot, a.where, a.reason, a.agreed)
        out.append(a)
    return Timeline(tuple(out), local, agreement.duration, ended,
                    tuple(g for g in gapped if end is None or g.start < end))


def _agreed_times(weekly: Sequence[Meeting], tz: tzinfo) -> dict[date, datetime]:
    """{day: time} agreed for a meeting by a wrap-up or `skip --moved-to`: a meeting held
    that day took place then."""
    found: dict[date, datetime] = {}
    for m in weekly:
        when = m.next_meeting if m.held else m.moved_to
        if when is not None:
            local = when.astimezone(tz)
            found[local.date()] = local
    return found


def _hold(book: _Book, m: Meeting, tz: tzinfo, agreed_at: dict[date, datetime]) -> None:
    key = book.nearest(m.day, AHEAD)
    if key is None:  # a meeting on a day without a slot near it: an extra one
        at = agreed_at.get(m.day) or datetime.combine(m.day, time(12), tzinfo=tz)
        book.put(Appointment(at, HELD, None, m.where))
        return
    old = book.by_start[key]
    if old.day == m.day:  # the usual case: held on its slot's day, nothing moves
        book.by_start[key] = Appointment(key, HELD, old.slot, m.where or old.where,
                                         agreed=old.agreed)
        return
    book.pop(key)
    start = agreed_at.get(m.day) or localize(m.day, old.start.time(), tz)
    book.put(Appointment(start, HELD, old.slot, m.where or old.where, agreed=old.agreed))


def _skip(book: _Book, m: Meeting, tz: tzinfo) -> None:
    key = book.nearest(m.day, AHEAD)
    if key is None:
        return  # a skip on a day with no meeting near it changes nothing
    old = book.pop(key)
    book.put(Appointment(old.start, SKIPPED, old.slot, reason=m.reason, agreed=old.agreed))
    if m.moved_to is not None:
        book.put(Appointment(m.moved_to.astimezone(tz), MOVED, old.slot or old.start,
                             reason=m.reason, agreed=old.agreed))


def _agree_next(book: _Book, order: list[datetime], held_on: date, when: datetime) -> None:
    """The wrap-up of the meeting held on `held_on` agreed the next one for `when`: the
    first slot after that meeting moves there (slots it passes over are skipped), unless it
    is recorded or moved already. `order`: every start in the book, sorted."""
    if when.date() <= held_on:
        return
    if when in book.by_start and book.by_start[when].state in (HELD, MOVED):
        return  # the agreed time is already on the timeline
    i = bisect_left(order, datetime.combine(held_on + timedelta(days=1), time(0),
                                            tzinfo=when.tzinfo))
    first = book.by_start[order[i]] if i < len(order) else None
    if first is not None and (first.state != PLANNED or first.start == when):
        return  # recorded or moved by hand (that record wins), or the agreed slot itself
    for key in order[i:]:
        a = book.by_start[key]
        if a.start >= when or a.state != PLANNED:
            break
        book.put(Appointment(a.start, SKIPPED, a.slot, reason=PASSED_OVER, agreed=a.agreed))
    if when in book.by_start and book.by_start[when].state == PLANNED:
        return  # it falls on a later slot: that slot is the next meeting
    if first is not None and book.by_start[first.start].state == PLANNED:
        # agreed for a time before the slot: the slot itself moves there
        book.put(Appointment(first.start, SKIPPED, first.slot, reason=PASSED_OVER,
                             agreed=first.agreed))
    book.put(Appointment(when, MOVED, first.slot if first else None,
                         agreed=first.agreed if first else None))
    insort(order, when)


def day_to_record(plan: Timeline, meetings: Sequence[Meeting]) -> date:
    """The day `week` records by default: the oldest meeting not recorded since the last one
    recorded (held or skipped), else today. Older ones stay listed as unrecorded."""
    last = max((m.day for m in meetings), default=None)
    missing = [a.day for a in plan.unrecorded() if last is None or a.day > last]
    return missing[0] if missing else plan.now.date()


def wrap_up_default(agreement: Agreement, meetings: Sequence[Meeting], day: date,
                    now: datetime) -> datetime | None:
    """For the wrap-up of a meeting held on `day`: the next meeting the timeline has after
    it (the next agreed slot, a moved meeting, gaps and skipped ones left out). `meetings`
    are the other records; this one counts as held, so the slot it takes is not offered."""
    others = [m for m in meetings if m.day != day]
    found = build(agreement, [*others, Meeting(day)], now).after(day)
    return found.start if found else None


def task_under_review(tasks: TaskBook, meetings: Sequence[Meeting],
                      existing: Meeting | None = None, day: date | None = None) -> Task | None:
    """Last week's task: the one set at the last held meeting before this one (on `day`;
    or at the first meeting), followed through `task set --replace`, whatever its status
    now (done early, overdue). A meeting recorded again reviews the task it reviewed."""
    if existing is not None and existing.task:
        return _get(tasks, existing.task) or tasks.current
    before = existing.day if existing is not None else day
    held = [m for m in meetings if m.held and (before is None or m.day < before)]
    last = max(held, key=lambda m: m.day) if held else None
    task = _get(tasks, last.new_task) if last and last.new_task else None
    if task is None:
        if last is not None and last.new_task:
            return tasks.current
        earliest = [t for t in tasks.tasks if last is None or t.set_on >= last.day]
        task = earliest[0] if earliest else tasks.current
        if task is None:
            return None
    seen = {task.id}
    while True:  # the task that replaced it, if any
        successor = next((t for t in tasks.tasks if t.replaces == task.id), None)
        if successor is None or successor.id in seen:
            return task
        seen.add(successor.id)
        task = successor


def _get(tasks: TaskBook, task_id: str) -> Task | None:
    return next((t for t in tasks.tasks if t.id == task_id), None)
