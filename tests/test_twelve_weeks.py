"""Twelve weeks lived through the CLI with the clock moving (issue 14): a task done early, a
meeting moved with `skip --moved-to` and one moved at a wrap-up, a skipped week, a week with
nothing recorded, a gap, follow-ups closed, a question answered between meetings, then
`end`. After every step, `status`, `agenda`, `schedule`, `remind` and the `.ics` (read by
an independent parser, vobject) must agree on the next meeting and the task under review."""

from __future__ import annotations

import itertools
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import INIT_ARGS

vobject = pytest.importorskip("vobject")

SLOT = "18:00:00+01:00"  # Tue 18:00 in Berlin: winter time all along


def ics_occurrences(text: str) -> list[datetime]:
    """Every occurrence of every event, expanded by vobject (RRULE, UNTIL, EXDATE)."""
    found: list[datetime] = []
    for event in vobject.readOne(text).contents.get("vevent", []):
        rules = event.getrruleset(addRDate=True)
        found += list(itertools.islice(rules, 300)) if rules is not None else [
            event.dtstart.value]
    return sorted(found, key=lambda d: d.astimezone(UTC))


class Life:
    """The mentee's journal at a moment: commands at `now`, and the agreement checks."""

    def __init__(self, run, home: Path) -> None:
        self.run = run
        self.home = home
        self.now = ""

    def at(self, moment: str) -> Life:
        self.now = moment
        return self

    def __call__(self, *args: str) -> str:
        result = self.run(*args, env={"MENTORLOG_NOW": self.now})
        assert result.exit_code == 0, (self.now, args, result)
        return result.stdout

    def json(self, *args: str):
        return json.loads(self(*args, "--json"))

    def ics(self) -> list[datetime]:
        return ics_occurrences(self("export", "--format", "ics"))

    def check(self, next_meeting: str | None, review: tuple[str, str] | None, *,
              status_of_next: str = "planned", unrecorded: tuple[str, ...] = ()) -> dict:
        """Everything that speaks of the next meeting and the task under review agrees."""
        status = self.json("status")
        agenda = self.json("agenda")
        schedule = self.json("schedule")
        reminders = self.json("remind")
        now = datetime.fromisoformat(self.now)
        coming = [o for o in self.ics() if o >= now]
        assert status["next_meeting"] == agenda["next_meeting"] == next_meeting, self.now
        if next_meeting is None:
            assert schedule == []
            assert coming == []
        else:
            assert schedule[0]["start"] == next_meeting
            assert schedule[0]["status"] == status_of_next
            assert coming[0].astimezone(UTC) == datetime.fromisoformat(next_meeting).astimezone(
                UTC), (self.now, coming[:3])
            assert [datetime.fromisoformat(m["start"]).astimezone(UTC) for m in schedule] == [
                o.astimezone(UTC) for o in coming[:len(schedule)]]
        assert status["unrecorded"] == list(unrecorded)
        assert [r["date"] for r in reminders if r["kind"] == "unrecorded-meeting"] == list(
            unrecorded)
        for r in reminders:
            assert set(r) == {"kind", "text", "date"}
            if r["kind"] == "confirm-next-meeting":
                assert next_meeting is not None and r["date"] == next_meeting[:10]
            if r["kind"] == "task-due":
                assert status["task"] is not None and status["task"]["id"] in r["text"]
        if review is None:
            assert (agenda["review_task_id"], agenda["review_task_status"]) == (None, None)
        else:
            assert (agenda["review_task_id"], agenda["review_task_status"]) == review, self.now
            if review[1] == "open":
                assert status["task"]["id"] == review[0]
            else:
                assert status["task"] is None or status["task"]["id"] != review[0]
        return {"status": status, "agenda": agenda, "remind": reminders}

    def kinds(self) -> list[str]:
        return [r["kind"] for r in self.json("remind")]

    def meeting(self, day: str) -> str:
        return (self.home / "meetings" / f"{day}.md").read_text()

    def files(self) -> dict[str, bytes]:
        return {str(p.relative_to(self.home)): p.read_bytes()
                for p in sorted(self.home.rglob("*")) if p.is_file()}


