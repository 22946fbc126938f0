"""Syllable counts from pyphen's English hyphenation patterns: fast, and cached on disk.

A word's syllables are its hyphenation points plus one, the count textstat falls back to
without NLTK's CMU dictionary. pyphen finds the points with Liang's algorithm: every
substring of ``.word.`` that is a pattern raises the level of the letter gaps it covers,
and gaps at an odd level are points. pyphen looks up every substring up to 28 characters long, in
Python, for every new word; parsing its English dictionary costs about 0.13 s of every
process. Both costs matter for a linter that runs on one file at a time.

:class:`PatternCounter` answers from the same patterns (read from pyphen's parsed
dictionary, never re-parsed here) arranged as a letter tree with failure links
(Aho-Corasick): one pass over the word, a look-up a letter, meets every pattern it holds at
the letter the pattern ends on, where the state reached holds the combined values of every
pattern ending there. Values are kept in unary, one 16-bit field per letter gap (level v as
v low bits set), so merging by maximum is a bitwise or of one integer per letter, and a gap
is a point when its field has an odd number of bits. The counts are pyphen's
(``tests/test_syllables.py`` compares them).

The tree is kept in the user's cache folder (see :func:`cache_dir`) and read back with
``marshal`` in a few milliseconds, keyed by the pyphen installation: the paths, sizes and
modification times of pyphen's module, of its English dictionary and of this module. A
missing, stale, unreadable or unwritable cache only means the dictionary is loaded through
pyphen as before; nothing depends on it.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from newslint.cache import CACHE_ENV as CACHE_ENV  # where the tests and docs look for it
from newslint.cache import cache_dir, read_stored, short_digest, write_stored

#: pyphen's language and the shortest first and last syllables it allows by default.
LANGUAGE = "en_US"
_LEFT = _RIGHT = 2
#: Bumped whenever the stored tree's layout changes.
_FORMAT = 6
#: Bits per letter gap in a walk's values: levels go up to 9, one bit each.
_FIELD = 16

#: The letter tree of the patterns with failure links (Aho-Corasick), states by number, the
#: root 0: each state's ``moves`` (its children by letter), its ``fallback`` (the state of
#: the longest proper suffix of its letters that is in the tree) and its ``values``: every
#: pattern ending with its letters combined, each pattern's gaps counted back from its end,
#: in unary fields of :data:`_FIELD` bits (0 when none). Lists of ints and dicts only:
#: marshal reads them back fast, and states without children share one empty dict.
Automaton = tuple[list[dict[str, int]], list[int], list[int]]


@cache
def _gaps(length: int, walked: int) -> int:
    """The fields of the gaps pyphen keeps in a word of ``length`` characters (LEFT to
    ``length - RIGHT``), at bit 0 of each, for a walk of ``walked`` characters (the word
    lower-cased between two dots): gap g of the walk is field ``walked - g``, and gap i of
    the word is gap i + 1 of the walk."""
    return sum(1 << (_FIELD * (walked - gap)) for gap in range(_LEFT + 1, length - _RIGHT + 2))


class PatternCounter:
    """Syllables in one (lower-cased) word: pyphen's hyphenation points, plus one."""

    def __init__(self, automaton: Automaton) -> None:
        self._automaton = automaton

    def __call__(self, word: str) -> int:
        """One pass over the word: after each letter, the state holds the longest end of the
        letters so far that is in the tree, and its values those of every pattern ending
        there (one dict look-up a letter, and a fallback now and then, where a walk from
        every letter took several). Each letter shifts the levels by a field, so that a
        pattern's values, counted back from its end, land on its own gaps."""
        moves, fallbacks, values = self._automaton
        pointed = f".{word.lower()}."
        levels = 0
        state = 0
        for letter in pointed:
            while True:
                following = moves[state].get(letter)
                if following is not None:
                    state = following
                    break
                if not state:
                    break
                state = fallbacks[state]
            levels = levels << _FIELD | values[state]
        # Fold each field's parity into its lowest bit (a field never reaches the next).
        levels ^= levels >> 1
        levels ^= levels >> 2
        levels ^= levels >> 4
        levels ^= levels >> 8
        return (levels & _gaps(len(word), len(pointed))).bit_count() + 1


def build_automaton(patterns: Mapping[str, tuple[int, tuple[int, ...]]]) -> Automaton:
    """The automaton of pyphen's parsed patterns (``{letters: (offset, values)}``)."""
    moves: list[dict[str, int]] = [{}]
    values = [0]  # each state's own patterns first, then those of its fallback too
    for letters, (offset, levels) in patterns.items():
        state = 0
        for letter in letters:
            following = moves[state].get(letter)
            if following is None:
                following = moves[state][letter] = len(moves)
                moves.append({})
                values.append(0)
            state = following
        for index, level in enumerate(levels, offset):
            if not 0 <= level < _FIELD or index > len(letters):
                raise ValueError(f"hyphenation level {level} at {index} out of range")
            values[state] |= ((1 << level) - 1) << (_FIELD * (len(letters) - index))
    fallbacks = [0] * len(moves)
    # Breadth first: a state's fallback is shallower, so already complete. Its values are
    # the state's own and its fallback's, those of every shorter pattern ending there
    # (counted back from the same end: no shift; an or of unary fields keeps each maximum).
    shared: dict[int, int] = {}
    queue = deque(moves[0].values())
    while queue:
        state = queue.popleft()
        values[state] = shared.setdefault(values[state], values[state])
        for letter, child in moves[state].items():
            fallback = fallbacks[state]
            while fallback and letter not in moves[fallback]:
                fallback = fallbacks[fallback]
            fallbacks[child] = moves[fallback].get(letter, 0)
            values[child] |= values[fallbacks[child]]
            queue.append(child)
    no_moves: dict[str, int] = {}  # never changed: the walk only reads them
    return [children or no_moves for children in moves], fallbacks, values


