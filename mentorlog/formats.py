"""Every data file mentorlog keeps, by name, with its codec (docs/file-format.md)."""

from __future__ import annotations

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
from mentorlog.reviews import REVIEW_FOLDER, review_from_doc
from mentorlog.store import DocFolder, TomlFile

AGREEMENT = TomlFile("agreement.toml", agreement_from_dict, agreement_to_dict)
GOALS = TomlFile("goals.toml", goals_from_dict, goals_to_dict, GoalBook)
TASKS = TomlFile("tasks.toml", tasks_from_dict, tasks_to_dict, TaskBook)
REVIEWS = DocFolder(REVIEW_FOLDER, review_from_doc)  # reviews/YYYY-MM-DD.md

# Every TOML file and every folder of documents: `mentorlog check` validates them all.
TOML_FILES: tuple[TomlFile, ...] = (AGREEMENT, GOALS, TASKS)
DOC_FOLDERS: tuple[DocFolder, ...] = (REVIEWS,)
