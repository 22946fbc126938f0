"""The one matching layer: word and phrase lists, and patterns.

Rules ask this module for matches; none of them chooses an engine or filters text first.

- :class:`PhraseList` finds words and phrases (a lexicon, a pack's ``phrases``) with one
  Aho-Corasick automaton (``ahocorasick_rs``): every phrase of a list in one pass over the
  text, case-insensitively and on word boundaries. Lists of hundreds of phrases cost what one
  does, which is why lexicons stay data and grow freely.
- :class:`Pattern` is a ``regex`` pattern matched with a time budget, for what a list cannot
  say (look-arounds, optional words). ``regex`` rather than ``re`` because its timeout stops
  a pattern that backtracks without end: a user's pack must never hang a commit hook.

Both match on :func:`fold`-ed text: case-folded, curly apostrophes straight and every
whitespace character a space, with each offset unchanged, so a match is a span of the
original text.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property

import ahocorasick_rs
import regex

#: Whitespace characters that :func:`fold` turns into a plain space, and the apostrophe it
#: straightens: a lexicon writes "don't" and "pointed out" once.
_FOLDS = str.maketrans(
    {
        **{
            c: " " for c in "\t\n\v\f\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000"
        },
        **{chr(c): " " for c in range(0x2000, 0x200B)},
        "\u2019": "'",
    }
)


def fold(text: str) -> str:
    """``text`` case-folded for matching, the same length, so offsets carry over.

    A character whose case folding is longer than one character (``ß`` folds to ``ss``) is
    lower-cased instead, or kept, so every offset still points at the same character.
    """
    folded = text.casefold()
    if len(folded) != len(text):
        folded = "".join(_fold_char(c) for c in text)
    return folded.translate(_FOLDS)


def _fold_char(char: str) -> str:
    folded = char.casefold()
    if len(folded) == 1:
        return folded
    lowered = char.lower()
    return lowered if len(lowered) == 1 else char


def _joins_word_before(char: str) -> bool:
    """Whether a phrase may not start right after ``char`` ("re-said", "un-", "o'said")."""
    return char.isalnum() or char in "_-'"


def _joins_word_after(char: str) -> bool:
    """Whether a phrase may not end right before ``char``; an apostrophe may follow
    ("police's" holds the word "police")."""
    return char.isalnum() or char in "_-"


def expand(phrase: str) -> list[str]:
    """The phrases a family written with braces stands for, in order.

    ``"{serve|serves} as a {stark|sobering} reminder"`` gives four phrases; an empty choice
    makes words optional (``"{very |}likely"``), and braces nest
    (``"continues to {evolve|un{fold|ravel}}"``).
    """
    start = phrase.find("{")
    if start == -1:
        if "}" in phrase:
            raise ValueError(f"unopened '}}' in phrase {phrase!r}")
        return [phrase]
    depth = 0
    cuts = [start]
    for at in range(start, len(phrase)):
        char = phrase[at]
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                cuts.append(at)
                break
        elif char == "|" and depth == 1:
            cuts.append(at)
    else:
        raise ValueError(f"unclosed '{{' in phrase {phrase!r}")
    head, tail = phrase[:start], phrase[cuts[-1] + 1 :]
    choices = [phrase[a + 1 : b] for a, b in itertools.pairwise(cuts)]
    rests = expand(tail)
    return [
        head + option + rest for choice in choices for option in expand(choice) for rest in rests
    ]


def normalised(phrase: str) -> str:
    """A phrase as the automaton holds it: folded, one space between words."""
    return " ".join(fold(phrase).split())


@dataclass(frozen=True, slots=True)
class PhraseMatch:
    """One occurrence of a phrase: its span and which entry of the list it is."""

    start: int
    end: int
    entry: int


class PhraseList:
    """Words and phrases, matched case-insensitively on word boundaries.

    :param phrases: the entries; ``{a|b}`` in one stands for each choice (:func:`expand`).
        Words are separated by one space, tab or line break in the text. A ``*`` stands for
        any one word (letters, hyphens, apostrophes) between words of the phrase, so
        ``"a {* |}testament to"`` finds "a testament to" and "a fitting testament to".

    Where entries overlap in the text, the leftmost wins, then the longest: "pointed out"
    rather than "pointed".
    """

    def __init__(self, phrases: Iterable[str]) -> None:
        self.entries: tuple[str, ...] = tuple(phrases)
        keys: list[str] = []
        owners: list[int] = []
        gapped = _GappedPhrases()
        for index, entry in enumerate(self.entries):
            for variant in expand(fold(entry)):
                key = " ".join(variant.split())
                if "*" in key.split():
                    gapped.add(key, index, entry)
                elif key:
                    keys.append(key)
                    owners.append(index)
        self._keys = keys
        self._owners = owners
        self._set = frozenset(keys)
        self._automaton = _automaton(keys)
        self._gapped = gapped if gapped.variants else None

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, phrase: str) -> bool:
        """Whether ``phrase`` (any case, any spacing) is one of the list's phrases."""
        return normalised(phrase) in self._set

    def find(self, folded: str, start: int = 0, end: int | None = None) -> list[PhraseMatch]:
        """The phrases in ``folded[start:end]`` (text from :func:`fold`), left to right,
        not overlapping; offsets are into ``folded``."""
        if self._automaton is None and self._gapped is None:
            return []
        stop = len(folded) if end is None else end
        window = folded if start == 0 and stop == len(folded) else folded[start:stop]
        candidates = []  # (start, -end, owner) of every match on word boundaries
        if self._automaton is not None:
            for key, at, until in self._automaton.find_matches_as_indexes(window, overlapping=True):
                if _bounded(window, at, until):
                    candidates.append((at, -until, self._owners[key]))
        if self._gapped is not None:
            candidates += self._gapped.find(window)
        candidates.sort()
        found: list[PhraseMatch] = []
        reached = 0
        for at, negative_end, owner in candidates:
            if at < reached:
                continue
            reached = -negative_end
            found.append(PhraseMatch(start + at, start + reached, owner))
        return found

    def search(self, folded: str, start: int = 0, end: int | None = None) -> PhraseMatch | None:
        """The first phrase in ``folded[start:end]``, or None."""
        found = self.find(folded, start, end)
        return found[0] if found else None


