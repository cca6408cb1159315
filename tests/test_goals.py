"""`goals`, `goals add/done/drop/edit/review` and `goals --timeline` as a user sees them."""

from __future__ import annotations

import json
import tomllib
from datetime import date
from pathlib import Path

import pytest

from mentorlog.core import goals as goal_ops
from mentorlog.core.errors import MentorlogError
from mentorlog.core.goals import GoalBook


def _snapshot(home: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(home)): p.read_bytes()
        for p in sorted(home.rglob("*"))
        if p.is_file() and p.name != ".lock"
    }


def test_goals_table_groups_by_horizon_with_progress(run, initialized: Path) -> None:
    assert run("goals", "done", "g1", "--note", "merged").exit_code == 0
    result = run("goals")
    assert result.exit_code == 0, result
    lines = result.stdout.splitlines()
    assert lines[0].startswith("30 days  ") and lines[0].endswith("1/1 done")
    assert "✓ g1 Ship a PR" in result.stdout and "merged" in result.stdout
    assert "done 24 Nov 2026" in result.stdout
    assert "○ g2 Give a talk" in result.stdout
    assert "23 Jan 2027 (in 60 days)" in result.stdout
    assert "60 days  ░░░░░░░░░░░░░░░░░░░░ 0/1 done" in result.stdout


def test_goals_json_shape(run, initialized: Path) -> None:
    result = run("goals", "--json")
    first = json.loads(result.stdout)[0]
    first.pop("latest_verdict", None)  # the monthly review's last word (its own tests)
    assert first == {
        "id": "g1", "text": "Ship a PR", "horizon": 30,
        "set_on": "2026-11-24", "due": "2026-12-24", "status": "open",
        "measure": "", "steps": [], "support": "",  # a SMART plan (test_smart_goals.py)
    }


def test_add_done_drop_edit(run, initialized: Path) -> None:
    result = run("goals", "add", "Write a blog post", "--horizon", "60", "--due", "2027-01-10")
    assert result.exit_code == 0, result
    assert result.stdout == (
        "Added g4 Write a blog post — 60 days, due Sun 10 Jan 2027 (in 47 days).\n"
    )
    assert run("goals", "drop", "g2", "--reason", "conference cancelled").exit_code == 0
    result = run("goals", "edit", "g3", "--horizon", "60")
    assert result.stdout == "g3 Lead a feature — 60 days, due Sat 23 Jan 2027.\n"
    assert run("goals", "edit", "G3", "--text", "Lead a small feature").exit_code == 0
    goals = {g["id"]: g for g in json.loads(run("goals", "--json").stdout)}
    assert goals["g2"]["status"] == "dropped"
    assert goals["g3"]["text"] == "Lead a small feature"
    assert goals["g4"]["due"] == "2027-01-10"
    stored = tomllib.loads((initialized / "goals.toml").read_text())["goals"][1]
    assert stored["note"] == "conference cancelled"
    # ids are never reused, even after a goal is closed
    run("goals", "add", "Another", "--horizon", "30")
    assert "g5" in run("goals", "--json").stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("goals", "done", "g9"), "Error: no goal with id 'g9' (see 'mentorlog goals --all')\n"),
        (("goals", "drop", "x1", "--reason", "r"), "Error: no goal with id 'x1'"),
        (("goals", "edit", "g7", "--text", "t"), "Error: no goal with id 'g7'"),
        (("goals", "add", "Talk", "--horizon", "45"),
         "Error: a horizon is 30, 60 or 90 days, not 45\n"),
        (("goals", "edit", "g1", "--horizon", "45"), "not 45"),
        (("goals", "add", "Talk", "--horizon", "30", "--due", "2027-02-30"),
         "Error: '2027-02-30' is not a date: February 2027 has 28 days"),
        (("goals", "add", "Talk", "--horizon", "30", "--due", "soonish"), "is not a date"),
        (("goals", "add", "Talk", "--horizon", "30", "--due", "2026-11-01"),
         "is before the goal is set"),
        (("goals", "edit", "g1", "--due", "someday"), "is not a date"),
        (("goals", "add", "  ", "--horizon", "30"), "Error: a goal needs some words\n"),
        (("goals", "drop", "g1", "--no-input"), "Error: say why with --reason"),
        (("goals", "edit", "g1", "--no-input"), "Error: nothing to change"),
        (("goals", "review", "--no-input", "--set", "g1"),
         "Error: --set 'g1' is not ID=VERDICT like --set g1=done\n"),
        (("goals", "review", "--no-input", "--set", "g1=finished"),
         "the verdict is one of done, on-track, behind, dropped, carry, not 'finished'"),
        (("goals", "review", "--no-input", "--set", "=done"), "is not ID=VERDICT"),
        (("goals", "review", "--no-input", "--set", "g1=d"), "'d' could be done or dropped"),
        (("goals", "review", "--no-input", "--set", "g1=done", "--set", "g1=behind"),
         "--set gives g1 twice"),
        (("goals", "review", "--no-input", "--set", "g42=done"), "no goal with id 'g42'"),
    ],
)
def test_bad_input_is_one_clear_line_and_changes_nothing(
    run, initialized: Path, args: tuple[str, ...], message: str
) -> None:
    assert run("goals", "done", "g3").exit_code == 0
    before = _snapshot(initialized)
    result = run(*args)
    assert result.exit_code == 1, result
    assert result.stderr.startswith(message) or message in result.stderr, result
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert _snapshot(initialized) == before


