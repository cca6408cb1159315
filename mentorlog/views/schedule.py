"""The weekly meetings as a reader sees them, in both time zones: the coming ones, or the
past ones with their states (`schedule --past`). Both read the one timeline."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from rich.table import Table

from mentorlog.core import text as render
from mentorlog.core.agreement import Agreement, Gap, zone
from mentorlog.core.timeline import GAP, HELD, MOVED, SKIPPED, UNRECORDED, Appointment
from mentorlog.views import console as output
from mentorlog.views.console import escape, out


def meeting_json(a: Agreement, m: Appointment) -> dict[str, Any]:
    start = m.start
    return {
        "start": start.isoformat(),
        "start_mentor": start.astimezone(zone(a.mentor.tz)).isoformat(),
        "end": (start + timedelta(minutes=a.duration)).isoformat(),
        "slot": str(m.agreed) if m.agreed else None,
        "status": m.state,
    }


def _mentor_time(a: Agreement, m: Appointment) -> str:
    mentor = m.start.astimezone(zone(a.mentor.tz))
    return f"{render.day(mentor.date())} {mentor:%H:%M}"


def _rows(a: Agreement, found: Sequence[Appointment]) -> list[tuple[str, str]]:
    """One row per meeting; a run of slots taken out by one gap becomes one row."""
    rows: list[tuple[str, str]] = []
    run: list[tuple[Appointment, Gap]] = []

    def flush() -> None:
        if run:
            days = ", ".join(f"{m.start:%a} {m.start.day} {m.start:%b}" for m, _ in run[:4])
            more = f" and {len(run) - 4} more" if len(run) > 4 else ""
            gap = run[0][1]
            reason = f": {escape(gap.reason)}" if gap.reason else ""
            rows.append((f"[yellow]— gap{reason}[/yellow]",
                         f"{gap.start.isoformat()}..{gap.end.isoformat()}, "
                         f"no meeting {days}{more}"))
            run.clear()

    for m in found:
        gap = a.gap_on(m.day) if m.state == GAP else None
        if gap is not None:
            if run and run[0][1] != gap:
                flush()
            run.append((m, gap))
            continue
        flush()
        if m.state == SKIPPED:
            rows.append((f"[dim]{render.moment(m.start)}[/dim]", "[yellow]skipped[/yellow]"))
        elif m.state == MOVED and m.slot is not None:
            rows.append((render.moment(m.start), f"{_mentor_time(a, m)} [cyan](moved from "
                         f"{render.day(m.slot.date())})[/cyan]"))
        else:
            rows.append((render.moment(m.start), _mentor_time(a, m)))
    flush()
    return rows


def _header(a: Agreement) -> str:
    return (f"[bold]Weekly meetings[/bold] · {', '.join(str(s) for s in a.slots)}, "
            f"{a.duration} min")


def _table(a: Agreement, *extra: str) -> Table:
    table = output.table(show_header=True, header_style="bold", box=None, pad_edge=False)
    table.add_column(f"You ({a.mentee_tz})", no_wrap=True)
    table.add_column(f"{escape(a.mentor.name)} ({a.mentor.tz})", overflow="fold")
    for title in extra:
        table.add_column(title, no_wrap=True)
    return table


def show(a: Agreement, found: Sequence[Appointment], gaps: Sequence[Gap],
         ended: date | None = None) -> None:
    """The coming meetings (Timeline.upcoming) and the gaps still to come."""
    console = out()
    if ended is not None and not found:
        console.print(f"Your mentorship with {escape(a.mentor.name)} ended on "
                      f"{ended.isoformat()}: no meetings are planned "
                      "('mentorlog schedule --past' lists the past ones).")
        return
    if not a.slots and not found:
        console.print("No weekly slots agreed yet: add one with 'mentorlog agreement edit'.")
        return
    table = _table(a)
    for row in _rows(a, found):
        table.add_row(*row)
    console.print(_header(a))
    console.print(table)
    if gaps:
        console.print()
        console.print("Gaps: " + "; ".join(escape(str(g)) for g in gaps))


STATE_STYLE = {HELD: "green", SKIPPED: "yellow", UNRECORDED: "red", MOVED: "cyan"}


def show_past(a: Agreement, found: Sequence[Appointment]) -> None:
    """The past meetings (Timeline.past) with their states, oldest first."""
    console = out()
    if not found:
        console.print("No meetings yet.")
        return
    table = _table(a, "State")
    for m in found:
        style = STATE_STYLE.get(m.state, "")
        state = f"[{style}]{m.state}[/{style}]" if style else m.state
        if m.state == MOVED and m.slot is not None:
            state += f" (from {m.slot:%a} {m.slot.day} {m.slot:%b})"
        table.add_row(render.moment(m.start), _mentor_time(a, m), state)
    console.print(_header(a))
    console.print(table)
    missing = [m for m in found if m.state == UNRECORDED]
    if missing:
        day = missing[0].day.isoformat()
        console.print(f"\nNot recorded: {len(missing)}. Record one with 'mentorlog week --date "
                      f"{day}', or 'mentorlog skip --date {day}' if it did not happen.")
