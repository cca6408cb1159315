"""Follow-ups as a reader sees them (`mentorlog followup`, `followup --json`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from mentorlog.core.followups import FollowUp
from mentorlog.views import console as output
from mentorlog.views.console import escape, out


def followup_json(f: FollowUp) -> dict[str, Any]:
    """One follow-up in `followup --json` (docs/json.md)."""
    return {
        "id": f.id,
        "kind": f.kind,
        "text": f.text,
        "status": f.status,
        "set_on": f.set_on.isoformat(),
        "outcome": f.outcome or None,
        "closed_on": f.closed_on.isoformat() if f.closed_on else None,
    }


def list_json(followups: Sequence[FollowUp]) -> list[dict[str, Any]]:
    return [followup_json(f) for f in followups]


def show_list(followups: Sequence[FollowUp], everything: bool) -> None:
    if not followups:
        out().print("No follow-ups yet." if everything else
                    "No open follow-ups ('mentorlog followup --all' lists the closed ones).")
        return
    table = output.table(show_header=True, header_style="bold")
    # The open ones need no status; an outcome shows when one was noted before closing.
    names = ["Follow-up", "Kind", "Set on"]
    names += ["Status", "Closed on"] if everything else []
    names += ["Outcome"] if everything or any(f.outcome for f in followups) else []
    for name in names:  # the texts wrap; the words and dates do not
        table.add_column(name, overflow="fold", no_wrap=name not in ("Follow-up", "Outcome"))
    for f in followups:
        cells = {"Follow-up": f"{f.id} {escape(f.text)}", "Kind": f.kind,
                 "Set on": f.set_on.isoformat(), "Status": f.status,
                 "Closed on": f.closed_on.isoformat() if f.closed_on else "",
                 "Outcome": escape(f.outcome)}
        table.add_row(*(cells[name] for name in names))
    out().print(table)


def show_closed(f: FollowUp) -> None:
    """What `followup done` / `followup drop` changed."""
    outcome = f": {escape(f.outcome)}" if f.outcome else ""
    out().print(f"Marked {f.id} {f.status}: {escape(f.text)}{outcome}")
