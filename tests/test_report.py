"""`mentorlog report` (issue 18): the growth report of a three-month journal lived through
the CLI, its JSON checked against what the script did; the charts at 100 and 60 columns and
in a pipe; --since/--until; errors; the report at `end`; the SVG charts of the HTML export."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from conftest import INIT_ARGS

from mentorlog.core import report
from mentorlog.core.agreement import Agreement, Mentor
from mentorlog.core.checkins import CheckIn
from mentorlog.core.meetings import Meeting

MONTH_KEYS = {"month", "meetings", "hours", "tasks_done", "tasks_total", "goals_done",
              "questions_answered"}


def _init_args(start: str) -> list[str]:
    return [*INIT_ARGS, "--start", start]


class Journal:
    """Commands run at a moment, and a tally of what they did, month by month."""

    def __init__(self, run) -> None:
        self.run = run
        self.now = ""
        self.tally: dict[str, Counter[str]] = {}
        self.moods: dict[str, list[int]] = {}

    def at(self, moment: str) -> Journal:
        self.now = moment
        return self

    def __call__(self, *args: str) -> str:
        result = self.run(*args, env={"MENTORLOG_NOW": self.now})
        assert result.exit_code == 0, (self.now, args, result)
        return result.stdout

    def count(self, day: str, key: str, amount: int = 1) -> None:
        self.tally.setdefault(day[:7], Counter())[key] += amount

    def meeting(self, day: str, task_status: str, minutes: int | None,
                *extra: str) -> None:
        """A weekly meeting on `day` (recorded that evening) reviewing last week's task."""
        self.at(f"{day}T20:00:00+01:00")
        length = ["--duration", str(minutes)] if minutes else []
        self("week", "--no-input", "--date", day, "--task-status", task_status,
             "--next-task", f"task after {day}", *length, *extra)
        self.count(day, "meetings")
        self.count(day, "minutes", minutes or 60)  # the agreed 60 when no length is given
        self.count(day, "tasks_total")
        if task_status == "done":
            self.count(day, "tasks_done")

    def skip(self, day: str) -> None:
        self.at(f"{day}T20:00:00+01:00")
        self("skip", "--date", day, "--reason", "ill")

    def checkin(self, day: str, working: int) -> None:
        self.at(f"{day}T12:00:00+01:00")
        self("checkin", "--no-input", "--working", str(working), "--date", day)
        self.moods.setdefault(day[:7], []).append(working)


@pytest.fixture
def three_months(run) -> Journal:
    """September to November 2026: 8 meetings held, 2 skipped, 2 not recorded; tasks done,
    partly and not done; two goals done; three questions answered; three check-ins."""
    j = Journal(run).at("2026-09-01T17:00:00+02:00")
    j(*_init_args("2026-09-01"))
    j.at("2026-09-10T09:00:00+02:00")("ask", "How do I split a big PR?")
    j.meeting("2026-09-08", "done", 60)
    j.meeting("2026-09-15", "partly", 45, "--answer", "q1=one concern per PR")
    j.count("2026-09-15", "questions_answered")
    j.at("2026-09-20T10:00:00+02:00")("goals", "done", "g1")
    j.count("2026-09-20", "goals_done")
    j.skip("2026-09-22")
    j.meeting("2026-09-29", "done", 90)
    j.at("2026-10-01T09:00:00+02:00")("ask", "Which conference first?")
    j.at("2026-10-02T09:00:00+02:00")("answer", "q2", "a local meetup")
    j.count("2026-10-02", "questions_answered")
    j.meeting("2026-10-06", "not-done", 60)
    j.meeting("2026-10-13", "done", 60)
    j.checkin("2026-10-13", 4)
    j.at("2026-10-20T09:00:00+02:00")("ask", "How do reviews work here?")
    j.meeting("2026-10-20", "done", None)
    j.skip("2026-10-27")
    j.meeting("2026-11-03", "done", 30, "--answer", "q3=two approvals")
    j.count("2026-11-03", "questions_answered")
    j.at("2026-11-05T10:00:00+01:00")("goals", "done", "g2")
    j.count("2026-11-05", "goals_done")
    j.meeting("2026-11-10", "partly", 60)
    j.checkin("2026-11-10", 2)
    j.checkin("2026-11-12", 3)
    return j.at("2026-11-24T17:00:00+01:00")


