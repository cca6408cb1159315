"""reviews/*.md: a MonthlyReview to and from its document; the front matter is the record,
the body the guide's monthly questions with their answers, to read in any editor."""

from __future__ import annotations

from typing import Any

from mentorlog.core.errors import SchemaError
from mentorlog.core.goals import HORIZONS, VERDICTS
from mentorlog.core.reviews import (
    NEXT_KINDS,
    Q_COULD_IMPROVE,
    Q_GOALS,
    Q_NEXT,
    Q_WENT_WELL,
    MonthlyReview,
    NextGoal,
    Verdict,
)
from mentorlog.core.text import day
from mentorlog.storage.documents import Document
from mentorlog.storage.fields import Fields


def review_to_doc(r: MonthlyReview) -> Document:
    meta: dict[str, Any] = {
        "date": r.on,
        "since": r.since,
        "went_well": r.went_well,
        "could_improve": r.could_improve,
        "goals": [
            {"id": v.goal_id, "text": v.text, "horizon": v.horizon, "due": v.due,
             "verdict": v.verdict, "line": v.line}
            for v in r.verdicts
        ],
        "next": [
            {"id": n.goal_id, "text": n.text, "horizon": n.horizon, "due": n.due, "kind": n.kind}
            for n in r.next
        ],
    }
    return Document(meta, review_body(r))


def review_from_doc(doc: Document) -> MonthlyReview:
    f = Fields(doc.meta)
    verdicts = tuple(
        Verdict(t.str("id"), t.str("text", ""), _horizon(t), t.date("due"),
                t.choice("verdict", VERDICTS), t.str("line", ""))
        for t in f.tables("goals")
    )
    next_set = tuple(
        NextGoal(t.str("id"), t.str("text", ""), _horizon(t), t.date("due"),
                 t.choice("kind", NEXT_KINDS, "new"))
        for t in f.tables("next")
    )
    return MonthlyReview(
        on=f.date("date"),
        since=f.date("since"),
        verdicts=verdicts,
        went_well=f.str("went_well", ""),
        could_improve=f.str("could_improve", ""),
        next=next_set,
    )


def _horizon(t: Fields) -> int:
    horizon = t.int("horizon")
    if horizon not in HORIZONS:
        raise SchemaError(t.key("horizon"), f"expected 30, 60 or 90, got {horizon}")
    return int(horizon)


def review_body(r: MonthlyReview) -> str:
    """The guide's monthly questions with their answers, to read in any editor."""

    def text(value: str) -> str:
        return value.replace("\r\n", "\n").replace("\r", "\n").strip() or "(no answer)"

    lines = [
        f"# Monthly review, {day(r.on)}",
        "",
        f"The month since {day(r.since)}.",
        "",
        f"## {Q_GOALS}",
        "",
    ]
    if not r.verdicts:
        lines.append("(no open goals)")
    for v in r.verdicts:
        said = f" — {text(v.line)}" if v.line.strip() else ""
        lines.append(
            f"- {v.goal_id} {text(v.text)} ({v.horizon} days, due {day(v.due)}): "
            f"**{v.verdict}**{said}"
        )
    lines += ["", f"## {Q_WENT_WELL}", "", text(r.went_well), ""]
    lines += [f"## {Q_COULD_IMPROVE}", "", text(r.could_improve), ""]
    lines += [f"## {Q_NEXT}", ""]
    if not r.next:
        lines.append("(none set)")
    for horizon in HORIZONS:
        chosen = [n for n in r.next if n.horizon == horizon]
        if chosen:
            lines.append(f"{horizon} days:")
            for n in chosen:
                kind = {"carried": " (carried over)", "continuing": ""}.get(n.kind, " (new)")
                lines.append(f"- {n.goal_id} {text(n.text)}{kind}, due {day(n.due)}")
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
