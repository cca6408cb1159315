"""Hostile input: path-like, reserved, huge, NUL and undecodable text never escapes the data
folder, never crashes, never corrupts a file."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import INIT_ARGS

from mentorlog.core.errors import MentorlogError
from mentorlog.core.goals import GoalBook
from mentorlog.storage.documents import Document
from mentorlog.storage.formats import GOALS
from mentorlog.storage.store import Store
from reliability.kinds import DAY
from reliability.support import assert_clean_error, mentorlog, snapshot

HOSTILE = [
    "../x", "../../etc/passwd", "/etc/passwd", "CON", "con.md", "NUL", "com1", "a/b", "a\\b",
    "x\x00y", "é" * 3, "a" * 10_000, "\udcff", "", ".", "..", ".hidden", "-rf", "~",
    "name\nnewline", " spaced ",
]
TAGS = [t for t in HOSTILE if t != "\udcff"]
TEXTS = ["../x", "/etc/passwd", "CON", "a/b", "[bold]markup[/bold]", "x" * 10_000,
         '"""', "+++", "emoji 🙂", "tab\there", "C:\\Windows"]


@pytest.mark.parametrize("name", HOSTILE, ids=lambda n: repr(n[:12]))
def test_a_hostile_file_name_is_refused_before_anything_is_written(name: str, home: Path) -> None:
    st = Store(home)
    try:  # a nested name like notes/a/b.md is allowed, but must stay inside notes/
        inside = st.path(f"notes/{name}.md")
        assert os.path.realpath(inside).startswith(f"{home}/notes/")
    except MentorlogError:
        pass
    with st.lock(), pytest.raises(MentorlogError):
        st.new_doc_name("notes", name)
    assert not (home / "notes").exists()


def test_nul_bytes_and_huge_text_round_trip_through_the_files(home: Path) -> None:
    st = Store(home)
    text = "a\x00b " + "y" * 10_000 + " \r\n \u2028 +++"
    with st.lock():
        st.save(GOALS, GoalBook().add(text, 30, DAY))
        st.save_doc("notes/n.md", Document({"title": text, "tags": TAGS}, text))
    assert st.load(GOALS).goals[0].text == text
    assert st.load_doc("notes/n.md") == Document({"title": text, "tags": TAGS}, text)
    before = snapshot(home)
    with st.lock(), pytest.raises(MentorlogError, match="not valid Unicode"):
        st.save_doc("notes/n.md", Document({"title": "lone \udcff"}, ""))
    assert {n: v for n, v in snapshot(home).items() if n != ".lock"} == {
        n: v for n, v in before.items() if n != ".lock"}


def test_hostile_text_in_every_option_is_kept_as_text_inside_the_data_folder(
    home: Path, tmp_path: Path
) -> None:
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    outside = {n: v for n, v in snapshot(tmp_path).items() if not n.startswith("home")}
    passwd = os.stat("/etc/passwd").st_mtime_ns
    for text in TEXTS:
        args = ["init", "--no-input", "--force", "--tz", "UTC", "--slot", "Tue 18:00",
                "--mentor", text, "--mentor-contact", text, "--focus", f"skill: {text}",
                "--success", text, "--extra-time", text, "--off-limits", text,
                "--gap", f"2026-12-21..2027-01-03: {text}", "--gap-plan", text,
                "--goal30", text, "--first-task", text]
        proc = mentorlog(home, *args, cwd=cwd)
        assert proc.returncode == 0, proc.stderr
        shown = mentorlog(home, "status", "--json", cwd=cwd)
        assert shown.returncode == 0, shown.stderr
        data = json.loads(shown.stdout)
        assert data["mentor"] == text and data["task"]["text"] == text
        assert text in [g["text"] for g in data["goals"]]
    assert mentorlog(home, "check").returncode == 0
    assert {n: v for n, v in snapshot(tmp_path).items() if not n.startswith("home")} == outside
    assert os.stat("/etc/passwd").st_mtime_ns == passwd
    assert sorted(p.name for p in home.iterdir()) == [
        ".lock", "agreement.toml", "goals.toml", "tasks.toml"]


@pytest.mark.parametrize("raw", [b"\xff\xfe", b"caf\xe9", b"\xed\xa0\x80"])
def test_undecodable_bytes_in_argv_are_refused_before_anything_is_written(
    raw: bytes, home: Path
) -> None:
    args = [a.encode() for a in INIT_ARGS]
    args[args.index(b"--mentor") + 1] = b"Ada " + raw
    proc = mentorlog(home, *args)
    assert_clean_error(proc, "is not valid UTF-8 text")
    assert not home.exists() or [p.name for p in home.iterdir()] == []


def test_a_non_utf8_home_folder_is_fine(tmp_path: Path) -> None:
    home = os.fsencode(str(tmp_path)) + b"/h\xff"
    proc = mentorlog(tmp_path, b"--home", home, *INIT_ARGS)
    assert proc.returncode == 0, proc.stderr
    assert os.path.exists(home + b"/agreement.toml")


