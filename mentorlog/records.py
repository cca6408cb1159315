"""`@record`: an immutable record class, like `@record` but cheap to define.

Every record in mentorlog used to be a frozen dataclass. `dataclasses` compiles five or six
methods per class from generated source and imports `inspect`: ~0.8 ms per class and ~10 ms
for the import, ~40 ms for the sixty records of mentorlog, paid on every start before a
command does anything (docs/performance.md). A record compiles only its `__init__` (so
building one is as fast as a dataclass) and shares one `__eq__`, `__hash__`, `__repr__`
and `__setattr__` between all classes.

What a record has, as a frozen dataclass would: fields from the class's annotations, in
order, with defaults and `field(default_factory=..., compare=False)`; a keyword-or-position
`__init__`; equality between instances of the same class; a hash; a repr; `__match_args__`;
assignment and deletion raise `FrozenInstanceError`; `replace(obj, **changes)` builds a
changed copy. Not supported (mentorlog does not use them): inheritance between records,
`ClassVar`, `InitVar`, `__post_init__`, ordering.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:  # mypy reads records as frozen dataclasses (PEP 681)
    from collections.abc import Callable
    from typing import Any, TypeVar

    from typing_extensions import dataclass_transform

    C = TypeVar("C")
else:
    def dataclass_transform(**_: object) -> object:
        return lambda f: f


if TYPE_CHECKING:
    from typing import Generic as Generic
    from typing import TypeVar as TypeVar
else:
    class Generic:
        """What a generic record (store.TomlFile[T]) needs of typing.Generic when it runs:
        a subscript that is the class itself. Importing typing costs ~3 ms at every start,
        and every other use of it is an annotation, which is never evaluated."""

        def __class_getitem__(cls, item):
            return cls

    def TypeVar(name, *constraints, **options):  # noqa: N802 - typing's own name
        return name


class FrozenInstanceError(AttributeError):
    """Raised on an attempt to change a field of a record."""


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


class Field:
    """A field's default and whether equality and hashing look at it (see `field`)."""

    __slots__ = ("default", "default_factory", "compare")

    def __init__(self, default: Any, default_factory: Any, compare: bool) -> None:
        self.default = default
        self.default_factory = default_factory
        self.compare = compare


def field(*, default: Any = MISSING, default_factory: Callable[[], Any] | Any = MISSING,
          compare: bool = True) -> Any:
    """A field with a default made fresh for each record, or left out of equality."""
    if default is not MISSING and default_factory is not MISSING:
        raise ValueError("cannot give both default and default_factory")
    return Field(default, default_factory, compare)


def _eq(self: Any, other: Any) -> bool:
    if other.__class__ is not self.__class__:
        return NotImplemented
    names = self.__record_compare__
    return tuple(getattr(self, n) for n in names) == tuple(getattr(other, n) for n in names)


def _hash(self: Any) -> int:
    return hash(tuple(getattr(self, n) for n in self.__record_compare__))


def _repr(self: Any) -> str:
    inner = ", ".join(f"{n}={getattr(self, n)!r}" for n in self.__record_fields__)
    return f"{type(self).__qualname__}({inner})"


def _setattr(self: Any, name: str, value: object) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _delattr(self: Any, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def record(cls: type[C]) -> type[C]:
    """Make `cls` an immutable record of the fields it annotates (see the module's text)."""
    names = tuple(cls.__dict__.get("__annotations__", {}))
    params: list[str] = []
    body: list[str] = []
    scope: dict[str, Any] = {"MISSING": MISSING}
    compare: list[str] = []
    seen_default = ""
    for name in names:
        value = cls.__dict__.get(name, MISSING)
        spec = value if isinstance(value, Field) else Field(value, MISSING, True)
        if spec.compare:
            compare.append(name)
        if spec.default_factory is not MISSING:
            scope[f"_f_{name}"] = spec.default_factory
            params.append(f"{name}=MISSING")
            body.append(f" d[{name!r}] = _f_{name}() if {name} is MISSING else {name}")
            delattr(cls, name)
            seen_default = name
            continue
        if spec.default is not MISSING:
            if isinstance(spec.default, list | dict | set):
                raise ValueError(f"mutable default for field {name}: use default_factory")
            scope[f"_d_{name}"] = spec.default
            params.append(f"{name}=_d_{name}")
            setattr(cls, name, spec.default)
            seen_default = name
        elif seen_default:
            raise TypeError(f"non-default field {name!r} follows default field "
                            f"{seen_default!r}")
        else:
            params.append(name)
        body.append(f" d[{name!r}] = {name}")
    source = (f"def __init__(self, {', '.join(params)}):\n d = self.__dict__\n"
              + "\n".join(body) + "\n" if names else "def __init__(self):\n pass\n")
    exec(source, scope)  # noqa: S102 - source built above from the class's own field names
    init = scope["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__annotations__ = {n: cls.__dict__["__annotations__"][n] for n in names}
    init.__annotations__["return"] = "None"
    cls.__init__ = init  # type: ignore[misc, method-assign]
    cls.__record_fields__ = names  # type: ignore[attr-defined]
    cls.__record_compare__ = tuple(compare)  # type: ignore[attr-defined]
    cls.__match_args__ = names  # type: ignore[attr-defined, misc]
    cls.__eq__ = _eq  # type: ignore[method-assign, assignment]
    cls.__hash__ = _hash  # type: ignore[method-assign, assignment]
    cls.__repr__ = _repr  # type: ignore[method-assign, assignment]
    cls.__setattr__ = _setattr  # type: ignore[method-assign, assignment]
    cls.__delattr__ = _delattr  # type: ignore[method-assign, assignment]
    return cls


def replace(obj: C, **changes: Any) -> C:
    """A copy of the record `obj` with `changes` (like `dataclasses.replace`)."""
    names = obj.__record_fields__  # type: ignore[attr-defined]
    unknown = set(changes) - set(names)
    if unknown:
        raise TypeError(f"{type(obj).__name__} has no field {sorted(unknown)[0]!r}")
    values = {n: getattr(obj, n) for n in names}
    values.update(changes)
    return type(obj)(**values)


def fields(cls_or_obj: Any) -> tuple[str, ...]:
    """The field names of a record class or record, in order."""
    return tuple(cls_or_obj.__record_fields__)
