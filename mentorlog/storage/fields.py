"""Typed reading of a decoded TOML table, with errors that name the key (pure, no I/O)."""

from __future__ import annotations

import builtins
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from mentorlog.core.errors import SchemaError

_MISSING: Any = object()


class Fields:
    """Reads values out of one TOML table; every mistake is a SchemaError naming its key."""

    def __init__(self, data: Any, prefix: builtins.str = "") -> None:
        if not isinstance(data, dict) and not isinstance(data, Mapping):  # dict: fast
            raise SchemaError(prefix, f"expected a table, got {_kind(data)}")
        self.data = data
        self.prefix = prefix

    def key(self, name: builtins.str) -> builtins.str:
        return f"{self.prefix}.{name}" if self.prefix else name

    def has(self, name: builtins.str) -> bool:
        return name in self.data

    def _get(self, name: builtins.str, default: Any) -> Any:
        if name in self.data:
            return self.data[name]
        if default is _MISSING:
            raise SchemaError(self.key(name), "missing")
        return default

    def str(self, name: builtins.str, default: Any = _MISSING) -> Any:
        value = self._get(name, default)
        if value is default and default is not _MISSING:
            return value
        if not isinstance(value, str):
            raise SchemaError(self.key(name), f"expected a string, got {_kind(value)}")
        return value

    def int(self, name: builtins.str, default: Any = _MISSING, minimum: int | None = None) -> Any:
        value = self._get(name, default)
        if value is default and default is not _MISSING:
            return value
        if isinstance(value, bool) or not isinstance(value, int):
            raise SchemaError(self.key(name), f"expected a whole number, got {_kind(value)}")
        if minimum is not None and value < minimum:
            raise SchemaError(self.key(name), f"expected at least {minimum}, got {value}")
        return value

    def number(self, name: builtins.str, default: Any = _MISSING) -> Any:
        value = self._get(name, default)
        if value is default and default is not _MISSING:
            return value
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise SchemaError(self.key(name), f"expected a number, got {_kind(value)}")
        return float(value)

    def bool(self, name: builtins.str, default: Any = _MISSING) -> Any:
        value = self._get(name, default)
        if value is default and default is not _MISSING:
            return value
        if not isinstance(value, bool):
            raise SchemaError(self.key(name), f"expected true or false, got {_kind(value)}")
        return value

    def date(self, name: builtins.str, default: Any = _MISSING) -> Any:
        value = self._get(name, default)
        if value is default and default is not _MISSING:
            return value
        if isinstance(value, datetime) or not isinstance(value, date):
            raise SchemaError(
                self.key(name), f"expected a date like 2026-11-24, got {_kind(value)}"
            )
        return value

    def datetime(self, name: builtins.str, default: Any = _MISSING) -> Any:
        value = self._get(name, default)
        if value is default and default is not _MISSING:
            return value
        if not isinstance(value, datetime) or value.tzinfo is None:
            raise SchemaError(
                self.key(name),
                f"expected a date and time with an offset like 2026-11-24T18:00:00+01:00, "
                f"got {_kind(value)}",
            )
        return value

    def choice(
        self, name: builtins.str, choices: tuple[builtins.str, ...], default: Any = _MISSING
    ) -> Any:
        value = self.str(name, default)
        if value not in choices:
            raise SchemaError(
                self.key(name), f"expected one of {', '.join(choices)}, got {value!r}"
            )
        return value

    def strings(self, name: builtins.str) -> list[builtins.str]:
        value = self._get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise SchemaError(self.key(name), f"expected a list of strings, got {_kind(value)}")
        return list(value)

    def tables(self, name: builtins.str) -> list[Fields]:
        value = self._get(name, [])
        if not isinstance(value, list):
            raise SchemaError(self.key(name), f"expected a list of tables, got {_kind(value)}")
        where = self.key(name)
        return [Fields(item, f"{where}[{i}]") for i, item in enumerate(value)]

    def table(self, name: builtins.str) -> Fields:
        return Fields(self._get(name, _MISSING), self.key(name))


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()} (a boolean)"
    if isinstance(value, datetime):
        return f"{value.isoformat()} (a date and time)"
    if isinstance(value, date):
        return f"{value.isoformat()} (a date)"
    if isinstance(value, str):
        return f"{value!r} (a string)" if len(value) < 40 else "a string"
    if isinstance(value, int | float):
        return f"{value} (a number)"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, Mapping):
        return "a table"
    return type(value).__name__
