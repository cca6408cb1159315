"""The agreement's horizon: a planned end at least three months after the start (the guide's
Requirements 3) and a point to renegotiate, set at `init` or with `agreement edit` (pure)."""

from __future__ import annotations

from datetime import date

from msgspec.structs import replace

from mentorlog.core import text as render
from mentorlog.core.agreement import Agreement, check_horizon
from mentorlog.core.dates import parse_date

NONE_WORDS = ("", "none", "no", "-")


def _day(text: str | None, current: date | None, today: date) -> date | None:
    if text is None:
        return current
    return None if text.strip().lower() in NONE_WORDS else parse_date(text, today)


def set_horizon(a: Agreement, until: str | None, renegotiate_on: str | None,
                today: date) -> Agreement:
    """The agreement with a new planned end or renegotiation point (None keeps one, 'none'
    removes it), checked against the start and each other."""
    return checked(replace(a, planned_end=_day(until, a.planned_end, today),
                           renegotiate_on=_day(renegotiate_on, a.renegotiate_on, today)))


def checked(a: Agreement) -> Agreement:
    check_horizon(a.start, a.planned_end, a.renegotiate_on)
    return a


def horizon_text(a: Agreement) -> str:
    parts = [f"until {render.day(a.planned_end)}" if a.planned_end else "no planned end",
             f"renegotiate on {render.day(a.renegotiate_on)}" if a.renegotiate_on
             else "no renegotiation point"]
    return ", ".join(parts)