def _automaton(keys: list[str]) -> ahocorasick_rs.AhoCorasick | None:
    return (
        ahocorasick_rs.AhoCorasick(keys, matchkind=ahocorasick_rs.MatchKind.Standard)
        if keys
        else None
    )


def _bounded(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` starts and ends on word boundaries."""
    if start > 0 and _joins_word_before(text[start - 1]):
        return False
    return end >= len(text) or not _joins_word_after(text[end])


def _is_gap_char(char: str) -> bool:
    return char.isalpha() or char in "-'"


def _gap_before(text: str, at: int, words: int) -> int | None:
    """Where a phrase part must end for ``words`` words (each followed by one space) to fill
    the gap up to ``at``, or None when the text before ``at`` is not such words."""
    for _ in range(words):
        if at < 2 or text[at - 1] != " ":
            return None
        begin = at - 1
        while begin > 0 and _is_gap_char(text[begin - 1]):
            begin -= 1
        if begin == at - 1:
            return None
        at = begin
    return at - 1 if at >= 1 and text[at - 1] == " " else None


class _GappedPhrases:
    """The variants of a list that hold ``*`` words: each is the words before the gap, how
    many words the gap holds, and the words after it. Both parts are found by one automaton
    and paired where exactly that many words stand between them."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self._part_ids: dict[str, int] = {}
        #: per part after a gap: (part before the gap, words in the gap, owner)
        self.before: dict[int, list[tuple[int, int, int]]] = {}
        self.variants = 0
        self._automaton: ahocorasick_rs.AhoCorasick | None = None

    def add(self, key: str, owner: int, entry: str) -> None:
        words = key.split()
        stars = [i for i, word in enumerate(words) if word == "*"]
        first, last = stars[0], stars[-1]
        if first == 0 or last == len(words) - 1 or last - first + 1 != len(stars):
            raise ValueError(f"'*' must stand between words, in one run, in phrase {entry!r}")
        head = self._part(" ".join(words[:first]))
        tail = self._part(" ".join(words[last + 1 :]))
        self.before.setdefault(tail, []).append((head, len(stars), owner))
        self.variants += 1

    def _part(self, words: str) -> int:
        if words not in self._part_ids:
            self._part_ids[words] = len(self.parts)
            self.parts.append(words)
        return self._part_ids[words]

    def find(self, window: str) -> list[tuple[int, int, int]]:
        if self._automaton is None:
            self._automaton = _automaton(self.parts)
        assert self._automaton is not None
        ends: dict[tuple[int, int], int] = {}  # (part, end) -> start
        tails: list[tuple[int, int, int]] = []
        for part, at, until in self._automaton.find_matches_as_indexes(window, overlapping=True):
            ends[(part, until)] = at
            if part in self.before:
                tails.append((part, at, until))
        found = []
        for part, at, until in tails:
            if until < len(window) and _joins_word_after(window[until]):
                continue
            for head, words, owner in self.before[part]:
                head_end = _gap_before(window, at, words)
                head_start = ends.get((head, head_end)) if head_end is not None else None
                if head_start is not None and _bounded(window, head_start, head_end):
                    found.append((head_start, -until, owner))
        return found


def spans(
    text: str,
    folded: str,
    start: int,
    end: int,
    phrases: PhraseList | None,
    pattern: Pattern | None,
    budget: Budget,
) -> list[tuple[int, int]]:
    """Where ``phrases`` (on ``folded``, the :func:`fold` of ``text``) and ``pattern`` match
    in ``text[start:end]``, left to right. Where two overlap, the one that starts first wins,
    then the longer, as within a phrase list; a pattern's empty matches are left out."""
    found = [(m.start, m.end) for m in phrases.find(folded, start, end)] if phrases else []
    if pattern is not None:
        found += [
            m.span() for m in pattern.finditer(text, start, end, budget) if m.end() > m.start()
        ]
        found.sort(key=lambda span: (span[0], -span[1]))
    kept: list[tuple[int, int]] = []
    reached = start
    for at, until in found:
        if at >= reached:
            kept.append((at, until))
            reached = until
    return kept


#: Seconds all of one rule's patterns may spend on each started megabyte of a document before
#: the rule is stopped.
MATCH_TIMEOUT = 2.0


class PatternTimeout(RuntimeError):
    """A pattern ran past its time budget on a document."""


class Pattern:
    """A ``regex`` pattern, case-insensitive unless asked, matched within a time budget.

    :param source: the pattern (``regex`` syntax, version 0: simple case folding).
    :param case_sensitive: match case exactly.
    :param name: what a timeout message calls the pattern (a rule code, a pack file).

    The pattern is compiled when first used, so a rule that is switched off costs nothing;
    :meth:`check` compiles it at once, to report a bad pattern when it is loaded.
    """

    def __init__(self, source: str, *, case_sensitive: bool = False, name: str = "") -> None:
        self.source = source
        self.name = name
        self._flags = regex.VERSION0 | (0 if case_sensitive else regex.IGNORECASE)

    @cached_property
    def _compiled(self) -> regex.Pattern[str]:
        return regex.compile(self.source, self._flags)

    def check(self) -> None:
        """Compile now; raises ``regex.error`` for a bad pattern."""
        _ = self._compiled

    def finditer(self, text: str, start: int, end: int, budget: Budget) -> Iterator[regex.Match]:
        try:
            yield from self._compiled.finditer(text, start, end, timeout=budget.left())
        except TimeoutError:
            raise budget.exceeded(self.name) from None

    def search(self, text: str, start: int, end: int, budget: Budget) -> regex.Match | None:
        try:
            return self._compiled.search(text, start, end, timeout=budget.left())
        except TimeoutError:
            raise budget.exceeded(self.name) from None

    def fullmatch(self, text: str, start: int, end: int, budget: Budget) -> regex.Match | None:
        try:
            return self._compiled.fullmatch(text, start, end, timeout=budget.left())
        except TimeoutError:
            raise budget.exceeded(self.name) from None


class Budget:
    """Time a rule's patterns may spend on one document, shared by all their calls."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._deadline = time.monotonic() + seconds

    @classmethod
    def for_text(cls, text: str, seconds: float = MATCH_TIMEOUT) -> Budget:
        """``seconds`` per started megabyte of ``text``: a long document may take longer in
        proportion, a pattern that backtracks without end is still stopped."""
        from newslint.budget import budget_for

        return cls(budget_for(seconds, len(text)))

    def left(self) -> float:
        """Seconds left; never zero, which ``regex`` would read as "no limit"."""
        return max(0.001, self._deadline - time.monotonic())

    def exceeded(self, name: str) -> PatternTimeout:
        return PatternTimeout(f"pattern of {name} ran past {self.seconds:g}s and was stopped")
