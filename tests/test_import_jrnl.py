"""`mentorlog import jrnl`: JSON made by the real jrnl comes in with its dates and tags, once."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mentorlog.storage.codecs.notes import note_from_doc, note_to_doc
from mentorlog.storage.formats import NOTES
from mentorlog.storage.store import Store

JRNL_CONFIG = """\
colors: {{body: none, date: none, tags: none, title: none}}
default_hour: 9
default_minute: 0
editor: ''
encrypt: false
highlight: false
indent_character: '|'
journals:
  default:
    journal: {journal}
linewrap: 79
tagsymbols: '#@'
template: false
timeformat: '%F %r'
version: v4.6
"""


def jrnl_command() -> list[str] | None:
    """The real jrnl: next to this Python (the test extra installs it), else on PATH."""
    here = Path(sys.executable).parent / "jrnl"
    if here.exists():
        return [str(here)]
    found = shutil.which("jrnl")
    return [found] if found else None


@pytest.fixture
def jrnl_export(tmp_path: Path) -> Path:
    """A plain-text jrnl journal written by jrnl itself, exported with `jrnl --export json`."""
    command = jrnl_command()
    if command is None:
        pytest.skip("jrnl is not installed (pip install -e '.[test]')")
    user = tmp_path / "jrnl-user"
    (user / "cfg" / "jrnl").mkdir(parents=True)
    (user / "cfg" / "jrnl" / "jrnl.yaml").write_text(
        JRNL_CONFIG.format(journal=user / "journal.txt"))
    env = {**os.environ, "HOME": str(user), "XDG_CONFIG_HOME": str(user / "cfg"),
           "XDG_DATA_HOME": str(user / "data"), "NO_COLOR": "1"}
    for entry in ["2026-11-20 18:30: Talk idea! Something about *tests* @talks @Work",
                  "2026-11-22 09:15: Paired with Sam. We split the @parser into passes @work",
                  "2026-11-23 21:00: Quiet day."]:
        done = subprocess.run([*command, entry], env=env, capture_output=True, text=True,
                              timeout=120, check=False)
        assert done.returncode == 0, done.stderr
    exported = subprocess.run([*command, "--export", "json"], env=env, capture_output=True,
                              text=True, timeout=120, check=True)
    path = tmp_path / "journal.json"
    path.write_text(exported.stdout)
    return path


def notes(home: Path) -> list:
    return sorted(Store(home).load_all(NOTES), key=lambda n: n.created)


def test_real_jrnl_export_imports_with_dates_and_tags_once(
    run, initialized: Path, jrnl_export: Path
) -> None:
    entries = json.loads(jrnl_export.read_text())["entries"]
    assert len(entries) == 3
    result = run("import", "jrnl", str(jrnl_export))
    assert result.exit_code == 0, result
    assert result.stdout == "Imported 3 of 3 jrnl entries as notes.\n"
    found = notes(initialized)
    assert [n.created.isoformat() for n in found] == [
        "2026-11-20T18:30:00+01:00", "2026-11-22T09:15:00+01:00", "2026-11-23T21:00:00+01:00"]
    assert [n.title for n in found] == ["Talk idea!", "Paired with Sam.", "Quiet day."]
    assert [set(n.tags) for n in found] == [{"work", "talks"}, {"work", "parser"}, set()]
    # what jrnl itself exported, entry by entry: the same wall-clock time and the same tags
    for entry, note in zip(sorted(entries, key=lambda e: (e["date"], e["time"])), found,
                           strict=True):
        assert note.created.strftime("%Y-%m-%d %H:%M") == f"{entry['date']} {entry['time']}"
        assert set(note.tags) == {t.lstrip("@") for t in entry["tags"]}
    assert found[0].body == "Talk idea!\n\nSomething about *tests* @talks @Work\n"
    assert all(n.source.startswith("jrnl:") and n.privacy == "normal" for n in found)

    again = run("import", "jrnl", str(jrnl_export))
    assert again.exit_code == 0, again
    assert again.stdout == "Imported 0 of 3 jrnl entries as notes; 3 already in the journal.\n"
    assert notes(initialized) == found
    log = run("log", "--tag", "work")
    assert "Talk idea!" in log.stdout and "Paired with Sam." in log.stdout


def test_import_private_marks_every_note(run, initialized: Path, jrnl_export: Path) -> None:
    result = run("import", "jrnl", str(jrnl_export), "--private")
    assert result.exit_code == 0, result
    assert {n.privacy for n in notes(initialized)} == {"private"}


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "in.json"
    path.write_text(text)
    return path


GOOD = '{"date": "2026-11-01", "time": "09:00", "title": "fine", "body": "", "tags": []}'


@pytest.mark.parametrize(("text", "error"), [
    ('{"entries": [', "in.json:1:14: not JSON (Expecting value)"),
    ("[1, 2]", "in.json: not a jrnl JSON export (expected an object with a list of "
               "\"entries\"; make one with 'jrnl --export json')"),
    # a good entry first: nothing is written when a later one is bad
    ('{"entries": [GOOD, {"date": "2026-13-01", "time": "09:00", "title": "x", "body": ""}]}',
     "in.json: entries[1]: '2026-13-01' '09:00' is not a date YYYY-MM-DD and time HH:MM"),
    ('{"entries": [GOOD, {"date": "2026-11-01", "title": 3, "body": ""}]}',
     "in.json: entries[1].title: expected str, got 3"),
    ('{"entries": [GOOD, {"date": "2026-11-01", "title": "a", "body": "", "tags": "x"}]}',
     "in.json: entries[1].tags: expected a list of strings, got 'x'"),
])
def test_bad_input_is_one_error_and_writes_nothing(
    run, initialized: Path, tmp_path: Path, text: str, error: str
) -> None:
    path = write(tmp_path, text.replace("GOOD", GOOD))
    result = run("import", "jrnl", str(path))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path}/{error}\n"
    assert not (initialized / "notes").exists()


def test_missing_file(run, initialized: Path, tmp_path: Path) -> None:
    result = run("import", "jrnl", str(tmp_path / "nope.json"))
    assert result.exit_code == 1
    assert result.stderr == f"Error: cannot read {tmp_path}/nope.json: No such file or directory\n"


def test_same_entry_twice_in_one_file_is_one_note(run, initialized: Path, tmp_path: Path) -> None:
    entry = {"date": "2026-11-01", "time": "09:00", "title": "Same.", "body": "b",
             "tags": ["@x"], "starred": True}
    path = write(tmp_path, json.dumps({"tags": {"@x": 2}, "entries": [entry, entry]}))
    result = run("import", "jrnl", str(path))
    assert result.stdout == "Imported 1 of 2 jrnl entries as notes; 1 already in the journal.\n"
    assert notes(initialized)[0].tags == ("x", "starred")


def test_any_export_imported_twice_adds_nothing() -> None:
    from datetime import date, time

    from hypothesis import given
    from hypothesis import strategies as st

    from mentorlog.sharing.jrnl import JrnlEntry, to_notes
    from mentorlog.storage.documents import dump_document, parse_document

    text = st.text(alphabet=st.characters(blacklist_categories=("Cs",))) | st.sampled_from(
        ["+++", '"""', "a\r\nb", "é 🚀", ""])
    entry = st.builds(JrnlEntry, day=st.dates(date(1990, 1, 1), date(2100, 1, 1)),
                      at=st.times().map(lambda t: time(t.hour, t.minute)), title=text,
                      body=text, tags=st.lists(text.map(lambda t: "@" + t)).map(tuple),
                      starred=st.booleans())

    @given(st.lists(entry, max_size=6))
    def check(entries: list) -> None:
        first = to_notes(entries, "Europe/Berlin", "normal", set())
        saved = [note_from_doc(parse_document(dump_document(note_to_doc(n)), "n.md"))
                 for n in first]
        assert saved == first
        assert to_notes(entries, "Europe/Berlin", "normal", {n.source for n in saved}) == []
        assert len(first) == len({e.key for e in entries})

    check()
