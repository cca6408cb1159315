"""The README's picture: scripts/make_screenshots.py draws `status` of the demo as SVG."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from conftest import ROOT


def svg_text(path: Path) -> str:
    root = ET.parse(path).getroot()  # well-formed, or this raises
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    return " ".join("".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text"))


def test_the_script_draws_status_of_the_demo(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "make_screenshots.py"),
                             str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    text = svg_text(tmp_path / "status.svg").replace("\xa0", " ")
    assert "Mentorship with Grace Okafor" in text
    assert "Next meeting" in text and "Helped others" in text
    assert "Traceback" not in text


def test_the_readme_shows_the_picture_in_docs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "![mentorlog status](docs/status.svg)" in readme
    assert "Mentorship with" in svg_text(ROOT / "docs" / "status.svg").replace("\xa0", " ")
