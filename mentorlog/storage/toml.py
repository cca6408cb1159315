"""The TOML text of the data files: schema_version, and parse errors as path:line:col."""

from __future__ import annotations

import os
import re
from typing import Any

from mentorlog.core.errors import FileProblem

SCHEMA_VERSION = 1  # every data file carries it; a newer one is refused, never rewritten
# A file whose format changed since: every version this mentorlog reads, oldest first (its
# codec writes the last). A file not listed here reads SCHEMA_VERSION only.
SCHEMA_VERSIONS: dict[str, tuple[int, ...]] = {
    "opportunities.toml": (1, 2),  # 2: follow-ups (opportunities, todos, introductions)
    # 2: every entry has an id (sync merges them by it)
    "helped.toml": (1, 2),
    "contacts.toml": (1, 2),
    # 2: SMART goals (measure, steps, support); the agreement's horizon (planned_end,
    # renegotiate_on). Each is written as version 1 when it holds none.
    "goals.toml": (1, 2),
    "agreement.toml": (1, 2),
}
_TOML_POS = re.compile(r"\(at line (\d+), column (\d+)\)")


def dump_toml_data(data: dict[str, Any]) -> str:
    """A data file's text: schema_version first, then `data`."""
    import tomli_w

    return tomli_w.dumps({"schema_version": SCHEMA_VERSION, **data})


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def parse_toml(text: str, path: str, line_offset: int = 0) -> dict[str, Any]:
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        message = str(e)
        m = _TOML_POS.search(message)
        what = _TOML_POS.sub("", message).strip()
        if m:
            raise FileProblem(
                path, what, int(m.group(1)) + line_offset, int(m.group(2))
            ) from None
        end = text.count("\n") + 1 + line_offset
        raise FileProblem(path, what.replace("(at end of document)", "").strip(), end, 1) from None
    _check_version(data, path)
    return data


def _check_version(data: dict[str, Any], path: str) -> None:
    version = data.get("schema_version")
    known = SCHEMA_VERSIONS.get(os.path.basename(path), (SCHEMA_VERSION,))
    if version is None:
        raise FileProblem(
            path, f"schema_version: missing (this file needs schema_version = {known[-1]})"
        )
    if isinstance(version, bool) or not isinstance(version, int):
        raise FileProblem(path, f"schema_version: expected a whole number, got {version!r}")
    if version not in known:
        newer = " (written by a newer mentorlog?)" if version > known[-1] else ""
        raise FileProblem(path, f"schema_version {version} is unknown{newer}; this mentorlog "
                                f"reads {' and '.join(map(str, known))}")
