"""How a mentorship ended: the guide's questions, asked one last time (retrospective.md)."""

from __future__ import annotations

from datetime import date

from msgspec import Struct

RETRO_QUESTIONS = (
    ("went_well", "What went well?"),
    ("could_improve", "What could have gone better?"),
    ("next", "What next?"),
)


class Retrospective(Struct, frozen=True):
    """How a mentorship ended: the guide's questions, asked one last time."""

    ended_on: date
    went_well: str = ""
    could_improve: str = ""
    next: str = ""
