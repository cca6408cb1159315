"""`mentorlog checkin`: a short relationship check-in (the guide: communicate about the
relationship regularly), kept private by default; `checkin --json` lists them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

import typer

from mentorlog.cli import common, prompts
from mentorlog.core import checkins as domain
from mentorlog.core.dates import parse_date
from mentorlog.core.errors import MentorlogError
from mentorlog.storage.formats import CHECKINS
from mentorlog.views import checkin as view
from mentorlog.views.console import print_json

CHECKS: dict[str, Callable[[str], object]] = {
    "working": domain.check_working, "time": domain.check_time,
    "boundaries": domain.check_boundaries}


def checkin(
    ctx: typer.Context,
    working: Annotated[str | None, typer.Option(
        help="Is the relationship working for you? 1 (not at all) to 5 (very well).",
        show_default=False)] = None,
    time: Annotated[str | None, typer.Option(
        "--time", help="Is the time commitment right? right, too-much or too-little.",
        show_default=False)] = None,
    boundaries: Annotated[str | None, typer.Option(
        help="Are boundaries and agreed channels respected? yes, mostly or no.",
        show_default=False)] = None,
    keep: Annotated[str | None, typer.Option(help="One thing to keep.", show_default=False)]
    = None,
    change: Annotated[str | None, typer.Option(help="One thing to change.", show_default=False)]
    = None,
    feedback: Annotated[str | None, typer.Option(help="Feedback for your mentor.",
                                                 show_default=False)] = None,
    on: Annotated[str, typer.Option("--date", help="The day of the check-in.")] = "today",
    privacy: Annotated[str, typer.Option(
        help="normal, private or confidential (exports leave out the last two).")]
    = domain.DEFAULT_PRIVACY,
    list_: Annotated[bool, typer.Option("--list", help="List the check-ins.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="List them as JSON (docs/json.md).")]
    = False,
    no_input: Annotated[bool, typer.Option("--no-input", help="Never prompt.")] = False,
) -> None:
    """Check in on the relationship: is it working, is the time right, are boundaries kept?

    Six short questions, every few weeks (config checkin_weeks; 'remind' says when). Kept
    private by default.

    Example: mentorlog checkin --no-input --working 4 --time right --boundaries yes
    """
    st = common.store(ctx)
    agreement = common.agreement(ctx)
    if list_ or as_json:
        found = st.load(CHECKINS).checkins
        if as_json:
            print_json(view.list_json(found))
        else:
            view.show_list(found)
        return
    st = common.open_mentorship(ctx)
    today = common.now(agreement.mentee_tz).date()
    day = parse_date(on, today)
    if day > today:
        raise MentorlogError(f"{day.isoformat()} is in the future: check in on a day that "
                             "has come")
    domain.check_privacy(privacy)
    answers = {"working": working, "time": time, "boundaries": boundaries, "keep": keep,
               "change": change, "feedback": feedback}
    for key, value in answers.items():  # a bad flag fails before any question is asked
        if value is not None and key in CHECKS:
            CHECKS[key](value)
    if common.can_prompt(no_input):
        prompts.guide("The guide: be open but empathic in giving feedback, and communicate "
                      "about the relationship regularly. Enter skips a question.")
        for key, _ in domain.QUESTIONS:
            if answers[key] is None:
                answers[key] = _ask(key)
    entry = domain.new_checkin({k: v or "" for k, v in answers.items()}, day, privacy)
    book = st.update(CHECKINS, lambda current: current.add(entry))
    view.show_saved(book.checkins[-1], st.display(CHECKINS.name))


def _ask(key: str) -> str:
    label = view.question(key)
    if key == "working":
        return str(prompts.checked(label, domain.check_working))
    if key == "time":
        return prompts.checked(label, domain.check_time, "right")
    if key == "boundaries":
        return prompts.checked(label, domain.check_boundaries, "yes")
    return prompts.text(label)
