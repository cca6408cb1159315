"""Four months of goals with two monthly reviews, the clock pinned at each step."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path


def _at(day: str) -> dict[str, str]:
    return {"MENTORLOG_NOW": f"{day}T20:00:00"}


def _goals(run, day: str, *extra: str) -> dict[str, dict]:
    result = run("goals", "--json", *extra, env=_at(day))
    assert result.exit_code == 0, result
    return {g["id"]: g for g in json.loads(result.stdout)}


def _status(run, day: str) -> dict:
    result = run("status", "--json", env=_at(day))
    assert result.exit_code == 0, result
    return json.loads(result.stdout)


def _front_matter(path: Path) -> dict:
    text = path.read_text()
    assert text.startswith("+++\n")
    return tomllib.loads(text.split("+++\n")[1])


def test_four_months_two_reviews(run, initialized: Path) -> None:
    # Month 1. Started Tue 2026-11-24 with g1 (30), g2 (60), g3 (90).
    status = _status(run, "2026-12-20")
    assert status["monthly_review_due"] is False
    assert status["goals_due_soon"] == ["g1"]  # due 2026-12-24, in 4 days
    assert status["goals_overdue"] == []
    assert _status(run, "2026-12-21")["monthly_review_due"] is False  # day 27
    assert _status(run, "2026-12-22")["monthly_review_due"] is True  # day 28

    # The first monthly review, on day 28.
    result = run(
        "goals", "review", "--no-input",
        "--set", "g1=done: merged on Friday", "--set", "g2=on-track", "--set", "g3=behind",
        "--went-well", "Paired twice", "--could-improve", "Start the talk earlier",
        "--next30", "Review two PRs",
        env=_at("2026-12-22"),
    )
    assert result.exit_code == 0, result
    assert "Saved the monthly review" in result.stdout
    review1 = _front_matter(initialized / "reviews" / "2026-12-22.md")
    assert review1["since"].isoformat() == "2026-11-24"
    assert [(g["id"], g["verdict"]) for g in review1["goals"]] == [
        ("g1", "done"), ("g2", "on-track"), ("g3", "behind")
    ]
    assert [(n["id"], n["kind"]) for n in review1["next"]] == [
        ("g4", "new"), ("g2", "continuing"), ("g3", "continuing")
    ]
    goals = _goals(run, "2026-12-22")
    assert goals["g1"]["status"] == "done"
    assert (goals["g4"]["set_on"], goals["g4"]["due"], goals["g4"]["horizon"]) == (
        "2026-12-22", "2027-01-21", 30
    )
    assert _status(run, "2026-12-22")["monthly_review_due"] is False

    # Goals set on the 31st, and across a month end.
    assert run("goals", "add", "Write a blog post", "--horizon", "30",
               env=_at("2026-12-31")).exit_code == 0
    assert run("goals", "add", "Give a meetup talk", "--horizon", "60", "--due", "in 2 months",
               env=_at("2026-12-31")).exit_code == 0
    goals = _goals(run, "2026-12-31")
    assert (goals["g5"]["set_on"], goals["g5"]["due"]) == ("2026-12-31", "2027-01-30")
    assert goals["g6"]["due"] == "2027-02-28"  # "in 2 months" from the 31st clamps

    # Month 2: 28 days after the first review.
    assert _status(run, "2027-01-18")["monthly_review_due"] is False
    assert _status(run, "2027-01-19")["monthly_review_due"] is True
    status = _status(run, "2027-01-25")
    assert status["goals_overdue"] == ["g2", "g4"]  # due 01-23 and 01-21
    assert status["goals_due_soon"] == ["g5"]  # due 01-30

    # The second review: g4 carried over, g2 left to the default (its window has closed:
    # carried), g3 dropped, g5 and g6 by default on track; a new 60-day goal.
    result = run(
        "goals", "review", "--no-input",
        "--set", "g4=carry: only one PR reviewed", "--set", "g3=dropped: team changed",
        "--went-well", "Blog draft", "--next60", "Speak at a meetup",
        env=_at("2027-01-25"),
    )
    assert result.exit_code == 0, result
    review2 = _front_matter(initialized / "reviews" / "2027-01-25.md")
    assert review2["since"].isoformat() == "2026-12-22"
    assert {g["id"]: g["verdict"] for g in review2["goals"]} == {
        "g2": "carry", "g3": "dropped", "g4": "carry", "g5": "on-track", "g6": "on-track",
    }
    kinds = {n["id"]: n["kind"] for n in review2["next"]}
    assert kinds == {"g2": "carried", "g4": "carried", "g5": "continuing",
                     "g6": "continuing", "g7": "new"}
    goals = _goals(run, "2027-01-25")
    assert goals["g4"]["status"] == "open" and goals["g4"]["due"] == "2027-02-24"
    assert goals["g2"]["status"] == "open" and goals["g2"]["due"] == "2027-03-26"
    assert goals["g3"]["status"] == "dropped"
    assert goals["g7"]["due"] == "2027-03-26"
    # nothing carried over is lost, and its history is kept
    book = tomllib.loads((initialized / "goals.toml").read_text())
    g4 = next(g for g in book["goals"] if g["id"] == "g4")
    assert [(str(p["on"]), p["verdict"]) for p in g4["progress"]] == [("2027-01-25", "carry")]
    assert book["next_id"] == 8

    result = run("goals", "done", "g5", "--note", "published", env=_at("2027-01-29"))
    assert result.exit_code == 0 and "Done: g5 Write a blog post." in result.stdout

    # Set on the 31st of January, due across the end of February.
    assert run("goals", "add", "Read SICP ch. 1", "--horizon", "30",
               env=_at("2027-01-31")).exit_code == 0
    g8 = _goals(run, "2027-01-31")["g8"]
    assert (g8["set_on"], g8["due"]) == ("2027-01-31", "2027-03-02")

    # Months 3 and 4.
    assert _status(run, "2027-02-21")["monthly_review_due"] is False
    assert _status(run, "2027-02-22")["monthly_review_due"] is True
    status = _status(run, "2027-03-24")
    assert status["monthly_review_due"] is True
    assert status["goals_overdue"] == ["g4", "g6", "g8"]
    assert status["goals_due_soon"] == ["g2", "g7"]
    recent = _goals(run, "2027-03-24")
    assert "g1" not in recent  # closed more than 90 days ago
    assert recent["g3"]["status"] == "dropped"  # closed 58 days ago
    everything = _goals(run, "2027-03-24", "--all")
    assert sorted(everything, key=lambda i: int(i[1:])) == [f"g{n}" for n in range(1, 9)]
    assert everything["g1"]["status"] == "done"
    assert run("check").exit_code == 0
