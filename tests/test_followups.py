"""Follow-ups to closure (opportunities.toml, version 2): `followup`, `answer`, the wrap-up's
lines in `week`, the agenda, and version 1 files read as they were written."""

from __future__ import annotations

import json
import tomllib
from datetime import date
from pathlib import Path

import pytest
import tomli_w
from hypothesis import given
from hypothesis import strategies as st
from msgspec.structs import replace
from test_weekly_formats import days, text

from mentorlog.core.errors import MentorlogError
from mentorlog.core.followups import (
    FOLLOWUP_KINDS,
    FOLLOWUP_STATUSES,
    FollowUp,
    FollowUpBook,
    review_answer,
)
from mentorlog.storage.codecs.followups import followups_from_dict, followups_to_dict

LATER = {"MENTORLOG_NOW": "2026-12-01T19:30:00+01:00"}  # the next Tuesday, after the meeting
WEEK = ["week", "--no-input", "--task-status", "done", "--next-task", "Write the tests"]


def files(home: Path) -> dict[str, bytes]:
    """Every file in the data folder but the lock, with its bytes."""
    return {p.relative_to(home).as_posix(): p.read_bytes() for p in sorted(home.rglob("*"))
            if p.is_file() and p.name != ".lock"}


def listed(run, *args: str) -> list[dict[str, object]]:
    result = run("followup", *args, "--json")
    assert result.exit_code == 0, result
    return json.loads(result.stdout)  # type: ignore[no-any-return]


@pytest.fixture
def met(run, initialized: Path) -> Path:
    """A first weekly meeting whose wrap-up set an opportunity (o1) and a todo (f2)."""
    result = run(*WEEK, "--mentor-watch", "A CFP for a meetup", "--todo", "Send Ada the link")
    assert result.exit_code == 0, result
    return initialized


def test_the_wrap_up_sets_follow_ups_of_each_kind(run, met: Path) -> None:
    assert listed(run) == [
        {"id": "o1", "kind": "opportunity", "text": "A CFP for a meetup", "status": "open",
         "set_on": "2026-11-24", "outcome": None, "closed_on": None},
        {"id": "f2", "kind": "todo", "text": "Send Ada the link", "status": "open",
         "set_on": "2026-11-24", "outcome": None, "closed_on": None},
    ]
    minutes = (met / "meetings" / "2026-11-24.md").read_text()
    assert "- o1: A CFP for a meetup" in minutes and "- f2: Send Ada the link" in minutes
    assert tomllib.loads(minutes.split("+++\n")[1])["opportunities"] == ["o1", "f2"]
    saved = tomllib.loads((met / "opportunities.toml").read_text())
    assert saved["schema_version"] == 2 and saved["next_id"] == 3
    agenda = json.loads(run("agenda", "--json").stdout)
    assert agenda["opportunities"] == [
        {"id": "o1", "text": "A CFP for a meetup", "status": "open", "set_on": "2026-11-24"}]
    assert agenda["followups"] == [
        {"id": "f2", "kind": "todo", "text": "Send Ada the link", "set_on": "2026-11-24"}]
    assert agenda["todo"] is None  # tracked as follow-ups now


def test_done_drop_and_add_between_meetings(run, met: Path) -> None:
    result = run("followup", "done", "O1", "--outcome", "submitted a talk")
    assert result.exit_code == 0, result
    assert result.stdout == "Marked o1 done: A CFP for a meetup: submitted a talk\n"
    assert run("followup", "drop", "f2").stdout == "Marked f2 dropped: Send Ada the link\n"
    result = run("followup", "add", "Meet Grace, who maintains the parser", "--kind", "intro")
    assert result.stdout == "Added i3 (introduction): Meet Grace, who maintains the parser\n"
    assert [f["id"] for f in listed(run)] == ["i3"]
    everything = listed(run, "--all")
    assert [(f["id"], f["status"], f["outcome"], f["closed_on"]) for f in everything] == [
        ("o1", "done", "submitted a talk", "2026-11-24"),
        ("f2", "dropped", None, "2026-11-24"),
        ("i3", "open", None, None),
    ]
    agenda = json.loads(run("agenda", "--json").stdout)
    assert agenda["opportunities"] == []  # closed ones leave the agenda
    assert [f["id"] for f in agenda["followups"]] == ["i3"]
    shown = run("agenda").stdout
    assert "A CFP" not in shown and "Send Ada" not in shown and "i3 Meet Grace" in shown
    assert "o1 A CFP for a meetup" in run("followup", "--all").stdout
    assert run("check").exit_code == 0


