"""`mentorlog init`: the first meeting, question by question, in the guide's order."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated, Any

import tomli_w
import typer
from msgspec import Struct
from rich.console import Console

from mentorlog.cli import common, prompts
from mentorlog.cli.clock import local_zone_name
from mentorlog.cli.prompts import echo_date
from mentorlog.core import first_meeting as firstmeeting
from mentorlog.core.agreement import (
    FOCUS_KINDS,
    check_horizon,
    parse_channel,
    parse_gap,
    parse_slot,
    suggest_zone,
    zone,
)
from mentorlog.core.dates import is_relative, parse_date
from mentorlog.core.errors import MentorlogError
from mentorlog.core.skills import MAX_AT_INIT, parse_skill_flag
from mentorlog.storage import journal
from mentorlog.storage.formats import AGREEMENT, GOALS, SKILLS, TASKS
from mentorlog.storage.store import Store
from mentorlog.storage.toml import SCHEMA_VERSION, parse_toml
from mentorlog.views.console import escape, out
from mentorlog.views.first_meeting import show_saved

_GUIDE = "The First Meeting"


class Question(Struct, frozen=True):
    """One first-meeting question, with the guide's words for why it is asked."""

    key: str
    ask: str
    why: str
    many: bool = False
    optional: bool = True


# In the guide's order; `why` is the guide's own words, shown above each question.
QUESTIONS: tuple[Question, ...] = (
    Question("mentor", "Your mentor's name", f"{_GUIDE} 1: schedule it directly with your mentor.",
             optional=False),
    Question("mentor_contact", "How to reach them (email, handle)", "Where you send the invite."),
    Question("tz", "Your time zone (IANA name, like Europe/Berlin)",
             "Meetings are kept in your local time.", optional=False),
    Question("mentor_tz", "Your mentor's time zone",
             "Contact windows are judged in the mentor's local time.", optional=False),
    Question("start", "Date of this first meeting", "Week 1 of the program starts here.",
             optional=False),
    Question("focus", "", f"{_GUIDE} 3: the overall goals for the relationship.", many=True),
    Question("success", "How will you measure success?",
             f"{_GUIDE} 3: discuss how you would measure success.", many=True),
    Question("skill", "A skill and your level (1-5) now, like 'Writing tests=2'",
             f"{_GUIDE} 3b: mastering or improving a specific skill - rate up to three from 1 "
             "(new to it) to 5 (could teach it), and again at the end.", many=True),
    Question("hours", "Hours a week you commit", "Requirements 1: minimum 1 hour/week.",
             optional=False),
    Question("extra_time", "Extra time, and in what contexts",
             f"{_GUIDE} 4a: apart from the 1hr/week, how much extra time will you dedicate, "
             "if any, and in what contexts?"),
    Question("until", "When do you plan to end? (Enter to skip)",
             "Requirements 3: be able to participate for at least 3 months, preferably longer."),
    Question("renegotiate_on", "A day to renegotiate, to talk about going on (Enter to skip)",
             "How is it going, and do you go on? 'mentorlog remind' brings it up a week ahead."),
    Question("channel", "A channel and its times, like 'slack: Mon-Fri 09:00-17:00'",
             f"{_GUIDE} 4b: appropriate mediums and times for communication "
             "(times in the mentor's zone; add ', at most 2 a week' for a limit).", many=True),
    Question("off_limits", "A topic outside the bounds",
             f"{_GUIDE} 4c: anything outside the bounds of what you're willing to discuss?",
             many=True),
    Question("slot", "A weekly meeting slot, like 'Tue 18:00' (your time)",
             f"{_GUIDE} 5: one or two times blocked off on your calendars.", many=True,
             optional=False),
    Question("duration", "Meeting length in minutes",
             "The Weekly Meeting 1: timeboxed, respecting your agreed limits.", optional=False),
    Question("gap", "A known gap, like '2026-12-21..2027-01-03: holidays'",
             f"{_GUIDE} 6: potential gaps in time commitment.", many=True),
    Question("gap_plan", "How will you manage gaps?", f"{_GUIDE} 6: ...and how to manage them."),
    Question("goal30", "A target for the first 30 days",
             f"{_GUIDE} 7: general targets for the first 30/60/90 days - not hard "
             "requirements, just goals to point your way.", many=True),
    Question("goal60", "A target for 60 days", f"{_GUIDE} 7.", many=True),
    Question("goal90", "A target for 90 days", f"{_GUIDE} 7.", many=True),
    Question("first_task", "Your task before the first weekly meeting",
             f"{_GUIDE} 8: something you can and would like to work on - you take the lead."),
)


