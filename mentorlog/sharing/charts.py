"""The growth report as inline SVG charts for the HTML export: a bar a month for each measure,
the reviewed tasks stacked by outcome, each skill's ratings as a line. No script and nothing
loaded from elsewhere; every text from the journal goes through `html.escape`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape

from mentorlog.core import report as figures
from mentorlog.core.report import Measure, Report, SkillSeries

WIDTH, HEIGHT = 640, 170
LEFT, RIGHT, TOP, BOTTOM = 40, 12, 34, 30
PLOT_W, PLOT_H = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
INK, DIM, LINE = "#1f2328", "#59636e", "#d1d9e0"
COLOURS = {"meetings": "#0b6e4f", "hours": "#2f7d95", "tasks_done": "#0b6e4f",
           "goals_done": "#8250df", "questions_answered": "#1f6feb", "mood": "#bf8700"}
TASK_COLOURS = {"done": "#0b6e4f", "partly": "#d4a72c", "not done": "#cf222e"}
SKILL_COLOURS = ("#0b6e4f", "#8250df", "#1f6feb", "#bf8700", "#cf222e")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
STYLE = ("font: 12px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; "
         "max-width: 100%; height: auto")


def _num(x: float) -> str:
    return f"{x:.1f}".removesuffix(".0")


def _month_label(month: str, first: bool) -> str:
    year, number = month.split("-")
    name = MONTHS[int(number) - 1]
    return f"{name} {year}" if first or number == "01" else name


def _svg(label: str, body: list[str]) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
            f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-label="{escape(label)}" '
            f'style="{STYLE}"><title>{escape(label)}</title>' + "".join(body) + "</svg>")


def _axis(top: float, months: Sequence[str], labels_every: int) -> list[str]:
    """The baseline, the top line with its value, and the month names under the bars."""
    parts = [
        f'<line x1="{LEFT}" y1="{TOP + PLOT_H}" x2="{WIDTH - RIGHT}" y2="{TOP + PLOT_H}" '
        f'stroke="{DIM}"/>',
        f'<line x1="{LEFT}" y1="{TOP}" x2="{WIDTH - RIGHT}" y2="{TOP}" stroke="{LINE}" '
        'stroke-dasharray="3 3"/>',
        f'<text x="{LEFT - 6}" y="{TOP + 4}" text-anchor="end" fill="{DIM}">{_num(top)}</text>',
        f'<text x="{LEFT - 6}" y="{TOP + PLOT_H + 4}" text-anchor="end" fill="{DIM}">0</text>',
    ]
    band = PLOT_W / max(1, len(months))
    for i, month in enumerate(months):
        if i % labels_every == 0:
            x = LEFT + band * (i + 0.5)
            parts.append(f'<text x="{x:.1f}" y="{HEIGHT - 10}" text-anchor="middle" '
                         f'fill="{DIM}">{_month_label(month, i == 0)}</text>')
    return parts


def _legend(entries: Sequence[tuple[str, str]]) -> list[str]:
    """Coloured squares and their names along the top, left to right."""
    parts, x = [], float(LEFT)
    for name, colour in entries:
        parts.append(f'<rect x="{x:.1f}" y="4" width="10" height="10" fill="{colour}"/>'
                     f'<text x="{x + 14:.1f}" y="13" fill="{INK}">{escape(name)}</text>')
        x += 28 + 7 * len(name)
    return parts


def _every(n: int) -> int:
    """Label every month when there is room, else every second, third, ..."""
    return max(1, -(-n // 12))


def bar_chart(r: Report, measure: Measure) -> str:
    """One measure, a bar a month, its value above the bar."""
    values = measure.values(r)
    top = measure.top(r)
    months = [m.month for m in r.months]
    band = PLOT_W / max(1, len(months))
    bar = max(2.0, band * 0.6)
    parts = _axis(top, months, _every(len(months)))
    colour = COLOURS.get(measure.key, INK)
    for i, value in enumerate(values):
        x = LEFT + band * i + (band - bar) / 2
        if value is None:
            parts.append(f'<text x="{x + bar / 2:.1f}" y="{TOP + PLOT_H - 4}" '
                         f'text-anchor="middle" fill="{DIM}">–</text>')
            continue
        h = PLOT_H * min(1.0, value / top) if top else 0
        parts.append(f'<rect x="{x:.1f}" y="{TOP + PLOT_H - h:.1f}" width="{bar:.1f}" '
                     f'height="{h:.1f}" rx="2" fill="{colour}"/>')
        if len(months) <= 24:
            parts.append(f'<text x="{x + bar / 2:.1f}" y="{TOP + PLOT_H - h - 4:.1f}" '
                         f'text-anchor="middle" fill="{INK}">'
                         f"{figures.value_text(measure, value)}</text>")
    return _svg(f"{measure.title}, month by month", parts)


def tasks_chart(r: Report) -> str:
    """The tasks reviewed each month, stacked: done, partly, not done."""
    top = float(max([m.tasks_total for m in r.months] + [1]))
    months = [m.month for m in r.months]
    band = PLOT_W / max(1, len(months))
    bar = max(2.0, band * 0.6)
    parts = _axis(top, months, _every(len(months)))
    for i, m in enumerate(r.months):
        x = LEFT + band * i + (band - bar) / 2
        y = float(TOP + PLOT_H)
        for outcome, count in figures.task_outcomes(m):
            if not count:
                continue
            h = PLOT_H * count / top
            y -= h
            parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                         f'fill="{TASK_COLOURS[outcome]}"><title>{m.month}: {count} '
                         f"{outcome}</title></rect>")
        if m.tasks_total and len(months) <= 24:
            parts.append(f'<text x="{x + bar / 2:.1f}" y="{y - 4:.1f}" text-anchor="middle" '
                         f'fill="{INK}">{m.tasks_done}/{m.tasks_total}</text>')
    parts += _legend(list(TASK_COLOURS.items()))
    return _svg("Tasks reviewed, month by month: done, partly, not done", parts)


def skills_chart(skills: Sequence[SkillSeries]) -> str:
    """Each skill's ratings (1-5) over time: a line of dots, dated along the bottom."""
    days = sorted({x.on for s in skills for x in s.ratings})
    first, last = days[0], days[-1]
    spread = max(1, (last - first).days)

    def x_of(day: date) -> float:
        share = (day - first).days / spread if len(days) > 1 else 0.5
        return LEFT + 10 + (PLOT_W - 20) * share

    def y_of(level: int) -> float:
        return TOP + PLOT_H - PLOT_H * (level - 1) / 4

    parts = [f'<line x1="{LEFT}" y1="{y_of(level):.1f}" x2="{WIDTH - RIGHT}" '
             f'y2="{y_of(level):.1f}" stroke="{LINE}"/>'
             f'<text x="{LEFT - 6}" y="{y_of(level) + 4:.1f}" text-anchor="end" '
             f'fill="{DIM}">{level}</text>' for level in range(1, 6)]
    ends = ((first, "start"), (last, "end")) if len(days) > 1 else ((first, "middle"),)
    for day, anchor in ends:
        parts.append(f'<text x="{x_of(day):.1f}" y="{HEIGHT - 10}" text-anchor="{anchor}" '
                     f'fill="{DIM}">{day.isoformat()}</text>')
    for n, s in enumerate(skills):
        colour = SKILL_COLOURS[n % len(SKILL_COLOURS)]
        points = " ".join(f"{x_of(x.on):.1f},{y_of(x.level):.1f}" for x in s.ratings)
        parts.append(f'<polyline points="{points}" fill="none" stroke="{colour}" '
                     'stroke-width="2"/>')
        parts += [f'<circle cx="{x_of(x.on):.1f}" cy="{y_of(x.level):.1f}" r="3.5" '
                  f'fill="{colour}"><title>{escape(s.name)} {x.on.isoformat()}: {x.level}'
                  "</title></circle>" for x in s.ratings]
    parts += _legend([(s.name, SKILL_COLOURS[n % len(SKILL_COLOURS)])
                      for n, s in enumerate(skills)])
    return _svg("Skills, rated 1 to 5 over time", parts)


