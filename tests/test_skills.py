"""`mentorlog skills`: ratings from 1 to 5 over time, the baseline at `init`, the ratings
again at `end`, skills.toml's round trip and its merge on two machines."""

from __future__ import annotations

import json
import tomllib
from datetime import date
from pathlib import Path

import tomli_w
from conftest import INIT_ARGS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentorlog.core.skills import LEVELS, Rating, SkillBook, skills, trend
from mentorlog.sharing.merge import merge_toml
from mentorlog.storage.codecs.skills import skills_from_dict, skills_to_dict


def test_skills_are_rated_over_time(run, initialized: Path) -> None:
    empty = run("skills")
    assert empty.exit_code == 0
    assert "No skills rated yet." in empty.stdout
    assert json.loads(run("skills", "--json").stdout) == []
    first = run("skills", "rate", "Writing tests", "2", "--note", "baseline",
                "--date", "2026-11-10")
    assert first.exit_code == 0, first
    assert first.stdout == "New skill: Writing tests 2 (getting started) on Tue 10 Nov 2026.\n"
    again = run("skills", "rate", "writing  TESTS", "3", "--note", "wrote the fixtures")
    assert again.exit_code == 0, again
    assert "Rated: Writing tests 3 (can do it on my own) on Tue 24 Nov 2026." in again.stdout
    assert "Writing tests: 2 → 3 (+1 since Tue 10 Nov 2026)." in again.stdout
    run("skills", "rate", "Public speaking", "1")
    shown = run("skills").stdout
    assert "Writing tests  2 → 3  (+1 since Tue 10 Nov 2026)" in shown
    assert "  Tue 10 Nov 2026  2  baseline" in shown
    assert "  Tue 24 Nov 2026  3  wrote the fixtures" in shown
    assert "Public speaking  1  (baseline Tue 24 Nov 2026)" in shown
    assert json.loads(run("skills", "--json").stdout) == [
        {"name": "Writing tests", "ratings": [
            {"id": "r1", "date": "2026-11-10", "level": 2, "note": "baseline"},
            {"id": "r2", "date": "2026-11-24", "level": 3, "note": "wrote the fixtures"}]},
        {"name": "Public speaking", "ratings": [
            {"id": "r3", "date": "2026-11-24", "level": 1, "note": ""}]},
    ]
    assert run("check").exit_code == 0


def test_skills_before_init_says_so(run, home: Path) -> None:
    """As every other command: no "No skills rated yet. Rate one: ..." that then fails."""
    for args in (["skills"], ["skills", "--json"], ["skills", "rate", "Writing tests", "2"]):
        result = run(*args)
        assert result.exit_code == 1, args
        assert result.stderr == "Error: no mentorship yet — run 'mentorlog init'\n", args
        assert result.stdout == ""
    assert not home.exists()


def test_bad_ratings_are_refused_without_writing(run, initialized: Path) -> None:
    run("skills", "rate", "Writing tests", "2")
    before = (initialized / "skills.toml").read_bytes()
    for level in ("6", "0", "two", "2.5", ""):
        result = run("skills", "rate", "Writing tests", level)
        assert result.exit_code == 1, level
        assert result.stderr == (
            "Error: a level is a whole number from 1 to 5 (1 new to it, 2 getting started, "
            f"3 can do it on my own, 4 confident, 5 could teach it), not '{level}'\n")
    near = run("skills", "rate", "Writting tests", "3")
    assert near.exit_code == 1
    assert near.stderr == ("Error: no skill named 'Writting tests': did you mean 'Writing "
                           "tests'? (to rate a new skill by that name, add --new)\n")
    later = run("skills", "rate", "Writing tests", "3", "--date", "tomorrow")
    assert later.exit_code == 1
    assert later.stderr == "Error: a rating cannot be on a day still to come (2026-11-25)\n"
    assert run("skills", "rate", "  ", "3").exit_code == 1
    assert run("skills", "rate", "Writing tests", "3", "--date", "someday").exit_code == 1
    assert (initialized / "skills.toml").read_bytes() == before
    assert run("skills", "rate", "Writing test", "3", "--new").exit_code == 0  # another one
    assert [s["name"] for s in json.loads(run("skills", "--json").stdout)] == [
        "Writing tests", "Writing test"]


def test_a_broken_skills_file_is_reported(run, initialized: Path) -> None:
    (initialized / "skills.toml").write_text(
        'schema_version = 1\n[[ratings]]\nskill = "x"\non = 2026-11-24\nlevel = 7\n')
    result = run("skills")
    assert result.exit_code == 1
    assert result.stderr.endswith(
        "skills.toml: ratings[0].level: expected a whole number from 1 to 5, got 7\n")


