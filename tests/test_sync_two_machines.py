"""Two machines, one bare remote: edits of every record kind on both, conflicting and not,
synced in both orders several times (issue 15, "sync that loses nothing and hides nothing").

The rule checked after every sync: every edit of either machine is in at least one
machine's live journal, or in a conflict listed (`status --json`) on the machine that made
it. And: `sync` exits 1 on both machines while conflicts wait, `git ls-files` never lists
conflicts/, a second conflict never overwrites the first, the live meeting of a date
recorded on both machines names the current task.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
from conftest import INIT_ARGS
from machines import Machine as OneMachine
from machines import bare_remote

pytestmark = pytest.mark.skipif(not shutil.which("git"), reason="git is not installed")

DAY1, DAY2 = "2026-11-26T10:00:00", "2026-11-27T10:00:00"


class Machine(OneMachine):
    NOW = DAY1

    def __init__(self, root: Path, name: str) -> None:
        super().__init__(root, name)
        self.edits: list[str] = []  # the marker of every edit made here

    def edit(self, marker: str, *args: str, now: str = DAY1, replaces: str = "") -> None:
        """Run a command that writes `marker` somewhere in the journal (in place of this
        machine's own earlier edit `replaces`: that one is gone by the user's hand)."""
        self.ok(*args, now=now)
        self.edits = [e for e in self.edits if e != replaces] + [marker]

    def sync(self) -> subprocess.CompletedProcess[str]:
        result = self.run("sync")
        assert result.returncode in (0, 1), result.stderr
        assert "Traceback" not in result.stderr
        tracked = subprocess.run(["git", "-C", str(self.home), "ls-files"], check=True,
                                 capture_output=True, text=True).stdout.split()
        assert not [p for p in tracked if p.startswith("conflicts")], tracked
        assert not [p for p in tracked if p.startswith((".lock", ".journal", ".~", "drafts"))]
        return result

    def waiting(self) -> list[str]:
        listed: list[str] = json.loads(self.ok("status", "--json"))["conflicts"]
        return listed

    def live_text(self) -> str:
        return "\n".join(p.read_text() for p in sorted(self.home.rglob("*"))
                         if p.is_file() and not _hidden(p.relative_to(self.home)))

    def conflict_text(self) -> str:
        return "\n".join((self.home / rel).read_text() for rel in self.waiting())


def _hidden(rel: Path) -> bool:
    return rel.parts[0] in (".git", "conflicts") or rel.name.startswith(".")


def nothing_lost(*machines: Machine) -> None:
    live = "\n".join(m.live_text() for m in machines)
    for m in machines:
        aside = m.conflict_text()
        lost = [e for e in m.edits if e not in live and e not in aside]
        assert not lost, f"{m.name}'s edits {lost} are neither live nor in its conflicts"


def meeting_names_current_task(m: Machine, day: str) -> None:
    meta = (m.home / "meetings" / f"{day}.md").read_text().split("+++")[1]
    new_task = tomllib.loads(meta)["new_task"]
    tasks = m.toml("tasks.toml")["tasks"]
    open_tasks = [t["id"] for t in tasks if t.get("status", "open") == "open"]
    assert open_tasks == [new_task], (m.name, new_task, tasks)


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Machine, Machine]:
    bare = bare_remote(tmp_path)
    a, b = Machine(tmp_path, "a"), Machine(tmp_path, "b")
    a.ok(*INIT_ARGS, now="2026-11-25T20:00:00")
    # A helped.toml of version 1 (no ids), as an older mentorlog wrote it: each machine
    # migrates it at its next write, and the merges still go entry by entry.
    (a.home / "helped.toml").write_text(
        'schema_version = 1\nhelped = [{ on = 2026-11-25, text = "helped before syncing" }]\n')
    a.ok("sync", "--init", str(bare))
    b.ok("sync", "--init", str(bare))
    return a, b


def week(m: Machine, marker: str, status: str) -> None:
    m.edit(marker, "week", "--no-input", "--date", "2026-12-01", "--task-status", status,
           "--went-well", f"{marker} went well", "--next-task", f"{marker} task",
           now="2026-12-01T19:10:00" if m.name == "a" else "2026-12-01T19:40:00")


def edit_everything(m: Machine, n: int) -> None:
    """Edits of every kind on machine `m`, round `n`: some conflict with the other's."""
    tag, before = f"{m.name.upper()}{n}", f"{m.name.upper()}{n - 1}"
    m.edit(f"{tag}-goal", "goals", "edit", "g2", "--text", f"{tag}-goal", "--no-input",
           replaces=f"{before}-goal")
    m.edit(f"{tag}-own-goal", "goals", "edit", "g1" if m.name == "a" else "g3",
           "--text", f"{tag}-own-goal", "--no-input", replaces=f"{before}-own-goal")
    m.edit(f"{tag}-note", "note", f"Same title\n{tag}-note body")
    m.edit(f"{tag}-helped", "helped", f"{tag}-helped")
    m.edit(f"{tag}-contact", "contact", "log", "email", "--note", f"{tag}-contact")
    m.edit(f"{tag}-question", "ask", f"{tag}-question")
    m.edit(f"{tag}-followup", "followup", "add", f"{tag}-followup", "--kind", "opportunity")
    m.edit(f"{tag}-editor", "config", "set", "editor", f"{tag}-editor",
           replaces=f"{before}-editor")
    item = {"a": "signup-join", "b": "signup-announce"}[m.name] if n == 1 else "signup-match"
    m.edit(item, "checklist", "tick", item)


