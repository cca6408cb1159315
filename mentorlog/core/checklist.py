"""The guide's checklists: its items in its own words, ticked from the journal or by hand (pure).

Each item has a short stable ID. An item with an automatic check (AUTO_CHECKS) is ticked
from the journal and cannot be ticked by hand; every other item is ticked with
`mentorlog checklist tick ID` (checklist.toml). Items of the weekly and between-meetings
lists are about this week: a hand tick counts until the week ends.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta

from mentorlog.core.errors import MentorlogError
from mentorlog.core.journal import Journal
from mentorlog.core.model import MIN_HOURS_PER_WEEK, MIN_WEEKS
from msgspec import Struct

# Re-exported: the checklist module is where callers look for the hand ticks.
from mentorlog.core.ticks import (  # noqa: F401
    CHECKLIST_NAME,
    Ticks,
    ticks_from_dict,
    ticks_to_dict,
)

from typing import Any

class Item(Struct, frozen=True):
    """One line of one of the guide's checklists."""

    id: str
    guide: str  # the item's number in its section of the guide, like "4b"
    text: str


class Section(Struct, frozen=True):
    """One of the guide's checklists."""

    id: str
    title: str
    items: tuple[Item, ...]
    weekly: bool = False  # hand ticks count for the current week only


SECTIONS: tuple[Section, ...] = (
    Section("requirements", "Requirements", (
        Item("req-hours", "1", "Minimum 1 hour/week availability."),
        Item("req-replies", "2", "Willingness to answer occasional emails, slack messages, and "
             "other such communications in a timeboxed and timely manner."),
        Item("req-months", "3", "Be able to participate for at least 3 months, preferably "
             "longer."),
        Item("req-support", "4", "While part of the program, help support other mentees in the "
             "#mentees channel."),
    )),
    Section("responsibilities", "Your Responsibilities", (
        Item("resp-conduct", "1", "Follow the WeAllJS Code of Conduct in all interactions."),
        Item("resp-time", "2", "Respect your mentor's valuable time by keeping time limits on "
             "interactions, being reasonable about tasks for weekly targets, making sure you "
             "make it to your arranged meetings on time, etc."),
        Item("resp-notify", "3", "Notify your mentor in a timely fashion about sudden schedule "
             "changes or conflicts that might affect your meetings."),
        Item("resp-respect", "4", "Communicate respectfully, openly, amicably, and "
             "professionally."),
        Item("resp-confidence", "5", "Respect the mentor's confidentiality. Don't share things "
             "they've told you unless you have been given clear, explicit permission."),
        Item("resp-education", "6", "Take charge of your own education: Work together with your "
             "mentor to promote your own growth and success."),
        Item("resp-power", "7", "Be aware of intersectional issues and power dynamics."),
        Item("resp-feedback", "8", "Be open but empathic in both receiving and giving feedback. "
             "Communicate about the relationship regularly."),
        Item("resp-help", "9", "Seek outside help when something isn't working right or you "
             "have a serious problem."),
    )),
    Section("signup", "Signing Up", (
        Item("signup-join", "1", "Join the #mentorship channel in the WeAllJS Slack and add "
             "yourself to the spreadsheet."),
        Item("signup-announce", "2", "Leave a message in the channel to let others know that "
             "you've signed up."),
        Item("signup-match", "3", "You will be contacted some time after if the program's "
             "mentors have found a potential match."),
        Item("signup-intro", "4", "If you both agree, you'll be invited to #mentees, introduced "
             "to your mentor, and then you should plan your First Meeting."),
    )),
    Section("first-meeting", "The First Meeting", (
        Item("first-schedule", "1", "Schedule the meeting directly with your mentor."),
        Item("first-timebox", "2", "Timeboxed to 1 hour with a hard stop."),
        Item("first-goals", "3", "Discuss with your mentor what the overall goals for the "
             "relationship will be."),
        Item("first-success", "3", "Discuss how you would measure success."),
        Item("first-time", "4a", "Apart from the 1hr/week, how much extra time will you "
             "dedicate, if any, and in what contexts?"),
        Item("first-channels", "4b", "What are appropriate mediums and times for "
             "communication?"),
        Item("first-boundaries", "4c", "Is there anything, such as discussing certain "
             "technologies, outside of the bounds of what you're willing to discuss?"),
        Item("first-slots", "5", "Agree on a general schedule for your weekly meetings: one or "
             "two times that can be blocked off on your calendars."),
        Item("first-gaps", "6", "Discuss any potential gaps in time commitment that might "
             "happen, and how to manage them."),
        Item("first-targets", "7", "Write down some general targets for the first 30/60/90 "
             "days."),
        Item("first-task", "8", "Discuss some task or goal that you can and would like to work "
             "on before the first regular weekly meeting."),
    )),
    Section("weekly", "The Weekly Meeting", (
        Item("weekly-timebox", "1", "Timeboxed to a minimum of 1 hour, respecting your "
             "agreed-upon time limits."),
        Item("weekly-task", "2", "Review and discuss last week's task and help answer any "
             "questions."),
        Item("weekly-monthly", "3", "Once a month: review the past month and any relevant "
             "30/60/90 goals; set the next set of 30/60/90 goals."),
        Item("weekly-talk", "4", "Ask questions, come up with something to work or pair on, "
             "talk about industry/career stuff, or just chat about general things and get to "
             "know your mentor."),
        Item("weekly-wrapup", "5", "Reserve the last 10-15 minutes of the meeting: what are you "
             "doing for the next week, what will your mentor keep an eye out for, when and "
             "where is the next meeting, anything else?"),
    ), weekly=True),
    Section("between", "Between Meetings", (
        Item("between-know", "1", "You should know what you are doing in the context of the "
             "mentorship every week."),
        Item("between-follow-up", "2", "Take advantage of any external opportunities "
             "brought up by your mentor."),
        Item("between-achievable", "3", "Try to pick goals that you and your mentor believe are "
             "achievable in a week's time."),
        Item("between-tasks", "4", "Do your best to meet your goals and complete any tasks that "
             "you committed to doing over the course of the week."),
        Item("between-notes", "5", "If you can, consider taking notes about the experience so "
             "you can discuss insights and challenges with them at your next meeting."),
        Item("between-help", "6", "Contact your mentor if you need help, and you have "
             "negotiated how to do that."),
        Item("between-channels", "7", "ONLY contact your mentor through channels, at times, or "
             "in ways that you have previously agreed to."),
    ), weekly=True),
)
SECTION_IDS = tuple(s.id for s in SECTIONS)
ITEMS: dict[str, tuple[Section, Item]] = {i.id: (s, i) for s in SECTIONS for i in s.items}


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
        from mentorlog.core.first_meeting import FirstMeeting, checklist

        if j.agreement is None:
            return NO_AGREEMENT
        items = checklist(FirstMeeting(j.agreement, j.goals, j.tasks))
        found = next(i for i in items if i.id == key)
        return Verdict(found.done, found.detail)

    return check


# The first-meeting items are what `init` recorded (firstmeeting.checklist, one source).
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
    from mentorlog.core.week import weeks_over

    if j.agreement is None:
        return NO_AGREEMENT
    weeks = weeks_over(j.agreement, j.today)
    hours = sum(m.minutes for m in j.held) / 60
    if weeks == 0:
        return Verdict(False, f"{hours:g} h so far; the first week is not over yet")
    kept = hours >= MIN_HOURS_PER_WEEK * weeks
    return Verdict(kept, f"{hours:g} h in {weeks} week{'s' if weeks != 1 else ''} "
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
    from mentorlog.core.status import week_number

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
    from mentorlog.core.reviews import monthly_review_due

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

