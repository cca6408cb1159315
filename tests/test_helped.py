"""`mentorlog helped`, its count in `status`, and the round trips of helped and contacts files."""

from __future__ import annotations

import json
import tempfile
import tomllib
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from mentorlog.core.contact import Contact, ContactLog
from mentorlog.core.helping import Help, HelpLog
from mentorlog.storage.formats import CONTACTS, HELPED
from mentorlog.storage.store import Store


def test_helped_is_logged_and_counted_in_status(run, initialized: Path) -> None:
    empty = run("status").stdout
    assert "Helped others  not yet — help support other mentees in #mentees" in empty
    result = run("helped", "answered a git question in #mentees", "--time", "30m")
    assert result.exit_code == 0, result
    assert "Logged: answered a git question in #mentees (Tue 24 Nov 2026)." in result.stdout
    run("helped", "reviewed Sam's CV", "-t", "1.5h", "--on", "yesterday")
    assert "Helped others  2 times, 2.0 h (last Tue 24 Nov 2026)" in run("status").stdout
    data = json.loads(run("status", "--json").stdout)
    assert data["helped"] == {"count": 2, "minutes": 120, "hours": 2.0, "last": "2026-11-24"}
    listed = json.loads(run("helped", "--json").stdout)
    assert listed[1] == {"on": "2026-11-23", "text": "reviewed Sam's CV", "minutes": 90}
    assert "Mon 23 Nov 2026  reviewed Sam's CV (90 min)" in run("helped").stdout
    assert run("check").exit_code == 0


def test_helped_rejects_bad_input_without_writing(run, initialized: Path) -> None:
    result = run("helped", "x", "--time", "forever")
    assert result.exit_code == 1
    assert result.stderr == "Error: 'forever' is not a length like 30, 30m or 1.5h\n"
    assert run("helped", "   ").exit_code == 1
    assert not (initialized / "helped.toml").exists()
    assert "Nothing logged yet" in run("helped").stdout


def test_a_broken_helped_file_is_reported(run, initialized: Path) -> None:
    (initialized / "helped.toml").write_text('schema_version = 1\n[[helped]]\ntext = "x"\n')
    result = run("status")
    assert result.exit_code == 1
    assert result.stderr.endswith("helped.toml: helped[0].on: missing\n")


TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40
) | st.sampled_from(["🎉 emoji", 'say "hi"', "+++", '"""', "a\r\nb", "it's"])
DAYS = st.dates(min_value=datetime(2000, 1, 1).date(), max_value=datetime(2100, 1, 1).date())
OFFSETS = st.integers(min_value=-12 * 60, max_value=14 * 60).map(
    lambda m: timezone(timedelta(minutes=m)))
MOMENTS = st.builds(
    lambda d, s, tz: datetime.combine(d, datetime.min.time(), tzinfo=UTC).astimezone(tz)
    + timedelta(seconds=s),
    DAYS, st.integers(min_value=0, max_value=86_399), OFFSETS,
)


def _round_trip(spec, value):
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder))
        with store.lock():
            store.save(spec, value)
        return store.load(spec)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.builds(Help, DAYS, TEXT, st.none() | st.integers(1, 1440)), max_size=5))
def test_helped_file_round_trip(entries) -> None:
    log = HelpLog()
    for entry in entries:
        log = log.add(entry)
    assert [h.id for h in log.entries] == [f"h{i}" for i in range(1, len(entries) + 1)]
    assert _round_trip(HELPED, log) == log


@settings(max_examples=60, deadline=None)
@given(st.lists(st.builds(Contact, TEXT, MOMENTS, TEXT), max_size=5))
def test_contacts_file_round_trip(contacts) -> None:
    log = ContactLog()
    for contact in contacts:
        log = log.add(contact)
    back = _round_trip(CONTACTS, log)
    assert back == log
    assert [c.at.utcoffset() for c in back.contacts] == [c.at.utcoffset() for c in contacts]


def test_a_version_1_helped_file_is_read_and_migrated_on_the_next_write(
        run, initialized: Path) -> None:
    (initialized / "helped.toml").write_text(
        'schema_version = 1\nhelped = [{ on = 2026-11-20, text = "old" }]\n')
    assert "Fri 20 Nov 2026  old" in run("helped").stdout
    assert run("helped", "new one").exit_code == 0
    text = (initialized / "helped.toml").read_text()
    assert text.startswith("schema_version = 2\nnext_id = 3\n")
    assert [(h["id"], h["text"]) for h in tomllib.loads(text)["helped"]] == [
        ("h1", "old"), ("h2", "new one")]
    (initialized / "contacts.toml").write_text(
        'schema_version = 1\ncontacts = [{ channel = "slack", at = 2026-11-20T10:00:00Z }]\n')
    assert run("contact", "log", "email", "--note", "asked").exit_code == 0
    contacts = tomllib.loads((initialized / "contacts.toml").read_text())
    assert contacts["schema_version"] == 2
    assert [c["id"] for c in contacts["contacts"]] == ["c1", "c2"]
    assert run("check").exit_code == 0
