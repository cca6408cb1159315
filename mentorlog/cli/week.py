"""`mentorlog week` and `mentorlog skip`: the weekly meeting, in the guide's order."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

import typer

from mentorlog.cli import common, drafts, prompts, weekform
from mentorlog.cli.editor import edit_document
from mentorlog.core import text as render
from mentorlog.core import week as weekly
from mentorlog.core.agreement import Agreement, zone
from mentorlog.core.dates import parse_date, parse_datetime
from mentorlog.core.errors import MentorlogError
from mentorlog.core.meetings import Meeting, meeting_rel
from mentorlog.core.notes import privacy_of
from mentorlog.core.people import link_opportunities
from mentorlog.core.privacy import stricter
from mentorlog.core.timeline import day_to_record
from mentorlog.storage import journal
from mentorlog.storage.codecs.meetings import meeting_from_doc, meeting_to_doc
from mentorlog.storage.editing import clear_document
from mentorlog.storage.formats import (
    CONFIG,
    FOLLOWUPS,
    GOALS,
    MEETINGS,
    PEOPLE,
    QUESTIONS,
    TASKS,
    WEEK_DRAFT,
)
from mentorlog.storage.store import Store
from mentorlog.views.week import show_saved, show_skipped


def week(
    ctx: typer.Context,
    date_: Annotated[str | None, typer.Option(
        "--date", help="Meeting date (default: the oldest meeting not recorded since the "
        "last one recorded, else today).")]
    = None,
    duration: Annotated[int | None, typer.Option(help="Length in minutes (default: agreed).")]
    = None,
    task_status: Annotated[
        str | None, typer.Option(help="Last week's task: done, partly or not-done (or yes, "
                                 "half, no).")
    ] = None,
    went_well: Annotated[str | None, typer.Option(help="What went well?")] = None,
    could_improve: Annotated[str | None, typer.Option(help="What could have gone better?")]
    = None,
    goals_note: Annotated[str | None, typer.Option(help="Where you are on your 30/60/90 goals.")]
    = None,
    goal: Annotated[
        list[str] | None,
        typer.Option(help="One goal's status and a note: 'g1=behind: waiting for review' "
                     "(on-track, behind or done; repeatable)."),
    ] = None,
    asked: Annotated[str | None, typer.Option(help="Questions you asked.")] = None,
    worked_on: Annotated[str | None, typer.Option(help="What you worked or paired on.")] = None,
    career: Annotated[str | None, typer.Option(help="Industry and career talk.")] = None,
    answer: Annotated[
        list[str] | None, typer.Option(help="A parked question answered: 'q1=the answer'.")
    ] = None,
    next_task: Annotated[str | None, typer.Option(help="What you are doing next week.")] = None,
    mentor_watch: Annotated[
        list[str] | None, typer.Option(help="What your mentor keeps an eye out for.")
    ] = None,
    watch_person: Annotated[str | None, typer.Option(
        help="Link what your mentor keeps an eye out for to a person of 'mentorlog people'.",
        show_default=False)] = None,
    next_meeting: Annotated[
        str | None, typer.Option(help="'2026-12-08 18:00' (default: the next agreed slot).")
    ] = None,
    where: Annotated[str | None, typer.Option(help="Where the next meeting is.")] = None,
    todo: Annotated[
        list[str] | None, typer.Option(help="Anything else to think about or do.")
    ] = None,
    followup_done: Annotated[list[str] | None, typer.Option(
        help="An earlier follow-up done: 'o1' or 'o1=what came of it' (repeatable).")] = None,
    followup_drop: Annotated[list[str] | None, typer.Option(
        help="An earlier follow-up dropped: 'o1' (repeatable).")] = None,
    notes: Annotated[str | None, typer.Option(help="Free notes of the meeting.")] = None,
    private: Annotated[bool, typer.Option(
        "--private", help="Mark the meeting private (default: config meeting_privacy).")]
    = False,
    confidential: Annotated[
        bool, typer.Option("--confidential", help="Mark it confidential.")
    ] = False,
    no_input: Annotated[bool, typer.Option("--no-input", help="Never prompt.")] = False,
    force: Annotated[bool, typer.Option(help="Replace a meeting already recorded that day.")]
    = False,
) -> None:
    """Record this week's meeting: last week's task, your goals, the wrap-up.

    Example: mentorlog week --no-input --task-status done --next-task "Write the tests"
    """
    st = common.open_mentorship(ctx)
    agreement = common.agreement(ctx)
    now = common.now(agreement.mentee_tz)
    interactive = common.can_prompt(no_input)
    day = weekly.check_meeting_day(
        agreement, parse_date(date_, now.date()) if date_ else _day_to_record(st, agreement, now),
        now.date()
    )
    given = dict(
        duration=duration, task_status=task_status, went_well=went_well,
        could_improve=could_improve, goals_note=goals_note, goal=goal, asked=asked,
        worked_on=worked_on,
        career=career, answer=answer, next_task=next_task, mentor_watch=mentor_watch,
        next_meeting=next_meeting, where=where, todo=todo, notes=notes,
        followup_done=followup_done, followup_drop=followup_drop,
    )
    kept = drafts.offer(st, WEEK_DRAFT, "weekly meeting", interactive, "mentorlog week")
    if kept is not None and kept.day is not None:
        day = kept.day
    elif date_ is None and day != now.date() and interactive:
        prompts.say(f"[dim]The meeting of {day.isoformat()} is not recorded yet: this records "
                    "it (--date records another).[/dim]")
    existing = _existing(st, day)
    if existing and not force:
        if interactive:
            _offer_edit(st, day)
            return
        raise MentorlogError(
            f"a meeting on {day.isoformat()} is already recorded in "
            f"{st.display(existing.rel)} (use --force to record it again, or run "
            f"'mentorlog week --date {day.isoformat()}' in a terminal to edit it)"
        )
    if watch_person is not None:
        st.load(PEOPLE).get(watch_person)  # an unknown person fails before any question
    # a resumed meeting stays as private as it was begun (`week --private`, then `week`)
    privacy = stricter(_privacy(st, private, confidential), kept.privacy if kept else "normal")
    talk = drafts.Conversation(st, WEEK_DRAFT, "week", day, kept.answers if kept else None,
                               privacy)
    with drafts.kept_on_interrupt(talk, "mentorlog week"):
        answers = weekform.collect(st, agreement, day, now, given, interactive,
                                   privacy, existing, talk)
    record = _save(st, answers, existing, now, force, watch_person, drop_draft=interactive)
    show_saved(st.display(record.meeting.rel), record)


def _day_to_record(st: Store, agreement: Agreement, now: datetime) -> date:
    """The oldest meeting not recorded since the last one recorded, else today."""
    found = journal.meetings(st)
    return day_to_record(journal.timeline(st, agreement, now, found), found)


def _privacy(st: Store, private: bool, confidential: bool) -> str:
    """--private / --confidential, else the configured default for meeting notes."""
    if private or confidential:
        return privacy_of(private, confidential)
    return str(st.load(CONFIG).meeting_privacy)


def _existing(st: Store, day: date) -> Meeting | None:
    rel = meeting_rel(day)
    return st.load_record(MEETINGS, rel) if st.exists(rel) else None


def _offer_edit(st: Store, day: date) -> None:
    """In a terminal, a meeting already recorded is opened in the editor, or left as it is."""
    rel = meeting_rel(day)
    clear_document(st, rel)  # one this machine cannot decrypt is refused before the question
    if not prompts.confirm(f"A meeting on {day.isoformat()} is already recorded. Edit it?"):
        prompts.say(f"The meeting of {render.day(day)} is left as it is "
                    f"({st.display(rel)}).")
        return
    changed = edit_document(st, rel, meeting_from_doc, interactive=True)
    prompts.say(f"Saved {st.display(rel)}." if changed else "No change.")


def _save(st: Store, answers: weekly.WeekAnswers, existing: Meeting | None, now: datetime,
          force: bool, watch_person: str | None = None,
          drop_draft: bool = False) -> weekly.WeekRecord:
    with st.lock():
        current = _existing(st, answers.day)
        if current != existing and not force:
            raise MentorlogError(f"a meeting on {answers.day} was recorded meanwhile")
        record = weekly.record_week(
            answers, st.load(TASKS), st.load(QUESTIONS), st.load(FOLLOWUPS), current, now,
            meetings=[m for m in journal.meetings(st) if m.day != answers.day],
        )
        goals = st.load(GOALS)  # read before any write: a broken file stops it all
        # what the files written before the meeting inherit from it (encryption at rest)
        st.sealer.expect_meeting(record.meeting.rel, meeting_to_doc(record.meeting).meta)
        if answers.goal_progress:
            st.save(GOALS, weekly.record_goals(goals, answers.goal_progress, answers.day))
        st.save(TASKS, record.tasks)
        st.save(QUESTIONS, record.questions)
        st.save(FOLLOWUPS, record.followups)
        if watch_person is not None:  # the opportunities this meeting set, linked to them
            st.save(PEOPLE, link_opportunities(st.load(PEOPLE), watch_person, record))
        st.save_doc(record.meeting.rel, meeting_to_doc(record.meeting))
        if drop_draft and st.exists(WEEK_DRAFT.name):  # its answers are in the meeting now
            st.remove(WEEK_DRAFT.name)
    return record


def skip(
    ctx: typer.Context,
    date_: Annotated[
        str | None, typer.Option("--date", help="The meeting's date (default: the next one).")
    ] = None,
    reason: Annotated[str, typer.Option(help="Why (it goes into the message).")] = "",
    moved_to: Annotated[
        str | None, typer.Option(help="When it happens instead: '2026-12-03 18:00'.")
    ] = None,
    force: Annotated[bool, typer.Option(help="Replace a meeting recorded that day.")] = False,
) -> None:
    """Record a skipped or moved meeting and print a message to send your mentor.

    Example: mentorlog skip --date 2026-12-15 --reason "I'm ill"
    """
    st = common.open_mentorship(ctx)
    a = common.agreement(ctx)
    now = common.now(a.mentee_tz)
    meetings = st.load_all(MEETINGS)
    when = weekly.skipped_time(a, meetings, now,
                               parse_date(date_, now.date()) if date_ else None)
    day = when.date()
    moved = parse_datetime(moved_to, now, zone(a.mentee_tz)) if moved_to else None
    if moved and moved.date() == day:
        raise MentorlogError("a moved meeting needs another date (skip records the day missed)")
    meeting = weekly.skip_meeting(day, reason, moved, now)
    with st.lock():
        if st.exists(meeting.rel) and not force:
            raise MentorlogError(
                f"a meeting on {day.isoformat()} is already recorded in "
                f"{st.display(meeting.rel)} (use --force to replace it)"
            )
        st.save_doc(meeting.rel, meeting_to_doc(meeting))
    show_skipped(a, when, reason, moved)
