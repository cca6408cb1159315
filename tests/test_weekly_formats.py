"""Meetings, notes and questions: every file reads back as written (follow-ups, in
opportunities.toml: tests/test_followups.py)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from mentorlog.core.agreement import PRIVACY_LEVELS
from mentorlog.core.meetings import SECTION_KEYS, SECTIONS, Meeting
from mentorlog.core.notes import Note, slug
from mentorlog.core.questions import ParkedQuestion, QuestionBook
from mentorlog.storage.codecs.meetings import meeting_from_doc, meeting_to_doc
from mentorlog.storage.codecs.notes import note_from_doc, note_to_doc
from mentorlog.storage.codecs.questions import questions_from_dict, questions_to_dict
from mentorlog.storage.documents import dump_document, parse_document

TRICKY = ["🎉", '"', "'", "+++", '"""', "\r\n", "\n", "## What went well?", "\\## Notes",
          "## Notes\r", "# x", "- ", "\\", "\t", "\u2028", "\x85", "\x00"]
text = st.lists(st.one_of(st.sampled_from(TRICKY), st.text(max_size=8)), max_size=8).map(
    "".join
)
stripped = text.map(str.strip)
one_line = stripped.map(lambda t: " ".join(t.split()))
days = st.dates(date(2000, 1, 1), date(2100, 1, 1))
moments = st.datetimes(datetime(2000, 1, 1), datetime(2100, 1, 1)).map(
    lambda d: d.replace(tzinfo=timezone(timedelta(hours=1)))
)
privacy = st.sampled_from(PRIVACY_LEVELS)
ids = st.lists(st.from_regex(r"[a-z][0-9]{1,3}", fullmatch=True), max_size=3).map(tuple)


@st.composite
def meetings(draw: st.DrawFn) -> Meeting:
    held = draw(st.booleans())
    answers = draw(st.dictionaries(st.sampled_from(SECTION_KEYS), stripped))
    return Meeting(
        day=draw(days),
        status="held" if held else "skipped",
        duration=draw(st.none() | st.integers(0, 600)),
        next_meeting=draw(st.none() | moments),
        where=draw(text),
        privacy=draw(privacy),
        reason=draw(text),
        moved_to=draw(st.none() | moments),
        task=draw(one_line),
        task_status=draw(st.sampled_from(["", "done", "partly", "not-done"])),
        new_task=draw(one_line),
        answered=draw(ids),
        opportunities=draw(ids),
        recorded=draw(st.none() | moments),
        intro=draw(stripped),
        answers={k: v for k, v in answers.items() if v},
    )


def through_file(doc):
    return parse_document(dump_document(doc), "meetings/x.md")


@settings(max_examples=300)
@given(meetings())
def test_meeting_round_trip(m: Meeting) -> None:
    doc = meeting_to_doc(m)
    assert meeting_from_doc(through_file(doc)) == m
    # Only the questions answered are written: no heading stands empty, as in a blank form.
    for key, question in SECTIONS:
        assert (f"## {question}" in doc.body.split("\n")) == (key in m.answers), key


OLD_MEETING = """+++
schema_version = 1
date = 2026-12-08
status = "held"
duration = 60
task = "t2"
task_status = "partly"
new_task = "t3"
+++
# Weekly meeting, Tue 8 Dec 2026

## Last week's task

t2: Write the parser tests

## Was last week's task completed?

Partly

## What went well?

the lexer tests only

## What could have gone better?

## Where are you on your 30/60/90 goals?

## Questions asked

## What did you work or pair on?

## Industry and career talk

## What are you doing for the next week?

Finish the parser tests

## Notes
"""


def test_a_meeting_written_with_empty_sections_still_reads() -> None:
    """Files written before kept every heading, answered or not: they read as before, and
    once written again they keep only the answered ones, in the guide's order."""
    m = meeting_from_doc(parse_document(OLD_MEETING, "meetings/2026-12-08.md"))
    assert m.answers == {"task": "t2: Write the parser tests", "completed": "Partly",
                         "went_well": "the lexer tests only",
                         "next_task": "Finish the parser tests"}
    body = meeting_to_doc(m).body
    assert "## Industry and career talk" not in body and "## Notes" not in body
    assert [line for line in body.splitlines() if line.startswith("## ")] == [
        "## Last week's task", "## Was last week's task completed?", "## What went well?",
        "## What are you doing for the next week?"]


@given(st.builds(Note, created=moments, title=text, body=text,
                 tags=st.lists(st.from_regex(r"[a-z0-9-]{1,10}", fullmatch=True)).map(tuple),
                 privacy=privacy, source=st.just("") | text))
def test_note_round_trip(n: Note) -> None:
    assert note_from_doc(through_file(note_to_doc(n))) == n


@given(st.lists(st.builds(ParkedQuestion, id=st.just("q"), text=text, asked_on=days,
                          status=st.sampled_from(["open", "answered"]),
                          answered_on=st.none() | days, answer=text, privacy=privacy)))
def test_questions_round_trip(items: list[ParkedQuestion]) -> None:
    from msgspec.structs import replace

    book = QuestionBook(tuple(replace(q, id=f"q{i + 1}") for i, q in enumerate(items)),
                        len(items) + 1)
    import tomllib

    import tomli_w

    again = questions_from_dict(tomllib.loads(tomli_w.dumps(questions_to_dict(book))))
    assert again == book


@given(text)
def test_slugs_are_always_safe(title: str) -> None:
    s = slug(title)
    assert 1 <= len(s) <= 40
    assert set(s) <= set("abcdefghijklmnopqrstuvwxyz0123456789-")


def test_hostile_titles_stay_inside_notes(run, initialized) -> None:
    hostile = ["../x", "/etc/passwd", "CON", "NUL\x00bytes", "x" * 10_000, "..", "-", "🎉",
               "../../../../tmp/evil"]
    for title in hostile:
        result = run("note", title)
        assert result.exit_code == 0, (title, result)
    names = sorted(p.name for p in (initialized / "notes").iterdir())
    assert len(names) == len(hostile)
    assert all(n.startswith("2026-11-24-") and len(n) <= 60 for n in names), names
    assert not (initialized.parent / "x").exists()
    assert {p.parent for p in initialized.rglob("*.md")} <= {initialized / "notes"}
    assert run("check").exit_code == 0
