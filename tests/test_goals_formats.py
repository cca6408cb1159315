"""Round trips: goals.toml (with progress history) and reviews/*.md read back what was saved."""

from __future__ import annotations

import json
import tomllib

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentorlog.core.goals import GOAL_STATUSES, HORIZONS, VERDICTS, Goal, GoalBook, Progress
from mentorlog.core.reviews import NEXT_KINDS, MonthlyReview, NextGoal, Verdict
from mentorlog.storage.codecs.goals import (
    goals_from_dict,
    goals_from_rows,
    goals_to_dict,
    goals_to_rows,
)
from mentorlog.storage.codecs.reviews import review_from_doc, review_to_doc
from mentorlog.storage.documents import dump_document, parse_document

# Text people type, plus the characters that break naive formats.
tricky = st.sampled_from(["+++", '"""', "\r\n", "'''", "🎉", "\\", "[x]", "# h", "\n+++\n"])
text = st.lists(st.one_of(st.text(max_size=12), tricky), max_size=4).map("".join)
some_text = text.filter(bool)
days = st.dates()

# No timing in tests: the first run builds Hypothesis' Unicode tables, which is slow.
relaxed = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])

progress = st.builds(Progress, days, text, st.sampled_from(("", *VERDICTS)))


@st.composite
def goal_books(draw: st.DrawFn) -> GoalBook:
    count = draw(st.integers(0, 4))
    goals = tuple(
        Goal(
            id=f"g{i + 1}",
            text=draw(some_text),
            horizon=draw(st.sampled_from(HORIZONS)),
            set_on=draw(days),
            due=draw(days),
            status=draw(st.sampled_from(GOAL_STATUSES)),
            closed_on=draw(st.none() | days),
            note=draw(text),
            progress=tuple(draw(st.lists(progress, max_size=3))),
            measure=draw(text),
            steps=tuple(draw(st.lists(some_text, max_size=3))),
            support=draw(text),
        )
        for i in range(count)
    )
    return GoalBook(goals, count + 1 + draw(st.integers(0, 3)))


@relaxed
@given(goal_books())
def test_goals_round_trip(book: GoalBook) -> None:
    saved = tomli_w.dumps(goals_to_dict(book))
    assert goals_from_dict(tomllib.loads(saved)) == book
    # The store's cache keeps the same book as rows (SMART plans included).
    assert goals_from_rows(json.loads(json.dumps(goals_to_rows(book)))) == book
    # Version 2 only when a goal has a plan: a book without one stays version 1.
    smart = any(g.measure or g.steps or g.support for g in book.goals)
    assert tomllib.loads(saved)["schema_version"] == (2 if smart else 1)


ids = st.integers(1, 999).map(lambda n: f"g{n}")
verdicts = st.builds(Verdict, ids, text, st.sampled_from(HORIZONS), days,
                     st.sampled_from(VERDICTS), text)
next_goals = st.builds(NextGoal, ids, text, st.sampled_from(HORIZONS), days,
                       st.sampled_from(NEXT_KINDS))
reviews = st.builds(
    MonthlyReview, days, days, st.lists(verdicts, max_size=4).map(tuple), text, text,
    st.lists(next_goals, max_size=4).map(tuple),
)


@relaxed
@given(reviews)
def test_review_round_trip(review: MonthlyReview) -> None:
    saved = dump_document(review_to_doc(review))
    assert review_from_doc(parse_document(saved, "reviews/x.md")) == review
    # The body is for reading: every heading the guide asks is there, in its order.
    body = saved.split("\n+++\n", 1)[1]
    headings = [line for line in body.splitlines() if line.startswith("## ")]
    assert headings[:4] == [
        "## Review the past month and the 30/60/90 goals you had set",
        "## What went well?",
        "## What could have gone better?",
        "## What's the next set of 30/60/90 goals?",
    ]
