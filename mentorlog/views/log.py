"""The journal in time order as a reader sees it."""

from __future__ import annotations

from mentorlog.core import text as render
from mentorlog.core.log import Entry
from mentorlog.core.meetings import QUESTION, SECTION_KEYS, Meeting
from mentorlog.core.notes import Note, inline_tags
from mentorlog.core.questions import ParkedQuestion
from mentorlog.core.retrospective import RETRO_QUESTIONS, Retrospective
from mentorlog.core.reviews import MonthlyReview
from mentorlog.core.tasks import Task
from mentorlog.core.text import privacy_mark
from mentorlog.views import console as output
from mentorlog.views.console import escape, markdown, out


def show(entries: list[Entry]) -> None:
    if not entries:
        out().print("Nothing in the journal matches.")
        return
    console = out()
    # The widths are known: telling Rich saves measuring every cell (a search's hundreds).
    kind = max(len(e.kind) for e in entries)
    table = output.grid(padding=(0, 2))
    table.add_column(no_wrap=True, width=10)
    table.add_column(no_wrap=True, style="dim", width=kind)
    table.add_column(overflow="fold", width=max(console.width - 10 - kind - 4, 10))
    for e in entries:
        lock = privacy_mark(e.privacy)
        # a tag written in the title (`#career`) is not repeated after it
        said = set(inline_tags(e.text)) if "#" in e.text else set()
        tags = "".join(f" #{t}" for t in e.tags if t not in said)
        table.add_row(e.day.isoformat(), e.kind, f"{escape(e.text)}{tags}{lock}")
        if e.kind in ("note", "review", "retrospective"):
            table.add_row("", "", f"[dim]show {e.id}[/dim]")
    console.print(table)


def question_text(q: ParkedQuestion) -> str:
    """`mentorlog show q1`: a parked question whole, with its answer (plain text)."""
    lines = [f"question {q.id} (asked {q.asked_on}, {q.status})", q.text]
    if q.answered_on:
        lines += [f"answered {q.answered_on}:", q.answer]
    return "\n".join(lines)


def task_text(t: Task) -> str:
    """`mentorlog show t1`: a task whole, with its outcome (plain text)."""
    lines = [f"task {t.id} (set {t.set_on}, {t.status})", t.text]
    if t.outcome:
        lines += [f"outcome: {t.outcome}"]
    return "\n".join(lines)


# --- `mentorlog show`: one entry, its fields as a short header and its text as markdown -----


def _fields(*parts: str) -> str:
    return " · ".join(p for p in parts if p)


def _level(privacy: str) -> str:
    return "" if privacy == "normal" else privacy


def _document(header: str, where: str, body: str) -> None:
    console = out()
    console.print(f"[bold]{escape(header)}[/bold]")
    if where:
        console.print(f"[dim]{escape(where)}[/dim]")
    if body.strip():
        console.print()
        console.print(markdown(body.strip()))


def show_note(note_id: str, n: Note, where: str) -> None:
    tags = " ".join(f"#{t}" for t in n.tags)
    _document(_fields(f"note {note_id}", render.moment(n.created), tags, _level(n.privacy)),
              where, n.body)


def show_meeting(m: Meeting, where: str) -> None:
    if m.held:
        what = "weekly meeting" + (f", {m.duration} min" if m.duration else "")
    else:
        what = "moved" if m.moved_to else "skipped"
    intro = m.intro.strip()
    if intro.startswith("# Weekly meeting"):  # the header says it
        intro = intro.partition("\n")[2].strip()
    sections = [f"## {QUESTION[k]}\n\n{m.answers[k]}" for k in SECTION_KEYS if m.answers.get(k)]
    _document(_fields(f"meeting {m.day.isoformat()}", render.day(m.day), what,
                      _level(m.privacy)), where, "\n\n".join([intro, *sections]))


def show_review(r: MonthlyReview, body: str, where: str) -> None:
    text = body.strip()
    if text.startswith("# Monthly review"):  # the header says it
        text = text.partition("\n")[2]
    _document(_fields(f"monthly review review-{r.on.isoformat()}", render.day(r.on),
                      f"the month since {render.day(r.since)}"), where, text)


def show_retrospective(r: Retrospective, where: str) -> None:
    sections = [f"## {q}\n\n{getattr(r, key)}" for key, q in RETRO_QUESTIONS
                if getattr(r, key)]
    _document(_fields("retrospective", f"ended {render.day(r.ended_on)}"), where,
              "\n\n".join(sections))


def show_day_entries(found: list[Entry]) -> None:
    """`show DAY` on a day with several entries and no meeting: each with the id to show."""
    console = out()
    console.print(f"{len(found)} entries on {render.day(found[0].day)}; show one by its id:")
    table = output.grid(padding=(0, 2))
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True, style="dim")
    table.add_column(overflow="fold")
    for e in found:
        table.add_row(f"  {e.id}", e.kind, escape(e.text) + privacy_mark(e.privacy))
    console.print(table)


def show_also(others: list[Entry]) -> None:
    """Under a meeting: the other entries of its day, by the ids `show` takes."""
    if others:
        out().print()
        out().print("[dim]Also on this day: "
                    + escape(", ".join(f"{e.id} ({e.kind})" for e in others)) + "[/dim]")
