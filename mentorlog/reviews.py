"""Monthly goal reviews: when one is due (the guide's "Once a month")."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from mentorlog.store import Store

REVIEW_FOLDER = "reviews"
REVIEW_EVERY_DAYS = 28


def monthly_review_due(start: date, review_dates: Iterable[date], today: date) -> bool:
    """Due when 28 days or more have passed since the last review (or since the start)."""
    last = max(review_dates, default=start)
    return (today - last).days >= REVIEW_EVERY_DAYS


def review_dates(store: Store) -> list[date]:
    """The dates of the review files, from their names (`reviews/2026-12-22.md`): no parsing."""
    dates = []
    for rel in store.list_docs(REVIEW_FOLDER):
        try:
            dates.append(date.fromisoformat(rel.split("/", 1)[1][:10]))
        except ValueError:
            continue  # a hand-made file with another name; `check` reports it
    return dates
