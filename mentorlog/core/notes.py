"""Between-meeting notes: one markdown file each, named by date and a safe slug, with a
short id (`n42`); inline `#tags`; the editor's template (pure)."""

from __future__ import annotations

import re
from datetime import datetime

from msgspec import Struct

from mentorlog.core.errors import MentorlogError

FOLDER = "notes"
SLUG_MAX = 40
TITLE_MAX = 80
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_TAG = re.compile(r"^[^\s#,][^\s,]{0,39}$")
NOTE_ID = re.compile(r"^n([1-9][0-9]{0,8})$")
# `#career` after a space, a bracket or the start of a line; a letter first (`PR #42` is not a
# tag); a word, with `-`, `_`, `/`, `.` inside (`#open-source`), not ending on punctuation.
_INLINE_TAG = re.compile(r"(?:(?<=^)|(?<=[\s(\[]))#([^\W\d_][\w/-]*(?:\.[\w/-]+)*)")
_CODE_SPAN = re.compile(r"(`+).+?\1")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
# The editor's template: a title line and a comment on tags and privacy, removed on save.
TEMPLATE_TITLE = "# "
TEMPLATE_COMMENT = (
    "<!-- mentorlog: the first line is the title. #words in the text become tags "
    "(#career). This note is {privacy}{how}. Lines like this one are removed on save. -->"
)
_TEMPLATE_LINE = re.compile(r"^\s*<!-- mentorlog:.*-->\s*$")


class Note(Struct, frozen=True):
    """A between-meetings note (notes/YYYY-MM-DD-slug.md)."""

    created: datetime
    title: str
    body: str
    tags: tuple[str, ...] = ()
    privacy: str = "normal"
    source: str = ""  # where an imported note came from, e.g. "jrnl:<hash>" (imports dedupe)
    id: str = ""  # `n42`; notes written before ids (or by hand without one) get it on reading

    @property
    def private(self) -> bool:
        return self.privacy != "normal"


def slug(title: str) -> str:
    """`[a-z0-9-]`, at most SLUG_MAX long, never empty: safe on every file system."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")
    return words[:SLUG_MAX].rstrip("-") or "note"


def title_of(text: str) -> str:
    """The first non-empty line, without a leading markdown `#`, cut to TITLE_MAX characters."""
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line if len(line) <= TITLE_MAX else line[: TITLE_MAX - 1].rstrip() + "…"
    return ""


def parse_tag(text: str) -> str:
    tag = text.strip().lstrip("#").lower()
    if not _TAG.match(tag):
        raise MentorlogError(f"{text!r} is not a tag: one word, no spaces or commas")
    return tag


def privacy_of(private: bool, confidential: bool) -> str:
    return "confidential" if confidential else "private" if private else "normal"


def new_note(text: str, created: datetime, tags: list[str], privacy: str,
             note_id: str = "") -> Note:
    """A note from its text: `--tag` tags first, then the `#tags` written in the text."""
    body = text.strip()
    if not body:
        raise MentorlogError("the note is empty: nothing saved")
    unique = tuple(dict.fromkeys([*(parse_tag(t) for t in tags), *inline_tags(body)]))
    return Note(created, title_of(body), body + "\n", unique, privacy, id=note_id)


def inline_tags(text: str) -> list[str]:
    """The `#tags` written in a note's text, lower case, in order: not in code (a `span`
    or a fenced block), not a heading's `##`, not a URL's `#fragment` (no space before
    it), not `#42`."""
    found: list[str] = []
    fence = ""
    for line in text.splitlines():
        m = _FENCE.match(line)
        if fence:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = ""
            continue
        if m:
            fence = m.group(1)
            continue
        if line.startswith(("    ", "\t")):  # an indented code block
            continue
        for word in _INLINE_TAG.findall(_CODE_SPAN.sub(" ", line)):
            tag = word.lower()[:40]
            if _TAG.match(tag) and tag not in found:
                found.append(tag)
    return found


def tags_beyond_title(n: Note) -> tuple[str, ...]:
    """The tags a heading adds after the note's title: those its title does not already
    show as `#tag` (`Paired with Sam #pairing`, not `... #pairing #pairing`)."""
    shown = set(inline_tags(n.title))
    return tuple(t for t in n.tags if t not in shown)


def note_number(note_id: str) -> int | None:
    m = NOTE_ID.match(note_id.strip().lower())
    return int(m.group(1)) if m else None


def template(privacy: str) -> str:
    """What the editor opens for a new note."""
    how = {"normal": " (--private or --confidential keep a note out of exports)",
           "private": ", just for you", "confidential": ", told in confidence"}[privacy]
    return f"{TEMPLATE_TITLE}\n\n{TEMPLATE_COMMENT.format(privacy=privacy, how=how)}\n"


def strip_template(text: str) -> str:
    """The note without the template's comment lines and an empty `#` title line: an
    untouched template is empty."""
    kept = [line for line in text.splitlines() if not _TEMPLATE_LINE.match(line)]
    kept = [line for line in kept if line.strip() not in ("#", "# ")]
    return "\n".join(kept).strip()


def note_stem(note: Note) -> str:
    return f"{note.created.date().isoformat()}-{slug(note.title)}"
