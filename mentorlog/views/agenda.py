"""The agenda for the next meeting as a reader sees it: loaded from the store and drawn (no typer).

Shared by `mentorlog agenda` and its fast path (mentorlog/fastpath.py).
"""

from __future__ import annotations

from typing import Any

def run(session: Any, as_json: bool = False, fmt: str = "text", include_private: bool = False,
        include_confidential: bool = False) -> None:
    """`mentorlog agenda [--json] [--format text|md]` for the journal of `session`."""
    from mentorlog.core import agenda
    from mentorlog.cli import clock
    from mentorlog.storage.formats import AGREEMENT
    from mentorlog.core.model import zone

    st = session.store
    agreement = st.load(AGREEMENT)
    plan = load(st, agreement, clock.now(zone(agreement.mentee_tz)))
    if as_json:
        from mentorlog.views.console import print_json

        print_json(agenda.to_json(plan))
    elif fmt == "md":
        from mentorlog.views.console import echo

        echo(agenda.to_markdown(plan, include_private, include_confidential), end="")
    else:
        show(plan)


def load(st: Any, agreement: Any, now: Any) -> Any:
    """The agenda of the journal in `st` at `now`."""
    from mentorlog.core import agenda
    from mentorlog.storage import meetingfacts
    from mentorlog.core import week as weekly
    from mentorlog.storage.formats import GOALS, NOTES, OPPORTUNITIES, QUESTIONS, TASKS
    from mentorlog.core.meetings import date_of, doc_id
    from mentorlog.core.reviews import monthly_review_due, review_dates

    meetings = meetingfacts.with_last_held_whole(st, meetingfacts.load(st))
    first_day, _ = agenda.notes_since(meetings)
    notes = []
    since = first_day.isoformat() if first_day else ""
    for rel in st.list_docs("notes"):
        # file names begin with their ISO date: compare the text before parsing a date
        if since and (rel[6:16] < since or date_of(rel) is None):  # rel: notes/DATE-...
            continue
        notes.append((doc_id(rel), st.load_record(NOTES, rel)))
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


def show(plan: Any) -> None:
    from mentorlog.core import agenda as domain
    from mentorlog.core import text as render
    from mentorlog.core.model import zone
    from mentorlog.views.console import escape, hanging, out

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
