"""Questions asked in the terminal (Rich prompts); end of input counts as Ctrl-C."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TypeVar

from rich.console import RenderableType

from mentorlog.core.errors import MentorlogError
from mentorlog.views.console import escape, out

T = TypeVar("T")


def say(text: RenderableType = "") -> None:
    out().print(text)


def guide(text: str) -> None:
    """The guide's words above a group of questions."""
    out().print(f"\n[dim]{escape(text)}[/dim]")


def text(label: str, default: str = "") -> str:
    from rich.prompt import Prompt  # only when it asks

    try:
        answer = Prompt.ask(escape(label), console=out(), default=default,
                            show_default=bool(default))
    except EOFError:
        raise KeyboardInterrupt from None
    return (answer or "").strip()


def checked(label: str, check: Callable[[str], T], default: str = "") -> T:
    """Ask until `check` accepts the answer; its MentorlogError is shown and asked again."""
    while True:
        answer = text(label, default)
        try:
            return check(answer)
        except MentorlogError as e:
            out().print(f"[red]{escape(str(e))}[/red] — try again.")


def echo_date(when: date | datetime) -> None:
    """A date typed relative to today (`next thu`), shown as the date it became."""
    from mentorlog.core import text as render

    shown = render.moment(when) if isinstance(when, datetime) else render.day(when)
    out().print(f"  → {shown}")


def lines(label: str) -> list[str]:
    """One answer per line until an empty one."""
    items: list[str] = []
    while True:
        answer = text(label if not items else "Another (Enter to finish)")
        if not answer:
            return items
        items.append(answer)


def confirm(label: str, default: bool = True) -> bool:
    from rich.prompt import Confirm  # only when it asks

    try:
        return Confirm.ask(escape(label), console=out(), default=default)
    except EOFError:
        raise KeyboardInterrupt from None
