"""`mentorlog agenda`: what to bring to the next meeting."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from mentorlog.cli import common


def load(st: Any, agreement: Any, now: Any) -> Any:
    from mentorlog import agenda, history, meetingfacts, weekly
    from mentorlog.formats import GOALS, NOTES, OPPORTUNITIES, QUESTIONS, TASKS
    from mentorlog.meetings import date_of
    from mentorlog.reviews import monthly_review_due, review_dates

    meetings = meetingfacts.with_last_held_whole(st, meetingfacts.load(st))
    first_day, _ = agenda.notes_since(meetings)
    notes = []
    for rel in st.list_docs("notes"):
        day = date_of(rel)
        if first_day is None or (day is not None and day >= first_day):
            notes.append((history.doc_id(rel), st.load_record(NOTES, rel)))
    return agenda.build(
        agreement,
        meetings,
        weekly.next_meeting(agreement, meetings, now),
        st.load(TASKS).current,
        st.load(QUESTIONS).questions,
        notes,
        st.load(OPPORTUNITIES).opportunities,
        st.load(GOALS).goals,
        monthly_review_due(agreement.start, review_dates(st), now.date()),
    )


def agenda(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON (docs/json.md).")] = False,
    fmt: Annotated[
        str, typer.Option("--format", help="text, or md to paste to your mentor.")
    ] = "text",
    include_private: Annotated[
        bool, typer.Option("--include-private", help="With --format md: keep private entries.")
    ] = False,
    include_confidential: Annotated[
        bool, typer.Option("--include-confidential",
                           help="With --format md: keep confidential entries.")
    ] = False,
) -> None:
    """What to bring to the next meeting: task, questions, notes, follow-ups, wrap-up.

    Example: mentorlog agenda --format md
    """
    from mentorlog import agenda as domain

    if fmt not in ("text", "md"):
        raise typer.BadParameter(f"{fmt!r}: use text or md", param_hint="--format")
    st = common.store(ctx)
    agreement = common.agreement(ctx)
    plan = load(st, agreement, common.now(agreement.mentee_tz))
    if as_json:
        from mentorlog.output import print_json

        print_json(domain.to_json(plan))
    elif fmt == "md":
        typer.echo(domain.to_markdown(plan, include_private, include_confidential), nl=False)
    else:
        _show(plan)


def _show(plan: Any) -> None:
    from mentorlog import agenda as domain
    from mentorlog import render
    from mentorlog.model import zone
    from mentorlog.output import escape, hanging, out

    console = out()
    a = plan.agreement
    console.print(f"[bold]Agenda for your next meeting with {escape(a.mentor.name)}[/bold]")
    if plan.next_meeting:
        theirs = plan.next_meeting.astimezone(zone(a.mentor.tz))
        where = f", {escape(plan.where)}" if plan.where else ""
        console.print(f"{render.moment(plan.next_meeting)} ({theirs:%a %H:%M} for "
                      f"{escape(a.mentor.name)}){where}")
    else:
        console.print("No meeting scheduled.")

    def section(title: str, rows: list[str]) -> None:
        if rows:
            console.print(f"\n[bold]{title}[/bold]")
            for row in rows:
                console.print(hanging(f"  • {row}"))

    task = plan.review_task
    section("Last week's task", [escape(task.text) if task else "no task was set"]
            + [f"[dim]{q}[/dim]" for q in domain.REVIEW_QUESTIONS])
    section("Your 30/60/90 goals", [f"{g.id} {escape(g.text)} ({g.horizon} days)"
                                    for g in plan.goals])
    if plan.monthly_review_due:
        section("Monthly goal review due", ["run 'mentorlog goals review' at this meeting"])
    section("Parked questions", [f"{q.id} {escape(q.text)}{render.privacy_mark(q.privacy)}"
                                 for q in plan.questions])
    section("Notes since the last meeting",
            [f"{n.created.date()} {escape(n.title)}{render.privacy_mark(n.privacy)}"
             for _, n in plan.notes])
    section("Opportunities to follow up", [f"{o.id} {escape(o.text)} ({o.status})"
                                            for o in plan.opportunities])
    if plan.todo:
        section("Agreed last time", [escape(plan.todo)])
    section("Wrap-up", [f"[dim]{q}[/dim]" for q in domain.WRAP_UP])
