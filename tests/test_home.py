"""The default data folder is platformdirs' answer, also where mentorlog computes it itself."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import ROOT

from mentorlog.storage.store import default_home


@pytest.mark.parametrize("home", ["/home/ada", "/home/ada/", "//srv/users/ada", "/home/Zoë",
                                  "/", None, "relative/home", ""])
@pytest.mark.parametrize("xdg", [None, "", "/data/xdg", "  ", "relative/xdg"])
def test_the_default_home_is_platformdirs_answer(monkeypatch, home, xdg) -> None:
    from platformdirs import user_data_path

    for name, value in (("HOME", home), ("XDG_DATA_HOME", xdg)):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    assert default_home() == user_data_path("mentorlog")


def test_the_usual_default_home_does_not_import_platformdirs(tmp_path) -> None:
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
    code = ("import sys; from mentorlog.storage.store import default_home; print(default_home()); "
            "print('platformdirs' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                         text=True, check=True).stdout.split("\n")
    assert out[:2] == [str(tmp_path / ".local" / "share" / "mentorlog"), "False"]
