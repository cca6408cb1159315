"""Questions asked in the terminal (Rich prompts); end of input counts as Ctrl-C.

One style for every prompt of every command: a question ends with its "?" (then a space),
a label that names what to type ends with ": "; the default Enter keeps is shown in
brackets before that ending (`Meeting length in minutes [60]: `, `Resume it? [Y/n] `)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from functools import cache
from typing import Any, TypeVar

from rich.console import Console, RenderableType

from mentorlog.core.errors import MentorlogError
from mentorlog.views.console import escape, out

T = TypeVar("T")

YES = ("y", "yes")
NO = ("n", "no")


def ending(label: str) -> str:
    """What a prompt ends with: a space after a question, a colon after a label."""
    return " " if "?" in label else ": "


@cache
def _kinds() -> tuple[Any, Any]:
    """Rich's Prompt and Confirm in this style (made once, when something is first asked)."""
    from rich.prompt import Confirm, InvalidResponse, Prompt
    from rich.text import Text

    class Question(Prompt):
        def render_default(self, default: Any) -> Text:
            return Text(f"[{default}]", "prompt.default")

    class YesNo(Confirm):
        validate_error_message = "[prompt.invalid]Please answer yes or no"

        def make_prompt(self, default: Any) -> Text:
            prompt = self.prompt.copy()
            prompt.end = ""
            prompt.append(" ")
            prompt.append("[Y/n]" if default is True else "[y/N]" if default is False
                          else "[y/n]", "prompt.choices")
            prompt.append(" ")
            return prompt

        def process_response(self, value: str) -> bool:
            word = value.strip().lower()
            if word not in (*YES, *NO):
                raise InvalidResponse(self.validate_error_message)
            return word in YES

    return Question, YesNo


def ask(label: str, default: str = "", console: Console | None = None) -> str:
    """One answer, stripped; Enter gives `default` (shown as `[default]` when there is one).
    `label` is plain text (escaped here)."""
    question, _ = _kinds()
    prompt = question(escape(label), console=console or out(), show_default=bool(default))
    prompt.prompt_suffix = ending(label)
    try:
        answer = prompt(default=default)
    except EOFError:
        raise KeyboardInterrupt from None
    return (answer or "").strip()


def say(text: RenderableType = "") -> None:
    out().print(text)


def guide(text: str) -> None:
    """The guide's words above a group of questions."""
    out().print(f"\n[dim]{escape(text)}[/dim]")


def text(label: str, default: str = "") -> str:
    return ask(label, default)


def checked(label: str, check: Callable[[str], T], default: str = "") -> T:
    """Ask until `check` accepts the answer; its MentorlogError is shown and asked again."""
    while True:
        answer = text(label, default)
        try:
            return check(answer)
        except MentorlogError as e:
            out().print(f"[red]{escape(str(e))}[/red] — try again.")


def echo_date(when: date | datetime, until: date | None = None) -> None:
    """A date typed relative to today (`next thu`), shown as the date it became (a span,
    `next mon..next fri`, as both of its days)."""
    from mentorlog.core import text as render

    shown = render.moment(when) if isinstance(when, datetime) else render.day(when)
    out().print(f"  → {shown}" + (f" to {render.day(until)}" if until else ""))


def lines(label: str) -> list[str]:
    """One answer per line until an empty one."""
    items: list[str] = []
    while True:
        answer = text(label if not items else "  another? (Enter to finish)")
        if not answer:
            return items
        items.append(answer)


def confirm(label: str, default: bool = True, console: Console | None = None) -> bool:
    """A yes/no question (`y`, `yes`, `n`, `no`); Enter gives `default`."""
    _, yes_no = _kinds()
    try:
        return bool(yes_no.ask(escape(label), console=console or out(), default=default))
    except EOFError:
        raise KeyboardInterrupt from None
