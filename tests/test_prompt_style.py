"""One style for every prompt (cli/prompts.py): a question ends with its "?", a label with
": ", and the default Enter keeps is shown in brackets before that ending."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from mentorlog.cli import prompts


def _asked(monkeypatch: pytest.MonkeyPatch, typed: str, ask: object) -> tuple[object, str]:
    screen = io.StringIO()
    monkeypatch.setattr("sys.stdin", io.StringIO(typed))
    console = Console(file=screen, width=100, color_system=None)
    return ask(console), screen.getvalue()  # type: ignore[operator]


@pytest.mark.parametrize(("label", "default", "shown"), [
    ("What went well?", "", "What went well? "),
    ("Meeting length in minutes", "60", "Meeting length in minutes [60]: "),
    ("c. When and where is the next meeting?", "Tue 8 Dec 2026 18:00",
     "c. When and where is the next meeting? [Tue 8 Dec 2026 18:00] "),
    ("When do you plan to end? (Enter to skip)", "", "When do you plan to end? (Enter to skip) "),
    ("g1 Ship a PR (30 days, due in 23 days)", "", "g1 Ship a PR (30 days, due in 23 days): "),
])
def test_a_question_ends_with_its_question_mark_a_label_with_a_colon(
        monkeypatch: pytest.MonkeyPatch, label: str, default: str, shown: str) -> None:
    answer, screen = _asked(monkeypatch, "\n", lambda c: prompts.ask(label, default, c))
    assert screen == shown
    assert "?:" not in screen and "()" not in screen
    assert answer == default


def test_a_default_in_brackets_is_never_read_as_markup(monkeypatch: pytest.MonkeyPatch) -> None:
    answer, screen = _asked(monkeypatch, "\n", lambda c: prompts.ask("Your time zone", "[bold]",
                                                                     c))
    assert screen == "Your time zone [[bold]]: " and answer == "[bold]"


@pytest.mark.parametrize(("typed", "default", "expected"), [
    ("\n", True, True), ("\n", False, False), ("yes\n", False, True), ("n\n", True, False),
    ("NO\n", True, False), ("maybe\ny\n", False, True),
])
def test_a_yes_no_question_shows_its_default_as_a_capital(
        monkeypatch: pytest.MonkeyPatch, typed: str, default: bool, expected: bool) -> None:
    answer, screen = _asked(monkeypatch, typed,
                            lambda c: prompts.confirm("Resume it?", default, c))
    assert answer is expected
    assert screen.startswith("Resume it? [Y/n] " if default else "Resume it? [y/N] ")
    assert "(y)" not in screen and "(n)" not in screen
    if typed.startswith("maybe"):
        assert "Please answer yes or no" in screen