def test_closed_goals_cannot_be_closed_or_reviewed_again(run, initialized: Path) -> None:
    assert run("goals", "done", "g1").exit_code == 0
    before = _snapshot(initialized)
    result = run("goals", "drop", "g1", "--reason", "r")
    assert result.stderr.startswith("Error: g1 is already done (on 2026-11-24)")
    result = run("goals", "review", "--no-input", "--set", "g1=carry")
    assert result.stderr == "Error: g1 is already done; only open goals get a verdict\n"
    assert _snapshot(initialized) == before


def test_a_horizon_that_is_not_a_number_is_a_clear_error(run, initialized: Path) -> None:
    result = run("goals", "add", "Talk", "--horizon", "ninety")
    assert result.exit_code == 1
    assert result.stderr == "Error: a horizon is 30, 60 or 90 days, not 'ninety'\n"


def test_review_defaults_and_a_second_review_the_same_day(run, initialized: Path) -> None:
    now = {"MENTORLOG_NOW": "2026-12-24T20:00:00"}
    result = run("goals", "review", "--no-input", env=now)
    assert result.exit_code == 0, result
    text = (initialized / "reviews" / "2026-12-24.md").read_text()
    # g1 is due today: its window has closed, so it is carried over; the others are on track
    assert "- g1 Ship a PR (30 days, due Thu 24 Dec 2026): **carry**" in text
    assert "- g2 Give a talk (60 days, due Sat 23 Jan 2027): **on-track**" in text
    assert "## What went well?\n\n(no answer)\n" in text
    assert "- g1 Ship a PR (carried over), due Sat 23 Jan 2027" in text
    result = run("goals", "review", "--no-input", "--set", "g1=done", env=now)
    assert result.exit_code == 0, result
    assert (initialized / "reviews" / "2026-12-24-2.md").exists()
    assert run("check").exit_code == 0


