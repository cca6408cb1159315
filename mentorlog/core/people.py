"""The sponsorship ledger: the people your mentor connected you with (the guide's "who can
they connect you with?"), each introduction followed up to an outcome (people.toml). Pure."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from msgspec import Struct
from msgspec.structs import replace

from mentorlog.core.errors import MentorlogError
from mentorlog.core.followups import FollowUpBook
from mentorlog.core.ids import find_by_id, replace_by_id
from mentorlog.core.log_ids import next_number

if TYPE_CHECKING:
    from mentorlog.core.week import WeekRecord

ID_PREFIX = "p"
LISTED_BY = "mentorlog people"


class Person(Struct, frozen=True):
    """Someone your mentor introduced you to, and the follow-ups that came of it."""

    id: str
    name: str
    introduced_on: date
    context: str = ""  # who they are, why you met
    followups: tuple[str, ...] = ()  # ids of the follow-ups linked to them (opportunities.toml)


class PeopleBook(Struct, frozen=True):
    """Every person in the ledger (people.toml); ids are never reused."""

    people: tuple[Person, ...] = ()
    next_id: int = 1

    def add(self, name: str, introduced_on: date, context: str = "",
            followups: tuple[str, ...] = ()) -> PeopleBook:
        words = " ".join(name.split())
        if not words:
            raise MentorlogError("a person needs a name: nothing saved")
        same = [p for p in self.people if p.name.casefold() == words.casefold()]
        if same:
            raise MentorlogError(f"{words} is already in the ledger as {same[0].id} (link a "
                                 f"follow-up with 'mentorlog people link {same[0].id} ID')")
        n = max(self.next_id, next_number([p.id for p in self.people], ID_PREFIX))
        person = Person(f"{ID_PREFIX}{n}", words, introduced_on, " ".join(context.split()),
                        followups)
        return replace(self, people=(*self.people, person), next_id=n + 1)

    def get(self, pid: str) -> Person:
        return find_by_id(self.people, pid, "person", LISTED_BY)

    def link(self, pid: str, followup_id: str) -> PeopleBook:
        """The follow-up linked to the person (once; linking again changes nothing)."""
        p = self.get(pid)
        if followup_id in p.followups:
            return self
        linked = replace(p, followups=(*p.followups, followup_id))
        return replace(self, people=replace_by_id(self.people, linked))

    @property
    def last(self) -> Person:
        return self.people[-1]


def introduce(people: PeopleBook, followups: FollowUpBook, name: str, context: str,
              on: date, today: date) -> tuple[PeopleBook, FollowUpBook]:
    """`people add`: the person, and a follow-up of kind `intro` linked to them, so the
    introduction is tracked to an outcome. Both change, or neither (the caller saves them
    in one transaction)."""
    if on > today:
        raise MentorlogError(f"{on.isoformat()} is in the future: record an introduction "
                             "once it has happened")
    words = " ".join(name.split())
    people.add(words, on)  # checks the name before a follow-up is made for it
    about = " ".join(context.split())
    followups = followups.add("intro", f"{words}: {about}" if about else words, on)
    fid = followups.last.id
    return people.add(words, on, about, (fid,)), followups


def link_opportunities(people: PeopleBook, pid: str, record: WeekRecord) -> PeopleBook:
    """`week --watch-person`: what the mentor keeps an eye out for, set at this meeting,
    linked to a person of the ledger. Refused when the meeting set none."""
    ids = [f.id for f in record.followups.followups
           if f.kind == "opportunity" and f.id in record.meeting.opportunities]
    if not ids:
        raise MentorlogError("--watch-person links what your mentor keeps an eye out for: "
                             "give it with --mentor-watch")
    for fid in ids:
        people = people.link(pid, fid)
    return people
