"""The progress summary as one self-contained HTML page: inline CSS, no scripts, no links out.

Every text from the journal goes through `html.escape`, and markdown bodies (notes, meeting
answers, reviews) through sharing/markdown.py: raw HTML escaped, only http, https and mailto
links. The page loads nothing, so it reads the same offline, in a mail attachment, or years
later.
"""

from __future__ import annotations

from html import escape

from mentorlog.core.followups import KIND_WORDS
from mentorlog.core.goals import Goal
from mentorlog.core.notes import tags_beyond_title
from mentorlog.core.reviews import MonthlyReview, latest_verdict, standing
from mentorlog.sharing.markdown import inline_html as md_inline
from mentorlog.sharing.markdown import to_html as md_html
from mentorlog.sharing.summary import (
    TASK_WORDS,
    Summary,
    TaskLine,
    focus_label,
    hours_line,
    note_text,
    retrospective_answers,
    review_answers,
    scope_text,
    task_text,
)

CSS = """
:root { color-scheme: light; --ink: #1f2328; --dim: #59636e; --line: #d1d9e0;
  --accent: #0b6e4f; --soft: #f3f7f5; }
* { box-sizing: border-box; }
body { margin: 0; background: #fff; color: var(--ink);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", sans-serif; }
main { max-width: 46rem; margin: 0 auto; padding: 2.5rem 1.5rem 4rem; }
h1 { font-size: 1.7rem; line-height: 1.25; margin: 0 0 .25rem; }
h2 { font-size: 1.15rem; margin: 2.2rem 0 .6rem; padding-bottom: .3rem;
  border-bottom: 2px solid var(--accent); color: var(--accent); }
h3 { font-size: 1rem; margin: 1.4rem 0 .4rem; }
p.meta { color: var(--dim); margin: 0 0 1rem; }
ul { padding-left: 1.2rem; margin: .3rem 0; }
li { margin: .15rem 0; }
.tag { display: inline-block; font-size: .8rem; color: var(--dim);
  border: 1px solid var(--line); border-radius: 1rem; padding: 0 .5rem; margin-left: .3rem; }
.level { display: inline-block; font-size: .75rem; font-weight: 600; text-transform: uppercase;
  letter-spacing: .03em; color: #8a4b00; background: #fff4e0; border-radius: .25rem;
  padding: 0 .4rem; margin-left: .4rem; }
.status { font-weight: 600; }
.status-done { color: var(--accent); }
.status-dropped, .status-not-done { color: #a40e26; }
.card { background: var(--soft); border-radius: .5rem; padding: .8rem 1rem; margin: .8rem 0; }
.card h3 { margin-top: 0; }
.card > :last-child { margin-bottom: 0; }
dl { margin: .4rem 0 0; }
dt { font-weight: 600; margin-top: .5rem; }
dd { margin: .1rem 0 0; white-space: pre-wrap; }
.body { white-space: pre-wrap; margin: .3rem 0 0; }
.md { white-space: normal; }
.md > :first-child { margin-top: 0; } .md > :last-child { margin-bottom: 0; }
.md p { margin: .3rem 0; } .md h4, .md h5, .md h6 { font-size: 1rem; margin: .8rem 0 .3rem; }
.md pre { white-space: pre-wrap; background: #fff; padding: .4rem .6rem; border-radius: .25rem; }
.verdict { font-size: .85rem; color: var(--dim); } .verdict-behind { color: #8a4b00; }
.left-out { color: var(--dim); font-style: italic; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--line);
  vertical-align: top; }
th { color: var(--dim); font-weight: 600; font-size: .9rem; }
footer { margin-top: 3rem; color: var(--dim); font-size: .85rem; }
@media print { h2 { break-after: avoid; } .card { break-inside: avoid; } }
"""


def _level(privacy: str) -> str:
    return "" if privacy == "normal" else f'<span class="level">{escape(privacy)}</span>'


def _status(status: str, words: str | None = None) -> str:
    word = escape(words or status)
    return f'<span class="status status-{escape(status)}">{word}</span>'


def _task(t: TaskLine) -> str:
    return escape(task_text(t))


def _standing(g: Goal) -> str:
    """An open goal's last verdict under its status: `behind (review of 27 Oct 2026)`."""
    p = latest_verdict(g)
    if p is None:
        return ""
    return (f'<br><span class="verdict verdict-{escape(p.verdict)}">{escape(standing(g))}'
            "</span>")


def _review(r: MonthlyReview) -> str:
    """One monthly review: each goal's verdict, the month's answers, the next set."""
    parts = [f'<section class="card"><h3>{r.on.isoformat()} · the month since '
             f"{r.since.isoformat()}</h3>"]
    if r.verdicts:
        parts.append("<ul>")
        parts += [f"<li>{escape(v.goal_id)} {escape(v.text)}: {_status(v.verdict)}"
                  + (f" — {escape(v.line)}" if v.line.strip() else "") + "</li>"
                  for v in r.verdicts]
        parts.append("</ul>")
    answers = review_answers(r)
    if answers:
        parts.append("<dl>")
        parts += [f'<dt>{escape(q)}</dt><dd class="md">{md_html(t, 3)}</dd>' for q, t in answers]
        parts.append("</dl>")
    if r.next:
        parts.append("<p>Next set: " + "; ".join(
            f"{escape(n.goal_id)} {escape(n.text)} ({n.horizon} days, due {n.due.isoformat()})"
            for n in r.next) + "</p>")
    parts.append("</section>")
    return "\n".join(parts)


