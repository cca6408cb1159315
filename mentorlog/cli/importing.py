"""`mentorlog import`: bring in entries from another journal."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from msgspec.structs import replace

from mentorlog.cli import common
from mentorlog.core import notes
from mentorlog.core.errors import MentorlogError
from mentorlog.core.notes import note_number
from mentorlog.sharing import jrnl as jrnl_export
from mentorlog.storage.codecs.notes import note_to_doc
from mentorlog.storage.formats import NOTES
from mentorlog.storage.note_ids import next_note_id
from mentorlog.views.console import out

app = typer.Typer(
    help="Bring in entries from another journal as notes.\n\n"
    "Example: jrnl --export json > journal.json; mentorlog import jrnl journal.json",
    rich_markup_mode=None,
    no_args_is_help=True,
)


@app.callback()
def importing() -> None:
    """Bring in entries from another journal as notes (only jrnl for now).

    Example: jrnl --export json > journal.json; mentorlog import jrnl journal.json
    """


@app.command("jrnl")
def jrnl(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(metavar="FILE.json",
                                         help="A jrnl JSON export ('jrnl --export json').")],
    private: Annotated[bool, typer.Option("--private", help="Import them as private.")]
    = False,
    confidential: Annotated[
        bool, typer.Option("--confidential", help="Import them as confidential.")
    ] = False,
) -> None:
    """Import a jrnl JSON export: every entry becomes a note with its date and tags.

    Importing the same export again adds only entries that are not in the journal yet.

    Example: jrnl --export json > journal.json; mentorlog import jrnl journal.json
    """
    st = common.open_mentorship(ctx)
    a = common.agreement(ctx)
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise MentorlogError(f"cannot read {file}: {getattr(e, 'strerror', None) or e}") from None
    entries = jrnl_export.parse_jrnl(text, str(file))
    privacy = notes.privacy_of(private, confidential)
    with st.lock():
        known = {n.source for n in st.load_all(NOTES) if n.source}
        new = jrnl_export.to_notes(entries, a.mentee_tz, privacy, known)
        number = note_number(next_note_id(st)) or 1
        for i, n in enumerate(new):  # each with its short id, in the order of the export
            n = replace(n, id=f"n{number + i}")
            stem = st.sealer.note_stem(n.privacy, notes.note_stem(n))  # no title if sealed
            st.save_doc(st.new_doc_name(NOTES.name, stem), note_to_doc(n))
    skipped = len(entries) - len(new)
    already = f"; {skipped} already in the journal" if skipped else ""
    out().print(f"Imported {len(new)} of {len(entries)} jrnl entries as notes{already}.")
