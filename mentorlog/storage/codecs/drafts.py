"""drafts/week.toml, drafts/review.toml, drafts/end.toml: a stopped conversation's answers
(docs/file-format.md#drafts), to and from TOML."""

from __future__ import annotations

from typing import Any

from mentorlog.core.drafts import Draft
from mentorlog.core.errors import SchemaError
from mentorlog.core.privacy import LEVELS
from mentorlog.storage.fields import Fields


def draft_to_dict(d: Draft) -> dict[str, Any]:
    out: dict[str, Any] = {"command": d.command}
    if d.day is not None:
        out["day"] = d.day
    if d.privacy != "normal":
        out["privacy"] = d.privacy
    out["answers"] = dict(d.answers)
    return out


def draft_from_dict(data: Any) -> Draft:
    f = Fields(data)
    answers = data.get("answers", {}) if isinstance(data, dict) else {}
    if not isinstance(answers, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in answers.items()
    ):
        raise SchemaError("answers", "expected a table of texts")
    privacy = data.get("privacy", "normal") if isinstance(data, dict) else "normal"
    if privacy not in LEVELS:
        raise SchemaError("privacy", f"expected one of {', '.join(LEVELS)}")
    return Draft(command=f.str("command"), day=f.date("day", None), answers=dict(answers),
                 privacy=privacy)
