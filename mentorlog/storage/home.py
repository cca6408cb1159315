"""Which data folder a run works on: `--home`, else MENTORLOG_HOME, else the platform's."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path


def default_home() -> Path:
    """The platform's data folder for mentorlog (platformdirs: ~/.local/share/mentorlog on
    Linux, honouring XDG_DATA_HOME)."""
    from platformdirs import user_data_path

    return user_data_path("mentorlog")


def resolve_home(flag: str | os.PathLike[str] | None,
                 environ: Mapping[str, str] | None = None) -> Path:
    """`--home` beats MENTORLOG_HOME beats the platform's data folder."""
    env = os.environ if environ is None else environ
    if flag:
        return Path(flag).expanduser()
    if env.get("MENTORLOG_HOME"):
        return Path(env["MENTORLOG_HOME"]).expanduser()
    return default_home()
