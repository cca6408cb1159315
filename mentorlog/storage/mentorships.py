"""Several mentorships side by side: the default one in the data folder, others below it.

Layout: the default mentorship is the data folder itself (no extra level to know about);
another named NAME lives in `mentorships/NAME/` with the same files. Each has its own lock.
A mentorship is ended by a retrospective in `retrospective.md`; nothing is deleted. Once it
has ended, the commands that change it refuse (`refuse_if_ended`); `mentorlog reopen` moves
the retrospective to `drafts/retrospective.md` (kept on this machine, offered again by the
next `end`).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from mentorlog.core.errors import FileProblem, MentorlogError
from mentorlog.core.retrospective import Retrospective
from mentorlog.storage.codecs.retrospective import (
    retrospective_from_document,
    retrospective_to_document,
)

FOLDER = "mentorships"
RETROSPECTIVE = "retrospective.md"
KEPT_RETROSPECTIVE = "drafts/retrospective.md"  # after `reopen`: the answers, for the next end
DEFAULT = "default"
_NAME_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])$")  # not folder names on Windows


def check_name(name: str) -> str:
    """A mentorship name is a short lowercase word: it becomes a folder name."""
    cleaned = name.strip().lower()
    if cleaned == DEFAULT:
        return DEFAULT
    if not _NAME_RE.match(cleaned):
        raise MentorlogError(
            f"{name!r} is not a mentorship name: use letters, digits, - and _ "
            "(at most 40, like 'ada-2027')"
        )
    if _RESERVED.match(cleaned):
        raise MentorlogError(f"{name!r} is a name Windows reserves: choose another mentorship name")
    return cleaned


def root_for(home: Path, name: str | None) -> Path:
    if not name or check_name(name) == DEFAULT:
        return home
    return home / FOLDER / check_name(name)


def names(home: Path) -> list[str]:
    """The named mentorships (folders under mentorships/), sorted; links are ignored."""
    folder = home / FOLDER
    try:
        entries = sorted(folder.iterdir())
    except (FileNotFoundError, NotADirectoryError):
        return []
    return [e.name for e in entries if e.is_dir() and not e.is_symlink() and _NAME_RE.match(e.name)]


def end_mentorship(store: Any, agreement: Any, ended_on: date, answers: dict[str, str]) -> None:
    """Write the retrospective; refuse to end twice or before the start."""
    if ended_on < agreement.start:
        raise MentorlogError(f"a mentorship cannot end before it started ({agreement.start})")
    with store.lock():
        if store.exists(RETROSPECTIVE):
            raise MentorlogError(
                f"this mentorship already ended (see {store.display(RETROSPECTIVE)})"
            )
        retro = Retrospective(ended_on, **answers)
        store.save_doc(RETROSPECTIVE, retrospective_to_document(retro))
        store.remove(KEPT_RETROSPECTIVE)


def reopen_mentorship(store: Any) -> Retrospective | None:
    """Undo `end`: the retrospective leaves `retrospective.md` for `drafts/retrospective.md`
    (the next `end` offers its answers again). Returns it; None if it had not ended."""
    with store.lock():
        retro = load_retrospective(store)
        if retro is None:
            return None
        store.write_text(KEPT_RETROSPECTIVE, store.read_text(RETROSPECTIVE) or "")
        store.remove(RETROSPECTIVE)
    return retro


def kept_retrospective(store: Any) -> Retrospective | None:
    """The retrospective `reopen` kept, if it still reads (its answers are only defaults)."""
    if not store.exists(KEPT_RETROSPECTIVE):
        return None
    try:
        return retrospective_from_document(store.load_doc(KEPT_RETROSPECTIVE))
    except MentorlogError:
        return None


def refuse_if_ended(store: Any) -> None:
    """The one rule for every command that changes a mentorship: not once it has ended."""
    if not store.exists(RETROSPECTIVE):
        return
    retro = load_retrospective(store, opened=False)
    when = f" on {retro.ended_on.isoformat()}" if retro else ""
    raise MentorlogError(f"this mentorship ended{when}, so nothing was changed "
                         "(run 'mentorlog reopen' to go on with it)")


def load_retrospective(store: Any, opened: bool = True) -> Retrospective | None:
    """The retrospective; with `opened` False its answers may be encrypted (enough for the
    day it ended, which stays in clear: no key or passphrase needed)."""
    if not store.exists(RETROSPECTIVE):
        return None
    doc = store.load_doc(RETROSPECTIVE, opened)
    try:
        return retrospective_from_document(doc)
    except MentorlogError as e:
        raise FileProblem(store.display(RETROSPECTIVE), str(e)) from None


def describe_all(home: Path) -> list[dict[str, Any]]:
    """Every mentorship with its mentor, start and end; unreadable ones say why."""
    from mentorlog.storage.formats import AGREEMENT
    from mentorlog.storage.store import Store

    rows = []
    for name in [DEFAULT, *names(home)]:
        store = Store(root_for(home, name))
        row: dict[str, Any] = {"name": name, "mentor": None, "start": None, "ended_on": None,
                               "path": str(store.root), "problem": None}
        if not store.exists(AGREEMENT.name):
            if name == DEFAULT:
                continue
        else:
            try:
                agreement = store.load(AGREEMENT)
                row["mentor"] = agreement.mentor.name
                row["start"] = agreement.start.isoformat()
                retro = load_retrospective(store, opened=False)
                row["ended_on"] = retro.ended_on.isoformat() if retro else None
            except MentorlogError as e:
                row["problem"] = str(e)
        rows.append(row)
    return rows
