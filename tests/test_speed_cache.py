"""The cache behind fast reads never serves stale data: hand edits show at once (issue 7).

Store.summaries (meeting facts) and Store.load (parsed TOML) keep their caches in the data
folder's cache folder (storage/cache.py, outside the data folder), checked against each file's
modification and change times, size and inode. These tests make the files old enough to be
cached, then edit them as a person would.
"""

from __future__ import annotations

import json
import os
import time
from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from journal_fixture import write_meeting

from mentorlog.storage.cache import cache_folder
from mentorlog.storage.store import Store, TomlFile

HOUR_AGO = time.time() - 3600


def age(home: Path) -> None:
    """Every file an hour old, so the cache may hold it (recent files are always re-read)."""
    for path in home.rglob("*"):
        if path.is_file():
            os.utime(path, (HOUR_AGO, HOUR_AGO))


def status(run) -> dict:  # noqa: ANN001
    result = run("status", "--json")
    assert result.exit_code == 0, result
    return json.loads(result.stdout)


def test_a_hand_edited_meeting_shows_at_once(run, initialized: Path) -> None:
    write_meeting(initialized, "2026-11-17", duration=60)
    write_meeting(initialized, "2026-11-10", "skipped")
    age(initialized)
    before = status(run)
    assert (before["meetings_held"], before["meetings_skipped"]) == (1, 1)
    assert (cache_folder(initialized) / "meetings.meeting-facts-3.json").exists()
    assert not (initialized / ".cache").exists()
    assert status(run) == before  # served from the cache
    meeting = initialized / "meetings" / "2026-11-17.md"
    meeting.write_text(meeting.read_text().replace("duration = 60", "duration = 90"))
    assert status(run)["hours_per_week"] != before["hours_per_week"]


def test_an_edit_that_keeps_the_old_time_is_still_seen(run, initialized: Path) -> None:
    write_meeting(initialized, "2026-11-17", duration=60)
    age(initialized)
    status(run)
    meeting = initialized / "meetings" / "2026-11-17.md"
    meeting.write_text(meeting.read_text().replace('status = "held"', 'status = "skipped"'))
    os.utime(meeting, (HOUR_AGO, HOUR_AGO))  # same time, other size
    after = status(run)
    assert (after["meetings_held"], after["meetings_skipped"]) == (0, 1)


def test_removed_and_added_meetings_count(run, initialized: Path) -> None:
    write_meeting(initialized, "2026-11-17")
    age(initialized)
    assert status(run)["meetings_held"] == 1
    (initialized / "meetings" / "2026-11-17.md").unlink()
    assert status(run)["meetings_held"] == 0
    write_meeting(initialized, "2026-11-10")
    assert status(run)["meetings_held"] == 1


def test_a_broken_file_is_reported_even_when_it_was_cached(run, initialized: Path) -> None:
    write_meeting(initialized, "2026-11-17")
    age(initialized)
    status(run)
    (initialized / "meetings" / "2026-11-17.md").write_text("+++\nstatus = \n+++\n")
    result = run("status")
    assert result.exit_code == 1
    assert "2026-11-17.md:2:" in result.stderr


def test_a_hand_edited_task_file_shows_at_once(run, initialized: Path) -> None:
    age(initialized)
    assert json.loads(run("task", "--json").stdout)["text"] == "Read the contributing guide"
    assert (cache_folder(initialized) / "tasks.toml.rows-1").exists()
    tasks = initialized / "tasks.toml"
    tasks.write_text(tasks.read_text().replace("Read the contributing guide", "Read the code"))
    assert json.loads(run("task", "--json").stdout)["text"] == "Read the code"


def test_a_garbled_cache_is_ignored_and_check_does_not_see_it(run, initialized: Path) -> None:
    write_meeting(initialized, "2026-11-17")
    age(initialized)
    before = status(run)
    for path in cache_folder(initialized).iterdir():
        path.write_text("{not json")
    assert status(run) == before
    checked = run("check")
    assert checked.exit_code == 0 and "are fine" in checked.stdout


