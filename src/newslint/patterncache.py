"""Compiled patterns kept on disk between runs, so that a single-file run compiles none.

A pre-commit hook starts newslint once per commit, for one file, and compiling the
built-in patterns was the largest part of that run (about 70 ms on the seed article, more
than linting it). Both engines compile in two steps: a parser and code generator written
in Python, then a constructor in C handed plain data (the source, the flags, the code as a
list of integers, the group tables). This module keeps that data in the cache folder
(:func:`newslint.cache.cache_dir`) and, in later runs, hands it straight to the
constructor: a few microseconds a pattern instead of a millisecond.

- ``regex`` gives that data itself: it is what a ``regex`` pattern pickles as.
- ``re`` pickles a pattern as its source, so the pattern is compiled by a copy of ``re``'s
  own compile function that notes what it hands ``_sre.compile`` (:func:`_recorded_re`):
  one compile gives both the pattern and its data.

The file holds one section per engine, each used only while its key matches: the Python
build and ``_sre``'s code format for ``re``, the ``regex`` release and its compiled
module for ``regex``; and a checksum, so a damaged file is ignored, not loaded. A
missing, stale, damaged or unwritable file only means patterns are compiled as before.
New patterns are written once, when the process exits. A pattern the engine cannot
compile is kept as its error message alone, and raises that error again without the work.
"""

from __future__ import annotations

import atexit
import re
import sys
import threading
from array import array
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newslint.cache import cache_dir, read_stored, short_digest, write_stored

if TYPE_CHECKING:
    import regex

#: Bumped whenever the file's layout changes.
_FORMAT = 3
#: Entries kept per engine; past this, only the patterns the last run used are written.
_LIMIT = 4096

_Entries = dict[tuple[str, int], tuple[Any, ...]]


class _Section:
    """One engine's stored patterns: the data its constructor takes, by (source, flags);
    a 1-tuple, the message of the error the engine raised for it."""

    __slots__ = ("added", "entries", "used")

    def __init__(self, entries: _Entries) -> None:
        self.entries = entries
        self.used: set[tuple[str, int]] = set()
        self.added = False


_lock = threading.Lock()
_stored: dict[str, tuple[Any, _Entries]] | None = None  # the file as read: engine -> (key, entries)
_sections: dict[str, _Section] = {}
_compiled: dict[tuple[str, str, int], Any] = {}  # this process's patterns, by engine, source, flags
_saving = False


def cache_file(folder: Path) -> Path:
    """This environment's file: named after the interpreter, so that several environments
    sharing one cache folder keep one file each instead of rewriting one another's."""
    return folder / f"patterns-{short_digest(sys.prefix + chr(0) + sys.version)}.marshal"


def _read() -> dict[str, tuple[Any, _Entries]]:
    """The stored sections, or none if the file is missing, damaged or of another layout."""
    folder = cache_dir()
    stored = None if folder is None else read_stored(cache_file(folder), _FORMAT)
    return stored if isinstance(stored, dict) else {}


def _section(engine: str, key: Callable[[], Any]) -> _Section:
    """The section of ``engine``, holding what was stored under ``key()`` (else nothing)."""
    global _stored
    section = _sections.get(engine)
    if section is None:
        with _lock:
            if _stored is None:
                _stored = _read()
            stored = _stored.get(engine)
            entries = stored[1] if isinstance(stored, tuple) and stored[0] == key() else {}
            section = _sections.setdefault(engine, _Section(entries))
    return section


def _re_key() -> tuple[Any, ...]:
    import _sre

    return (sys.version, sys.implementation.cache_tag, sys.byteorder, _sre.MAGIC, _sre.CODESIZE)


def _regex_key() -> tuple[Any, ...]:
    import regex
    import regex._regex as compiled

    try:
        stat = Path(compiled.__file__).stat()
        built: tuple[Any, ...] = (compiled.__file__, stat.st_size, stat.st_mtime_ns)
    except (AttributeError, TypeError, OSError):
        built = ()
    return (regex.__version__, int(regex.DEFAULT_VERSION), sys.version, sys.byteorder, *built)


