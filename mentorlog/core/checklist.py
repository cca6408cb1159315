"""The guide's checklists, ticked from the journal or by hand (pure).

Each item has a short stable ID (core/checklist_items.py). An item with an automatic check
(AUTO_CHECKS) is ticked from the journal and cannot be ticked by hand; every other item is
ticked with `mentorlog checklist tick ID` (checklist.toml). Items of the weekly and
between-meetings lists are about this week: a hand tick counts until the week ends.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date, timedelta
from typing import Any

from msgspec import Struct, field

from mentorlog.core import first_meeting
from mentorlog.core.agreement import MIN_HOURS_PER_WEEK, MIN_WEEKS
from mentorlog.core.checklist_items import ITEMS, SECTION_IDS, SECTIONS, Item, Section
from mentorlog.core.errors import MentorlogError
from mentorlog.core.journal import Journal
from mentorlog.core.reviews import monthly_review_due
from mentorlog.core.status import week_number
from mentorlog.core.text import hours as hours_text
from mentorlog.core.week import weeks_over


class Ticks(Struct, frozen=True):
    """Items ticked by hand and the day each was ticked; unknown IDs are kept, not lost."""

    ticked: Mapping[str, date] = field(default_factory=dict)


# --- automatic checks ---------------------------------------------------------------------


class Verdict(Struct, frozen=True):
    """What an automatic check found: ticked or not, and why."""

    done: bool
    detail: str = ""


Check = Callable[[Journal], Verdict]
AUTO_CHECKS: dict[str, Check] = {}
NO_AGREEMENT = Verdict(False, "after the first meeting: mentorlog init")


def auto(*item_ids: str) -> Callable[[Check], Check]:
    """Register a check for items; a check is a small pure function of the snapshot."""

    def register(check: Check) -> Check:
        for item_id in item_ids:
            if item_id not in ITEMS:
                raise ValueError(f"no checklist item {item_id!r}")
            AUTO_CHECKS[item_id] = check
        return check

    return register


def _first_meeting_check(key: str) -> Check:
    def check(j: Journal) -> Verdict:
        if j.agreement is None:
            return NO_AGREEMENT
        items = first_meeting.checklist(first_meeting.FirstMeeting(j.agreement, j.goals, j.tasks))
        found = next(i for i in items if i.id == key)
        return Verdict(found.done, found.detail)

    return check


# The first-meeting items are what `init` recorded (first_meeting.checklist, one source).
for _key in ("schedule", "timebox", "goals", "success", "time", "channels", "boundaries",
             "slots", "gaps", "targets"):
    auto(f"first-{_key}")(_first_meeting_check(_key))


@auto("first-task")
def first_task_set(j: Journal) -> Verdict:
    # Any task ever set counts: the first one is closed at the first weekly meeting.
    if j.agreement is None:
        return NO_AGREEMENT
    first = j.tasks.tasks[0] if j.tasks.tasks else None
    return Verdict(first is not None, first.text if first else "")


@auto("req-hours")
def hours_kept(j: Journal) -> Verdict:
    """At least 1 hour a week over the weeks that are over (weekly.weeks_over: gaps left
    out), the same weeks `status` averages its hours a week over."""
    if j.agreement is None:
        return NO_AGREEMENT
    weeks = weeks_over(j.agreement, j.today)
    hours = sum(m.minutes for m in j.held) / 60
    if weeks == 0:
        return Verdict(False, f"{hours_text(hours)} h so far; the first week is not over yet")
    kept = hours >= MIN_HOURS_PER_WEEK * weeks
    return Verdict(kept, f"{hours_text(hours)} h in {weeks} week{'s' if weeks != 1 else ''} "
                         f"(at least {MIN_HOURS_PER_WEEK * weeks:g} h)")


@auto("req-support")
def helped_others(j: Journal) -> Verdict:
    if j.agreement is None:
        return NO_AGREEMENT
    h = j.helped
    if h is None or not h.count:
        return Verdict(False, "none logged yet: mentorlog helped TEXT")
    hours = f", {h.minutes / 60:.1f} h" if h.minutes else ""
    last = f", last {h.last.isoformat()}" if h.last else ""
    return Verdict(True, f"{h.count} time{'s' if h.count != 1 else ''}{hours}{last}")


@auto("req-months")
def three_months(j: Journal) -> Verdict:
    if j.agreement is None:
        return NO_AGREEMENT
    reached = j.today >= j.agreement.start + timedelta(weeks=MIN_WEEKS)
    week = week_number(j.agreement.start, j.today)
    return Verdict(reached, f"week {week} of at least {MIN_WEEKS}")


@auto("weekly-timebox")
def last_meeting_hour(j: Journal) -> Verdict:
    if j.agreement is None:
        return NO_AGREEMENT
    if not j.held:
        return Verdict(False, "no weekly meeting recorded yet")
    last = j.held[-1]
    return Verdict(last.minutes >= 60, f"{last.minutes} minutes on {last.day.isoformat()}")


@auto("weekly-task")
def last_task_reviewed(j: Journal) -> Verdict:
    """Every task set before the last held meeting was closed (done, partly or not done)."""
    if j.agreement is None:
        return NO_AGREEMENT
    if not j.held:
        return Verdict(False, "no weekly meeting recorded yet")
    last = j.held[-1].day
    before = [t for t in j.tasks.tasks if t.set_on < last]
    still_open = [t for t in before if t.is_open]
    if still_open:
        t = still_open[-1]
        return Verdict(False, f"{t.id} is still open since {last.isoformat()}'s meeting")
    if not before:
        return Verdict(False, f"no task was set before {last.isoformat()}'s meeting")
    t = before[-1]
    return Verdict(True, f"{t.id}: {t.status} ({last.isoformat()})")


@auto("weekly-monthly")
def monthly_review(j: Journal) -> Verdict:
    if j.agreement is None:
        return NO_AGREEMENT
    due = monthly_review_due(j.agreement.start, j.reviews, j.today)
    last = max(j.reviews, default=None)
    since = f"last review {last.isoformat()}" if last else "no review yet"
    return Verdict(not due, f"{since}; due now" if due else since)


@auto("weekly-wrapup")
def wrapped_up(j: Journal) -> Verdict:
    """The last meeting's wrap-up recorded the next week's task and the next meeting."""
    if j.agreement is None:
        return NO_AGREEMENT
    if not j.held:
        return Verdict(False, "no weekly meeting recorded yet")
    last = j.held[-1]
    missing = [what for what, there in (("next task", last.new_task),
                                        ("next meeting", last.next_meeting)) if not there]
    on = last.day.isoformat()
    if missing:
        return Verdict(False, f"{on}'s meeting recorded no {' and no '.join(missing)}")
    assert last.next_meeting is not None
    return Verdict(True, f"{on}: task {last.new_task}, next meeting "
                         f"{last.next_meeting:%Y-%m-%d %H:%M}")


@auto("between-notes")
def notes_since_meeting(j: Journal) -> Verdict:
    """A note written since the last meeting was recorded (agenda's "notes since")."""
    if j.agreement is None:
        return NO_AGREEMENT
    last = j.held[-1] if j.held else None
    if last is None:
        new = list(j.notes)
        since = "since the first meeting"
    else:
        new = [n for n in j.notes if (n > last.recorded if last.recorded
                                      else n.date() > last.day)]
        since = f"since {last.day.isoformat()}'s meeting"
    if not new:
        return Verdict(False, f"no note {since}: mentorlog note TEXT")
    return Verdict(True, f"{len(new)} note{'s' if len(new) != 1 else ''} {since}")


@auto("between-know")
def task_this_week(j: Journal) -> Verdict:
    task = j.tasks.current
    return Verdict(task is not None, task.text if task else "no current task")


# --- hand ticks (checklist.toml) ----------------------------------------------------------


def resolve_ids(ids: Iterable[str]) -> list[str]:
    """Check that every ID names a hand-tickable item; all-or-nothing."""
    wanted = [i.strip().lower() for i in ids]
    for item_id in wanted:
        if item_id not in ITEMS:
            from difflib import get_close_matches

            close = get_close_matches(item_id, list(ITEMS), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise MentorlogError(
                f"no checklist item {item_id!r}{hint}; 'mentorlog checklist' lists the IDs"
            )
        if item_id in AUTO_CHECKS:
            raise MentorlogError(
                f"{item_id!r} is ticked from your journal, not by hand: it ticks itself "
                "once the journal shows it"
            )
    return wanted


def tick(ticks: Ticks, ids: Iterable[str], today: date) -> Ticks:
    return Ticks({**ticks.ticked, **{i: today for i in resolve_ids(ids)}})


def untick(ticks: Ticks, ids: Iterable[str]) -> Ticks:
    gone = set(resolve_ids(ids))
    return Ticks({k: v for k, v in ticks.ticked.items() if k not in gone})


# --- the state of every item ----------------------------------------------------------------


class ItemState(Struct, frozen=True):
    """A checklist item with whether it is ticked, and by whom."""

    item: Item
    done: bool
    auto: bool
    detail: str = ""
    ticked_on: date | None = None


class SectionState(Struct, frozen=True):
    """A checklist section with the state of each item."""

    section: Section
    items: tuple[ItemState, ...]

    @property
    def done(self) -> int:
        return sum(i.done for i in self.items)


def week_began(today: date, week_start: str) -> date:
    """The first day of the week holding `today` (weeks start on mon or sun)."""
    first = 6 if week_start == "sun" else 0
    return today - timedelta(days=(today.weekday() - first) % 7)


def evaluate(
    journal: Journal, ticks: Ticks, sections: Iterable[str] = SECTION_IDS,
    week_start: str = "mon",
) -> list[SectionState]:
    if isinstance(sections, str):
        raise TypeError("sections is a list of section IDs")
    chosen = [s for s in SECTIONS if s.id in set(sections)]
    this_week = week_began(journal.today, week_start)
    states = []
    for section in chosen:
        items = []
        for item in section.items:
            if item.id in AUTO_CHECKS:
                verdict = AUTO_CHECKS[item.id](journal)
                items.append(ItemState(item, verdict.done, True, verdict.detail))
                continue
            on = ticks.ticked.get(item.id)
            if on is not None and section.weekly and on < this_week:
                on = None  # ticked in an earlier week
            detail = f"ticked {on.isoformat()}" if on else ""
            items.append(ItemState(item, on is not None, False, detail, on))
        states.append(SectionState(section, tuple(items)))
    return states


def to_json(states: list[SectionState]) -> dict[str, Any]:
    return {
        "done": sum(s.done for s in states),
        "total": sum(len(s.items) for s in states),
        "sections": [
            {
                "id": s.section.id,
                "title": s.section.title,
                "weekly": s.section.weekly,
                "done": s.done,
                "total": len(s.items),
                "items": [
                    {
                        "id": i.item.id,
                        "guide": i.item.guide,
                        "text": i.item.text,
                        "done": i.done,
                        "auto": i.auto,
                        "detail": i.detail,
                        "ticked_on": i.ticked_on.isoformat() if i.ticked_on else None,
                    }
                    for i in s.items
                ],
            }
            for s in states
        ],
    }
