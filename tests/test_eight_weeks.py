"""Eight weeks of a mentorship as the guide describes them, checked after every step."""

from __future__ import annotations

import json
import re
from pathlib import Path

from mentorlog.core.meetings import QUESTION

BERLIN = "+01:00"


def at(day: str, clock: str) -> dict[str, str]:
    return {"MENTORLOG_NOW": f"{day}T{clock}:00{BERLIN}"}


class Journal:
    """Runs commands at a moment and checks what every read command says afterwards."""

    def __init__(self, run, home: Path) -> None:
        self.run = run
        self.home = home
        self.env: dict[str, str] = {}

    def __call__(self, *args: str, input: str | None = None) -> str:
        result = self.run(*args, env=self.env, input=input)
        assert result.exit_code == 0, (args, result)
        return result.stdout

    def json(self, *args: str):
        return json.loads(self(*args, "--json"))

    def check_all(self, *, held: int, skipped: int, task: str | None, next_meeting: str | None,
                  questions: list[str], notes: list[str], review_due: bool) -> None:
        status = self.json("status")
        assert status["meetings_held"] == held
        assert status["meetings_skipped"] == skipped
        assert status["hours_agreed"] == 1.5
        assert status["monthly_review_due"] is review_due
        assert status["next_meeting"] == next_meeting
        assert (status["task"] or {}).get("text") == task
        current = self.json("task")
        assert (current or {}).get("text") == task
        if current:
            assert set(current) >= {"text", "set_on", "due", "status"}
            assert current["status"] == "open"
        agenda = self.json("agenda")
        assert agenda["next_meeting"] == next_meeting
        assert agenda["review_task"] == task
        assert agenda["questions"] == questions
        assert [n["title"] for n in agenda["notes"]] == notes
        assert agenda["monthly_review_due"] is review_due
        log = self.json("log")
        assert [e["date"] for e in log] == sorted(e["date"] for e in log)
        assert sum(e["kind"] == "meeting" for e in log) == held + skipped
        for e in log:
            assert set(e) >= {"kind", "date", "text", "tags", "private"}
        assert self.run("check").exit_code == 0


