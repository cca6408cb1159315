"""SMART goals: a measure, action steps and the support needed, on `goals add`, `goals edit`
and the monthly review; shown by `goals`, in `goals --json`, kept in goals.toml (version 2
only when used, so existing files read and write as before)."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

GOALS_V1 = '''schema_version = 1
next_id = 2

[[goals]]
id = "g1"
text = "Ship a PR"
horizon = 30
set_on = 2026-11-24
due = 2026-12-24
status = "open"
'''


KEYS = ("id", "text", "horizon", "set_on", "due", "status", "measure", "steps", "support")


def _goal(run, goal_id: str) -> dict[str, object]:
    """A goal of `goals --json`, with the keys this file is about (others may be added)."""
    goal = next(g for g in json.loads(run("goals", "--all", "--json").stdout)
                if g["id"] == goal_id)
    return {k: goal[k] for k in KEYS}


def test_goals_add_takes_a_measure_steps_and_support(run, initialized: Path) -> None:
    result = run("goals", "add", "Give a lightning talk", "--horizon", "60",
                 "--measure", "given at the Berlin meetup", "--step", "pick a topic",
                 "--step", "  rehearse   with Ada ", "--support", "feedback on my slides")
    assert result.exit_code == 0, result
    assert result.stdout.startswith("Added g4 Give a lightning talk — 60 days")
    assert _goal(run, "g4") == {
        "id": "g4", "text": "Give a lightning talk", "horizon": 60, "set_on": "2026-11-24",
        "due": "2027-01-23", "status": "open", "measure": "given at the Berlin meetup",
        "steps": ["pick a topic", "rehearse with Ada"], "support": "feedback on my slides"}
    assert _goal(run, "g1") | {} == {
        "id": "g1", "text": "Ship a PR", "horizon": 30, "set_on": "2026-11-24",
        "due": "2026-12-24", "status": "open", "measure": "", "steps": [], "support": ""}
    shown = run("goals").stdout
    assert ("   measure: given at the Berlin meetup\n"
            "   steps: pick a topic; rehearse with Ada\n"
            "   support: feedback on my slides\n") in shown
    data = tomllib.loads((initialized / "goals.toml").read_text())
    assert data["schema_version"] == 2
    assert data["goals"][3]["steps"] == ["pick a topic", "rehearse with Ada"]
    assert "measure" not in data["goals"][0]  # a goal without a plan keeps its old keys
    assert run("check").exit_code == 0


def test_goals_edit_changes_or_clears_the_plan(run, initialized: Path) -> None:
    assert run("goals", "edit", "g2", "--measure", "given", "--step", "a", "--step", "b",
               "--support", "a slot").exit_code == 0
    run("goals", "edit", "g2", "--step", "c")
    assert _goal(run, "g2")["steps"] == ["c"]
    assert _goal(run, "g2")["measure"] == "given"
    run("goals", "edit", "g2", "--step", "", "--support", "", "--measure", "")
    goal = _goal(run, "g2")
    assert (goal["measure"], goal["steps"], goal["support"]) == ("", [], "")
    data = tomllib.loads((initialized / "goals.toml").read_text())
    assert data["schema_version"] == 1  # no plan left: an older mentorlog reads it again


def test_an_old_goals_file_reads_and_stays_version_1(run, initialized: Path) -> None:
    path = initialized / "goals.toml"
    path.write_text(GOALS_V1)
    assert _goal(run, "g1")["measure"] == ""
    assert run("goals", "edit", "g1", "--text", "Ship a PR").exit_code == 0
    assert path.read_text() == GOALS_V1  # nothing new used: byte for byte as it was
    run("goals", "edit", "g1", "--measure", "merged")
    assert path.read_text().startswith("schema_version = 2\n")
    assert 'measure = "merged"' in path.read_text()


def test_a_goals_file_of_an_unknown_version_is_refused(run, initialized: Path) -> None:
    path = initialized / "goals.toml"
    path.write_text(GOALS_V1.replace("schema_version = 1", "schema_version = 3"))
    result = run("goals")
    assert result.exit_code == 1
    assert "schema_version 3 is unknown" in result.stderr
    assert path.read_text().startswith("schema_version = 3")


def test_the_monthly_review_plans_its_new_goal(run, initialized: Path) -> None:
    env = {"MENTORLOG_NOW": "2026-12-22T19:00:00+01:00"}
    several = run("goals", "review", "--no-input", "--next30", "Review two PRs",
                  "--next60", "Write a post", "--measure", "two approved", env=env)
    assert several.exit_code == 1
    assert several.stderr == (
        "Error: --measure, --step and --support describe one new goal: give exactly one "
        "--next30, --next60 or --next90 with them (plan the others with 'mentorlog goals "
        "edit ID --measure ...')\n")
    assert not (initialized / "reviews").exists()
    result = run("goals", "review", "--no-input", "--set", "g1=done", "--next30",
                 "Review two PRs", "--measure", "two PRs approved", "--step", "ask Ada for two",
                 "--support", "Ada picks the PRs", env=env)
    assert result.exit_code == 0, result
    assert _goal(run, "g4") | {"set_on": "", "due": ""} == {
        "id": "g4", "text": "Review two PRs", "horizon": 30, "set_on": "", "due": "",
        "status": "open", "measure": "two PRs approved", "steps": ["ask Ada for two"],
        "support": "Ada picks the PRs"}
