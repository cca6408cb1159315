"""Which meeting days were skipped, read from the meeting files (`meetings/YYYY-MM-DD.md`)."""

from __future__ import annotations

from datetime import date

from mentorlog.errors import MentorlogError
from mentorlog.store import Store

MEETINGS_FOLDER = "meetings"
SKIPPED = "skipped"


def skipped_days(store: Store, since: date | None = None) -> list[date]:
    """Days whose meeting file says `status = "skipped"`, from `since` on (file name date).

    Only files dated `since` or later are opened, so this stays fast after years of meetings.
    A file that cannot be read is left to `mentorlog check`; it does not stop the schedule.
    """
    days = []
    for rel in store.list_docs(MEETINGS_FOLDER):
        try:
            day = date.fromisoformat(rel.split("/", 1)[1][:10])
        except ValueError:
            continue
        if since is not None and day < since:
            continue
        try:
            status = store.load_doc(rel).meta.get("status")
        except MentorlogError:
            continue
        if status == SKIPPED:
            days.append(day)
    return sorted(set(days))
