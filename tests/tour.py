"""A whole round of the guide typed into a real terminal (tmux), as a new user would.

first meeting (`init`) -> weekly meeting (`week`) -> monthly review (`goals review`) ->
between meetings (`note`, `ask`, `agenda`, `status`), each command in a fresh tmux window of
the given width. Used by tests/test_tour_tmux.py; run it by hand to look at the screens:

    python tests/tour.py 60 /tmp/tour-60            # writes one NN-step.txt per screen
    NO_COLOR=1 python tests/tour.py 120 /tmp/tour-120-nocolor
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

INIT = [
    ("Your mentor's name", "Ada Lovelace"),
    ("How to reach them", "ada@example.org"),
    ("Your time zone", "Europe/Berlin"),
    ("Your mentor's time zone", "America/New_York"),
    ("Date of this first meeting", "2026-11-24"),
    ("a. A specific project", "the open-source parser"),
    ("b. Mastering or improving a specific skill", "write better tests"),
    ("c. General career advice", ""),
    ("d. Opportunities", ""),
    ("e. People the mentor can connect you with", "test tool maintainers"),
    ("How will you measure success", "two PRs merged"),
    ("another? (Enter to finish)", ""),
    ("A skill and your level", ""),
    ("Hours a week you commit", "1"),
    ("Extra time", "pairing on some weekends"),
    ("When do you plan to end", ""),
    ("A day to renegotiate", ""),
    ("A channel and its times", "slack: Mon-Fri 09:00-17:00"),
    ("another? (Enter to finish)", ""),
    ("A topic outside the bounds", "my employer's projects"),
    ("another? (Enter to finish)", ""),
    ("A weekly meeting slot", "Tue 18:00"),
    ("another? (Enter to finish)", ""),
    ("Meeting length in minutes", ""),
    ("A known gap", "2026-12-21..2027-01-03: holidays"),
    ("another? (Enter to finish)", ""),
    ("How will you manage gaps", "tell each other a week ahead"),
    ("A target for the first 30 days", "Ship a PR"),
    ("another? (Enter to finish)", ""),
    ("A target for 60 days", "Give a lightning talk at the local meetup"),
    ("another? (Enter to finish)", ""),
    ("A target for 90 days", "Lead the clean-up of the test suite"),
    ("another? (Enter to finish)", ""),
    ("Your task before the first weekly meeting", "Read the contributing guide"),
]
WEEK = [  # one line each: a status and a note after a colon, Enter keeps what is known
    ("how did it go?", "partly: read it twice and found an issue to work on"),
    ("c. What could have gone better?", "Started late"),
    ("days):", "on track: PR opened"),  # g1 (the 1st goal line, each ends "... days):")
    ("days):", ""),  # g2: its name wraps at 60 columns
    ("days):", ""),  # g3
    ("talked about?", "How to keep a pull request small; the parser's error messages"),
    ("a. What are you doing for the next week?", "Write a failing test for issue 231"),
    ("opportunities-wise?", "A meetup looking for lightning talks"),
    ("c. When and where is the next meeting?", ", video call"),  # the agreed slot, a place
]
REVIEW = [
    ("How is g1 going", "done"),
    ("Anything to add about g1?", "merged on Friday"),
    ("How is g2 going", "behind"),
    ("Anything to add about g2?", "no topic yet"),
    ("How is g3 going", ""),
    ("Anything to add about g3?", ""),
    ("What went well?", "The first pull request went in"),
    ("What could have gone better?", "I waited too long before asking for help"),
    ("A new 30-day goal", "Review two pull requests by others"),
    ("How will you know it is done?", ""),  # SMART goals: a measure, Enter skips it
    ("A new 30-day goal (Enter when done)", ""),
    ("A new 60-day goal", ""),
    ("A new 90-day goal", ""),
]
# (name, arguments, the moment, the answers to type)
STEPS = [
    ("first-meeting", ["init"], "2026-11-24T17:00:00", INIT),
    ("weekly-meeting", ["week"], "2026-12-01T19:05:00", WEEK),
    ("monthly-review", ["goals", "review"], "2026-12-29T19:00:00", REVIEW),
    ("note", ["note", "Pairing on the failing test made the bug obvious", "--tag", "pairing"],
     "2027-01-06T20:00:00", []),
    ("ask", ["ask", "Should I speak at the meetup or at the conference first?"],
     "2027-01-07T09:00:00", []),
    ("agenda", ["agenda"], "2027-01-11T12:00:00", []),
    ("status", ["status"], "2027-01-11T12:00:00", []),
]


class Window:
    """One command in a tmux window `width` columns wide; prompts answered as they come."""

    def __init__(self, args: list[str], env: dict[str, str], width: int) -> None:
        self.name = f"ml-tour-{uuid.uuid4().hex[:8]}"
        # A tmux server of its own: killing the last session stops a shared server, which
        # can make another test's new-session fail ("server exited unexpectedly").
        self.tmux = ["tmux", "-L", self.name]
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        command = (f"cd {shlex.quote(str(ROOT))} && env -i {exports} "
                   f"{shlex.quote(sys.executable)} -m mentorlog {shlex.join(args)}; "
                   "echo EXIT=$?; sleep 600")
        subprocess.run([*self.tmux, "new-session", "-d", "-s", self.name, "-x", str(width),
                        "-y", "200", command], check=True)
        self.socket = subprocess.run(
            [*self.tmux, "display-message", "-p", "#{socket_path}"],
            capture_output=True, text=True, check=True).stdout.strip()
        self.answered: Counter[str] = Counter()

    def capture(self, *flags: str) -> str:
        command = [*self.tmux, "capture-pane", "-p", *flags, "-S", "-", "-t", self.name]
        return subprocess.run(command, capture_output=True, text=True, check=True).stdout

    def wait_for(self, text: str, times: int = 1, patience: float = 20) -> str:
        end = time.monotonic() + patience
        while time.monotonic() < end:
            joined = self.capture("-J")
            if joined.count(text) >= times:
                return joined
            time.sleep(0.05)
        raise AssertionError(f"{text!r} never came; the screen:\n{self.capture('-J')}")

    def answer(self, prompt: str, keys: str) -> None:
        self.answered[prompt] += 1
        self.wait_for(prompt, self.answered[prompt])
        time.sleep(0.1)  # the prompt is drawn before it reads: let it start reading
        if keys:
            subprocess.run([*self.tmux, "send-keys", "-t", self.name, "-l", keys], check=True)
        subprocess.run([*self.tmux, "send-keys", "-t", self.name, "Enter"], check=True)

    def close(self) -> None:
        subprocess.run([*self.tmux, "kill-server"], capture_output=True)
        if self.name in self.socket:  # tmux leaves its socket file behind
            Path(self.socket).unlink(missing_ok=True)


def tour(home: Path, width: int, no_color: bool = False) -> list[tuple[str, str, str]]:
    """Run every step; returns (name, plain screen with the lines tmux wrapped joined,
    screen with colour codes) for each."""
    screens = []
    for name, args, now, answers in STEPS:
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8",
               "HOME": str(home.parent / "user-home"), "TERM": "xterm-256color",
               "MENTORLOG_HOME": str(home), "MENTORLOG_NOW": now, "PYTHONPATH": str(ROOT)}
        if no_color:
            env["NO_COLOR"] = "1"
        window = Window(args, env, width)
        try:
            for prompt, keys in answers:
                window.answer(prompt, keys)
            window.wait_for("EXIT=")
            # joined (-J): a line printed past the pane's edge shows whole, as it was (-J
            # keeps trailing spaces, which are not what the screen shows)
            joined = "\n".join(line.rstrip() for line in window.capture("-J").splitlines())
            screens.append((name, _trim(joined), _trim(window.capture("-e"))))
        finally:
            window.close()
    return screens


def _trim(screen: str) -> str:
    return screen.rstrip("\n") + "\n"


def main(argv: list[str]) -> int:
    if not shutil.which("tmux"):
        print("tmux is not installed", file=sys.stderr)
        return 1
    width, out = int(argv[0]), Path(argv[1])
    out.mkdir(parents=True, exist_ok=True)
    home = out / "journal"
    shutil.rmtree(home, ignore_errors=True)
    for n, (name, plain, coloured) in enumerate(tour(home, width, bool(os.environ.get(
            "NO_COLOR"))), 1):
        (out / f"{n:02}-{name}.txt").write_text(plain, encoding="utf-8")
        (out / f"{n:02}-{name}.ansi").write_text(coloured, encoding="utf-8")
    print(f"wrote the screens to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
