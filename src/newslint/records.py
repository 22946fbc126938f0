"""Plain classes compared and shown by value, as ``@dataclass`` would make them.

Creating a dataclass costs about a millisecond at import, and a commit hook that lints one
file pays every import: the classes built for every run use these bases instead.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import Any


def _key_getter(fields: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """A function giving an object's ``fields`` as a tuple (``attrgetter`` does it in C)."""
    if len(fields) == 1:
        one = attrgetter(fields[0])
        return lambda item: (one(item),)
    return attrgetter(*fields) if fields else (lambda item: ())


class _ByValue:
    """Compared and shown by the values of ``fields``, read through one ``attrgetter``."""

    #: The attributes, in the order the constructor takes them.
    fields: tuple[str, ...] = ()
    __slots__: tuple[str, ...] = ()
    #: The values of ``fields``, as a tuple (set for each subclass).
    _values: Callable[[Any], tuple[Any, ...]] = staticmethod(_key_getter(()))

    def __init_subclass__(cls, **options: Any) -> None:
        super().__init_subclass__(**options)
        cls._values = staticmethod(_key_getter(cls.fields))

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            values = self._values
            return values(self) == values(other)  # type: ignore[no-any-return]
        return NotImplemented

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.fields)
        return f"{type(self).__name__}({fields})"


class Record(_ByValue):
    """A small immutable result: slotted attributes set once, compared and shown by value.

    A plain class rather than a dataclass: creating a dataclass costs about a millisecond at
    import, and a commit hook that lints one file pays every import.
    """

    __slots__: tuple[str, ...] = ()

    def __init__(self, *values: Any) -> None:
        """Set ``fields`` in order; subclasses with defaults or keywords write their own,
        setting each attribute with ``object.__setattr__``, or, for a record made many
        times a document, with its slots' own setters (:func:`slot_setters`)."""
        for name, value in zip(self.fields, values, strict=True):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __hash__(self) -> int:
        return hash(self._values(self))

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled and copied as the constructor's arguments (``__setattr__`` refuses the
        default way, which sets each slot after creating the object)."""
        return type(self), self._values(self)


def slot_setters(cls: type) -> tuple[Callable[[Any, Any], None], ...]:
    """The setters of ``cls.fields``' slots, in order, for a constructor made many times a
    document: a slot's own ``__set__`` takes half the time of ``object.__setattr__``,
    which looks the name up first."""
    return tuple(cls.__dict__[name].__set__ for name in cls.fields)  # type: ignore[attr-defined]


class Value(_ByValue):
    """A mutable result: compared and shown by the values of its ``fields``, unhashable (as a
    dataclass with ``eq`` and without ``frozen``). Subclasses write their own ``__init__``."""

    __hash__ = None  # type: ignore[assignment]
