"""Every mentorship in the data folder as a reader sees it (`mentorlog mentorships`)."""

from __future__ import annotations

from typing import Any

from mentorlog.views.console import escape, out


def show(rows: list[dict[str, Any]]) -> None:
    """The rows of storage.mentorships.describe_all (also the JSON of `mentorships --json`)."""
    console = out()
    if not rows:
        console.print("No mentorship yet — run 'mentorlog init'.")
    for row in rows:
        state = f"ended {row['ended_on']}" if row["ended_on"] else "active"
        if row["problem"]:
            state = "unreadable (see below)"
        console.print(
            f"{escape(row['name']):<12} {escape(row['mentor'] or '-'):<24} "
            f"since {row['start'] or '-'}  {state}"
        )
    console.print("\nUse one with: mentorlog --mentorship NAME ...")