def test_twelve_weeks_from_the_first_meeting_to_the_end(run, home: Path) -> None:
    life = Life(run, home)
    assert run(*INIT_ARGS).exit_code == 0
    life.at("2026-11-24T17:30:00+01:00").check(f"2026-12-01T{SLOT}",
                                                ("t1", "open"))
    assert life("remind") == ""

    # Week 1: the first task done early, a question parked.
    life.at("2026-11-26T20:00:00+01:00")("task", "done", "--outcome", "read it twice")
    life("ask", "How do you review a large PR?")
    life.check(f"2026-12-01T{SLOT}", ("t1", "done"))
    assert "(done)" in life("agenda")

    # The meeting reviews the task done early: no --task-status needed, its day is kept.
    life.at("2026-12-01T19:10:00+01:00")
    assert life.json("remind")[0]["kind"] == "unrecorded-meeting"  # 18:00-19:00 is over
    life("week", "--no-input", "--went-well", "read it twice", "--next-task",
         "Write the parser tests", "--mentor-watch", "a conference CFP",
         "--todo", "send Ada the repo link")
    text = life.meeting("2026-12-01")
    assert 'task = "t1"' in text and 'task_status = "done"' in text
    assert "t1: Read the contributing guide" in text
    t1 = life.json("task", "history")[0]
    assert (t1["status"], t1["closed_on"], t1["outcome"]) == ("done", "2026-11-26",
                                                              "read it twice")
    life.check(f"2026-12-08T{SLOT}", ("t2", "open"))

    # Week 2: the meeting moved with `skip --moved-to`.
    life.at("2026-12-03T09:00:00+01:00")("skip", "--date", "2026-12-08", "--moved-to",
                                         "2026-12-10 18:30", "--reason", "a conference")
    life.check("2026-12-10T18:30:00+01:00", ("t2", "open"), status_of_next="moved")
    occurrences = [o.astimezone(UTC) for o in life.ics()]
    assert datetime.fromisoformat(f"2026-12-08T{SLOT}").astimezone(UTC) not in occurrences
    assert "Tue 8 Dec 2026 18:00" in life("schedule") and "skipped" in life("schedule")

    # The moved meeting; at its wrap-up the next one cannot happen at the slot either.
    life.at("2026-12-10T19:45:00+01:00")
    life("week", "--no-input", "--task-status", "partly", "--next-task", "Open the first PR",
         "--next-meeting", "2026-12-17 17:00")
    assert 'task = "t2"' in life.meeting("2026-12-10")
    life.check("2026-12-17T17:00:00+01:00", ("t3", "open"), status_of_next="moved")
    occurrences = [o.astimezone(UTC) for o in life.ics()]
    assert datetime.fromisoformat(f"2026-12-15T{SLOT}").astimezone(UTC) not in occurrences
    assert datetime.fromisoformat("2026-12-17T17:00:00+01:00") in occurrences

    # Between meetings: the question answered, the opportunity and the to-do closed.
    life.at("2026-12-12T10:00:00+01:00")("answer", "q1", "Read it commit by commit")
    followups = {f["kind"]: f["id"] for f in life.json("followup")}
    assert set(followups) == {"opportunity", "todo"}
    life("followup", "done", followups["opportunity"], "--outcome", "submitted a talk")
    life("followup", "done", followups["todo"])
    assert life.json("followup") == []
    seen = life.check("2026-12-17T17:00:00+01:00", ("t3", "open"), status_of_next="moved")
    assert seen["agenda"]["questions"] == []

    # The moved meeting held; the next slots fall in the holidays.
    life.at("2026-12-17T18:15:00+01:00")
    life("week", "--no-input", "--task-status", "done", "--next-task",
         "Answer the review comments")
    assert life.meeting("2026-12-17")
    life.check(f"2027-01-05T{SLOT}", ("t4", "open"))

    # The gap: no meeting, the monthly review is due.
    life.at("2026-12-27T12:00:00+01:00")
    life.check(f"2027-01-05T{SLOT}", ("t4", "open"))
    assert life.json("status")["gap"] is not None
    assert "— gap: holidays" in life("schedule")
    assert "review-due" in life.kinds()

    # A skipped week.
    life.at("2027-01-04T12:00:00+01:00")
    assert {"review-due", "task-due"} <= set(life.kinds())
    life("skip", "--reason", "I'm ill")
    assert 'status = "skipped"' in life.meeting("2027-01-05")
    life.check(f"2027-01-12T{SLOT}", ("t4", "open"))

    # A week with nothing recorded: it is mentioned until it is.
    life.at("2027-01-13T12:00:00+01:00")
    life.check(f"2027-01-19T{SLOT}", ("t4", "open"), unrecorded=("2027-01-12",))
    assert {"unrecorded-meeting", "confirm-next-meeting", "task-due",
            "review-due", "checkin-due"} <= set(life.kinds())
    assert "2027-01-12" in life("schedule", "--past")
    # Six weeks in: the relationship check-in is due; once it is kept, it is not asked again.
    life("checkin", "--no-input", "--working", "4", "--time", "right", "--boundaries", "yes")
    assert "checkin-due" not in life.kinds()
    life.at("2027-01-19T19:10:00+01:00")("skip", "--date", "2027-01-12", "--reason",
                                         "it did not happen")
    life("week", "--no-input", "--task-status", "not-done", "--next-task", "Pair on the CLI")
    assert 'task = "t4"' in life.meeting("2027-01-19")  # the task was overdue: still t4
    life("goals", "review", "--no-input", "--went-well", "steady", "--next30", "Review PRs")
    life.check(f"2027-01-26T{SLOT}", ("t5", "open"))
    assert life("remind") == ""

    # The task changed between meetings: the replacement is the one reviewed.
    life.at("2027-01-25T09:00:00+01:00")("task", "set", "--replace", "Pair on the CLI, twice")
    life.check(f"2027-01-26T{SLOT}", ("t6", "open"))
    weeks = [("2027-01-26", "t6", "Draft the talk", "2027-02-02"),
             ("2027-02-02", "t7", "Rehearse the talk", "2027-02-09"),
             ("2027-02-09", "t8", "Give the talk", "2027-02-16"),
             ("2027-02-16", "t9", "Write it up", "2027-02-23")]
    for n, (day, reviewed, next_task, next_day) in enumerate(weeks, start=7):
        life.at(f"{day}T19:10:00+01:00")("week", "--no-input", "--task-status", "done",
                                         "--next-task", next_task)
        assert f'task = "{reviewed}"' in life.meeting(day)
        life.check(f"{next_day}T{SLOT}", (f"t{n}", "open"))

    # The end: nothing is planned after it, writes are refused, the retrospective is kept.
    life.at("2027-02-17T10:00:00+01:00")("end", "--no-input", "--went-well",
                                         "a steady weekly rhythm", "--next", "mentor someone")
    seen = life.check(None, None)
    assert seen["status"]["ended"] == "2027-02-17" and seen["status"]["task"] is None
    assert seen["agenda"]["ended"] == "2027-02-17" and seen["remind"] == []
    assert "ended on 2027-02-17" in life("agenda")
    end = datetime.fromisoformat("2027-02-18T00:00:00+01:00")
    assert all(o < end for o in life.ics())
    assert "UNTIL=" in life("export", "--format", "ics")
    assert [e["id"] for e in life.json("log") if e["kind"] == "retrospective"] == [
        "retrospective"]
    assert "a steady weekly rhythm" in life("export", "--format", "md")
    exported = json.loads(life("export", "--format", "json"))
    assert exported["retrospective"]["went_well"] == "a steady weekly rhythm"
    assert "a steady weekly rhythm" in life("export", "--format", "html")

    before = life.files()
    for args in (["note", "one more thing"], ["ask", "Anything else?"],
                 ["week", "--no-input", "--task-status", "done", "--next-task", "x"],
                 ["task", "set", "Another task"], ["goals", "add", "More", "--horizon", "30"],
                 ["skip", "--reason", "ill"], ["task", "done"],
                 ["followup", "add", "Meet Grace"]):
        result = run(*args, env={"MENTORLOG_NOW": life.now})
        assert result.exit_code == 1, (args, result)
        assert result.stdout == ""
        assert result.stderr.count("\n") == 1 and result.stderr.startswith("Error: ")
        assert "mentorlog reopen" in result.stderr
    assert life.files() == before

    # `reopen` undoes it: the next meeting and the task come back.
    life("reopen")
    life.check(f"2027-02-23T{SLOT}", ("t10", "open"))
    assert not (home / "retrospective.md").exists()
    assert (home / "drafts" / "retrospective.md").exists()
    life("end", "--no-input")  # the answers kept at reopen come back
    assert "a steady weekly rhythm" in (home / "retrospective.md").read_text()
    assert run("check").exit_code == 0
