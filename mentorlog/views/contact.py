"""May I contact my mentor now, on this channel? The answer as a reader sees it (no typer).

Shared by `mentorlog contact` and its fast path (mentorlog/fastpath.py); `contact log`
stays in mentorlog/cli/contact.py.
"""

from __future__ import annotations

from typing import Any

def run(session: Any, channel: str | None = None, at: str | None = None,
        as_json: bool = False) -> int:
    """`mentorlog contact [CHANNEL] [--at WHEN] [--json]`: exit code 0 when contact is OK."""
    from mentorlog.storage.formats import AGREEMENT

    a = session.store.load(AGREEMENT)
    return answer_now(session.store, a, moment(a, at), channel, as_json)


def moment(a: Any, at: str | None) -> Any:
    """Now, or the moment `--at` names, in the mentee's zone."""
    from mentorlog.cli import clock
    from mentorlog.core.dates import parse_datetime
    from mentorlog.core.model import zone

    now = clock.now(zone(a.mentee_tz))
    return parse_datetime(at, now, zone(a.mentee_tz)) if at else now


def answer_now(st: Any, a: Any, when: Any, channel: str | None, as_json: bool) -> int:
    """Print whether contact is OK at `when` on `channel` (default: every agreed channel);
    0 when it is on at least one of them, else 1."""
    from mentorlog.storage.formats import CONTACTS

    channels = [find_channel(a, channel)] if channel is not None else _all_channels(a)
    contacts = list(st.load(CONTACTS).contacts)
    answers = [answer(a, c, when, contacts) for c in channels]
    if as_json:
        _print_json(a, answers, single=channel is not None)
    else:
        for ans in answers:
            show(a, ans)
    return 0 if any(ans.allowed for ans in answers) else 1


def find_channel(a: Any, name: str) -> Any:
    from mentorlog.core.errors import MentorlogError

    found = a.channel(name)
    if found is None:
        agreed = ", ".join(c.name for c in a.channels) or "none yet"
        raise MentorlogError(f"{name!r} is not an agreed channel (agreed: {agreed})")
    return found


def _all_channels(a: Any) -> list[Any]:
    from mentorlog.core.errors import MentorlogError

    if not a.channels:
        raise MentorlogError(
            "no contact channels agreed yet: agree them with your mentor, then add them "
            "with 'mentorlog agreement edit'"
        )
    return list(a.channels)


def answer(a: Any, channel: Any, when: Any, contacts: list[Any]) -> Any:
    from mentorlog.core.contact import answer as domain_answer
    from mentorlog.core.model import zone

    return domain_answer(channel, when, zone(a.mentor.tz), contacts)


def _print_json(a: Any, answers: list[Any], single: bool) -> None:
    from mentorlog.core.contact import answer_json
    from mentorlog.core.model import zone
    from mentorlog.views.console import print_json

    rows = [answer_json(ans, zone(a.mentee_tz), zone(a.mentor.tz)) for ans in answers]
    print_json(rows[0] if single else rows)


def both(a: Any, when: Any) -> str:
    """`Tue 1 Dec 2026 18:00 your time (Europe/Berlin) = ... for Ada (America/New_York)`."""
    from mentorlog.core import text as render
    from mentorlog.core.model import zone
    from mentorlog.views.console import escape

    mine = when.astimezone(zone(a.mentee_tz))
    theirs = when.astimezone(zone(a.mentor.tz))
    return (f"{render.moment(mine)} your time ({a.mentee_tz}) = {render.moment(theirs)} "
            f"for {escape(a.mentor.name)} ({a.mentor.tz})")


def show(a: Any, ans: Any) -> None:
    from mentorlog.views.console import escape, out

    console = out()
    name = escape(ans.channel.name)
    if ans.allowed:
        until = f"; open until {both(a, ans.open_until)}" if ans.open_until else ""
        console.print(f"[green]{name}: OK now[/green] — {escape(ans.reason)}{until}.",
                      soft_wrap=True)
        return
    console.print(f"[red]{name}: not now[/red] — {escape(ans.reason)}.", soft_wrap=True)
    if ans.next_open is not None:
        console.print(f"  Next window: {both(a, ans.next_open)}.", soft_wrap=True)
    else:
        console.print("  No window opens in the next two weeks.")
