"""`mentorlog encrypt`: what is sealed in a data folder, and sealing or opening it all at
once, in one transaction (storage/transaction.py): all of it changes, or none.
"""

from __future__ import annotations

import os
import re
from datetime import date
from typing import Any

from msgspec.structs import replace

from mentorlog.core.errors import MentorlogError
from mentorlog.core.privacy import LEVELS, Census
from mentorlog.storage.crypto import Keyring, known_recipient
from mentorlog.storage.formats import CHECKINS, CONFIG, FOLLOWUPS, GOALS, QUESTIONS, TASKS
from mentorlog.storage.mentorships import KEPT_RETROSPECTIVE, RETROSPECTIVE
from mentorlog.storage.note_ids import note_ids
from mentorlog.storage.sealing import NESTED, SEALED, TOML_TEXT, doc_kind
from mentorlog.storage.store import DRAFTS, Store, TomlFile
from mentorlog.storage.toml import parse_toml

SEALABLE_TOML: tuple[TomlFile[Any], ...] = (QUESTIONS, TASKS, FOLLOWUPS, GOALS, CHECKINS)
KINDS = {"questions.toml": "questions", "tasks.toml": "tasks", "goals.toml": "goal answers",
         "checkins.toml": "check-ins",
         "opportunities.toml": "follow-ups", "meetings": "meetings", "notes": "notes",
         RETROSPECTIVE: "retrospective"}


def _docs(store: Store) -> list[str]:
    rels = [*store.list_docs("meetings"), *store.list_docs("notes")]
    return [*rels, *(r for r in (RETROSPECTIVE, KEPT_RETROSPECTIVE) if store.exists(r))]


def _drafts(store: Store) -> list[str]:
    """The answers waiting in `drafts/` that are sealed whole (cli/drafts.py, cli/editor.py);
    the retrospective `reopen` kept is a document (_docs), init's draft comes before any key."""
    folder = store.path(DRAFTS.rstrip("/"))
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return []
    return [f"{DRAFTS}{n}" for n in names if not n.startswith(".")
            and f"{DRAFTS}{n}" not in (KEPT_RETROSPECTIVE, "drafts/init.toml")
            and (folder / n).is_file() and not (folder / n).is_symlink()]


def census(store: Store) -> Census:
    """Counted from what stays in clear: no key, no passphrase needed."""
    levels = store.sealer.sealed_levels()
    sealed: dict[str, int] = {}
    to_seal: dict[str, int] = {}
    to_open: dict[str, int] = {}

    def count(kind: str, is_sealed: bool, level: str) -> None:
        name = KINDS[kind]
        if is_sealed:
            sealed[name] = sealed.get(name, 0) + 1
            if level not in levels:
                to_open[name] = to_open.get(name, 0) + 1
        elif level in levels:
            to_seal[name] = to_seal.get(name, 0) + 1

    for spec in SEALABLE_TOML:
        text = store.read_text(spec.name)
        if text is None:
            continue
        data = parse_toml(text, store.display(spec.name))
        for list_key, texts in TOML_TEXT[spec.name].items():
            for row in data.get(list_key, []):
                fields = [f for f in texts if isinstance(row, dict) and row.get(f)]
                if fields:
                    level = max((store.sealer.record_level(spec.name, row, f) for f in fields),
                                key=_rank)
                    count(spec.name, SEALED in row, level)
        if spec.name in NESTED:
            outer, inner, said = NESTED[spec.name]
            days = store.sealer.day_levels()
            for row in data.get(outer, []):
                for item in row.get(inner, []) if isinstance(row, dict) else []:
                    if isinstance(item, dict) and any(item.get(f) for f in said):
                        on = item.get("on")
                        count(spec.name, SEALED in item,
                              days.get(on.isoformat() if isinstance(on, date) else "", "normal"))
    for rel in _docs(store):
        meta = store.load_doc(rel, opened=False).meta
        level = store.sealer.doc_level(rel, meta)
        count(doc_kind(rel), SEALED in meta, level)
    return Census(sealed, to_seal, to_open)


def _rank(level: str) -> int:
    return LEVELS.index(level) if level in LEVELS else 0


def reseal(store: Store, level: str | None = None) -> int:
    """Seal every text at or above the level (the `encrypt` setting, or `level`, which is
    saved with it) again, to every recipient, and open the others: `encrypt apply`, and
    `encrypt off` with level "off". All or nothing. Returns how many files changed."""
    sealer = store.sealer
    with store.lock():
        values = [(spec, store.load(spec)) for spec in SEALABLE_TOML if store.exists(spec.name)]
        docs = [(rel, store.load_doc(rel, opened=False)) for rel in _docs(store)]
        opened = [(rel, store.load_doc(rel)) for rel, _ in docs]
        drafts = [(rel, store.read_draft(rel) or "") for rel in _drafts(store)]  # opened
        if sealer.unopened:
            raise MentorlogError(
                f"{len(sealer.unopened)} encrypted {_entries(len(sealer.unopened))} cannot be "
                f"decrypted with {sealer.keyring.path} (it is missing, or another key); "
                "nothing was changed")
        if level is not None:
            store.update(CONFIG, lambda c: c.set("encrypt", level))
        levels = sealer.sealed_levels()
        sealer.fresh = True
        try:
            for spec, value in values:
                store.save(spec, value)
            ids = note_ids(store)
            for (rel, raw), (_, doc) in zip(docs, opened, strict=True):
                privacy = sealer.doc_level(rel, raw.meta)
                if SEALED in raw.meta or privacy in levels:
                    store.save_doc(_neutral_name(store, rel, privacy in levels), replace(
                        doc, meta={"id": ids[rel], **doc.meta}) if rel in ids else doc)
            for rel, text in drafts:  # answers being typed: sealed whole, or opened
                store.write_text(rel, sealer.seal_draft(text))
        finally:
            sealer.fresh = False
        return len(values) + len(docs) + len(drafts)


def _neutral_name(store: Store, rel: str, sealed: bool) -> str:
    """Where a note is written: a sealed note whose file name holds words of its title
    moves to `DATE-note.md` (names stay in clear; the old name stays in git's history)."""
    stem = rel.removeprefix("notes/").removesuffix(".md")
    if not sealed or not rel.startswith("notes/") or _NEUTRAL.match(stem):
        return rel
    new = store.new_doc_name("notes", f"{stem[:10]}-note")
    store.remove(rel)
    return new


_NEUTRAL = re.compile(r"^\d{4}-\d{2}-\d{2}-note(-\d+)?$")


def _entries(n: int) -> str:
    return "entry" if n == 1 else "entries"


def can_decrypt(store: Store, keyring: Keyring) -> bool | None:
    """Whether this machine's key is among the journal's recipients (None: no key here)."""
    if not keyring.available():
        return None
    mine = known_recipient(keyring.path)
    return mine is not None and mine in store.sealer.policy()[1]