def _source_key() -> tuple[Any, ...] | None:
    """What the stored tree was derived from, found without importing pyphen."""
    from importlib.util import find_spec

    try:
        spec = find_spec("pyphen")
        if spec is None or not spec.origin:
            return None
        module = Path(spec.origin)
        dictionary = module.parent / "dictionaries" / f"hyph_{LANGUAGE}.dic"
        key: list[Any] = [_FORMAT]
        for path in (module, dictionary, Path(__file__)):
            stat = path.stat()
            key += [str(path), stat.st_size, stat.st_mtime_ns]
    except (OSError, ImportError, ValueError):
        return None
    return tuple(key)


def cache_file(folder: Path, key: tuple[Any, ...]) -> Path:
    """The cache file of the pyphen installation ``key`` describes.

    Named after the installation's paths (not their sizes and times, which the stored key
    checks), so that several environments sharing one cache folder (a project's venv, its
    CI venv, a tox env) each keep their own file instead of rewriting one another's, while
    an upgrade in place replaces its own.
    """
    installation = "\0".join(str(part) for part in key[1::3])  # the paths, in order
    digest = short_digest(installation)
    return folder / f"hyphenation-{LANGUAGE}-{digest}.marshal"


def _read(path: Path, key: tuple[Any, ...]) -> Automaton | None:
    """The stored automaton if it was derived from ``key``'s files, else None."""
    import gc

    collecting = gc.isenabled()
    gc.disable()  # ten thousand new dicts would trigger several needless collections
    try:
        automaton = read_stored(path, key)
    finally:
        if collecting:
            gc.enable()
    return automaton if _is_automaton(automaton) else None


def _is_automaton(stored: object) -> bool:
    """Whether ``stored`` has the layout of an :data:`Automaton` (a state for each move)."""
    if not isinstance(stored, tuple) or len(stored) != 3:
        return False
    moves, fallbacks, values = stored
    return (
        isinstance(moves, list)
        and isinstance(fallbacks, list)
        and isinstance(values, list)
        and 0 < len(moves) == len(fallbacks) == len(values)
    )


def _write(path: Path, key: tuple[Any, ...], automaton: Automaton) -> None:
    """Store atomically (a reader sees the old file or the whole new one), or not at all."""
    write_stored(path, key, automaton)


def _pyphen_automaton(key: tuple[Any, ...] | None) -> Automaton | None:
    """The automaton of pyphen's loaded dictionary (None if its layout is not the expected
    one); stored in the cache when ``key`` describes the dictionary pyphen loaded."""
    import pyphen

    hyphenator = pyphen.Pyphen(lang=LANGUAGE)
    patterns = getattr(hyphenator.hd, "patterns", None)
    if (hyphenator.left, hyphenator.right) != (_LEFT, _RIGHT) or not _expected(patterns):
        return None
    try:
        automaton = build_automaton(patterns)
    except ValueError:  # a level beyond a field: not a dictionary this module reads
        return None
    folder = cache_dir()
    if key is not None and folder is not None:
        module = str(Path(pyphen.__file__))
        dictionary = str(Path(pyphen.LANGUAGES[pyphen.language_fallback(LANGUAGE)]))
        if (module, dictionary) == (key[1], key[4]):  # what _source_key() described
            _write(cache_file(folder, key), key, automaton)
    return automaton


def _expected(patterns: object) -> bool:
    """Whether pyphen's parsed patterns are ``{letters: (offset, (int, ...))}``."""
    if not isinstance(patterns, dict) or not patterns:
        return False
    return all(
        isinstance(letters, str)
        and isinstance(pattern, tuple)
        and len(pattern) == 2
        and isinstance(pattern[0], int)
        and isinstance(pattern[1], tuple)
        and all(isinstance(value, int) for value in pattern[1])
        for letters, pattern in patterns.items()
    )


def pyphen_counter() -> Callable[[str], int]:
    """A syllable counter giving pyphen's answers (callers remember the answers)."""
    key = _source_key()
    folder = cache_dir()
    automaton = (
        _read(cache_file(folder, key), key) if key is not None and folder is not None else None
    )
    if automaton is None:
        automaton = _pyphen_automaton(key)
    if automaton is not None:
        return PatternCounter(automaton)
    import pyphen

    hyphenator = pyphen.Pyphen(lang=LANGUAGE)
    memo = getattr(hyphenator.hd, "cache", None)  # pyphen's own memo never forgets

    def count(word: str) -> int:
        if isinstance(memo, dict) and len(memo) > 2048:
            memo.clear()  # so memory stays flat over a corpus of any size
        return len(hyphenator.positions(word.lower())) + 1

    return count
