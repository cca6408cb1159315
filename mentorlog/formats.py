"""Every data file mentorlog keeps, by name, with its codec (docs/file-format.md)."""

from __future__ import annotations

from mentorlog.contact import ContactLog, contacts_from_dict, contacts_to_dict
from mentorlog.helping import HelpLog, helped_from_dict, helped_to_dict
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
from mentorlog.store import DocFolder, TomlFile

AGREEMENT = TomlFile("agreement.toml", agreement_from_dict, agreement_to_dict)
GOALS = TomlFile("goals.toml", goals_from_dict, goals_to_dict, GoalBook)
TASKS = TomlFile("tasks.toml", tasks_from_dict, tasks_to_dict, TaskBook)
# Schedule and boundaries (docs/time-zones.md).
CONTACTS = TomlFile("contacts.toml", contacts_from_dict, contacts_to_dict, ContactLog)
HELPED = TomlFile("helped.toml", helped_from_dict, helped_to_dict, HelpLog)

# Every TOML file and every folder of documents: `mentorlog check` validates them all.
TOML_FILES: tuple[TomlFile, ...] = (AGREEMENT, GOALS, TASKS, CONTACTS, HELPED)
DOC_FOLDERS: tuple[DocFolder, ...] = ()