def test_grep_finds_words_whose_capitals_are_not_ascii(run, initialized: Path) -> None:
    """`log --grep` scans raw bytes first; str.lower() turns the Kelvin sign into a k."""
    assert run("note", "The \u212aelvin scale, and \u0130stanbul").exit_code == 0
    assert run("note", "Nothing here").exit_code == 0
    found = json.loads(run("log", "--grep", "kelvin", "--json").stdout)
    assert [e["kind"] for e in found] == ["note"]
    assert json.loads(run("log", "--grep", "NOTHING", "--json").stdout)[0]["text"] == (
        "Nothing here"
    )


TOML_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
TOML_VALUE = st.one_of(
    TOML_TEXT, st.integers(-(2**63), 2**63 - 1), st.booleans(), st.dates(),
    st.floats(allow_nan=False), st.lists(TOML_TEXT, max_size=3),
)


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(TOML_TEXT.filter(bool), TOML_VALUE, max_size=5),
       st.lists(st.dictionaries(st.sampled_from(["text", "\x00d", "+++", '"""']), TOML_VALUE,
                                max_size=3), max_size=3))
def test_the_toml_cache_gives_back_what_the_file_holds(tmp_path_factory, top, tables) -> None:
    """load(cached) == load(parsed), with emoji, quotes, `+++`, `\"\"\"`, CRLF, tag-like keys."""
    import tomli_w

    home = tmp_path_factory.mktemp("cache")
    data = {"schema_version": 1, "x": top, "rows": tables, "when": date(2026, 12, 1)}
    (home / "f.toml").write_text(tomli_w.dumps(data))
    age(home)
    spec = TomlFile("f.toml", lambda d: d, lambda d: d)
    first = Store(home).load(spec)
    assert Store(home).load(spec) == first == data


def test_grep_sees_a_hand_edited_note_at_once(run, initialized: Path) -> None:
    assert run("note", "Paired on the parser", "--tag", "pairing").exit_code == 0
    assert run("note", "A broken one").exit_code == 0
    age(initialized)
    assert run("log", "--grep", "flamegraph").stdout.startswith("Nothing")
    assert list(cache_folder(initialized).glob("notes.log-search-1"))
    note = next((initialized / "notes").glob("*paired-on-the-parser.md"))
    note.write_text(note.read_text() + "\nThe flamegraph showed it.\n")
    found = json.loads(run("log", "--grep", "FLAMEGRAPH", "--json").stdout)
    assert [e["id"] for e in found] == ["n1"]  # its short id (issue 17)
    broken = next((initialized / "notes").glob("*a-broken-one.md"))
    broken.write_text("+++\ncreated = \n+++\nflamegraph\n")
    result = run("log", "--grep", "flamegraph")
    assert result.exit_code == 1 and "a-broken-one.md" in result.stderr
    assert run("log", "--grep", "parser").exit_code == 0  # a broken file without the word


search_texts = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=12)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.dictionaries(st.text(max_size=3), st.text(max_size=5), max_size=2),
                          st.lists(search_texts, max_size=3)), max_size=6),
       st.text(st.characters(codec="utf-8", exclude_characters="\x00"), min_size=1,
               max_size=3))
def test_the_search_cache_reads_back_and_finds_what_a_plain_search_finds(files, word) -> None:
    """The search cache's format round-trips (newlines, any text), and a search of it finds
    exactly the files one of whose texts holds the word, never a match across two texts."""
    from mentorlog.storage import search as searchcache

    names = [f"{n:04}-note.md" for n in range(len(files))]
    keys = searchcache.key_bytes([(n, -n, 2**63 - 1, n) for n in range(len(files))])
    assert keys is not None
    summaries = [json.dumps(summary).encode() for summary, _ in files]
    texts = ["\0".join(ts).encode() for _, ts in files]
    index = searchcache.decode(searchcache.encode("k", names, keys, summaries, texts), "k")
    assert index is not None
    assert (index.keys, index.summaries, index.lengths) == (
        keys, summaries, [len(t) for t in texts])
    assert {n: (s, t) for n, (_, s, t) in index.pieces().items()} == dict(
        zip(names, zip(summaries, texts, strict=True), strict=True))
    expected = [n for n, (_, ts) in enumerate(files) if any(word in t for t in ts)]
    assert index.found(word.encode()) == expected
    assert searchcache.decode(searchcache.encode("k", names, keys, summaries, texts),
                              "other") is None
    assert searchcache.key_bytes([(2**63, 0, 0, 0)]) is None