def init(
    ctx: typer.Context,
    mentor: Annotated[str | None, typer.Option(help="Your mentor's name.")] = None,
    mentor_contact: Annotated[str | None, typer.Option(help="How to reach them.")] = None,
    tz: Annotated[str | None, typer.Option(help="Your IANA time zone.")] = None,
    mentor_tz: Annotated[str | None, typer.Option(help="The mentor's IANA time zone.")] = None,
    start: Annotated[str | None, typer.Option(help="Start date (default: today).")] = None,
    focus: Annotated[
        list[str] | None,
        typer.Option(help="project, skill, career, opportunities or connections [: words]."),
    ] = None,
    success: Annotated[list[str] | None, typer.Option(help="How success is measured.")] = None,
    hours: Annotated[str | None, typer.Option(help="Hours a week (at least 1).")] = None,
    extra_time: Annotated[str | None, typer.Option(help="Extra time and its contexts.")] = None,
    until: Annotated[
        str | None, typer.Option(help="The planned end (at least 3 months after the start).")
    ] = None,
    renegotiate_on: Annotated[
        str | None, typer.Option(help="A day to talk about going on (remind: a week ahead).")
    ] = None,
    skill: Annotated[
        list[str] | None, typer.Option(help="'Writing tests=2': a skill and its level, 1-5 "
                                            "(up to 3).")
    ] = None,
    channel: Annotated[
        list[str] | None, typer.Option(help="'slack: Mon-Fri 09:00-17:00' (mentor's zone).")
    ] = None,
    off_limits: Annotated[list[str] | None, typer.Option(help="A topic off limits.")] = None,
    slot: Annotated[list[str] | None, typer.Option(help="'Tue 18:00' (at most 2).")] = None,
    duration: Annotated[str | None, typer.Option(help="Meeting length in minutes.")] = None,
    gap: Annotated[
        list[str] | None, typer.Option(help="'2026-12-21..2027-01-03: holidays'.")
    ] = None,
    gap_plan: Annotated[str | None, typer.Option(help="How gaps are managed.")] = None,
    goal30: Annotated[list[str] | None, typer.Option(help="A 30-day target.")] = None,
    goal60: Annotated[list[str] | None, typer.Option(help="A 60-day target.")] = None,
    goal90: Annotated[list[str] | None, typer.Option(help="A 90-day target.")] = None,
    first_task: Annotated[str | None, typer.Option(help="The task before week 1.")] = None,
    no_input: Annotated[bool, typer.Option("--no-input", help="Never prompt.")] = False,
    force: Annotated[bool, typer.Option(help="Replace an existing agreement.")] = False,
) -> None:
    """Record your first meeting: goals, time, boundaries, slots and 30/60/90 targets.

    Example: mentorlog init --no-input --mentor "Ada" --tz Europe/Berlin --slot "Tue 18:00"
    """
    given = {k: v for k, v in locals().items() if k in {q.key for q in QUESTIONS}}
    answers = {k: v for k, v in given.items() if v is not None}
    st = common.store(ctx)
    _refuse_existing(st, force)
    now = common.now(tz if tz and _valid_zone(tz) else None)
    if common.can_prompt(no_input):
        answers = _interview(st, answers, now.date())
    # over a journal (--force): the first task is due at the first meeting on its timeline
    found = journal.meetings(st) if st.exists(AGREEMENT.name) else []
    result = firstmeeting.build(answers, now.date(), found)
    _save(st, result, force)
    show_saved(result, st.display(AGREEMENT.name))


def _valid_zone(name: str) -> bool:
    try:
        zone(name)
        return True
    except MentorlogError:
        return False


def _refuse_existing(st: Store, force: bool) -> None:
    if not force and st.exists("agreement.toml"):
        raise MentorlogError(
            f"an agreement already exists at {st.display('agreement.toml')} "
            "(use 'mentorlog agreement edit', or --force to replace it)"
        )


def _save(st: Store, result: firstmeeting.FirstMeeting, force: bool) -> None:
    with st.lock():
        _refuse_existing(st, force)
        # Read both before writing either: a file that does not read stops it with nothing
        # written. Goals and tasks first, the agreement last: it marks the mentorship set up.
        goals = firstmeeting.merge_goals(st.load(GOALS), result.goals)
        tasks = firstmeeting.merge_tasks(st.load(TASKS), result.tasks)
        skills = firstmeeting.merge_skills(st.load(SKILLS), result.skills)
        st.save(GOALS, goals)
        st.save(TASKS, tasks)
        if skills.ratings:
            st.save(SKILLS, skills)
        st.save(AGREEMENT, result.agreement)
        st.remove(DRAFT)


# --- the interview --------------------------------------------------------------------------

DRAFT = "drafts/init.toml"


def _interview(st: Store, answers: dict[str, Any], today: date) -> dict[str, Any]:
    console = out()
    draft = _load_draft(st)
    if draft and prompts.confirm("You have unfinished first-meeting answers. Resume them?"):
        answers = {**draft, **answers}
    elif draft:
        with st.lock():
            st.remove(DRAFT)
    console.print("[bold]The first meeting[/bold] — answer each question; Enter keeps the "
                  "\\[default], an empty answer skips an optional one.\n")
    try:
        _ask_all(console, st, answers, today)
    except KeyboardInterrupt:
        if _load_draft(st):
            console.print("\nYour answers so far are kept: run 'mentorlog init' to resume.")
        raise
    return answers