def test_eight_weeks_of_meetings(run, initialized: Path) -> None:
    j = Journal(run, initialized)
    j.env = at("2026-11-24", "17:30")
    j.check_all(held=0, skipped=0, task="Read the contributing guide",
                next_meeting="2026-12-01T18:00:00+01:00", questions=[], notes=[],
                review_due=False)

    # Between meetings: notes, a question, a private note.
    j.env = at("2026-11-26", "21:00")
    j("note", "Read CONTRIBUTING.md\n\nThe test layout is odd.", "--tag", "reading")
    j("ask", "How do you review a large PR?")
    j.env = at("2026-11-27", "08:00")
    j("note", "--private", input="Felt lost in the codebase today\n")
    j.check_all(held=0, skipped=0, task="Read the contributing guide",
                next_meeting="2026-12-01T18:00:00+01:00",
                questions=["How do you review a large PR?"],
                notes=["Read CONTRIBUTING.md", "Felt lost in the codebase today"],
                review_due=False)
    log = j.json("log", "--tag", "reading")
    assert [e["text"] for e in log] == ["Read CONTRIBUTING.md"]
    assert [e["private"] for e in j.json("log") if e["kind"] == "note"] == [False, True]

    weeks = [
        # (date, held?, next task, next meeting as shown afterwards)
        ("2026-12-01", True, "Write the parser tests", "2026-12-08T18:00:00+01:00"),
        ("2026-12-08", True, "Open the first PR", "2026-12-15T18:00:00+01:00"),
        ("2026-12-15", False, None, "2027-01-05T18:00:00+01:00"),  # skipped; then the gap
        ("2027-01-05", True, "Address review comments", "2027-01-12T18:00:00+01:00"),
        ("2027-01-12", True, "Pair on the CLI", "2027-01-19T18:00:00+01:00"),
        ("2027-01-19", True, "Draft the talk outline", "2027-01-26T18:00:00+01:00"),
        ("2027-01-26", True, "Rehearse the talk", "2027-02-02T18:00:00+01:00"),
        ("2027-02-02", True, "Give the talk", "2027-02-09T18:00:00+01:00"),
    ]
    task = "Read the contributing guide"
    held = skipped = 0
    open_questions = ["How do you review a large PR?"]
    pending = "q1"
    for n, (day, is_held, next_task, next_meeting) in enumerate(weeks, start=1):
        if not is_held:
            j.env = at(day, "09:00")
            out = j("skip", "--reason", "I'm ill")
            assert "Hi Ada, I can't make our meeting on Tue 15 Dec 2026 18:00" in out
            assert "(Tue 12:00 your time): I'm ill." in out
            skipped += 1
            meeting = (initialized / "meetings" / f"{day}.md").read_text()
            assert 'status = "skipped"' in meeting and 'reason = "I\'m ill"' in meeting
            j.check_all(held=held, skipped=skipped, task=task, next_meeting=next_meeting,
                        questions=open_questions, notes=[f"Progress on {task}"],
                        review_due=False)
            continue
        j.env = at(day, "19:10")
        args = ["week", "--no-input", "--task-status", "partly" if n == 2 else "done",
                "--went-well", f"week {n} went well", "--could-improve", "start earlier",
                "--goals-note", "g1 on track", "--notes", f"We talked about week {n}.",
                "--next-task", next_task, "--mentor-watch", f"opportunity {n}",
                "--todo", "send Ada the link", "--where", "video call"]
        args += ["--answer", f"{pending}=answered in week {n}"]
        if n == 1:
            args += ["--duration", "75"]
        open_questions = []
        j(*args)
        held += 1
        text = (initialized / "meetings" / f"{day}.md").read_text()
        body = text.split("+++\n", 2)[2]
        # Reads as the guide's questions with their answers.
        assert f"## {QUESTION['completed']}\n\n{'Partly' if n == 2 else 'Done'}" in body
        assert f"## What went well?\n\nweek {n} went well" in body
        assert "## What could have gone better?\n\nstart earlier" in body
        assert "## Where are you on your 30/60/90 goals?\n\ng1 on track" in body
        assert f"## What are you doing for the next week?\n\n{next_task}" in body
        assert re.search(r"## What will your mentor keep an eye out for, opportunities-wise\?"
                         rf"\n\n- o\d+: opportunity {n}", body)
        assert "## When and where is the next meeting?\n\n" in body
        assert "## Notes\n\nWe talked about week" in body
        task = next_task
        # Due 28 days after the start, then 28 days after the review of 2027-01-05.
        review_due = "2026-12-22" <= day <= "2027-01-05" or day >= "2027-02-02"
        j.check_all(held=held, skipped=skipped, task=task, next_meeting=next_meeting,
                    questions=open_questions, notes=[], review_due=review_due)
        if day == "2027-01-05":
            # The monthly review: due no more.
            j("goals", "review", "--no-input", "--went-well", "steady weekly rhythm",
              "--could-improve", "more pairing", "--next30", "Review two PRs a week")
        # Between meetings, each week: a note and a question.
        j.env = at(day[:8] + f"{int(day[8:]) + 2:02d}", "20:00")
        j("note", f"Progress on {next_task}", "--tag", "progress")
        out = j("ask", f"Question after week {n}")
        pending = re.search(r"Parked (q\d+)", out).group(1)
        open_questions = [f"Question after week {n}"]

    status = j.json("status")
    assert status["meetings_held"] == 7 and status["meetings_skipped"] == 1
    assert status["hours_this_week"] == 1.0
    assert status["hours_per_week"] > 0
    log = j.json("log")
    kinds = {e["kind"] for e in log}
    assert kinds == {"meeting", "note", "question", "task", "review"}
    assert [e["text"] for e in j.json("log", "-n", "2")] == [
        "Asked q8: Question after week 8", "Progress on Give the talk"
    ]
    assert j.json("log", "-n", "2") == log[-2:]
    tasks = [json.loads(j("task", "history", "--json"))][0]
    assert [t["status"] for t in tasks] == ["done", "partly", "done", "done", "done", "done",
                                             "done", "open"]
    opportunities = (initialized / "opportunities.toml").read_text()
    assert opportunities.count('kind = "opportunity"') == 7
    assert "Opportunities to follow up" in j("agenda")
    status_text = " ".join(j("status").split())
    assert "1 h this week of 1.5 agreed" in status_text
    assert "7 meetings held, 1 skipped" in status_text
