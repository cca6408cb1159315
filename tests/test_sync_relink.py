"""Sync keeps every cross-reference when it renumbers records (issue 15, second part).

Two machines, one bare remote, real git. Both record a week before syncing: a question
answered, a task set, a follow-up and a todo raised at the meeting, the task then replaced.
Every id is taken on both machines (q1, t2, t3, o1, f2), so the merge renumbers the other
machine's records; each meeting must still name its own task, follow-ups and question,
the replacing task the task it replaced, on both machines and in every command.
"""

from __future__ import annotations

import json
import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest
from conftest import INIT_ARGS
from hypothesis import given, settings
from hypothesis import strategies as st
from machines import Machine as OneMachine
from machines import bare_remote

from mentorlog.sharing.merge import merge_toml
from mentorlog.sharing.relink import Relinker
from mentorlog.storage.references import ids_in, replace_ids, replace_line_ids, source_of

pytestmark = pytest.mark.skipif(not shutil.which("git"), reason="git is not installed")

LATER = "2026-12-10T12:00:00"


class Machine(OneMachine):
    NOW = LATER

    def meeting(self, day: str) -> dict[str, Any]:
        text = (self.home / "meetings" / f"{day}.md").read_text()
        return tomllib.loads(text.split("+++\n")[1])


def record_a_week(m: Machine, day: str, private: bool) -> None:
    """The week of `day` on machine `m`: its question, task, follow-ups, replaced task."""
    n = m.name
    m.ok("ask", f"{n} question", now=f"{day}T09:00:00")
    m.ok("week", "--no-input", "--date", day, "--task-status", "done",
         "--went-well", f"{n} went well", "--answer", f"q1={n} answer",
         "--next-task", f"{n} task", "--mentor-watch", f"{n} watch", "--todo", f"{n} todo",
         *(["--private"] if private else []), now=f"{day}T19:10:00")
    m.ok("task", "set", "--replace", f"{n} replacing task", now=f"{day}T21:00:00")


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Machine, Machine]:
    bare = bare_remote(tmp_path)
    a, b = Machine(tmp_path, "a"), Machine(tmp_path, "b")
    a.ok(*INIT_ARGS, now="2026-11-25T20:00:00")
    a.ok("sync", "--init", str(bare))
    b.ok("sync", "--init", str(bare))
    # b records the week of 1 December, a (without b's) the week of 8 December, privately
    record_a_week(b, "2026-12-01", private=False)
    record_a_week(a, "2026-12-08", private=True)
    return a, b


def sync(m: Machine) -> str:
    result = m.run("sync")
    assert "Traceback" not in result.stderr, result.stderr
    # both meetings closed t1 (the task both reviewed): that one conflict waits
    assert result.returncode in (0, 1), result.stderr
    if result.returncode:
        assert "conflicts/tasks-t1.toml" in result.stderr, result.stderr
    return result.stdout


def each_meeting_keeps_its_own(m: Machine) -> None:
    tasks = {t["id"]: t for t in m.json("task", "history")}
    followups = {f["id"]: f["text"] for f in m.json("followup", "--all")}
    log = m.json("log")
    questions = {e["id"]: e["text"] for e in log if e["kind"] == "question"}
    for day, n in (("2026-12-01", "b"), ("2026-12-08", "a")):
        meta = m.meeting(day)
        where = (m.name, day, meta)
        assert tasks[meta["new_task"]]["text"] == f"{n} task", where
        assert sorted(followups[f] for f in meta["opportunities"]) == [f"{n} todo",
                                                                       f"{n} watch"], where
        assert [questions[q].split(": ")[1].split(" (")[0] for q in meta["answered"]] == [
            f"{n} question"], where
        # the minutes name the same ids as the records they quote
        body = next(e["body"] for e in log if e["kind"] == "meeting" and e["id"] == day)
        watch = body["What will your mentor keep an eye out for, opportunities-wise?"]
        assert watch == f"- {next(i for i, t in followups.items() if t == f'{n} watch')}: " \
                        f"{n} watch", where
    # the replacing task names the task it replaced
    rows = {t["id"]: t for t in tomllib.loads((m.home / "tasks.toml").read_text())["tasks"]}
    for n in "ab":
        replacing = next(t for t in rows.values() if t["text"] == f"{n} replacing task")
        assert rows[replacing["replaces"]]["text"] == f"{n} task", (m.name, rows)
    # the next meeting reviews the task set at the last one (a's, 8 December) as replaced
    agenda = m.json("agenda")
    assert agenda["last_meeting"] == "2026-12-08"
    assert agenda["review_task"] == "a replacing task", (m.name, agenda)
    assert "a replacing task" in m.ok("agenda")
    # what a's private meeting raised is private: the shared agenda leaves it out, not b's
    shared = m.ok("agenda", "--format", "md")
    assert "b watch" in shared and "b todo" in shared, shared
    assert "a watch" not in shared and "a todo" not in shared, shared
    status = m.json("status")
    assert status["meetings_held"] == 2
    assert tasks[status["task"]["id"]]["text"] == status["task"]["text"]
    assert "All" in m.ok("check")