def test_review_file_reads_as_the_guides_questions(run, initialized: Path) -> None:
    result = run("goals", "review", "--no-input", "--set", "g1=done: merged 🎉",
                 "--went-well", "Paired twice", "--could-improve", "Start earlier",
                 "--next90", "Mentor someone", env={"MENTORLOG_NOW": "2026-12-22T19:00:00"})
    assert result.exit_code == 0, result
    body = (initialized / "reviews" / "2026-12-22.md").read_text().split("+++\n", 2)[2]
    assert body.splitlines()[:5] == [
        "# Monthly review, Tue 22 Dec 2026", "", "The month since Tue 24 Nov 2026.", "",
        "## Review the past month and the 30/60/90 goals you had set",
    ]
    assert "- g1 Ship a PR (30 days, due Thu 24 Dec 2026): **done** — merged 🎉" in body
    assert "## What went well?\n\nPaired twice\n" in body
    assert "## What could have gone better?\n\nStart earlier\n" in body
    assert "## What's the next set of 30/60/90 goals?" in body
    assert "- g4 Mentor someone (new), due Mon 22 Mar 2027" in body


def test_check_reports_a_broken_review(run, initialized: Path) -> None:
    folder = initialized / "reviews"
    folder.mkdir()
    (folder / "2026-12-22.md").write_text(
        '+++\nschema_version = 1\ndate = 2026-12-22\nsince = 2026-11-24\n'
        '[[goals]]\nid = "g1"\nhorizon = 45\ndue = 2026-12-24\nverdict = "done"\n+++\n'
    )
    result = run("check")
    assert result.exit_code == 1
    assert f"{folder}/2026-12-22.md: goals[0].horizon: expected 30, 60 or 90, got 45" in (
        result.stderr
    )


def test_status_says_when_a_review_is_due_and_flags_goals(run, initialized: Path) -> None:
    result = run("status", env={"MENTORLOG_NOW": "2026-12-22T12:00:00"})
    assert "monthly review due — 'mentorlog goals review'" in result.stdout
    assert "g1 due in 2 days" in result.stdout
    result = run("status", env={"MENTORLOG_NOW": "2026-12-26T12:00:00"})
    assert "g1 2 days late" in result.stdout
    data = json.loads(run("status", "--json").stdout)
    assert (data["monthly_review_due"], data["goals_due_soon"], data["goals_overdue"]) == (
        False, [], []
    )


def _meeting(home: Path, day: str, status: str) -> None:
    folder = home / "meetings"
    folder.mkdir(exist_ok=True)
    (folder / f"{day}.md").write_text(
        f'+++\nschema_version = 1\nstatus = "{status}"\n+++\n# Weekly meeting\n'
    )


def test_timeline_windows_and_weeks(run, initialized: Path) -> None:
    _meeting(initialized, "2026-12-01", "held")
    _meeting(initialized, "2026-12-08", "skipped")
    _meeting(initialized, "2026-12-15", "held")
    _meeting(initialized, "2027-01-05", "held")
    now = {"MENTORLOG_NOW": "2027-01-12T20:00:00"}
    assert run("goals", "review", "--no-input", "--set", "g1=done",
               env={"MENTORLOG_NOW": "2026-12-22T19:00:00"}).exit_code == 0
    data = json.loads(run("goals", "--timeline", "--json", env=now).stdout)
    assert [(w["week"], w["mark"]) for w in data["weeks"]] == [
        (1, "none"), (2, "held"), (3, "skipped"), (4, "held"), (5, "review"), (6, "gap"),
        (7, "held"), (8, "none"),
    ]
    assert [w["id"] for w in data["windows"]] == ["g1", "g2", "g3"]
    result = run("goals", "--timeline", env=now)
    assert result.exit_code == 0, result
    lines = result.stdout.splitlines()
    assert lines[0] == "30/60/90 windows — today is Tue 12 Jan 2027"
    assert "today ▼" in lines[1]
    today_col = lines[1].index("▼")
    g2 = next(line for line in lines if line.startswith("g2 60d Give a talk"))
    assert g2[today_col] == "┃" and g2[today_col - 1] == "█" and g2[today_col + 1] == "░"
    assert g2.endswith("due 23 Jan")
    g1 = next(line for line in lines if line.startswith("g1 30d Ship a PR"))
    assert "─" in g1 and g1.endswith("done")
    assert "Weeks since Tue 24 Nov 2026" in result.stdout
    assert "·●○●R─●·" in result.stdout
    assert "● held  ○ skipped  ─ gap  R monthly review  · nothing recorded" in result.stdout


