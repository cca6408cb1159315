"""`mentorlog people` (issue 18): the people your mentor connected you with, each
introduction a follow-up of kind `intro` written in the same transaction; follow-up outcomes
and `week`'s "what will your mentor keep an eye out for" linked to a person; people.toml's
round trip."""

from __future__ import annotations

import json
import os
import tempfile
import tomllib
from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from mentorlog.core.people import PeopleBook, Person
from mentorlog.storage.formats import PEOPLE
from mentorlog.storage.store import Store


def _files(home: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in home.iterdir() if p.is_file()}


def test_people_add_makes_an_intro_followup_and_lists(run, initialized: Path) -> None:
    result = run("people", "add", "Grace Hopper", "--context", "maintains the parser",
                 "--date", "2026-11-20")
    assert result.exit_code == 0, result
    flat = " ".join(result.stdout.split())
    assert flat.startswith("Added p1 Grace Hopper, introduced 2026-11-20; follow-up i1 tracks "
                           "the introduction")
    people = json.loads(run("people", "--json").stdout)
    assert people == [{
        "id": "p1", "name": "Grace Hopper", "introduced_on": "2026-11-20",
        "context": "maintains the parser",
        "followups": [{"id": "i1", "kind": "intro", "text": "Grace Hopper: maintains the parser",
                       "status": "open", "set_on": "2026-11-20", "outcome": None,
                       "closed_on": None}]}]
    [intro] = json.loads(run("followup", "--json").stdout)
    assert (intro["id"], intro["kind"]) == ("i1", "intro")
    assert "Grace Hopper: maintains the parser" in run("agenda").stdout
    table = run("people").stdout
    assert "p1 Grace Hopper" in table and "i1 open" in table
    data = tomllib.loads((initialized / "people.toml").read_text())
    assert data == {"schema_version": 1, "next_id": 2, "people": [
        {"id": "p1", "name": "Grace Hopper", "introduced_on": date(2026, 11, 20),
         "context": "maintains the parser", "followups": ["i1"]}]}
    assert run("check").exit_code == 0


def test_a_followup_outcome_links_to_a_person(run, initialized: Path) -> None:
    assert run("people", "add", "Sam").exit_code == 0
    assert run("followup", "add", "Sam's team may need a reviewer", "--kind", "opportunity",
               "--person", "p1").exit_code == 0
    result = run("followup", "done", "i1", "--outcome", "coffee next week", "--person", "p1")
    assert result.exit_code == 0, result
    [sam] = json.loads(run("people", "--json").stdout)
    assert [(f["id"], f["status"], f["outcome"]) for f in sam["followups"]] == [
        ("i1", "done", "coffee next week"), ("o2", "open", None)]
    assert "i1 done: coffee next week" in run("people").stdout
    # a later follow-up linked afterwards
    assert run("followup", "add", "ask Sam about the meetup").exit_code == 0
    result = run("people", "link", "p1", "f3")
    assert result.exit_code == 0
    assert result.stdout == "Linked f3 (ask Sam about the meetup) to p1 Sam.\n"
    assert [f["id"] for f in json.loads(run("people", "--json").stdout)[0]["followups"]] == [
        "i1", "o2", "f3"]


def test_week_links_what_the_mentor_watches_for_to_a_person(run, initialized: Path) -> None:
    assert run("people", "add", "Grace").exit_code == 0
    result = run("week", "--no-input", "--task-status", "done", "--next-task", "write tests",
                 "--mentor-watch", "a talk slot at Grace's meetup", "--watch-person", "p1",
                 env={"MENTORLOG_NOW": "2026-12-01T19:30:00+01:00"})
    assert result.exit_code == 0, result
    [grace] = json.loads(run("people", "--json").stdout)
    assert [(f["id"], f["kind"], f["text"]) for f in grace["followups"]] == [
        ("i1", "intro", "Grace"), ("o2", "opportunity", "a talk slot at Grace's meetup")]


def test_week_refuses_an_unknown_person_before_writing(run, initialized: Path) -> None:
    before = _files(initialized)
    result = run("week", "--no-input", "--task-status", "done", "--next-task", "x",
                 "--mentor-watch", "y", "--watch-person", "p9",
                 env={"MENTORLOG_NOW": "2026-12-01T19:30:00+01:00"})
    assert result.exit_code == 1
    assert result.stderr == "Error: no person with id 'p9' (see 'mentorlog people')\n"
    assert _files(initialized) == before
    assert not (initialized / "meetings").exists()
    assert run("people", "add", "Grace").exit_code == 0
    before = _files(initialized)
    result = run("week", "--no-input", "--task-status", "done", "--next-task", "x",
                 "--watch-person", "p1", env={"MENTORLOG_NOW": "2026-12-01T19:30:00+01:00"})
    assert result.exit_code == 1
    assert result.stderr == ("Error: --watch-person links what your mentor keeps an eye out "
                             "for: give it with --mentor-watch\n")
    assert _files(initialized) == before  # the meeting, its task and follow-ups: none written
    assert not list((initialized / "meetings").glob("*.md"))


def test_bad_input_is_one_error_line_and_writes_nothing(run, initialized: Path) -> None:
    assert run("people", "add", "Grace").exit_code == 0
    before = _files(initialized)
    for args, message in [
        (["people", "add", "  "], "Error: a person needs a name: nothing saved\n"),
        (["people", "add", "grace"], "Error: grace is already in the ledger as p1 (link a "
                                     "follow-up with 'mentorlog people link p1 ID')\n"),
        (["people", "add", "Sam", "--date", "tomorrow"],
         "Error: 2026-11-25 is in the future: record an introduction once it has happened\n"),
        (["people", "link", "p1", "o7"], "Error: no follow-up with id 'o7' (see 'mentorlog "
                                         "followup')\n"),
        (["people", "link", "p4", "i1"], "Error: no person with id 'p4' (see 'mentorlog "
                                         "people')\n"),
        (["followup", "done", "i1", "--person", "p4"],
         "Error: no person with id 'p4' (see 'mentorlog people')\n"),
    ]:
        result = run(*args)
        assert result.exit_code == 1, args
        assert result.stderr == message
        assert _files(initialized) == before, args
    assert run("people", "add").exit_code == 2


