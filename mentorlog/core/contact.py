"""May I contact my mentor now? Agreed windows and limits, judged in the mentor's time (pure).

Rules (docs/time-zones.md):
- a window `Mon-Fri 09:00-17:00` is the mentor's wall clock; 09:00 is inside, 17:00 is not;
- `at most N a day` counts the logged contacts on that channel on the mentor's calendar day,
  `at most N a week` those in the mentor's calendar week (Monday to Sunday);
- window edges on a daylight-saving day follow the same rule as meetings
  (mentorlog.core.dates.localize); in the hour that happens twice (clocks go back) the
  window is open in both occurrences of its wall-clock times, and each closes at its own
  end (a window Sun 01:00-01:30 checked at the second 01:15 is open until the second 01:30).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

from msgspec import Struct
from msgspec.structs import replace

from mentorlog.core.agreement import Agreement, Channel, ContactWindow
from mentorlog.core.dates import localize
from mentorlog.core.errors import MentorlogError
from mentorlog.core.ids import did_you_mean
from mentorlog.core.log_ids import appended

LOOK_AHEAD_DAYS = 15  # a week's limit resets within 8 days, a weekly window within 7


class Contact(Struct, frozen=True):
    """One time the mentee reached out to the mentor on a channel (contacts.toml)."""

    channel: str
    at: datetime
    note: str = ""
    id: str = ""  # c1, c2, ...: given when it is added to the log (contacts.toml version 2)


class ContactLog(Struct, frozen=True):
    """Every contact made with the mentor (contacts.toml); ids are never reused."""

    contacts: tuple[Contact, ...] = ()
    next_id: int = 1

    def add(self, contact: Contact) -> ContactLog:
        """The log with `contact` added, under the next id unless it has one."""
        contacts, n = appended(self.contacts, contact, "c", self.next_id)
        return replace(self, contacts=contacts, next_id=n)

    def on(self, channel: str) -> list[Contact]:
        wanted = channel.strip().lower()
        return [c for c in self.contacts if c.channel.lower() == wanted]


# --- the answer -----------------------------------------------------------------------------


class ContactAnswer(Struct, frozen=True):
    """Whether `channel` may be used at `at`; if not, why and when it opens next."""

    channel: Channel
    at: datetime
    allowed: bool
    reason: str
    next_open: datetime | None  # None when allowed now, or nothing opens within two weeks
    open_until: datetime | None = None  # when allowed: when the window closes (None: never)


def _minute(moment: datetime) -> int:
    return moment.hour * 60 + moment.minute


def _window_at(channel: Channel, local: datetime) -> ContactWindow | None:
    minute = _minute(local)
    for w in channel.windows:
        if local.weekday() in w.days and w.start <= minute < w.end:
            return w
    return None


def in_window(channel: Channel, at: datetime, mentor_tz: tzinfo) -> bool:
    """True when `at` falls inside one of the channel's windows on the mentor's wall clock."""
    return _window_at(channel, at.astimezone(mentor_tz)) is not None


def _week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def used(
    channel: Channel, at: datetime, mentor_tz: tzinfo, contacts: list[Contact]
) -> tuple[int, int]:
    """(contacts on the mentor's day of `at`, contacts in the mentor's week of `at`)."""
    day = at.astimezone(mentor_tz).date()
    week = _week_start(day)
    per_day = per_week = 0
    for c in contacts:
        if c.channel.lower() != channel.name.lower():
            continue
        their_day = c.at.astimezone(mentor_tz).date()
        per_day += their_day == day
        per_week += _week_start(their_day) == week
    return per_day, per_week


def _limit_reason(
    channel: Channel, at: datetime, mentor_tz: tzinfo, contacts: list[Contact]
) -> str:
    """Why the frequency limit forbids `at`, or "" when it does not."""
    per_day, per_week = used(channel, at, mentor_tz, contacts)
    if channel.max_per_day is not None and per_day >= channel.max_per_day:
        return f"already {per_day} today (agreed: at most {channel.max_per_day} a day)"
    if channel.max_per_week is not None and per_week >= channel.max_per_week:
        return f"already {per_week} this week (agreed: at most {channel.max_per_week} a week)"
    return ""


def allowed(
    channel: Channel, at: datetime, mentor_tz: tzinfo, contacts_logged: list[Contact]
) -> bool:
    """Inside an agreed window and under the agreed limits."""
    return in_window(channel, at, mentor_tz) and not _limit_reason(
        channel, at, mentor_tz, contacts_logged
    )


def _instant(day: date, minute: int, tz: tzinfo, fold: int) -> datetime:
    """Wall-clock `minute` of `day` in `tz` (24:00: the next midnight) as an instant in UTC;
    a time that happens twice is taken in the occurrence `fold` names, one that does not
    exist by the rule."""
    if minute >= 24 * 60:
        day, minute = day + timedelta(days=1), 0
    clock = time(minute // 60, minute % 60)
    wall = datetime.combine(day, clock)
    instant = wall.replace(tzinfo=tz, fold=fold).astimezone(UTC)
    if instant.astimezone(tz).replace(tzinfo=None) != wall:  # it does not exist that day
        return localize(day, clock, tz).astimezone(UTC)
    return instant  # in UTC: two times of one zone compare by wall clock, folds aside


def _spans(day: date, w: ContactWindow, tz: tzinfo) -> list[tuple[datetime, datetime]]:
    """The instants when the mentor's wall clock shows `w` on `day`: one span, or two on the
    day clocks go back when the window holds some of the repeated hour."""
    spans = sorted({(_instant(day, w.start, tz, fold), _instant(day, w.end, tz, fold))
                    for fold in (0, 1)})
    merged: list[tuple[datetime, datetime]] = []
    for opens, closes in spans:
        if merged and opens <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(closes, merged[-1][1]))
        else:
            merged.append((opens, closes))
    return merged


def next_open(
    channel: Channel,
    at: datetime,
    mentor_tz: tzinfo,
    contacts_logged: list[Contact],
    look_ahead_days: int = LOOK_AHEAD_DAYS,
) -> datetime | None:
    """The first moment at or after `at` when contact is allowed (in the mentor's zone)."""
    start = at.astimezone(UTC)
    first_day = at.astimezone(mentor_tz).date()
    for offset in range(look_ahead_days + 1):
        day = first_day + timedelta(days=offset)
        windows = sorted((w for w in channel.windows if day.weekday() in w.days),
                         key=lambda w: w.start)
        spans = sorted(span for w in windows for span in _spans(day, w, mentor_tz))
        for opens, closes in spans:
            candidate = max(opens, start).astimezone(mentor_tz)
            if candidate >= closes:
                continue
            if not _limit_reason(channel, candidate, mentor_tz, contacts_logged):
                return candidate
    return None


def open_until(channel: Channel, at: datetime, mentor_tz: tzinfo) -> datetime | None:
    """When the window that holds `at` closes, following on into back-to-back windows."""
    moment = at.astimezone(mentor_tz)
    for _ in range(8):  # an `any` window never closes: give up after a week of windows
        w = _window_at(channel, moment)
        if w is None:
            return moment
        closes = next(c for o, c in _spans(moment.date(), w, mentor_tz) if o <= moment < c)
        moment = closes.astimezone(mentor_tz)
    return None


def answer(
    channel: Channel, at: datetime, mentor_tz: tzinfo, contacts_logged: list[Contact]
) -> ContactAnswer:
    """The whole answer for one channel at one moment."""
    local = at.astimezone(mentor_tz)
    windows = ", ".join(str(w) for w in channel.windows)
    if not in_window(channel, at, mentor_tz):
        reason = f"outside {windows} (it is {local:%a %H:%M} for your mentor)"
    else:
        reason = _limit_reason(channel, at, mentor_tz, contacts_logged)
    if reason:
        found = next_open(channel, at, mentor_tz, contacts_logged)
        return ContactAnswer(channel, at, False, reason, found)
    until = open_until(channel, at, mentor_tz)
    window = next(w for w in channel.windows if in_window(_only(channel, w), at, mentor_tz))
    parts = ["any time is fine" if window.is_any else f"inside {window}"]
    per_day, per_week = used(channel, at, mentor_tz, contacts_logged)
    if channel.max_per_day is not None:
        parts.append(f"{per_day} of at most {channel.max_per_day} today")
    if channel.max_per_week is not None:
        parts.append(f"{per_week} of at most {channel.max_per_week} this week")
    return ContactAnswer(channel, at, True, ", ".join(parts), None, until)


def _only(channel: Channel, window: ContactWindow) -> Channel:
    return replace(channel, windows=(window,))


def answer_json(a: ContactAnswer, mentee_tz: tzinfo, mentor_tz: tzinfo) -> dict[str, Any]:
    """The documented JSON shape (docs/json.md): channel, allowed, next_open and more."""
    return {
        "channel": a.channel.name,
        "allowed": a.allowed,
        "next_open": a.next_open.astimezone(mentee_tz).isoformat() if a.next_open else None,
        "next_open_mentor": (
            a.next_open.astimezone(mentor_tz).isoformat() if a.next_open else None
        ),
        "open_until": a.open_until.astimezone(mentee_tz).isoformat() if a.open_until else None,
        "at": a.at.astimezone(mentee_tz).isoformat(),
        "at_mentor": a.at.astimezone(mentor_tz).isoformat(),
        "reason": a.reason,
        "windows": [str(w) for w in a.channel.windows],
        "max_per_day": a.channel.max_per_day,
        "max_per_week": a.channel.max_per_week,
    }


def find_channel(a: Agreement, name: str) -> Channel:
    """The agreed channel of that name (any case), or an error listing the agreed ones."""
    found = a.channel(name)
    if found is None:
        agreed = ", ".join(c.name for c in a.channels) or "none yet"
        close = did_you_mean(name, [c.name for c in a.channels])
        raise MentorlogError(f"{name!r} is not an agreed channel{close} (agreed: {agreed})")
    return found


def agreed_channels(a: Agreement) -> list[Channel]:
    """Every agreed channel, or an error saying how to agree them."""
    if not a.channels:
        raise MentorlogError(
            "no contact channels agreed yet: agree them with your mentor, then add them "
            "with 'mentorlog agreement edit'"
        )
    return list(a.channels)
