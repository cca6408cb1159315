"""Editing in $VISUAL/$EDITOR: the draft lives in the data folder (sealed while encryption
is on) and is checked before saving; an entry's encrypted text is edited in clear and
encrypted back (storage/editing.py)."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from mentorlog.core.errors import FileProblem, MentorlogError
from mentorlog.storage.documents import Document, parse_document
from mentorlog.storage.editing import clear_document, clear_toml, save_document
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
    """Open the draft file in the user's editor and wait. The draft is inside the data
    folder; while encryption is on it is kept there sealed, and the editor works on a clear
    copy outside it (`_clear_copy`), sealed back into the draft when the editor ends."""
    if not store.sealer.sealed_levels():
        _run(store, draft_rel, editor, store.path(draft_rel))
        return
    with _clear_copy(store, draft_rel) as copy:
        _run(store, draft_rel, editor, copy)


@contextmanager
def _clear_copy(store: Store, draft_rel: str) -> Iterator[Path]:
    """The draft's text in clear in a private folder of its own (0700) outside the data
    folder — `$XDG_RUNTIME_DIR`, a memory file system, when there is one — for the time
    the editor runs; whatever happens (a saved edit, the editor failing, Ctrl-C) the text
    goes back into the draft sealed and the clear copy is removed."""
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    parent = runtime if runtime and os.path.isdir(runtime) else None
    folder = Path(tempfile.mkdtemp(prefix="mentorlog-edit-", dir=parent))
    copy = folder / Path(draft_rel).name
    try:
        fd = os.open(copy, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(store.read_draft(draft_rel) or "")
        try:
            yield copy
        finally:
            typed: str | None
            try:  # bytes that are not UTF-8 are kept as U+FFFD, to see and fix
                typed = copy.read_bytes().decode("utf-8", errors="replace")
            except OSError:
                typed = None  # the editor removed it: the draft stays as it was
            if typed is not None:
                write_draft(store, draft_rel, typed)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def write_draft(store: Store, draft_rel: str, text: str) -> None:
    """An editor's draft in the data folder: sealed while encryption is on."""
    with store.lock():
        store.write_text(draft_rel, store.sealer.seal_draft(text))


def _run(store: Store, draft_rel: str, editor: list[str] | None, path: Path) -> None:
    command = [*(editor or configured_editor(store)), str(path)]
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
    """Edit one TOML data file through a draft; True when a valid change was saved. Its
    encrypted text is shown opened and encrypted back on save (storage/editing.py)."""
    return _edit_through_draft(
        store,
        spec.name,
        f"drafts/{spec.name}",
        lambda: clear_toml(store, spec),
        lambda text: store.decode_toml(spec, text),
        lambda value, _text: store.save(spec, value),
        interactive,
    )


def edit_document(store: Store, rel: str, check: Callable[[Document], object],
                  interactive: bool) -> bool:
    """Edit one markdown record through a draft; `check(Document)` must accept it. Its
    encrypted text is shown opened and encrypted back on save (storage/editing.py)."""
    return _edit_through_draft(
        store,
        rel,
        f"drafts/{rel.replace('/', '-')}",
        lambda: clear_document(store, rel),
        lambda text: check(parse_document(text, store.display(rel))),
        lambda _value, text: save_document(store, rel, text),
        interactive,
    )


def _edit_through_draft(
    store: Store,
    rel: str,
    draft: str,
    clear: Callable[[], str],
    validate: Callable[[str], T],
    save: Callable[[T, str], None],
    interactive: bool,
) -> bool:
    """The editing loop shared by every file: True when a valid change was saved.

    The draft lives in the data folder and survives a crash (it opens again next time). An
    invalid edit is reported; interactively the user may edit again, otherwise the draft is
    kept. The data file is never written with an invalid edit, nor over a concurrent change.
    The editor gets `clear()`, the file's text with its encrypted text opened (refused,
    with nothing written, when it cannot be opened here).
    """
    on_disk = store.read_text(rel) or ""
    original = clear()
    editor = configured_editor(store)
    kept = store.read_draft(draft)
    if kept is None or kept == on_disk != original:  # an older mentorlog's untouched draft
        write_draft(store, draft, original)  # of the encrypted file: opened in clear too
    while True:
        run_editor(store, draft, editor)
        text = store.read_draft(draft) or ""
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
            if (store.read_text(rel) or "") != on_disk:
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
    recovered = store.read_draft(draft) is not None
    editor = configured_editor(store)
    if not recovered:
        write_draft(store, draft, initial)
    run_editor(store, draft, editor)
    return store.read_draft(draft) or "", recovered
