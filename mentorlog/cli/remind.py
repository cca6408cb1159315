"""`mentorlog remind`: what needs you now, one line each, for cron or a shell prompt."""

from __future__ import annotations

from typing import Annotated

import typer

from mentorlog.cli import common
from mentorlog.core.attention import reminder_json
from mentorlog.storage.formats import AGREEMENT
from mentorlog.storage.journal import reminders
from mentorlog.views.console import print_json
from mentorlog.views.remind import show


def remind(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON (docs/json.md).")] = False,
) -> None:
    """Print what needs you now, one line each, and nothing when nothing does (exit 0).

    Meetings not recorded, the monthly review due, a relationship check-in due (config
    checkin_weeks), the task due within a day, follow-ups
    open for more than three weeks, the next meeting to confirm, the renegotiation point or
    the planned end within a week, sync conflicts waiting.
    Before 'mentorlog init' nothing needs you. For cron and shell prompts:
    docs/between-meetings.md#reminders.

    Example: mentorlog remind --json
    """
    st = common.store(ctx)
    if not st.exists(AGREEMENT.name):
        found = []
    else:
        agreement = common.agreement(ctx)
        found = reminders(st, agreement, common.now(agreement.mentee_tz))
    if as_json:
        print_json([reminder_json(r) for r in found])
    else:
        show(found)
