"""Bad input to the weekly commands: one `Error:` line, exit 1 or 2, nothing written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

MEETING = "2026-12-01T19:00:00+01:00"
WEEK = ["week", "--no-input", "--task-status", "done", "--next-task", "Write tests"]


def snapshot(home: Path) -> dict[str, bytes]:
    return {str(p.relative_to(home)): p.read_bytes() for p in home.rglob("*")
            if p.is_file() and p.name != ".lock"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["week", "--no-input", "--date", "2026-02-30"], "is not a date: February 2026 has 28 days"),
        ([*WEEK, "--date", "someday"], "is not a date like"),
        ([*WEEK, "--date", "2026-12-24"], "is in the future"),
        ([*WEEK, "--date", "2026-11-01"], "before the mentorship started"),
        ([*WEEK, "--next-meeting", "soon"], "is not a date and time"),
        ([*WEEK, "--next-meeting", "2026-11-30 18:00"], "must come after this one"),
        ([*WEEK, "--task-status", "nearly"], "is not a task status"),
        ([*WEEK, "--duration", "0"], "between 1 and 600 minutes"),
        ([*WEEK, "--answer", "q9=yes"], "no question with id 'q9'"),
        ([*WEEK, "--answer", "q1"], "is not an answer like"),
        (["week", "--no-input", "--next-task", "x"], "missing answer: --task-status"),
        (["week", "--no-input", "--task-status", "done"], "missing answer: --next-task"),
        (["show", "t99"], "no task with id 't99'"),
        (["show", "q42"], "no question with id 'q42'"),
        (["show", "../../etc/passwd"], "no entry with id"),
        (["show", "2030-01-01"], "no entry with id"),
        (["log", "--since", "yesterday-ish"], "is not a date like"),
        (["log", "--since", "2026-12-01", "--until", "2026-11-01"], "--until is before --since"),
        (["skip", "--date", "2026-13-01"], "is not a date: a month is 01 to 12, not 13"),
        (["skip", "--moved-to", "2026-12-01 25:00"], "is not a date and time"),
        (["task", "set", "  "], "the task is empty"),
        (["task", "set", "Another"], "t1 is still open"),
        (["ask", " "], "the question is empty"),
        (["note", "x", "--tag", "two words"], "is not a tag"),
    ],
)
def test_bad_input_writes_nothing(run, initialized: Path, args: list[str], message: str) -> None:
    assert run("ask", "An open question").exit_code == 0
    before = snapshot(initialized)
    result = run(*args, env={"MENTORLOG_NOW": MEETING})
    assert result.exit_code == 1, result
    assert result.stderr.startswith("Error: ") and message in result.stderr, result
    assert result.stderr.count("\n") == 1
    assert snapshot(initialized) == before


def test_usage_errors_exit_2(run, initialized: Path) -> None:
    before = snapshot(initialized)
    for args in (["week", "--duration", "long"], ["log", "-n", "0"],
                 ["agenda", "--format", "pdf"]):
        result = run(*args)
        assert result.exit_code == 2, (args, result)
    assert snapshot(initialized) == before


def test_second_week_same_date_refuses_unless_forced(run, initialized: Path) -> None:
    env = {"MENTORLOG_NOW": MEETING}
    assert run(*WEEK, "--mentor-watch", "a CFP", env=env).exit_code == 0
    first = (initialized / "meetings" / "2026-12-01.md").read_bytes()
    result = run("week", "--no-input", "--task-status", "partly", "--next-task", "Other",
                 env=env)
    assert result.exit_code == 1
    assert "already recorded" in result.stderr and "--force" in result.stderr
    assert (initialized / "meetings" / "2026-12-01.md").read_bytes() == first
    result = run("week", "--no-input", "--task-status", "partly", "--next-task", "Other",
                 "--mentor-watch", "a meetup", "--force", env=env)
    assert result.exit_code == 0, result
    tasks = json.loads(run("task", "history", "--json", env=env).stdout)
    # The same task is reviewed again and the next one replaced, not added twice.
    assert [(t["id"], t["status"], t["text"]) for t in tasks] == [
        ("t1", "partly", "Read the contributing guide"), ("t2", "open", "Other")
    ]
    opportunities = (initialized / "opportunities.toml").read_text()
    assert "a meetup" in opportunities and "a CFP" not in opportunities


def test_task_commands(run, initialized: Path) -> None:
    assert json.loads(run("task", "--json").stdout)["text"] == "Read the contributing guide"
    result = run("task", "done", "--outcome", "read twice")
    assert result.exit_code == 0 and "Marked t1 done" in result.stdout
    assert run("task", "--json").stdout.strip() == "null"
    assert run("task", "done").exit_code == 1
    result = run("task", "set", "Write the parser tests")
    assert result.exit_code == 0 and "(due 2026-12-01)" in result.stdout
    assert run("task", "set", "Replace it", "--replace").exit_code == 0
    history = json.loads(run("task", "history", "--json").stdout)
    assert [t["status"] for t in history] == ["done", "not-done", "open"]
    assert "t3 Replace it" in run("task").stdout


def test_log_filters_and_show(run, initialized: Path) -> None:
    run("note", "Parser idea: use a table", "--tag", "parser",
        env={"MENTORLOG_NOW": "2026-11-25T10:00:00+01:00"})
    run("note", "Lunch was good", env={"MENTORLOG_NOW": "2026-11-26T10:00:00+01:00"})
    run("note", "A secret", "--private", env={"MENTORLOG_NOW": "2026-11-27T10:00:00+01:00"})
    env = {"MENTORLOG_NOW": "2026-11-28T10:00:00+01:00"}
    log = json.loads(run("log", "--json", env=env).stdout)
    assert [(e["kind"], e["date"]) for e in log] == [
        ("task", "2026-11-24"), ("note", "2026-11-25"), ("note", "2026-11-26"),
        ("note", "2026-11-27")]
    assert [e["private"] for e in log] == [False, False, False, True]
    grep = json.loads(run("log", "--json", "--grep", "TABLE", env=env).stdout)
    assert [e["text"] for e in grep] == ["Parser idea: use a table"]
    assert json.loads(run("log", "--json", "--tag", "parser", env=env).stdout)[0]["tags"] == [
        "parser"]
    window = json.loads(run("log", "--json", "--since", "2026-11-26", "--until",
                            "2026-11-26", env=env).stdout)
    assert [e["text"] for e in window] == ["Lunch was good"]
    last = json.loads(run("log", "--json", "-n", "1", env=env).stdout)
    assert [e["text"] for e in last] == ["A secret"]
    result = run("show", log[1]["id"], env=env)
    assert result.exit_code == 0 and "Parser idea: use a table" in result.stdout
    assert "show n1" in run("log", env=env).stdout  # the short id (issue 17)
    assert run("show", "2026-11-25-parser-idea-use-a-table", env=env).exit_code == 0
    assert "Read the contributing guide" in run("show", "t1").stdout


def test_agenda_markdown_leaves_private_out(run, initialized: Path) -> None:
    run("note", "Shared progress")
    run("note", "Private worry", "--private")
    run("ask", "A private question", "--private")
    md = run("agenda", "--format", "md").stdout
    assert "Shared progress" in md and "Private worry" not in md
    assert "A private question" not in md
    assert "## Wrap-up" in md and "When and where is the next meeting?" in md
    assert "Private worry" in run("agenda", "--format", "md", "--include-private").stdout


def test_skip_moves_the_next_meeting(run, initialized: Path) -> None:
    result = run("skip", "--reason", "a conflict", "--moved-to", "2026-12-03 18:00")
    assert result.exit_code == 0, result
    assert "Could we meet on Thu 3 Dec 2026 18:00 instead" in " ".join(result.stdout.split())
    status = json.loads(run("status", "--json").stdout)
    assert status["next_meeting"] == "2026-12-03T18:00:00+01:00"
    assert status["meetings_skipped"] == 1
    again = run("skip", "--date", "2026-12-01")
    assert again.exit_code == 1 and "already recorded" in again.stderr
