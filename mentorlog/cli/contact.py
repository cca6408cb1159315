"""`mentorlog contact`: may I contact my mentor now, on this channel? And `contact log`.

Exit codes: 0 contact is OK (with no channel: at least one channel is open), 1 it is not
(no `Error:` line: the answer is the output), 1 with an `Error:` line for a real problem
such as an unknown channel, 2 wrong usage.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from mentorlog.cli import common

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
    from mentorlog.formats import CONTACTS

    a = common.agreement(ctx)
    moment = _moment(a, at)
    if channel is not None and channel.lower() == LOG_WORD and a.channel(LOG_WORD) is None:
        log_contact(ctx, a, _channel(a, logged), moment, note)
        return
    if logged is not None:
        raise typer.BadParameter(f"unexpected extra argument {logged!r}")
    channels = [_channel(a, channel)] if channel is not None else _all_channels(a)
    contacts = list(common.store(ctx).load(CONTACTS).contacts)
    answers = [_answer(a, c, moment, contacts) for c in channels]
    if as_json:
        _print_json(a, answers, single=channel is not None)
    else:
        for ans in answers:
            show(a, ans)
    if not any(ans.allowed for ans in answers):
        raise typer.Exit(1)


def _moment(a: Any, at: str | None) -> Any:
    from mentorlog.dates import parse_datetime
    from mentorlog.model import zone

    now = common.now(a.mentee_tz)
    return parse_datetime(at, now, zone(a.mentee_tz)) if at else now


def _channel(a: Any, name: str | None) -> Any:
    from mentorlog.errors import MentorlogError

    if not name:
        raise typer.BadParameter("name the channel: mentorlog contact log CHANNEL")
    found = a.channel(name)
    if found is None:
        agreed = ", ".join(c.name for c in a.channels) or "none yet"
        raise MentorlogError(f"{name!r} is not an agreed channel (agreed: {agreed})")
    return found


def _all_channels(a: Any) -> list[Any]:
    from mentorlog.errors import MentorlogError

    if not a.channels:
        raise MentorlogError(
            "no contact channels agreed yet: agree them with your mentor, then add them "
            "with 'mentorlog agreement edit'"
        )
    return list(a.channels)


def _answer(a: Any, channel: Any, moment: Any, contacts: list[Any]) -> Any:
    from mentorlog.contact import answer
    from mentorlog.model import zone

    return answer(channel, moment, zone(a.mentor.tz), contacts)


def _print_json(a: Any, answers: list[Any], single: bool) -> None:
    from mentorlog.contact import answer_json
    from mentorlog.model import zone
    from mentorlog.output import print_json

    rows = [answer_json(ans, zone(a.mentee_tz), zone(a.mentor.tz)) for ans in answers]
    print_json(rows[0] if single else rows)


def _both(a: Any, moment: Any) -> str:
    from mentorlog import render
    from mentorlog.model import zone
    from mentorlog.output import escape

    mine = moment.astimezone(zone(a.mentee_tz))
    theirs = moment.astimezone(zone(a.mentor.tz))
    return (f"{render.moment(mine)} your time ({a.mentee_tz}) = {render.moment(theirs)} "
            f"for {escape(a.mentor.name)} ({a.mentor.tz})")


def show(a: Any, ans: Any) -> None:
    from mentorlog.output import escape, out

    console = out()
    name = escape(ans.channel.name)
    if ans.allowed:
        until = f"; open until {_both(a, ans.open_until)}" if ans.open_until else ""
        console.print(f"[green]{name}: OK now[/green] — {escape(ans.reason)}{until}.",
                      soft_wrap=True)
        return
    console.print(f"[red]{name}: not now[/red] — {escape(ans.reason)}.", soft_wrap=True)
    if ans.next_open is not None:
        console.print(f"  Next window: {_both(a, ans.next_open)}.", soft_wrap=True)
    else:
        console.print("  No window opens in the next two weeks.")


def log_contact(ctx: typer.Context, a: Any, channel: Any, moment: Any, note: str) -> None:
    """Record one contact in contacts.toml; say so if it was outside what was agreed."""
    from mentorlog.contact import Contact, used
    from mentorlog.formats import CONTACTS
    from mentorlog.model import zone
    from mentorlog.output import escape, out

    st = common.store(ctx)
    before = _answer(a, channel, moment, list(st.load(CONTACTS).contacts))
    log = st.update(CONTACTS, lambda log: log.add(Contact(channel.name, moment, note.strip())))
    console = out()
    console.print(f"Logged a contact on {escape(channel.name)} at {_both(a, moment)}.",
                  soft_wrap=True)
    per_day, per_week = used(channel, moment, zone(a.mentor.tz), list(log.contacts))
    if channel.max_per_day is not None:
        console.print(f"Today: {per_day} of at most {channel.max_per_day}.")
    if channel.max_per_week is not None:
        console.print(f"This week: {per_week} of at most {channel.max_per_week}.")
    if not before.allowed:
        console.print(f"[yellow]Note: that was not as agreed — {escape(before.reason)}.[/yellow]")
