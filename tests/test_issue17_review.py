"""Issue 17 as a new user met it after the first round of work: what still slipped. `show`
with an impossible day, "did you mean" for the ids `show` takes, text in angle brackets,
`next thu` at the wrap-up, a gap typed relatively at `init`, `partly done`, a resumed review
replaying a refused verdict, `week` in a pipe, the export's counts and note titles, its "left
out" line, an overdue goal on the week's screen, and `log --json` bodies of every kind."""

from __future__ import annotations

import json
import shutil
from datetime import date, datetime, time
from pathlib import Path

import pytest
from conftest import INIT_ARGS, run_process
from journal_fixture import LATER, build
from test_drafts import _init, _say, _until
from test_init_interactive import ANSWERS as INIT_ANSWERS
from test_week_conversation import TYPICAL, _env, _typical_journal
from tmux import Terminal, terminal_env

from mentorlog.cli.weekform import _next_meeting
from mentorlog.core.agreement import zone
from mentorlog.core.errors import MentorlogError
from mentorlog.core.week import task_line
from mentorlog.storage.formats import AGREEMENT
from mentorlog.storage.store import Store


def snapshot(home: Path) -> dict[str, bytes]:
    return {str(p.relative_to(home)): p.read_bytes() for p in sorted(home.rglob("*"))
            if p.is_file()}


def test_show_an_impossible_day_says_what_is_wrong(initialized: Path) -> None:
    """Was a ValueError traceback."""
    before = snapshot(initialized)
    for day, why in (("2026-09-31", "September has 30 days"),
                     ("2026-13-01", "a month is 01 to 12, not 13")):
        result = run_process("show", day, env={"MENTORLOG_HOME": str(initialized)})
        assert result.returncode == 1
        assert result.stderr == f"Error: '{day}' is not a date: {why}\n"
        assert result.stdout == ""
    assert snapshot(initialized) == before


def test_show_says_did_you_mean_for_an_id(run, initialized: Path) -> None:
    assert run("note", "Paired with Sam", "--date", "2026-11-20").exit_code == 0
    for typed, meant in (("n", "n1"), ("t", "t1"),
                         ("2026-11-20-paired", "2026-11-20-paired-with-sam")):
        result = run("show", typed)
        assert result.exit_code == 1
        assert result.stderr.startswith(f"Error: no entry with id {typed!r}: did you mean "
                                        f"{meant!r}? (ids are shown by 'mentorlog log'")
        assert result.stderr.count("\n") == 1
    result = run("show", "n9")  # nothing close: no guess
    assert result.exit_code == 1 and "did you mean" not in result.stderr
    # A meeting file broken by hand does not turn a wrong id into an error about that file.
    (initialized / "meetings").mkdir()
    (initialized / "meetings" / "2026-11-21.md").write_text("+++\ndate = [\n+++\n")
    result = run("show", "n")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: no entry with id 'n': did you mean 'n1'?")


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
@pytest.mark.parametrize("width", [60, 120])
def test_next_thu_alone_is_at_the_agreed_time_and_echoed(home: Path, tmp_path: Path,
                                                          width: int) -> None:
    """The issue's `next thu` at "When and where is the next meeting?": was refused for its
    missing time ("a place alone goes after a comma: ', next thu'")."""
    _typical_journal(home, tmp_path)
    term = Terminal(["week"], _env(home, tmp_path), width=width)
    try:
        for prompt, text in TYPICAL[:-1]:
            term.answer(prompt, text)
        term.answer("c. When and where is the next meeting?", "next thu")
        screen = term.wait_for("EXIT=")
    finally:
        term.close()
    words = " ".join(screen.split())
    assert "EXIT=0" in screen and "Traceback" not in screen
    assert "no time of day" not in words and "a place alone" not in words
    assert "next thu → Thu 3 Dec 2026 18:00 (Thu 12:00 for Ada Lovelace)" in words
    assert "Next meeting: Thu 3 Dec 2026 18:00" in words
    text = (home / "meetings" / "2026-12-01.md").read_text()
    assert "next_meeting = 2026-12-03 18:00:00+01:00" in text


def test_the_export_counts_one_meeting_and_one_week(run, initialized: Path) -> None:
    """Was "1 meetings held, 0 skipped; ... over 1 weeks"."""
    env = {"MENTORLOG_NOW": "2026-12-01T20:00:00+01:00"}
    assert run("week", "--no-input", "--task-status", "done", "--next-task", "Write tests",
               env=env).exit_code == 0
    md = run("export", "--format", "md", env=env)
    assert md.exit_code == 0, md
    assert "- 1 meeting held, 0 skipped; 1 h a week on average over 1 week (agreed: 1.5 h)" \
        in md.stdout
    html = run("export", "--format", "html", env=env).stdout
    assert "<p>1 meeting held, 0 skipped;" in html and "over 1 week (agreed" in html
    later = run("export", "--format", "md", env={"MENTORLOG_NOW": LATER}).stdout
    assert "- 1 meeting held, 0 skipped; 0.5 h a week on average over 2 weeks (agreed" in later


