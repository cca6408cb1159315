"""Editing an encrypted entry (issue 16): `week` on the date of a recorded meeting and the
"edit" choice of `sync resolve` open the entry's text in clear — in a private folder outside
the data folder, with a scripted $EDITOR — and seal the result back at the entry's level, to
no fewer keys than it had. Nothing typed or shown is left in clear in the data folder or the
cache, and the entry reads back with the edit. Without the key the edit is refused (one
`Error:` line, exit 1, nothing changed) rather than opened as ciphertext.
"""

from __future__ import annotations

import shutil
import subprocess
import tomllib
from datetime import datetime
from pathlib import Path

import pytest
from conftest import INIT_ARGS, run_process
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_encryption import ARMOR
from test_encryption_review import editor, identity, in_clear, setup
from tmux import Terminal, terminal_env

from mentorlog.core.errors import MentorlogError
from mentorlog.storage.documents import Document, dump_document, parse_document

pyrage = pytest.importorskip("pyrage")
tmux_only = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

NOW = "2026-12-01T19:10:00+01:00"
WENT_WELL = "Zorblaxq wentwelly"
NOTES = "Quibbletoff snorkwax"
NEXT_TASK = "Frobnicatz widgetqs"
ADDED = "Wibblequark plonkety"
TEXTS = [WENT_WELL, NOTES, NEXT_TASK, ADDED]


def record_meeting(env: dict[str, str], *flags: str, day: str = "2026-12-01") -> None:
    done = run_process("week", "--no-input", *flags, "--date", day, "--task-status", "done",
                       "--went-well", WENT_WELL, "--notes", NOTES, "--next-task", NEXT_TASK,
                       env={**env, "MENTORLOG_NOW": NOW})
    assert done.returncode == 0, done.stderr


def files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


def body(path: Path, env: dict[str, str]) -> str:
    """A document's sealed body, decrypted with pyrage itself (the standard age tooling)."""
    armor = path.read_text().split("+++\n", 2)[2]
    assert armor.startswith(ARMOR)
    return str(pyrage.decrypt(armor.encode(), [identity(env)]).decode())


def watching_editor(tmp_path: Path, script: str) -> tuple[str, Path]:
    """A scripted $EDITOR that keeps what it was shown (`seen/N`, and the file's path and
    its folder's mode in `seen/N.where`) before it runs `script` on the file."""
    seen = tmp_path / "seen"
    seen.mkdir()
    path = editor(tmp_path, "edits", f'n=$(ls {seen} | grep -vc where); cp "$1" {seen}/$n; '
                  f'echo "$1" "$(stat -c %a "$(dirname "$1")")" > {seen}/$n.where; '
                  f"{script}\n")
    return path, seen


@tmux_only
@pytest.mark.parametrize("width", [60, 120])
def test_week_on_a_recorded_encrypted_meeting_edits_it_in_clear(home: Path, tmp_path: Path,
                                                                width: int) -> None:
    env = setup(home, tmp_path)
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    env["XDG_RUNTIME_DIR"] = str(runtime)
    record_meeting(env, "--private")
    meeting = home / "meetings" / "2026-12-01.md"
    assert ARMOR in meeting.read_text() and in_clear(env, TEXTS) == []
    edits, seen = watching_editor(
        tmp_path, f"sed -i 's/^{NOTES}$/{NOTES}, and {ADDED}/' \"$1\"")
    term = Terminal(["week", "--date", "2026-12-01"],
                    {**env, "MENTORLOG_NOW": NOW, "EDITOR": edits, "VISUAL": ""}, width=width)
    try:
        term.answer("A meeting on 2026-12-01 is already recorded. Edit it?", "y")
        screen = term.wait_for("EXIT=")
    finally:
        term.close()
    flat = " ".join(screen.split())
    assert "EXIT=0" in screen and "Traceback" not in screen, screen
    assert "Saved" in flat and "No change" not in flat
    # The editor was shown the meeting as it was written, in clear, from a private folder
    # outside the data folder ($XDG_RUNTIME_DIR), which is gone afterwards.
    shown = (seen / "0").read_text()
    assert ARMOR not in shown and "sealed" not in shown
    assert f"## What went well?\n\n{WENT_WELL}" in shown and f"## Notes\n\n{NOTES}" in shown
    assert 'privacy = "private"' in shown
    where, mode = (seen / "0.where").read_text().split()
    assert Path(where).parent.parent == runtime and mode == "700"
    assert list(runtime.iterdir()) == []
    assert not (home / "drafts" / "meetings-2026-12-01.md").exists()
    # Sealed back at the meeting's level: nothing in clear in the data folder or the cache.
    assert in_clear(env, TEXTS) == []
    assert 'privacy = "private"' in meeting.read_text()
    assert f"## Notes\n\n{NOTES}, and {ADDED}\n" in body(meeting, env)
    shown_after = run_process("show", "2026-12-01", env={**env, "MENTORLOG_NOW": NOW})
    assert shown_after.returncode == 0
    assert f"{NOTES}, and {ADDED}" in shown_after.stdout and WENT_WELL in shown_after.stdout
    assert run_process("check", env=env).returncode == 0


