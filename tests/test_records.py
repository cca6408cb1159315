"""`@record` behaves like `@dataclass(frozen=True)` for everything mentorlog relies on."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mentorlog.records import FrozenInstanceError, field, fields, record, replace


@record
class Point:
    x: int
    y: int = 0
    tags: tuple[str, ...] = ()
    extra: dict[str, int] = field(default_factory=dict, compare=False)
    note: str = field(default="", compare=False)


@dataclasses.dataclass(frozen=True)
class DataPoint:
    x: int
    y: int = 0
    tags: tuple[str, ...] = ()
    extra: dict[str, int] = dataclasses.field(default_factory=dict, compare=False)
    note: str = dataclasses.field(default="", compare=False)


values = st.builds(
    lambda x, y, tags, note: (x, y, tuple(tags), note),
    st.integers(), st.integers(), st.lists(st.text(max_size=3), max_size=3), st.text(max_size=5)
)


@given(values, values)
def test_equality_hash_and_repr_match_a_frozen_dataclass(a, b) -> None:
    ra, rb = Point(*a[:3], note=a[3]), Point(*b[:3], note=b[3])
    da, db = DataPoint(*a[:3], note=a[3]), DataPoint(*b[:3], note=b[3])
    assert (ra == rb) == (da == db)
    assert (ra != rb) == (da != db)
    if ra == rb:
        assert hash(ra) == hash(rb)
    assert hash(ra) == hash(Point(*a[:3], note="other"))
    assert repr(ra) == repr(da).replace("DataPoint", "Point")


def test_defaults_are_shared_only_when_immutable() -> None:
    a, b = Point(1), Point(2)
    assert a.y == 0 and a.tags == () and a.extra == {} and a.note == ""
    assert a.extra is not b.extra
    assert Point(1, extra={"k": 1}).extra == {"k": 1}


def test_a_record_cannot_be_changed() -> None:
    p = Point(1)
    with pytest.raises(FrozenInstanceError, match="cannot assign to field 'x'"):
        p.x = 2  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del p.x  # type: ignore[misc]
    assert p.x == 1


def test_replace_makes_a_changed_copy() -> None:
    p = Point(1, 2, ("a",))
    q = replace(p, y=5)
    assert (p.y, q.y, q.x, q.tags) == (2, 5, 1, ("a",))
    with pytest.raises(TypeError, match="no field 'z'"):
        replace(p, z=1)


def test_constructor_checks_its_arguments_like_a_dataclass() -> None:
    with pytest.raises(TypeError):
        Point()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Point(1, 2, (), {}, "", "too many")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Point(1, x=1)  # type: ignore[misc]
    with pytest.raises(TypeError):
        Point(1, colour="red")  # type: ignore[call-arg]


def test_fields_keep_their_order_and_bad_definitions_are_refused() -> None:
    assert fields(Point) == ("x", "y", "tags", "extra", "note")
    assert Point.__match_args__ == fields(Point)
    with pytest.raises(TypeError, match="non-default field 'b'"):
        @record
        class Bad:
            a: int = 0
            b: int
    with pytest.raises(ValueError, match="default_factory"):
        @record
        class Mutable:
            a: list[int] = []  # noqa: RUF012


def test_records_of_different_classes_are_never_equal() -> None:
    @record
    class Other:
        x: int
        y: int = 0
        tags: tuple[str, ...] = ()
        extra: dict[str, int] = field(default_factory=dict, compare=False)
        note: str = ""

    assert Point(1) != Other(1)
    assert Point(1) != (1, 0, (), {})
