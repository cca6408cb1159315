"""Symbolic links: a link planted at the lock, a data file or a folder inside the data folder
is refused, and its target is never written. (The data folder itself may be a link.)"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import INIT_ARGS

from mentorlog.core.errors import MentorlogError
from mentorlog.storage.documents import Document
from mentorlog.storage.store import Store
from reliability.kinds import KINDS, Kind
from reliability.support import assert_clean_error, driver, mentorlog, snapshot, write_here


@pytest.fixture
def target(tmp_path: Path) -> Path:
    """Someone else's file that a planted link points at."""
    path = tmp_path / "elsewhere" / "precious.txt"
    path.parent.mkdir()
    path.write_bytes(b"precious\n")
    return path


def _untouched(target: Path) -> bool:
    return target.read_bytes() == b"precious\n" and sorted(os.listdir(target.parent)) == [
        "precious.txt"]


@pytest.mark.parametrize("dangling", [False, True])
def test_a_link_at_the_lock_file_is_refused(home: Path, target: Path, dangling: bool) -> None:
    home.mkdir()
    (home / ".lock").symlink_to(target.parent / "new.txt" if dangling else target)
    proc = mentorlog(home, *INIT_ARGS)
    assert_clean_error(proc, f"{home / '.lock'} is a symbolic link")
    assert _untouched(target)
    assert not (home / "agreement.toml").exists()


def test_a_hard_link_at_the_lock_file_is_refused(home: Path, target: Path) -> None:
    home.mkdir()
    os.link(target, home / ".lock")
    proc = mentorlog(home, *INIT_ARGS)
    assert_clean_error(proc, f"{home / '.lock'} is not a plain file of its own")
    assert _untouched(target)


@pytest.mark.parametrize("k", KINDS, ids=lambda k: k.name)
def test_a_link_at_a_data_file_is_refused_for_reading_and_writing(
    k: Kind, home: Path, target: Path
) -> None:
    write_here(home, k, 1)
    path = home / k.rel
    target.write_bytes(path.read_bytes())
    original = target.read_bytes()
    path.unlink()
    path.symlink_to(target)
    proc = driver(home, "write", k.name, "2")
    assert_clean_error(proc, f"{path} is a symbolic link")
    with pytest.raises(MentorlogError, match="symbolic link"):
        k.version(Store(home))
    assert target.read_bytes() == original and path.is_symlink()


def test_commands_refuse_a_linked_agreement(home: Path, target: Path, run) -> None:
    assert run(*INIT_ARGS).exit_code == 0
    target.write_bytes((home / "agreement.toml").read_bytes())
    (home / "agreement.toml").unlink()
    (home / "agreement.toml").symlink_to(target)
    before = target.read_bytes()
    for args in (("status",), ("agreement",), ("check",), ("agreement", "edit")):
        proc = mentorlog(home, *args, EDITOR="true")
        assert proc.returncode == 1 and "Traceback" not in proc.stderr
        assert "agreement.toml is a symbolic link" in proc.stderr
    assert target.read_bytes() == before


@pytest.mark.parametrize("folder", ["notes", "drafts"])
def test_a_linked_folder_inside_the_data_folder_is_refused(
    home: Path, target: Path, folder: str
) -> None:
    home.mkdir()
    (home / folder).symlink_to(target.parent)
    st = Store(home)
    with st.lock(), pytest.raises(MentorlogError, match="symbolic link"):
        st.save_doc(f"{folder}/x.md", Document({"title": "x"}, "x"))
    with pytest.raises(MentorlogError, match="symbolic link"):
        st.list_docs(folder)
    with pytest.raises(MentorlogError, match="symbolic link"):
        st.read_text(f"{folder}/precious.txt")
    assert _untouched(target)


def test_a_planted_link_named_like_a_temp_file_is_swept_not_followed(
    home: Path, target: Path
) -> None:
    home.mkdir()
    (home / ".~agreement.toml.dead.tmp").symlink_to(target)
    write_here(home, KINDS[0], 1)
    assert not os.path.lexists(home / ".~agreement.toml.dead.tmp")
    assert _untouched(target)


def test_the_data_folder_itself_may_be_a_link(tmp_path: Path) -> None:
    real = tmp_path / "synced"
    real.mkdir()
    link = tmp_path / "linked-home"
    link.symlink_to(real)
    proc = mentorlog(link, *INIT_ARGS)
    assert proc.returncode == 0, proc.stderr
    assert (real / "agreement.toml").exists()
    assert snapshot(real)