def test_a_note_title_in_the_html_export_is_drawn(run, home: Path) -> None:
    """The HTML drew a note's body but showed its title's markdown raw."""
    build(run, home)
    assert run("note", "Lunch with **Grace** about `pytest` <b>x</b>\n\nMore",
               env={"MENTORLOG_NOW": LATER}).exit_code == 0
    html = run("export", "--format", "html", env={"MENTORLOG_NOW": LATER}).stdout
    assert ("Lunch with <strong>Grace</strong> about <code>pytest</code> &lt;b&gt;x&lt;/b&gt;"
            "</h3>" in html)
    assert "**Grace**" not in html and "<b>x" not in html


def test_one_confidential_and_one_private_entry(run, initialized: Path) -> None:
    """Was "1 confidential and 1 private entries"."""
    assert run("note", "Just for me", "--private").exit_code == 0
    assert run("note", "Told in confidence", "--confidential").exit_code == 0
    result = run("export", "--format", "md")
    assert result.exit_code == 0
    assert result.stderr == ("Left out 1 confidential and 1 private entry (add "
                             "--include-confidential / --include-private to include them).\n")
    assert "Just for me" not in result.stdout and "Told in confidence" not in result.stdout


@pytest.mark.parametrize("said", ["partly done", "half done", "Partially done", "mostly done",
                                  "mostly"])
def test_partly_done_in_words_is_partly(said: str) -> None:
    """Was: "'partly done' is not a task status" at "Was it completed?"."""
    assert task_line(f"{said}: read half of it") == ("partly", "read half of it")


def test_show_keeps_text_in_angle_brackets(run, initialized: Path) -> None:
    """`show` drew a note with Rich's Markdown, which reads HTML and draws nothing for it:
    `Vec<String>` came out as `Vec`, a `<div>` block vanished."""
    body = ("Learned about HTML\n\nUse the <details> tag, and Vec<String> in Rust; **bold**."
            "\n\n<div>\nblock html\n</div>\n")
    assert run("note", body).exit_code == 0
    result = run("show", "n1")
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    assert "Use the <details> tag, and Vec<String> in Rust; bold." in text
    assert "<div> block html </div>" in text


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_a_refused_verdict_is_not_replayed_on_resume(home: Path, tmp_path: Path) -> None:
    """A resumed `goals review` replayed a verdict it had refused ("not 'yes' — try again")
    and counted it among the answers kept."""
    env = {**_init(home, tmp_path), "MENTORLOG_NOW": "2026-12-29T19:00:00"}
    term = Terminal(["goals", "review"], env)
    try:
        _say(term, "How is g1 going", "yes")
        term.wait_for("not 'yes' — try again")
        _say(term, "How is g1 going", "behind")
        _say(term, "Anything to add about", "waiting on review")
        _until(term, lambda screen: "How is g2 going" in screen)
        term.interrupt()
        assert "EXIT=130" in term.wait_for("EXIT=")
    finally:
        term.close()
    assert "'yes'" not in (home / "drafts" / "review.toml").read_text()
    term = Terminal(["goals", "review"], env)
    try:
        _say(term, "(2 answers). Resume it?", "y")
        _say(term, "How is g2 going", "on-track")
        screen = term.screen()
    finally:
        term.close()
    resumed = " ".join(screen.split("Resume it?")[1].split())
    assert "How is g1 going — done, on-track, behind, dropped or carry? behind" in resumed
    assert "Anything to add about g1? (Enter to skip) waiting on review" in resumed
    assert "yes" not in resumed and "try again" not in resumed


