"""`mentorlog note` in $EDITOR, with fake editors: save, empty, killed mid-edit."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from conftest import INIT_ARGS, run_process


def fake_editor(tmp_path: Path, name: str, script: str) -> str:
    path = tmp_path / name
    path.write_text("#!/bin/sh\n" + script)
    path.chmod(0o755)
    return str(path)


def note_files(home: Path) -> list[Path]:
    return sorted((home / "notes").glob("*.md")) if (home / "notes").exists() else []


def test_note_in_the_editor(tmp_path: Path, home: Path) -> None:
    env = {"MENTORLOG_HOME": str(home)}
    assert run_process(*INIT_ARGS, env=env).returncode == 0
    seen = tmp_path / "seen"

    # Save: the draft is inside the data folder, private, and gone afterwards.
    in_tmp_before = set(Path("/tmp").glob("mentorlog*"))
    writes = fake_editor(tmp_path, "writes", f'echo "$1" > {seen}; stat -c %a "$1" >> {seen}; '
                         'printf "Pairing notes\\n\\nWe split the parser." > "$1"\n')
    result = run_process("note", "--edit", "--tag", "pairing", env={**env, "EDITOR": writes})
    assert result.returncode == 0, result.stderr
    draft_path, mode = seen.read_text().split()
    assert draft_path == str(home / "drafts" / "note.md") and mode == "600"
    assert not Path(draft_path).exists()
    [saved] = note_files(home)
    assert saved.name == "2026-11-24-pairing-notes.md"
    text = saved.read_text()
    assert 'title = "Pairing notes"' in text and 'tags = [\n    "pairing",\n]' in text
    assert text.endswith("+++\nPairing notes\n\nWe split the parser.\n")
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    assert set(Path("/tmp").glob("mentorlog*")) <= in_tmp_before  # nothing left in /tmp

    # Empty: nothing written.
    empty = fake_editor(tmp_path, "empty", "true\n")
    result = run_process("note", "--edit", env={**env, "VISUAL": empty})
    assert result.returncode == 0, result.stderr
    assert "Empty note: nothing saved." in result.stdout
    assert len(note_files(home)) == 1
    assert not (home / "drafts" / "note.md").exists()

    # Killed mid-edit: the draft stays, and is opened again next time.
    dies = fake_editor(tmp_path, "dies", 'printf "Half a thought" > "$1"; kill -9 $$\n')
    result = run_process("note", "--edit", env={**env, "EDITOR": dies})
    assert result.returncode == 1
    assert result.stderr.startswith("Error: the editor")
    assert "your draft is kept at" in result.stderr and result.stderr.count("\n") == 1
    assert (home / "drafts" / "note.md").read_text() == "Half a thought"
    assert len(note_files(home)) == 1

    finishes = fake_editor(tmp_path, "finishes", 'printf " finished." >> "$1"\n')
    result = run_process("note", "--edit", env={**env, "EDITOR": finishes})
    assert result.returncode == 0, result.stderr
    assert "Recovered an unsaved note" in result.stderr
    assert len(note_files(home)) == 2
    recovered = [p for p in note_files(home) if "half" in p.name]
    assert recovered[0].read_text().endswith("+++\nHalf a thought finished.\n")
    assert not (home / "drafts" / "note.md").exists()
    assert os.listdir(home / "drafts") == []


def test_note_from_argument_and_stdin(run, initialized: Path) -> None:
    assert run("note", "From the argument", "--confidential").exit_code == 0
    assert run("note", input="From stdin\nsecond line\n").exit_code == 0
    texts = [p.read_text() for p in note_files(initialized)]
    assert any('privacy = "confidential"' in t and t.endswith("From the argument\n")
               for t in texts)
    assert any(t.endswith("From stdin\nsecond line\n") for t in texts)
    result = run("note", input="   \n")
    assert result.exit_code == 1
    assert result.stderr == "Error: the note is empty: nothing saved\n"
    assert len(note_files(initialized)) == 2
