"""The sponsorship ledger as a reader sees it (`mentorlog people`, `people --json`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from mentorlog.core.followups import FollowUp
from mentorlog.core.people import Person
from mentorlog.views import console as output
from mentorlog.views.console import escape, out
from mentorlog.views.followup import followup_json


def _followup_json(fid: str, found: FollowUp | None) -> dict[str, Any]:
    if found is not None:
        return followup_json(found)
    # linked, but no longer in opportunities.toml (removed by hand)
    return {"id": fid, "kind": None, "text": None, "status": "missing", "set_on": None,
            "outcome": None, "closed_on": None}


def person_json(p: Person, followups: Mapping[str, FollowUp]) -> dict[str, Any]:
    """One person in `people --json` (docs/json.md)."""
    return {
        "id": p.id,
        "name": p.name,
        "introduced_on": p.introduced_on.isoformat(),
        "context": p.context or None,
        "followups": [_followup_json(fid, followups.get(fid)) for fid in p.followups],
    }


def list_json(people: Sequence[Person], followups: Mapping[str, FollowUp]) -> list[Any]:
    return [person_json(p, followups) for p in people]


def _followup_line(fid: str, f: FollowUp | None) -> str:
    if f is None:
        return f"{fid} (missing)"
    outcome = f": {escape(f.outcome)}" if f.outcome else ""
    return f"{f.id} {f.status}{outcome}"


def show_list(people: Sequence[Person], followups: Mapping[str, FollowUp]) -> None:
    if not people:
        out().print("Nobody yet. The guide asks who your mentor can connect you with: when "
                    "they introduce you to someone, 'mentorlog people add NAME --context "
                    "TEXT' keeps it and follows it up.")
        return
    table = output.table(show_header=True, header_style="bold")
    for name in ("Person", "Introduced", "Context", "Follow-ups"):
        table.add_column(name, overflow="fold", no_wrap=name == "Introduced")
    for p in people:
        table.add_row(f"{p.id} {escape(p.name)}", p.introduced_on.isoformat(),
                      escape(p.context),
                      "\n".join(_followup_line(fid, followups.get(fid)) for fid in p.followups))
    out().print(table)


def show_added(p: Person, f: FollowUp) -> None:
    out().print(f"Added {p.id} {escape(p.name)}, introduced {p.introduced_on.isoformat()}; "
                f"follow-up {f.id} tracks the introduction ('mentorlog followup done {f.id} "
                "--outcome TEXT' when something comes of it).")


def show_linked(p: Person, f: FollowUp) -> None:
    out().print(f"Linked {f.id} ({escape(f.text)}) to {p.id} {escape(p.name)}.")
