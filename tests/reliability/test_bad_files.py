"""Bad files: every data file hand-broken in seven ways; every command says where and why,
exits 1, and never rewrites the file.

Each checked record kind in kinds.KINDS (a TOML file or a front-matter document) is broken
each way in BREAKS, in a journal that holds one record of every kind; then each command in
COMMANDS runs against it. A command that reads the file must exit 1 naming the file, with
`path:line:col` for a syntax error or a bad byte, and `path: key: what` otherwise. No command
may rewrite, reset or touch the broken file (bytes and mtime), and a command that fails
writes nothing at all. By default each case runs `check`, three of the commands that read
the file and one that does not (rotating, so every command meets every kind); `--full` runs
every command against every case.
"""

from __future__ import annotations

import re
import shutil
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from conftest import INIT_ARGS, NOW

from mentorlog.core.errors import FileProblem, MentorlogError
from mentorlog.storage.codecs.retrospective import retrospective_from_document
from mentorlog.storage.documents import Document
from mentorlog.storage.formats import DOC_FOLDERS, TOML_FILES
from mentorlog.storage.store import Store
from reliability.kinds import KINDS, Kind
from reliability.support import full_run, snapshot, write_here

CHECKED = tuple(k for k in KINDS if k.checked)
BROKEN: dict[str, Path] = {}  # filled by the journal fixture


# --- breaking a file ------------------------------------------------------------------------


def _decoder(k: Kind) -> Callable[[dict[str, Any], str], Any]:
    """The codec `mentorlog` reads this kind's data with: (data, body) -> record."""
    if k.rel.endswith(".toml"):
        spec = next(s for s in TOML_FILES if s.name == k.rel)
        return lambda data, body: spec.decode(data)
    folder = next((f for f in DOC_FOLDERS if k.rel.startswith(f.name + "/")), None)
    decode = folder.decode if folder else retrospective_from_document  # or the retrospective
    return lambda data, body: decode(
        Document({n: v for n, v in data.items() if n != "schema_version"}, body))


def _split(k: Kind, raw: bytes) -> tuple[dict[str, Any], str]:
    """(the TOML data, the body after the front matter) of a file as written."""
    text = raw.decode()
    if k.rel.endswith(".toml"):
        return tomllib.loads(text), ""
    _, front, body = text.split("+++\n", 2)
    return tomllib.loads(front), body


def _join(k: Kind, data: dict[str, Any], body: str) -> bytes:
    if k.rel.endswith(".toml"):
        return tomli_w.dumps(data).encode()
    return f"+++\n{tomli_w.dumps(data)}+++\n{body}".encode()


def _rejected(k: Kind, data: dict[str, Any], body: str) -> MentorlogError | None:
    try:
        _decoder(k)(data, body)
    except MentorlogError as e:
        return e
    return None


