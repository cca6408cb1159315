"""Every data file mentorlog keeps, by name, with its codec (docs/file-format.md)."""

from __future__ import annotations

from mentorlog.model import (
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
from mentorlog.store import DocFolder, TomlFile

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
REVIEWS = DocFolder("reviews", _lazy("mentorlog.reviews", "review_from_doc"))  # reviews/DATE.md
QUESTIONS = TomlFile(
    "questions.toml",
    _lazy("mentorlog.questions", "questions_from_dict"),
    _lazy("mentorlog.questions", "questions_to_dict"),
    _lazy("mentorlog.questions", "QuestionBook"),
    _lazy("mentorlog.questions", "questions_to_rows"),
    _lazy("mentorlog.questions", "questions_from_rows"),
)
OPPORTUNITIES = TomlFile(
    "opportunities.toml",
    _lazy("mentorlog.opportunities", "opportunities_from_dict"),
    _lazy("mentorlog.opportunities", "opportunities_to_dict"),
    _lazy("mentorlog.opportunities", "OpportunityBook"),
    _lazy("mentorlog.opportunities", "opportunities_to_rows"),
    _lazy("mentorlog.opportunities", "opportunities_from_rows"),
)
MEETINGS = DocFolder("meetings", _lazy("mentorlog.meetings", "meeting_from_doc"))
NOTES = DocFolder("notes", _lazy("mentorlog.notes", "note_from_doc"))

# Schedule and boundaries (docs/time-zones.md).
CONTACTS = TomlFile(
    "contacts.toml",
    _lazy("mentorlog.contact", "contacts_from_dict"),
    _lazy("mentorlog.contact", "contacts_to_dict"),
    _lazy("mentorlog.contact", "ContactLog"),
)
HELPED = TomlFile(
    "helped.toml",
    _lazy("mentorlog.helping", "helped_from_dict"),
    _lazy("mentorlog.helping", "helped_to_dict"),
    _lazy("mentorlog.helping", "HelpLog"),
)
CONFIG = TomlFile(
    "config.toml",
    _lazy("mentorlog.config", "config_from_dict"),
    _lazy("mentorlog.config", "config_to_dict"),
    _lazy("mentorlog.config", "Config"),
)
CHECKLIST = TomlFile(
    "checklist.toml",
    _lazy("mentorlog.ticks", "ticks_from_dict"),
    _lazy("mentorlog.ticks", "ticks_to_dict"),
    _lazy("mentorlog.ticks", "Ticks"),
)

# Every TOML file and every folder of documents: `mentorlog check` validates them all.
TOML_FILES: tuple[TomlFile, ...] = (
    AGREEMENT, GOALS, TASKS, QUESTIONS, OPPORTUNITIES, CONTACTS, HELPED, CONFIG, CHECKLIST
)
DOC_FOLDERS: tuple[DocFolder, ...] = (MEETINGS, NOTES, REVIEWS)
