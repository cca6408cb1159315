"""May I contact my mentor now, on this channel? The answer as a reader sees it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from mentorlog.core import text as render
from mentorlog.core.agreement import Agreement, Channel, zone
from mentorlog.core.contact import ContactAnswer, answer_json
from mentorlog.views.console import escape, hanging, out


def answers_json(a: Agreement, answers: list[ContactAnswer],
                 single: bool) -> dict[str, Any] | list[dict[str, Any]]:
    """`contact --json`: one answer for a named channel, else a list."""
    rows = [answer_json(ans, zone(a.mentee_tz), zone(a.mentor.tz)) for ans in answers]
    return rows[0] if single else rows


def both(a: Agreement, when: datetime, sep: str = " ") -> str:
    """`Tue 1 Dec 2026 18:00 your time (Europe/Berlin) = ... for Ada (America/New_York)`;
    `sep` between the two zones ("\n" puts the mentor's time on a line of its own)."""
    mine = when.astimezone(zone(a.mentee_tz))
    theirs = when.astimezone(zone(a.mentor.tz))
    return (f"{render.moment(mine)} your time ({a.mentee_tz}){sep}= {render.moment(theirs)} "
            f"for {escape(a.mentor.name)} ({a.mentor.tz})")


def show(a: Agreement, ans: ContactAnswer) -> None:
    console = out()
    name = escape(ans.channel.name)
    if ans.allowed:
        console.print(f"[green]{name}: OK now[/green] — {escape(ans.reason)}.")
        if ans.open_until:
            console.print(hanging(f"  Open until {both(a, ans.open_until, chr(10))}."))
        return
    console.print(f"[red]{name}: not now[/red] — {escape(ans.reason)}.")
    if ans.next_open is not None:
        console.print(hanging(f"  Next window: {both(a, ans.next_open, chr(10))}."))
    else:
        console.print(hanging("  No window opens in the next two weeks."))


def show_logged(a: Agreement, channel: Channel, moment: datetime, used: tuple[int, int],
                before: ContactAnswer) -> None:
    """`contact log`: the contact, what it used of an agreed limit, and whether it was agreed
    (`before`: the answer for that moment, without this contact)."""
    per_day, per_week = used
    console = out()
    console.print(f"Logged a contact on {escape(channel.name)} at {both(a, moment)}.")
    if channel.max_per_day is not None:
        console.print(f"Today: {per_day} of at most {channel.max_per_day}.")
    if channel.max_per_week is not None:
        console.print(f"This week: {per_week} of at most {channel.max_per_week}.")
    if not before.allowed:
        console.print(f"[yellow]Note: that was not as agreed — {escape(before.reason)}.[/yellow]")
