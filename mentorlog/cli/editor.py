"""Editing in $VISUAL/$EDITOR: the draft lives in the data folder and is checked before saving."""

from __future__ import annotations

import os
import shlex
import subprocess
from collections.abc import Callable, Mapping
from typing import TypeVar

from mentorlog.core.errors import FileProblem, MentorlogError
from mentorlog.storage.documents import Document, parse_document
from mentorlog.storage.formats import CONFIG
from mentorlog.storage.store import Store, TomlFile
from mentorlog.views.console import err

T = TypeVar("T")


def editor_command(environ: Mapping[str, str] | None = None, configured: str = "") -> list[str]:
    """$VISUAL wins, then $EDITOR, then `mentorlog config set editor`, then vi."""
    env = os.environ if environ is None else environ
    choices = (env.get("VISUAL"), env.get("EDITOR"), configured)
    editor = next((e for e in choices if e and e.strip()), "vi")
    try:
        return shlex.split(editor)
    except ValueError:
        raise MentorlogError(
            f"cannot run the editor {editor!r}: check $VISUAL / $EDITOR / 'mentorlog config'"
        ) from None


def configured_editor(store: Store) -> list[str]:
    """The editor command, config.toml included: read before a draft is written, so a
    config file that does not read stops an edit with nothing written."""
    return editor_command(configured=store.load(CONFIG).editor)


def run_editor(store: Store, draft_rel: str, editor: list[str] | None = None) -> None:
    """Open the draft file (inside the data folder) in the user's editor and wait."""
    command = [*(editor or configured_editor(store)), str(store.path(draft_rel))]
    try:
        result = subprocess.run(command, check=False)
    except OSError as e:
        raise MentorlogError(f"cannot run the editor {command[0]!r}: {e.strerror}") from None
    except ValueError as e:  # a NUL character in a config.toml edited by hand
        raise MentorlogError(f"cannot run the editor {command[0]!r}: {e}") from None
    if result.returncode != 0:
        raise MentorlogError(
            f"the editor {command[0]!r} exited with {result.returncode}; "
            f"your draft is kept at {store.display(draft_rel)}"
        )


def edit_toml_file(store: Store, spec: TomlFile[T], interactive: bool) -> bool:
    """Edit one TOML data file through a draft; True when a valid change was saved."""
    return _edit_through_draft(
        store,
        spec.name,
        f"drafts/{spec.name}",
        lambda text: store.decode_toml(spec, text),
        lambda value, _text: store.save(spec, value),
        interactive,
    )


def edit_document(store: Store, rel: str, check: Callable[[Document], object],
                  interactive: bool) -> bool:
    """Edit one markdown record through a draft; `check(Document)` must accept it."""
    return _edit_through_draft(
        store,
        rel,
        f"drafts/{rel.replace('/', '-')}",
        lambda text: check(parse_document(text, store.display(rel))),
        lambda _value, text: store.write_text(rel, text),
        interactive,
    )


def _edit_through_draft(
    store: Store,
    rel: str,
    draft: str,
    validate: Callable[[str], T],
    save: Callable[[T, str], None],
    interactive: bool,
) -> bool:
    """The editing loop shared by every file: True when a valid change was saved.

    The draft lives in the data folder and survives a crash (it opens again next time). An
    invalid edit is reported; interactively the user may edit again, otherwise the draft is
    kept. The data file is never written with an invalid edit, nor over a concurrent change.
    """
    original = store.read_text(rel) or ""
    editor = configured_editor(store)
    with store.lock():
        if store.read_text(draft) is None:
            store.write_text(draft, original)
    while True:
        run_editor(store, draft, editor)
        text = store.read_text(draft) or ""
        if text == original:
            with store.lock():
                store.remove(draft)
            return False
        try:
            value = validate(text)
        except MentorlogError as e:
            where = str(e)
            if isinstance(e, FileProblem) and e.line is not None:
                where = f"line {e.line}, column {e.col}: {e.message}"
            if interactive and _again(f"Your edit has a problem ({where}). Edit again?"):
                continue
            raise MentorlogError(
                f"your edit was not saved: {where}; it is kept in {store.display(draft)} "
                "and opens again next time"
            ) from None
        with store.lock():
            if (store.read_text(rel) or "") != original:
                raise MentorlogError(
                    f"{store.display(rel)} changed while you were editing; your edit "
                    f"is kept in {store.display(draft)}"
                )
            save(value, text)
            store.remove(draft)
        return True


def _again(question: str) -> bool:
    from rich.prompt import Confirm

    try:
        return Confirm.ask(question, console=err(), default=True)
    except EOFError:
        return False


def edit_new_text(store: Store, draft: str, initial: str = "") -> tuple[str, bool]:
    """Write new text in the editor, starting from `initial` (a template): (text,
    recovered). The draft lives in the data folder and stays there until the caller saves
    the text and removes it, so a crash loses nothing: the next call opens the same draft
    again."""
    recovered = store.read_text(draft) is not None
    editor = configured_editor(store)
    if not recovered:
        with store.lock():
            store.write_text(draft, initial)
    run_editor(store, draft, editor)
    return store.read_text(draft) or "", recovered