# Every command that takes free text or a name; `{}` is where the hostile text goes.
# Add new commands here.
TEXT_COMMANDS: tuple[tuple[str, ...], ...] = (
    ("note", "{}"),
    ("note", "a note", "--tag", "{}"),
    ("ask", "{}"),
    ("task", "set", "--replace", "{}"),
    ("goals", "add", "{}", "--horizon", "30"),
    ("week", "--no-input", "--force", "--task-status", "done", "--next-task", "{}",
     "--notes", "{}", "--went-well", "{}", "--where", "{}", "--mentor-watch", "{}"),
    ("skip", "--date", "2026-12-08", "--force", "--reason", "{}"),
    ("gap", "add", "2027-07-01..2027-07-14", "{}"),
    ("helped", "{}"),
    ("contact", "log", "email", "--note", "{}"),
    ("contact", "{}"),
    ("checklist", "tick", "{}"),
    ("checklist", "{}"),
    ("config", "set", "editor", "{}"),
    ("config", "set", "{}", "sun"),
    ("show", "{}"),
    ("log", "--grep", "{}", "--tag", "{}"),
    ("--mentorship", "{}", "status"),
    ("--mentorship", "{}", *INIT_ARGS),
)
HOSTILE_TEXTS = ["../x", "../../etc/passwd", "/etc/passwd", "CON", "nul.txt", "a/b", "a\\b",
                 "x\x00y", "x" * 10_000, "", " ", ".", "..", "-rf", "~", "[red]x[/red]",
                 '"""', "+++", "line\nbreak", "\u2028", "🙂"]


def _outside(tmp_path: Path) -> dict[str, object]:
    return {n: v for n, v in snapshot(tmp_path).items() if not n.startswith("home")}


def _everything_inside(home: Path) -> None:
    root = os.path.realpath(home)
    for p in home.rglob("*"):
        assert os.path.realpath(p).startswith(root + os.sep), p
        assert not p.is_symlink(), p


@pytest.mark.parametrize("command", TEXT_COMMANDS, ids=lambda c: " ".join(c[:3])[:30])
def test_hostile_text_in_every_command_stays_text_inside_the_data_folder(
    command: tuple[str, ...], run, home: Path, tmp_path: Path
) -> None:
    assert run(*INIT_ARGS).exit_code == 0
    outside = _outside(tmp_path)
    passwd = os.stat("/etc/passwd").st_mtime_ns
    for text in HOSTILE_TEXTS:
        args = [a.replace("{}", text) if a == "{}" else a for a in command]
        result = run(*args, env={"EDITOR": "true"})  # a traceback fails the test here
        assert result.exit_code in (0, 1, 2), (args[:4], result)
        if result.exit_code == 1:
            assert result.stderr.startswith("Error: "), (args[:4], result.stderr)
            assert result.stderr.count("\n") == 1 or "Error:" in result.stderr
    checked = run("check")
    assert checked.exit_code == 0, checked
    assert _outside(tmp_path) == outside
    assert os.stat("/etc/passwd").st_mtime_ns == passwd
    _everything_inside(home)
    names = [p.name for p in home.rglob("*")]
    assert not [n for n in names if n.split(".")[0].upper() in ("CON", "NUL")], names


def test_hostile_text_reads_back_exactly(run, home: Path) -> None:
    """What a command keeps as text is kept as given (whitespace aside), quotes and all."""
    from mentorlog.storage.formats import GOALS, HELPED, QUESTIONS, TASKS

    assert run(*INIT_ARGS).exit_code == 0
    texts = [t for t in HOSTILE_TEXTS if t.strip() and t not in ("-rf",)]
    for text in texts:
        for args in (("ask", text), ("goals", "add", text, "--horizon", "60"), ("helped", text),
                     ("task", "set", "--replace", text)):
            result = run(*args)
            assert result.exit_code == 0, (args[:3], result)
    st = Store(home)

    def same(stored: list[str]) -> list[str]:
        return [" ".join(t.split()) for t in stored]

    words = same(texts)
    assert same([q.text for q in st.load(QUESTIONS).questions]) == words
    assert same([g.text for g in st.load(GOALS).goals][3:]) == words
    assert same([h.text for h in st.load(HELPED).entries]) == words
    assert same([t.text for t in st.load(TASKS).tasks][1:]) == words


UNDECODABLE = [b"\xff\xfe", b"\xed\xa0\x80"]


@pytest.mark.parametrize("command", TEXT_COMMANDS, ids=lambda c: " ".join(c[:3])[:30])
def test_undecodable_bytes_in_any_command_are_refused_before_anything_is_written(
    command: tuple[str, ...], home: Path, run
) -> None:
    assert run(*INIT_ARGS).exit_code == 0
    before = {n: v for n, v in snapshot(home).items() if n != ".lock"}
    raw = UNDECODABLE[len(command) % len(UNDECODABLE)]
    args = [b"x " + raw if a == "{}" else a.encode() for a in command]
    proc = mentorlog(home, *args, EDITOR="true")
    assert_clean_error(proc, "is not valid UTF-8 text")
    assert {n: v for n, v in snapshot(home).items() if n != ".lock"} == before


def test_an_editor_with_a_nul_byte_is_refused_and_never_run(
    run, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(*INIT_ARGS).exit_code == 0
    result = run("config", "set", "editor", "vi\x00x")
    assert result.exit_code == 1 and "NUL" in result.stderr
    # the same editor written into config.toml by hand: one error line, no traceback
    (home / "config.toml").write_text('schema_version = 1\neditor = "vi\\u0000x"\n')
    monkeypatch.delenv("EDITOR", raising=False)
    result = run("agreement", "edit")
    assert result.exit_code == 1 and "config.toml" in result.stderr, result
