"""The monthly review (the guide's "Once a month"): when it is due and what it decides (pure;
storage/codecs/reviews.py writes its file)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from msgspec import Struct, field
from msgspec.structs import replace

from mentorlog.core import goals as goal_ops
from mentorlog.core.errors import MentorlogError
from mentorlog.core.goals import (
    HORIZONS,
    VERDICTS,
    Goal,
    GoalBook,
    Plan,
    Progress,
    check_horizon,
)

REVIEW_FOLDER = "reviews"
REVIEW_EVERY_DAYS = 28
NEXT_KINDS = ("new", "carried", "continuing")

# The guide's words (The Weekly Meeting, 3), used as prompts and as the file's headings.
Q_GOALS = "Review the past month and the 30/60/90 goals you had set"
Q_WENT_WELL = "What went well?"
Q_COULD_IMPROVE = "What could have gone better?"
Q_NEXT = "What's the next set of 30/60/90 goals?"


def monthly_review_due(start: date, review_dates: Iterable[date], today: date) -> bool:
    """Due when 28 days or more have passed since the last review (or since the start)."""
    last = max(review_dates, default=start)
    return (today - last).days >= REVIEW_EVERY_DAYS


def review_since(start: date, dates: Iterable[date], today: date) -> date:
    """The day the reviewed month began: the last earlier review, or the start."""
    return max((d for d in dates if d <= today), default=start)


def next_review(start: date, dates: Iterable[date]) -> date:
    return max(dates, default=start) + timedelta(days=REVIEW_EVERY_DAYS)


# --- the record -------------------------------------------------------------------------------


class Verdict(Struct, frozen=True):
    """How one goal went this month: done, on-track, behind, dropped or carry, with a line."""

    goal_id: str
    text: str
    horizon: int
    due: date
    verdict: str
    line: str = ""


class NextGoal(Struct, frozen=True):
    """A goal in the next set: new, carried over (with a new due date), or continuing."""

    goal_id: str
    text: str
    horizon: int
    due: date
    kind: str = "new"


class MonthlyReview(Struct, frozen=True):
    """One `reviews/YYYY-MM-DD.md`: the front matter is the record, the body is for reading."""

    on: date
    since: date
    verdicts: tuple[Verdict, ...] = ()
    went_well: str = ""
    could_improve: str = ""
    next: tuple[NextGoal, ...] = ()


class ReviewAnswers(Struct, frozen=True):
    """The answers as given (flags or prompts), before they are checked."""

    verdicts: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (verdict, line)
    went_well: str = ""
    could_improve: str = ""
    next: dict[int, list[str]] = field(default_factory=dict)  # horizon -> new goal texts
    plans: dict[str, Plan] = field(default_factory=dict)  # a new goal's words -> its plan


def with_plan(answers: ReviewAnswers, smart: Plan) -> ReviewAnswers:
    """`--measure`, `--step`, `--support` given to `goals review`: the plan of the one new
    goal given with --next30/60/90 (with several, which one would be a guess)."""
    if smart == Plan():
        return answers
    texts = [t for texts in answers.next.values() for t in texts if t.strip()]
    if len(texts) != 1:
        raise MentorlogError(
            "--measure, --step and --support describe one new goal: give exactly one "
            "--next30, --next60 or --next90 with them (plan the others with "
            "'mentorlog goals edit ID --measure ...')"
        )
    return replace(answers, plans={goal_ops.goal_text(texts[0]): smart})


VERDICT_HELP = (
    "done and dropped close the goal; on-track and behind keep it as it is; "
    "carry keeps it open with a new window from today"
)


def parse_verdict(text: str) -> str:
    """A verdict, or the start of exactly one (`on` -> on-track, `c` -> carry)."""
    word = "-".join(text.strip().lower().split()).replace("ontrack", "on-track")
    if word in VERDICTS:
        return word
    matches = [v for v in VERDICTS if word and v.startswith(word)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise MentorlogError(f"{text.strip()!r} could be {' or '.join(matches)}")
    raise MentorlogError(f"the verdict is one of {', '.join(VERDICTS)}, not {text.strip()!r}")


def parse_set(flags: Iterable[str]) -> dict[str, tuple[str, str]]:
    """`--set g1=done`, `--set "g2=behind: waiting on review"` -> {id: (verdict, line)}."""
    out: dict[str, tuple[str, str]] = {}
    for text in flags:
        ident, sep, rest = text.partition("=")
        ident = ident.strip().lower()
        verdict, _, line = rest.partition(":")
        verdict = verdict.strip().lower()
        if not sep or not ident or not verdict:
            raise MentorlogError(f"--set {text!r} is not ID=VERDICT like --set g1=done")
        try:
            verdict = parse_verdict(verdict)
        except MentorlogError as e:
            raise MentorlogError(f"--set {text!r}: {e}") from None
        if ident in out:
            raise MentorlogError(f"--set gives {ident} twice")
        out[ident] = (verdict, " ".join(line.split()))
    return out


def default_verdict(due: date, today: date) -> str:
    """A goal given no verdict: carried over once its window has closed, else on track."""
    return "carry" if due <= today else "on-track"


def suggested_verdict(goal: Goal, today: date) -> str:
    """The verdict a review offers (Enter keeps it): carry once the window has closed, else
    what was last said of the goal (`behind` at this week's meeting), else on track."""
    last = next((p.verdict for p in reversed(goal.progress)
                 if p.verdict in ("on-track", "behind")), "")
    return "carry" if goal.due <= today else last or "on-track"


def apply(
    book: GoalBook, answers: ReviewAnswers, today: date, since: date
) -> tuple[GoalBook, MonthlyReview]:
    """The review's effect on the goals, and its record. Checks everything before changing any.

    done/dropped close the goal; carry keeps it open with a new window from today; on-track
    and behind leave it as it is. Every verdict goes into the goal's progress history.
    """
    open_goals = goal_ops.weekly_goals(book)
    open_ids = {g.id for g in open_goals}
    for ident in answers.verdicts:
        goal = book.get(ident)  # an unknown id is an error
        if ident not in open_ids:
            raise MentorlogError(
                f"{goal.id} is already {goal.status}; only open goals get a verdict"
            )
    for horizon in answers.next:
        check_horizon(horizon)
    verdicts: list[Verdict] = []
    next_set: list[NextGoal] = []
    for goal in open_goals:
        verdict, line = answers.verdicts.get(goal.id, (default_verdict(goal.due, today), ""))
        verdicts.append(Verdict(goal.id, goal.text, goal.horizon, goal.due, verdict, line))
        history = (*goal.progress, Progress(today, line, verdict))
        if verdict in ("done", "dropped"):
            status = "done" if verdict == "done" else "dropped"
            changed = replace(goal, status=status, closed_on=today, note=line, progress=history)
        elif verdict == "carry":
            due = today + timedelta(days=goal.horizon)
            changed = replace(goal, due=due, progress=history)
            next_set.append(NextGoal(goal.id, goal.text, goal.horizon, due, "carried"))
        else:
            changed = replace(goal, progress=history)
            next_set.append(NextGoal(goal.id, goal.text, goal.horizon, goal.due, "continuing"))
        book = book.put(changed)
    for horizon in HORIZONS:
        for text in answers.next.get(horizon, []):
            if not text.strip():
                continue
            smart = answers.plans.get(" ".join(text.split()))
            book, new = goal_ops.add(book, text, horizon, today, smart=smart)
            next_set.append(NextGoal(new.id, new.text, new.horizon, new.due, "new"))
    next_set.sort(key=lambda n: (n.horizon, n.due))
    review = MonthlyReview(
        on=today,
        since=since,
        verdicts=tuple(verdicts),
        went_well=answers.went_well.strip(),
        could_improve=answers.could_improve.strip(),
        next=tuple(next_set),
    )
    return book, review


# What an open goal's last verdict says where goals are listed (goals, status, export).
STANDING_WORDS = {"on-track": "on track", "behind": "behind", "carry": "carried over"}


def latest_verdict(goal: Goal) -> Progress | None:
    """An open goal's verdict at its last monthly review (on-track, behind or carry), or
    None: never reviewed, or closed (its status says it)."""
    if not goal.is_open:
        return None
    return next((p for p in reversed(goal.progress) if p.verdict in STANDING_WORDS), None)


def standing(goal: Goal) -> str:
    """`behind (review of 27 Oct 2026)`, or "" for a goal no review judged."""
    p = latest_verdict(goal)
    return f"{STANDING_WORDS[p.verdict]} (review of {p.on.day} {p.on:%b %Y})" if p else ""
