"""The first-meeting agreement as a reader sees it (`mentorlog agreement`)."""

from __future__ import annotations

from collections.abc import Sequence

from mentorlog.core import text as render
from mentorlog.core.agreement import FOCUS_KINDS, Agreement
from mentorlog.views import console as output
from mentorlog.views.console import escape, out


def show(a: Agreement) -> None:
    grid = output.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")

    def row(label: str, values: Sequence[object]) -> None:
        text = "\n".join(escape(str(v)) for v in values) if values else "[dim]not agreed[/dim]"
        grid.add_row(label, text)

    contact = f" <{a.mentor.contact}>" if a.mentor.contact else ""
    row("Mentor", [f"{a.mentor.name}{contact} ({a.mentor.tz})"])
    row("You", [a.mentee_tz])
    row("Started", [render.day(a.start)])
    row("Goals", [f"{FOCUS_KINDS[f.kind]}: {f.text}" if f.text else FOCUS_KINDS[f.kind]
                  for f in a.focus])
    row("Success", a.success)
    row("Time", [f"{render.hours(a.hours_per_week)} hours a week"]
        + ([a.extra_time] if a.extra_time else []))
    row("Channels", [str(c) for c in a.channels])
    row("Off limits", a.off_limits)
    row("Meetings", [f"{s} ({a.mentee_tz}), {a.duration} min" for s in a.slots])
    row("Gaps", [str(g) for g in a.gaps] + ([a.gap_plan] if a.gap_plan else []))
    if a.planned_end or a.renegotiate_on:
        row("Horizon", ([f"until {render.day(a.planned_end)}"] if a.planned_end else [])
            + ([f"renegotiate on {render.day(a.renegotiate_on)}"] if a.renegotiate_on else []))
    out().print(grid)