def _id(tasks: dict[str, Any], text: str) -> str:
    return next(i for i, t in tasks.items() if t["text"] == text)


@pytest.mark.parametrize("first", ["a", "b"])
def test_both_machines_recorded_a_week(pair: tuple[Machine, Machine], first: str) -> None:
    a, b = pair
    pushes, merges = (a, b) if first == "a" else (b, a)
    sync(pushes)
    said = sync(merges)  # the merge: the other machine's records get new ids
    sync(pushes)  # takes the merge
    sync(merges)
    for m in (a, b):
        each_meeting_keeps_its_own(m)
    for name in ("tasks.toml", "opportunities.toml", "questions.toml",
                 "meetings/2026-12-01.md", "meetings/2026-12-08.md"):
        assert (a.home / name).read_bytes() == (b.home / name).read_bytes(), name
    assert "the other machine's q1 is now q2" in said, said  # sync says what moved


def test_only_the_ids_change_in_a_relinked_meeting(pair: tuple[Machine, Machine]) -> None:
    """The other machine's meeting keeps every byte but the ids that moved."""
    a, b = pair
    before = (a.home / "meetings" / "2026-12-08.md").read_text()
    sync(a)
    sync(b)
    after = (b.home / "meetings" / "2026-12-08.md").read_text()
    changed = [(x, y) for x, y in zip(before.splitlines(), after.splitlines(), strict=True)
               if x != y]
    assert changed == [('new_task = "t2"', 'new_task = "t4"'), ('    "q1",', '    "q2",'),
                       ('    "o1",', '    "o2",'), ('    "f2",', '    "f3",'),
                       ("- q1: a question", "- q2: a question"),
                       ("- o1: a watch", "- o2: a watch"), ("- f2: a todo", "- f3: a todo")]


def test_the_table_of_references() -> None:
    assert source_of("meetings/2026-12-01.md") == ("", "meetings/")
    assert source_of("mentorships/ada/reviews/2027-01-05.md") == ("mentorships/ada/", "reviews/")
    assert source_of("mentorships/ada/people.toml") == ("mentorships/ada/", "people.toml")
    assert source_of("notes/2026-12-01-x.md") is None
    review = {"goals": [{"id": "g4", "verdict": "done"}], "next": [{"id": "g5"}]}
    assert ids_in(review, ("goals", "[]", "id")) == ["g4"]
    moved = {"g4": "g6"}
    assert replace_ids(review, ("goals", "[]", "id"), lambda ids: [moved.get(i, i) for i in ids]
                       ) == {"goals": [{"id": "g6", "verdict": "done"}], "next": [{"id": "g5"}]}
    assert replace_ids({"task": "t2"}, ("task",), lambda ids: ["t4"]) == {"task": "t4"}
    assert replace_line_ids("- g4 Give a talk\ng4: done\nsee g4: x\n- t2.micro", moved) == \
        "- g6 Give a talk\ng6: done\nsee g4: x\n- t2.micro"


def test_renumbering_is_what_the_merge_driver_does() -> None:
    """sharing/relink.py learns the new ids from merge_toml, as the driver merged."""
    base = {"schema_version": 1, "next_id": 2, "tasks": [{"id": "t1", "text": "x"}]}
    ours = {**base, "tasks": [*base["tasks"], {"id": "t2", "text": "mine"}]}
    theirs = {**base, "tasks": [*base["tasks"], {"id": "t2", "text": "theirs"},
                                {"id": "t3", "text": "again", "replaces": "t2"}]}
    merged = merge_toml(base, ours, theirs)
    assert merged.renumbered == {"tasks": {"t2": "t4"}}  # t3 was free: it stays


