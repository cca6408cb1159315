"""Bad files: every data file hand-broken in seven ways; every command says where and why,
exits 1, and never rewrites the file."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from conftest import INIT_ARGS

from mentorlog.errors import FileProblem, MentorlogError
from mentorlog.formats import TOML_FILES
from mentorlog.store import Store
from reliability.kinds import KINDS, TOML_KINDS, Kind
from reliability.support import snapshot, write_here


def _spec(k: Kind) -> Any:
    return next(s for s in TOML_FILES if s.name == k.rel)


def _wrong_type(data: dict[str, Any]) -> dict[str, Any]:
    key = next(key for key in data if key != "schema_version")
    data[key] = 42 if isinstance(data[key], str) else "oops"
    return data


def _missing_key(spec: Any) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """Removes the first key (depth first) whose absence the codec rejects."""

    def paths(value: Any, path: tuple[Any, ...] = ()) -> Any:
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, child in items:
            yield (*path, key)
            if isinstance(child, dict | list):
                yield from paths(child, (*path, key))

    def remove(data: dict[str, Any]) -> dict[str, Any]:
        for path in paths(data):
            copy = tomllib.loads(tomli_w.dumps(data))
            parent = copy
            for key in path[:-1]:
                parent = parent[key]
            if not isinstance(parent, dict) or path[-1] == "schema_version":
                continue
            del parent[path[-1]]
            try:
                spec.decode(copy)
            except MentorlogError as e:
                if "missing" in str(e):
                    return copy
        raise AssertionError("no required key")

    return remove


def _toml(change: Callable[[dict[str, Any]], dict[str, Any]]) -> Callable[[bytes, Any], bytes]:
    return lambda raw, spec: tomli_w.dumps(change(tomllib.loads(raw.decode()))).encode()


BREAKS: dict[str, Callable[[bytes, Any], bytes | None]] = {
    "syntax": lambda raw, spec: raw + b"\nthis is = not toml\n",
    "wrong-type": _toml(_wrong_type),
    "missing-key": lambda raw, spec: _toml(_missing_key(spec))(raw, spec),
    "schema-version": lambda raw, spec: raw.replace(b"schema_version = 1", b"schema_version = 99"),
    "not-utf8": lambda raw, spec: raw.replace(b'"', b'"\xff\xfe', 1),
    "empty": lambda raw, spec: b"",
    "folder": lambda raw, spec: None,  # a folder in the file's place
}
# Where the reason must point at a line and column.
POSITIONED = {"syntax", "not-utf8"}

ALL = frozenset(k.name for k in TOML_KINDS)
# Each command, and the files it must read (so it must fail on a broken one). A command not
# reading a file may succeed, but must never rewrite it. Add new commands here.
COMMANDS: tuple[tuple[tuple[str, ...], frozenset[str]], ...] = (
    (("check",), ALL),
    (("status",), frozenset({"agreement", "goals", "tasks"})),
    (("status", "--json"), frozenset({"agreement", "goals", "tasks"})),
    (("agreement",), frozenset({"agreement"})),
    (("agreement", "--json"), frozenset({"agreement"})),
    (("agreement", "edit"), frozenset({"agreement"})),
    ((*INIT_ARGS,), frozenset({"agreement"})),  # refuses: there is an agreement
    ((*INIT_ARGS, "--force"), frozenset({"goals", "tasks"})),  # --force replaces the agreement
)


def _break(home: Path, k: Kind, how: str) -> Path:
    path = home / k.rel
    broken = BREAKS[how](path.read_bytes(), _spec(k))
    if broken is None:
        path.unlink()
        path.mkdir(mode=0o700)
    else:
        path.write_bytes(broken)
    return path


@pytest.mark.parametrize("how", list(BREAKS))
@pytest.mark.parametrize("k", TOML_KINDS, ids=lambda k: k.name)
def test_every_command_reports_a_broken_file_and_never_rewrites_it(
    k: Kind, how: str, run, home: Path
) -> None:
    assert run(*INIT_ARGS).exit_code == 0
    path = _break(home, k, how)
    before = snapshot(home)
    where = re.escape(str(path)) + (r":\d+:\d+: \S" if how in POSITIONED else r"(:\d+:\d+)?: \S")
    for args, reads in COMMANDS:
        if "--force" in args and k.name == "agreement":
            continue  # init --force is the explicit way to replace a broken agreement
        result = run(*args, env={"EDITOR": "true"})
        if k.name in reads:
            assert result.exit_code == 1, (args, result)
            if args[0] != "init":
                assert re.search(where, result.stderr), (args, result.stderr)
            assert str(path) in result.stderr
        else:
            assert result.exit_code in (0, 1), (args, result)
        files = {n: v for n, v in snapshot(home).items() if n != ".lock"}
        assert files[k.rel + ("/" if how == "folder" else "")] == before[
            k.rel + ("/" if how == "folder" else "")
        ], (args, "rewrote the broken file")


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
DOC_KINDS = [k for k in KINDS if k.rel.endswith(".md")]


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
    if k.checked:  # once its folder is in formats.DOC_FOLDERS, `check` must report it too
        result = run("check")
        assert result.exit_code == 1 and str(path) in result.stderr
    assert snapshot(home) == before
