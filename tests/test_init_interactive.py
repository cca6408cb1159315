"""`mentorlog init` typed by a person in a real terminal gives the same files as the flags."""

from __future__ import annotations

from pathlib import Path

from conftest import INIT_ARGS, run_process
from tmux import Terminal, terminal_env

# (prompt, what the person types), in the order the guide asks.
ANSWERS = [
    ("Your mentor's name", "Ada Lovelace"),
    ("How to reach them", "ada@example.org"),
    ("Your time zone", "Europe/Berlin"),
    ("Your mentor's time zone", "America/New_York"),
    ("Date of this first meeting", "2026-13-01"),  # a wrong date: asked again
    ("Date of this first meeting", "2026-11-24"),
    ("a. A specific project", ""),
    ("b. Mastering or improving a specific skill", "write better tests"),
    ("c. General career advice", "general advice"),
    ("d. Opportunities", ""),
    ("e. People the mentor can connect you with", ""),
    ("How will you measure success", "two PRs merged"),
    ("another? (Enter to finish)", ""),
    ("A skill and your level", "Writing tests=6"),  # not a level: asked again
    ("A skill and your level", "Writing tests=2"),
    ("another? (Enter to finish)", ""),
    ("Hours a week you commit", "1.5"),
    ("Extra time", "pairing on weekends"),
    ("When do you plan to end", "2027-01-15"),  # under three months: asked again
    ("When do you plan to end", "2027-05-24"),
    ("A day to renegotiate", "2027-02-23"),
    ("A channel and its times", "slack: Mon-Fri 09:00-17:00"),
    ("another? (Enter to finish)", "email: any, at most 2 a week"),
    ("another? (Enter to finish)", ""),
    ("A topic outside the bounds", "crypto"),
    ("another? (Enter to finish)", ""),
    ("A weekly meeting slot", "Tue 18:00"),
    ("another? (Enter to finish)", ""),
    ("Meeting length in minutes", ""),
    ("A known gap", "2026-12-21..2027-01-03: holidays"),
    ("another? (Enter to finish)", ""),
    ("How will you manage gaps", "tell each other a week ahead"),
    ("A target for the first 30 days", "Ship a PR"),
    ("another? (Enter to finish)", ""),
    ("A target for 60 days", "Give a talk"),
    ("another? (Enter to finish)", ""),
    ("A target for 90 days", "Lead a feature"),
    ("another? (Enter to finish)", ""),
    ("Your task before the first weekly meeting", "Read the contributing guide"),
]



def test_init_typed_in_a_terminal_matches_the_flags(tmp_path: Path) -> None:
    typed, flagged = tmp_path / "typed", tmp_path / "flagged"
    now = "2026-11-24T17:00:00"
    term = Terminal(["init"], terminal_env(typed, now))
    try:
        for prompt, text in ANSWERS:
            term.answer(prompt, text)
        screen = term.wait_for("EXIT=")
    finally:
        term.close()
    assert "'2026-13-01' is not a date" in screen
    assert "a level is a whole number from 1 to 5" in screen
    assert "is under three months from the start (2026-11-24)" in screen
    assert "[x] Targets for the first 30/60/90 days" in screen
    assert "EXIT=0" in screen
    args = [a if a != "career" else "career: general advice" for a in INIT_ARGS]
    args += ["--skill", "Writing tests=2", "--until", "2027-05-24",
             "--renegotiate-on", "2027-02-23"]
    result = run_process(*args, env={"MENTORLOG_HOME": str(flagged), "MENTORLOG_NOW": now})
    assert result.returncode == 0, result.stderr
    for name in ("agreement.toml", "goals.toml", "tasks.toml", "skills.toml"):
        assert (typed / name).read_bytes() == (flagged / name).read_bytes(), name
    assert not (typed / "drafts" / "init.toml").exists()


def test_interrupted_init_offers_to_resume(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = terminal_env(home, "2026-11-24T17:00:00")
    term = Terminal(["init"], env)
    try:
        term.answer("Your mentor's name", "Ada Lovelace")
        term.answer("How to reach them", "ada@example.org")
        term.wait_for("Your time zone")
        term.interrupt()
        screen = term.wait_for("EXIT=")
    finally:
        term.close()
    assert "EXIT=130" in screen
    assert "Traceback" not in screen
    assert not (home / "agreement.toml").exists()
    term = Terminal(["init"], env)
    try:
        term.wait_for("Resume them?")
        term.answer("Resume them?", "y")
        screen = term.wait_for("Your time zone")
    finally:
        term.close()
    assert "Your mentor's name" not in screen.split("Resume them?")[1]