def test_a_meeting_set_aside_names_its_own_followups(pair: tuple[Machine, Machine]) -> None:
    """Both machines recorded 15 December, each raising a follow-up under the same new id:
    a's meeting waits in conflicts/ (b's merge set it aside, a learnt it from that merge),
    its follow-up stays live under a new id, and the copy names that id on both machines,
    so keeping the copy shows the meeting with its own follow-up and task."""
    a, b = pair
    for m in (a, b):
        m.ok("week", "--no-input", "--date", "2026-12-15", "--task-status", "done",
             "--next-task", f"{m.name} third task", "--mentor-watch", f"{m.name} third watch",
             now="2026-12-15T19:10:00")
    sync(a)
    b.run("sync")
    a.run("sync")
    for m, keep in ((b, "theirs"), (a, "mine")):  # a's meeting: the copy on both machines
        copy = next(rel for rel in m.json("status")["conflicts"] if "meetings" in rel)
        followups = {f["id"]: f["text"] for f in m.json("followup", "--all")}
        front = tomllib.loads((m.home / copy).read_text().split("+++\n")[1])
        assert [followups[f] for f in front["opportunities"]] == ["a third watch"], m.name
        assert f"- {front['opportunities'][0]}: a third watch" in (m.home / copy).read_text()
        m.ok("sync", "resolve", "--keep", keep, "--no-input")
        meta = m.meeting("2026-12-15")
        assert [followups[f] for f in meta["opportunities"]] == ["a third watch"], m.name
        tasks = {t["id"]: t["text"] for t in m.json("task", "history")}
        assert tasks[meta["new_task"]] == "a third task", m.name
        assert "All" in m.ok("check")


def test_a_person_set_aside_names_its_own_followups(tmp_path: Path) -> None:
    """A person both machines linked new follow-ups to, differently: the other machine's
    version of the person waits in conflicts/ naming its follow-up under its new id."""
    bare = bare_remote(tmp_path)
    a, b = Machine(tmp_path, "a"), Machine(tmp_path, "b")
    a.ok(*INIT_ARGS, now="2026-11-25T20:00:00")
    a.ok("people", "add", "Grace", "--context", "the parser")
    a.ok("sync", "--init", str(bare))
    b.ok("sync", "--init", str(bare))
    a.ok("followup", "add", "a thing", "--person", "p1")
    b.ok("followup", "add", "b thing", "--person", "p1")
    b.ok("followup", "add", "b other thing", "--person", "p1")
    sync(a)
    b.run("sync")
    copy = next(rel for rel in b.json("status")["conflicts"] if "people" in rel)
    followups = {f["id"]: f["text"] for f in b.json("followup", "--all")}
    person = tomllib.loads((b.home / copy).read_text())["people"][0]
    assert [followups[f] for f in person["followups"]] == ["Grace: the parser", "a thing"]
    b.ok("sync", "resolve", "--keep", "theirs", "--no-input")
    ledger = {p["name"]: sorted(f["text"] for f in p["followups"])
              for p in b.json("people")}
    assert ledger == {"Grace": ["Grace: the parser", "a thing"]}


def _goals(*ids: str) -> bytes:
    rows = "".join(f'[[goals]]\nid = "{i}"\ntext = "goal {i}"\nhorizon = 30\n'
                   f"set_on = 2026-11-24\ndue = 2026-12-24\n" for i in ids)
    return f"schema_version = 1\nnext_id = 9\n{rows}".encode()


def test_a_review_names_its_goals_after_the_merge() -> None:
    """Goals added on both machines (g4 on each): the other machine's review, set aside or
    live, names its own goal under the new id, in its front matter and its minutes."""
    sides = {"goals.toml": (_goals("g1"), _goals("g1", "g4"),
                            _goals("g1", "g4").replace(b"goal g4", b"their goal"))}
    relinker = Relinker(lambda rel: sides.get(rel, (None, None, None)), ["goals.toml"])
    assert relinker.renumbered("goals.toml") == {"goals": {"g4": "g5"}}
    review = ('+++\nschema_version = 1\ndate = 2027-01-05\nsince = 2026-12-05\n'
              'goals = [{ id = "g1", verdict = "done" }]\n'
              'next = [{ id = "g4", text = "their goal" }]\n+++\n'
              "## Goals\n\n- g1 goal g1: **done**\n\n30 days:\n- g4 their goal (new)\n")
    relinked = relinker.in_document("reviews/2027-01-05.md", review.encode()).decode()
    front = tomllib.loads(relinked.split("+++\n")[1])
    assert [g["id"] for g in front["goals"]] == ["g1"]
    assert [g["id"] for g in front["next"]] == ["g5"]
    assert relinked.endswith("+++\n## Goals\n\n- g1 goal g1: **done**\n\n30 days:\n"
                             "- g5 their goal (new)\n")


