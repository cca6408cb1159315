"""The docs are tested: the command reference is current, and every example in them runs.

Examples are collected from README.md and every docs/*.md page when the tests are
collected, so a page added later is covered without touching this file. A runnable example
is a line in a ```sh / ```bash / ```console / ```shell / plain ``` block that starts with
`mentorlog ` or `$ mentorlog `. A trailing `# ...` comment may say:
  - `exit N`  — the exit code the example is documented to give (default 0);
  - `no-test` — do not run it (it needs an editor, a terminal, or changes the machine).
A pipe or redirect ends the example (`mentorlog status --json | jq .week` runs
`mentorlog status --json`). `init` examples run in an empty data folder; every other
example runs against the journal of tests/journal_fixture.py, three weeks in, with
MENTORLOG_NOW pinned.
"""

from __future__ import annotations

import os
import re
import shlex
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from journal_fixture import LATER, build
from reference_script import gen_reference

from mentorlog.core.checklist import AUTO_CHECKS
from mentorlog.core.checklist_items import ITEMS

DOCS = ROOT / "docs"
RUNNABLE = {"", "sh", "bash", "console", "shell", "shell-session"}
FENCE = re.compile(r"^(```|~~~)\s*([\w-]*)")
ENDS = {"|", "||", "&&", ";", ">", ">>", "<", "2>", "&"}
EXIT = re.compile(r"\bexit (\d+)\b")


class Example:
    def __init__(self, where: str, line: str) -> None:
        self.where = where
        self.line = line
        command, self.comment = split_comment(line.removeprefix("$ "))
        args = shlex.split(command)[1:]
        end = next((i for i, w in enumerate(args) if w in ENDS), len(args))
        self.args = args[:end]
        m = EXIT.search(self.comment)
        self.exit_code = int(m.group(1)) if m else 0
        self.skip = "no-test" in self.comment


def split_comment(line: str) -> tuple[str, str]:
    """(command, comment): a `#` starting a word outside quotes begins the comment."""
    quote = ""
    for i, ch in enumerate(line):
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch == "#" and (i == 0 or line[i - 1].isspace()):
            return line[:i], line[i + 1 :].strip()
    return line, ""


def doc_examples() -> list[Example]:
    found = []
    for page in [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]:
        fence: str | None = None
        lang = ""
        # A line ending in a backslash goes on on the next line, as in a shell.
        text = page.read_text(encoding="utf-8").replace("\\\n", " ")
        for n, raw in enumerate(text.splitlines(), 1):
            m = FENCE.match(raw.strip())
            if m and fence is None:
                fence, lang = m.group(1), m.group(2).lower()
                continue
            if m and raw.strip() == fence:
                fence = None
                continue
            line = raw.strip()
            if fence and lang in RUNNABLE and line.startswith(("mentorlog ", "$ mentorlog ")):
                found.append(Example(f"{page.relative_to(ROOT).as_posix()}:{n}", line))
    return found


def help_examples() -> list[Example]:
    """The `Example:` line of every command's --help."""
    from mentorlog.cli import iter_commands

    found = []
    for path, command in iter_commands():
        for line in (getattr(command, "help", None) or "").splitlines():
            text = line.strip().removeprefix("Example:").strip()
            if line.strip().startswith("Example:") and text.startswith("mentorlog "):
                found.append(Example(f"help of mentorlog {' '.join(path)}".strip(), text))
    return found


@pytest.fixture(autouse=True)
def temporary_folders_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`mentorlog demo` makes a temporary folder: keep it inside the test's own tmp_path."""
    import tempfile

    (tmp_path / "tmp").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))


def run_example(run, home: Path, example: Example) -> None:
    if example.skip:
        pytest.skip(f"{example.where}: marked no-test")
    if example.args[:1] != ["init"]:
        build(run, home)
    result = run(*example.args, env={"MENTORLOG_NOW": LATER, "VISUAL": "true"})
    assert "Traceback" not in result.stdout + result.stderr, result
    assert result.exit_code == example.exit_code, (
        f"{example.where}: `{example.line}` exited {result.exit_code}, "
        f"documented {example.exit_code}\n{result}"
    )


@pytest.mark.parametrize("example", doc_examples(), ids=lambda e: e.where)
def test_doc_example_runs(run, home: Path, example: Example) -> None:
    run_example(run, home, example)


@pytest.mark.parametrize("example", help_examples(), ids=lambda e: e.where)
def test_help_example_runs(run, home: Path, example: Example) -> None:
    run_example(run, home, example)


def test_examples_are_found() -> None:
    pages = {e.where.split(":")[0] for e in doc_examples()}
    assert {"README.md", "docs/checklist.md", "docs/config.md", "docs/json.md"} <= pages
    example = Example("x", "$ mentorlog status --json | jq .week   # exit 1 no-test")
    assert (example.args, example.exit_code, example.skip) == (["status", "--json"], 1, True)


def test_reference_is_current() -> None:
    gen = gen_reference()
    text = gen.render()
    if os.environ.get("MENTORLOG_UPDATE_DOCS"):
        gen.REFERENCE.write_text(text, encoding="utf-8")
    current = gen.REFERENCE.read_text(encoding="utf-8") if gen.REFERENCE.exists() else ""
    assert current == text, (
        f"docs/reference.md is stale. Regenerate it with:\n"
        f"    cd {ROOT} && {sys.executable} scripts/gen_reference.py\n"
        f"(or run this test with MENTORLOG_UPDATE_DOCS=1)"
    )


def test_the_checklist_page_lists_every_item() -> None:
    page = (DOCS / "checklist.md").read_text(encoding="utf-8")
    auto_part, _, hand_part = page.partition("Every other item is ticked by hand")
    for item_id in ITEMS:
        where = auto_part if item_id in AUTO_CHECKS else hand_part
        assert f"`{item_id}`" in where, f"{item_id} is not in the right table of checklist.md"