def compile_re(source: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(source, flags)``, from the stored data when there is some."""
    return _compile("re", source, int(flags))  # type: ignore[no-any-return]


def compile_regex(source: str, flags: int = 0) -> regex.Pattern[str]:
    """``regex.compile(source, flags)``, from the stored data when there is some."""
    return _compile("regex", source, int(flags))  # type: ignore[no-any-return]


def _compile(engine: str, source: str, flags: int) -> Any:
    """The pattern of ``engine``: this process's, else built from the stored data, else
    compiled (and its data kept, where there is a cache folder)."""
    pattern = _compiled.get((engine, source, flags))
    if pattern is not None:
        return pattern
    section = _section(engine, _re_key if engine == "re" else _regex_key)
    data = section.entries.get((source, flags))
    section.used.add((source, flags))
    if data is not None:
        if len(data) == 1:  # the engine's error, recorded: raised again without the work
            raise _error(engine)(data[0])
        try:
            pattern = _from_data(engine, data)
        except Exception:
            pattern = None
    if pattern is None:
        keep = _keeping()
        try:
            pattern, data = _compiled_anew(engine, source, flags, keep=keep)
        except _error(engine) as error:
            # Callers try ``re`` on a pattern it may not read (a variable-width look-behind)
            # and fall back to ``regex``: without this, every run paid for the failure.
            if keep:
                _add(section, source, flags, (str(error),))
            raise
        if data is not None:
            _add(section, source, flags, data)
    _compiled[engine, source, flags] = pattern
    return pattern


def _error(engine: str) -> type[Exception]:
    """What ``engine`` raises for a pattern it cannot compile."""
    if engine == "re":
        return re.error
    import regex

    return regex.error  # type: ignore[no-any-return]


def _from_data(engine: str, data: tuple[Any, ...]) -> Any:
    """The pattern the engine's C constructor builds from stored ``data``."""
    if engine == "re":
        import _sre

        return _sre.compile(*(_unpacked(data) if isinstance(data[2], bytes) else data))
    from regex import _regex

    return _regex.compile(*data)


def _compiled_anew(
    engine: str, source: str, flags: int, *, keep: bool
) -> tuple[Any, tuple[Any, ...] | None]:
    """The pattern compiled by ``engine`` and, if ``keep``, the data to store for it."""
    if engine == "re":
        return _recorded_re(source, flags) if keep else (re.compile(source, flags), None)
    import regex

    pattern = regex.compile(source, flags)
    data = getattr(pattern, "_pickled_data", None)  # what regex pickles a pattern as
    return pattern, data if keep and isinstance(data, tuple) else None


def _recorded_re(source: str, flags: int) -> tuple[re.Pattern[str], tuple[Any, ...] | None]:
    """``re.compile(source, flags)``, with the arguments ``re`` handed ``_sre.compile`` for
    it (None if they were not seen: a Python whose ``re`` works otherwise).

    Compiled by a copy of ``re._compiler.compile`` whose ``_sre`` notes what it is handed:
    the pattern is ``re``'s own, compiled once, and nothing outside this call is patched.
    """
    recording = _re_recorder()
    if recording is not None:
        compile_, seen = recording
        seen.data = None
        try:
            pattern = compile_(source, flags)
        except re.error:
            raise
        except Exception:
            pass
        else:
            data = seen.data
            if (
                isinstance(pattern, re.Pattern)
                and isinstance(data, tuple)
                and data[:1] == (source,)
            ):
                return pattern, data
    return re.compile(source, flags), None


@cache
def _re_recorder() -> tuple[Callable[[str, int], re.Pattern[str]], threading.local] | None:
    """A copy of ``re._compiler.compile`` reading ``_sre`` from a recorder, and the
    (per-thread) record; None where ``re`` has no such function."""
    import _sre
    import types

    try:
        from re import _compiler  # type: ignore[attr-defined]

        original = _compiler.compile
        seen = threading.local()

        class Recorder:
            """``_sre`` as the copy sees it: the same, but ``compile`` notes its arguments."""

            def compile(self, *data: Any) -> Any:
                seen.data = data
                return _sre.compile(*data)

            def __getattr__(self, name: str) -> Any:
                return getattr(_sre, name)

        scope = {**vars(_compiler), "_sre": Recorder()}
        copy = types.FunctionType(
            original.__code__, scope, original.__name__, original.__defaults__, original.__closure__
        )
    except Exception:
        return None
    return copy, seen


def _packed(data: tuple[Any, ...]) -> tuple[Any, ...]:
    """``data`` with ``re``'s code (its third item, a list) as the bytes of 32-bit words,
    as ``regex`` already gives it: read back with one copy, where a list is read one
    integer at a time (600 KB took 5 ms to read, mostly patterns the run never used)."""
    if len(data) > 2 and isinstance(data[2], list):
        try:
            return (*data[:2], array("I", data[2]).tobytes(), *data[3:])
        except (OverflowError, TypeError):  # not 32-bit words: kept as integers
            return (*data[:2], [int(word) for word in data[2]], *data[3:])
    return data


def _unpacked(data: tuple[Any, ...]) -> tuple[Any, ...]:
    """``re``'s ``data`` as ``_sre.compile`` takes it: the code as a list of integers."""
    code = array("I")
    code.frombytes(data[2])
    return (*data[:2], code.tolist(), *data[3:])


def _keeping() -> bool:
    """Whether new patterns are kept: only where there is a cache folder."""
    return cache_dir() is not None


def _add(section: _Section, source: str, flags: int, data: tuple[Any, ...]) -> None:
    global _saving
    section.entries[source, flags] = _packed(data)
    section.added = True
    if not _saving:
        _saving = True
        atexit.register(save)


def save() -> bool:
    """Write the patterns compiled anew in this process (with those stored before, up to
    :data:`_LIMIT` an engine); whether a file was written. Called at exit."""
    folder = cache_dir()
    if folder is None or not any(section.added for section in _sections.values()):
        return False
    with _lock:
        stored = dict(_stored or {})
        for engine, section in _sections.items():
            key = _re_key() if engine == "re" else _regex_key()
            entries = dict(section.entries)
            if len(entries) > _LIMIT:
                entries = {item: entries[item] for item in section.used if item in entries}
            stored[engine] = (key, entries)
            section.added = False
    return write_stored(cache_file(folder), _FORMAT, stored)