@pytest.mark.parametrize("argv", [
    ["followup", "done", "o9"],
    ["followup", "drop", "x"],
    ["followup", "done", ""],
    ["answer", "q9", "an answer"],
    ["answer", "o1", "an answer"],
])
def test_a_bad_id_is_one_error_line_and_writes_nothing(run, met: Path, argv: list[str]) -> None:
    before = files(met)
    result = run(*argv)
    assert result.exit_code == 1, result
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: no "), result
    assert "'mentorlog followup'" in lines[0] or "'mentorlog agenda'" in lines[0]
    assert files(met) == before


def test_a_closed_follow_up_cannot_be_closed_again(run, met: Path) -> None:
    assert run("followup", "drop", "o1").exit_code == 0
    before = files(met)
    result = run("followup", "done", "o1")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: o1 is already dropped on 2026-11-24")
    assert files(met) == before


def test_a_bad_kind_is_a_usage_error(run, met: Path) -> None:
    assert run("followup", "add", "x", "--kind", "chore").exit_code == 2


def test_week_closes_follow_ups_by_flag(run, met: Path) -> None:
    result = run(*WEEK, "--followup-done", "o1=submitted a talk", "--followup-drop", "f2",
                 "--todo", "Book a room", env=LATER)
    assert result.exit_code == 0, result
    everything = {f["id"]: f for f in listed(run, "--all")}
    assert (everything["o1"]["status"], everything["o1"]["outcome"]) == ("done",
                                                                         "submitted a talk")
    assert everything["o1"]["closed_on"] == "2026-12-01"
    assert everything["f2"]["status"] == "dropped"
    assert everything["f3"]["status"] == "open"
    minutes = (met / "meetings" / "2026-12-01.md").read_text()
    assert ("## Follow-ups from earlier meetings\n\n- o1: A CFP for a meetup — done: "
            "submitted a talk\n- f2: Send Ada the link — dropped") in minutes


@pytest.mark.parametrize("flag", [["--followup-done", "o7"], ["--followup-drop", "q1"],
                                  ["--followup-done", "=x"],
                                  ["--followup-done", "o1", "--followup-drop", "o1"]])
def test_week_refuses_a_bad_follow_up_flag_before_anything(run, met: Path,
                                                           flag: list[str]) -> None:
    before = files(met)
    result = run(*WEEK, *flag, env=LATER)
    assert result.exit_code == 1, result
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith("Error: ")
    assert files(met) == before


def test_a_meeting_recorded_again_keeps_its_follow_ups_apart(run, met: Path) -> None:
    """--force replaces the follow-ups it had set; it cannot close them as earlier ones."""
    result = run(*WEEK, "--followup-done", "o1", "--force")
    assert result.exit_code == 1 and "o1" in result.stderr
    result = run(*WEEK, "--mentor-watch", "A talk", "--force")
    assert result.exit_code == 0, result
    assert [(f["id"], f["text"]) for f in listed(run, "--all")] == [("o3", "A talk")]


def test_answer_outside_a_meeting(run, initialized: Path) -> None:
    assert run("ask", "How do you review a large PR?").exit_code == 0
    result = run("answer", "q1", "Commit by commit")
    assert result.exit_code == 0, result
    assert result.stdout == "Answered q1: How do you review a large PR?\n"
    saved = tomllib.loads((initialized / "questions.toml").read_text())["questions"][0]
    assert (saved["status"], saved["answer"], saved["answered_on"]) == (
        "answered", "Commit by commit", date(2026, 11, 24))
    assert json.loads(run("agenda", "--json").stdout)["question_ids"] == []
    before = files(initialized)
    for argv, message in ((["answer", "q1", "again"], "Error: q1 is already answered"),
                          (["answer", "q2", "x"], "Error: no question with id 'q2'")):
        result = run(*argv)
        assert result.exit_code == 1 and result.stderr.startswith(message), result
    assert run("ask", "Another?").exit_code == 0
    before = files(initialized)
    result = run("answer", "q2", "  ")
    assert result.exit_code == 1 and result.stderr.startswith("Error: the answer is empty")
    assert files(initialized) == before


# --- version 1 files -------------------------------------------------------------------------

V1 = """\
schema_version = 1
next_id = 5

[[opportunities]]
id = "o1"
text = "A CFP for a local meetup"
raised_on = 2026-11-24
status = "open"

[[opportunities]]
id = "o2"
text = "A conference talk"
raised_on = 2026-11-24
status = "followed-up"
outcome = "emailed the organisers"

[[opportunities]]
id = "o4"
text = "An open-source sprint"
raised_on = 2026-11-24
status = "done"
outcome = "went"
closed_on = 2026-11-30
"""


