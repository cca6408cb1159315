"""Validating the whole data folder: every known file, every problem, none rewritten."""

from __future__ import annotations

from mentorlog.core.errors import FileProblem, MentorlogError
from mentorlog.storage.formats import DOC_FOLDERS, TOML_FILES
from mentorlog.storage.mentorships import RETROSPECTIVE, load_retrospective
from mentorlog.storage.sealing import TOML_TEXT
from mentorlog.storage.store import Store
from mentorlog.storage.toml import parse_toml


def check_all(store: Store) -> tuple[list[MentorlogError], int]:
    """(problems, number of files checked). Reads only; a missing optional file is fine."""
    problems: list[MentorlogError] = []
    checked = 0
    for spec in TOML_FILES:
        if not store.exists(spec.name):
            continue
        checked += 1
        try:
            text = store.read_text(spec.name)
            if text is not None:
                store.decode_toml(spec, text)
                if spec.name in TOML_TEXT:  # its encrypted texts, opened as a read does
                    store.sealer.open_toml(spec.name, parse_toml(text, store.display(spec.name)))
        except MentorlogError as e:
            problems.append(e)
    for folder in DOC_FOLDERS:
        for rel in store.list_docs(folder.name):
            checked += 1
            try:
                store.load_record(folder, rel)
            except MentorlogError as e:
                problems.append(e)
    if store.exists(RETROSPECTIVE):
        checked += 1
        try:
            load_retrospective(store)
        except MentorlogError as e:
            problems.append(e)
    for rel, rid, field, why in dict.fromkeys(store.sealer.damaged):
        problems.append(FileProblem(store.display(rel), f"{_where(rid, field)}: {why}"))
    return problems, checked


def _where(rid: str, field: str) -> str:
    """Which encrypted text: `q1 text`, `g1/0 text` (a goal's first progress), `body`."""
    return f"{rid} {field}" if rid else field
