"""Write the growth report's pictures in docs/ (docs/growing.md shows them):

    python scripts/make_report_pictures.py            # rewrite them in docs/
    python scripts/make_report_pictures.py OUT_DIR    # write them into OUT_DIR
    python scripts/make_report_pictures.py --no-png   # the SVGs and the HTML page only

- report.svg and report-60.svg: `mentorlog report` at 100 and 60 columns, drawn by Rich's
  recording console and exported as SVG (as docs/status.svg is);
- report-export.html: `export --format html` of the same journal (its check-ins are
  `--privacy normal`, so the mood chart has them);
- report-export.png: that page rendered by headless Chromium (the charts are inline SVG).

Every picture is a real run: the demo journal (mentorlog/cli/demo_plan.py), plus check-ins,
skills ratings and a person of the ledger added through the real commands at their moments.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tempfile
from datetime import datetime, time, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WIDTHS = {"report.svg": 100, "report-60.svg": 60}


def growth_steps(home: Path) -> list[tuple[datetime, tuple[str, ...]]]:
    """What the demo does not do: check-ins, skills ratings, an introduction."""
    from mentorlog.cli import demo_plan as demo
    from mentorlog.core.agreement import zone
    from mentorlog.core.dates import localize

    start = demo.first_meeting_day(demo.PINNED.astimezone(zone(demo.MENTEE_TZ)))

    def at(week: int, offset: int = 1, clock: str = "12:00") -> datetime:
        return localize(start + timedelta(weeks=week, days=offset), time.fromisoformat(clock),
                        zone(demo.MENTEE_TZ))

    return [
        (at(0), ("skills", "rate", "testing", "2")),
        (at(0), ("skills", "rate", "code review", "1")),
        (at(3), ("people", "add", "Amara Diallo", "--context", "organises the local meetup")),
        (at(6), ("checkin", "--no-input", "--working", "4", "--keep", "the weekly rhythm",
                 "--change", "agree the task before the last ten minutes",
                 "--privacy", "normal")),
        (at(7), ("skills", "rate", "code review", "2")),
        (at(7), ("followup", "done", "i4", "--outcome", "a slot at the February meetup")),
        (at(11), ("checkin", "--no-input", "--working", "3", "--time", "too-little",
                  "--change", "restart after the break with a clear plan",
                  "--privacy", "normal")),
        (at(15, 0, "22:00"), ("checkin", "--no-input", "--working", "5", "--privacy",
                              "normal")),
        (at(15, 0, "22:05"), ("skills", "rate", "testing", "4")),
        (at(15, 0, "22:06"), ("skills", "rate", "code review", "3")),
    ]


def build_journal(home: Path) -> None:
    from mentorlog.cli import demo_plan as demo

    demo.build(home, demo.PINNED)
    for when, args in growth_steps(home):
        demo._run(home, demo.Step(when, args))


def report_svgs(home: Path, out_dir: Path) -> list[Path]:
    from rich.console import Console

    from mentorlog.cli import demo_plan as demo
    from mentorlog.storage.formats import AGREEMENT
    from mentorlog.storage.growth import growth_report
    from mentorlog.storage.store import Store
    from mentorlog.views.report import renderables

    store = Store(home)
    found = growth_report(store, store.load(AGREEMENT), demo.PINNED.date())
    written = []
    for name, width in WIDTHS.items():
        console = Console(record=True, width=width, file=io.StringIO(), force_terminal=True,
                          color_system="truecolor", highlight=False, emoji=False)
        console.print("[dim]$[/dim] mentorlog report")
        for item in renderables(found, width):
            console.print(item)
        target = out_dir / name
        target.write_text(console.export_svg(title=f"mentorlog report ({width} columns)"),
                          encoding="utf-8")
        written.append(target)
    return written


def export_page(home: Path, out_dir: Path) -> Path:
    from mentorlog.cli import demo_plan as demo

    target = out_dir / "report-export.html"
    target.unlink(missing_ok=True)
    demo._run(home, demo.Step(demo.PINNED, ("export", "--format", "html", "-o", str(target))))
    target.chmod(0o644)  # a page of the docs, not a journal file
    return target


def screenshot(page: Path, out_dir: Path) -> Path:
    """The page as Chromium draws it, headless, with no network (the page needs none)."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        raise SystemExit("chromium is needed for the PNG (apt-get install chromium), or "
                         "pass --no-png")
    target = out_dir / "report-export.png"
    with tempfile.TemporaryDirectory(prefix="mentorlog-chromium-") as profile:
        subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             f"--user-data-dir={profile}", "--window-size=900,2600",
             f"--screenshot={target}", page.resolve().as_uri()],
            check=True, capture_output=True, timeout=120)
    return target


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(ROOT))  # the package is not installed when run from a clone
    png = "--no-png" not in argv
    args = [a for a in argv if a != "--no-png"]
    out_dir = Path(args[0]) if args else ROOT / "docs"
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="mentorlog-report-") as tmp:
        home = Path(tmp) / "journal"
        build_journal(home)
        written = report_svgs(home, out_dir)
        page = export_page(home, out_dir)
        written.append(page)
        if png:
            written.append(screenshot(page, out_dir))
    for path in written:
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
