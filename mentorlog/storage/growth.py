"""What the growth report reads (core/report.py computes it): meetings' cached facts, goals,
questions, check-ins and, when this journal keeps them, skills ratings (skills.toml)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from mentorlog.core import report
from mentorlog.core.agreement import Agreement
from mentorlog.core.report import Report, SkillRating, SkillSeries
from mentorlog.storage.formats import CHECKINS, GOALS, QUESTIONS, SKILLS
from mentorlog.storage.journal import ended_on, meetings
from mentorlog.storage.store import Store


def growth_report(store: Store, agreement: Agreement, today: date, since: str | None = None,
                  until: str | None = None,
                  shown: Iterable[str] = ("normal", "private", "confidential")) -> Report:
    """The report from `since` (default: the first meeting) to `until` (default: today, or
    the day the mentorship ended). `shown`: the privacy levels of the check-ins it may use
    (an export leaves out the private ones)."""
    first, last = report.span(agreement, today, since, until, ended_on(store))
    levels = set(shown)
    return report.build(
        agreement, first, last,
        meetings=meetings(store),
        goals=store.load(GOALS).goals,
        questions=store.load(QUESTIONS).questions,
        checkins=[c for c in store.load(CHECKINS).checkins if c.privacy in levels],
        skills=skills(store),
    )


def skills(store: Store) -> list[SkillSeries]:
    """Each skill's ratings from skills.toml (none when it does not exist)."""
    from mentorlog.core.skills import skills as by_skill

    return [SkillSeries(s.name, tuple(SkillRating(r.on, r.level) for r in s.ratings))
            for s in by_skill(store.load(SKILLS))]