def test_nothing_lost_and_nothing_hidden(pair: tuple[Machine, Machine]) -> None:
    a, b = pair
    # Round 1: both machines edit everything, and record the same meeting differently.
    for m in (a, b):
        edit_everything(m, 1)
    week(a, "A1-meeting", "done")
    week(b, "B1-meeting", "partly")

    first = a.sync()
    assert first.returncode == 0, first.stderr  # nothing to merge yet
    nothing_lost(a, b)
    merged = b.sync()  # b merges: the conflicts are found here
    assert merged.returncode == 1
    assert "conflict(s) wait in conflicts/" in merged.stderr
    on_b = b.waiting()
    assert set(on_b) == {"conflicts/config-editor.toml", "conflicts/goals-g2.toml",
                         "conflicts/meetings__2026-12-01.md", "conflicts/tasks-t1.toml"}
    nothing_lost(a, b)
    learned = a.sync()  # a takes b's merge, which replaced a's versions: a learns it
    assert learned.returncode == 1, learned.stdout
    assert set(a.waiting()) == set(on_b)
    nothing_lost(a, b)
    assert b.sync().returncode == 1  # still waiting, nothing new
    assert a.sync().returncode == 1
    for m in (a, b):
        notes = sorted(p.name for p in (m.home / "notes").iterdir())
        assert notes == ["2026-11-26-same-title-2.md", "2026-11-26-same-title.md"]
        helped = m.toml("helped.toml")
        assert helped["schema_version"] == 2
        assert [(h["id"], h["text"]) for h in helped["helped"]] == [
            ("h1", "helped before syncing"), ("h2", "B1-helped"), ("h3", "A1-helped")]
        assert len({c["id"] for c in m.toml("contacts.toml")["contacts"]}) == 2
        assert sorted(m.toml("checklist.toml")["ticked"]) == ["signup-announce", "signup-join"]
        meeting_names_current_task(m, "2026-12-01")
        assert m.ok("check")
    assert (a.home / "goals.toml").read_bytes() == (b.home / "goals.toml").read_bytes()
    first_copy = (b.home / "conflicts" / "goals-g2.toml").read_text()
    assert "A1-goal" in first_copy

    # Round 2, the other order: b syncs first, a merges. The same goal conflicts again.
    for m in (b, a):
        edit_everything(m, 2)
    assert b.sync().returncode == 1  # its round-1 conflicts still wait
    result = a.sync()
    assert result.returncode == 1
    assert "conflicts/goals-g2-2.toml" in a.waiting()
    assert "conflicts/config-editor-2.toml" in a.waiting()
    assert "B2-goal" in (a.home / "conflicts" / "goals-g2-2.toml").read_text()
    nothing_lost(a, b)
    assert b.sync().returncode == 1
    assert "conflicts/goals-g2-2.toml" in b.waiting()
    assert (b.home / "conflicts" / "goals-g2.toml").read_text() == first_copy  # not replaced
    nothing_lost(a, b)
    for m in (a, b):
        notes = sorted(p.name for p in (m.home / "notes").iterdir())
        assert len(notes) == 4, notes
        meeting_names_current_task(m, "2026-12-01")
        assert m.ok("check")

    # Settled on a (this machine's versions): b's copies of the same versions go by
    # themselves; b's own edits that a's choice replaced wait on b until b settles them.
    out = a.ok("sync", "resolve", "--keep", "mine")
    assert "Settled" in out
    assert a.waiting() == []
    meeting_names_current_task(a, "2026-12-01")
    assert a.ok("check")
    assert a.sync().returncode == 0
    left = b.sync()
    assert left.returncode == 1  # b's own edits, replaced by a's choice, still wait
    assert all("B" in (b.home / rel).read_text() for rel in b.waiting())
    b.ok("sync", "resolve", "--keep", "theirs")
    assert b.waiting() == []
    assert b.sync().returncode == 0
    assert a.sync().returncode == 0
    for name in ("goals.toml", "tasks.toml", "config.toml", "helped.toml", "contacts.toml",
                 "questions.toml", "opportunities.toml", "checklist.toml",
                 "meetings/2026-12-01.md"):
        assert (a.home / name).read_bytes() == (b.home / name).read_bytes(), name
    for m in (a, b):
        meeting_names_current_task(m, "2026-12-01")
        assert "A1-meeting task" in (m.home / "meetings" / "2026-12-01.md").read_text()
        assert m.ok("check")
