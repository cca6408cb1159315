"""Your defaults as a reader sees them (`mentorlog config list`)."""

from __future__ import annotations

from typing import Any

from mentorlog.views import console as output
from mentorlog.views.console import escape, out


def show(rows: list[dict[str, Any]]) -> None:
    """The rows of core.config.listing (also the JSON of `config list --json`)."""
    grid = output.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for row in rows:
        value = escape(row["value"]) if row["value"] else "[dim]empty[/dim]"
        where = "" if row["set"] else " [dim](default)[/dim]"
        grid.add_row(row["key"], f"{value}{where}\n[dim]{escape(row['help'])}[/dim]")
    out().print(grid)
