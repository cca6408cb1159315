"""Gaps in the weekly meetings: adding without overlaps, removing, and the note to the mentor."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from msgspec import Struct
from msgspec.structs import replace

from mentorlog.core.agreement import Agreement, Gap, zone
from mentorlog.core.errors import MentorlogError
from mentorlog.core.timeline import AHEAD, PLANNED, Timeline


def overlapping(agreement: Agreement, gap: Gap) -> list[Gap]:
    return [g for g in agreement.gaps if g.start <= gap.end and gap.start <= g.end]


def add_gap(agreement: Agreement, gap: Gap) -> Agreement:
    """The agreement with `gap` added (gaps kept by start date); refuses an overlap."""
    clash = overlapping(agreement, gap)
    if clash:
        numbers = ", ".join(f"{agreement.gaps.index(g) + 1} ({g})" for g in clash)
        raise MentorlogError(
            f"{gap.start.isoformat()}..{gap.end.isoformat()} overlaps gap {numbers}; "
            "remove that one first ('mentorlog gap remove N') or pick other dates"
        )
    gaps = sorted((*agreement.gaps, gap), key=lambda g: (g.start, g.end))
    return replace(agreement, gaps=tuple(gaps))


def find_gap(agreement: Agreement, key: str) -> Gap:
    """A gap by its number in `mentorlog gap list` or by its start date."""
    text = key.strip()
    if text.isdigit():
        number = int(text)
        if 1 <= number <= len(agreement.gaps):
            return agreement.gaps[number - 1]
        raise MentorlogError(
            f"there is no gap {number} (there are {len(agreement.gaps)}; see 'mentorlog gap list')"
        )
    try:
        start = date.fromisoformat(text)
    except ValueError:
        raise MentorlogError(
            f"{key!r} is neither a gap number nor a start date like 2026-12-21"
        ) from None
    for g in agreement.gaps:
        if g.start == start:
            return g
    raise MentorlogError(f"no gap starts on {start.isoformat()} (see 'mentorlog gap list')")


def numbered(agreement: Agreement, today: date, show_all: bool = False) -> list[tuple[int, Gap]]:
    """The gaps with their numbers in `mentorlog gap list`: those not over yet, or all."""
    return [(i, g) for i, g in enumerate(agreement.gaps, 1) if show_all or g.end >= today]


def remove_gap(agreement: Agreement, gap: Gap) -> Agreement:
    return replace(agreement, gaps=tuple(g for g in agreement.gaps if g != gap))


class GapEffect(Struct, frozen=True):
    """What a gap does to the schedule: the meetings it takes out, the first one after it."""

    missed: tuple[datetime, ...]
    next_meeting: datetime | None


def effect(before: Timeline, after: Timeline, gap: Gap) -> GapEffect:
    """What `gap` does, read from the timeline without it (`before`) and with it (`after`):
    the meetings it takes out from now on (planned ones: a meeting already skipped, or
    passed over by a wrap-up, is not missed again), and the first meeting after it, as
    `status` will show it then (a moved meeting at its new time)."""
    missed = [a.start for a in before.appointments
              if a.state == PLANNED and a.start >= before.now and gap.start <= a.day <= gap.end]
    end = max(after.now, datetime.combine(gap.end + timedelta(days=1), time(0),
                                          tzinfo=after.now.tzinfo))
    nxt = next((a for a in after.appointments if a.state in AHEAD and a.start >= end), None)
    return GapEffect(tuple(missed), nxt.start if nxt else None)


def _day(d: date) -> str:
    return f"{d:%a} {d.day} {d:%b %Y}"


def _short(moment: datetime) -> str:
    return f"{moment:%a} {moment.day} {moment:%b %H:%M}"


def note_for_mentor(
    agreement: Agreement, gap: Gap, missed: Iterable[datetime], next_meeting: datetime | None
) -> str:
    """A short message the mentee can send (the guide: notify your mentor in a timely fashion)."""
    theirs = zone(agreement.mentor.tz)
    first_name = agreement.mentor.name.split()[0] if agreement.mentor.name.split() else ""
    why = f" ({gap.reason})" if gap.reason else ""
    missed = list(missed)
    lines = [
        f"Hi {first_name}, a heads-up: I'm not available from {_day(gap.start)} "
        f"to {_day(gap.end)}{why}."
    ]
    if missed:
        days = ", ".join(_short(m.astimezone(theirs)) for m in missed)
        lines.append(f"So we'd skip our meeting{'s' if len(missed) > 1 else ''} on {days} "
                     "(your time).")
    if next_meeting is not None:
        lines.append(
            f"Our next meeting would be {_short(next_meeting.astimezone(theirs))}"
            f" your time ({next_meeting:%H:%M} mine). Does that still work for you?"
        )
    return " ".join(lines)
