"""Every meeting's facts (day, held or skipped, length, next meeting) for the dashboard, the
agenda and the schedule, without parsing ten years of meeting files on every run.

The store keeps the facts in a cache checked against each file's stat (Store.summaries), so
a hand edit shows at once. The text of a meeting is read only where a command prints it.
"""

from __future__ import annotations

from mentorlog.core.meetings import FACTS_KIND, Meeting, last_held, meeting_facts, meeting_from_facts
from mentorlog.storage.store import Store


def load(store: Store) -> list[Meeting]:
    """Every meeting, oldest first, with its front-matter facts and without its text."""
    from mentorlog.storage.formats import MEETINGS

    def facts(rel: str) -> list:
        return meeting_facts(store.load_record(MEETINGS, rel))

    return [meeting_from_facts(f) for f in store.summaries(MEETINGS.name, facts, FACTS_KIND)]


def with_last_held_whole(store: Store, meetings: list[Meeting]) -> list[Meeting]:
    """The same list with the last held meeting read whole (its answers, for the agenda)."""
    from mentorlog.storage.formats import MEETINGS

    last = last_held(meetings)
    if last is None:
        return meetings
    whole = store.load_record(MEETINGS, last.rel)
    return [whole if m is last else m for m in meetings]
