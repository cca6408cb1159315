"""Every data file mentorlog keeps, by name, with its codec (docs/file-format.md)."""

from __future__ import annotations

from mentorlog.checklist import CHECKLIST_NAME, Ticks, ticks_from_dict, ticks_to_dict
from mentorlog.config import CONFIG_NAME, Config, config_from_dict, config_to_dict
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
CONFIG = TomlFile(CONFIG_NAME, config_from_dict, config_to_dict, Config)
CHECKLIST = TomlFile(CHECKLIST_NAME, ticks_from_dict, ticks_to_dict, Ticks)

# Every TOML file and every folder of documents: `mentorlog check` validates them all.
TOML_FILES: tuple[TomlFile, ...] = (AGREEMENT, GOALS, TASKS, CONFIG, CHECKLIST)
DOC_FOLDERS: tuple[DocFolder, ...] = ()
