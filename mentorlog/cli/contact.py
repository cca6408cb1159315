"""`mentorlog contact`: may I contact my mentor now, on this channel? And `contact log`.

Exit codes: 0 contact is OK (with no channel: at least one channel is open), 1 it is not
(no `Error:` line: the answer is the output), 1 with an `Error:` line for a real problem
such as an unknown channel, 2 wrong usage.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import typer

from mentorlog.cli import common
from mentorlog.core.agreement import Agreement, Channel, zone
from mentorlog.core.contact import Contact, agreed_channels, answer, find_channel, used
from mentorlog.core.dates import parse_datetime
from mentorlog.storage.formats import CONTACTS
from mentorlog.views.console import print_json
from mentorlog.views.contact import answers_json, show, show_logged

LOG_WORD = "log"


def contact(
    ctx: typer.Context,
    channel: Annotated[
        str | None,
        typer.Argument(help="An agreed channel (slack, email...), or 'log' to record a contact.",
                       show_default=False),
    ] = None,
    logged: Annotated[
        str | None,
        typer.Argument(metavar="[LOG_CHANNEL]", help="With 'log': the channel you used.",
                       show_default=False),
    ] = None,
    at: Annotated[
        str | None,
        typer.Option("--at", help="Ask about (or log) this moment instead of now: ISO with an "
                     "offset, or a time in your zone like '2026-12-01 18:00'."),
    ] = None,
    note: Annotated[str, typer.Option("--note", help="With 'log': what it was about.")] = "",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON (docs/json.md).")] = False,
) -> None:
    """Is now inside an agreed contact window (in your mentor's time)? If not, when is the next?

    Exit 0 when contact is OK, 1 when it is not. 'contact log CHANNEL' records a contact,
    counted against an agreed limit like 'at most 2 a week'.

    Example: mentorlog contact slack --at "2026-12-01 18:00"
    """
    a = common.agreement(ctx)
    now = common.now(a.mentee_tz)
    moment = parse_datetime(at, now, zone(a.mentee_tz)) if at else now
    if channel is not None and channel.lower() == LOG_WORD and a.channel(LOG_WORD) is None:
        log_contact(ctx, a, _channel(a, logged), moment, note)
        return
    if logged is not None:
        raise typer.BadParameter(f"unexpected extra argument {logged!r}")
    channels = [_channel(a, channel)] if channel is not None else agreed_channels(a)
    contacts = list(common.store(ctx).load(CONTACTS).contacts)
    answers = [answer(c, moment, zone(a.mentor.tz), contacts) for c in channels]
    if as_json:
        print_json(answers_json(a, answers, single=channel is not None))
    else:
        for ans in answers:
            show(a, ans)
    if not any(ans.allowed for ans in answers):
        raise typer.Exit(1)


def _channel(a: Agreement, name: str | None) -> Channel:
    if not name:
        raise typer.BadParameter("name the channel: mentorlog contact log CHANNEL")
    return find_channel(a, name)


def log_contact(ctx: typer.Context, a: Agreement, channel: Channel, moment: datetime,
                note: str) -> None:
    """Record one contact in contacts.toml; say so if it was outside what was agreed."""
    st = common.open_mentorship(ctx)
    before = answer(channel, moment, zone(a.mentor.tz), list(st.load(CONTACTS).contacts))
    log = st.update(CONTACTS, lambda log: log.add(Contact(channel.name, moment, note.strip())))
    show_logged(a, channel, moment, used(channel, moment, zone(a.mentor.tz), list(log.contacts)),
                before)
