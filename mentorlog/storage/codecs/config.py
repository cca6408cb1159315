"""config.toml: the Config to and from its TOML table; only known settings, each checked."""

from __future__ import annotations

from typing import Any

from mentorlog.core.config import SETTINGS, Config
from mentorlog.core.errors import MentorlogError, SchemaError
from mentorlog.storage.fields import Fields
from mentorlog.storage.toml import SCHEMA_VERSION

_BY_KEY = {s.key: s for s in SETTINGS}


def config_to_dict(config: Config) -> dict[str, Any]:
    ordered = {s.key: config.values[s.key] for s in SETTINGS if s.key in config.values}
    return {"schema_version": SCHEMA_VERSION, **ordered}


def config_from_dict(data: Any) -> Config:
    f = Fields(data)
    values: dict[str, str] = {}
    for key in data:
        if key == "schema_version":
            continue
        if key not in _BY_KEY:
            raise SchemaError(key, f"unknown setting (known: {', '.join(_BY_KEY)})")
        raw = f.str(key)
        try:
            values[key] = _BY_KEY[key].parse(raw)
        except MentorlogError as e:
            raise SchemaError(key, str(e)) from None
    return Config(values)
