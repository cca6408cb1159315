"""`mentorlog goals`: the 30/60/90-day targets, and the monthly review."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from datetime import date
from typing import Annotated

import typer
from msgspec.structs import replace

from mentorlog.cli import common, drafts, prompts
from mentorlog.core import goals as goal_ops
from mentorlog.core import reviews
from mentorlog.core import text as render
from mentorlog.core.errors import MentorlogError
from mentorlog.core.goals import HORIZONS, VERDICTS, Goal, GoalBook, Plan
from mentorlog.core.reviews import ReviewAnswers
from mentorlog.storage import journal
from mentorlog.storage.codecs.reviews import review_to_doc
from mentorlog.storage.formats import GOALS, REVIEW_DRAFT
from mentorlog.views import goal_chart
from mentorlog.views import goals as goalsview
from mentorlog.views.console import escape, hanging, out, print_json

app = typer.Typer(
    invoke_without_command=True,
    rich_markup_mode=None,
)

_HORIZON_HELP = "30, 60 or 90 (days)."
# SMART goals: how you will know it is done, the action steps, what you need from the mentor.
Measure = Annotated[str | None, typer.Option(
    "--measure", help="How you will know it is done.", show_default=False)]
Steps = Annotated[list[str] | None, typer.Option(
    "--step", help="An action step (repeatable).", show_default=False)]
Support = Annotated[str | None, typer.Option(
    "--support", help="What you need from your mentor.", show_default=False)]


@app.callback()
def listing(
    ctx: typer.Context,
    show_all: Annotated[
        bool, typer.Option("--all", help="Every goal ever set, not only recent ones.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON (docs/goals.md).")] = False,
    timeline: Annotated[
        bool, typer.Option("--timeline", help="Draw the 30/60/90 windows and the weeks.")
    ] = False,
) -> None:
    """Your 30/60/90-day goals and the monthly review.

    Without a command: your goals by horizon, with a progress bar for each (every open goal
    and those closed in the last 90 days).

    Example: mentorlog goals --timeline
    """
    if ctx.invoked_subcommand:
        return
    st = common.store(ctx)
    agreement = common.agreement(ctx)
    today = common.now(agreement.mentee_tz).date()
    shown = goal_ops.listed(st.load(GOALS), today, show_all)
    if timeline:
        weeks = goal_chart.weeks(agreement.start, today, journal.meeting_statuses(st),
                                 journal.review_dates(st), agreement.gaps)
        if as_json:
            print_json(goalsview.timeline_json(shown, weeks, agreement.start, today))
        else:
            goalsview.show_timeline(shown, weeks, agreement.start, today)
    elif as_json:
        print_json(goalsview.goals_json(shown))
    else:
        goalsview.show_goals(shown, today)


# --- changing goals ---------------------------------------------------------------------------


def _today(ctx: typer.Context) -> date:
    agreement = common.agreement(ctx)
    return common.now(agreement.mentee_tz).date()


def _change(ctx: typer.Context, change: Callable[[GoalBook], tuple[GoalBook, Goal]]) -> Goal:
    """Apply `change(book) -> (book, goal)` to goals.toml under the lock; returns the goal."""
    st = common.open_mentorship(ctx)
    changed: list[Goal] = []

    def apply(book: GoalBook) -> GoalBook:
        book, goal = change(book)
        changed.append(goal)
        return book

    st.update(GOALS, apply)
    return changed[0]


def _said(message: str) -> None:
    out().print(message)


@app.command()
def add(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="The goal, in your words.")],
    horizon: Annotated[str, typer.Option("--horizon", help=_HORIZON_HELP)],
    due: Annotated[
        str | None, typer.Option("--due", help="Due date (default: today + the horizon).")
    ] = None,
    measure: Measure = None,
    step: Steps = None,
    support: Support = None,
) -> None:
    """Set a new 30/60/90-day goal, SMART if you like: a measure, steps, the support needed.

    Example: mentorlog goals add "Give a talk" --horizon 60 --measure "given at a meetup"
    """
    today = _today(ctx)
    days = goal_ops.parse_horizon(horizon)
    smart = goal_ops.make_plan(measure, step, support)
    goal = _change(ctx, lambda book: goal_ops.add(book, text, days, today, due, smart))
    _said(f"Added {goal.id} {escape(goal.text)} — {goal.horizon} days, due "
          f"{render.day(goal.due)} ({render.relative(goal.due, today)}).")


@app.command()
def done(
    ctx: typer.Context,
    goal_id: Annotated[str, typer.Argument(metavar="ID", help="The goal's id, like g1.")],
    note: Annotated[str, typer.Option("--note", help="How it went, in a line.")] = "",
) -> None:
    """Mark a goal done.

    Example: mentorlog goals done g1 --note "merged on Friday"
    """
    today = _today(ctx)
    goal = _change(ctx, lambda book: goal_ops.close(book, goal_id, "done", today, note))
    _said(f"Done: {goal.id} {escape(goal.text)}.")


@app.command()
def drop(
    ctx: typer.Context,
    goal_id: Annotated[str, typer.Argument(metavar="ID", help="The goal's id, like g2.")],
    reason: Annotated[str | None, typer.Option("--reason", help="Why it is dropped.")] = None,
    no_input: Annotated[bool, typer.Option("--no-input", help="Never prompt.")] = False,
) -> None:
    """Drop a goal (priorities change: that is fine). It stays in the history.

    Example: mentorlog goals drop g2 --reason "the conference was cancelled"
    """
    today = _today(ctx)
    if reason is None and common.can_prompt(no_input):
        reason = _ask("Why is it dropped?")
    if not reason or not reason.strip():
        raise MentorlogError("say why with --reason (priorities change: that is fine)")
    goal = _change(ctx, lambda book: goal_ops.close(book, goal_id, "dropped", today, reason))
    _said(f"Dropped: {goal.id} {escape(goal.text)}.")


@app.command()
def edit(
    ctx: typer.Context,
    goal_id: Annotated[str, typer.Argument(metavar="ID", help="The goal's id, like g3.")],
    text: Annotated[str | None, typer.Option("--text", help="New words.")] = None,
    horizon: Annotated[str | None, typer.Option("--horizon", help=_HORIZON_HELP)] = None,
    due: Annotated[str | None, typer.Option("--due", help="New due date.")] = None,
    measure: Measure = None,
    step: Steps = None,
    support: Support = None,
    no_input: Annotated[bool, typer.Option("--no-input", help="Never prompt.")] = False,
) -> None:
    """Change a goal's words, horizon, due date, measure, steps or support.

    A new horizon without --due moves the due date to set-on + horizon. --step replaces the
    steps (--step "" clears them; --measure "" and --support "" clear those). Without options
    it asks for the words, horizon and due date, showing the current value.

    Example: mentorlog goals edit g3 --due 2027-03-01
    """
    today = _today(ctx)
    smart_given = measure is not None or step is not None or support is not None
    if text is None and horizon is None and due is None and not smart_given:
        if not common.can_prompt(no_input):
            raise MentorlogError("nothing to change: give --text, --horizon or --due")
        current = common.open_mentorship(ctx).load(GOALS).get(goal_id)
        text = _ask("The goal", current.text)
        horizon = _ask("Horizon (30, 60 or 90 days)", str(current.horizon))
        due = _ask("Due", current.due.isoformat()) if horizon == str(current.horizon) else None
    days = goal_ops.parse_horizon(horizon) if horizon is not None else None
    goal = _change(ctx, lambda book: goal_ops.edit(book, goal_id, today, text, days, due,
                                                  measure, step, support))
    _said(f"{goal.id} {escape(goal.text)} — {goal.horizon} days, due {render.day(goal.due)}.")


# --- the monthly review -----------------------------------------------------------------------


@app.command()
def review(
    ctx: typer.Context,
    set_: Annotated[
        list[str] | None,
        typer.Option("--set", help="ID=VERDICT[: a line], VERDICT one of done, on-track, "
                     "behind, dropped, carry (repeatable)."),
    ] = None,
    went_well: Annotated[str | None, typer.Option(help="What went well this month.")] = None,
    could_improve: Annotated[
        str | None, typer.Option(help="What could have gone better.")
    ] = None,
    next30: Annotated[list[str] | None, typer.Option(help="A new 30-day goal.")] = None,
    next60: Annotated[list[str] | None, typer.Option(help="A new 60-day goal.")] = None,
    next90: Annotated[list[str] | None, typer.Option(help="A new 90-day goal.")] = None,
    measure: Measure = None,
    step: Steps = None,
    support: Support = None,
    no_input: Annotated[bool, typer.Option("--no-input", help="Never prompt.")] = False,
) -> None:
    """The monthly review: each goal's verdict, then the next set of goals.

    In the guide's order: how each open goal went (done, on-track, behind, dropped, carry)
    with a line, what went well, what could have gone better, then the next set of 30/60/90
    goals. Writes reviews/YYYY-MM-DD.md when it ends; stopped before (Ctrl-C), your answers
    are kept in drafts/review.toml and the next run offers to resume them.

    A goal given no verdict is carried over if its window has closed, else on track.
    --measure, --step and --support describe the one new goal given with --next30/60/90;
    asked, each new goal without a measure gets the question "how will you know it is done?".

    Example: mentorlog goals review --no-input --set g1=done --next30 "Review a PR"
    """
    st = common.open_mentorship(ctx)
    agreement = common.agreement(ctx)
    today = common.now(agreement.mentee_tz).date()
    dates = journal.review_dates(st)
    since = reviews.review_since(agreement.start, dates, today)
    answers = reviews.ReviewAnswers(
        verdicts=reviews.parse_set(set_ or []),
        went_well=went_well or "",
        could_improve=could_improve or "",
        next={h: list(v) for h, v in ((30, next30), (60, next60), (90, next90)) if v},
    )
    answers = reviews.with_plan(answers, goal_ops.make_plan(measure, step, support))
    reviews.apply(st.load(GOALS), answers, today, since)  # every mistake shows before a prompt
    interactive = common.can_prompt(no_input)
    kept = drafts.offer(st, REVIEW_DRAFT, "monthly review", interactive,
                        "mentorlog goals review")
    talk = None
    if interactive:
        if not reviews.monthly_review_due(agreement.start, dates, today):
            goalsview.show_review_not_due(reviews.next_review(agreement.start, dates))
        talk = drafts.Replay(st, REVIEW_DRAFT, "goals review", today,
                             kept.answers if kept else None)
        with _talking(talk):
            answers = _interview(st.load(GOALS), answers, today, since,
                                 asked_went_well=went_well, asked_could_improve=could_improve)
    # One transaction: Ctrl-C (or a full disk) while it writes puts every file back, the
    # draft included, and the answers are there to resume (drafts.kept_on_interrupt says so).
    with (drafts.kept_on_interrupt(talk, "mentorlog goals review") if talk else nullcontext(),
          st.lock()):
        book, record = reviews.apply(st.load(GOALS), answers, today, since)
        rel = st.new_doc_name(reviews.REVIEW_FOLDER, today.isoformat())
        st.save(GOALS, book)
        st.save_doc(rel, review_to_doc(record))
        if interactive and st.exists(REVIEW_DRAFT.name):  # its answers are in the review now
            st.remove(REVIEW_DRAFT.name)
    goalsview.show_review(st.display(rel), record,
                          reviews.next_review(agreement.start, journal.review_dates(st)))


def _interview(book: GoalBook, answers: ReviewAnswers, today: date, since: date, *,
               asked_went_well: str | None, asked_could_improve: str | None) -> ReviewAnswers:
    """Asks, in the guide's order, what the flags did not answer; nothing is saved until the end."""
    console = out()
    console.print(f"[bold]Monthly review[/bold] — the month since {render.day(since)} "
                  "(The Weekly Meeting, 3: once a month). Enter keeps the \\[default]; "
                  "nothing is saved until the end; Ctrl-C keeps your answers for later.\n")
    console.print(f"[bold]a. {reviews.Q_GOALS}.[/bold]")
    console.print(f"[dim]Verdicts: {', '.join(VERDICTS)} — {reviews.VERDICT_HELP}.[/dim]")
    verdicts = dict(answers.verdicts)
    open_goals = goal_ops.weekly_goals(book)
    if not open_goals:
        console.print("[dim]No open goals.[/dim]")
    for g in open_goals:
        if g.id in verdicts:
            continue
        console.print(f"\n{g.id} {escape(g.text)} — {g.horizon} days, due {render.day(g.due)} "
                      f"({render.relative(g.due, today)})")
        verdict = _choose(g.id, reviews.suggested_verdict(g, today))
        verdicts[g.id] = (verdict, _ask(f"Anything to add about {g.id}? (Enter to skip)"))
    console.print()
    went_well = answers.went_well if asked_went_well is not None else _ask(reviews.Q_WENT_WELL)
    could_improve = (answers.could_improve if asked_could_improve is not None
                     else _ask(reviews.Q_COULD_IMPROVE))
    next_set = dict(answers.next)
    plans = dict(answers.plans)
    if not next_set:
        console.print(f"\n[bold]b. {reviews.Q_NEXT}[/bold]")
        kept = [g for g in open_goals if verdicts[g.id][0] not in ("done", "dropped")]
        for g in kept:
            how = "carried over, new window" if verdicts[g.id][0] == "carry" else "continues"
            console.print(hanging(f"  kept: {g.id} {escape(g.text)} ({g.horizon} days, {how})"))
        for horizon in HORIZONS:
            texts = []
            while text := _ask(f"A new {horizon}-day goal (Enter when done)"):
                texts.append(text)
                plans = _ask_measure(text, plans)
            if texts:
                next_set[horizon] = texts
    return replace(answers, verdicts=verdicts, went_well=went_well,
                   could_improve=could_improve, next=next_set, plans=plans)


