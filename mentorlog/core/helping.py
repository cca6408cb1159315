"""Support given to other mentees (the guide's requirement 4), kept in helped.toml (pure)."""

from __future__ import annotations

from datetime import date
from typing import Any

from msgspec import Struct
from msgspec.structs import replace

from mentorlog.core.dates import parse_date
from mentorlog.core.errors import MentorlogError
from mentorlog.core.log_ids import appended


class Help(Struct, frozen=True):
    """One time the mentee helped another mentee: what, when, and for how long."""

    on: date
    text: str
    minutes: int | None = None
    id: str = ""  # h1, h2, ...: given when it is added to the log (helped.toml version 2)


class HelpLog(Struct, frozen=True):
    """Every time the mentee helped another mentee (helped.toml); ids are never reused."""

    entries: tuple[Help, ...] = ()
    next_id: int = 1

    def add(self, help_given: Help) -> HelpLog:
        """The log with `help_given` added, under the next id unless it has one."""
        entries, n = appended(self.entries, help_given, "h", self.next_id)
        return replace(self, entries=entries, next_id=n)


class HelpSummary(Struct, frozen=True):
    """What `status` shows: how often and how long, and when last."""

    count: int
    minutes: int
    last: date | None


def summary(log: HelpLog, since: date | None = None) -> HelpSummary:
    """Help given on or after `since` (the start of the mentorship), all of it when None."""
    entries = [h for h in log.entries if since is None or h.on >= since]
    return HelpSummary(
        count=len(entries),
        minutes=sum(h.minutes or 0 for h in entries),
        last=max((h.on for h in entries), default=None),
    )


def summary_json(s: HelpSummary) -> dict[str, Any]:
    return {
        "count": s.count,
        "minutes": s.minutes,
        "hours": round(s.minutes / 60, 2),
        "last": s.last.isoformat() if s.last else None,
    }


def parse_minutes(text: str) -> int:
    """`30`, `30m`, `1h`, `1.5h` -> minutes."""
    raw = text.strip().lower().replace(" ", "")
    try:
        if raw.endswith("h"):
            minutes = round(float(raw[:-1]) * 60)
        else:
            minutes = int(raw.removesuffix("min").removesuffix("m"))
    except ValueError:
        raise MentorlogError(f"{text!r} is not a length like 30, 30m or 1.5h") from None
    if not 1 <= minutes <= 24 * 60:
        raise MentorlogError(f"{text!r}: a length is between 1 minute and 24 hours")
    return minutes


def new_help(text: str, on: str, today: date, minutes: str | None) -> Help:
    """`mentorlog helped TEXT --on DAY --time LENGTH`: the words on one line, the day and the
    length parsed (the words are checked first)."""
    if not text.strip():
        raise MentorlogError("say what you did, like 'answered a question about git in #mentees'")
    day = parse_date(on, today)
    return Help(day, " ".join(text.split()), parse_minutes(minutes) if minutes else None)
