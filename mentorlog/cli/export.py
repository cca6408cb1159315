"""`mentorlog export`: share what you keep; one writer per format, chosen by --format."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from mentorlog.cli import common
from mentorlog.core.dates import parse_date
from mentorlog.core.errors import MentorlogError
from mentorlog.core.privacy import shown_levels
from mentorlog.sharing import summary
from mentorlog.sharing.export_html import to_html
from mentorlog.sharing.ics import calendar_bytes
from mentorlog.storage.files import write_file_atomically
from mentorlog.storage.formats import (
    FOLLOWUPS,
    GOALS,
    MEETINGS,
    NOTES,
    QUESTIONS,
    REVIEWS,
    TASKS,
)
from mentorlog.storage.journal import ended_on, timeline
from mentorlog.storage.mentorships import load_retrospective
from mentorlog.views.console import echo, json_text


def _ics(ctx: typer.Context) -> bytes:
    """The coming meetings as an RFC 5545 calendar (docs/time-zones.md)."""
    a = common.agreement(ctx)
    now = common.now(a.mentee_tz)
    return calendar_bytes(a, timeline(common.store(ctx), a, now), now)


def _summary(ctx: typer.Context) -> summary.Summary:
    """The progress summary (mentorlog/sharing/summary.py), with the privacy levels asked for."""
    st = common.store(ctx)
    a = common.agreement(ctx)
    now = common.now(a.mentee_tz)
    opts = ctx.meta["export"]
    since = parse_date(opts["since"], now.date()) if opts["since"] else None
    s = summary.build(
        a, st.load(GOALS).goals, st.load(TASKS).tasks, st.load_all(MEETINGS),
        st.load_all(NOTES), st.load(QUESTIONS).questions,
        st.load(FOLLOWUPS).followups, now, since,
        shown_levels(opts["include_private"], opts["include_confidential"]),
        load_retrospective(st),
        st.load_all(REVIEWS),
    )
    ctx.meta["export_message"] = summary.left_out_message(s)
    return s


def _md(ctx: typer.Context) -> bytes:
    return summary.to_markdown(_summary(ctx)).encode("utf-8")


def _json(ctx: typer.Context) -> bytes:
    text = json.dumps(summary.to_json(_summary(ctx)), indent=2, ensure_ascii=False)
    return (text + "\n").encode("utf-8")


def _html(ctx: typer.Context) -> bytes:
    return to_html(_summary(ctx), _charts(ctx)).encode("utf-8")


def _charts(ctx: typer.Context) -> str:
    """The growth report as SVG charts; check-ins only at the privacy levels exported."""
    from mentorlog.core.report import span
    from mentorlog.sharing.charts import report_html
    from mentorlog.storage.growth import growth_report

    a = common.agreement(ctx)
    opts = ctx.meta["export"]
    shown = shown_levels(opts["include_private"], opts["include_confidential"])
    today = common.now(a.mentee_tz).date()
    try:
        span(a, today, opts["since"], None, ended_on(common.store(ctx)))
    except MentorlogError:
        return ""  # no month to chart yet (the first meeting is ahead): the page without them
    found = growth_report(common.store(ctx), a, today, since=opts["since"], shown=shown)
    return report_html(found)


# One function returning bytes per format; the summary formats share one model.
FORMATS: dict[str, Callable[[typer.Context], bytes]] = {
    "md": _md, "json": _json, "html": _html, "ics": _ics,
}


def export(
    ctx: typer.Context,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help=f"One of: {', '.join(FORMATS)}.",
                          show_default=False)
    ],
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="Write to this file (default: standard output).",
                     show_default=False),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
    since: Annotated[
        str | None, typer.Option(help="Summary: meetings, notes and questions from this date.",
                                 show_default=False)
    ] = None,
    include_private: Annotated[
        bool, typer.Option("--include-private", help="Summary: keep private entries.")
    ] = False,
    include_confidential: Annotated[
        bool, typer.Option("--include-confidential",
                           help="Summary: keep what your mentor told you in confidence.")
    ] = False,
) -> None:
    """Export for sharing: a progress summary (md, json, html) or the schedule (.ics).

    The summary holds the relationship's goals and success measures, your 30/60/90 goals,
    the meetings held with their tasks, the hours kept and your notes. Private and
    confidential entries are left out unless included; how many is said on stderr.

    Example: mentorlog export --format html -o progress.html
    """
    writer = FORMATS.get(fmt.strip().lower())
    if writer is None:
        raise typer.BadParameter(f"{fmt!r} is not one of: {', '.join(FORMATS)}",
                                 param_hint="--format")
    ctx.meta["export"] = {"since": since, "include_private": include_private,
                          "include_confidential": include_confidential}
    data = writer(ctx)
    if output is None or str(output) == "-":
        text = data.decode("utf-8")  # each writer encodes UTF-8
        echo(json_text(text) if writer is _json else text, end="")
    else:
        where = write(ctx, output, data, force)
        sys.stderr.write(f"Wrote {where}.\n")
    message = ctx.meta.get("export_message", "")
    if message:
        sys.stderr.write(message + "\n")


def write(ctx: typer.Context, output: Path, data: bytes, force: bool) -> Path:
    """Through the store (locked, 0600) inside the data folder; atomically anywhere else."""
    st = common.store(ctx)
    target = output.expanduser().absolute()
    rel = _inside(target, st.root)
    if rel is None:
        write_file_atomically(target, data, force)
        return target
    with st.lock():
        if st.exists(rel) and not force:
            raise MentorlogError(f"{st.display(rel)} already exists (use --force to replace it)")
        st.write_bytes(rel, data)
    return st.path(rel)


def _inside(target: Path, root: Path) -> str | None:
    try:
        rel = Path(os.path.realpath(target.parent)).relative_to(os.path.realpath(root))
    except ValueError:
        return None
    return (rel / target.name).as_posix().removeprefix("./")
