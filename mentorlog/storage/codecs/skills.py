"""skills.toml: the SkillBook (every rating of every skill) to and from its TOML table.

One flat list of ratings, each with an id (r1, r2, ...) and the skill's name, so `sync`
merges ratings added on two machines one by one (sharing/merge.py merges records by id).
"""

from __future__ import annotations

from typing import Any

from mentorlog.core.errors import SchemaError
from mentorlog.core.log_ids import numbered
from mentorlog.core.skills import LEVELS, Rating, SkillBook
from mentorlog.storage.codecs.books import check_unique_ids
from mentorlog.storage.fields import Fields

SKILLS_VERSION = 1


def skills_to_dict(book: SkillBook) -> dict[str, Any]:
    ratings, next_id = numbered(book.ratings, "r", book.next_id)
    rows = [{"id": r.id, "skill": r.skill, "on": r.on, "level": r.level,
             **({"note": r.note} if r.note else {})} for r in ratings]
    return {"schema_version": SKILLS_VERSION, "next_id": next_id, "ratings": rows}


def _rating(t: Fields) -> Rating:
    level = t.int("level")
    if level not in LEVELS:
        raise SchemaError(t.key("level"), f"expected a whole number from 1 to 5, got {level}")
    skill = t.str("skill")
    if not skill.strip():
        raise SchemaError(t.key("skill"), "a skill needs a name")
    return Rating(skill, t.date("on"), level, t.str("note", ""), t.str("id", ""))


def skills_from_dict(data: Any) -> SkillBook:
    f = Fields(data)
    ratings = [_rating(t) for t in f.tables("ratings")]
    numbered_ratings, next_id = numbered(ratings, "r", f.int("next_id", 1, minimum=1))
    check_unique_ids(f, "ratings", [r.id for r in numbered_ratings])
    return SkillBook(numbered_ratings, next_id)
