"""Plain classes compared and shown by value, as ``@dataclass`` would make them.

Creating a dataclass costs about a millisecond at import, and a commit hook that lints one
file pays every import: the classes built for every run use these bases instead.
"""

from __future__ import annotations

from typing import Any


class Record:
    """A small immutable result: slotted attributes set once, compared and shown by value.

    A plain class rather than a dataclass: creating a dataclass costs about a millisecond at
    import, and a commit hook that lints one file pays every import.
    """

    #: The attributes, in the order the constructor takes them.
    fields: tuple[str, ...] = ()
    __slots__: tuple[str, ...] = ()

    def __init__(self, *values: Any) -> None:
        for name, value in zip(self.fields, values, strict=True):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.fields)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._values() == other._values()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.fields)
        return f"{type(self).__name__}({fields})"


class Value:
    """A mutable result: compared and shown by the values of its ``fields``, unhashable (as a
    dataclass with ``eq`` and without ``frozen``). Subclasses write their own ``__init__``."""

    #: The attributes, in the order the constructor takes them.
    fields: tuple[str, ...] = ()

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.fields)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()  # type: ignore[attr-defined,no-any-return]

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.fields)
        return f"{type(self).__name__}({fields})"