@given(body=st.text(), ids=st.lists(st.sampled_from(["t2", "o1", "f2", "q1", "t1"])))
@settings(max_examples=200, deadline=None)
def test_relinking_a_meeting_changes_only_ids(body: str, ids: list[str]) -> None:
    """Whatever the minutes hold (emoji, quotes, `+++`, CR LF), relinking a meeting changes
    its ids and nothing else: with the ids mapped back, every byte is as it was."""
    tasks = (b'schema_version = 1\nnext_id = 2\n[[tasks]]\nid = "t1"\ntext = "x"\n'
             b"set_on = 2026-11-24\n")
    mine = tasks + b'[[tasks]]\nid = "t2"\ntext = "mine"\nset_on = 2026-11-25\n'
    theirs = tasks + b'[[tasks]]\nid = "t2"\ntext = "theirs"\nset_on = 2026-11-25\n'
    relinker = Relinker(lambda rel: (tasks, mine, theirs) if rel == "tasks.toml"
                        else (None, None, None), ["tasks.toml"])
    text = ('+++\nschema_version = 1\ndate = 2026-12-01\nstatus = "held"\n'
            f'new_task = "t2"\nopportunities = {json.dumps(ids)}\n+++\n{body}')
    relinked = relinker.in_document("meetings/2026-12-01.md", text.encode("utf-8"))
    front, _, rest = relinked.decode("utf-8").removeprefix("+++\n").partition("+++\n")
    assert tomllib.loads(front)["new_task"] == "t3"
    assert tomllib.loads(front)["opportunities"] == ids
    assert replace_line_ids(rest, {"t3": "t2"}) == replace_line_ids(body, {"t3": "t2"})


def test_sealed_meetings_are_relinked_by_their_ids_in_clear(tmp_path: Path) -> None:
    """Encryption on (one key on both machines), both weeks private: the meetings' bodies
    are age messages. The ids in clear follow; the sealed body keeps every byte."""
    bare = bare_remote(tmp_path)
    a, b = Machine(tmp_path, "a"), Machine(tmp_path, "b")
    a.ok(*INIT_ARGS, now="2026-11-25T20:00:00")
    a.ok("encrypt", "init", "--no-input")
    a.ok("config", "set", "encrypt", "private")
    for m in (a, b):
        m.env["MENTORLOG_IDENTITY"] = str(tmp_path / "config-a" / "mentorlog" / "identity.txt")
    a.ok("sync", "--init", str(bare))
    b.ok("sync", "--init", str(bare))
    record_a_week(b, "2026-12-01", private=True)
    record_a_week(a, "2026-12-08", private=True)
    sealed_body = (a.home / "meetings" / "2026-12-08.md").read_text().split("+++\n", 2)[2]
    assert "-----BEGIN AGE ENCRYPTED FILE-----" in sealed_body
    for m in (a, b, a):
        sync(m)
    for m in (a, b):
        text = (m.home / "meetings" / "2026-12-08.md").read_text()
        assert text.split("+++\n", 2)[2] == sealed_body
        tasks = {t["id"]: t["text"] for t in m.json("task", "history")}
        followups = {f["id"]: f["text"] for f in m.json("followup", "--all")}
        for day, n in (("2026-12-01", "b"), ("2026-12-08", "a")):
            meta = m.meeting(day)
            assert tasks[meta["new_task"]] == f"{n} task", (m.name, day)
            assert sorted(followups[f] for f in meta["opportunities"]) == [
                f"{n} todo", f"{n} watch"], (m.name, day)
        assert m.json("agenda")["review_task"] == "a replacing task"
        assert "All" in m.ok("check")
