"""What time it is: the real clock, or the one pinned by MENTORLOG_NOW."""

from __future__ import annotations

import os
from datetime import datetime, tzinfo
from pathlib import Path

from mentorlog.core.dates import localize
from mentorlog.core.errors import MentorlogError


def local_zone() -> tzinfo:
    """The machine's own zone, as a fixed offset (used only before an agreement names one)."""
    tz = datetime.now().astimezone().tzinfo
    assert tz is not None
    return tz


def now(tz: tzinfo | None = None, environ: dict[str, str] | None = None) -> datetime:
    """An aware datetime in `tz` (the mentee's zone).

    MENTORLOG_NOW pins it: an ISO datetime with an offset is that instant; without one it
    is a wall-clock time in the mentee's zone (by the rule for times that do not exist or
    happen twice: core.dates.localize).
    """
    env = os.environ if environ is None else environ
    zone = tz or local_zone()
    raw = env.get("MENTORLOG_NOW", "").strip()
    if not raw:
        return datetime.now(zone)
    try:
        pinned = datetime.fromisoformat(raw)
    except ValueError:
        raise MentorlogError(
            f"MENTORLOG_NOW={raw!r} is not an ISO datetime like 2026-12-01T18:00:00+01:00"
        ) from None
    if pinned.tzinfo is None:
        return localize(pinned.date(), pinned.time(), zone)
    return pinned.astimezone(zone)


def local_zone_name() -> str | None:
    """The machine's IANA zone name if it can be found ($TZ, /etc/timezone, /etc/localtime)."""
    tz = os.environ.get("TZ", "").lstrip(":")
    if tz and "/" in tz and not tz.startswith("/"):
        return tz
    try:
        name = Path("/etc/timezone").read_text().strip()
        if name:
            return name
    except OSError:
        pass
    try:
        target = str(Path("/etc/localtime").resolve())
    except OSError:
        return None
    marker = "zoneinfo/"
    return target.split(marker, 1)[1] if marker in target else None