def test_log_json_body_of_every_kind_is_as_documented(run, home: Path) -> None:
    """docs/json.md: a review's `next`, the retrospective's answers, a question's answer, a
    task's outcome, `{}` for a skipped meeting without notes."""
    build(run, home)
    env = {"MENTORLOG_NOW": LATER}
    for args in (["answer", "q1", "Read it commit by commit"],
                 ["task", "done", "--outcome", "replied to all of them"],
                 ["skip", "--date", "2026-12-15", "--reason", "ill"],
                 ["goals", "review", "--no-input", "--set", "g1=behind: waiting on review",
                  "--next30", "Review a PR"],
                 ["end", "--no-input", "--went-well", "the weekly rhythm", "--next",
                  "mentor others"]):
        result = run(*args, env=env)
        assert result.exit_code == 0, (args, result)
    entries = json.loads(run("log", "--json", env=env).stdout)
    body = {e["id"]: e["body"] for e in entries}
    assert set(body) >= {"q1", "t1", "t2", "t3", "2026-12-15", "review-2026-12-10",
                         "retrospective"}
    assert body["q1"] == "Read it commit by commit"
    assert body["t3"] == "replied to all of them" and body["t1"] == "read it all"
    assert body["t2"] is None  # closed at a meeting without a word on it
    assert body["2026-12-15"] == {}
    review = body["review-2026-12-10"]
    assert list(review) == ["verdicts", "What went well?", "What could have gone better?",
                            "next"]
    assert {"goal": "g4", "text": "Review a PR", "horizon": 30, "due": "2027-01-09",
            "kind": "new"} in review["next"]
    assert all(set(n) == {"goal", "text", "horizon", "due", "kind"} for n in review["next"])
    assert {n["kind"] for n in review["next"]} <= {"new", "carried", "continuing"}
    assert body["retrospective"] == {"What went well?": "the weekly rhythm",
                                     "What next?": "mentor others"}


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_a_relative_gap_at_init_is_echoed(tmp_path: Path) -> None:
    """Every relative date typed at a prompt is echoed: the gap at `init` was not."""
    answers = [(p, "in 4 weeks..in 6 weeks: holidays" if p == "A known gap" and t else t)
               for p, t in INIT_ANSWERS]
    home = tmp_path / "home"
    term = Terminal(["init"], terminal_env(home, "2026-11-24T17:00:00"), width=60)
    try:
        for prompt, text in answers:
            term.answer(prompt, text)
        screen = term.wait_for("EXIT=")
    finally:
        term.close()
    assert "EXIT=0" in screen
    words = " ".join(screen.split())
    assert "in 4 weeks..in 6 weeks: holidays → Tue 22 Dec 2026 to Tue 5 Jan 2027" in words
    agreement = (home / "agreement.toml").read_text()
    assert "2026-12-22" in agreement and "2027-01-05" in agreement


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_an_overdue_goal_on_the_week_screen(home: Path, tmp_path: Path) -> None:
    """On the screen itself, not only in the helper: was "(30 days, due 19 days late)"."""
    _typical_journal(home, tmp_path)
    term = Terminal(["week", "--date", "2027-01-12"], _env(home, tmp_path, "2027-01-12T19:05:00"),
                    width=60)
    try:
        term.answer("a. Was it completed, and how did it go?", "yes")
        term.answer("b. What went well?", "")
        term.answer("c. What could have gone better?", "")
        term.answer("g1 Ship a PR", "")
        screen = term.wait_for("g2 Give a talk")
    finally:
        term.close()
    words = " ".join(screen.split())
    assert "g1 Ship a PR (30 days, 17 days late):" in words  # due Sat 26 Dec 2026
    assert "g2 Give a talk (60 days, due in 13 days):" in words
    assert "due 17 days late" not in words


def test_week_in_a_pipe_says_how_to_be_asked(initialized: Path) -> None:
    """Piped input is no terminal: `week` cannot ask, and said "(or run without --no-input)"
    to someone who never typed --no-input."""
    env = {"MENTORLOG_HOME": str(initialized), "MENTORLOG_NOW": "2026-12-01T19:05:00+01:00"}
    result = run_process("week", env=env, input="yes\n")
    assert result.returncode == 1
    assert result.stderr == ("Error: missing answer: --task-status, --next-task (or run "
                             "'mentorlog week' in a terminal, without --no-input, to be "
                             "asked)\n")
    assert not (initialized / "meetings").exists()


def test_a_day_alone_takes_that_days_slot_else_the_next_ones_time(run, home: Path) -> None:
    assert run(*INIT_ARGS, "--slot", "Thu 12:30").exit_code == 0
    agreement = Store(home).load(AGREEMENT)
    berlin = zone("Europe/Berlin")
    now = datetime(2026, 12, 1, 19, 5, tzinfo=berlin)
    day = date(2026, 12, 1)
    usual = time(18, 0)
    assert _next_meeting("next thu", agreement, day, now, usual) == \
        datetime(2026, 12, 3, 12, 30, tzinfo=berlin)  # Thursday's own slot
    assert _next_meeting("2026-12-04", agreement, day, now, usual) == \
        datetime(2026, 12, 4, 18, 0, tzinfo=berlin)  # no Friday slot: the next one's time
    assert _next_meeting("next thu 9:00", agreement, day, now, usual) == \
        datetime(2026, 12, 3, 9, 0, tzinfo=berlin)  # a time given is the time
    with pytest.raises(MentorlogError, match="has no time of day"):  # the flag: as before
        _next_meeting("next thu", agreement, day, now)
    with pytest.raises(MentorlogError, match="September has 30 days"):
        _next_meeting("2026-09-31", agreement, day, now, usual)
