"""`mentorlog checkin` (issue 18): the relationship check-in, kept private by default; the
`checkin-due` reminder every `checkin_weeks`; the agenda raising it; the guide's outside help
when the answers say it is not working; checkins.toml's round trip."""

from __future__ import annotations

import json
import tempfile
import tomllib
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentorlog.core.checkins import (
    BOUNDARY_ANSWERS,
    OUTSIDE_HELP,
    TIME_ANSWERS,
    CheckIn,
    CheckInBook,
    checkin_due,
)
from mentorlog.storage.formats import CHECKINS
from mentorlog.storage.store import Store

FLAGS = ["checkin", "--no-input", "--working", "4", "--time", "too-much", "--boundaries",
         "yes", "--keep", "the weekly rhythm", "--change", "shorter tasks", "--feedback",
         "thank you for the reviews"]


def test_a_checkin_is_saved_private_and_listed(run, initialized: Path) -> None:
    result = run(*FLAGS)
    assert result.exit_code == 0, result
    flat = " ".join(result.stdout.split())
    assert flat.startswith(f"Saved check-in ci1 (private) in {initialized}/checkins.toml. ")
    assert "To raise at a meeting: shorter tasks" in result.stdout
    assert OUTSIDE_HELP[:30] not in result.stdout
    data = tomllib.loads((initialized / "checkins.toml").read_text())
    assert data["schema_version"] == 1 and data["next_id"] == 2
    assert data["checkins"][0]["privacy"] == "private"
    listed = json.loads(run("checkin", "--json").stdout)
    assert listed == [{"id": "ci1", "date": "2026-11-24", "working": 4, "time": "too-much",
                       "boundaries": "yes", "keep": "the weekly rhythm",
                       "change": "shorter tasks", "feedback": "thank you for the reviews",
                       "privacy": "private"}]
    listing = " ".join(run("checkin", "--list").stdout.split())
    assert listing == ("ci1 Tue 24 Nov 2026 🔒 private — working 4/5, time too-much, "
                       "boundaries yes • keep: the weekly rhythm • change: shorter tasks • "
                       "feedback: thank you for the reviews")
    assert run("check").exit_code == 0


def test_only_working_is_needed_and_privacy_can_be_chosen(run, initialized: Path) -> None:
    result = run("checkin", "--no-input", "--working", "5", "--privacy", "normal",
                 "--date", "yesterday")
    assert result.exit_code == 0, result
    [entry] = json.loads(run("checkin", "--json").stdout)
    assert entry == {"id": "ci1", "date": "2026-11-23", "working": 5, "time": "right",
                     "boundaries": "yes", "keep": None, "change": None, "feedback": None,
                     "privacy": "normal"}


@pytest.mark.parametrize("answers", [["--working", "2"], ["--working", "4", "--boundaries",
                                                            "no"]])
def test_not_working_offers_the_guides_outside_help(run, initialized: Path,
                                                    answers: list[str]) -> None:
    result = run("checkin", "--no-input", *answers)
    assert result.exit_code == 0
    flat = " ".join(result.stdout.split())
    assert "It does not sound like it is working." in flat
    assert ("Seek outside help when something isn't working right or you have a serious "
            "problem. #mentees and /admin are both available.") in flat


@pytest.mark.parametrize(("args", "message"), [
    (["--working", "6"], "Error: '6': answer with a number from 1 (not at all) to 5 "
                         "(very well)\n"),
    (["--working", "3", "--time", "forever"],
     "Error: 'forever' is not an answer for the time commitment: use right, too-much, "
     "too-little\n"),
    (["--working", "3", "--boundaries", "maybe"],
     "Error: 'maybe' is not an answer for boundaries and channels: use yes, mostly, no\n"),
    (["--working", "3", "--privacy", "secret"],
     "Error: 'secret' is not an answer for --privacy: use normal, private, confidential\n"),
    (["--working", "3", "--date", "tomorrow"],
     "Error: 2026-11-25 is in the future: check in on a day that has come\n"),
    ([], "Error: missing answer: --working (1 not at all ... 5 very well)\n"),
])
def test_bad_answers_are_refused_and_nothing_is_written(run, initialized: Path,
                                                        args: list[str], message: str) -> None:
    result = run("checkin", "--no-input", *args)
    assert result.exit_code == 1
    assert result.stderr == message
    assert not (initialized / "checkins.toml").exists()


