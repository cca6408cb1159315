"""The growth report as a reader sees it (`mentorlog report`, the retrospective at `end`):
for each measure a sparkline over the months and a bar a month, drawn with Rich's Table,
Bar and Text (styles drop away in a pipe or with NO_COLOR; the blocks stay)."""

from __future__ import annotations

from rich.bar import Bar
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text

from mentorlog.core import report as figures
from mentorlog.core import text as render
from mentorlog.core.report import Measure, Report
from mentorlog.views.console import escape, grid, out

SPARKS = "▁▂▃▄▅▆▇█"
MAX_WIDTH = 76  # the bars stop here on a wide terminal: easier to compare
NO_VALUE = "·"  # a month without a value (no check-in): not the same as a low one
TASK_STYLES = {"done": ("█", "green"), "partly": ("▒", "yellow"), "not done": ("░", "red")}
COLOURS = {"meetings": "cyan", "hours": "cyan", "tasks_done": "green", "goals_done": "magenta",
           "questions_answered": "blue", "mood": "yellow"}


def sparkline(values: list[float | None], top: float) -> Text:
    """One character a month, its height the value's share of `top`."""
    line = Text()
    for v in values:
        if v is None:
            line.append(NO_VALUE, style="dim")
        else:
            share = 0.0 if top <= 0 else min(1.0, max(0.0, v / top))
            line.append(SPARKS[round(share * (len(SPARKS) - 1))])
    return line


def _total(r: Report, measure: Measure) -> str:
    if measure.key == "mood":
        count = int(r.total(lambda m: m.checkins))
        if not count:
            return "no check-ins yet"
        mean = sum((m.mood or 0) * m.checkins for m in r.months) / count
        return f"{mean:.1f} on average, {count} check-in{'s' if count != 1 else ''}"
    if measure.key == "tasks_done":
        done, partly = int(r.total(lambda m: m.tasks_done)), int(r.total(lambda m: m.tasks_partly))
        total = int(r.total(lambda m: m.tasks_total))
        return f"{done} of {total} done, {partly} partly"
    total_value = r.total(lambda m: measure.value(m) or 0)
    if measure.key == "hours":
        return f"{render.hours(total_value)} h in all"
    return f"{int(total_value)} in all"


def _task_bar(m: figures.MonthFigures, top: float, width: int) -> Text:
    """The month's reviewed tasks as one bar: done, partly, not done."""
    bar = Text()
    cell = width / top if top else 0
    used = 0.0
    for outcome, count in figures.task_outcomes(m):
        mark, style = TASK_STYLES[outcome]
        start, used = round(used), used + count * cell
        bar.append(mark * (round(used) - start), style=style)
    return bar


def _top(r: Report, measure: Measure) -> float:
    if measure.key == "tasks_done":  # a bar holds every task reviewed that month
        return max([m.tasks_total for m in r.months] + [1])
    return measure.top(r)


def summary_chart(r: Report) -> RenderableType:
    """A line a measure: its title, a sparkline over the months, the total."""
    table = grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column()
    for measure in figures.MEASURES:
        table.add_row(Text(measure.title, style="bold"),
                      sparkline(measure.values(r), _top(r, measure)),
                      Text(_total(r, measure), style="dim"))
    return table


def measure_chart(r: Report, measure: Measure, width: int) -> RenderableType:
    """The measure's title, then a bar for each month and its value."""
    top = _top(r, measure)
    values = measure.values(r)
    if measure.key == "tasks_done":
        shown = [f"{m.tasks_done}/{m.tasks_total}" if m.tasks_total else "-" for m in r.months]
    else:
        shown = [figures.value_text(measure, v) for v in values]
    value_width = max(len(v) for v in shown)
    bar_width = max(8, min(width, MAX_WIDTH) - len("  YYYY-MM") - value_width - 2)
    bars = grid(padding=(0, 1))
    bars.add_column(no_wrap=True)  # the month
    bars.add_column(width=bar_width, no_wrap=True)  # the bar
    bars.add_column(justify="right", no_wrap=True)  # the value
    for m, value, text in zip(r.months, values, shown, strict=True):
        if measure.key == "tasks_done":
            bar: RenderableType = _task_bar(m, top, bar_width)
        else:
            bar = Bar(top, 0, value or 0, width=bar_width,
                      color=COLOURS.get(measure.key, "default"))
        bars.add_row(f"  {m.month}", bar, text)
    title = measure.title
    if measure.key == "tasks_done":
        title = "Tasks reviewed: █ done ▒ partly ░ not done"
    return Group(Text(title, style="bold"), bars)


def skills_chart(r: Report) -> RenderableType:
    """Each skill's ratings (1-5) over time: a sparkline, the first and the last level."""
    table = grid(padding=(0, 1))
    table.add_column()  # a long name wraps: the sparkline and the levels keep their room
    table.add_column(no_wrap=True, min_width=max(len(s.ratings) for s in r.skills))
    table.add_column(no_wrap=True, min_width=len("5 → 5 (of 5, 99 ratings)"))
    for s in r.skills:
        levels = [float(x.level) for x in s.ratings]
        change = " → ".join(dict.fromkeys([str(s.ratings[0].level), str(s.ratings[-1].level)]))
        table.add_row(escape(s.name), sparkline(list(levels), 5),
                      f"{change} (of 5, {len(levels)} rating{'s' if len(levels) != 1 else ''})")
    return Group(Text("Skills (1-5)", style="bold"), Padding(table, (0, 0, 0, 2)))


def renderables(r: Report, width: int) -> list[RenderableType]:
    """The whole report, one chart a measure, as Rich renderables."""
    found: list[RenderableType] = [
        Text.assemble(("Growth report", "bold"),
                      f", {render.day(r.since)} to {render.day(r.until)} "
                      f"({len(r.months)} month{'s' if len(r.months) != 1 else ''})"),
    ]
    found += [Text(""), summary_chart(r)]
    for measure in figures.MEASURES:
        found += [Text(""), measure_chart(r, measure, width)]
    if r.skills:
        found += [Text(""), skills_chart(r)]
    return found


def show(r: Report) -> None:
    console = out()
    for item in renderables(r, console.width):
        console.print(item)
