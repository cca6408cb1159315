"""`mentorlog sync`: keep the journal on several machines through git; `sync resolve`
settles the conflicts it set aside."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from mentorlog.cli import common
from mentorlog.core.errors import MentorlogError
from mentorlog.sharing import aside
from mentorlog.sharing import sync as syncing
from mentorlog.storage.conflicts import FOLDER, waiting
from mentorlog.storage.crypto import Keyring
from mentorlog.storage.store import Store
from mentorlog.views.console import escape, out

RESOLVE = "resolve"
CHOICES = {"m": "mine", "mine": "mine", "t": "theirs", "theirs": "theirs", "e": "edit",
           "edit": "edit", "s": "skip", "skip": "skip"}


def sync(
    ctx: typer.Context,
    init: Annotated[
        bool, typer.Option("--init", help="Make the data folder a git repository.")
    ] = False,
    remote: Annotated[
        str | None,
        typer.Argument(help="With --init: a git remote (URL or path). Or 'resolve': settle "
                            "the conflicts waiting in conflicts/.", show_default=False,
                       metavar="[REMOTE | resolve]"),
    ] = None,
    keep: Annotated[
        str | None,
        typer.Option("--keep", metavar="mine|theirs",
                     help="With 'resolve': keep this version of every conflict, no questions.",
                     show_default=False),
    ] = None,
    no_input: Annotated[
        bool, typer.Option("--no-input", help="With 'resolve': never prompt (needs --keep).")
    ] = False,
) -> None:
    """Commit what changed, merge the other machine's changes, push.

    With a remote (any git URL or path): mentorlog sync --init REMOTE. Exit 1 while
    conflicts wait in conflicts/: settle them with 'mentorlog sync resolve'.

    Example: mentorlog sync --init
    """
    # The whole data folder is one repository, every mentorship in it.
    store = Store(common.session(ctx).home)
    if remote == RESOLVE and not init:
        resolve(store, keep, no_input)
        return
    if keep is not None or no_input:
        raise MentorlogError("--keep and --no-input go with 'mentorlog sync resolve'")
    if remote and not init:
        raise MentorlogError("a remote goes with --init: mentorlog sync --init REMOTE")
    said: list[str] = []
    try:
        syncing.init(store, remote, said) if init else syncing.sync(store, said)
    finally:  # what was done before an error (a copy set aside, say) is told too
        for line in said:
            out().print(escape(line), soft_wrap=True)
    if not said:
        out().print("Nothing to sync.")
    left = waiting(store)
    if left:
        raise MentorlogError(
            f"{len(left)} conflict(s) wait in {FOLDER}/ ({', '.join(left)}): each holds a "
            "version the live journal does not; settle them with 'mentorlog sync resolve'"
        )


def resolve(store: Store, keep: str | None, no_input: bool) -> None:
    """For each waiting conflict: show both versions, then keep mine, keep theirs or edit."""
    if keep is not None and keep not in ("mine", "theirs"):
        raise MentorlogError(f"--keep {keep!r}: say 'mine' or 'theirs'")
    interactive = keep is None and common.can_prompt(no_input)
    if keep is None and not interactive:
        raise MentorlogError(
            "say which version to keep without questions: 'mentorlog sync resolve --keep "
            "mine' (this machine's) or '--keep theirs' (the other machine's)")
    items = aside.entries(store)
    if not items:
        out().print("No conflicts wait.")
        return
    keyring = _keyring(store, no_input)
    settled, refused = 0, []
    for item in items:
        _show(store, item, keyring)
        choice = keep or _ask()
        try:
            settled += _settle(store, item, choice)
        except MentorlogError as e:  # this one stays; the others are settled on their own
            out().print(f"[red]Not settled: {escape(str(e))}[/red]", soft_wrap=True)
            refused.append(item.file)
    left = len(waiting(store))
    out().print(f"Settled {settled}; {left} still wait." if left else
                f"Settled {settled}. 'mentorlog sync' commits and pushes the result.")
    if refused:
        raise MentorlogError(f"{len(refused)} conflict(s) not settled: {', '.join(refused)}")


def _settle(store: Store, item: aside.Aside, choice: str) -> int:
    """Settle one conflict as chosen; 1 when it was settled, 0 when it still waits."""
    if choice == "skip":
        return 0
    if choice == "edit":
        if not _edit(store, item):
            out().print("Nothing changed: this conflict still waits.")
            return 0
        aside.keep_live(store, item)
        out().print(f"Saved your edit of {escape(item.live)}; removed {escape(item.file)}.")
    elif (choice == "mine") == item.mine_is_copy:
        aside.keep_copy(store, item)
        out().print(f"Kept {choice} ({escape(item.file)}) in {escape(item.live)}; "
                    "removed the copy.")
    else:
        aside.keep_live(store, item)
        out().print(f"Kept {choice} (the live version of {escape(item.what)}); removed "
                    f"{escape(item.file)}.")
    return 1


def _keyring(store: Store, no_input: bool) -> Keyring:
    """The key that opens the encrypted texts shown, its passphrase asked at most once (in
    a terminal only)."""
    from mentorlog.cli.session import ask_passphrase

    store.sealer.ask = ask_passphrase if common.can_prompt(no_input) else None
    return store.sealer.keyring


def _show(store: Store, item: aside.Aside, keyring: Keyring) -> None:
    mine, theirs = "mine (this machine's)", "theirs (the other machine's)"
    live, copy = (theirs, mine) if item.mine_is_copy else (mine, theirs)
    out().print(f"\n[bold]{escape(item.file)}[/bold]  {escape(item.what)}")
    out().print(f"[dim]live version: {live}; the copy: {copy}. Below: live / copy[/dim]")
    for line in aside.differences(store, item, keyring):
        out().print(f"  {escape(line)}", soft_wrap=True)


def _ask() -> str:
    from mentorlog.cli import prompts

    def choose(answer: str) -> str:
        choice = CHOICES.get(answer.strip().lower())
        if choice is None:
            raise MentorlogError("answer m, t, e or s")
        return choice

    return prompts.checked("Keep [m]ine, keep [t]heirs, [e]dit the live version, or [s]kip",
                           choose)


def _edit(store: Store, item: aside.Aside) -> bool:
    """Edit the live version in $EDITOR (checked as its codec reads it); True when saved."""
    from mentorlog.cli.editor import edit_document, edit_toml_file
    from mentorlog.storage.formats import TOML_FILES

    home, rel = _mentorship_of(store, item.live)
    if rel.endswith(".toml"):
        spec = next((s for s in TOML_FILES if s.name == rel), None)
        if spec is None:
            raise MentorlogError(f"{item.live} is not a mentorlog file: edit it by hand")
        return edit_toml_file(home, spec, True)
    return edit_document(home, rel, lambda doc: aside.check_document(item.live, doc), True)


def _mentorship_of(store: Store, live: str) -> tuple[Store, str]:
    """The store of the mentorship a live file belongs to (its own `encrypt` settings and
    keys: the text is opened and encrypted back as that mentorship says), and the file in it."""
    from mentorlog.cli.session import ask_passphrase
    from mentorlog.storage.mentorships import FOLDER as MENTORSHIPS

    parts = live.split("/")
    if len(parts) > 2 and parts[0] == MENTORSHIPS:
        home, rel = Store(Path(store.root, *parts[:2])), "/".join(parts[2:])
    else:
        home, rel = store, live
    home.sealer.ask = ask_passphrase  # `sync resolve` edits only in a terminal
    return home, rel
