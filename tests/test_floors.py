"""The dependency floors: .ci/floors installs every direct dependency at the lower bound that
pyproject.toml declares and smoke-tests the commands. It builds a venv and downloads, so it
runs only when asked: MENTORLOG_FLOORS=1 python -m pytest tests/test_floors.py (CI can call
.ci/floors directly)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

SCRIPT = ROOT / ".ci" / "floors"
# Read before the autouse fixture points HOME at a temporary folder: pip keeps its cache of
# downloads across runs.
PIP_CACHE = os.environ.get("PIP_CACHE_DIR") or str(Path.home() / ".cache" / "pip")


@pytest.mark.skipif(
    os.environ.get("MENTORLOG_FLOORS", "") != "1",
    reason="builds a venv with every dependency at its floor: set MENTORLOG_FLOORS=1 to run",
)
def test_the_declared_floors_work() -> None:
    env = {**os.environ, "PIP_CACHE_DIR": PIP_CACHE}
    env.setdefault("PYTHON", sys.executable)
    result = subprocess.run(
        ["bash", str(SCRIPT)], env=env, capture_output=True, text=True, timeout=900,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, f"{result.stdout}\n{result.stderr}"
    assert "commands passed with" in result.stdout, result.stdout