def _ask_all(console: Console, st: Store, answers: dict[str, Any], today: date) -> None:
    for q in QUESTIONS:
        if q.key in answers:
            continue
        console.print(f"[dim]{escape(q.why)}[/dim]")
        if q.key == "focus":
            answers["focus"] = _ask_focus()
        elif q.many:
            answers[q.key] = _ask_many(console, q, today)
        else:
            answers[q.key] = _ask_one(console, q, _default(q.key, answers), today, answers)
        _save_draft(st, answers)
        console.print()


def _default(key: str, answers: dict[str, Any]) -> str | None:
    return {
        "tz": local_zone_name(),
        "mentor_tz": answers.get("tz"),
        "start": "today",
        "hours": "1",
        "duration": "60",
    }.get(key)


def _check(key: str, text: str, today: date, answers: dict[str, Any] | None = None) -> str:
    """Raises MentorlogError when one answer cannot be used, so the question is asked again."""
    checks: dict[str, Callable[[str], object]] = {
        "tz": zone,
        "mentor_tz": zone,
        "start": lambda t: parse_date(t, today),
        "hours": firstmeeting.parse_hours,
        "duration": firstmeeting.parse_duration,
        "channel": parse_channel,
        "slot": parse_slot,
        "gap": lambda t: parse_gap(t, today),
        "skill": parse_skill_flag,
        "until": lambda t: parse_date(t, today),
        "renegotiate_on": lambda t: parse_date(t, today),
    }
    if key in checks:
        checks[key](text)
    if key in ("until", "renegotiate_on") and answers is not None:
        _check_horizon(key, text, today, answers)
    return text


def _check_horizon(key: str, text: str, today: date, answers: dict[str, Any]) -> None:
    """The planned end three months or more after the start, the renegotiation point
    between them: asked again at once, not refused after the last question."""
    start = parse_date(str(answers.get("start") or "today"), today)
    given = {k: answers.get(k) for k in ("until", "renegotiate_on")} | {key: text}
    until, renegotiate = (parse_date(str(v), today) if v else None for v in given.values())
    check_horizon(start, until, renegotiate)


def _ask_one(console: Console, q: Question, default: str | None, today: date,
             answers: dict[str, Any] | None = None) -> str:
    while True:
        answer = prompts.ask(q.ask, default or "")
        if not answer and not q.optional:
            console.print("[red]This one is needed.[/red]")
            continue
        if not answer:
            return ""
        try:
            checked = _check(q.key, answer, today, answers)
        except MentorlogError as e:
            close = suggest_zone(answer) if q.key in ("tz", "mentor_tz") else None
            if close:  # "did you mean America/New_York?": asked again with it offered
                default = close
            again = "Enter takes it, or try again" if close else "try again"
            console.print(f"[red]{escape(str(e))}[/red] — {again}.")
            continue
        if q.key in ("start", "until", "renegotiate_on") and is_relative(answer):
            echo_date(parse_date(answer, today))  # `next tue`: the date it became
        return checked


def _ask_many(console: Console, q: Question, today: date) -> list[str]:
    items: list[str] = []
    limit = {"slot": 2, "skill": MAX_AT_INIT}.get(q.key)
    while limit is None or len(items) < limit:
        label = q.ask if not items else "  another? (Enter to finish)"
        answer = prompts.ask(label)
        if not answer:
            if items or q.optional:
                break
            console.print("[red]At least one is needed.[/red]")
            continue
        try:
            items.append(_check(q.key, answer, today))
        except MentorlogError as e:
            console.print(f"[red]{escape(str(e))}[/red] — try again.")
            continue
        span = answer.partition(": ")[0].split("..")
        if q.key == "gap" and any(is_relative(part) for part in span):  # `next mon..fri`
            gap = parse_gap(answer, today)
            echo_date(gap.start, gap.end)
    return items


def _ask_focus() -> list[str]:
    chosen = []
    for letter, (kind, label) in zip("abcde", FOCUS_KINDS.items(), strict=True):
        answer = prompts.ask(f"{letter}. {label}? (in your words; Enter to skip)")
        if answer:
            chosen.append(f"{kind}: {answer}")
    return chosen


def _load_draft(st: Store) -> dict[str, Any] | None:
    try:
        text = st.read_text(DRAFT)
        if text is None:
            return None
        data = parse_toml(text, st.display(DRAFT))
    except MentorlogError as e:  # never overwrite answers we cannot read: say where they are
        raise MentorlogError(
            f"{e} (your unfinished first-meeting answers: fix or delete this file, "
            "then run 'mentorlog init' again)"
        ) from None
    data.pop("schema_version", None)
    return data


def _save_draft(st: Store, answers: dict[str, Any]) -> None:
    with st.lock():
        st.write_text(DRAFT, tomli_w.dumps({"schema_version": SCHEMA_VERSION, **answers}))
