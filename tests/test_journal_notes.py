"""Notes like a journal (issue 17): `note --date`, inline #tags, the editor's template, short
ids (`n42`), `show` as a header and markdown, `show DAY`, and `log --json` bodies."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from conftest import run_process
from hypothesis import given
from hypothesis import strategies as st
from journal_fixture import LATER, build

from mentorlog.core.notes import Note, inline_tags, new_note, strip_template, template
from mentorlog.storage.codecs.notes import note_from_doc, note_to_doc
from mentorlog.storage.documents import dump_document, parse_document


def note_files(home: Path) -> list[Path]:
    return sorted((home / "notes").glob("*.md"))


def snapshot(home: Path) -> dict[str, bytes]:
    return {str(p.relative_to(home)): p.read_bytes() for p in sorted(home.rglob("*"))
            if p.is_file()}


# --- inline tags --------------------------------------------------------------------------


def test_inline_tags_are_words_after_a_hash_outside_code_urls_and_headings() -> None:
    text = ("## Career plans\n"
            "Lunch with Sam #pairing about #Open-source, (#career) and `#not-in-code`.\n"
            "See https://example.org/page#fragment and PR #42; issue#7 is no tag.\n"
            "```\n#fenced\n```\n"
            "    #indented-code\n"
            "Again #pairing.")
    assert inline_tags(text) == ["pairing", "open-source", "career"]


def test_note_with_inline_tags_and_a_date(run, initialized: Path) -> None:
    result = run("note", "Lunch with Sam #pairing, see https://x.org/#frag", "--tag", "lunch",
                 "--date", "yesterday")
    assert result.exit_code == 0, result
    assert result.stdout == ("Saved note n1: Lunch with Sam #pairing, see https://x.org/#frag "
                             "(tags: lunch, pairing)\n"
                             "notes/2026-11-23-lunch-with-sam-pairing-see-https-x-org-f.md\n")
    [saved] = note_files(initialized)
    text = saved.read_text()
    assert text.startswith('+++\nschema_version = 1\nid = "n1"\n')
    assert "created = 2026-11-23 17:00:00+01:00" in text
    assert 'tags = [\n    "lunch",\n    "pairing",\n]' in text
    result = run("log", "--tag", "pairing", "--json")
    assert [e["id"] for e in json.loads(result.stdout)] == ["n1"]


def test_note_date_with_a_time_and_in_the_future(run, initialized: Path) -> None:
    assert run("note", "Mentor call notes", "--date", "2026-11-20 09:30").exit_code == 0
    assert "created = 2026-11-20 09:30:00+01:00" in note_files(initialized)[0].read_text()
    # a weekday is the last one (Sunday before Tue 24 Nov), not the next
    assert run("note", "Weekend reading", "--date", "sun").exit_code == 0
    assert "created = 2026-11-22 17:00:00+01:00" in \
        (initialized / "notes" / "2026-11-22-weekend-reading.md").read_text()
    before = snapshot(initialized)
    result = run("note", "Not yet", "--date", "tomorrow")
    assert result.exit_code == 1
    assert result.stderr == ("Error: --date 'tomorrow' is 2026-11-25, in the future: a note is "
                             "about what happened\n")
    result = run("note", "Not a date", "--date", "someday")
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert result.stderr.startswith("Error: ") and "Traceback" not in result.stderr
    assert snapshot(initialized) == before


# --- the editor's template ----------------------------------------------------------------


def fake_editor(tmp_path: Path, name: str, script: str) -> str:
    path = tmp_path / name
    path.write_text("#!/bin/sh\n" + script)
    path.chmod(0o755)
    return str(path)


def test_template_is_stripped_and_an_untouched_one_saves_nothing(tmp_path: Path,
                                                                  initialized: Path) -> None:
    seen = tmp_path / "seen.md"
    untouched = fake_editor(tmp_path, "untouched", f'cp "$1" {seen}\n')
    result = run_process("note", "--edit", "--private", env={"EDITOR": untouched})
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Empty note: nothing saved.\n"
    assert seen.read_text() == template("private")
    assert seen.read_text().startswith("# \n\n<!-- mentorlog: the first line is the title. "
                                       "#words in the text become tags (#career). This note "
                                       "is private, just for you.")
    assert note_files(initialized) == []
    assert not (initialized / "drafts" / "note.md").exists()

    writes = fake_editor(tmp_path, "writes",
                         "sed -i '1s/.*/# Lunch with Sam #pairing/' \"$1\"\n"
                         "printf 'We split the **parser**.\\n' >> \"$1\"\n")
    result = run_process("note", "--edit", env={"EDITOR": writes})
    assert result.returncode == 0, result.stderr
    [saved] = note_files(initialized)
    text = saved.read_text()
    assert text.endswith("+++\n# Lunch with Sam #pairing\n\nWe split the **parser**.\n")
    assert "<!--" not in text and 'title = "Lunch with Sam #pairing"' in text
    assert 'tags = [\n    "pairing",\n]' in text


def test_strip_template_keeps_what_was_written() -> None:
    assert strip_template(template("normal")) == ""
    assert strip_template("Title\n\n" + template("normal")) == "Title"
    assert strip_template("# \nbody <!-- kept: not the template's -->\n") == \
        "body <!-- kept: not the template's -->"


# --- short ids ----------------------------------------------------------------------------


def test_short_ids_are_stable_and_old_notes_read_unchanged(run, initialized: Path) -> None:
    # A note saved before ids (no `id`): it keeps reading, and is never rewritten.
    (initialized / "notes").mkdir()
    old = initialized / "notes" / "2026-11-20-an-old-note.md"
    old.write_text('+++\nschema_version = 1\ncreated = 2026-11-20T10:00:00+01:00\n'
                   'title = "An old note"\ntags = []\nprivacy = "normal"\n+++\nAn old note\n')
    old_bytes = old.read_bytes()
    assert json.loads(run("log", "--json").stdout)[0]["id"] == "n1"
    assert run("note", "First new note").stdout.startswith("Saved note n2: ")
    assert run("note", "Second new note", "--date", "2026-11-19").stdout.startswith(
        "Saved note n3: ")
    assert old.read_bytes() == old_bytes
    ids = {e["text"]: e["id"] for e in json.loads(run("log", "--json").stdout)
           if e["kind"] == "note"}
    assert ids == {"An old note": "n1", "First new note": "n2", "Second new note": "n3"}
    # `show` takes the short id and the slug; `log` says which id to show.
    assert run("show", "n1").stdout.startswith("note n1 · Fri 20 Nov 2026 10:00\n")
    assert run("show", "N1").exit_code == 0
    assert run("show", "2026-11-20-an-old-note").stdout.startswith("note n1 · ")
    assert "show n3" in run("log").stdout
    result = run("show", "n9")
    assert result.exit_code == 1 and result.stderr.startswith("Error: no entry with id 'n9'")


def test_a_number_written_twice_stays_with_the_first_file(run, initialized: Path) -> None:
    for name in ("2026-11-20-a", "2026-11-21-b"):
        (initialized / "notes").mkdir(exist_ok=True)
        (initialized / "notes" / f"{name}.md").write_text(
            f'+++\nschema_version = 1\nid = "n5"\ncreated = {name[:10]}T10:00:00+01:00\n'
            f'title = "{name}"\n+++\n{name}\n')
    ids = {e["text"]: e["id"] for e in json.loads(run("log", "--json").stdout)
           if e["kind"] == "note"}
    assert ids == {"2026-11-20-a": "n5", "2026-11-21-b": "n1"}
    assert run("note", "next").stdout.startswith("Saved note n6: ")


def test_a_bad_id_in_a_hand_edited_note_is_a_clear_error(run, initialized: Path) -> None:
    (initialized / "notes").mkdir()
    (initialized / "notes" / "2026-11-20-x.md").write_text(
        '+++\nschema_version = 1\nid = "note-5"\ncreated = 2026-11-20T10:00:00+01:00\n'
        'title = "x"\n+++\nx\n')
    result = run("show", "2026-11-20-x")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "expected a note id like n42" in result.stderr


@given(st.text(), st.sampled_from(["", "n1", "n42", "n999999999"]),
       st.lists(st.text(min_size=1).filter(lambda t: t.strip() == t and t != ""), max_size=3))
def test_note_round_trip_with_an_id(body: str, note_id: str, tags: list[str]) -> None:
    note = Note(datetime.fromisoformat("2026-11-24T17:00:00+01:00"), "A title", body,
                tuple(dict.fromkeys(tags)), "normal", id=note_id)
    doc = parse_document(dump_document(note_to_doc(note)), "n.md")
    assert note_from_doc(doc) == note


def test_new_note_keeps_flag_tags_first() -> None:
    n = new_note("About #career and #pairing", datetime(2026, 11, 24), ["pairing", "lunch"],
                 "normal")
    assert n.tags == ("pairing", "lunch", "career")


# --- show ---------------------------------------------------------------------------------


def test_show_a_note_as_a_header_and_markdown(run, initialized: Path) -> None:
    body = "Pairing with Sam\n\nWe split the **parser** into `three` parts.\n\n- one\n- two"
    assert run("note", body, "--tag", "pairing", "--private").exit_code == 0
    result = run("show", "n1")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "note n1 · Tue 24 Nov 2026 17:00 · #pairing · private"
    assert lines[1] == "notes/2026-11-24-pairing-with-sam.md"
    text = " ".join(result.stdout.split())
    assert "We split the parser into three parts." in text
    assert "• one" in text and "• two" in text
    assert "+++" not in result.stdout and "schema_version" not in result.stdout
    assert "**" not in result.stdout


def test_show_a_meeting_and_a_review_without_front_matter(run, home: Path) -> None:
    build(run, home)
    result = run("show", "2026-12-01", env={"MENTORLOG_NOW": LATER})
    assert result.exit_code == 0, result
    assert result.stdout.startswith("meeting 2026-12-01 · Tue 1 Dec 2026 · weekly meeting, "
                                    "60 min\n"
                                    "meetings/2026-12-01.md\n")
    assert "What went well?" in result.stdout and "read it all" in result.stdout
    assert "+++" not in result.stdout and "task_status" not in result.stdout
    assert "Industry and career talk" not in result.stdout  # unanswered: not shown
    assert run("note", "Right after the meeting", "--date", "2026-12-01 19:30",
               env={"MENTORLOG_NOW": LATER}).exit_code == 0
    result = run("show", "2026-12-01", env={"MENTORLOG_NOW": LATER})
    assert result.stdout.endswith("\nAlso on this day: n2 (note)\n")
    result = run("goals", "review", "--no-input", "--set", "g1=behind: waiting on review",
                 env={"MENTORLOG_NOW": LATER})
    assert result.exit_code == 0, result
    result = run("show", "review-2026-12-10", env={"MENTORLOG_NOW": LATER})
    assert result.exit_code == 0, result
    assert result.stdout.startswith("monthly review review-2026-12-10 · Thu 10 Dec 2026 · "
                                    "the month since Tue 24 Nov 2026\n")
    assert "g1 Ship a PR" in result.stdout and "behind — waiting on review" in result.stdout
    assert "+++" not in result.stdout


def test_show_day_with_several_entries_lists_them_and_exits_1(run, initialized: Path) -> None:
    for text in ("Morning standup", "Read the parser", "Evening retro"):
        assert run("note", text, "--date", "2026-09-10").exit_code == 0
    result = run("show", "2026-09-10")
    assert result.exit_code == 1
    assert result.stdout == ("3 entries on Thu 10 Sep 2026; show one by its id:\n"
                             "  n1  note  Morning standup\n"
                             "  n2  note  Read the parser\n"
                             "  n3  note  Evening retro\n")
    assert result.stderr == ("Error: 3 entries on 2026-09-10: show one by its id "
                             "(n1, n2, n3)\n")
    # One entry on a day: shown; none: the usual error.
    assert run("note", "Alone", "--date", "2026-09-11").exit_code == 0
    assert run("show", "2026-09-11").stdout.startswith("note n4 · Fri 11 Sep 2026")
    result = run("show", "2026-09-12")
    assert result.exit_code == 1 and result.stderr.startswith("Error: no entry with id")


# --- log --json bodies ----------------------------------------------------------------------


def test_log_json_bodies_and_ids_show_takes(run, home: Path) -> None:
    build(run, home)
    env = {"MENTORLOG_NOW": LATER}
    assert run("goals", "review", "--no-input", "--set", "g1=behind: waiting on review",
               "--went-well", "two PRs", env=env).exit_code == 0
    entries = json.loads(run("log", "--json", env=env).stdout)
    by_kind = {}
    for e in entries:
        by_kind.setdefault(e["kind"], []).append(e)
        shown = run("show", e["id"], env=env)
        assert shown.exit_code == 0, (e["id"], shown)
    [note] = by_kind["note"]
    assert note["id"] == "n1" and note["body"] == "Paired with Sam on the parser\n"
    meeting = next(e for e in by_kind["meeting"] if e["id"] == "2026-12-01")
    assert meeting["body"]["What went well?"] == "read it all"
    assert meeting["body"]["What are you doing for the next week?"] == \
        "Open a first pull request"
    assert list(meeting["body"])[0] == "Last week's task"  # the guide's order
    [review] = by_kind["review"]
    assert review["body"]["verdicts"][0] == {
        "goal": "g1", "text": "Ship a PR", "horizon": 30, "due": "2026-12-24",
        "verdict": "behind", "line": "waiting on review"}
    assert review["body"]["What went well?"] == "two PRs"
    [question] = by_kind["question"]
    assert question["body"] is None  # not answered yet
    # --grep reads bodies from the files, not from the search cache
    found = json.loads(run("log", "--json", "--grep", "read it all", env=env).stdout)
    assert [e["body"]["What went well?"] for e in found if e["kind"] == "meeting"] == \
        ["read it all"]


@pytest.mark.parametrize("width", [60, 120])
def test_show_fits_the_width(run, initialized: Path, width: int) -> None:
    long = "word " * 60
    assert run("note", f"A long title {long}\n\n{long}\n\n## A heading\n\n- {long}",
               "--tag", "pairing").exit_code == 0
    result = run_process("show", "n1", env={"COLUMNS": str(width),
                                            "MENTORLOG_HOME": str(initialized)})
    assert result.returncode == 0, result.stderr
    assert max(len(line) for line in result.stdout.splitlines()) <= width
