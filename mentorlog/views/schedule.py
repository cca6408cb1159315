"""The coming weekly meetings as a reader sees them, in both time zones."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from mentorlog.core import text as render
from mentorlog.core.agreement import Agreement, Gap, zone
from mentorlog.core.schedule import Occurrence
from mentorlog.views import console as output
from mentorlog.views.console import escape, out


def meeting_json(a: Agreement, occurrence: Occurrence) -> dict[str, Any]:
    start = occurrence.start
    return {
        "start": start.isoformat(),
        "start_mentor": start.astimezone(zone(a.mentor.tz)).isoformat(),
        "end": (start + timedelta(minutes=a.duration)).isoformat(),
        "slot": str(occurrence.slot),
    }


def _rows(a: Agreement, found: list[Occurrence]) -> list[tuple[str, str]]:
    """One row per meeting; a run of meetings taken out by one gap becomes one row."""
    theirs = zone(a.mentor.tz)
    rows: list[tuple[str, str]] = []
    run: list[Occurrence] = []

    def flush() -> None:
        if run:
            days = ", ".join(f"{o.start:%a} {o.start.day} {o.start:%b}" for o in run[:4])
            more = f" and {len(run) - 4} more" if len(run) > 4 else ""
            gap = run[0].gap
            assert gap is not None  # a run holds only meetings a gap takes out
            reason = f": {_esc(gap.reason)}" if gap.reason else ""
            rows.append((f"[yellow]— gap{reason}[/yellow]",
                         f"{gap.start.isoformat()}..{gap.end.isoformat()}, "
                         f"no meeting {days}{more}"))
            run.clear()

    for o in found:
        if o.gap is not None and (not run or run[0].gap == o.gap):
            run.append(o)
            continue
        flush()
        if o.gap is not None:
            run.append(o)
            continue
        mentor = o.start.astimezone(theirs)
        if o.skipped:
            rows.append((f"[dim]{render.moment(o.start)}[/dim]", "[yellow]skipped[/yellow]"))
        else:
            rows.append((render.moment(o.start), f"{render.day(mentor.date())} {mentor:%H:%M}"))
    flush()
    return rows


def _esc(text: str) -> str:
    return escape(text)


def show(a: Agreement, found: list[Occurrence], gaps: list[Gap]) -> None:
    console = out()
    if not a.slots:
        console.print("No weekly slots agreed yet: add one with 'mentorlog agreement edit'.")
        return
    table = output.table(show_header=True, header_style="bold", box=None, pad_edge=False)
    table.add_column(f"You ({a.mentee_tz})", no_wrap=True)
    table.add_column(f"{_esc(a.mentor.name)} ({a.mentor.tz})", overflow="fold")
    for row in _rows(a, found):
        table.add_row(*row)
    console.print(f"[bold]Weekly meetings[/bold] · {', '.join(str(s) for s in a.slots)}, "
                  f"{a.duration} min")
    console.print(table)
    if gaps:
        console.print()
        console.print("Gaps: " + "; ".join(_esc(str(g)) for g in gaps))
