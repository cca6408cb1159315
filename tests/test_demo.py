"""`mentorlog demo`: a sample journal of three months, built by the real commands."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from conftest import run_process

from mentorlog.cli import demo_plan as demo

PINNED = demo.PINNED.isoformat()


def files(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".lock"
    }


def test_demo_builds_three_months_and_shows_status(run, home: Path, tmp_path: Path) -> None:
    folder = tmp_path / "sample"
    result = run("demo", "--home", str(folder), env={"MENTORLOG_NOW": PINNED, "COLUMNS": "200"})
    assert result.exit_code == 0, result
    out = result.stdout
    assert "Mentorship with Grace Okafor · week 16 · minimum reached" in out
    assert "Next meeting   Tue 16 Feb 2027 18:00 (in 5 days)" in out
    words = " ".join(out.split())
    assert "12 meetings held, 1 skipped" in words
    assert "Helped others 3 times" in words
    assert f"  mentorlog --home {folder} log\n" in out
    assert f"  rm -r {folder}\n" in out
    assert "Traceback" not in out + result.stderr
    assert not any(line != line.rstrip() for line in out.splitlines())  # no padding in pipes

    written = files(folder)
    meetings = [p for p in written if p.startswith("meetings/")]
    assert len(meetings) == 13  # 12 held and 1 skipped
    assert sum('status = "skipped"' in written[p] for p in meetings) == 1
    assert len([p for p in written if p.startswith("reviews/")]) == 2
    notes = [p for p in written if p.startswith("notes/")]
    assert len(notes) == 5
    assert sum('privacy = "private"' in written[p] for p in notes) == 1
    assert written["questions.toml"].count('status = "answered"') == 2
    assert written["questions.toml"].count('status = "open"') == 2
    assert 'kind = "carried"' in "".join(written[p] for p in written if p.startswith("reviews/"))
    assert {"agreement.toml", "goals.toml", "tasks.toml", "helped.toml", "contacts.toml",
            "opportunities.toml"} <= set(written)
    assert "holidays" in written["agreement.toml"]

    check = run("--home", str(folder), "check")
    assert check.exit_code == 0, check
    assert not home.exists()  # the journal of MENTORLOG_HOME was never touched


def test_a_long_folder_in_a_narrow_terminal_is_explored_with_cd(run, tmp_path: Path) -> None:
    folder = tmp_path / "a-folder-with-a-rather-long-name-for-sixty-columns"
    result = run("demo", "--home", str(folder), env={"MENTORLOG_NOW": PINNED, "COLUMNS": "60"})
    assert result.exit_code == 0, result
    assert f"  cd {folder}\n  mentorlog --home . status\n" in result.stdout
    assert f"  rm -r {folder}\n" in result.stdout


def test_the_demo_journal_reads_well(run, tmp_path: Path) -> None:
    folder = tmp_path / "sample"
    assert run("demo", "--home", str(folder), env={"MENTORLOG_NOW": PINNED}).exit_code == 0
    env = {"MENTORLOG_NOW": PINNED}
    agenda = run("--home", str(folder), "agenda", env=env)
    assert agenda.exit_code == 0, agenda
    assert "Who else should read the design note?" in agenda.stdout
    log = run("--home", str(folder), "log", env=env)
    assert log.exit_code == 0 and "skipped" in log.stdout, log
    checklist = run("--home", str(folder), "checklist", "--json", env=env)
    assert checklist.exit_code == 0, checklist
    goals = run("--home", str(folder), "goals", "--timeline", env=env)
    assert goals.exit_code == 0, goals


def test_demo_is_reproducible(tmp_path: Path) -> None:
    demo.build(tmp_path / "a", demo.PINNED)
    demo.build(tmp_path / "b", demo.PINNED)
    assert files(tmp_path / "a") == files(tmp_path / "b")


@pytest.mark.parametrize("days", range(7))
def test_every_step_is_before_now_whatever_the_weekday(days: int) -> None:
    now = demo.PINNED + timedelta(days=days)
    steps = demo.plan(now)
    assert steps[-1].at < now
    assert steps == sorted(steps, key=lambda s: s.at)
    held = [s for s in steps if s.args[0] == "week"]
    assert len(held) == 12


@pytest.mark.parametrize("now", ["2027-02-09T08:00:00+01:00", "2027-02-10T00:30:00+01:00",
                                 "2026-03-29T12:00:00+02:00"])
def test_demo_on_a_meeting_day_after_midnight_and_across_dst(run, tmp_path: Path,
                                                           now: str) -> None:
    folder = tmp_path / "sample"
    result = run("demo", "--home", str(folder), env={"MENTORLOG_NOW": now})
    assert result.exit_code == 0, result
    assert run("--home", str(folder), "check").exit_code == 0


def test_root_home_flag_is_used_too(run, tmp_path: Path) -> None:
    folder = tmp_path / "sample"
    result = run("--home", str(folder), "demo", env={"MENTORLOG_NOW": PINNED})
    assert result.exit_code == 0, result
    assert (folder / "agreement.toml").exists()


def test_an_empty_folder_is_fine(run, tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    assert run("demo", "--home", str(folder)).exit_code == 0
    assert (folder / "agreement.toml").exists()


def test_demo_refuses_a_folder_that_is_not_empty(run, initialized: Path) -> None:
    before = files(initialized)
    result = run("demo", "--home", str(initialized))
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ")
    assert "not an empty folder" in result.stderr
    assert files(initialized) == before


def test_demo_refuses_a_file(run, tmp_path: Path) -> None:
    target = tmp_path / "a-file"
    target.write_text("mine", encoding="utf-8")
    result = run("demo", "--home", str(target))
    assert result.exit_code == 1 and "not an empty folder" in result.stderr
    assert target.read_text(encoding="utf-8") == "mine"


def test_without_home_it_goes_to_a_new_temporary_folder(tmp_path: Path, home: Path) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    result = run_process("demo", env={"TMPDIR": str(temp), "MENTORLOG_NOW": PINNED})
    assert result.returncode == 0, result.stderr
    (made,) = temp.iterdir()
    assert made.name.startswith("mentorlog-demo-")
    assert (made / "agreement.toml").exists()
    assert f"rm -r {made}" in result.stdout
    assert "Building a sample journal" in result.stderr
    assert not home.exists()  # not $MENTORLOG_HOME


def test_a_failing_step_is_reported(tmp_path: Path) -> None:
    from mentorlog.core.errors import MentorlogError

    folder = tmp_path / "sample"
    step = demo.Step(datetime.fromisoformat(PINNED), ("week", "--no-input"))
    folder.mkdir()
    with pytest.raises(MentorlogError, match="the demo step 'mentorlog week --no-input' failed"):
        demo._run(folder, step)