def _ask_measure(text: str, plans: dict[str, Plan]) -> dict[str, Plan]:
    """A new goal without a measure: how will you know it is done? (Enter skips.)"""
    key = goal_ops.goal_text(text)
    if plans.get(key, Plan()).measure:
        return plans
    measure = _ask("How will you know it is done? (Enter to skip)")
    if not measure:
        return plans
    return {**plans, key: replace(plans.get(key, Plan()), measure=" ".join(measure.split()))}


# The review's answers as they are given (cli/drafts.py): set while `goals review` asks.
_talk: drafts.Replay | None = None


@contextmanager
def _talking(talk: drafts.Replay) -> Iterator[None]:
    global _talk
    _talk = talk
    try:
        with drafts.kept_on_interrupt(talk, "mentorlog goals review"):
            yield
    finally:
        _talk = None


def _ask(label: str, default: str | None = None) -> str:
    """One question; during the review, its answer is kept in drafts/review.toml at once."""
    if _talk is not None:
        return _talk.next(label, lambda: _prompt(label, default))
    return _prompt(label, default)


def _prompt(label: str, default: str | None = None) -> str:
    return prompts.ask(label, default or "")


def _choose(goal_id: str, default: str) -> str:
    """A verdict; the start of one is enough (`on` for on-track), a wrong one is asked again."""
    label = f"How is {goal_id} going — {', '.join(VERDICTS[:-1])} or {VERDICTS[-1]}?"
    while True:
        try:
            return reviews.parse_verdict(_ask(label, default))
        except MentorlogError as e:
            if _talk is not None:
                _talk.take_back()
            out().print(f"[red]{escape(str(e))}[/red] — try again.")
