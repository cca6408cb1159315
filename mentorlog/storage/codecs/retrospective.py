"""retrospective.md: the Retrospective that ends a mentorship to and from its document."""

from __future__ import annotations

from typing import Any

from mentorlog.core.retrospective import RETRO_QUESTIONS, Retrospective
from mentorlog.storage.documents import Document
from mentorlog.storage.fields import Fields


def retrospective_to_document(r: Retrospective) -> Document:
    body = "# Retrospective\n"
    for key, question in RETRO_QUESTIONS:
        body += f"\n## {question}\n\n{getattr(r, key) or '-'}\n"
    meta: dict[str, Any] = {"ended_on": r.ended_on}
    meta.update({key: getattr(r, key) for key, _ in RETRO_QUESTIONS})
    return Document(meta, body)


def retrospective_from_document(doc: Document) -> Retrospective:
    f = Fields(doc.meta)
    return Retrospective(
        f.date("ended_on"), f.str("went_well", ""), f.str("could_improve", ""), f.str("next", "")
    )
