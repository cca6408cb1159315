"""A data file as its author edits it: the text with every encrypted field opened (an editor
never shows age armor), and the edited text stored back encrypted at its entry's level
(docs/sharing.md#encryption-at-rest).

A file with nothing encrypted in it is edited as it is on disk, byte for byte. One with
encrypted text is shown opened — a TOML file as its records, a meeting or note as its front
matter and body — and refused, before anything is written, when this machine cannot open
it (no key, another key) or when the journal's `encrypt_to` lists fewer keys than its text
was encrypted to: mentorlog never encrypts to fewer.
"""

from __future__ import annotations

from typing import TypeVar

from mentorlog.core.errors import MentorlogError
from mentorlog.storage.documents import Document, dump_document, parse_document
from mentorlog.storage.sealing import DOC_TEXT, SEALED, TOML_TEXT, doc_kind, meeting_facts
from mentorlog.storage.store import Store, TomlFile
from mentorlog.storage.toml import dump_toml_data, parse_toml

T = TypeVar("T")


def clear_document(store: Store, rel: str) -> str:
    """A meeting's, note's or retrospective's text to edit: the file itself when nothing in
    it is encrypted, else its front matter and body with the encrypted fields opened."""
    raw = store.read_text(rel)
    if raw is None:
        raise MentorlogError(f"{store.display(rel)} does not exist")
    try:
        doc = store.parse_doc(raw, rel, opened=False)
    except MentorlogError:
        return raw  # a file that does not read: fixed by hand in the editor, as it is
    if SEALED not in doc.meta:
        return raw
    opened = store.sealer.open_doc(rel, doc)
    _refuse_unless_open(store, rel)
    return dump_document(opened)


def clear_toml(store: Store, spec: TomlFile[T]) -> str:
    """A TOML data file's text to edit: the file itself when no record in it is encrypted,
    else its records with the encrypted fields opened."""
    raw = store.read_text(spec.name) or ""
    if spec.name not in TOML_TEXT or not raw:
        return raw
    try:
        data = parse_toml(raw, store.display(spec.name))
    except MentorlogError:
        return raw  # a file that does not read: fixed by hand in the editor, as it is
    opened, sealed = store.sealer.open_toml(spec.name, data)
    if not sealed:
        return raw
    _refuse_unless_open(store, spec.name)
    return dump_toml_data(opened)


def save_document(store: Store, rel: str, text: str) -> None:
    """An edited document (`clear_document`'s text, changed), with the lock held: its text
    encrypted at the level of its entry as edited (a meeting made private is encrypted;
    text that did not change keeps its ciphertext), in clear otherwise, as typed."""
    doc = parse_document(text, store.display(rel))
    kind = doc_kind(rel)
    if kind not in DOC_TEXT:
        store.write_text(rel, text)
        return
    clean = Document({k: v for k, v in doc.meta.items() if k != SEALED}, doc.body)
    try:
        before = store.load_doc(rel, opened=False).meta
    except MentorlogError:  # none yet, or one that did not read
        before = {}
    sealed = store.sealer.seal_doc(rel, clean)
    store.write_text(rel, dump_document(sealed) if SEALED in sealed.meta or SEALED in doc.meta
                     else text)
    if kind == "meetings" and meeting_facts(before) != meeting_facts(clean.meta):
        _reseal_inheritors(store)


def _reseal_inheritors(store: Store) -> None:
    """A meeting whose level (or the task, questions, follow-ups it names) changed by hand:
    the records that inherit their level from it are stored at their new level too (a task
    set at a meeting made private is encrypted), as `week` does when it records one."""
    if not store.sealer.sealed_levels():
        return
    from mentorlog.storage.encryption import SEALABLE_TOML

    for spec in SEALABLE_TOML:
        raw = store.read_text(spec.name)
        if raw is None:
            continue
        value = store.load(spec)
        if store.sealed_text(spec, value) != raw:
            store.save(spec, value)


def _refuse_unless_open(store: Store, name: str) -> None:
    """Refuse to edit a file whose encrypted text did not open here, or that would be
    encrypted back to fewer keys than it was: one error, nothing written."""
    sealer = store.sealer
    if any(file == name for file, _ in sealer.unopened):
        raise MentorlogError(
            f"{store.display(name)} holds encrypted text this machine cannot decrypt with "
            f"{sealer.keyring.path} (the key is missing, or it is another key), so it cannot "
            "be edited here; nothing was changed (copy your key here: docs/sharing.md)")
    floor, recipients = sealer.recipient_floor(name), sealer.policy()[1]
    if floor > len(recipients):
        raise MentorlogError(
            f"{store.display(name)} holds text encrypted to {floor} keys and encrypt_to now "
            f"lists {len(recipients)}; mentorlog never encrypts to fewer, so it cannot be "
            "edited here (add the missing keys back with 'mentorlog encrypt init "
            "--recipient'); nothing was changed")
