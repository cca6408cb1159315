"""Every test gets its own data folder and a pinned clock; none touches the real home."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
NOW = "2026-11-24T17:00:00+01:00"  # a Tuesday, before the 18:00 slot, in Europe/Berlin

INIT_ARGS = [
    "init", "--no-input",
    "--mentor", "Ada Lovelace", "--mentor-contact", "ada@example.org",
    "--tz", "Europe/Berlin", "--mentor-tz", "America/New_York",
    "--focus", "skill: write better tests", "--focus", "career",
    "--success", "two PRs merged",
    "--hours", "1.5", "--extra-time", "pairing on weekends",
    "--channel", "slack: Mon-Fri 09:00-17:00", "--channel", "email: any, at most 2 a week",
    "--off-limits", "crypto",
    "--slot", "Tue 18:00", "--duration", "60",
    "--gap", "2026-12-21..2027-01-03: holidays", "--gap-plan", "tell each other a week ahead",
    "--goal30", "Ship a PR", "--goal60", "Give a talk", "--goal90", "Lead a feature",
    "--first-task", "Read the contributing guide",
]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--full", action="store_true",
        help="run slow tests at their full counts (same as MENTORLOG_FULL_TESTS=1)",
    )


@pytest.fixture
def full(request: pytest.FixtureRequest) -> bool:
    """True with --full or MENTORLOG_FULL_TESTS=1: slow tests use their full counts."""
    return bool(request.config.getoption("--full")) or os.environ.get(
        "MENTORLOG_FULL_TESTS", ""
    ) not in ("", "0")


@pytest.fixture(autouse=True)
def env_setup(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory,
              monkeypatch: pytest.MonkeyPatch, request) -> Path:
    home = tmp_path / "home"
    monkeypatch.chdir(tmp_path)  # a relative path in a command (export -o x) stays in tmp
    monkeypatch.setenv("MENTORLOG_HOME", str(home))
    monkeypatch.setenv("MENTORLOG_NOW", NOW)
    monkeypatch.setenv("HOME", str(tmp_path / "user-home"))  # nothing may land in the real one
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.delenv("MENTORLOG_MENTORSHIP", raising=False)
    # Each test's tmux sessions get a server of their own: no test (or other run on the
    # machine) can stop another's server. A short path: sockets have a length limit.
    tmux_dir = tempfile.mkdtemp(prefix="ml-tmux-")
    monkeypatch.setenv("TMUX_TMPDIR", tmux_dir)
    request.addfinalizer(lambda: _stop_tmux(tmux_dir))
    # Caches and settings in folders of the test's own beside tmp_path, not in it (some tests
    # compare everything in tmp_path before and after a command). pytest's temp folder, not
    # one removed at teardown: the front-matter cache is written at exit (storage/cache.py).
    xdg = tmp_path_factory.mktemp("xdg")
    monkeypatch.setenv("XDG_CACHE_HOME", str(xdg / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(xdg / "config"))
    return home


def _stop_tmux(folder: str) -> None:
    if shutil.which("tmux"):
        env = {**os.environ, "TMUX_TMPDIR": folder}
        subprocess.run(["tmux", "kill-server"], env=env, capture_output=True, check=False)
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def home(env_setup: Path) -> Path:
    return env_setup


class Result:
    def __init__(self, exit_code: int, stdout: str, stderr: str) -> None:
        self.exit_code = exit_code
        self.stdout = stdout
        self.stderr = stderr

    def __repr__(self) -> str:
        return f"<exit {self.exit_code}\nstdout: {self.stdout}\nstderr: {self.stderr}>"


@pytest.fixture
def run():
    """Run the CLI in-process: run("status", "--json") -> Result(exit_code, stdout, stderr)."""
    from mentorlog.cli import app

    runner = CliRunner()

    def invoke(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> Result:
        result = runner.invoke(app, list(args), input=input, env=env, catch_exceptions=False)
        return Result(result.exit_code, result.stdout, result.stderr)

    return invoke


@pytest.fixture
def initialized(run, home: Path) -> Path:
    result = run(*INIT_ARGS)
    assert result.exit_code == 0, result
    return home


def run_process(*args: str, env: dict[str, str] | None = None, input: str | None = None,
                timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run `python -m mentorlog ARGS` in a real process (for crash and concurrency tests)."""
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "mentorlog", *args],
        env=full_env, input=input, capture_output=True, text=True, timeout=timeout,
    )
