"""Sync and encrypted text (issue 16): two machines that share one key and seal the same
clear text each get a different age message (age is randomized); the merge opens both and
sees one text, so no conflict is set aside. Without the key (or with one that needs a
passphrase: git's merge driver never asks) it is a conflict, as before, and nothing is lost.
`sync resolve` shows what differs between two versions of an encrypted entry in clear, or
one line saying the texts are encrypted and why — never the age messages.

Real git, one bare remote, two data folders; machine b uses machine a's key file
(`MENTORLOG_IDENTITY`), as after copying it over.
"""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest
from conftest import INIT_ARGS
from machines import Machine as OneMachine
from machines import bare_remote
from test_encryption import ARMOR

pyrage = pytest.importorskip("pyrage")
pytestmark = pytest.mark.skipif(not shutil.which("git"), reason="git is not installed")

DAY1, DAY2 = "2026-11-25T20:00:00+01:00", "2026-12-01T19:10:00+01:00"
TASK = "Read the release guide"


class Machine(OneMachine):
    NOW = DAY2

    def __init__(self, root: Path, name: str, key: Path) -> None:
        super().__init__(root, name, identity=key)
        self.env["NO_COLOR"] = "1"

    def tasks(self) -> list[dict[str, object]]:
        return list(tomllib.loads((self.home / "tasks.toml").read_text())["tasks"])

    def conflicts(self) -> list[str]:
        folder = self.home / "conflicts"
        return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Machine, Machine]:
    """Two synced machines with the same key, encryption on for private entries, and a
    private task t2 (set at a private meeting) that both have."""
    bare = bare_remote(tmp_path)
    key = tmp_path / "key" / "identity.txt"
    a, b = Machine(tmp_path, "a", key), Machine(tmp_path, "b", key)
    a.ok(*INIT_ARGS, now=DAY1)
    a.ok("encrypt", "init", "--no-input", now=DAY1)
    a.ok("config", "set", "encrypt", "private", now=DAY1)
    a.ok("week", "--no-input", "--private", "--date", "2026-11-26", "--task-status", "done",
         "--went-well", "Kickoff went well", "--next-task", TASK, now="2026-11-26T19:10:00+01:00")
    a.ok("sync", "--init", str(bare), now=DAY1)
    b.ok("sync", "--init", str(bare), now=DAY1)
    assert [t["id"] for t in b.tasks()] == ["t1", "t2"]
    assert b.tasks()[1]["sealed"] == ["text"]
    return a, b


def opened(armor: object, key: Path) -> str:
    identity = pyrage.x25519.Identity.from_str(next(
        line for line in key.read_text().splitlines() if line.startswith("AGE-SECRET-KEY-")))
    assert isinstance(armor, str) and armor.startswith(ARMOR)
    return str(pyrage.decrypt(armor.encode(), [identity]).decode())


def both_mark_done(a: Machine, b: Machine) -> None:
    """Each machine marks t2 done with the same outcome (sealed: t2 is private), and adds a
    note of its own."""
    for m in (a, b):
        m.ok("task", "done", "--outcome", "read it")
        m.ok("note", f"Note from machine {m.name}")
    outcomes = [m.tasks()[1]["outcome"] for m in (a, b)]
    assert outcomes[0] != outcomes[1]  # two age messages of one text


def test_the_same_text_sealed_on_two_machines_is_no_conflict(pair: tuple[Machine, Machine],
                                                             tmp_path: Path) -> None:
    a, b = pair
    key = Path(a.env["MENTORLOG_IDENTITY"])
    both_mark_done(a, b)
    assert a.run("sync").returncode == 0
    merged = b.run("sync")
    assert merged.returncode == 0, (merged.stdout, merged.stderr)
    assert "conflict" not in merged.stdout + merged.stderr
    assert b.conflicts() == []
    assert a.run("sync").returncode == 0 and a.conflicts() == []
    # One t2 on both machines, its outcome this machine's (b's, where the merge was made)
    # message, which opens to the text both typed; both notes are there.
    for m in (a, b):
        t2 = [t for t in m.tasks() if t["id"] == "t2"]
        assert len(t2) == 1 and t2[0]["status"] == "done"
        assert opened(t2[0]["outcome"], key) == "read it"
        assert sorted(p.name for p in (m.home / "notes").iterdir()) == [
            "2026-12-01-note-from-machine-a.md", "2026-12-01-note-from-machine-b.md"]
        assert m.ok("check")
    assert (a.home / "tasks.toml").read_bytes() == (b.home / "tasks.toml").read_bytes()
    assert "read it" in b.ok("task", "history")


