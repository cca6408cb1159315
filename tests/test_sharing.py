"""Sharing: the progress summary in md/json/html never leaks private or confidential text."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import tempfile
from pathlib import Path

import pytest
from conftest import INIT_ARGS

LATER = {"MENTORLOG_NOW": "2026-11-24T20:00:00+01:00"}

# Every text that must stay out of an export unless included, by privacy level.
PRIVATE = ["PRIVNOTE7731", "PRIVQUESTION7732", "PRIVMEETING7733", "PRIVTASK7734"]
CONFIDENTIAL = ["CONFNOTE8841", "CONFQUESTION8842", "CONFMEETING8843", "CONFANSWER8844",
                "CONFOPPORTUNITY8845", "CONFTASK8846"]


@pytest.fixture
def journal(run, home: Path) -> Path:
    """Three held meetings (private, confidential, normal), notes and questions at every level."""
    steps = [
        (*INIT_ARGS, "--start", "2026-10-01"),
        ("note", "Paired with Sam on the parser\n\nWe wrote property tests.", "--tag", "pairing"),
        ("note", "PRIVNOTE7731 only for me", "--private"),
        ("note", "CONFNOTE8841 told in confidence", "--confidential"),
        ("ask", "PRIVQUESTION7732 how do I ask for a raise?", "--private"),
        ("ask", "CONFQUESTION8842 about the reorg", "--confidential"),
        ("ask", "How do you review a large PR?"),
        ("week", "--no-input", "--date", "2026-11-10", "--private",
         "--notes", "PRIVMEETING7733 notes", "--next-task", "PRIVTASK7734",
         "--task-status", "done"),
        ("week", "--no-input", "--date", "2026-11-17", "--confidential", "--task-status", "done",
         "--went-well", "CONFMEETING8843 went well", "--answer", "q2=CONFANSWER8844",
         "--mentor-watch", "CONFOPPORTUNITY8845", "--next-task", "CONFTASK8846"),
    ]
    for args in steps:
        result = run(*args)
        assert result.exit_code == 0, result
    result = run("week", "--no-input", "--task-status", "partly", "--went-well", "Good talk",
                 "--asked", "Free question text", "--answer", "q1=private answer",
                 "--answer", "q3=Commit by commit", "--next-task", "Write the tests",
                 "--mentor-watch", "a conference talk", env=LATER)
    assert result.exit_code == 0, result
    return home


def export(run, fmt: str, *flags: str):
    result = run("export", "--format", fmt, *flags, env=LATER)
    assert result.exit_code == 0, result
    return result


@pytest.mark.parametrize("fmt", ["md", "json", "html"])
def test_no_private_or_confidential_text_unless_asked(run, journal: Path, fmt: str) -> None:
    plain = export(run, fmt)
    for marker in PRIVATE + CONFIDENTIAL:
        assert marker not in plain.stdout, (fmt, marker)
    assert "Paired with Sam on the parser" in plain.stdout
    assert "Commit by commit" in plain.stdout
    assert plain.stderr == ("Left out 3 confidential and 3 private entries (add "
                            "--include-confidential / --include-private to include them).\n")

    private = export(run, fmt, "--include-private")
    for marker in PRIVATE:
        assert marker in private.stdout, (fmt, marker)
    for marker in CONFIDENTIAL:
        assert marker not in private.stdout, (fmt, marker)
    assert "3 private" not in private.stderr

    both = export(run, fmt, "--include-private", "--include-confidential")
    for marker in PRIVATE + CONFIDENTIAL:
        assert marker in both.stdout, (fmt, marker)
    assert both.stderr == ""


def test_json_shape_and_left_out_count(run, journal: Path) -> None:
    data = json.loads(export(run, "json").stdout)
    assert data["left_out"] == {"private": 3, "confidential": 3}
    assert data["mentor"] == {"name": "Ada Lovelace", "tz": "America/New_York"}
    assert data["focus"] == [{"kind": "skill", "text": "write better tests"},
                             {"kind": "career", "text": ""}]
    assert data["success"] == ["two PRs merged"]
    assert [g["status"] for g in data["goals"]] == ["open", "open", "open"]
    assert data["hours"]["meetings_held"] == 3
    days = [m["date"] for m in data["meetings"]]
    assert days == ["2026-11-10", "2026-11-17", "2026-11-24"]
    hidden = data["meetings"][1]
    assert hidden["notes_left_out"] and hidden["notes"] == []
    assert hidden["task_set"] == {"id": "t3", "text": None, "status": "partly",
                                  "outcome": "Good talk"}
    assert hidden["task_reviewed"] == {"id": "t2", "text": None, "status": "done",
                                       "outcome": None}
    shown = data["meetings"][2]
    assert shown["task_set"]["text"] == "Write the tests"
    asked = next(n["text"] for n in shown["notes"] if n["question"] == "Questions asked")
    assert "Free question text" in asked and "q3: How do you review" in asked
    assert "q1" not in asked
    assert [n["title"] for n in data["notes"]] == ["Paired with Sam on the parser"]
    assert [q["id"] for q in data["questions"]] == ["q3"]
    assert [o["text"] for o in data["opportunities"]] == ["a conference talk"]
    assert data["current_task"]["text"] == "Write the tests"


def test_since_limits_meetings_notes_and_questions(run, journal: Path) -> None:
    data = json.loads(export(run, "json", "--since", "2026-11-20").stdout)
    assert [m["date"] for m in data["meetings"]] == ["2026-11-24"]
    assert data["since"] == "2026-11-20"
    assert data["left_out"] == {"private": 2, "confidential": 2}  # the notes and questions


def test_written_0600_atomically_and_never_over_a_file(run, journal: Path, tmp_path: Path) -> None:
    target = tmp_path / "progress.html"
    result = run("export", "--format", "html", "-o", str(target), env=LATER)
    assert result.exit_code == 0, result
    assert result.stderr.startswith(f"Wrote {target}.\nLeft out ")
    assert result.stdout == ""
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    first = target.read_text()
    result = run("export", "--format", "md", "-o", str(target), env=LATER)
    assert result.exit_code == 1
    assert result.stderr == f"Error: {target} already exists (use --force to replace it)\n"
    assert target.read_text() == first
    result = run("export", "--format", "md", "-o", str(target), "--force", env=LATER)
    assert result.exit_code == 0, result
    assert target.read_text().startswith("# Mentorship with Ada Lovelace")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".~")] == []


def test_html_is_self_contained_and_escaped(run, journal: Path) -> None:
    result = run("note", '<script>alert("x")</script> & <img src=http://evil.example/x.png>',
                 env=LATER)
    assert result.exit_code == 0, result
    page = export(run, "html").stdout
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img" in page
    tags = re.findall(r"<[a-zA-Z][^>]*>", page)  # real tags: user text has no bare '<'
    assert not [t for t in tags if re.search(r"\b(src|href)=", t)]
    assert not [t for t in tags if t.startswith(("<link", "<script", "<iframe", "<object"))]
    assert "url(" not in page and "@import" not in page


def test_bad_since_and_format(run, journal: Path) -> None:
    result = run("export", "--format", "pdf")
    assert result.exit_code == 2
    result = run("export", "--format", "md", "--since", "someday")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ")


def _chromium() -> str | None:
    return next((p for p in map(shutil.which, ("chromium", "chromium-browser",
                                               "google-chrome")) if p), None)


@pytest.mark.skipif(_chromium() is None, reason="headless Chromium is not installed")
def test_html_renders_in_headless_chromium(run, journal: Path, tmp_path: Path) -> None:
    page = tmp_path / "progress.html"
    assert run("export", "--format", "html", "-o", str(page), env=LATER).exit_code == 0
    shot = tmp_path / "shot.png"
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [str(_chromium()), "--headless", "--no-sandbox", "--disable-gpu",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--no-first-run", f"--user-data-dir={profile}", f"--screenshot={shot}",
             "--window-size=1000,1400", page.as_uri()],
            capture_output=True, timeout=120, check=False,
        )
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 20_000  # a blank page is a few kB; this one has headings and tables


# --- privacy marks in the journal's own views ---------------------------------------------


def test_week_takes_its_privacy_from_config(run, initialized: Path) -> None:
    assert run("config", "set", "meeting_privacy", "confidential").exit_code == 0
    result = run("week", "--no-input", "--task-status", "done", "--next-task", "x", env=LATER)
    assert result.exit_code == 0, result
    assert 'privacy = "confidential"' in (initialized / "meetings/2026-11-24.md").read_text()
    result = run("week", "--no-input", "--force", "--private", "--task-status", "done",
                 "--next-task", "y", env=LATER)
    assert result.exit_code == 0, result
    assert 'privacy = "private"' in (initialized / "meetings/2026-11-24.md").read_text()


def test_log_and_agenda_mark_private_and_confidential(run, journal: Path) -> None:
    log = run("log", env=LATER).stdout
    assert "PRIVNOTE7731 only for me 🔒 private" in log
    assert "CONFNOTE8841 told in confidence 🔒 confidential" in log
    assert "🔒 confidential" in next(line for line in log.splitlines() if "2026-11-17" in line)
    run("ask", "PRIVQ2 later", "--private", env=LATER)
    agenda = run("agenda", env=LATER).stdout
    assert "PRIVQ2 later 🔒 private" in agenda
    md = run("agenda", "--format", "md", "--include-private", env=LATER).stdout
    assert "PRIVQ2 later (private)" in md
    assert run("agenda", "--format", "md", env=LATER).stdout.count("PRIVQ2") == 0


# --- auto-commit ----------------------------------------------------------------------------


def git_log(home: Path) -> list[str]:
    out = subprocess.run(["git", "-C", str(home), "log", "--format=%s"], capture_output=True,
                         text=True, check=True).stdout
    return out.splitlines()


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_autocommit_commits_each_change_with_what_changed(run, initialized: Path) -> None:
    assert run("sync", "--init").exit_code == 0
    assert run("note", "before autocommit").exit_code == 0
    assert git_log(initialized) == ["mentorlog: start syncing"]  # off by default
    assert run("config", "set", "sync_autocommit", "on").exit_code == 0
    assert run("note", "Paired with Sam", "--tag", "pairing").exit_code == 0
    assert run("ask", "How do you plan a week?").exit_code == 0
    assert run("status").exit_code == 0  # reads only: no commit
    assert run("export", "--format", "md").exit_code == 0
    assert run("ask", "").exit_code == 1  # failed: nothing written, nothing committed
    log = git_log(initialized)
    assert log[:3] == ["mentorlog ask: questions.toml added", "mentorlog note: note added",
                       "mentorlog config: config.toml added, note added"]
    status = subprocess.run(["git", "-C", str(initialized), "status", "--porcelain"],
                            capture_output=True, text=True, check=True).stdout
    assert status == ""


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_autocommit_without_a_repository_does_nothing(run, initialized: Path) -> None:
    assert run("config", "set", "sync_autocommit", "on").exit_code == 0
    result = run("note", "no git here")
    assert result.exit_code == 0 and result.stderr == ""
    assert not (initialized / ".git").exists()


def test_store_says_when_it_wrote(tmp_path: Path) -> None:
    from mentorlog.storage.store import Store

    st = Store(tmp_path / "data")
    assert not st.wrote
    st.read_bytes("x.toml")
    assert not st.wrote
    with st.lock():
        st.write_text("x.toml", "schema_version = 1\n")
    assert st.wrote
    assert os.listdir(tmp_path / "data")
