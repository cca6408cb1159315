"""Which meeting days were skipped, read from the meeting files (`meetings/YYYY-MM-DD.md`)."""

from __future__ import annotations

from datetime import date

from mentorlog.storage.store import Store


def skipped_days(store: Store, since: date | None = None) -> list[date]:
    """Days of skipped (or moved) meetings from `since` on, sorted.

    Only files dated `since` or later (by name) are opened, so this stays fast after years
    of meetings; a file among them that cannot be read is reported, as by every command.
    """
    from mentorlog.storage.formats import MEETINGS
    from mentorlog.core.meetings import date_of
    from mentorlog.core.meetings import skipped_days as skipped_in

    wanted = [
        rel
        for rel in store.list_docs(MEETINGS.name)
        if since is None or (day := date_of(rel)) is None or day >= since
    ]
    return sorted(set(skipped_in(store.load_record(MEETINGS, rel) for rel in wanted)))