def test_the_same_private_meeting_recorded_on_two_machines_is_no_conflict(
        pair: tuple[Machine, Machine]) -> None:
    """The same weekly meeting typed on both machines: one meeting file (its sealed body
    and the outcome of t2 are two messages of one text), one next task t3."""
    a, b = pair
    for m in (a, b):
        m.ok("week", "--no-input", "--private", "--date", "2026-12-01", "--task-status",
             "done", "--went-well", "We read it together", "--next-task", "Write the tests")
    assert (a.home / "meetings" / "2026-12-01.md").read_bytes() != \
        (b.home / "meetings" / "2026-12-01.md").read_bytes()
    assert a.run("sync").returncode == 0
    merged = b.run("sync")
    assert merged.returncode == 0, (merged.stdout, merged.stderr)
    assert a.run("sync").returncode == 0
    for m in (a, b):
        assert m.conflicts() == []
        assert [t["id"] for t in m.tasks()] == ["t1", "t2", "t3"]
        shown = m.ok("show", "2026-12-01")
        assert "We read it together" in shown and "Write the tests" in shown
        assert m.ok("check")
    for name in ("tasks.toml", "meetings/2026-12-01.md"):
        assert (a.home / name).read_bytes() == (b.home / name).read_bytes()


def test_without_the_key_it_is_a_conflict_and_nothing_is_lost(
        pair: tuple[Machine, Machine], tmp_path: Path) -> None:
    """Machine b has no key (it seals to the journal's recipient all the same): it cannot
    tell the two messages hold one text, so the other machine's t2 is set aside, as
    before; the next sync with the key settles it by itself."""
    a, b = pair
    key = Path(a.env["MENTORLOG_IDENTITY"])
    missing = str(tmp_path / "no-key.txt")
    both_mark_done(a, b)
    assert a.run("sync").returncode == 0
    merged = b.run("sync", MENTORLOG_IDENTITY=missing)
    assert merged.returncode == 1 and "conflict(s) wait" in merged.stderr, merged.stderr
    assert "Traceback" not in merged.stderr
    assert b.conflicts() == ["_index.toml", "tasks-t2.toml"]
    copy = tomllib.loads((b.home / "conflicts" / "tasks-t2.toml").read_text())
    assert opened(copy["tasks"][0]["outcome"], key) == "read it"
    # With the key back, the next sync finds the copy holds what is live: settled.
    settled = b.run("sync")
    assert settled.returncode == 0, (settled.stdout, settled.stderr)
    assert "Settled 1 conflict(s)" in settled.stdout
    assert b.conflicts() == []


def two_versions(a: Machine, b: Machine) -> None:
    """The same private meeting recorded differently on both machines: b's sync sets a's
    meeting (with its task) and a's outcome of t2 aside."""
    for m in (a, b):
        m.ok("week", "--no-input", "--private", "--date", "2026-12-01", "--task-status",
             "done", "--went-well", f"Went well on {m.name}", "--next-task",
             f"Next task of {m.name}")
    assert a.run("sync").returncode == 0
    assert b.run("sync").returncode == 1
    assert b.conflicts() == ["_index.toml", "meetings__2026-12-01.md", "tasks-t2.toml"]


