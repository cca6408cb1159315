"""The guide's checklists as a reader sees them (`mentorlog checklist`)."""

from __future__ import annotations

from collections.abc import Iterable

from mentorlog.core.checklist import SectionState
from mentorlog.core.checklist_items import ITEMS
from mentorlog.views import console as output
from mentorlog.views.console import escape, out


def show(states: list[SectionState]) -> None:
    console = out()
    for n, state in enumerate(states):
        if n:
            console.print()
        when = " (this week)" if state.section.weekly else ""
        console.print(f"[bold]{escape(state.section.title)}[/bold]{when} · "
                      f"{state.done} of {len(state.items)}")
        grid = output.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column(no_wrap=True, style="cyan")
        grid.add_column(overflow="fold")
        for i in state.items:
            mark = "[green]\\[x][/green]" if i.done else "\\[ ]"
            text = escape(i.item.text)
            if i.detail:
                source = "journal: " if i.auto else ""
                text += f"\n[dim]{source}{escape(i.detail)}[/dim]"
            grid.add_row(mark, i.item.id, text)
        console.print(grid)
    console.print()
    console.print("[dim]Tick an item: mentorlog checklist tick ID[/dim]")


def show_changed(verb: str, ids: Iterable[str]) -> None:
    """`Ticked resp-conduct: …`, one line per item."""
    console = out()
    for item_id in ids:
        console.print(f"{verb} {item_id}: {escape(ITEMS[item_id][1].text)}")


def show_not_ticked(ids: Iterable[str]) -> None:
    console = out()
    for item_id in ids:
        console.print(f"{item_id} was not ticked.")
