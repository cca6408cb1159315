"""`mentorlog export`: share what you keep; one writer per format, chosen by --format."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from mentorlog.cli import common


def _ics(ctx: typer.Context) -> bytes:
    """The coming meetings as an RFC 5545 calendar (docs/time-zones.md)."""
    from mentorlog.ics import calendar_bytes
    from mentorlog.skipped import skipped_days

    a = common.agreement(ctx)
    now = common.now(a.mentee_tz)
    return calendar_bytes(a, now, skipped_days(common.store(ctx), now.date()))


# A later format (md, json, html) is one more function returning bytes and one more entry.
FORMATS: dict[str, Callable[[typer.Context], bytes]] = {"ics": _ics}


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
) -> None:
    """Export for sharing: the meeting schedule as .ics for calendar programs.

    Example: mentorlog export --format ics -o mentorship.ics
    """
    writer = FORMATS.get(fmt.strip().lower())
    if writer is None:
        raise typer.BadParameter(f"{fmt!r} is not one of: {', '.join(FORMATS)}",
                                 param_hint="--format")
    data = writer(ctx)
    if output is None or str(output) == "-":
        import sys

        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    where = write(ctx, output, data, force)
    from mentorlog.output import err, escape

    err().print(f"Wrote {escape(str(where))}.")


def write(ctx: typer.Context, output: Path, data: bytes, force: bool) -> Path:
    """Through the store (locked, 0600) inside the data folder; atomically anywhere else."""
    from mentorlog.errors import MentorlogError
    from mentorlog.store import write_file_atomically

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


def _inside(target: Path, root: Any) -> str | None:
    import os

    try:
        rel = Path(os.path.realpath(target.parent)).relative_to(os.path.realpath(root))
    except ValueError:
        return None
    return (rel / target.name).as_posix().removeprefix("./")
