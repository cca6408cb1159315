"""The full round of the guide typed into a real terminal (tmux) at 60 and 120 columns.

init -> four weekly meetings -> a monthly review -> notes and a check-in -> export, each
command in a fresh tmux window, the clock (MENTORLOG_NOW) moved to the day it happens. The
answers are what a mentee would type while talking to their mentor (`yes: read it twice`,
`behind: waiting for review`, `next thu 18:00`), slips included. Each screen is checked for
what the person sees: the prompts in the guide's order, relative dates echoed as the date
they became, nothing wider than the terminal, no escape codes or markup shown as text, no
traceback, the exit code; and at the end the files on disk.

To look at the screens yourself:

    .venv/bin/python tests/test_full_round_tmux.py 60 /tmp/round-60   # one NN-step.txt each
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from msgspec.structs import replace
from tmux import PROMPT_ENDS, Terminal, terminal_env, too_wide

from mentorlog.core.goals import Goal, Progress
from mentorlog.core.notes import new_note, tags_beyond_title
from mentorlog.core.reviews import suggested_verdict

needs_tmux = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

INIT = [
    ("Your mentor's name", "Ada Lovelace"),
    ("How to reach them", "ada@example.org"),
    ("Your time zone", "Europe/Berln"),  # a slip: "did you mean Europe/Berlin?"
    ("Your time zone", ""),  # Enter takes what it offers
    ("Your mentor's time zone", "new york"),  # a city: "did you mean America/New_York?"
    ("Your mentor's time zone", ""),
    ("Date of this first meeting", "today"),  # echoed as the date it became
    ("a. A specific project", "the open-source parser"),
    ("b. Mastering or improving a specific skill", "write better tests"),
    ("c. General career advice", ""),
    ("d. Opportunities", ""),
    ("e. People the mentor can connect you with", ""),
    ("How will you measure success", "two PRs merged"),
    ("another? (Enter to finish)", ""),  # a second entry reads as a continuation
    ("A skill and your level", "Writing tests=2"),
    ("another? (Enter to finish)", ""),
    ("Hours a week you commit", ""),
    ("Extra time", "pairing on some weekends"),
    ("When do you plan to end", "in 4 months"),  # echoed
    ("A day to renegotiate", ""),
    ("A channel and its times", "slack: Mon-Fri 09:00-17:00"),
    ("another? (Enter to finish)", ""),
    ("A topic outside the bounds", ""),
    ("A weekly meeting slot", "Tue 18:00"),
    ("another? (Enter to finish)", ""),
    ("Meeting length in minutes", ""),
    ("A known gap", ""),
    ("How will you manage gaps", "tell each other a week ahead"),
    ("A target for the first 30 days", "Ship a PR"),
    ("another? (Enter to finish)", ""),
    ("A target for 60 days", "Give a lightning talk at the meetup"),
    ("another? (Enter to finish)", ""),
    ("A target for 90 days", "Lead the clean-up of the test suite"),
    ("another? (Enter to finish)", ""),
    ("Your task before the first weekly meeting", "Read the contributing guide"),
]
WEEK1 = [
    ("a. Was it completed, and how did it go?", "yes: read it twice"),  # what went well
    ("c. What could have gone better?", "started late"),
    ("g1 Ship a PR", "on-track: PR opened"),
    ("g2 Give a lightning talk", ""),
    ("g3 Lead the clean-up", ""),
    ("Anything else you asked, worked on or talked about?", "how to keep a PR small"),
    ("a. What are you doing for the next week?",
     "Write the parser tests; send Ada the repo link"),
    ("opportunities-wise?", "a meetup looking for talks"),
    ("c. When and where is the next meeting?", ", video call"),  # the slot, and a place
]
WEEK2 = [
    ("a. Was it completed, and how did it go?", "partly: the lexer tests only"),  # how far
    ("c. What could have gone better?", "I wrote the tests last"),
    ("g1 Ship a PR", "behind: waiting for review"),
    ("g2 Give a lightning talk", "on-track"),
    ("g3 Lead the clean-up", ""),
    ("q1 How do you review a large PR?", "commit by commit, tests first"),
    ("Anything else you asked, worked on or talked about?", ""),
    ("o1 a meetup looking for talks", ""),
    ("f2 send Ada the repo link", "d"),
    ("a. What are you doing for the next week?", "Finish the parser tests"),
    ("opportunities-wise?", ""),
    ("c. When and where is the next meeting?", "in 9 days 18:00"),  # Thu 17 Dec, echoed
]
WEEK3 = [  # Thu 17 Dec: the meeting moved at the last one
    ("a. Was it completed, and how did it go?", "yes"),
    ("b. What went well?", ""),
    ("c. What could have gone better?", "I asked for help late"),
    ("g1 Ship a PR", "done: merged on Monday"),
    ("g2 Give a lightning talk", "behind: no topic yet"),
    ("g3 Lead the clean-up", ""),
    ("You noted since the last meeting", None),  # shown, not asked
    ("Anything else you asked, worked on or talked about?", "the meetup CFP"),
    ("o1 a meetup looking for talks", "submitted a talk"),
    ("a. What are you doing for the next week?", "Pick a topic for the talk"),
    ("opportunities-wise?", ""),
    ("c. When and where is the next meeting?", ""),  # Enter: the agreed slot
]
WEEK4 = [
    ("a. Was it completed, and how did it go?", "no: the holidays came first"),  # in the way
    ("b. What went well?", ""),
    ("g2 Give a lightning talk", "behind: waiting for review of the abstract"),
    ("g3 Lead the clean-up", "on-track"),
    ("The monthly review is due", None),
    ("q2 Should I speak at the meetup or the conference first?", "the meetup"),
    ("Anything else you asked, worked on or talked about?", ""),
    ("a. What are you doing for the next week?", "Pick a topic for the talk, really"),
    ("opportunities-wise?", "a second meetup"),
    ("c. When and where is the next meeting?", ""),
]
REVIEW = [
    ("How is g2 going", ""),  # Enter: what was said of it at this week's meeting
    ("Anything to add about g2? (Enter to skip)", "no topic yet"),
    ("How is g3 going", ""),
    ("Anything to add about g3? (Enter to skip)", ""),
    ("What went well?", "The first pull request went in"),
    ("What could have gone better?", "I waited too long before asking for help"),
    ("A new 30-day goal", "Review two pull requests by others"),
    ("How will you know it is done?", "two approvals given"),
    ("A new 30-day goal (Enter when done)", ""),
    ("A new 60-day goal", ""),
    ("A new 90-day goal", ""),
]
CHECKIN = [
    ("Is the relationship working for you?", "4"),
    ("Is the time commitment right?", ""),
    ("Are boundaries and agreed channels respected?", "mostly"),
    ("One thing to keep", "the weekly rhythm"),
    ("One thing to change", "agree the task earlier"),
    ("Feedback for your mentor", ""),
]
# (name, arguments, the moment, the answers): the round, in the order a mentee lives it.
STEPS: list[tuple[str, list[str], str, list[tuple[str, str | None]]]] = [
    ("first-meeting", ["init"], "2026-11-24T17:00:00", INIT),
    ("week-1", ["week"], "2026-12-01T19:05:00", WEEK1),
    ("ask", ["ask", "How do you review a large PR?"], "2026-12-03T09:00:00", []),
    ("week-2", ["week"], "2026-12-08T19:10:00", WEEK2),
    ("note-before-week-3", ["note", "Paired with Sam on the parser #pairing", "--date",
                            "yesterday"], "2026-12-16T21:00:00", []),
    ("week-3", ["week"], "2026-12-17T19:05:00", WEEK3),
    ("ask-2", ["ask", "Should I speak at the meetup or the conference first?"],
     "2026-12-20T11:00:00", []),
    ("week-4", ["week"], "2026-12-22T19:05:00", WEEK4),
    ("monthly-review", ["goals", "review"], "2026-12-22T19:20:00", REVIEW),
    ("note-1", ["note", "Gave my first code review #reviews #career", "--date",
                "mon 20:00"], "2026-12-30T10:00:00", []),
    ("note-2", ["note", "Outlined the talk: parsers without fear", "--tag", "talk"],
     "2026-12-30T10:05:00", []),
    ("checkin", ["checkin"], "2026-12-30T10:10:00", CHECKIN),
    ("goals", ["goals"], "2026-12-30T10:15:00", []),
    ("export-md", ["export", "--format", "md", "-o", "round.md"], "2026-12-30T10:20:00", []),
    ("export-html", ["export", "--format", "html", "-o", "round.html"],
     "2026-12-30T10:20:00", []),
]


class Window(Terminal):
    """One command in a tmux window `width` columns wide; each prompt answered once it is
    the last thing on screen."""

    def __init__(self, args: list[str], env: dict[str, str], width: int) -> None:
        super().__init__(args, env, width)  # the pane's own width, not the run's COLUMNS
        self.seen: Counter[str] = Counter()

    def screen(self) -> str:  # the whole scrollback, wrapped lines joined
        return self.capture("-J")

    def capture(self, *flags: str) -> str:
        return subprocess.run([*self.tmux, "capture-pane", "-p", *flags, "-S", "-", "-t",
                               self.name], capture_output=True, text=True, check=True).stdout

    def answer(self, prompt: str, text: str) -> None:
        """Wait for the next `prompt` (the n-th time it is asked) at the bottom, then type."""
        self.seen[prompt] += 1
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            lines = [line for line in self.screen().splitlines() if line.strip()]
            tail = " ".join(" ".join(lines[-3:]).split())  # a prompt Rich wrapped, joined
            if (" ".join(" ".join(lines).split()).count(prompt) >= self.seen[prompt]
                    and prompt in tail and tail.endswith(PROMPT_ENDS)):
                break
            time.sleep(0.03)
        else:
            raise AssertionError(f"prompt {prompt!r} never came; screen:\n{self.screen()}")
        if text:
            self.keys("-l", text)
        self.keys("Enter")


def full_round(home: Path, width: int, cwd: Path) -> list[tuple[str, str, str]]:
    """Every step; (name, the screen as shown, the screen unjoined at the pane's width)."""
    screens = []
    for name, args, now, answers in STEPS:
        env = {"LANG": "C.UTF-8", **terminal_env(home, now)}
        env["XDG_CACHE_HOME"] = str(home.parent / "xdg-cache")
        env["XDG_CONFIG_HOME"] = str(home.parent / "xdg-config")
        args = [a if not a.startswith("round.") else str(cwd / a) for a in args]
        window = Window(args, env, width)
        try:
            for prompt, text in answers:
                if text is None:
                    window.wait_for(prompt)
                else:
                    window.answer(prompt, text)
            window.wait_for("EXIT=")
            screens.append((name, window.capture("-J"), window.capture()))
        finally:
            window.close()
    return screens


# What must never reach the screen: escape codes shown as text, Rich markup, a traceback.
_RAW = re.compile(r"\x1b|\[\d+(;\d+)*m|\[/?(bold|dim|red|green|yellow|italic)\b[^\]]*\]")


def _words(screen: str) -> str:
    return " ".join(screen.split())


def _in_order(words: str, parts: list[str]) -> None:
    """Each part shows after the one before it (the prompts in the guide's order)."""
    at = 0
    for part in parts:
        found = words.find(" ".join(part.split()), at)
        assert found >= 0, f"{part!r} is not after what came before it in:\n{words[at:]}"
        at = found + len(part)


@needs_tmux
@pytest.mark.parametrize("width", [60, 120])
def test_the_full_round_reads_like_a_conversation(tmp_path: Path, width: int) -> None:
    home = tmp_path / "journal"
    screens = {name: (joined, plain) for name, joined, plain in
               full_round(home, width, tmp_path)}
    assert list(screens) == [name for name, *_ in STEPS]
    for (name, (joined, plain)), (_, _, _, answers) in zip(screens.items(), STEPS,
                                                          strict=True):
        assert "EXIT=0" in joined and "Traceback" not in joined, (name, joined)
        assert not _RAW.search(plain), (name, _RAW.search(plain))
        # Nothing the program printed is wider than the terminal (tmux joins only the lines
        # it wrapped itself): the only long lines are a prompt the person typed a long
        # answer after, and a path longer than a line (left whole, so it can be copied).
        wide = too_wide(joined, width, [text for _, text in answers if text])
        assert not wide, (name, wide)
        _in_order(_words(joined), [prompt for prompt, _ in answers])  # the guide's order
    words = {name: _words(joined) for name, (joined, _) in screens.items()}
    # Rich wrapped at the pane's own width (not at the test run's COLUMNS=100).
    header = [line for line in screens["week-1"][0].splitlines()
              if line.startswith("One line each")]
    assert ("Ctrl-C keeps your answers" not in header[0]) == (width == 60), header

    first = words["first-meeting"]
    assert ("'Europe/Berln' is not an IANA time zone: did you mean Europe/Berlin? — Enter "
            "takes it, or try again.") in first
    assert ("did you mean America/New_York? — Enter takes it, or try again. Your mentor's "
            "time zone [America/New_York]:") in first  # Enter takes what it suggested
    assert "Date of this first meeting [today]: today → Tue 24 Nov 2026" in first
    assert "When do you plan to end? (Enter to skip) in 4 months → Wed 24 Mar 2027" in first
    # A second entry reads as a continuation, not the label again.
    assert "How will you measure success? two PRs merged another? (Enter to finish)" in first
    assert "(another, or Enter to finish)" not in first
    assert "1 item left open: add it with 'mentorlog agreement edit'." in first

    _in_order(words["week-1"], [
        "Weekly meeting with Ada Lovelace · Tue 1 Dec 2026 · 60 min",
        "The Weekly Meeting 2", "Last week's task: Read the contributing guide",
        "d. Where are you on your 30/60/90 goals?", "The Weekly Meeting 4",
        "The Weekly Meeting 5", "c. When and where is the next meeting? [Tue 8 Dec 2026 "
        "18:00] , video call", "Closed t1: done — Read the contributing guide",
        "Next meeting: Tue 8 Dec 2026 18:00, video call"])
    assert "Parked q1 for your next meeting (Tue 8 Dec 2026 18:00)" in words["ask"]
    week2 = words["week-2"]
    assert "g1 Ship a PR (on-track, 30 days, due in 16 days): behind: waiting" in week2
    assert "q1 How do you review a large PR? (Enter: keep it parked)" in week2
    assert "(Enter: keep open, d: done, x: drop, or an outcome)" in week2
    assert "in 9 days 18:00 → Thu 17 Dec 2026 18:00 (Thu 12:00 for Ada Lovelace)" in week2
    assert "Closed t2: partly — Write the parser tests" in week2
    assert "a. Was it completed, and how did it go? partly: the lexer tests only" in week2
    assert "Next meeting: Thu 17 Dec 2026 18:00, video call" in week2
    assert "Saved note n1: Paired with Sam on the parser #pairing (tags: pairing)" in \
        words["note-before-week-3"]
    week3 = words["week-3"]
    assert "Weekly meeting with Ada Lovelace · Thu 17 Dec 2026" in week3
    assert ("You noted since the last meeting: • 2026-12-15 Paired with Sam on the parser "
            "#pairing Anything else") in week3
    assert "[Tue 22 Dec 2026 18:00, video call]" in week3  # the agreed slot, the place
    assert "Closed t3: done" in week3 and "o1 a meetup looking for talks: submitted" in week3
    week4 = words["week-4"]
    assert "The monthly review is due: run 'mentorlog goals review' after this meeting." in week4
    assert "Closed t4: not done — Pick a topic for the talk" in week4
    assert "c. What could have gone better?" not in week4  # `no: …` answered it
    for name in ("week-1", "week-2", "week-3", "week-4"):  # one line per thing to say
        asked = [p for p, text in next(a for n, _, _, a in STEPS if n == name)
                 if text is not None]
        assert len(asked) <= 12, name
    review = words["monthly-review"]
    # What was said of g2 at this week's meeting is what Enter keeps.
    assert "How is g2 going — done, on-track, behind, dropped or carry? [behind]" in review
    assert "Anything to add about g2? (Enter to skip) no topic yet" in review
    # One style for every prompt: a question ends with its "?", a default is in brackets.
    for name, (joined, _) in screens.items():
        assert "?:" not in joined and "? (" + "another" not in joined, name
        assert not re.search(r"\) \([^)]*\):", joined), name  # no "(hint) (default):"
    assert "(d)" not in " ".join(words[f"week-{n}"] for n in range(1, 5))
    assert "g2 Give a lightning talk at the meetup: behind" in review
    assert "30 days: g4 Review two pull requests by others (new)" in review
    assert "Next monthly review: Tue 19 Jan 2027." in review
    assert ("Saved note n2: Gave my first code review #reviews #career (tags: reviews, "
            "career) notes/2026-12-28-") in words["note-1"]  # `mon 20:00`: last Monday
    assert "Saved note n3: Outlined the talk: parsers without fear (tags: talk)" in \
        words["note-2"]
    assert "Saved check-in ci1 (private)" in words["checkin"]
    assert "To raise at a meeting: agree the task earlier" in words["checkin"]
    assert "✓ g1 Ship a PR" in words["goals"]
    # A goal's wrapped words stay under its words, not under its mark (a hanging indent).
    goal_lines = screens["goals"][0].splitlines()
    first = next(i for i, line in enumerate(goal_lines) if "○ g4 Review two" in line)
    assert goal_lines[first + 1].startswith("   ") and not goal_lines[first + 1][3].isspace()
    assert f"Wrote {tmp_path / 'round.md'}." in words["export-md"]

    # The files the round leaves, as the mentee would open them.
    meetings = sorted(p.name for p in (home / "meetings").iterdir())
    assert meetings == ["2026-12-01.md", "2026-12-08.md", "2026-12-17.md", "2026-12-22.md"]
    minutes = [(home / "meetings" / m).read_text() for m in meetings]
    assert "## Was last week's task completed?\n\nDone" in minutes[0]
    assert "## What went well?\n\nread it twice" in minutes[0]
    assert "- g1: behind — waiting for review" in minutes[1]
    assert "- q1: How do you review a large PR?\n  Answer: commit by commit" in minutes[1]
    assert "next_meeting = 2026-12-17 18:00:00+01:00" in minutes[1]
    assert ("## Was last week's task completed?\n\nPartly\n\n## How did it go?\n\nthe lexer "
            "tests only\n\n## What could have gone better?\n\nI wrote the tests last\n\n"
            "## Where") in minutes[1]
    assert "## Was last week's task completed?\n\nNot done" in minutes[3]
    assert "## What could have gone better?\n\nthe holidays came first" in minutes[3]
    assert "## What went well?" not in minutes[3]  # nothing was said: no heading
    for text in minutes:  # only the questions answered: no empty heading, as in a blank form
        assert not re.search(r"^## .*\n(\n## |\n*\Z)", text, re.M), text
    tasks = (home / "tasks.toml").read_text()
    assert 'outcome = "the lexer tests only"' in tasks  # t2, partly: how it went
    assert 'outcome = "the holidays came first"' in tasks  # t4, not done: what got in the way
    agreement = (home / "agreement.toml").read_text()
    assert 'tz = "America/New_York"' in agreement and "Europe/Berlin" in agreement
    goals = (home / "goals.toml").read_text()
    assert '{ on = 2026-12-17, text = "merged on Monday", verdict = "done" }' in goals
    assert '{ on = 2026-12-22, text = "no topic yet", verdict = "behind" }' in goals
    assert 'measure = "two approvals given"' in goals
    assert (home / "reviews" / "2026-12-22.md").exists()
    assert len(list((home / "notes").iterdir())) == 3
    assert "agree the task earlier" in (home / "checkins.toml").read_text()
    exported = (tmp_path / "round.md").read_text()
    _in_order(exported, ["## Meetings", "### 2026-12-01", "### 2026-12-22", "## Monthly reviews",
                         "- g2 Give a lightning talk at the meetup: behind — no topic yet",
                         "The first pull request went in", "## Notes"])
    assert "### 2026-12-15: Paired with Sam on the parser #pairing\n" in exported  # not twice
    assert "### 2026-12-28: Gave my first code review #reviews #career\n" in exported
    assert "### 2026-12-30: Outlined the talk: parsers without fear #talk\n" in exported
    assert "agree the task earlier" not in exported  # a check-in is private
    html = (tmp_path / "round.html").read_text()
    assert "Monthly reviews" in html and "The first pull request went in" in html
    assert "Paired with Sam on the parser #pairing</h3>" in html
    assert 'parsers without fear<span class="tag">#talk</span></h3>' in html


def test_a_review_offers_what_was_last_said_of_a_goal() -> None:
    goal = Goal("g2", "Give a talk", 60, date(2026, 11, 24), date(2027, 1, 23))
    today = date(2026, 12, 22)
    assert suggested_verdict(goal, today) == "on-track"  # nothing said yet
    said = replace(goal, progress=(Progress(date(2026, 12, 8), "", "on-track"),
                                   Progress(date(2026, 12, 22), "waiting", "behind"),
                                   Progress(date(2026, 12, 22), "a note alone")))
    assert suggested_verdict(said, today) == "behind"
    assert suggested_verdict(said, date(2027, 1, 23)) == "carry"  # its window has closed


def test_a_note_heading_does_not_repeat_the_tags_its_title_shows() -> None:
    at = datetime(2026, 12, 15, 21, 0, tzinfo=UTC)
    note = new_note("Paired with Sam #pairing\n\nOn the #parser", at, ["lunch"], "normal")
    assert note.tags == ("lunch", "pairing", "parser")
    assert tags_beyond_title(note) == ("lunch", "parser")


def main(argv: list[str]) -> int:
    width, out = int(argv[0]), Path(argv[1])
    out.mkdir(parents=True, exist_ok=True)
    home = out / "journal"
    shutil.rmtree(home, ignore_errors=True)
    for n, (name, joined, _) in enumerate(full_round(home, width, out), 1):
        (out / f"{n:02}-{name}.txt").write_text(joined.rstrip("\n") + "\n", encoding="utf-8")
    print(f"wrote the screens to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
