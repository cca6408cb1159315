"""A whole round of the guide typed in a 60-column terminal: readable, nothing wider."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


def test_first_meeting_to_between_meetings_at_60_columns(tmp_path: Path) -> None:
    from tmux import too_wide
    from tour import STEPS, tour

    screens = dict((name, (plain, coloured)) for name, plain, coloured
                   in tour(tmp_path / "journal", 60, no_color=True))
    assert list(screens) == ["first-meeting", "weekly-meeting", "monthly-review", "note",
                             "ask", "agenda", "status"]
    for name, (plain, coloured) in screens.items():
        assert "EXIT=0" in plain, (name, plain)
        assert "Traceback" not in plain, (name, plain)
        typed = [keys for step, _, _, answers in STEPS if step == name for _, keys in answers]
        wide = too_wide(plain, 60, typed)  # a joined capture: a line past the edge is whole
        assert not wide, (name, wide)
        assert "\x1b[" not in coloured, (name, "NO_COLOR still printed escape codes")
    words = {name: " ".join(plain.split()) for name, (plain, _) in screens.items()}
    assert "[x] Targets for the first 30/60/90 days" in words["first-meeting"]
    assert "Closed t1: partly — Read the contributing guide" in words["weekly-meeting"]
    assert "30 days: g4 Review two pull requests by others (new)" in words["monthly-review"]
    assert "Saved note n" in words["note"] and ": Pairing on the failing test" in words["note"]
    assert "Parked q1 for your next meeting" in words["ask"]
    assert "q1 Should I speak at the meetup or at the conference first?" in words["agenda"]
    assert "Mentorship with Ada Lovelace · week 7 of at least 13" in words["status"]
    assert "(due Tue 8 Dec 2026, 34 days late)" in words["status"]
    # A list item's wrapped line stays under its text (a hanging indent), not at column 0.
    agenda = screens["agenda"][0].splitlines()
    at = agenda.index("  • q1 Should I speak at the meetup or at the conference")
    assert agenda[at + 1] == "    first?"