def _paths(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for key, child in items:
        yield (*path, key)
        if isinstance(child, dict | list):
            yield from _paths(child, (*path, key))


def _changed(k: Kind, raw: bytes, change: Callable[[Any, Any], bool], what: str) -> bytes:
    """The file with the first value (depth first) changed so that its codec rejects it."""
    data, body = _split(k, raw)
    for path in _paths(data):
        if path[-1] == "schema_version":
            continue
        copy = tomllib.loads(tomli_w.dumps(data))
        parent = copy
        for key in path[:-1]:
            parent = parent[key]
        if change(parent, path[-1]):
            e = _rejected(k, copy, body)
            if e is not None and (what != "missing" or "missing" in str(e)):
                return _join(k, copy, body)
    raise AssertionError(f"{k.rel}: no {what} value its codec rejects")


def _retype(parent: Any, key: Any) -> bool:
    parent[key] = 42 if isinstance(parent[key], str) else "oops"
    return True


def _remove(parent: Any, key: Any) -> bool:
    if not isinstance(parent, dict):
        return False
    del parent[key]
    return True


def _syntax(k: Kind, raw: bytes) -> bytes:
    if k.rel.endswith(".toml"):
        return raw + b"\nthis is = not toml\n"
    return raw.replace(b"+++\n", b"+++\nthis is = not toml\n", 1)


def _not_utf8(k: Kind, raw: bytes) -> bytes:
    if b'"' in raw:
        return raw.replace(b'"', b'"\xff\xfe', 1)
    first, rest = raw.split(b"\n", 1)
    return first + b"\n# caf\xe9\n" + rest


BREAKS: dict[str, Callable[[Kind, bytes], bytes | None]] = {
    "syntax": _syntax,
    "wrong-type": lambda k, raw: _changed(k, raw, _retype, "wrong type"),
    "missing-key": lambda k, raw: _changed(k, raw, _remove, "missing"),
    "schema-version": lambda k, raw: re.sub(rb"schema_version = \d+", b"schema_version = 99",
                                            raw, count=1),
    "not-utf8": _not_utf8,
    "empty": lambda k, raw: b"",
    "folder": lambda k, raw: None,  # a folder in the file's place
}
# Where the reason must point at a line and column.
POSITIONED = {"syntax", "not-utf8"}
# Files whose every key is optional cannot miss one.
NO_REQUIRED_KEY = {"config", "checklist"}
CASES = [(k, how) for k in CHECKED for how in BREAKS
         if not (how == "missing-key" and k.name in NO_REQUIRED_KEY)]


# --- the commands ---------------------------------------------------------------------------

A = "agreement"
EVERY = frozenset(k.name for k in CHECKED)


def _reads(*names: str) -> frozenset[str]:
    return frozenset({A, *names})


# Each command, and the kinds of file it must read (so it must fail on a broken one). A
# command not reading a file may succeed, but must never touch it. Add new commands here.
# `show DATE` prints a document's text as it is, so it shows a broken one; `log` lists a
# review by its file name and body (a review's fields are checked by `check`).
COMMANDS: tuple[tuple[tuple[str, ...], frozenset[str]], ...] = (
    # read commands
    (("check",), EVERY),
    (("status",), _reads("goals", "tasks", "meeting", "helped")),
    (("status", "--json"), _reads("goals", "tasks", "meeting", "helped")),
    (("agenda",), _reads("goals", "tasks", "note", "meeting", "questions", "opportunities")),
    (("agenda", "--json"), _reads("goals", "tasks", "note", "meeting", "questions",
                                  "opportunities")),
    (("task",), _reads("tasks")),
    (("task", "--json"), _reads("tasks")),
    (("log",), _reads("tasks", "note", "meeting", "questions")),
    (("log", "--json"), _reads("tasks", "note", "meeting", "questions")),
    (("show", "t1"), _reads("tasks")),
    (("show", "q1"), _reads("questions")),
    (("show", "2026-11-24"), _reads()),
    (("goals",), _reads("goals")),
    (("goals", "--json"), _reads("goals")),
    (("schedule",), _reads("meeting")),
    (("schedule", "--json"), _reads("meeting")),
    (("contact",), _reads("contacts")),
    (("contact", "email", "--json"), _reads("contacts")),
    (("checklist",), _reads("goals", "tasks", "meeting", "config", "checklist")),
    (("checklist", "--json"), _reads("goals", "tasks", "meeting", "config", "checklist")),
    (("mentorships",), _reads("retrospective")),
    (("mentorships", "--json"), _reads("retrospective")),
    (("export", "--format", "ics"), _reads("meeting")),
    (("agreement",), _reads()),
    (("agreement", "--json"), _reads()),
    (("helped",), _reads("helped")),
    (("config", "list"), frozenset({"config"})),
    # commands that write: they must not save over a file they could not read
    (("agreement", "edit"), _reads()),
    ((*INIT_ARGS,), _reads()),  # refuses: there is an agreement
    ((*INIT_ARGS, "--force"), frozenset({"goals", "tasks"})),  # replaces the agreement
    (("ask", "a question"), _reads("questions", "meeting")),
    (("answer", "q1", "an answer"), _reads("questions")),
    (("followup",), _reads("opportunities")),
    (("followup", "--all", "--json"), _reads("opportunities")),
    (("followup", "done", "o1", "--outcome", "went"), _reads("opportunities")),
    (("followup", "add", "a follow-up"), _reads("opportunities")),
    (("note", "a note"), _reads()),
    (("helped", "a review"), _reads("helped")),
    (("contact", "log", "email", "--note", "hi"), _reads("contacts")),
    (("goals", "add", "a goal", "--horizon", "30"), _reads("goals")),
    (("task", "set", "--replace", "a task"), _reads("tasks", "meeting")),
    (("task", "done"), _reads("tasks")),
    (("checklist", "tick", "resp-conduct"), _reads("checklist")),
    (("config", "set", "week_start", "sun"), frozenset({"config"})),
    (("week", "--no-input", "--force", "--task-status", "done", "--next-task", "next"),
     _reads("tasks", "meeting", "questions", "opportunities")),
    (("skip", "--date", "2026-12-08", "--reason", "ill"), _reads("meeting")),
    (("gap", "add", "2027-07-01..2027-07-14", "summer"), _reads()),
    (("goals", "review", "--no-input"), _reads("goals")),
    (("end", "--no-input"), _reads()),  # refuses: the retrospective exists
)
READERS = {k.name: [c for c in COMMANDS if k.name in c[1]] for k in CHECKED}
OTHERS = {k.name: [c for c in COMMANDS if k.name not in c[1]] for k in CHECKED}


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Every command against every case with --full; by default `check`, three readers and
    one other command per case, rotating through the lists."""
    if {"k", "how", "commands"} <= set(metafunc.fixturenames):
        full = full_run(metafunc.config)
        params, ids = [], []
        for i, (k, how) in enumerate(CASES):
            if full:
                commands = list(COMMANDS)
            else:
                readers, others = READERS[k.name], OTHERS[k.name]
                commands = [readers[(3 * i + j) % len(readers)] for j in range(3)]
                commands += [others[i % len(others)]] if others else []
                commands = list(dict.fromkeys([COMMANDS[0], *commands]))
            params.append((k, how, commands))
            ids.append(f"{k.name}-{how}")
        metafunc.parametrize(("k", "how", "commands"), params, ids=ids)


@pytest.fixture(scope="module")
def journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A journal with one record of every kind (the retrospective aside: it ends it)."""
    from typer.testing import CliRunner

    from mentorlog.cli import app

    home = tmp_path_factory.mktemp("journal") / "home"
    # the pinned clock, as every test has (a module fixture runs before the autouse one)
    result = CliRunner().invoke(app, INIT_ARGS, env={"MENTORLOG_HOME": str(home),
                                                     "MENTORLOG_NOW": NOW})
    assert result.exit_code == 0, result.output
    for k in KINDS:
        if k.name not in ("agreement", "retrospective"):
            write_here(home, k, 1)
    return home


def _break(home: Path, k: Kind, how: str) -> Path:
    path = home / k.rel
    if not path.exists():
        write_here(home, k, 1)
    broken = BREAKS[how](k, path.read_bytes())
    if broken is None:
        path.unlink()
        path.mkdir(mode=0o700)
    else:
        path.write_bytes(broken)
    return path


def _files(home: Path) -> dict[str, Any]:
    return {n: v for n, v in snapshot(home).items() if n != ".lock"}


def test_every_command_reports_a_broken_file_and_never_rewrites_it(
    k: Kind, how: str, commands: list[tuple[tuple[str, ...], frozenset[str]]], run,
    home: Path, journal: Path,
) -> None:
    shutil.copytree(journal, home, symlinks=True)
    path = _break(home, k, how)
    entry = k.rel + ("/" if how == "folder" else "")
    where = re.escape(str(path)) + (r":\d+:\d+: \S" if how in POSITIONED else r"(:\d+:\d+)?: \S")
    for args, reads in commands:
        if "--force" in args and k.name == "agreement":
            continue  # init --force is the explicit way to replace a broken agreement
        before = _files(home)
        result = run(*args, env={"EDITOR": "true"})
        if k.name in reads:
            assert result.exit_code == 1, (args, result)
            if args[0] != "init":
                assert re.search(where, result.stderr), (args, result.stderr)
            assert str(path) in result.stderr
        else:
            assert result.exit_code in (0, 1), (args, result)
        after = _files(home)
        assert after[entry] == before[entry], (args, "touched the broken file")
        if result.exit_code == 1:
            assert after == before, (args, "failed, but wrote something")


DOC_BREAKS: dict[str, tuple[bytes | None, str]] = {
    "syntax": (b"+++\nschema_version = 1\ntitle = \n+++\nbody\n", r":3:\d+: "),
    "no-front-matter": (b"# just markdown\n", r":1:1: expected front matter"),
    "not-closed": (b"+++\nschema_version = 1\n", r":2:1: the front matter is not closed"),
    "wrong-type": (b"+++\nschema_version = '1'\n+++\n", r": schema_version: expected a whole"),
    "schema-version": (b"+++\nschema_version = 99\n+++\n", r": schema_version 99 is unknown"),
    "not-utf8": (b"+++\nschema_version = 1\n+++\n\xc3\x28\n", r":4:1: not UTF-8"),
    "empty": (b"", r":1:1: expected front matter"),
    "folder": (None, r": is a folder"),
}
DOC_KINDS = [k for k in CHECKED if k.rel.endswith(".md")]


@pytest.mark.parametrize("how", list(DOC_BREAKS))
@pytest.mark.parametrize("k", DOC_KINDS, ids=lambda k: k.name)
def test_a_broken_document_is_reported_with_its_place_and_kept(
    k: Kind, how: str, run, home: Path
) -> None:
    write_here(home, k, 1)
    path = home / k.rel
    content, reason = DOC_BREAKS[how]
    if content is None:
        path.unlink()
        path.mkdir()
    else:
        path.write_bytes(content)
    before = snapshot(home)
    with pytest.raises(FileProblem, match=re.escape(str(path)) + reason):
        Store(home).load_doc(k.rel)
    result = run("check")
    assert result.exit_code == 1 and str(path) in result.stderr
    assert snapshot(home) == before


# Commands that used to save one file, then fail on another they read afterwards: the user saw
# an error, but half of the change was saved (found by the test above).
READ_BEFORE_WRITE = [
    (("ask", "a question"), "meeting"),
    (("gap", "add", "2027-07-01..2027-07-14", "summer"), "meeting"),
    ((*INIT_ARGS, "--force"), "tasks"),
    (("agreement", "edit"), "config"),
    (("note", "--edit"), "config"),
]


@pytest.mark.parametrize(("args", "name"), READ_BEFORE_WRITE, ids=lambda v: str(v)[:20])
def test_a_command_stopped_by_a_broken_file_has_written_nothing(
    args: tuple[str, ...], name: str, run, home: Path, journal: Path
) -> None:
    shutil.copytree(journal, home, symlinks=True)
    (home / "drafts" / "note.md").unlink()  # `note --edit` starts a new draft
    path = _break(home, next(k for k in CHECKED if k.name == name), "syntax")
    before = _files(home)
    result = run(*args, env={"EDITOR": "true"})
    assert result.exit_code == 1 and str(path) in result.stderr, result
    assert _files(home) == before