@tmux_only
def test_without_the_key_week_refuses_to_edit_an_encrypted_meeting(home: Path,
                                                                  tmp_path: Path) -> None:
    env = setup(home, tmp_path)
    record_meeting(env, "--private")
    before = files(home)
    edits, seen = watching_editor(tmp_path, "true")
    term = Terminal(["week", "--date", "2026-12-01"],
                    {**env, "MENTORLOG_NOW": NOW, "EDITOR": edits, "VISUAL": "",
                     "MENTORLOG_IDENTITY": str(tmp_path / "no-key.txt")}, width=100)
    try:  # refused before "Edit it?": a `y` would only lead to the refusal
        screen = term.wait_for("EXIT=")
    finally:
        term.close()
    flat = " ".join(screen.split())
    assert "EXIT=1" in screen and "Traceback" not in screen, screen
    assert "Edit it?" not in flat
    assert "meetings/2026-12-01.md holds encrypted text this machine cannot decrypt" in flat
    assert flat.count("Error:") == 1 and "cannot decrypt" in flat
    assert "nothing was changed" in flat
    assert list(seen.iterdir()) == []  # the editor never ran: no ciphertext to look at
    assert files(home) == before


@pytest.fixture
def sealed_journal(home: Path, tmp_path: Path,
                   monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """A journal with encryption on, and this process pointed at it as a command is."""
    env = setup(home, tmp_path)
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    env["XDG_RUNTIME_DIR"] = str(runtime)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("VISUAL", "")
    return env


def test_an_encrypted_task_list_is_edited_in_clear(home: Path, tmp_path: Path,
                                                   sealed_journal: dict[str, str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from mentorlog.cli.editor import edit_toml_file
    from mentorlog.storage.formats import TASKS
    from mentorlog.storage.store import Store

    env = sealed_journal
    record_meeting(env, "--private")
    edits, seen = watching_editor(
        tmp_path, f"sed -i 's/\"{NEXT_TASK}\"/\"{NEXT_TASK}, {ADDED}\"/' \"$1\"")
    monkeypatch.setenv("EDITOR", edits)
    assert edit_toml_file(Store(home), TASKS, interactive=False)
    shown = tomllib.loads((seen / "0").read_text())
    assert [t["text"] for t in shown["tasks"]][1] == NEXT_TASK and "sealed" not in shown["tasks"][1]
    assert shown["tasks"][0]["outcome"] == WENT_WELL
    tasks = tomllib.loads((home / "tasks.toml").read_text())["tasks"]
    assert tasks[1]["sealed"] == ["text"] and tasks[1]["text"].startswith(ARMOR)
    assert pyrage.decrypt(tasks[1]["text"].encode(), [identity(env)]).decode() == \
        f"{NEXT_TASK}, {ADDED}"
    assert in_clear(env, TEXTS) == []
    assert list(Path(env["XDG_RUNTIME_DIR"]).iterdir()) == []
    assert f"{NEXT_TASK}, {ADDED}" in run_process("agenda", env={**env, "MENTORLOG_NOW": NOW}
                                                  ).stdout


def test_without_the_key_an_encrypted_task_list_is_not_opened(
        home: Path, tmp_path: Path, sealed_journal: dict[str, str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    from mentorlog.cli.editor import edit_toml_file
    from mentorlog.storage.formats import TASKS
    from mentorlog.storage.store import Store

    record_meeting(sealed_journal, "--private")
    before = files(home)
    edits, seen = watching_editor(tmp_path, "true")
    monkeypatch.setenv("EDITOR", edits)
    monkeypatch.setenv("MENTORLOG_IDENTITY", str(tmp_path / "no-key.txt"))
    with pytest.raises(MentorlogError, match="cannot decrypt .* nothing was changed"):
        edit_toml_file(Store(home), TASKS, interactive=False)
    assert list(seen.iterdir()) == [] and files(home) == before


def test_a_meeting_made_private_by_hand_is_sealed_with_what_it_set(
        home: Path, tmp_path: Path, sealed_journal: dict[str, str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A normal meeting edited to private: its text, and the task it set (which inherits
    its level), are encrypted on save; the task it reviewed keeps its outcome sealed too."""
    from mentorlog.cli.editor import edit_document
    from mentorlog.storage.codecs.meetings import meeting_from_doc
    from mentorlog.storage.store import Store

    env = sealed_journal
    record_meeting(env)  # normal: in clear
    assert set(in_clear(env, [NOTES, NEXT_TASK])) >= {home / "meetings" / "2026-12-01.md",
                                                      home / "tasks.toml"}
    edits, _ = watching_editor(tmp_path, "sed -i 's/^status = \"held\"$/status = \"held\"\\n"
                               "privacy = \"private\"/' \"$1\"")
    monkeypatch.setenv("EDITOR", edits)
    meeting = "meetings/2026-12-01.md"
    assert edit_document(Store(home), meeting, meeting_from_doc, interactive=False)
    assert in_clear(env, [NOTES, NEXT_TASK, WENT_WELL]) == []
    tasks = tomllib.loads((home / "tasks.toml").read_text())["tasks"]
    assert [t.get("sealed") for t in tasks] == [["outcome"], ["text"]]
    shown = run_process("show", "2026-12-01", env={**env, "MENTORLOG_NOW": NOW}).stdout
    assert NOTES in shown and NEXT_TASK in shown


def test_an_edit_is_never_sealed_to_fewer_keys(home: Path, tmp_path: Path,
                                               sealed_journal: dict[str, str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from mentorlog.cli.editor import edit_document
    from mentorlog.storage.codecs.meetings import meeting_from_doc
    from mentorlog.storage.store import Store

    env = sealed_journal
    other = pyrage.x25519.Identity.generate().to_public()
    done = run_process("encrypt", "init", "--recipient", str(other), env=env)
    assert done.returncode == 0, done.stderr
    record_meeting(env, "--private")  # encrypted to both keys
    mine = (Path(env["XDG_CONFIG_HOME"]) / "mentorlog" / "identity.txt.pub").read_text().strip()
    done = run_process("config", "set", "encrypt_to", mine, env=env)  # one key left
    assert done.returncode == 0, done.stderr
    before = files(home)
    edits, seen = watching_editor(tmp_path, "true")
    monkeypatch.setenv("EDITOR", edits)
    with pytest.raises(MentorlogError, match="encrypted to 2 keys .* lists 1; mentorlog never"):
        edit_document(Store(home), "meetings/2026-12-01.md", meeting_from_doc, False)
    assert list(seen.iterdir()) == [] and files(home) == before


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30),
       text=st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\x00"),
                    max_size=120),
       privacy=st.sampled_from(["normal", "private", "confidential"]))
def test_an_edited_note_reads_back_as_typed(sealed_journal: dict[str, str], title: str,
                                            text: str, privacy: str) -> None:
    """clear_document(save_document(x)) == x for a note's text (emoji, quotes, +++ and
    \"\"\" included), sealed at its level, and never in clear in the file when sealed."""
    from mentorlog.storage.editing import clear_document, save_document
    from mentorlog.storage.store import Store

    home = Path(sealed_journal["MENTORLOG_HOME"])
    typed = dump_document(Document({"id": "n1", "title": title, "tags": [], "privacy": privacy},
                                   text))
    rel = "notes/2026-11-25-note.md"
    store = Store(home)
    with store.lock():
        save_document(store, rel, typed)
    assert clear_document(Store(home), rel) == typed
    raw = parse_document((home / rel).read_text(), rel)
    if privacy != "normal" and (text.strip() or title):
        assert raw.meta["sealed"] and ARMOR not in typed
        assert all(raw.meta.get(f, "").startswith(ARMOR) for f in raw.meta["sealed"]
                   if f != "body")


def test_sync_resolve_edits_an_encrypted_meeting_and_task_in_clear(tmp_path: Path) -> None:
    """Two machines with the same key record the same private meeting; `sync resolve` on
    the second edits the live meeting and the conflicting task in clear, and seals them."""
    if not (shutil.which("git") and shutil.which("tmux")):
        pytest.skip("git and tmux are needed")
    bare = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(bare)], check=True)
    envs = {m: {"MENTORLOG_HOME": str(tmp_path / m), "XDG_CACHE_HOME": str(tmp_path / f"cache-{m}"),
                "XDG_CONFIG_HOME": str(tmp_path / f"config-{m}"), "NO_COLOR": "1"} for m in "ab"}
    key = tmp_path / "config-a" / "mentorlog" / "identity.txt"
    envs["b"]["MENTORLOG_IDENTITY"] = str(key)  # the key copied to the second machine

    def ok(m: str, *args: str, now: str = "2026-11-25T20:00:00+01:00") -> None:
        done = run_process(*args, env={**envs[m], "MENTORLOG_NOW": now})
        assert done.returncode == 0, (m, args, done.stdout, done.stderr)

    ok("a", *INIT_ARGS)
    ok("a", "encrypt", "init", "--no-input")
    ok("a", "config", "set", "encrypt", "private")
    ok("a", "sync", "--init", str(bare))
    ok("b", "sync", "--init", str(bare))
    for m in "ab":
        done = run_process("week", "--no-input", "--private", "--date", "2026-12-01",
                           "--task-status", "done", "--went-well", f"{WENT_WELL} {m}",
                           "--notes", f"{NOTES} {m}", "--next-task", f"{NEXT_TASK} {m}",
                           env={**envs[m], "MENTORLOG_NOW": NOW})
        assert done.returncode == 0, done.stderr
    ok("a", "sync")
    done = run_process("sync", env={**envs["b"], "MENTORLOG_NOW": NOW})
    assert done.returncode == 1 and "conflict(s) wait" in done.stderr, done.stderr
    b = tmp_path / "b"
    assert sorted(p.name for p in (b / "conflicts").iterdir()) == [
        "_index.toml", "meetings__2026-12-01.md", "tasks-t1.toml"]

    edits, seen = watching_editor(
        tmp_path, f"sed -i -e 's/^{NOTES} b$/{NOTES} b, {ADDED}/' "
                  f"-e 's/^outcome = \"{WENT_WELL} b\"$/outcome = \"{WENT_WELL} agreed\"/' \"$1\"")
    env = {**terminal_env(b, NOW), **envs["b"], "EDITOR": edits, "VISUAL": ""}
    env["HOME"] = str(tmp_path / "user-home")
    prompt = "Keep [m]ine, keep [t]heirs, [e]dit the live version, or [s]kip"
    term = Terminal(["sync", "resolve"], env, width=100)
    try:
        term.wait_for("conflicts/meetings__2026-12-01.md")
        term.answer(prompt, "e")
        term.wait_for("removed conflicts/meetings__2026-12-01.md")
        term.answer(prompt, "e")
        screen = term.wait_for("EXIT=")
    finally:
        term.close()
    flat = " ".join(screen.split())
    assert "EXIT=0" in screen and "Traceback" not in screen, screen
    assert "Saved your edit of meetings/2026-12-01.md" in flat
    assert "Saved your edit of tasks.toml" in flat and "Settled 2." in flat
    # The editor saw both in clear; the meeting's file and the task list hold them sealed.
    meeting_shown, tasks_shown = (seen / "0").read_text(), (seen / "1").read_text()
    assert ARMOR not in meeting_shown + tasks_shown
    assert f"## Notes\n\n{NOTES} b\n" in meeting_shown
    assert f'outcome = "{WENT_WELL} b"' in tasks_shown
    benv = {**envs["b"], "XDG_CONFIG_HOME": str(tmp_path / "config-a")}
    texts = [f"{t} {m}" for t in (WENT_WELL, NOTES, NEXT_TASK) for m in "ab"] + [ADDED]
    assert in_clear(benv, [*texts, f"{WENT_WELL} agreed"]) == []
    assert f"{NOTES} b, {ADDED}" in body(b / "meetings" / "2026-12-01.md", benv)
    t1 = tomllib.loads((b / "tasks.toml").read_text())["tasks"][0]
    assert t1["sealed"] == ["outcome"]
    assert pyrage.decrypt(t1["outcome"].encode(), [identity(benv)]).decode() == \
        f"{WENT_WELL} agreed"
    shown = run_process("show", "2026-12-01", env={**envs["b"], "MENTORLOG_NOW": NOW})
    assert f"{NOTES} b, {ADDED}" in shown.stdout
    assert not [p for p in (b / "conflicts").iterdir() if p.name != "_index.toml"]
    assert run_process("check", env={**envs["b"], "MENTORLOG_NOW": NOW}).returncode == 0



def test_a_file_that_does_not_read_opens_as_it_is_and_is_sealed_once_fixed(
        home: Path, tmp_path: Path, sealed_journal: dict[str, str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A note broken by hand (no front matter) is not refused: the editor gets the file as
    it is to fix, and the fixed private note is stored encrypted."""
    from mentorlog.cli.editor import edit_document
    from mentorlog.storage.store import Store

    note = home / "notes" / "2026-11-25-note.md"
    note.parent.mkdir()
    note.write_text(f"{NOTES} without front matter\n")
    fixed = tmp_path / "fixed.md"
    fixed.write_text(dump_document(Document(
        {"id": "n1", "created": datetime.fromisoformat("2026-11-25T20:00:00+01:00"),
         "title": NEXT_TASK, "tags": [], "privacy": "private"}, f"{NOTES}\n")))
    edits, seen = watching_editor(tmp_path, f'cp {fixed} "$1"')
    monkeypatch.setenv("EDITOR", edits)
    assert edit_document(Store(home), "notes/2026-11-25-note.md", lambda doc: None, False)
    assert (seen / "0").read_text() == f"{NOTES} without front matter\n"
    assert in_clear(sealed_journal, [NOTES, NEXT_TASK]) == []
    shown = run_process("log", env={**sealed_journal, "MENTORLOG_NOW": NOW})
    assert NEXT_TASK in shown.stdout, (shown.stdout, shown.stderr)


def test_sync_resolve_edits_a_file_with_its_own_mentorship(home: Path) -> None:
    """Another mentorship's file is opened and sealed with that mentorship's settings."""
    from mentorlog.cli.sync import _mentorship_of
    from mentorlog.storage.store import Store

    root = Store(home)
    other, rel = _mentorship_of(root, "mentorships/rust/meetings/2026-12-01.md")
    assert other.root == home / "mentorships" / "rust" and rel == "meetings/2026-12-01.md"
    assert other.sealer.ask is not None
    same, rel = _mentorship_of(root, "tasks.toml")
    assert same is root and rel == "tasks.toml"