def test_three_months_report_json_matches_what_the_script_did(three_months: Journal) -> None:
    j = three_months
    data = json.loads(j("report", "--json"))
    assert data["since"] == "2026-09-01" and data["until"] == "2026-11-24"
    assert [m["month"] for m in data["months"]] == ["2026-09", "2026-10", "2026-11"]
    for m in data["months"]:
        assert set(m) == MONTH_KEYS
        did = j.tally[m["month"]]
        assert m["meetings"] == did["meetings"]
        assert m["hours"] == round(did["minutes"] / 60, 2)
        assert m["tasks_done"] == did["tasks_done"]
        assert m["tasks_total"] == did["tasks_total"]
        assert m["goals_done"] == did["goals_done"]
        assert m["questions_answered"] == did["questions_answered"]
    # the same figures written out, so a wrong tally cannot hide a wrong report
    assert [(m["meetings"], m["hours"], m["tasks_done"], m["tasks_total"], m["goals_done"],
             m["questions_answered"]) for m in data["months"]] == [
        (3, 3.25, 2, 3, 1, 1), (3, 3.0, 2, 3, 0, 1), (2, 1.5, 1, 2, 1, 1)]
    assert data["tasks"][0] == {"month": "2026-09", "done": 2, "partly": 1, "not_done": 0}
    assert [c["mood"] for c in data["checkins"]] == [
        None, *(sum(v) / len(v) for v in (j.moods["2026-10"], j.moods["2026-11"]))]
    assert data["skills"] == []
    # `status` counts the same meetings (the first meeting, recorded by init, is not one)
    status = json.loads(j("status", "--json"))
    assert status["meetings_held"] == sum(m["meetings"] for m in data["months"]) == 8


def test_since_and_until_take_days_and_months(three_months: Journal) -> None:
    j = three_months
    october = json.loads(j("report", "--since", "2026-10", "--until", "2026-10", "--json"))
    assert (october["since"], october["until"]) == ("2026-10-01", "2026-10-31")
    assert [m["month"] for m in october["months"]] == ["2026-10"]
    assert october["months"][0]["meetings"] == 3
    part = json.loads(j("report", "--since", "2026-10-10", "--until", "2026-11-04", "--json"))
    assert [(m["month"], m["meetings"]) for m in part["months"]] == [
        ("2026-10", 2), ("2026-11", 1)]


def test_the_report_draws_a_sparkline_and_bars_per_measure(three_months: Journal) -> None:
    text = three_months("report")
    assert text.startswith("Growth report, Tue 1 Sep 2026 to Tue 24 Nov 2026 (3 months)\n")
    assert re.search(r"Meetings held +[▁-█]{3} 8 in all", text)
    assert re.search(r"Hours +[▁-█]{3} 7\.75 h in all", text)
    assert "Tasks done          " in text and "5 of 8 done, 2 partly" in text
    assert re.search(r"Check-in mood \(1-5\) ·[▁-█]{2} 3\.0 on average, 3 check-ins", text)
    bars = [line for line in text.splitlines() if line.startswith("  2026-")]
    assert len(bars) == 6 * 3  # a bar a month for each of the six measures
    assert all(len(line) <= 100 for line in text.splitlines())
    assert "\x1b" not in text  # a pipe gets plain text
    assert "  2026-09 ██" in text


def test_the_report_fits_60_columns(three_months: Journal) -> None:
    result = three_months.run("report", env={"MENTORLOG_NOW": three_months.now,
                                             "COLUMNS": "60"})
    assert result.exit_code == 0
    assert all(len(line) <= 60 for line in result.stdout.splitlines())
    assert "Tasks reviewed: █ done ▒ partly ░ not done" in result.stdout


def test_report_errors_are_one_line_and_exit_1(run, initialized: Path) -> None:
    result = run("report", "--since", "2026-12-01", "--until", "2026-11-01")
    assert result.exit_code == 1
    assert result.stderr == ("Error: --since 2026-12-01 is after --until 2026-11-01: nothing "
                             "to report\n")
    result = run("report", "--since", "2026-13")
    assert result.exit_code == 1
    assert result.stderr == "Error: '2026-13' is not a month: a month is 01 to 12, not 13\n"
    result = run("report", "--since", "someday")
    assert result.exit_code == 1 and result.stderr.startswith("Error: ")


