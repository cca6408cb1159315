"""When the weekly meetings happen: the agreed slots as recurrence rules in the mentee's zone.

Rule for daylight-saving changes (docs/time-zones.md): a meeting keeps its wall-clock time
in the mentee's zone; a time that does not exist that day (clocks jump forward) moves
forward by the jump (02:30 -> 03:30); a time that happens twice (clocks go back) is the
first of the two. This is also how RFC 5545 reads such times, so the `.ics` export and
calendar programs agree with `mentorlog schedule`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta
from typing import Any

from msgspec import Struct

from mentorlog.core.agreement import Agreement, Gap, Slot, zone
from mentorlog.core.dates import localize

HORIZON_DAYS = 3 * 366


class Occurrence(Struct, frozen=True):
    """One slot on one day: when it starts, and whether a gap or a skip takes it out."""

    slot: Slot
    wall: datetime  # the agreed wall-clock time, naive (what an .ics EXDATE names)
    start: datetime  # aware, in the mentee's zone, after the DST rule
    gap: Gap | None = None
    skipped: bool = False

    @property
    def planned(self) -> bool:
        """True when the meeting is on: not in a gap and not skipped."""
        return self.gap is None and not self.skipped


def slot_rule(slot: Slot, start: date) -> Any:
    """The dateutil rrule of one slot (naive wall-clock times), from `start` on."""
    from dateutil.rrule import WEEKLY, rrule

    return rrule(
        WEEKLY,
        dtstart=datetime.combine(start, slot.at),
        byweekday=slot.weekday,
        byhour=slot.at.hour,
        byminute=slot.at.minute,
        bysecond=0,
    )


def occurrences(
    agreement: Agreement,
    after: datetime,
    skipped: Iterable[date] = (),
    horizon_days: int = HORIZON_DAYS,
) -> Iterator[Occurrence]:
    """Every slot occurrence starting at or after `after`, in time order, gaps and skips marked.

    The first meeting (the agreement's start day) is not a weekly meeting. Two slots that the
    DST rule puts at the same instant are one meeting. Stops `horizon_days` after `after`.
    """
    if not agreement.slots:
        return
    from dateutil.rrule import rruleset

    tz = zone(agreement.mentee_tz)
    skip = set(skipped)
    first_day = max(agreement.start + timedelta(days=1), after.astimezone(tz).date())
    limit = first_day + timedelta(days=horizon_days)
    by_clock = {(s.weekday, s.at): s for s in agreement.slots}
    rules = rruleset()
    for slot in by_clock.values():
        rules.rrule(slot_rule(slot, first_day))
    day_batch: list[Occurrence] = []
    for wall in rules:
        if day_batch and wall.date() != day_batch[0].wall.date():
            yield from _in_order(day_batch, after)
            day_batch = []
        if wall.date() > limit:
            return
        day = wall.date()
        slot = by_clock[(wall.weekday(), wall.time())]
        start = localize(day, wall.time(), tz)
        day_batch.append(Occurrence(slot, wall, start, agreement.gap_on(day), day in skip))
    yield from _in_order(day_batch, after)


def _in_order(batch: list[Occurrence], after: datetime) -> Iterator[Occurrence]:
    """One day's occurrences sorted by instant, without two at the same instant."""
    seen: set[datetime] = set()
    for occ in sorted(batch, key=lambda o: o.start):
        if occ.start < after or occ.start in seen:
            continue
        seen.add(occ.start)
        yield occ


def upcoming(
    agreement: Agreement,
    after: datetime,
    count: int,
    skipped: Iterable[date] = (),
    horizon_days: int = HORIZON_DAYS,
) -> list[datetime]:
    """The next `count` meetings starting at or after `after`, without gaps and skipped days."""
    if count <= 0:
        return []
    found: list[datetime] = []
    for occ in occurrences(agreement, after, skipped, horizon_days):
        if occ.planned:
            found.append(occ.start)
            if len(found) == count:
                break
    return found


def coming_gaps(agreement: Agreement, today: date) -> list[Gap]:
    """Gaps that have not ended before `today`, by start date."""
    return sorted((g for g in agreement.gaps if g.end >= today), key=lambda g: (g.start, g.end))


def next_gap(agreement: Agreement, today: date) -> Gap | None:
    """The first gap that starts after `today` (a current gap is `agreement.gap_on(today)`)."""
    return next((g for g in coming_gaps(agreement, today) if g.start > today), None)
