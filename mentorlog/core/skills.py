"""Skills over time: a baseline rating from 1 to 5 at the first meeting, re-rated whenever you
like and at the end, so you can see how far you came (skills.toml; pure).

The file is one flat list of ratings, each with an id and the skill's name, rather than a
table per skill: `sync` merges records by id, so ratings added on two machines, even of the
same skill, are all kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from msgspec import Struct
from msgspec.structs import replace

from mentorlog.core.errors import MentorlogError
from mentorlog.core.log_ids import appended

LEVELS: dict[int, str] = {
    1: "new to it",
    2: "getting started",
    3: "can do it on my own",
    4: "confident",
    5: "could teach it",
}
MAX_AT_INIT = 3  # `init` asks for up to three skills
_NEAR = 0.8  # how alike two names must be to ask "did you mean"


class Rating(Struct, frozen=True):
    """One rating of one skill on one day."""

    skill: str
    on: date
    level: int
    note: str = ""
    id: str = ""  # r1, r2, ...: given when it is added


class SkillBook(Struct, frozen=True):
    """Every rating ever given (skills.toml); ids are never reused."""

    ratings: tuple[Rating, ...] = ()
    next_id: int = 1

    def add(self, rating: Rating) -> SkillBook:
        """The book with `rating` added, under the next id unless it has one."""
        ratings, n = appended(self.ratings, rating, "r", self.next_id)
        return replace(self, ratings=ratings, next_id=n)


class Skill(Struct, frozen=True):
    """A skill and its ratings, oldest first."""

    name: str
    ratings: tuple[Rating, ...]

    @property
    def first(self) -> Rating:
        return self.ratings[0]

    @property
    def last(self) -> Rating:
        return self.ratings[-1]

    @property
    def change(self) -> int:
        return self.last.level - self.first.level


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _number(rating_id: str) -> int:
    digits = rating_id[1:]
    return int(digits) if digits.isdigit() else 0


def skills(book: SkillBook) -> list[Skill]:
    """The skills in the order they were first rated, each named as it was first written
    (names match whatever their case and spacing), with its ratings by day."""
    names: dict[str, str] = {}
    found: dict[str, list[Rating]] = {}
    for r in book.ratings:
        names.setdefault(_key(r.skill), r.skill)
        found.setdefault(_key(r.skill), []).append(r)
    listed = [Skill(names[k], tuple(sorted(rs, key=lambda r: (r.on, _number(r.id)))))
              for k, rs in found.items()]
    return sorted(listed, key=lambda s: s.first.on)  # stable: same day keeps the file order


def trend(skill: Skill) -> str:
    """`2 → 3 → 4`."""
    return " → ".join(str(r.level) for r in skill.ratings)


# --- reading the words people type ----------------------------------------------------------


def parse_level(text: str | int) -> int:
    """1 to 5; anything else is a clear error that says what the levels mean."""
    raw = str(text).strip()
    level = int(raw) if raw.isdigit() else 0
    if level not in LEVELS:
        scale = ", ".join(f"{n} {words}" for n, words in LEVELS.items())
        raise MentorlogError(f"a level is a whole number from 1 to 5 ({scale}), not {raw!r}")
    return level


def skill_name(text: str) -> str:
    name = " ".join(text.split())
    if not name:
        raise MentorlogError("a skill needs a name, like 'Writing tests'")
    return name


def match(book: SkillBook, text: str, new: bool = False,
          hint: str = " (to rate a new skill by that name, add --new)") -> tuple[str, bool]:
    """(the skill's name, whether it is new): an existing skill whatever the case; a name
    close to an existing one is refused with "did you mean" unless `new` says it is another
    skill; any other name starts a new skill."""
    name = skill_name(text)
    known = {_key(s.name): s.name for s in skills(book)}
    if _key(name) in known:
        return known[_key(name)], False
    if not new:
        from difflib import get_close_matches

        close = get_close_matches(_key(name), list(known), n=1, cutoff=_NEAR)
        if close:
            raise MentorlogError(
                f"no skill named {name!r}: did you mean {known[close[0]]!r}?{hint}"
            )
    return name, True


def parse_skill_flag(text: str) -> tuple[str, int]:
    """`init --skill "Writing tests=2"` (or that answer in the interview) ->
    ("Writing tests", 2). Its errors name no flag: the interview asks without one."""
    name, sep, level = text.rpartition("=")
    if not sep or not name.strip():
        raise MentorlogError(f"{text!r} is not NAME=LEVEL, like 'Writing tests=2'")
    try:
        return skill_name(name), parse_level(level)
    except MentorlogError as e:
        raise MentorlogError(f"{text!r}: {e}") from None


# --- changing the book ------------------------------------------------------------------------


def rate(book: SkillBook, name: str, level: str | int, on: date, today: date, note: str = "",
         new: bool = False) -> tuple[SkillBook, Rating, bool]:
    """Add a rating: (the book, the rating, whether the skill is new). Checked first."""
    level_number = parse_level(level)
    if on > today:
        raise MentorlogError(f"a rating cannot be on a day still to come ({on.isoformat()})")
    skill, is_new = match(book, name, new)
    added = book.add(Rating(skill, on, level_number, " ".join(note.split())))
    return added, added.ratings[-1], is_new


def baseline(book: SkillBook, given: Sequence[tuple[str, int]], on: date) -> SkillBook:
    """`init`'s skills and their baseline: at most three, each named once."""
    if len(given) > MAX_AT_INIT:
        raise MentorlogError(f"rate up to {MAX_AT_INIT} skills at the first meeting, "
                             "add more later with 'mentorlog skills rate'")
    seen: set[str] = set()
    for name, level in given:
        if _key(name) in seen:
            raise MentorlogError(f"the skill {name!r} is given twice")
        seen.add(_key(name))
        book = book.add(Rating(name, on, level, "baseline"))
    return book


def rate_all(book: SkillBook, given: Sequence[tuple[str, int]], on: date,
             note: str) -> SkillBook:
    """`end`: the skills rated again (`--skill NAME=LEVEL` or asked), each one a skill
    already rated (a name not rated before is refused with "did you mean")."""
    for name, level in given:
        known, is_new = match(book, name, hint="")
        if is_new:
            rated = ", ".join(s.name for s in skills(book)) or "none yet"
            raise MentorlogError(f"{name!r} is not a skill you rated (rated: {rated}); "
                                 "rate a new one with 'mentorlog skills rate'")
        book = book.add(Rating(known, on, parse_level(level), note))
    return book
