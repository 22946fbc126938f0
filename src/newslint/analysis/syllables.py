"""Syllable counts from pyphen's English hyphenation patterns.

A word's syllables are its hyphenation points plus one, the count textstat falls back to
without NLTK's CMU dictionary. The points come from Liang's algorithm over the patterns of
pyphen's ``hyph_en_US.dic``: every pattern found in ``.word.`` raises the level of the letter
gaps it covers, and a gap at an odd level is a point. One Aho-Corasick automaton finds every
pattern in a word in one pass, where pyphen looks up each of the word's substrings in turn;
the answers are pyphen's (``tests/test_syllables.py`` compares them).
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import ahocorasick_rs

#: pyphen's language, and the shortest first and last syllables it allows by default.
LANGUAGE = "en_US"
LEFT = RIGHT = 2
#: Lines of a hyphenation dictionary that are settings or comments, not patterns.
_NOT_PATTERNS = (
    "%",
    "#",
    "LEFTHYPHENMIN",
    "RIGHTHYPHENMIN",
    "COMPOUNDLEFTHYPHENMIN",
    "COMPOUNDRIGHTHYPHENMIN",
    "NEXTLEVEL",
    "NOHYPHEN",
)


def dictionary_path(language: str = LANGUAGE) -> Path:
    """pyphen's dictionary for ``language``, found without importing pyphen (whose import
    lists every dictionary it ships)."""
    spec = importlib.util.find_spec("pyphen")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("pyphen is not installed")
    return Path(spec.submodule_search_locations[0]) / "dictionaries" / f"hyph_{language}.dic"


def read_patterns(path: Path) -> dict[str, str]:
    """A hyphenation dictionary's patterns: their letters -> the pattern as written
    ("a1b2c" -> "abc": "a1b2c"). Levels are read from a pattern the first time a word
    holds it (:func:`levels_of`): a document meets a few hundred of eleven thousand."""
    text = path.read_bytes().decode("utf-8", errors="replace")
    written = [
        line
        for line in (raw.strip() for raw in text.split("\n")[1:])  # line 1 names the encoding
        if line and not line.startswith(_NOT_PATTERNS) and "/" not in line and "^^" not in line
    ]
    letters = _DIGITS.sub("", "\n".join(written)).split("\n")
    return dict(zip(letters, written, strict=True))


_DIGITS = re.compile(r"\d")


def levels_of(pattern: str) -> tuple[int, tuple[int, ...]]:
    """A pattern's levels between its letters, as (offset of the first non-zero level, the
    levels from there to the last non-zero one): "a1b2c" -> (1, (1, 2))."""
    levels = [0]
    for char in pattern:
        if char.isdigit():
            levels[-1] = int(char)
        else:
            levels.append(0)
    first = next((i for i, level in enumerate(levels) if level), 0)
    last = max((i for i, level in enumerate(levels) if level), default=-1)
    return first, tuple(levels[first : last + 1])


class SyllableCounter:
    """Counts a word's syllables as pyphen's hyphenation points plus one.

    Answers are remembered, up to :attr:`MEMORY` words: an article repeats its words, and a
    corpus the language's, so most words are counted once per process.
    """

    MEMORY = 50_000

    def __init__(self, patterns: dict[str, str]) -> None:
        self._known: dict[str, int] = {}
        self._letters = list(patterns)
        self._written = [patterns[letters] for letters in self._letters]
        self._levels: dict[int, tuple[int, tuple[int, ...]]] = {}
        self._automaton = ahocorasick_rs.AhoCorasick(
            self._letters, matchkind=ahocorasick_rs.MatchKind.Standard
        )

    @classmethod
    def english(cls) -> SyllableCounter:
        return cls(read_patterns(dictionary_path()))

    def __call__(self, word: str) -> int:
        word = word.lower()
        known = self._known.get(word)
        if known is None:
            if len(self._known) >= self.MEMORY:
                self._known.clear()
            known = self._known[word] = self._count(word)
        return known

    def _count(self, word: str) -> int:
        pointed = f".{word}."
        gaps = [0] * (len(pointed) + 1)
        levels = self._levels
        for index, start, _ in self._automaton.find_matches_as_indexes(pointed, overlapping=True):
            found = levels.get(index)
            if found is None:
                found = levels[index] = levels_of(self._written[index])
            offset, values = found
            at = start + offset
            for step, value in enumerate(values):
                if value > gaps[at + step]:
                    gaps[at + step] = value
        # Gap i of ``pointed`` is the hyphenation point i - 1 of the word.
        points = sum(1 for gap in range(LEFT + 1, len(word) - RIGHT + 2) if gaps[gap] % 2)
        return points + 1
