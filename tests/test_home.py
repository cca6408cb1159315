"""The default data folder is platformdirs' answer."""

from __future__ import annotations

import pytest

from mentorlog.storage.home import default_home


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
