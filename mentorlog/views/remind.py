"""`mentorlog remind` as a reader (or cron, or a shell prompt) sees it: one line a reminder,
nothing at all when nothing needs the mentee."""

from __future__ import annotations

from collections.abc import Sequence

from mentorlog.core.attention import Reminder
from mentorlog.views.console import echo


def show(found: Sequence[Reminder]) -> None:
    """Plain lines, no colour and no wrapping: cron mails them, a prompt prints them."""
    for r in found:
        echo(r.text)