def report_html(r: Report) -> str:
    """The report's section of the HTML page: a heading, then a figure a measure."""
    span = f"{r.since.isoformat()} to {r.until.isoformat()}"
    parts = ["<h2>Growth, month by month</h2>",
             f'<p class="meta">{escape(span)}; check-ins shown as the export\'s privacy '
             "levels allow.</p>"]

    def figure(title: str, caption: str, svg: str) -> None:
        parts.append(f'<figure style="margin: 1.2rem 0 .6rem"><figcaption><strong>'
                     f"{escape(title)}</strong> <span style=\"color: {DIM}\">"
                     f"{escape(caption)}</span></figcaption>{svg}</figure>")

    for measure in figures.MEASURES:
        if measure.key == "tasks_done":
            done = int(r.total(lambda m: m.tasks_done))
            total = int(r.total(lambda m: m.tasks_total))
            figure("Tasks reviewed at the weekly meetings", f"{done} of {total} done",
                   tasks_chart(r))
            continue
        total_value = sum(v or 0 for v in measure.values(r))
        caption = (f"{figures.value_text(measure, total_value)} in all"
                   if measure.key != "mood" else
                   "is the relationship working for you? on average a month")
        figure(measure.title, caption, bar_chart(r, measure))
    if r.skills:
        figure("Skills (1-5)", "; ".join(f"{s.name} {s.ratings[0].level} → {s.ratings[-1].level}"
                                         for s in r.skills), skills_chart(r.skills))
    return "\n".join(parts)