def test_init_takes_a_baseline_and_end_rates_again(run, home: Path) -> None:
    result = run(*INIT_ARGS, "--skill", "Writing tests=2", "--skill", "Public speaking=1")
    assert result.exit_code == 0, result
    assert json.loads(run("skills", "--json").stdout) == [
        {"name": "Writing tests", "ratings": [
            {"id": "r1", "date": "2026-11-24", "level": 2, "note": "baseline"}]},
        {"name": "Public speaking", "ratings": [
            {"id": "r2", "date": "2026-11-24", "level": 1, "note": "baseline"}]},
    ]
    env = {"MENTORLOG_NOW": "2027-03-02T10:00:00+01:00"}
    wrong = run("end", "--no-input", "--skill", "Writting tests=4", env=env)
    assert wrong.exit_code == 1
    assert wrong.stderr == ("Error: no skill named 'Writting tests': did you mean 'Writing "
                            "tests'?\n")
    assert not (home / "retrospective.md").exists()
    unknown = run("end", "--no-input", "--skill", "Cooking=4", env=env)
    assert unknown.stderr == ("Error: 'Cooking' is not a skill you rated (rated: Writing tests, "
                              "Public speaking); rate a new one with 'mentorlog skills rate'\n")
    ended = run("end", "--no-input", "--skill", "writing tests=4", env=env)
    assert ended.exit_code == 0, ended
    assert (home / "retrospective.md").exists()
    shown = run("skills").stdout
    assert "Writing tests  2 → 4  (+2 since Tue 24 Nov 2026)" in shown
    assert "  Tue 2 Mar 2027  4  at the end" in shown
    assert "Public speaking  1  (baseline Tue 24 Nov 2026)" in shown
    closed = run("skills", "rate", "Writing tests", "5", env=env)
    assert closed.exit_code == 1  # an ended mentorship is not changed


def test_init_refuses_bad_skills_and_writes_nothing(run, home: Path) -> None:
    for flags, message in (
        # the same words as the interview's answer, where there is no --skill to name
        (["--skill", "Writing tests"], "'Writing tests' is not NAME=LEVEL, like 'Writing "
                                       "tests=2'\n"),
        (["--skill", "Writing tests=9"], "'Writing tests=9': a level is"),
        (["--skill", "a=1", "--skill", "b=1", "--skill", "c=1", "--skill", "d=1"],
         "rate up to 3 skills at the first meeting"),
        (["--skill", "Tests=1", "--skill", "tests=2"], "the skill 'tests' is given twice"),
    ):
        result = run(*INIT_ARGS, *flags)
        assert result.exit_code == 1, flags
        assert result.stderr.startswith(f"Error: {message}"), result.stderr
        assert not home.exists() or not any(home.glob("*.toml")), flags


def test_ratings_added_on_two_machines_are_all_kept() -> None:
    """sync merges skills.toml rating by rating (sharing/merge.py merges records by id)."""
    base = SkillBook().add(Rating("Writing tests", date(2026, 11, 24), 2, "baseline"))
    ours = base.add(Rating("Writing tests", date(2026, 12, 8), 3))
    theirs = base.add(Rating("writing tests", date(2026, 12, 9), 3, "on the laptop"))
    merged = merge_toml(*(skills_to_dict(b) for b in (base, ours, theirs)))
    assert merged.conflicts == []
    book = skills_from_dict(merged.data)
    assert [(r.id, r.on.day) for r in book.ratings] == [("r1", 24), ("r2", 8), ("r3", 9)]
    assert merged.renumbered == {"ratings": {"r2": "r3"}}
    assert [trend(s) for s in skills(book)] == ["2 → 3 → 3"]
    assert book.next_id == 4


TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30) | (
    st.sampled_from(["🎉 emoji", 'say "hi"', "+++", '"""', "a\r\nb", "it's", "[bold]"]))
NAMES = TEXT.filter(lambda t: bool(t.strip()))


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.builds(Rating, NAMES, st.dates(), st.sampled_from(list(LEVELS)), TEXT),
                max_size=6), st.integers(0, 3))
def test_skills_file_round_trip(ratings: list[Rating], extra: int) -> None:
    book = SkillBook()
    for r in ratings:
        book = book.add(r)
    book = SkillBook(book.ratings, book.next_id + extra)
    assert skills_from_dict(tomllib.loads(tomli_w.dumps(skills_to_dict(book)))) == book


def test_end_asks_to_rate_each_skill_again(run, home: Path) -> None:
    """Typed in a real terminal: a wrong level is asked again, Enter skips a skill."""
    from tmux import Terminal, terminal_env

    assert run(*INIT_ARGS, "--skill", "Writing tests=2", "--skill", "Public speaking=1",
               env={"MENTORLOG_NOW": "2026-11-24T17:00:00"}).exit_code == 0
    term = Terminal(["end"], terminal_env(home, "2027-03-02T10:00:00"), width=60)
    try:
        term.answer("What went well?", "the weekly rhythm")
        term.answer("What could have gone better?", "")
        term.answer("What next?", "mentor others")
        term.answer("Writing tests (was 2)", "9")
        term.answer("Writing tests (was 2)", "4")
        term.answer("Public speaking (was 1)", "")
        screen = term.wait_for("EXIT=")
    finally:
        term.close()
    assert "EXIT=0" in screen
    assert "a level is a whole number from 1 to 5" in screen
    assert "Your skills, rated again" in screen
    rated = {s["name"]: [r["level"] for r in s["ratings"]]
             for s in json.loads(run("skills", "--json").stdout)}
    assert rated == {"Writing tests": [2, 4], "Public speaking": [1]}
    assert (home / "retrospective.md").exists()