def test_resolve_shows_the_differences_of_encrypted_entries_in_clear(
        pair: tuple[Machine, Machine]) -> None:
    a, b = pair
    two_versions(a, b)
    shown = b.ok("sync", "resolve", "--keep", "mine", "--no-input")
    assert ARMOR not in shown and "encrypted" not in shown, shown
    lines = [line.strip() for line in shown.splitlines()]
    # The record: only what differs in clear (t2's text is the same message on both).
    assert 'outcome: "Went well on b" / "Went well on a"' in lines
    assert not [line for line in lines if line.startswith(("text:", "sealed:"))]
    # The meeting: a diff of the two texts as typed, and the copy's task in clear.
    assert "-Went well on b" in lines and "+Went well on a" in lines
    assert "+ (the copy's task) Next task of a" in lines
    assert "Settled 2." in shown


def test_resolve_without_the_key_says_so_in_one_line(pair: tuple[Machine, Machine],
                                                     tmp_path: Path) -> None:
    a, b = pair
    two_versions(a, b)
    missing = tmp_path / "no-key.txt"
    shown = b.ok("sync", "resolve", "--keep", "mine", "--no-input",
                 MENTORLOG_IDENTITY=str(missing))
    assert ARMOR not in shown and "Went well" not in shown, shown
    lines = [line.strip() for line in shown.splitlines()]
    why = f"this machine has no key to decrypt them ({missing} is missing))"
    assert f"(outcome: encrypted, not shown: {why}" in lines
    assert f"(body, the copy's task: encrypted, not shown: {why}" in lines
    assert "+ (the copy's task) [encrypted]" in lines
    assert len([line for line in lines if "encrypted, not shown" in line]) == 2


def test_resolve_without_a_terminal_for_the_passphrase_says_so(
        pair: tuple[Machine, Machine], tmp_path: Path) -> None:
    """A key protected by a passphrase: `--no-input` never asks it, and says why the
    texts stay encrypted; the merge, which never asks either, set the copies aside."""
    a, b = pair
    key = Path(a.env["MENTORLOG_IDENTITY"])
    locked = tmp_path / "locked.txt"
    locked.write_bytes(pyrage.passphrase.encrypt(key.read_bytes(), "s3cret", armored=True))
    for m in (a, b):
        m.env["MENTORLOG_IDENTITY"] = str(locked)
    both_mark_done(a, b)
    assert a.run("sync").returncode == 0
    assert b.run("sync").returncode == 1
    assert b.conflicts() == ["_index.toml", "tasks-t2.toml"]
    shown = b.ok("sync", "resolve", "--keep", "mine", "--no-input")
    assert ARMOR not in shown
    assert (f"(outcome: encrypted, not shown: the key {locked} is protected by a passphrase "
            "and there is no terminal to ask it in)") in " ".join(shown.split())


@pytest.mark.skipif(not shutil.which("tmux"), reason="tmux is not installed")
@pytest.mark.parametrize("width", [60, 120])
def test_resolve_asks_the_passphrase_once_and_shows_both_conflicts_in_clear(
        pair: tuple[Machine, Machine], tmp_path: Path, width: int) -> None:
    """A key protected by a passphrase: the merge never asks it (both conflicts are set
    aside); `sync resolve` in a terminal asks it once, for every conflict it shows."""
    from tmux import Terminal, terminal_env, too_wide

    a, b = pair
    key = Path(a.env["MENTORLOG_IDENTITY"])
    locked = tmp_path / "locked.txt"
    locked.write_bytes(pyrage.passphrase.encrypt(key.read_bytes(), "s3cret", armored=True))
    for m in (a, b):
        m.env["MENTORLOG_IDENTITY"] = str(locked)
    two_versions(a, b)
    env = {**terminal_env(b.home, DAY2), **b.env}
    prompt = "Keep [m]ine, keep [t]heirs, [e]dit the live version, or [s]kip"
    term = Terminal(["sync", "resolve"], env, width=width)
    try:
        term.answer("Passphrase for", "s3cret")
        term.answer(prompt, "m")
        term.wait_for("Kept mine (the live version of meetings/2026-12-01.md)")
        term.answer(prompt, "m")
        screen = term.wait_for("EXIT=")
    finally:
        term.close()
    flat = " ".join(screen.split())
    assert "EXIT=0" in screen and "Traceback" not in screen, screen
    assert screen.count("Passphrase for") == 1
    assert ARMOR not in screen and "encrypted, not shown" not in screen
    assert "-Went well on b" in flat and "+Went well on a" in flat
    assert "+ (the copy's task) Next task of a" in flat
    assert 'outcome: "Went well on b" / "Went well on a"' in flat
    assert "Settled 2." in flat
    assert too_wide(screen, width, ["s3cret"]) == []
    assert b.conflicts() == []


