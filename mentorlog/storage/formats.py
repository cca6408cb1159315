"""Every data file mentorlog keeps, by name, with its codec (docs/file-format.md)."""

from __future__ import annotations

from mentorlog.core.model import (
    GoalBook,
    TaskBook,
    agreement_from_dict,
    agreement_to_dict,
    goals_from_dict,
    goals_from_rows,
    goals_to_dict,
    goals_to_rows,
    tasks_from_dict,
    tasks_from_rows,
    tasks_to_dict,
    tasks_to_rows,
)
from mentorlog.storage.store import DocFolder, TomlFile

from typing import Any

# Most codecs load on first use: every command imports this module and most read only a few
# of these files (each module of dataclasses costs a millisecond or two to import).
def _lazy(module: str, name: str) -> Any:
    def call(*args: Any) -> Any:
        from importlib import import_module

        return getattr(import_module(module), name)(*args)

    return call


AGREEMENT = TomlFile("agreement.toml", agreement_from_dict, agreement_to_dict)
GOALS = TomlFile("goals.toml", goals_from_dict, goals_to_dict, GoalBook,
                 goals_to_rows, goals_from_rows)
TASKS = TomlFile("tasks.toml", tasks_from_dict, tasks_to_dict, TaskBook,
                 tasks_to_rows, tasks_from_rows)
REVIEWS = DocFolder("reviews", _lazy("mentorlog.core.reviews", "review_from_doc"))  # reviews/DATE.md
QUESTIONS = TomlFile(
    "questions.toml",
    _lazy("mentorlog.core.questions", "questions_from_dict"),
    _lazy("mentorlog.core.questions", "questions_to_dict"),
    _lazy("mentorlog.core.questions", "QuestionBook"),
    _lazy("mentorlog.core.questions", "questions_to_rows"),
    _lazy("mentorlog.core.questions", "questions_from_rows"),
)
OPPORTUNITIES = TomlFile(
    "opportunities.toml",
    _lazy("mentorlog.core.opportunities", "opportunities_from_dict"),
    _lazy("mentorlog.core.opportunities", "opportunities_to_dict"),
    _lazy("mentorlog.core.opportunities", "OpportunityBook"),
    _lazy("mentorlog.core.opportunities", "opportunities_to_rows"),
    _lazy("mentorlog.core.opportunities", "opportunities_from_rows"),
)
MEETINGS = DocFolder("meetings", _lazy("mentorlog.core.meetings", "meeting_from_doc"))
NOTES = DocFolder("notes", _lazy("mentorlog.core.notes", "note_from_doc"))

# Schedule and boundaries (docs/time-zones.md).
CONTACTS = TomlFile(
    "contacts.toml",
    _lazy("mentorlog.core.contact", "contacts_from_dict"),
    _lazy("mentorlog.core.contact", "contacts_to_dict"),
    _lazy("mentorlog.core.contact", "ContactLog"),
)
HELPED = TomlFile(
    "helped.toml",
    _lazy("mentorlog.core.helping", "helped_from_dict"),
    _lazy("mentorlog.core.helping", "helped_to_dict"),
    _lazy("mentorlog.core.helping", "HelpLog"),
)
CONFIG = TomlFile(
    "config.toml",
    _lazy("mentorlog.core.config", "config_from_dict"),
    _lazy("mentorlog.core.config", "config_to_dict"),
    _lazy("mentorlog.core.config", "Config"),
)
CHECKLIST = TomlFile(
    "checklist.toml",
    _lazy("mentorlog.core.ticks", "ticks_from_dict"),
    _lazy("mentorlog.core.ticks", "ticks_to_dict"),
    _lazy("mentorlog.core.ticks", "Ticks"),
)

# Every TOML file and every folder of documents: `mentorlog check` validates them all.
TOML_FILES: tuple[TomlFile, ...] = (
    AGREEMENT, GOALS, TASKS, QUESTIONS, OPPORTUNITIES, CONTACTS, HELPED, CONFIG, CHECKLIST
)
DOC_FOLDERS: tuple[DocFolder, ...] = (MEETINGS, NOTES, REVIEWS)
