"""Conversations that never lose an answer: each answer typed is kept at once in `drafts/`
(0600, written atomically through the store), Ctrl-C or a closed terminal leaves it there,
and the next run offers to resume it (`week`, `goals review`, `end`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

import typer
from msgspec.structs import replace

from mentorlog.cli import prompts
from mentorlog.core import text as render
from mentorlog.core.drafts import Draft
from mentorlog.core.errors import MentorlogError
from mentorlog.storage.crypto import is_armored
from mentorlog.storage.store import Store, TomlFile
from mentorlog.views.console import err, escape


class Conversation:
    """The answers of one command's questions, by key; every new one is saved to the draft."""

    def __init__(self, st: Store, spec: TomlFile[Any], command: str, day: date | None,
                 kept: dict[str, str] | None = None, privacy: str = "normal") -> None:
        self.st, self.spec = st, spec
        self.draft = Draft(command, day, dict(kept or {}), privacy)

    def __contains__(self, key: str) -> bool:
        return key in self.draft.answers

    def get(self, key: str) -> str | None:
        return self.draft.answers.get(key)

    def ask(self, key: str, question: Callable[[], str]) -> str:
        """The answer kept for `key` (from a resumed draft), else `question()`, then kept."""
        if key in self.draft.answers:
            return self.draft.answers[key]
        answer = question()
        self.keep(key, answer)
        return answer

    def keep(self, key: str, answer: str) -> None:
        self.draft = self.draft.with_answer(key, answer)
        with self.st.lock():
            self.st.save(self.spec, self.draft)

    def forget(self, key: str) -> None:
        """An answer that cannot stand (an empty required one): asked again."""
        answers = dict(self.draft.answers)
        answers.pop(key, None)
        self.draft = replace(self.draft, answers=answers)

    def discard(self) -> None:
        """The conversation is saved (or thrown away): its draft goes."""
        discard(self.st, self.spec)


class Replay(Conversation):
    """A conversation whose questions come in a fixed order (`goals review`, `end`): the
    n-th answer is kept under its number and question, and a resumed draft answers the
    same questions again, shown dimmed, until one differs."""

    def __init__(self, st: Store, spec: TomlFile[Any], command: str, day: date | None,
                 kept: dict[str, str] | None = None) -> None:
        super().__init__(st, spec, command, day, kept)
        self.asked = 0

    def next(self, label: str, question: Callable[[], str]) -> str:
        self.asked += 1
        key = f"{self.asked:03} {label}"
        if key in self.draft.answers:
            prompts.say(f"[dim]{escape(label)}{prompts.ending(label)}"
                        f"{escape(self.draft.answers[key])}[/dim]")
            return self.draft.answers[key]
        stale = [k for k in self.draft.answers if k[:3] >= key[:3]]
        for k in stale:  # the same question no longer comes at this point: ask afresh
            self.forget(k)
        answer = question()
        self.keep(key, answer)
        return answer

    def take_back(self) -> None:
        """The last answer did not stand (`yes` for a verdict): it is asked again under the
        same number, so a resumed draft never replays it with its error."""
        for k in [k for k in self.draft.answers if k[:3] == f"{self.asked:03}"]:
            self.forget(k)
        self.asked -= 1
        with self.st.lock():
            self.st.save(self.spec, self.draft)


def load(st: Store, spec: TomlFile[Any]) -> Draft | None:
    """The draft kept by an earlier run, or None. One that does not read is never written
    over: the error says where it is."""
    text = st.read_draft(spec.name)
    if text is None:
        return None
    try:
        draft: Draft = st.decode_toml(spec, text)
    except MentorlogError as e:
        raise MentorlogError(f"{e} (unfinished answers: fix or delete this file, then run the "
                             "command again)") from None
    return draft


def discard(st: Store, spec: TomlFile[Any]) -> None:
    if st.exists(spec.name):
        with st.lock():
            st.remove(spec.name)


def _what(draft: Draft, what: str) -> str:
    n = len(draft.answers)
    day = f" of {render.day(draft.day)}" if draft.day else ""
    return f"{what}{day} ({n} answer{'s' if n != 1 else ''})"


def offer(st: Store, spec: TomlFile[Any], what: str, interactive: bool,
          command: str) -> Draft | None:
    """A waiting draft: in a terminal, offered (yes: it is returned; no: it is discarded);
    with --no-input, one line on stderr says it waits and how to resume or discard it."""
    if not interactive and is_armored(st.read_text(spec.name) or ""):
        err().print(  # said without decrypting it: no passphrase to ask for here
            f"Note: your unfinished {escape(what)} is kept (encrypted) in "
            f"{escape(st.display(spec.name))}: run '{command}' in a terminal to resume it, "
            "or delete that file to discard it.", soft_wrap=True)
        return None
    draft = load(st, spec)
    if draft is None or not draft.answers:
        return None
    if not interactive:
        err().print(
            f"Note: your unfinished {escape(_what(draft, what))} is kept in "
            f"{escape(st.display(spec.name))}: run '{command}' in a terminal to resume it, "
            "or delete that file to discard it.", soft_wrap=True)
        return None
    if prompts.confirm(f"You have an unfinished {_what(draft, what)}. Resume it?"):
        return draft
    discard(st, spec)
    prompts.say("[dim]Discarded; starting afresh.[/dim]")
    return None


@contextmanager
def kept_on_interrupt(conversation: Conversation, command: str) -> Iterator[None]:
    """Ctrl-C (or the end of input) with answers given: say where they are kept, exit 130."""
    try:
        yield
    except KeyboardInterrupt:
        if not conversation.draft.answers:
            raise
        try:
            err().print(f"\nInterrupted: your answers so far are kept in "
                        f"{escape(conversation.st.display(conversation.spec.name))}: run "
                        f"'{command}' to resume.", soft_wrap=True)
        except OSError:  # the terminal is gone: the draft is what matters
            pass
        raise typer.Exit(130) from None


def offer_edit(st: Store, draft_rel: str, what: str) -> None:
    """An editor's draft left by an edit that was stopped: in a terminal, resume it (it opens
    again) or discard it (the edit starts from the file as it is)."""
    if not st.exists(draft_rel):
        return
    if not prompts.confirm(f"You have an unfinished edit of {what}. Resume it?"):
        discard_rel(st, draft_rel)
        prompts.say("[dim]Discarded; editing the file as it is.[/dim]")


def discard_rel(st: Store, rel: str) -> None:
    with st.lock():
        st.remove(rel)


@contextmanager
def edit_kept_on_interrupt(st: Store, draft_rel: str, command: str) -> Iterator[None]:
    """Ctrl-C while the editor is open: the editor's draft stays; say where, exit 130."""
    try:
        yield
    except KeyboardInterrupt:
        if not st.exists(draft_rel):
            raise
        try:
            err().print(f"\nInterrupted: your edit is kept in {escape(st.display(draft_rel))}: run "
                        f"'{command}' to resume it.", soft_wrap=True)
        except OSError:
            pass
        raise typer.Exit(130) from None