def test_timeline_marks_days_past_due(run, initialized: Path) -> None:
    result = run("goals", "--timeline", env={"MENTORLOG_NOW": "2027-01-10T20:00:00"})
    g1 = next(line for line in result.stdout.splitlines() if line.startswith("g1 "))
    assert "▒" in g1


def test_a_long_mentorship_wraps_the_week_strip_by_year(run, initialized: Path) -> None:
    result = run("goals", "--timeline", "--all", env={"MENTORLOG_NOW": "2029-01-01T20:00:00"})
    strip = [line for line in result.stdout.splitlines() if line and set(line) <= set("●○─R·")]
    assert [len(line) for line in strip] == [52, 52, 6]


# --- the weekly meeting's contract ("where are you on your 30/60/90 goals?") -------------------


def _book() -> GoalBook:
    book = GoalBook()
    for text, horizon in (("Ship a PR", 30), ("Give a talk", 60)):
        book, _ = goal_ops.add(book, text, horizon, date(2026, 11, 24))
    return book


def test_weekly_lines_and_recorded_progress() -> None:
    book = _book()
    book = goal_ops.record_progress(
        book, {"g1": "PR open, waiting for review", "G2": "  ", }, date(2026, 12, 1)
    )
    assert goal_ops.weekly_lines(book, date(2026, 12, 1)) == [
        "g1 Ship a PR — 30 days, due Thu 24 Dec 2026 (in 23 days); "
        "last: PR open, waiting for review (2026-12-01)",
        "g2 Give a talk — 60 days, due Sat 23 Jan 2027 (in 53 days)",
    ]
    assert book.get("g2").progress == ()
    with pytest.raises(MentorlogError, match="no goal with id 'g9'"):
        goal_ops.record_progress(book, {"g9": "x"}, date(2026, 12, 1))


def test_week_records_where_you_are_on_each_goal(run, initialized) -> None:
    import tomllib

    result = run("week", "--no-input", "--date", "2026-12-01", "--task-status", "done",
                 "--next-task", "Open a PR", "--goals-note", "on track overall",
                 "--goal", "g1=PR opened, waiting for review", "--goal", "g3=not started",
                 env={"MENTORLOG_NOW": "2026-12-01T19:10:00"})
    assert result.exit_code == 0, result
    goals = {g["id"]: g for g in tomllib.loads((initialized / "goals.toml").read_text())["goals"]}
    assert goals["g1"]["progress"] == [
        {"on": __import__("datetime").date(2026, 12, 1), "text": "PR opened, waiting for review"}
    ]
    assert goals["g3"]["progress"][0]["text"] == "not started"
    assert "progress" not in goals["g2"]
    body = (initialized / "meetings" / "2026-12-01.md").read_text()
    assert ("## Where are you on your 30/60/90 goals?\n\non track overall\n\n"
            "- g1: PR opened, waiting for review\n- g3: not started") in body


def test_week_refuses_progress_for_an_unknown_goal(run, initialized) -> None:
    before = {p: p.read_bytes() for p in initialized.rglob("*") if p.is_file()}
    for flag, message in (("g9=hm", "no goal"), ("nonsense", "is not a goal's progress")):
        result = run("week", "--no-input", "--date", "2026-12-01", "--task-status", "done",
                     "--next-task", "x", "--goal", flag,
                     env={"MENTORLOG_NOW": "2026-12-01T19:10:00"})
        assert result.exit_code == 1, result
        assert result.stderr.startswith("Error: ") and message in result.stderr, result
    after = {p: p.read_bytes() for p in initialized.rglob("*") if p.is_file()}
    assert {p: b for p, b in after.items() if ".cache" not in p.parts} == {
        p: b for p, b in before.items() if ".cache" not in p.parts}
