"""What the commands read from several files at once, through the caches: every meeting's
facts, skipped days, review dates, and the records the dashboard, the agenda and the
checklist are built from.

Meeting facts (day, held or skipped, length, next meeting) come from a cache checked
against each file's stat (Store.summaries), so ten years of meeting files are not parsed
on every run and a hand edit shows at once. The text of a meeting is read only where a
command prints it.
"""

from __future__ import annotations

from datetime import date, datetime

from mentorlog.core import agenda, attention, status
from mentorlog.core import timeline as plan
from mentorlog.core.agenda import Agenda
from mentorlog.core.agreement import Agreement, zone
from mentorlog.core.helping import summary
from mentorlog.core.journal import Journal, meeting_record
from mentorlog.core.meetings import MEETING_STATUSES, Meeting, date_of, doc_id, last_held
from mentorlog.core.notes import Note
from mentorlog.core.reviews import REVIEW_FOLDER, monthly_review_due, next_review
from mentorlog.core.status import Dashboard
from mentorlog.core.timeline import Timeline, task_under_review
from mentorlog.storage.codecs.meetings import FACTS_KIND, meeting_facts, meeting_from_facts
from mentorlog.storage.conflicts import waiting
from mentorlog.storage.formats import (
    AGREEMENT,
    CHECKINS,
    CONFIG,
    FOLLOWUPS,
    GOALS,
    HELPED,
    MEETINGS,
    NOTES,
    QUESTIONS,
    TASKS,
)
from mentorlog.storage.mentorships import load_retrospective
from mentorlog.storage.note_ids import note_ids
from mentorlog.storage.store import Store


def meetings(store: Store) -> list[Meeting]:
    """Every meeting, oldest first, with its front-matter facts and without its text."""

    def facts(rel: str) -> list[object]:
        # an encrypted place or reason stays encrypted in the cache, opened below
        return meeting_facts(store.load_record(MEETINGS, rel, opened=False))

    return [store.sealer.open_meeting(meeting_from_facts(f))
            for f in store.summaries(MEETINGS.name, facts, FACTS_KIND)]


def ended_on(store: Store) -> date | None:
    """The day `mentorlog end` closed the mentorship (retrospective.md), or None."""
    retro = load_retrospective(store, opened=False)  # the day is in clear
    return retro.ended_on if retro else None


def timeline(store: Store, agreement: Agreement, now: datetime,
             found: list[Meeting] | None = None) -> Timeline:
    """The one timeline of the mentorship at `now` (core/timeline.py), from the meetings'
    cached facts (or `found`, the meetings already read) and the end, if any."""
    return plan.build(agreement, meetings(store) if found is None else found, now,
                      ended_on(store))


def with_last_held_whole(store: Store, found: list[Meeting]) -> list[Meeting]:
    """The same list with the last held meeting read whole (its answers, for the agenda)."""
    last = last_held(found)
    if last is None:
        return found
    whole = store.load_record(MEETINGS, last.rel)
    return [whole if m is last else m for m in found]


def review_dates(store: Store) -> list[date]:
    """The dates of the review files, from their names (`reviews/2026-12-22.md`): no parsing."""
    dates = []
    for rel in store.list_docs(REVIEW_FOLDER):
        try:
            dates.append(date.fromisoformat(rel.split("/", 1)[1][:10]))
        except ValueError:
            continue  # a hand-made file with another name; `check` reports it
    return dates


def meeting_statuses(store: Store) -> dict[date, str]:
    """{day: held|skipped} from `meetings/YYYY-MM-DD.md` front matter (`status = "held"`)."""
    found: dict[date, str] = {}
    for rel in store.list_docs(MEETINGS.name):
        try:
            day = date.fromisoformat(rel.split("/", 1)[1][:10])
        except ValueError:
            continue  # not a meeting file's name; `check` reports what it must
        meeting_status = store.load_doc(rel).meta.get("status")
        if meeting_status in MEETING_STATUSES and found.get(day) != "held":
            found[day] = meeting_status
    return found


def dashboard(store: Store, now: datetime) -> Dashboard:
    """The dashboard of the journal at `now` (status, demo, the README picture)."""
    agreement = store.load(AGREEMENT)
    due = monthly_review_due(agreement.start, review_dates(store), now.date())
    found = meetings(store)
    return status.build(agreement, store.load(GOALS), store.load(TASKS), now, found,
                        due, helped=summary(store.load(HELPED)),
                        plan=timeline(store, agreement, now, found))


def agenda_plan(store: Store, agreement: Agreement, now: datetime) -> Agenda:
    """The agenda for the next meeting of the journal at `now`."""
    facts = meetings(store)
    found = with_last_held_whole(store, facts)
    line = timeline(store, agreement, now, facts)
    nxt = line.next()
    first_day, _ = agenda.notes_since(found)
    since = first_day.isoformat() if first_day else ""
    found_notes: list[tuple[str, Note]] = []
    for rel in store.list_docs(NOTES.name):
        # file names begin with their ISO date: compare the text before parsing a date
        if since and (rel[6:16] < since or date_of(rel) is None):  # rel: notes/DATE-...
            continue
        found_notes.append((rel, store.load_record(NOTES, rel)))
    ids = ({} if all(n.id for _, n in found_notes)  # a note saved before ids: number them all
           else note_ids(store))
    notes = [(ids.get(rel) or n.id or doc_id(rel), n) for rel, n in found_notes]
    return agenda.build(
        agreement,
        found,
        nxt.start if nxt else None,
        None if line.ended else task_under_review(store.load(TASKS), facts),
        store.load(QUESTIONS).questions,
        notes,
        store.load(FOLLOWUPS).followups,
        store.load(GOALS).goals,
        monthly_review_due(agreement.start, review_dates(store), now.date()) and not line.ended,
        line.ended,
        checkin_due=not line.ended and checkin_due(store, agreement, now.date()) is not None,
    )


def reminders(store: Store, agreement: Agreement, now: datetime) -> list[attention.Reminder]:
    """What needs the mentee at `now` (`mentorlog remind`), from the one timeline."""
    found = meetings(store)
    line = timeline(store, agreement, now, found)
    dates = review_dates(store)
    due = (next_review(agreement.start, dates)
           if monthly_review_due(agreement.start, dates, line.now.date()) else None)
    return attention.reminders(line, found, store.load(TASKS).current, due,
                               store.load(FOLLOWUPS).open(), waiting(store),
                               checkin_due(store, agreement, line.now.date()),
                               agreement=agreement)


def checkin_due(store: Store, agreement: Agreement, today: date) -> date | None:
    """The day a relationship check-in fell due (config `checkin_weeks` after the last one,
    or after the first meeting), when one is due on `today`."""
    from mentorlog.core.checkins import checkin_due as due_on

    weeks = store.load(CONFIG).checkin_weeks
    return due_on(agreement.start, store.load(CHECKINS).checkins, today, weeks)


def snapshot(store: Store, now: datetime) -> Journal:
    """What the checklist's automatic checks read; without an agreement only the clock."""
    if not store.exists(AGREEMENT.name):
        return Journal(now=now)
    agreement = store.load(AGREEMENT)
    local = now.astimezone(zone(agreement.mentee_tz))
    held = [meeting_record(m, agreement.duration) for m in store.load_all(MEETINGS)]
    return Journal(
        now=local,
        agreement=agreement,
        goals=store.load(GOALS),
        tasks=store.load(TASKS),
        meetings=tuple(held),
        reviews=tuple(review_dates(store)),
        notes=tuple(sorted(n.created for n in store.load_all(NOTES))),
        helped=summary(store.load(HELPED), since=agreement.start),
    )