def test_the_report_stays_inside_the_mentorship(run, initialized: Path) -> None:
    """A --since before the first meeting starts at it and an --until after today stops
    today: no empty months before the mentorship or still to come."""
    assert run("skills", "rate", "testing", "2").exit_code == 0
    data = json.loads(run("report", "--since", "2020-01", "--until", "2030-06", "--json").stdout)
    assert (data["since"], data["until"]) == ("2026-11-24", "2026-11-24")
    assert [m["month"] for m in data["months"]] == ["2026-11"]
    text = run("report", "--since", "2020-01", env={"COLUMNS": "60"}).stdout
    assert text.startswith("Growth report, Tue 24 Nov 2026 to Tue 24 Nov 2026 (1 month)\n")
    assert "2020-01" not in text and "…" not in text
    before = run("report", "--until", "2026-10")
    assert before.exit_code == 1
    assert before.stderr == ("Error: nothing to report up to 2026-10-31: the mentorship "
                             "began on 2026-11-24\n")
    ended = {"MENTORLOG_NOW": "2027-03-02T10:00:00+01:00"}
    assert run("end", "--no-input", env={"MENTORLOG_NOW": "2027-03-01T10:00:00+01:00"}
               ).exit_code == 0
    data = json.loads(run("report", "--until", "2027-05", "--json", env=ended).stdout)
    assert data["until"] == "2027-03-01"  # the day it ended
    late = run("report", "--since", "2027-03-02", env=ended)
    assert late.exit_code == 1
    assert late.stderr == ("Error: nothing to report from 2027-03-02: the mentorship ended "
                           "on 2027-03-01\n")
    page = run("export", "--format", "html", "--since", "2027-03-02", env=ended)
    assert page.exit_code == 0 and "<svg" not in page.stdout  # no month to chart: no charts


def test_a_mentorship_still_to_begin_has_nothing_to_report_yet(run, home: Path) -> None:
    """The first meeting recorded ahead (init --start next week): `report` says so, and the
    HTML export still works, without charts."""
    assert run(*INIT_ARGS, "--start", "2026-12-01").exit_code == 0
    result = run("report")
    assert result.exit_code == 1
    assert result.stderr == ("Error: nothing to report yet: the mentorship begins on "
                             "2026-12-01\n")
    page = run("export", "--format", "html")
    assert page.exit_code == 0, page
    assert "<svg" not in page.stdout and "Growth, month by month" not in page.stdout


def test_report_before_init_says_so(run, home: Path) -> None:
    result = run("report")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ")
    assert "init" in result.stderr


def test_a_new_journal_reports_one_empty_month(run, initialized: Path) -> None:
    data = json.loads(run("report", "--json").stdout)
    assert data["months"] == [{"month": "2026-11", "meetings": 0, "hours": 0.0,
                               "tasks_done": 0, "tasks_total": 0, "goals_done": 0,
                               "questions_answered": 0}]
    assert "no check-ins yet" in run("report").stdout


def test_skills_ratings_are_in_the_report(run, initialized: Path) -> None:
    assert run("skills", "rate", "testing", "2", "--date", "2026-11-20").exit_code == 0
    assert run("skills", "rate", "testing", "4").exit_code == 0
    data = json.loads(run("report", "--json").stdout)
    assert data["skills"] == [{"name": "testing", "ratings": [
        {"date": "2026-11-20", "level": 2}, {"date": "2026-11-24", "level": 4}]}]
    assert re.search(r"  testing [▁-█]{2} 2 → 4 \(of 5, 2 ratings\)", run("report").stdout)


def test_a_long_skill_name_keeps_every_skills_chart_at_60_columns(run, initialized: Path) -> None:
    long = "Writing maintainable end-to-end tests for the command line"
    assert run("skills", "rate", "Writing tests", "2", "--date", "2026-11-20").exit_code == 0
    assert run("skills", "rate", "Writing tests", "4").exit_code == 0
    assert run("skills", "rate", long, "3", "--new").exit_code == 0
    text = run("report", env={"COLUMNS": "60"}).stdout
    skills = text[text.index("Skills (1-5)"):]
    assert all(len(line) <= 60 for line in text.splitlines())
    assert re.search(r"  Writing tests +[▁-█]{2} 2 → 4 \(of 5, 2 ratings\)", skills), skills
    assert re.search(r"  Writing maintainable +[▁-█] +3 \(of 5, 1 rating\)", skills), skills
    assert "\n  end-to-end tests" in skills or "\n  tests for the command" in skills  # wrapped