def test_a_garbled_search_cache_is_ignored(run, initialized: Path) -> None:
    assert run("note", "Paired on the flamegraph").exit_code == 0
    age(initialized)
    assert len(json.loads(run("log", "--grep", "flamegraph", "--json").stdout)) == 1
    cache = cache_folder(initialized) / "notes.log-search-1"
    whole = cache.read_bytes()
    head = whole.split(b"\n")[0]
    for garbage in (b"", b"{}", b'{"kind": "log-search-1", "files": 5, "lengths": []}\n',
                    whole[:-3], whole + b"x", head + b'\n{"kind": "log-search-1", "files": 5}\n',
                    whole.replace(b"flamegraph", b"flamegrapx")):
        cache.write_bytes(garbage)
        found = json.loads(run("log", "--grep", "flamegraph", "--json").stdout)
        assert [e["text"] for e in found] == ["Paired on the flamegraph"]


def _books():
    from reliability.test_fuzz import task_books
    from test_goals_formats import goal_books

    from mentorlog.storage.formats import GOALS, TASKS

    return st.one_of(goal_books().map(lambda b: (GOALS, b)), task_books().map(lambda b: (TASKS, b)))


@settings(max_examples=80, deadline=None)
@given(_books())
def test_tasks_and_goals_read_back_the_same_from_their_rows(tmp_path_factory, spec_book) -> None:
    """The rows kept for goals.toml and tasks.toml give back exactly the decoded file."""
    spec, book = spec_book
    assert spec.unpack(json.loads(json.dumps(spec.pack(book)))) == book
    home = tmp_path_factory.mktemp("rows")
    writer = Store(home)
    with writer.lock():
        writer.save(spec, book)
    age(home)
    assert Store(home).load(spec) == book  # decoded from the file; rows written
    assert (cache_folder(home) / f"{spec.name}.rows-1").exists()
    assert Store(home).load(spec) == book  # from the rows


def test_garbled_rows_are_ignored(run, initialized: Path) -> None:
    age(initialized)
    before = json.loads(run("goals", "--json").stdout)
    rows = cache_folder(initialized) / "goals.toml.rows-1"
    assert rows.exists()
    text = rows.read_bytes()
    for garbage in (text.replace(b'"g1"', b'"g9"'), text[:-5], b"", text.split(b"\n")[0],
                    text.split(b"\n")[0] + b"\n[1, []]"):
        rows.write_bytes(garbage)
        assert json.loads(run("goals", "--json").stdout) == before


def _documents():
    from reliability.test_fuzz import documents

    return documents


@settings(max_examples=60, deadline=None)
@given(st.lists(st.deferred(_documents), min_size=1, max_size=5))
def test_front_matters_come_back_from_their_cache_as_parsed(tmp_path_factory, docs) -> None:
    """Store.parse_doc gives what parse_document gives, from the cache too (documents from
    the fuzz tests: any TOML values, tag-like keys)."""
    from mentorlog.storage.documents import dump_document, parse_document

    home = tmp_path_factory.mktemp("fm")
    texts = [dump_document(d) for d in docs]
    first = Store(home)
    assert [first.parse_doc(t, "notes/x.md") for t in texts] == docs
    first.front_matters.save()  # what happens at exit
    again = Store(home)
    assert [again.parse_doc(t, "notes/x.md") for t in texts] == [
        parse_document(t, "notes/x.md") for t in texts]


def test_a_garbled_front_matter_cache_is_ignored(run, initialized: Path) -> None:
    from conftest import run_process

    assert run("note", "Paired on the flamegraph", "--tag", "pairing").exit_code == 0
    before = run_process("log", "-n", "3", "--json").stdout  # the cache is written at exit
    cache = cache_folder(initialized) / "front-matter-1.json"
    assert cache.exists() and "pairing" in cache.read_text()
    for garbage in ("", "[1, 2]", '{"x": 1}', cache.read_text()[:-2], "\x00"):
        cache.write_text(garbage)
        assert run_process("log", "-n", "3", "--json").stdout == before


