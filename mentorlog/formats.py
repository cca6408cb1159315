"""Every data file mentorlog keeps, by name, with its codec (docs/file-format.md)."""

from __future__ import annotations

from typing import Any

from mentorlog.contact import ContactLog, contacts_from_dict, contacts_to_dict
from mentorlog.helping import HelpLog, helped_from_dict, helped_to_dict
from mentorlog.meetings import meeting_from_doc
from mentorlog.model import (
    GoalBook,
    TaskBook,
    agreement_from_dict,
    agreement_to_dict,
    goals_from_dict,
    goals_to_dict,
    tasks_from_dict,
    tasks_to_dict,
)
from mentorlog.notes import note_from_doc
from mentorlog.opportunities import (
    OpportunityBook,
    opportunities_from_dict,
    opportunities_to_dict,
)
from mentorlog.questions import QuestionBook, questions_from_dict, questions_to_dict
from mentorlog.reviews import REVIEW_FOLDER, review_from_doc
from mentorlog.store import DocFolder, TomlFile

AGREEMENT = TomlFile("agreement.toml", agreement_from_dict, agreement_to_dict)
GOALS = TomlFile("goals.toml", goals_from_dict, goals_to_dict, GoalBook)
TASKS = TomlFile("tasks.toml", tasks_from_dict, tasks_to_dict, TaskBook)
REVIEWS = DocFolder(REVIEW_FOLDER, review_from_doc)  # reviews/YYYY-MM-DD.md
QUESTIONS = TomlFile("questions.toml", questions_from_dict, questions_to_dict, QuestionBook)
OPPORTUNITIES = TomlFile(
    "opportunities.toml", opportunities_from_dict, opportunities_to_dict, OpportunityBook
)
MEETINGS = DocFolder("meetings", meeting_from_doc)
NOTES = DocFolder("notes", note_from_doc)

# Schedule and boundaries (docs/time-zones.md).
CONTACTS = TomlFile("contacts.toml", contacts_from_dict, contacts_to_dict, ContactLog)
HELPED = TomlFile("helped.toml", helped_from_dict, helped_to_dict, HelpLog)


# Settings and checklist ticks load their codecs on first use: most commands never read
# them, and every command imports this module.
def _lazy(module: str, name: str) -> Any:
    def call(*args: Any) -> Any:
        from importlib import import_module

        return getattr(import_module(module), name)(*args)

    return call


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
