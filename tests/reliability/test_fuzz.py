"""Fuzz: every file format round-trips (load(save(x)) == x, save(load(f)) byte-stable), and
malformed input makes the parsers and codecs raise MentorlogError and nothing else."""

from __future__ import annotations

import contextlib
import os
import random
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentorlog.core.agreement import (
    FOCUS_KINDS,
    Agreement,
    Channel,
    ContactWindow,
    Focus,
    Gap,
    Mentor,
    Slot,
)
from mentorlog.core.errors import MentorlogError
from mentorlog.core.goals import GOAL_STATUSES, HORIZONS, Goal, GoalBook
from mentorlog.core.retrospective import Retrospective
from mentorlog.core.tasks import TASK_STATUSES, Task, TaskBook
from mentorlog.storage.codecs.meetings import meeting_to_doc
from mentorlog.storage.codecs.notes import note_to_doc
from mentorlog.storage.codecs.retrospective import (
    retrospective_from_document,
    retrospective_to_document,
)
from mentorlog.storage.codecs.reviews import review_to_doc
from mentorlog.storage.documents import Document, dump_document, parse_document
from mentorlog.storage.formats import AGREEMENT, FOLLOWUPS, GOALS, TASKS
from mentorlog.storage.store import decode_text, dump_toml
from mentorlog.storage.toml import parse_toml

# Examples per property and malformed inputs per parser family; --full for the big counts.
EXAMPLES, FULL_EXAMPLES = 150, 2000
MALFORMED, FULL_MALFORMED = 10_000, 100_000


def fuzz(full: bool, factor: int = 1) -> Any:
    return settings(max_examples=(FULL_EXAMPLES if full else EXAMPLES) * factor, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

TRICKY = ['"""', "'''", "+++", "+++\n", "🙂", "a\r\nb", "\r", "\\", "'", '"', "\x00", "\u2028",
          "[bold]", "#", "= x", "\ufeff"]
texts = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",)), max_size=20), st.sampled_from(TRICKY),
    st.lists(st.sampled_from(TRICKY), max_size=4).map("".join),
)
days = st.dates(date(1970, 1, 1), date(2200, 12, 31))
zones = st.sampled_from(["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata"])


@st.composite
def windows(draw: Any) -> ContactWindow:
    start = draw(st.integers(0, 24 * 60 - 1))
    return ContactWindow(draw(st.frozensets(st.integers(0, 6), min_size=1)), start,
                         draw(st.integers(start + 1, 24 * 60)))


@st.composite
def gaps(draw: Any) -> Gap:
    start = draw(days)
    return Gap(start, start + timedelta(days=draw(st.integers(0, 400))), draw(texts))


limits = st.none() | st.integers(1, 100)
agreements = st.builds(
    Agreement,
    mentor=st.builds(Mentor, texts, texts, zones),
    mentee_tz=zones,
    start=days,
    focus=st.lists(st.builds(Focus, st.sampled_from(list(FOCUS_KINDS)), texts)).map(tuple),
    success=st.lists(texts).map(tuple),
    hours_per_week=st.floats(1, 168, allow_nan=False),
    extra_time=texts,
    channels=st.lists(st.builds(Channel, texts, st.lists(windows(), min_size=1, max_size=3)
                                .map(tuple), limits, limits)).map(tuple),
    off_limits=st.lists(texts).map(tuple),
    slots=st.lists(st.builds(Slot, st.integers(0, 6),
                             st.builds(time, st.integers(0, 23), st.integers(0, 59))),
                   max_size=2).map(tuple),
    duration=st.integers(1, 600),
    gaps=st.lists(gaps(), max_size=3).map(tuple),
    gap_plan=texts,
)


@st.composite
def goal_books(draw: Any) -> GoalBook:
    n = draw(st.integers(0, 5))
    goals = tuple(
        Goal(f"g{i}", draw(texts), draw(st.sampled_from(HORIZONS)), draw(days), draw(days),
             draw(st.sampled_from(GOAL_STATUSES)), draw(st.none() | days), draw(texts))
        for i in range(1, n + 1)
    )
    return GoalBook(goals, n + 1 + draw(st.integers(0, 5)))


@st.composite
def task_books(draw: Any) -> TaskBook:
    n = draw(st.integers(0, 5))
    tasks = tuple(
        Task(f"t{i}", draw(texts), draw(days), draw(st.none() | days),
             draw(st.sampled_from(TASK_STATUSES)), draw(st.none() | days), draw(texts))
        for i in range(1, n + 1)
    )
    return TaskBook(tasks, n + 1 + draw(st.integers(0, 5)))


@pytest.mark.parametrize(("spec", "values"), [
    (AGREEMENT, agreements), (GOALS, goal_books()), (TASKS, task_books())],
    ids=["agreement", "goals", "tasks"])
