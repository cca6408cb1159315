"""Every read command prints the same bytes with the lite renderer as with Rich.

Real processes, stdout to a pipe, on the docs' fixture journal, at several widths, with and
without NO_COLOR; MENTORLOG_RENDERER=rich forces the Rich console (what every command
printed before mentorlog/lite.py).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from conftest import run_process
from journal_fixture import LATER, build

READ_COMMANDS = [
    ["status"], ["agenda"], ["agreement"], ["goals"], ["goals", "--all"],
    ["goals", "--timeline"], ["task"], ["task", "history"], ["log"], ["log", "-n", "2"],
    ["log", "--grep", "parser"], ["show", "2026-12-01"], ["schedule"], ["schedule", "-n", "12"],
    ["contact", "slack"], ["contact", "email"], ["gap", "list"], ["helped"], ["checklist"],
    ["checklist", "weekly"], ["config", "list"], ["mentorships"], ["check"],
]


def build_read_journal(run, home) -> None:
    """The docs' fixture journal, with a goal whose text wraps and holds markup, and a
    private note whose lock falls where `log` wraps the line (a wide character cropped)."""
    build(run, home)
    assert run("goals", "add", "Give a lightning talk about [bold] parsers and the way "
               "they fold very long lines", "--horizon", "60",
               env={"MENTORLOG_NOW": LATER}).exit_code == 0
    assert run("note", "Wrote tests for the incident review", "--tag", "testing", "--tag",
               "reading", "--tag", "talk", "--private",
               env={"MENTORLOG_NOW": LATER}).exit_code == 0


def test_read_commands_print_rich_s_bytes(run, home) -> None:
    build_read_journal(run, home)
    cases = [(args, {"COLUMNS": str(width), "NO_COLOR": no_color})
             for args in READ_COMMANDS
             for width, no_color in ((60, ""), (80, ""), (100, "1"), (140, ""), (80, "1"))]

    def both(case: tuple[list[str], dict[str, str]]) -> tuple[object, object]:
        args, env = case
        env = {**env, "MENTORLOG_NOW": LATER}
        lite = run_process(*args, env={**env, "MENTORLOG_RENDERER": "lite"})  # no Fallback
        rich = run_process(*args, env={**env, "MENTORLOG_RENDERER": "rich"})
        return ((lite.returncode, lite.stdout, lite.stderr),
                (rich.returncode, rich.stdout, rich.stderr))

    with ThreadPoolExecutor(4) as pool:
        for case, (lite, rich) in zip(cases, pool.map(both, cases), strict=True):
            assert lite == rich, case
            assert "Traceback" not in str(lite[2]), case
