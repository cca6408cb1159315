"""scripts/gen_reference.py, loaded as a module (scripts/ is not a package)."""

from __future__ import annotations

import importlib.util
from types import ModuleType

from conftest import ROOT


def gen_reference() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "gen_reference", ROOT / "scripts" / "gen_reference.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