def test_toml_files_round_trip_and_are_byte_stable(spec: Any, values: Any, full: bool) -> None:
    @fuzz(full)
    @given(values)
    def check(value: Any) -> None:
        text = dump_toml(spec, value)
        loaded = spec.decode(parse_toml(text, spec.name))
        assert loaded == value
        assert dump_toml(spec, loaded) == text

    check()


offsets = st.integers(-14 * 60, 14 * 60).map(lambda m: timezone(timedelta(minutes=m)))
scalars = st.one_of(
    texts, st.integers(-(2**63), 2**63 - 1), st.floats(allow_nan=False), st.booleans(), days,
    st.datetimes(datetime(1970, 1, 1), datetime(2200, 1, 1), timezones=st.none() | offsets),
    st.times(),
)
values = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
    max_leaves=8,
)
documents = st.builds(
    Document,
    st.dictionaries(texts.filter(lambda k: k != "schema_version"), values, max_size=5),
    st.one_of(texts, st.text(max_size=200).map(lambda t: t.encode("utf-8", "replace")
                                               .decode("utf-8", "replace"))),
)


def test_documents_round_trip_and_are_byte_stable(full: bool) -> None:
    @fuzz(full)
    @given(documents)
    def check(doc: Document) -> None:
        text = dump_document(doc)
        loaded = parse_document(text, "notes/x.md")
        assert loaded == doc
        assert dump_document(loaded) == text

    check()


# --- malformed input ------------------------------------------------------------------------

_SPECS = {"agreement": AGREEMENT, "goals": GOALS, "tasks": TASKS}
_POOL = list('[]{}="\'\n\r\t.,#+-:_ 0123456789aeTZx\\') + ["\u00e9", "\U0001f642", "\x00",
                                                          "+++\n", '"""', "[[", "]]", "1979-05-27"]


def _seeds() -> dict[str, bytes]:
    from reliability.kinds import _agreement, _goal, _task

    seeds = {
        "agreement": dump_toml(AGREEMENT, _agreement(1)),
        "goals": dump_toml(GOALS, GoalBook((_goal(1), _goal(2)), 3)),
        "tasks": dump_toml(TASKS, TaskBook((_task(1),), 2)),
        "document": dump_document(Document({"title": "t", "tags": ["a"], "when": date(2026, 1, 2)},
                                           "# body\n")),
    }
    return {name: text.replace("x" * 50, "x").encode() for name, text in seeds.items()}


def _mutate(rng: random.Random, data: bytes) -> bytes:
    for _ in range(rng.randint(1, 4)):
        i = rng.randint(0, len(data))
        op = rng.randrange(6)
        if op == 0:  # delete a span
            data = data[:i] + data[i + rng.randint(1, 20):]
        elif op == 1:  # insert TOML-ish characters
            data = data[:i] + rng.choice(_POOL).encode() + data[i:]
        elif op == 2:  # a random byte
            data = data[:i] + bytes([rng.randrange(256)]) + data[i:]
        elif op == 3:  # truncate
            data = data[:i]
        elif op == 4:  # repeat a line
            lines = data.split(b"\n")
            j = rng.randrange(len(lines))
            lines.insert(j, lines[j])
            data = b"\n".join(lines)
        else:  # swap two lines
            lines = data.split(b"\n")
            a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
            lines[a], lines[b] = lines[b], lines[a]
            data = b"\n".join(lines)
    return data


def _parse(name: str, data: bytes) -> None:
    text = decode_text(data, name)
    if name == "document":
        parse_document(text, name)
    else:
        spec = _SPECS[name]
        spec.decode(parse_toml(text, name))


@pytest.mark.parametrize("name", ["agreement", "goals", "tasks", "document"])
def test_malformed_files_raise_only_mentorlog_errors(name: str, full: bool) -> None:
    seed = int(os.environ.get("MENTORLOG_TEST_SEED") or random.randrange(10**9))
    rng = random.Random(f"{seed}-{name}")
    original = _seeds()[name]
    _parse(name, original)  # the seed itself is valid
    failed, count = 0, FULL_MALFORMED if full else MALFORMED
    for n in range(count):
        data = _mutate(rng, original)
        try:
            _parse(name, data)
        except MentorlogError:
            failed += 1
        except Exception as e:  # noqa: BLE001 - the point of the test
            raise AssertionError(f"{type(e).__name__}: {e} for {data!r} "
                                 f"(input {n}, MENTORLOG_TEST_SEED={seed})") from e
    assert failed > count // 4  # most mutations really are malformed


tables = st.dictionaries(st.sampled_from(
    ["schema_version", "mentor", "name", "tz", "mentee_tz", "start", "focus", "kind", "text",
     "channels", "windows", "max_per_week", "gaps", "end", "slots", "hours_per_week", "duration",
     "goals", "tasks", "id", "horizon", "set_on", "due", "status", "closed_on", "next_id",
     "followups", "opportunities", "raised_on", "outcome"]),
    values, max_size=8)