def test_checkin_before_init_and_after_end(run, home: Path) -> None:
    result = run("checkin", "--no-input", "--working", "3")
    assert result.exit_code == 1 and result.stderr.startswith("Error: ")
    assert run(*__import__("conftest").INIT_ARGS).exit_code == 0
    assert run("end", "--no-input").exit_code == 0
    result = run("checkin", "--no-input", "--working", "3")
    assert result.exit_code == 1 and "ended" in result.stderr
    assert json.loads(run("checkin", "--json").stdout) == []


def test_remind_shows_checkin_due_every_six_weeks(run, initialized: Path) -> None:
    def kinds(now: str) -> list[dict[str, str]]:
        found = json.loads(run("remind", "--json", env={"MENTORLOG_NOW": now}).stdout)
        return [r for r in found if r["kind"] == "checkin-due"]

    assert kinds("2027-01-04T09:00:00+01:00") == []  # six weeks after 24 Nov is 5 Jan
    [due] = kinds("2027-01-05T09:00:00+01:00")
    assert due == {"kind": "checkin-due", "date": "2027-01-05", "text":
                   "A relationship check-in is due (since Tue 5 Jan 2027): 'mentorlog checkin'"}
    agenda = json.loads(run("agenda", "--json", env={"MENTORLOG_NOW":
                                                     "2027-01-05T09:00:00+01:00"}).stdout)
    assert agenda["checkin_due"] is True
    text = run("agenda", env={"MENTORLOG_NOW": "2027-01-05T09:00:00+01:00"}).stdout
    assert "Relationship check-in due" in text
    md = run("agenda", "--format", "md", env={"MENTORLOG_NOW": "2027-01-05T09:00:00+01:00"})
    assert "## How is the relationship going?" in md.stdout
    # a check-in starts the six weeks again
    assert run("checkin", "--no-input", "--working", "4", "--date", "2027-01-05",
               env={"MENTORLOG_NOW": "2027-01-05T09:00:00+01:00"}).exit_code == 0
    assert kinds("2027-02-15T09:00:00+01:00") == []
    assert kinds("2027-02-16T09:00:00+01:00")[0]["date"] == "2027-02-16"


def test_checkin_weeks_is_a_setting(run, initialized: Path) -> None:
    assert run("config", "set", "checkin_weeks", "2").exit_code == 0
    found = json.loads(run("remind", "--json", env={
        "MENTORLOG_NOW": "2026-12-08T09:00:00+01:00"}).stdout)
    assert "checkin-due" in [r["kind"] for r in found]
    assert run("config", "set", "checkin_weeks", "0").exit_code == 0
    found = json.loads(run("remind", "--json", env={
        "MENTORLOG_NOW": "2027-06-08T09:00:00+01:00"}).stdout)
    assert "checkin-due" not in [r["kind"] for r in found]
    result = run("config", "set", "checkin_weeks", "often")
    assert result.exit_code == 1
    assert result.stderr == ("Error: checkin_weeks: expected a number of weeks from 0 (off) "
                             "to 52, got 'often'\n")
    assert json.loads(run("agenda", "--json").stdout)["checkin_due"] is False


def test_checkin_due_rule() -> None:
    start = date(2026, 11, 24)
    assert checkin_due(start, [], date(2027, 1, 4)) is None
    assert checkin_due(start, [], date(2027, 1, 5)) == date(2027, 1, 5)
    done = [CheckIn(date(2026, 12, 20), 4)]
    assert checkin_due(start, done, date(2027, 1, 30)) is None
    assert checkin_due(start, done, date(2027, 1, 31)) == date(2027, 1, 31)
    assert checkin_due(start, done, date(2030, 1, 1), weeks=0) is None


