"""Every data file mentorlog keeps, by name, with its codec (docs/file-format.md)."""

from __future__ import annotations

from importlib import import_module
from typing import Any

from mentorlog.core.goals import GoalBook
from mentorlog.core.tasks import TaskBook
from mentorlog.storage.codecs.agreement import agreement_from_dict, agreement_to_dict
from mentorlog.storage.codecs.goals import (
    goals_from_dict,
    goals_from_rows,
    goals_to_dict,
    goals_to_rows,
)
from mentorlog.storage.codecs.tasks import (
    tasks_from_dict,
    tasks_from_rows,
    tasks_to_dict,
    tasks_to_rows,
)
from mentorlog.storage.specs import DocFolder, TomlFile


# The agreement, goals and tasks are read by most commands. Every other codec, with the core
# module of its records, loads on first use: every command imports this module and most read
# only a few of these files (importing them all up front adds about 2 ms to `task`).
def _lazy(module: str, name: str) -> Any:
    def call(*args: Any) -> Any:
        return getattr(import_module(module), name)(*args)

    return call


def _codec(subject: str, name: str) -> Any:
    return _lazy(f"mentorlog.storage.codecs.{subject}", name)


AGREEMENT = TomlFile("agreement.toml", agreement_from_dict, agreement_to_dict)
GOALS = TomlFile("goals.toml", goals_from_dict, goals_to_dict, GoalBook,
                 goals_to_rows, goals_from_rows)
TASKS = TomlFile("tasks.toml", tasks_from_dict, tasks_to_dict, TaskBook,
                 tasks_to_rows, tasks_from_rows)
REVIEWS = DocFolder("reviews", _codec("reviews", "review_from_doc"))  # reviews/DATE.md
QUESTIONS = TomlFile(
    "questions.toml",
    _codec("questions", "questions_from_dict"),
    _codec("questions", "questions_to_dict"),
    _lazy("mentorlog.core.questions", "QuestionBook"),
    _codec("questions", "questions_to_rows"),
    _codec("questions", "questions_from_rows"),
)
# Follow-ups: opportunities, todos and introductions (schema_version 2; 1 is still read).
FOLLOWUPS = TomlFile(
    "opportunities.toml",
    _codec("followups", "followups_from_dict"),
    _codec("followups", "followups_to_dict"),
    _lazy("mentorlog.core.followups", "FollowUpBook"),
    _codec("followups", "followups_to_rows"),
    _codec("followups", "followups_from_rows"),
)
MEETINGS = DocFolder("meetings", _codec("meetings", "meeting_from_doc"))
NOTES = DocFolder("notes", _codec("notes", "note_from_doc"))

# Schedule and boundaries (docs/time-zones.md).
CONTACTS = TomlFile(
    "contacts.toml",
    _codec("contacts", "contacts_from_dict"),
    _codec("contacts", "contacts_to_dict"),
    _lazy("mentorlog.core.contact", "ContactLog"),
)
HELPED = TomlFile(
    "helped.toml",
    _codec("helping", "helped_from_dict"),
    _codec("helping", "helped_to_dict"),
    _lazy("mentorlog.core.helping", "HelpLog"),
)
CONFIG = TomlFile(
    "config.toml",
    _codec("config", "config_from_dict"),
    _codec("config", "config_to_dict"),
    _lazy("mentorlog.core.config", "Config"),
)
CHECKLIST = TomlFile(
    "checklist.toml",
    _codec("ticks", "ticks_from_dict"),
    _codec("ticks", "ticks_to_dict"),
    _lazy("mentorlog.core.checklist", "Ticks"),
)

# Growing with your mentor (docs/growing.md): relationship check-ins, the people ledger.
CHECKINS = TomlFile(
    "checkins.toml",
    _codec("checkins", "checkins_from_dict"),
    _codec("checkins", "checkins_to_dict"),
    _lazy("mentorlog.core.checkins", "CheckInBook"),
)
PEOPLE = TomlFile(
    "people.toml",
    _codec("people", "people_from_dict"),
    _codec("people", "people_to_dict"),
    _lazy("mentorlog.core.people", "PeopleBook"),
)

# Skills over time (docs/growing.md): every rating of every skill.
SKILLS = TomlFile(
    "skills.toml",
    _codec("skills", "skills_from_dict"),
    _codec("skills", "skills_to_dict"),
    _lazy("mentorlog.core.skills", "SkillBook"),
)

# A stopped conversation's answers (docs/file-format.md#drafts): not data, so not checked.
def _draft(name: str) -> TomlFile[Any]:
    return TomlFile(f"drafts/{name}.toml", _codec("drafts", "draft_from_dict"),
                    _codec("drafts", "draft_to_dict"))


WEEK_DRAFT = _draft("week")
REVIEW_DRAFT = _draft("review")
END_DRAFT = _draft("end")

# Every TOML file and every folder of documents: `mentorlog check` validates them all.
TOML_FILES: tuple[TomlFile[Any], ...] = (
    AGREEMENT, GOALS, TASKS, QUESTIONS, FOLLOWUPS, CONTACTS, HELPED, CONFIG, CHECKLIST,
    CHECKINS, PEOPLE, SKILLS,
)
DOC_FOLDERS: tuple[DocFolder[Any], ...] = (MEETINGS, NOTES, REVIEWS)
