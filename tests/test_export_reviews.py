"""Exports and goals (issue 17): monthly reviews, goal verdicts and the retrospective in the
markdown and HTML summaries; markdown bodies rendered (and made harmless) in HTML; headings
added by hand stay inside their meeting; an open goal's latest verdict in goals and status."""

from __future__ import annotations

import json
import re
from pathlib import Path

from journal_fixture import LATER, build

from mentorlog.sharing.markdown import demote, to_html

ENV = {"MENTORLOG_NOW": LATER}


def reviewed(run, home: Path) -> None:
    """The fixture journal, then a monthly review on Thu 10 Dec 2026: g1 behind."""
    build(run, home)
    result = run("goals", "review", "--no-input", "--set", "g1=behind: waiting on review",
                 "--set", "g2=on-track", "--went-well", "two **PRs** opened",
                 "--could-improve", "asking earlier", "--next30", "Review a PR", env=ENV)
    assert result.exit_code == 0, result


def test_markdown_export_has_reviews_verdicts_and_the_retrospective(run, home: Path) -> None:
    reviewed(run, home)
    md = run("export", "--format", "md", env=ENV).stdout
    assert ("- g1 Ship a PR (30 days, due 2026-12-24): open — behind (review of 10 Dec 2026)"
            in md)
    assert "- g2 Give a talk (60 days, due 2027-01-23): open — on track (review of 10 Dec 2026)" \
        in md
    assert "## Monthly reviews\n\n### 2026-12-10 (the month since 2026-11-24)\n\n" in md
    assert "- g1 Ship a PR: behind — waiting on review\n- g2 Give a talk: on-track\n" in md
    assert "**What went well?**\n\ntwo **PRs** opened\n" in md
    assert "**Next set:** " in md and "g4 Review a PR (30 days, due 2027-01-09)" in md
    assert "## Retrospective" not in md
    result = run("end", "--no-input", "--went-well", "the weekly rhythm",
                 "--could-improve", "more pairing", "--next", "mentor someone", env=ENV)
    assert result.exit_code == 0, result
    md = run("export", "--format", "md", env=ENV).stdout
    assert "## Retrospective (ended 2026-12-10)\n\n**What went well?**\n\nthe weekly rhythm" in md
    html = run("export", "--format", "html", env=ENV).stdout
    assert "<h2>Retrospective (ended 2026-12-10)</h2>" in html
    assert '<dd class="md"><p>the weekly rhythm</p>\n</dd>' in html


def test_html_export_has_reviews_and_renders_markdown_safely(run, home: Path) -> None:
    reviewed(run, home)
    body = ("Paired with Sam\n\nWe made it **much** faster.\n\n# My own heading\n\n"
            "<script>alert(1)</script> <b onclick=x>raw</b>\n\n"
            "[a talk](https://example.org/talk) [bad](javascript:alert(1)) "
            "[file](file:///etc/passwd) [mail](mailto:ada@example.org)\n\n- one\n- two")
    assert run("note", body, env=ENV).exit_code == 0
    html = run("export", "--format", "html", env=ENV).stdout
    assert "<strong>much</strong>" in html and "**much**" not in html
    assert "<ul>\n<li>one</li>\n<li>two</li>\n</ul>" in html
    assert "<h4>My own heading</h4>" in html  # under the note's <h3>
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b onclick" not in html and "&lt;b onclick=x&gt;" in html
    assert '<a href="https://example.org/talk">a talk</a>' in html
    assert '<a href="mailto:ada@example.org">mail</a>' in html
    assert "javascript:" not in re.findall(r'href="([^"]*)"', html).__str__()
    assert all(h.startswith(("https:", "http:", "mailto:"))
               for h in re.findall(r'href="([^"]*)"', html))
    assert "<h2>Monthly reviews</h2>" in html
    assert "g1 Ship a PR: <span class=\"status status-behind\">behind</span> — waiting on review" \
        in html
    assert "<p>two <strong>PRs</strong> opened</p>" in html
    assert ('<span class="verdict verdict-behind">behind (review of 10 Dec 2026)</span>'
            in html)


def test_hand_added_headings_stay_inside_their_meeting(run, home: Path) -> None:
    build(run, home)
    meeting = home / "meetings" / "2026-12-01.md"
    text = meeting.read_text()
    meeting.write_text(text.replace("read it all", "read it all\n\n## Extra section\n\n"
                                    "# Even a title\n\nmore words"))
    md = run("export", "--format", "md", env=ENV).stdout
    assert "\n## Extra section" not in md and "\n# Even a title" not in md
    assert "\n##### Extra section\n" in md and "\n#### Even a title\n" in md
    # every top-level section of the summary is one the summary made
    assert [line for line in md.splitlines() if line.startswith("## ")] == [
        line for line in md.splitlines() if line.startswith("## ") and not line.startswith(
            ("## Extra", "## Even"))]
    html = run("export", "--format", "html", env=ENV).stdout
    assert "<h5>Extra section</h5>" in html and "<h4>Even a title</h4>" in html
    assert "<h2>Extra section</h2>" not in html


def test_demote_leaves_code_alone() -> None:
    text = "## A\n```\n## code\n```\n###### six\n#not a heading"
    assert demote(text, 3) == "##### A\n```\n## code\n```\n###### six\n#not a heading"
    assert to_html("![img](https://example.org/x.png)").count("<img") == 0


def test_goals_and_status_show_the_latest_verdict(run, home: Path) -> None:
    reviewed(run, home)
    goals = run("goals", env=ENV).stdout
    row = next(line for line in goals.splitlines() if "g1 Ship a PR" in line)
    assert row.rstrip().endswith("behind")
    assert "10 Dec 2026" in goals.splitlines()[goals.splitlines().index(row) + 1]
    status = run("status", env=ENV).stdout
    assert "behind, 10 Dec" in status and "on track, 10 Dec" in status
    data = json.loads(run("status", "--json", env=ENV).stdout)
    g1 = next(g for g in data["goals"] if g["id"] == "g1")
    assert g1["latest_verdict"] == {"verdict": "behind", "on": "2026-12-10"}
    g4 = next(g for g in data["goals"] if g["id"] == "g4")
    assert g4["latest_verdict"] is None  # set at the review, never judged
    export = json.loads(run("export", "--format", "json", env=ENV).stdout)
    assert export["goals"][0]["latest_verdict"] == {"verdict": "behind", "on": "2026-12-10"}
    assert export["reviews"][0]["verdicts"][0]["verdict"] == "behind"