def to_html(s: Summary, charts: str = "") -> str:
    """The page; `charts`: the growth report's section (sharing/charts.py), already HTML."""
    a = s.agreement
    title = f"Mentorship with {a.mentor.name}: progress summary"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'\">",
        f"<title>{escape(title)}</title><style>{CSS}</style></head><body><main>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="meta">Program started {a.start.isoformat()} · covers {escape(scope_text(s))} · '
        f"made {s.generated:%Y-%m-%d}</p>",
    ]
    if a.focus:
        parts.append("<h2>What the relationship is for</h2><ul>")
        parts += [f"<li><strong>{escape(focus_label(f.kind))}</strong>"
                  + (f": {escape(f.text)}" if f.text else "") + "</li>" for f in a.focus]
        parts.append("</ul>")
    if a.success:
        parts.append("<h2>How we measure success</h2><ul>")
        parts += [f"<li>{escape(x)}</li>" for x in a.success]
        parts.append("</ul>")
    parts.append(f"<h2>Time kept</h2><p>{escape(hours_line(s.hours))}.</p>")
    if charts:
        parts.append(charts)
    if s.goals:
        parts.append("<h2>30/60/90-day goals</h2><table><thead><tr><th>Goal</th>"
                     "<th>Horizon</th><th>Due</th><th>Status</th></tr></thead><tbody>")
        parts += [f"<tr><td>{escape(g.text)}</td><td>{g.horizon} days</td>"
                  f"<td>{g.due.isoformat()}</td><td>{_status(g.status)}{_standing(g)}</td></tr>"
                  for g in s.goals]
        parts.append("</tbody></table>")
    if s.current_task:
        parts.append(f"<h2>This week's task</h2><p>{_task(s.current_task)}</p>")
    if s.meetings:
        parts.append("<h2>Meetings</h2>")
        for m in s.meetings:
            length = f" · {m.duration} min" if m.duration else ""
            parts.append(f'<section class="card"><h3>{m.day.isoformat()}{length}'
                         f"{_level(m.privacy)}</h3><ul>")
            if m.reviewed:
                parts.append(f"<li>Last week's task: {_task(m.reviewed)} — "
                             f"{_status(m.reviewed.status, TASK_WORDS.get(m.reviewed.status))}"
                             "</li>")
            if m.set:
                parts.append(f"<li>Next task: {_task(m.set)}</li>")
            parts.append("</ul>")
            if m.notes is None:
                parts.append('<p class="left-out">Notes left out.</p>')
            elif m.notes:
                parts.append("<dl>")
                parts += [f'<dt>{escape(q)}</dt><dd class="md">{md_html(t, 3)}</dd>'
                          for q, t in m.notes]
                parts.append("</dl>")
            parts.append("</section>")
    if s.reviews:
        parts.append("<h2>Monthly reviews</h2>")
        parts += [_review(r) for r in s.reviews]
    if s.notes:
        parts.append("<h2>Notes</h2>")
        for n in s.notes:
            tags = "".join(f'<span class="tag">#{escape(t)}</span>'
                           for t in tags_beyond_title(n))
            parts.append(f"<h3>{n.created:%Y-%m-%d}: {md_inline(n.title)}{_level(n.privacy)}"
                         f"{tags}</h3>")
            if note_text(n):
                parts.append(f'<div class="body md">{md_html(note_text(n), 3)}</div>')
    if s.questions:
        parts.append("<h2>Questions</h2><ul>")
        for q in s.questions:
            answer = f"<br>Answer: {escape(q.answer)}" if q.answer else ""
            parts.append(f"<li>{q.asked_on.isoformat()} {escape(q.text)}{_level(q.privacy)} "
                         f"({_status(q.status)}){answer}</li>")
        parts.append("</ul>")
    if s.followups:
        parts.append("<h2>Follow-ups</h2><ul>")
        parts += [f"<li>{f.set_on.isoformat()} {escape(f.text)} "
                  f"({escape(KIND_WORDS[f.kind])}, {_status(f.status)})"
                  + (f": {escape(f.outcome)}" if f.outcome else "") + "</li>"
                  for f in s.followups]
        parts.append("</ul>")
    if s.retrospective:
        ended = s.retrospective.ended_on.isoformat()
        parts.append(f"<h2>Retrospective (ended {ended})</h2><dl>")
        parts += [f'<dt>{escape(q)}</dt><dd class="md">{md_html(t, 2)}</dd>'
                  for q, t in retrospective_answers(s.retrospective)]
        parts.append("</dl>")
    parts.append("<footer>Made with mentorlog.</footer></main></body></html>")
    return "\n".join(parts) + "\n"
