"""Two (or more) computers of one mentee, for the sync tests: each machine has its own data,
cache and config folders under the test's folder, and runs mentorlog in a real process."""

from __future__ import annotations

import json
import subprocess
import tomllib
from pathlib import Path
from typing import Any

from conftest import run_process


class Machine:
    """One computer: `run` a command at a moment, `ok` one that must succeed."""

    NOW = "2026-12-01T20:00:00+01:00"  # when a command runs unless told

    def __init__(self, root: Path, name: str, identity: Path | None = None) -> None:
        self.name = name
        self.home = root / name
        self.cache = root / f"cache-{name}"
        self.config = root / f"config-{name}"
        self.env = {"MENTORLOG_HOME": str(self.home), "XDG_CACHE_HOME": str(self.cache),
                    "XDG_CONFIG_HOME": str(self.config)}
        if identity is not None:  # a key file shared with another machine
            self.env["MENTORLOG_IDENTITY"] = str(identity)

    def run(self, *args: str, now: str | None = None,
            **env: str) -> subprocess.CompletedProcess[str]:
        return run_process(*args, env={**self.env, "MENTORLOG_NOW": now or self.NOW, **env})

    def ok(self, *args: str, now: str | None = None, **env: str) -> str:
        result = self.run(*args, now=now, **env)
        assert result.returncode == 0, (self.name, args, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr
        return result.stdout

    def json(self, *args: str) -> Any:
        return json.loads(self.ok(*args, "--json"))

    def toml(self, name: str) -> dict[str, Any]:
        return tomllib.loads((self.home / name).read_text())


def bare_remote(root: Path) -> Path:
    """An empty bare git repository for the machines to sync through."""
    bare = root / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(bare)], check=True)
    return bare