def test_a_broken_checkins_file_is_reported(run, initialized: Path) -> None:
    (initialized / "checkins.toml").write_text(
        'schema_version = 1\n[[checkins]]\non = 2026-11-20\nworking = 9\n')
    result = run("checkin", "--json")
    assert result.exit_code == 1
    assert result.stderr.endswith("checkins.toml: checkins[0].working: expected 1 to 5, got 9\n")
    assert run("check").exit_code == 1


TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30) | \
    st.sampled_from(["🎉 emoji", 'say "hi"', "+++", '"""', "a\r\nb", "it's"])
CHECKIN = st.builds(
    CheckIn, st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)),
    st.integers(1, 5), st.sampled_from(TIME_ANSWERS), st.sampled_from(BOUNDARY_ANSWERS),
    TEXT, TEXT, TEXT, st.sampled_from(("normal", "private", "confidential")))


@settings(max_examples=60, deadline=None)
@given(st.lists(CHECKIN, max_size=5))
def test_checkins_file_round_trip(entries: list[CheckIn]) -> None:
    book = CheckInBook()
    for entry in entries:
        book = book.add(entry)
    assert [c.id for c in book.checkins] == [f"ci{i}" for i in range(1, len(entries) + 1)]
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder))
        with store.lock():
            store.save(CHECKINS, book)
        assert store.load(CHECKINS) == book


@pytest.mark.parametrize("width", [60, 120])
def test_checkin_typed_in_a_terminal(tmp_path: Path, width: int) -> None:
    """The six questions in a real terminal: a wrong answer is asked again, Enter skips."""
    from conftest import INIT_ARGS, run_process
    from tmux import Terminal, terminal_env

    home = tmp_path / "home"
    now = "2026-11-24T17:00:00"
    assert run_process(*INIT_ARGS, env={"MENTORLOG_HOME": str(home),
                                        "MENTORLOG_NOW": now}).returncode == 0
    term = Terminal(["checkin"], terminal_env(home, now), width=width)
    try:
        term.answer("Is the relationship working for you?", "7")
        term.answer("Is the relationship working for you?", "2")
        term.answer("Is the time commitment right?", "too-little")
        term.answer("Are boundaries and agreed channels respected?", "")
        term.answer("One thing to keep", "the reviews")
        term.answer("One thing to change", "")
        term.answer("Feedback for your mentor", "more pairing, please")
        screen = term.wait_for("EXIT=")
    finally:
        term.close()
    assert "EXIT=0" in screen and "Traceback" not in screen
    assert "answer with a number from 1" in screen
    assert "#mentees and /admin" in " ".join(screen.split())
    data = tomllib.loads((home / "checkins.toml").read_text())["checkins"][0]
    assert (data["working"], data["time"], data["boundaries"], data["keep"], data["change"],
            data["feedback"]) == (2, "too-little", "yes", "the reviews", "",
                                  "more pairing, please")


def test_private_checkins_are_encrypted_at_rest(run, initialized: Path, tmp_path: Path) -> None:
    """With `encrypt = private`, a private check-in's words are sealed in checkins.toml; the
    answers 1-5 stay in clear so `remind` and `report` work without the key."""
    pytest.importorskip("pyrage")
    assert run("encrypt", "init", "--no-input").exit_code == 0
    assert run("config", "set", "encrypt", "private").exit_code == 0
    secret = "Wqzkvrpl xjtmnbqe hzvoyfuk"
    assert run("checkin", "--no-input", "--working", "3", "--feedback", secret).exit_code == 0
    text = (initialized / "checkins.toml").read_text()
    assert secret not in text and "-----BEGIN AGE ENCRYPTED FILE-----" in text
    assert tomllib.loads(text)["checkins"][0]["working"] == 3
    assert json.loads(run("checkin", "--json").stdout)[0]["feedback"] == secret
    without_key = run("checkin", "--json", env={"XDG_CONFIG_HOME": str(tmp_path / "none")})
    assert json.loads(without_key.stdout)[0]["feedback"] == "[encrypted]"
    report = json.loads(run("report", "--json", env={
        "XDG_CONFIG_HOME": str(tmp_path / "none")}).stdout)
    assert report["checkins"][0]["mood"] == 3.0
