"""Write docs/status.svg, the README's picture: `status` of the demo journal, drawn by Rich.

    python scripts/make_screenshots.py             # rewrite docs/status.svg
    python scripts/make_screenshots.py OUT_DIR     # write status.svg into OUT_DIR

The picture is a real run: the demo journal (mentorlog/cli/demo_plan.py) is built in a temporary
folder with the demo's pinned clock, and the `status` renderer prints it on a recording
Rich console that exports SVG. Run it again after changing `status` or the demo.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WIDTH = 90


def make_status_svg(out_dir: Path) -> Path:
    import io

    from rich.console import Console

    from mentorlog.cli import demo_plan as demo
    from mentorlog.storage.journal import dashboard
    from mentorlog.storage.store import Store
    from mentorlog.views.status import show

    with tempfile.TemporaryDirectory(prefix="mentorlog-screenshot-") as tmp:
        home = Path(tmp) / "journal"
        demo.build(home, demo.PINNED)
        console = Console(record=True, width=WIDTH, file=io.StringIO(), force_terminal=True,
                          color_system="truecolor", highlight=False, emoji=False)
        console.print("[dim]$[/dim] mentorlog status")
        show(dashboard(Store(home), demo.PINNED), console)
    target = out_dir / "status.svg"
    target.write_text(console.export_svg(title="mentorlog status"), encoding="utf-8")
    return target


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(ROOT))  # the package is not installed when run from a clone
    out_dir = Path(argv[0]) if argv else ROOT / "docs"
    out_dir.mkdir(parents=True, exist_ok=True)
    print(f"wrote {make_status_svg(out_dir)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