@pytest.mark.parametrize("spec", [AGREEMENT, GOALS, TASKS, FOLLOWUPS], ids=lambda s: s.name)
def test_codecs_raise_only_mentorlog_errors_on_any_toml_value(spec: Any, full: bool) -> None:
    @fuzz(full, factor=2)
    @given(st.one_of(tables, values, st.builds(lambda t: {spec.name.split(".")[0]: [t]}, tables)))
    def check(data: Any) -> None:
        with contextlib.suppress(MentorlogError):
            spec.decode(data)

    check()


# --- every record kind in kinds.KINDS -------------------------------------------------------

KIND_MALFORMED, FULL_KIND_MALFORMED = 2_000, 20_000  # per kind, on top of the above


def _kind_parser(k: Any) -> Any:
    """bytes -> record, through the codec mentorlog reads this kind of file with."""
    from mentorlog.storage.formats import DOC_FOLDERS, TOML_FILES

    if k.rel.endswith(".toml"):
        spec = next(s for s in TOML_FILES if s.name == k.rel)
        return lambda data: spec.decode(parse_toml(decode_text(data, k.rel), k.rel))
    folder = next((f for f in DOC_FOLDERS if k.rel.startswith(f.name + "/")), None)
    decode = folder.decode if folder else retrospective_from_document
    return lambda data: decode(parse_document(decode_text(data, k.rel), k.rel))


def _checked_kinds() -> list[Any]:
    from reliability.kinds import KINDS

    return [k for k in KINDS if k.checked]


def _written(k: Any, tmp_path: Any) -> bytes:
    from mentorlog.storage.store import Store
    from reliability.support import write_here

    write_here(tmp_path, k, 1)
    return Store(tmp_path).read_bytes(k.rel) or b""


@pytest.mark.parametrize("k", _checked_kinds(), ids=lambda k: k.name)
def test_every_kind_is_byte_stable_through_its_codec(k: Any, tmp_path: Any) -> None:
    """save(load(f)) == f for the file each kind writes (its codec, its dump)."""
    from mentorlog.storage.formats import TOML_FILES

    data = _written(k, tmp_path)
    record = _kind_parser(k)(data)
    if k.rel.endswith(".toml"):
        spec = next(s for s in TOML_FILES if s.name == k.rel)
        again = dump_toml(spec, record)
    else:
        encode = {"meetings": meeting_to_doc, "notes": note_to_doc, "reviews": review_to_doc}.get(
            k.rel.split("/")[0], retrospective_to_document)
        again = dump_document(encode(record))
    assert again.encode() == data


@pytest.mark.parametrize("k", _checked_kinds(), ids=lambda k: k.name)
def test_malformed_files_of_every_kind_raise_only_mentorlog_errors(
    k: Any, full: bool, tmp_path: Any
) -> None:
    seed = int(os.environ.get("MENTORLOG_TEST_SEED") or random.randrange(10**9))
    rng = random.Random(f"{seed}-{k.name}")
    parse = _kind_parser(k)
    original = _written(k, tmp_path).replace(b"x" * 50, b"x")
    parse(original)  # the seed itself is valid
    for n in range(FULL_KIND_MALFORMED if full else KIND_MALFORMED):
        data = _mutate(rng, original)
        try:
            parse(data)
        except MentorlogError:
            pass
        except Exception as e:  # noqa: BLE001 - the point of the test
            raise AssertionError(f"{type(e).__name__}: {e} for {data!r} "
                                 f"(input {n}, MENTORLOG_TEST_SEED={seed})") from e


def _all_toml_files() -> list[Any]:
    from mentorlog.storage.formats import TOML_FILES

    return [s for s in TOML_FILES if s not in (AGREEMENT, GOALS, TASKS)]


@pytest.mark.parametrize("spec", _all_toml_files(), ids=lambda s: s.name)
def test_every_other_codec_raises_only_mentorlog_errors_on_any_toml_value(
    spec: Any, full: bool
) -> None:
    key = spec.name.split(".")[0]

    @settings(max_examples=FULL_EXAMPLES if full else EXAMPLES // 3, deadline=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(st.one_of(tables, values, st.builds(lambda t: {key: [t], "ticked": t}, tables),
                     st.dictionaries(st.sampled_from([key, "editor", "week_start", "ticked",
                                                      "on", "at", "channel", "note"]), values)))
    def check(data: Any) -> None:
        with contextlib.suppress(MentorlogError):
            spec.decode(data)

    check()


retrospectives = st.builds(Retrospective, days, texts, texts, texts)


def test_the_retrospective_round_trips(full: bool) -> None:
    @fuzz(full)
    @given(retrospectives)
    def check(r: Any) -> None:
        text = dump_document(retrospective_to_document(r))
        loaded = retrospective_from_document(parse_document(text, "retrospective.md"))
        assert loaded == r
        assert dump_document(retrospective_to_document(loaded)) == text

    check()
