"""The agenda for the next meeting as a reader sees it."""

from __future__ import annotations

from mentorlog.core import agenda as domain
from mentorlog.core import text as render
from mentorlog.core.agenda import Agenda
from mentorlog.core.agreement import zone
from mentorlog.core.followups import KIND_WORDS
from mentorlog.views.console import bullets, escape, out


def show(plan: Agenda) -> None:
    console = out()
    a = plan.agreement
    if plan.ended:
        console.print(escape(domain.ended_text(plan)))
        return
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
            console.print(bullets(rows))

    task = plan.review_task
    section("Last week's task", [escape(domain.review_task_text(task)) if task
                                 else "no task was set"]
            + [f"[dim]{q}[/dim]" for q in domain.REVIEW_QUESTIONS])
    section("Your 30/60/90 goals", [f"{g.id} {escape(g.text)} ({g.horizon} days)"
                                    for g in plan.goals])
    if plan.monthly_review_due:
        section("Monthly goal review due", ["run 'mentorlog goals review' at this meeting"])
    if plan.checkin_due:
        section("Relationship check-in due", [domain.CHECKIN_RAISE,
                                              "then note it with 'mentorlog checkin'"])
    section("Parked questions", [f"{q.id} {escape(q.text)}{render.privacy_mark(q.privacy)}"
                                 for q in plan.questions])
    section("Notes since the last meeting",
            [f"{n.created.date()} {escape(n.title)}{render.privacy_mark(n.privacy)}"
             for _, n in plan.notes])
    section("Opportunities to follow up", [f"{o.id} {escape(o.text)}"
                                            for o in plan.opportunities])
    section("Follow-ups", [f"{f.id} {escape(f.text)} ({KIND_WORDS[f.kind]})"
                           for f in plan.followups])
    if plan.todo:
        section("Agreed last time", [escape(item) for item in domain.list_items(plan.todo)])
    section("Wrap-up", [f"[dim]{q}[/dim]" for q in domain.WRAP_UP])