def test_the_person_and_the_intro_land_together_or_not_at_all(run, initialized: Path) -> None:
    """A people.toml that cannot be read stops `people add` before the follow-up is
    written: the two files change together."""
    (initialized / "people.toml").write_text("schema_version = 1\npeople = 3\n")
    before = _files(initialized)
    result = run("people", "add", "Grace")
    assert result.exit_code == 1
    assert result.stderr.endswith("people.toml: people: expected a list of tables, got 3 "
                                  "(a number)\n")
    assert _files(initialized) == before


def test_a_failing_write_puts_the_followups_back(run, initialized: Path, monkeypatch) -> None:
    """The second file fails to write (a full disk, say): the first is put back."""
    from mentorlog.storage import store as store_module
    from mentorlog.storage.files import os_problem

    real = store_module.replace_atomically

    def failing(path, data, *args, **kwargs):
        if os.path.basename(path) == "people.toml":
            raise os_problem(path, OSError(28, "No space left on device"), "write")
        return real(path, data, *args, **kwargs)

    assert run("followup", "add", "something first").exit_code == 0
    before = _files(initialized)
    monkeypatch.setattr(store_module, "replace_atomically", failing)
    result = run("people", "add", "Grace")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and "people.toml" in result.stderr
    monkeypatch.setattr(store_module, "replace_atomically", real)
    assert _files(initialized) == before


def test_people_before_init(run, home: Path) -> None:
    result = run("people")
    assert result.exit_code == 1 and result.stderr.startswith("Error: ")


def test_an_empty_ledger_says_what_it_is_for(run, initialized: Path) -> None:
    assert "who your mentor can connect you with" in " ".join(run("people").stdout.split())
    assert json.loads(run("people", "--json").stdout) == []


TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30) | \
    st.sampled_from(["🎉 emoji", 'say "hi"', "+++", '"""', "it's"])
DAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(TEXT, DAYS, TEXT, st.lists(st.sampled_from(["i1", "o2", "f3"]),
                                                      unique=True, max_size=3)),
                max_size=5))
def test_people_file_round_trip(rows) -> None:
    people = tuple(Person(f"p{n}", name, day, context, tuple(links))
                   for n, (name, day, context, links) in enumerate(rows, 1))
    book = PeopleBook(people, len(people) + 1)
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder))
        with store.lock():
            store.save(PEOPLE, book)
        assert store.load(PEOPLE) == book


def test_the_ledger_and_the_checkins_fit_60_and_120_columns(run, initialized: Path) -> None:
    long = "who maintains the parser, the lexer and half of the test fixtures of the project"
    assert run("people", "add", "Grace Brewster Murray Hopper", "--context", long).exit_code == 0
    assert run("followup", "done", "i1", "--outcome", long).exit_code == 0
    assert run("checkin", "--no-input", "--working", "3", "--keep", long, "--change", long,
               "--feedback", long).exit_code == 0
    for width in ("60", "120"):
        for args in (["people"], ["checkin", "--list"], ["report"]):
            result = run(*args, env={"COLUMNS": width})
            assert result.exit_code == 0
            lines = result.stdout.splitlines()
            assert all(len(line) <= int(width) for line in lines), (args, width)
            assert "who maintains" in result.stdout or args == ["report"]


def test_people_added_on_two_machines_keep_their_own_followups(tmp_path: Path) -> None:
    """`sync`: both machines add a person (p1 on each) and link a follow-up to a person they
    share (f3 on each). The merge gives the other machine's records new ids; its people
    still point at their own follow-ups, not at this machine's that had the same id."""
    import shutil
    import subprocess

    import pytest
    from conftest import INIT_ARGS, run_process

    if not shutil.which("git"):
        pytest.skip("git is not installed")
    bare = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(bare)], check=True)

    def machine(name: str):
        def run(*args: str) -> str:
            result = run_process(*args, env={"MENTORLOG_HOME": str(tmp_path / name),
                                             "MENTORLOG_NOW": "2026-11-26T10:00:00"})
            assert result.returncode == 0, (name, args, result.stderr)
            return result.stdout
        return run

    a, b = machine("a"), machine("b")
    a(*INIT_ARGS)
    a("people", "add", "Ada's friend", "--context", "before syncing")
    a("sync", "--init", str(bare))
    b("sync", "--init", str(bare))
    a("people", "add", "Grace", "--context", "the parser")
    a("followup", "add", "ask about the parser", "--person", "p1")
    b("people", "add", "Sam", "--context", "the test runner")
    b("followup", "add", "ask about a talk", "--person", "p1")
    a("sync")
    b("sync")
    a("sync")

    def ledger(run) -> dict[str, list[str]]:
        return {p["name"]: sorted(f["text"] for f in p["followups"])
                for p in json.loads(run("people", "--json"))}

    expected = {"Ada's friend": ["Ada's friend: before syncing", "ask about a talk",
                                 "ask about the parser"],
                "Grace": ["Grace: the parser"], "Sam": ["Sam: the test runner"]}
    assert ledger(b) == expected
    assert ledger(a) == expected
    assert "All" in b("check")