def test_end_shows_the_whole_report(three_months: Journal) -> None:
    text = three_months("end", "--no-input", "--went-well", "rhythm", "--next", "mentor")
    assert text.startswith("Ended your mentorship with Ada Lovelace on 2026-11-24.")
    assert "Growth report, Tue 1 Sep 2026 to Tue 24 Nov 2026 (3 months)" in text
    assert re.search(r"Meetings held +[▁-█]{3} 8 in all", text)


def test_html_export_has_inline_svg_charts_and_keeps_private_moods_out(
        three_months: Journal) -> None:
    page = three_months("export", "--format", "html")
    assert "<h2>Growth, month by month</h2>" in page
    assert page.count("<svg ") == 6
    assert "<script" not in page and "href=" not in page and "src=" not in page
    assert 'aria-label="Meetings held, month by month"' in page
    # the check-ins are private: the mood chart shows none of them
    mood = page[page.index('aria-label="Check-in mood (1-5)'):]
    mood = mood[:mood.index("</svg>")]
    assert "<rect" not in mood
    with_private = three_months("export", "--format", "html", "--include-private")
    mood = with_private[with_private.index('aria-label="Check-in mood (1-5)'):]
    assert mood[:mood.index("</svg>")].count("<rect") == 2


def test_html_charts_escape_skill_names(run, initialized: Path) -> None:
    assert run("skills", "rate", "<b>&css</b>", "3").exit_code == 0
    page = run("export", "--format", "html").stdout
    assert "<b>&css</b>" not in page
    assert "&lt;b&gt;&amp;css&lt;/b&gt;" in page


def test_build_is_pure_and_counts_by_month() -> None:
    agreement = Agreement(Mentor("Ada", tz="America/New_York"), "Europe/Berlin",
                          date(2026, 9, 1), duration=60)
    meetings = [Meeting(date(2026, 9, 8), duration=30, task="t1", task_status="done"),
                Meeting(date(2026, 9, 9), status="skipped"),
                Meeting(date(2026, 10, 6), task="t2", task_status="not-done")]
    checkins = [CheckIn(date(2026, 10, 1), 5), CheckIn(date(2026, 10, 2), 2)]
    r = report.build(agreement, date(2026, 9, 1), date(2026, 10, 31), meetings,
                     checkins=checkins)
    assert [report.month_json(m) for m in r.months] == [
        {"month": "2026-09", "meetings": 1, "hours": 0.5, "tasks_done": 1, "tasks_total": 1,
         "goals_done": 0, "questions_answered": 0},
        {"month": "2026-10", "meetings": 1, "hours": 1.0, "tasks_done": 0, "tasks_total": 1,
         "goals_done": 0, "questions_answered": 0}]
    assert [m.mood for m in r.months] == [None, 3.5]
    assert report.months_between(date(2026, 11, 30), date(2027, 2, 1)) == [
        "2026-11", "2026-12", "2027-01", "2027-02"]


def test_the_pictures_script_draws_the_report_of_the_demo(tmp_path: Path) -> None:
    """docs/report.svg, report-60.svg and report-export.html, as the script draws them."""
    import subprocess
    import sys
    import xml.etree.ElementTree as ET

    from conftest import ROOT

    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "make_report_pictures.py"),
                             str(tmp_path), "--no-png"], capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    for name in ("report.svg", "report-60.svg"):
        root = ET.parse(tmp_path / name).getroot()
        text = " ".join("".join(t.itertext()) for t in
                        root.iter("{http://www.w3.org/2000/svg}text")).replace("\xa0", " ")
        assert "Growth report" in text and "Meetings held" in text and "Skills" in text
        assert "Traceback" not in text
    page = (tmp_path / "report-export.html").read_text(encoding="utf-8")
    assert page.count("<svg ") == 7 and "<script" not in page
    for name in ("report.svg", "report-60.svg", "report-export.png"):
        assert (ROOT / "docs" / name).stat().st_size > 10_000, name
    assert "](report-export.png)" in (ROOT / "docs" / "growing.md").read_text(encoding="utf-8")