def _same(first: str, second: str) -> bool:
    """A stand-in for two age messages: `SEALED:<nonce>:<text>`."""
    def text(s: str) -> str | None:
        return s.split(":", 2)[2] if s.startswith("SEALED:") else None

    return text(first) is not None and text(first) == text(second)


def test_the_merge_compares_encrypted_texts_in_clear() -> None:
    from mentorlog.sharing.merge import merge_toml

    def tasks(*rows: dict[str, Any]) -> dict[str, Any]:
        return {"schema_version": 1, "next_id": 3, "tasks": list(rows)}

    t1 = {"id": "t1", "text": "SEALED:0:read", "status": "open", "sealed": ["text"]}
    base = tasks(t1)
    ours = tasks({**t1, "status": "done", "outcome": "SEALED:1:read it",
                  "sealed": ["text", "outcome"]},
                 {"id": "t2", "text": "SEALED:2:next", "sealed": ["text"]})
    theirs = tasks({**t1, "text": "SEALED:9:read", "status": "done",
                    "outcome": "SEALED:3:read it", "sealed": ["text", "outcome"]},
                   {"id": "t2", "text": "SEALED:4:next", "sealed": ["text"]})
    merged = merge_toml(base, ours, theirs, _same)
    assert merged.conflicts == [] and merged.renumbered == {}
    # This machine's messages are kept where both sealed one text; t1's text, sealed anew
    # there only (`encrypt apply` to one more key, say), is the other machine's.
    assert merged.data["tasks"] == [{**ours["tasks"][0], "text": "SEALED:9:read"},
                                    ours["tasks"][1]]
    # Without a key (no same_text): the outcome conflicts and the two t2 are both kept.
    before = merge_toml(base, ours, theirs)
    assert [c.path for c in before.conflicts] == ["tasks[id=t1].outcome"]
    assert before.renumbered == {"tasks": {"t2": "t3"}}
    # Sealed anew on one side only (the same text as the base), changed on the other:
    # the change is taken.
    changed = tasks({**t1, "text": "SEALED:5:read more"})
    merged = merge_toml(base, tasks({**t1, "text": "SEALED:6:read"}), changed, _same)
    assert merged.conflicts == [] and merged.data["tasks"][0]["text"] == "SEALED:5:read more"
    # Different texts are still a conflict.
    merged = merge_toml(base, tasks({**t1, "text": "SEALED:7:a"}),
                        tasks({**t1, "text": "SEALED:8:b"}), _same)
    assert [c.path for c in merged.conflicts] == ["tasks[id=t1].text"]


def test_what_was_said_of_a_goal_merges_in_clear() -> None:
    from mentorlog.sharing.merge import merge_toml

    def goals(*said: str) -> dict[str, object]:
        progress = [{"on": "2026-12-01", "text": s, "sealed": ["text"]} for s in said]
        return {"schema_version": 1, "goals": [{"id": "g1", "text": "Ship a PR",
                                                 "progress": progress}]}

    merged = merge_toml(goals(), goals("SEALED:1:halfway"), goals("SEALED:2:halfway"), _same)
    assert merged.conflicts == []
    assert merged.data == goals("SEALED:1:halfway")
