"""Every data file mentorlog keeps, by name, with its codec (docs/file-format.md)."""

from __future__ import annotations

from typing import Any

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
TOML_FILES: tuple[TomlFile, ...] = (AGREEMENT, GOALS, TASKS, CONFIG, CHECKLIST)
DOC_FOLDERS: tuple[DocFolder, ...] = ()