@settings(max_examples=80, deadline=None)
@given(st.data())
def test_questions_and_followups_read_back_the_same_from_their_rows(tmp_path_factory,
                                                                       data) -> None:
    """The generic rows of the flat books (model.flat_rows) give back the decoded book,
    and a book read through the store's rows is the one saved."""
    from test_goals_formats import text

    from mentorlog.core.agreement import PRIVACY_LEVELS
    from mentorlog.core.followups import (
        FOLLOWUP_KINDS,
        FOLLOWUP_STATUSES,
        ID_PREFIX,
        FollowUp,
        FollowUpBook,
    )
    from mentorlog.core.questions import QUESTION_STATUSES, ParkedQuestion, QuestionBook
    from mentorlog.storage.formats import FOLLOWUPS, QUESTIONS

    days = st.dates()
    n = data.draw(st.integers(0, 4))
    questions = QuestionBook(tuple(
        ParkedQuestion(f"q{i}", data.draw(text), data.draw(days),
                       data.draw(st.sampled_from(QUESTION_STATUSES)),
                       data.draw(st.none() | days), data.draw(text),
                       data.draw(st.sampled_from(PRIVACY_LEVELS)))
        for i in range(1, n + 1)), n + 1)
    kinds = [data.draw(st.sampled_from(FOLLOWUP_KINDS)) for _ in range(n)]
    followups = FollowUpBook(tuple(
        FollowUp(f"{ID_PREFIX[kind]}{i}", kind, data.draw(text), data.draw(days),
                 data.draw(st.sampled_from(FOLLOWUP_STATUSES)), data.draw(text),
                 data.draw(st.none() | days))
        for i, kind in enumerate(kinds, 1)), n + 1)
    home = tmp_path_factory.mktemp("flat")
    writer = Store(home)
    for spec, book in ((QUESTIONS, questions), (FOLLOWUPS, followups)):
        assert spec.unpack(json.loads(json.dumps(spec.pack(book)))) == book
        with writer.lock():
            writer.save(spec, book)
    age(home)
    for spec, book in ((QUESTIONS, questions), (FOLLOWUPS, followups)):
        assert Store(home).load(spec) == book  # decoded from the file; rows written
        assert (cache_folder(home) / f"{spec.name}.rows-1").exists()
        assert Store(home).load(spec) == book  # from the rows


def test_a_legacy_cache_folder_is_removed_by_the_next_write_only(run, initialized: Path) -> None:
    """Versions before kept `.cache/` in the data folder: a read leaves it (a read never
    changes the data folder), a refused write too; the next write removes it."""
    legacy = initialized / ".cache"
    legacy.mkdir()
    (legacy / ".gitignore").write_text("# mentorlog's cache: rebuilt from the files\n*\n")
    (legacy / "tasks.toml.rows-1").write_text("{}")
    age(initialized)
    assert run("status").exit_code == 0
    assert run("log", "--grep", "x").exit_code == 0
    assert run("note", "").exit_code != 0  # refused
    assert sorted(p.name for p in legacy.iterdir()) == [".gitignore", "tasks.toml.rows-1"]
    assert run("note", "Paired on the parser").exit_code == 0
    assert not legacy.exists()
    assert (cache_folder(initialized) / "tasks.toml.rows-1").exists()


def test_a_linked_legacy_cache_folder_is_left_alone(run, initialized: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "precious.txt").write_text("precious")
    (initialized / ".cache").symlink_to(elsewhere)
    assert run("note", "Paired on the parser").exit_code == 0
    assert (initialized / ".cache").is_symlink()
    assert (elsewhere / "precious.txt").read_text() == "precious"


def test_the_cache_folder_is_private_and_outside_the_data_folder(run, initialized: Path) -> None:
    write_meeting(initialized, "2026-11-17")
    age(initialized)
    for args in (("status",), ("log", "--grep", "parser"), ("goals",), ("log", "-n", "3")):
        assert run(*args).exit_code == 0
    folder = cache_folder(initialized)
    assert folder.parent == Path(os.environ["XDG_CACHE_HOME"]) / "mentorlog"
    assert folder.name.startswith("home-")  # the data folder's name, then a hash of its path
    assert oct(folder.stat().st_mode & 0o777) == "0o700"
    assert {oct(p.stat().st_mode & 0o777) for p in folder.iterdir()} == {"0o600"}
    assert not [p for p in initialized.rglob("*") if "cache" in p.name]
