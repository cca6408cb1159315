"""When the weekly meetings happen: the agreed slots as recurrence rules in the mentee's zone.

Rule for daylight-saving changes (docs/time-zones.md): a meeting keeps its wall-clock time
in the mentee's zone; a time that does not exist that day (clocks jump forward) moves
forward by the jump (02:30 -> 03:30); a time that happens twice (clocks go back) is the
first of the two.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from mentorlog.model import Agreement, zone


def localize(day: date, clock: time, tz: tzinfo) -> datetime:
    """Wall-clock `day clock` in `tz`, by the documented rule for gaps and folds."""
    naive = datetime.combine(day, clock)
    aware = naive.replace(tzinfo=tz, fold=0)
    # Round-trip through UTC: a nonexistent time comes back shifted forward by the jump.
    return aware.astimezone(UTC).astimezone(tz)


def slot_times(agreement: Agreement, start: date) -> Iterator[datetime]:
    """Every slot occurrence from `start` on, in time order, aware in the mentee's zone."""
    from dateutil.rrule import WEEKLY, rrule, rruleset

    tz = zone(agreement.mentee_tz)
    rules = rruleset()
    for slot in agreement.slots:
        rules.rrule(
            rrule(
                WEEKLY,
                dtstart=datetime.combine(start, slot.at),
                byweekday=slot.weekday,
                byhour=slot.at.hour,
                byminute=slot.at.minute,
                bysecond=0,
            )
        )
    for naive in rules:
        yield localize(naive.date(), naive.time(), tz)


def upcoming(
    agreement: Agreement,
    after: datetime,
    count: int,
    skipped: Iterable[date] = (),
    horizon_days: int = 3 * 366,
) -> list[datetime]:
    """The next `count` meetings starting at or after `after`, without gaps and skipped days."""
    if not agreement.slots or count <= 0:
        return []
    skip = set(skipped)
    first_day = max(agreement.start, after.astimezone(zone(agreement.mentee_tz)).date())
    limit = first_day + timedelta(days=horizon_days)
    found: list[datetime] = []
    for when in slot_times(agreement, first_day - timedelta(days=1)):
        day = when.date()
        if day > limit:
            break
        # The start day is the first meeting itself; weekly meetings follow it.
        if when < after or day <= agreement.start or day in skip or agreement.gap_on(day):
            continue
        found.append(when)
        if len(found) == count:
            break
    return found