def test_a_version_1_file_reads_as_written_and_is_written_back_as_version_2(
    run, initialized: Path
) -> None:
    path = initialized / "opportunities.toml"
    path.write_text(V1)
    assert run("check").exit_code == 0
    assert [(f["id"], f["kind"], f["status"], f["outcome"]) for f in listed(run, "--all")] == [
        ("o1", "opportunity", "open", None),
        ("o2", "opportunity", "open", "emailed the organisers"),  # followed-up: still open
        ("o4", "opportunity", "done", "went"),
    ]
    assert path.read_text() == V1  # reading never rewrites
    agenda = json.loads(run("agenda", "--json").stdout)
    assert [o["id"] for o in agenda["opportunities"]] == ["o1", "o2"]

    assert run("followup", "done", "o2").exit_code == 0  # the outcome noted earlier is kept
    saved = tomllib.loads(path.read_text())
    assert saved["schema_version"] == 2 and saved["next_id"] == 5
    assert "opportunities" not in saved
    assert saved["followups"][1] == {
        "id": "o2", "kind": "opportunity", "text": "A conference talk",
        "set_on": date(2026, 11, 24), "status": "done", "outcome": "emailed the organisers",
        "closed_on": date(2026, 11, 24)}
    assert run("followup", "add", "Send the slides").stdout.startswith("Added f5 ")


def test_the_anything_else_of_a_meeting_recorded_before_follow_ups_stays_on_the_agenda(
    run, initialized: Path
) -> None:
    from mentorlog.core.meetings import Meeting
    from mentorlog.storage.codecs.meetings import meeting_to_doc
    from mentorlog.storage.store import Store

    old = Meeting(date(2026, 11, 24), duration=60, new_task="t1",
                  answers={"todo": "- send Ada the link"})
    store = Store(initialized)
    with store.lock():
        store.save_doc(old.rel, meeting_to_doc(old))
    assert json.loads(run("agenda", "--json").stdout)["todo"] == "- send Ada the link"
    assert "Agreed last time" in run("agenda").stdout


@pytest.mark.parametrize(("version", "shown"), [(3, "schema_version 3 is unknown"),
                                                (0, "schema_version 0 is unknown")])
def test_other_versions_are_refused(run, initialized: Path, version: int, shown: str) -> None:
    (initialized / "opportunities.toml").write_text(f"schema_version = {version}\n")
    result = run("followup")
    assert result.exit_code == 1 and shown in result.stderr
    assert "this mentorlog reads 1 and 2" in result.stderr


def test_version_2_is_only_for_opportunities_toml(run, initialized: Path) -> None:
    (initialized / "questions.toml").write_text("schema_version = 2\n")
    result = run("agenda")
    assert result.exit_code == 1
    assert "schema_version 2 is unknown (written by a newer mentorlog?)" in result.stderr


def test_a_hand_edit_keeps_next_id_above_every_letter() -> None:
    book = followups_from_dict({"schema_version": 2, "next_id": 1, "followups": [
        {"id": "i7", "kind": "intro", "text": "x", "set_on": date(2026, 1, 1)}]})
    assert book.next_id == 8


# --- the core --------------------------------------------------------------------------------


def test_review_answers() -> None:
    assert review_answer("") is None and review_answer("   ") is None
    assert review_answer("d") == ("done", "") and review_answer("Done") == ("done", "")
    assert review_answer("x") == ("dropped", "") and review_answer("drop") == ("dropped", "")
    assert review_answer(" sent   it ") == ("done", "sent it")


def test_the_book_refuses_what_it_cannot_do() -> None:
    book = FollowUpBook().add("todo", "a", date(2026, 1, 1))
    with pytest.raises(MentorlogError, match="cannot be empty"):
        book.add("todo", "  ", date(2026, 1, 1))
    with pytest.raises(MentorlogError, match="not a kind"):
        book.add("chore", "a", date(2026, 1, 1))
    with pytest.raises(MentorlogError, match="does not close"):
        book.close("f1", "open", date(2026, 1, 2))


@given(st.lists(st.builds(FollowUp, id=st.just("x"), kind=st.sampled_from(FOLLOWUP_KINDS),
                          text=text, set_on=days, status=st.sampled_from(FOLLOWUP_STATUSES),
                          outcome=text, closed_on=st.none() | days)))
def test_followups_round_trip(items: list[FollowUp]) -> None:
    letters = {"opportunity": "o", "todo": "f", "intro": "i"}
    book = FollowUpBook(tuple(replace(f, id=f"{letters[f.kind]}{i + 1}")
                              for i, f in enumerate(items)), len(items) + 1)
    again = followups_from_dict(tomllib.loads(tomli_w.dumps(followups_to_dict(book))))
    assert again == book
