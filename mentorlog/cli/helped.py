"""`mentorlog helped`: log support you gave other mentees (the guide's requirement 4)."""

from __future__ import annotations

from typing import Annotated

import typer

from mentorlog.cli import common


def helped(
    ctx: typer.Context,
    text: Annotated[
        str | None,
        typer.Argument(help="What you did; without it, list what you logged.",
                       show_default=False),
    ] = None,
    minutes: Annotated[
        str | None, typer.Option("--time", "-t", help="How long: 30, 30m or 1.5h.",
                                 show_default=False)
    ] = None,
    on: Annotated[str, typer.Option("--on", help="The day (default: today).")] = "today",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON (docs/json.md).")] = False,
) -> None:
    """Log help you gave another mentee, like answering in #mentees; counted in 'status'.

    Example: mentorlog helped "reviewed Sam's CV in #mentees" --time 30m
    """
    from mentorlog.core import helping
    from mentorlog.core import text as render
    from mentorlog.core.dates import parse_date
    from mentorlog.core.errors import MentorlogError
    from mentorlog.storage.formats import HELPED
    from mentorlog.views.console import escape, out

    st = common.store(ctx)
    a = common.agreement(ctx)
    if text is None:
        show(st.load(HELPED), as_json)
        return
    if not text.strip():
        raise MentorlogError("say what you did, like 'answered a question about git in #mentees'")
    day = parse_date(on, common.now(a.mentee_tz).date())
    entry = helping.Help(day, " ".join(text.split()),
                         helping.parse_minutes(minutes) if minutes else None)
    log = st.update(HELPED, lambda current: current.add(entry))
    total = helping.summary(log)
    out().print(f"Logged: {escape(entry.text)} ({render.day(day)}). "
                f"Helped other mentees {total.count} time{'s' if total.count != 1 else ''} so far.")


def show(log: object, as_json: bool) -> None:
    from mentorlog.core import text as render
    from mentorlog.views.console import escape, out, print_json

    entries = list(getattr(log, "entries", ()))
    if as_json:
        print_json([{"on": h.on.isoformat(), "text": h.text, "minutes": h.minutes}
                    for h in entries])
        return
    if not entries:
        out().print("Nothing logged yet. The guide asks you to help support other mentees in "
                    "#mentees: log it with 'mentorlog helped TEXT'.")
        return
    for h in entries:
        length = f" ({h.minutes} min)" if h.minutes else ""
        out().print(f"{render.day(h.on)}  {escape(h.text)}{length}")
