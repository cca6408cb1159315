"""`mentorlog demo`: a sample journal of three months, to see the tool before your first meeting."""

from __future__ import annotations

import shlex
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from mentorlog.cli import common
from mentorlog.cli import demo_plan as sample
from mentorlog.storage.journal import dashboard
from mentorlog.storage.store import Store
from mentorlog.views.console import err, out
from mentorlog.views.demo import show_explore
from mentorlog.views.status import show


def demo(
    ctx: typer.Context,
    home: Annotated[
        Path | None,
        typer.Option("--home", help="A new or empty folder for it (default: a new temporary "
                     "folder).", show_default=False),
    ] = None,
) -> None:
    """Build a sample journal (three months of a mentorship) and show its status.

    It goes into a new temporary folder, or into --home if that is new or empty; your own
    journal is never touched.

    Example: mentorlog demo
    """
    # Only a folder named here: never $MENTORLOG_HOME or the default, where a journal may be.
    folder = home or common.session(ctx).home_flag
    if folder is not None:
        sample.check_home(folder)
    else:
        folder = Path(tempfile.mkdtemp(prefix="mentorlog-demo-"))
    now = common.now(sample.MENTEE_TZ)
    err().print(f"Building a sample journal: three months with {sample.MENTOR}, your mentor "
                "in this demo…")
    sample.build(folder, now)
    console = out()
    console.print()
    show(dashboard(Store(folder), now), console)
    console.print()
    show_explore(console, shlex.quote(str(folder)))
