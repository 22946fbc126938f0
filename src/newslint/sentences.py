"""Sentence boundaries in one paragraph of news prose.

newslint splits sentences itself, with one compiled ``regex`` pattern and a short list of
abbreviations, rather than depending on a sentence-splitting library: news copy has a small,
well-known set of traps (``U.S.``, ``Gov.``, ``Jan.``, initials, decimals, ellipses, a period
inside closing quotes), the splitter runs on every paragraph of every file, and it must map
back to exact character offsets. ``bench/sentences.py`` measures it against the CoreNLP
sentence splits shipped with the PolNeAR corpus.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import regex

from newslint.patterncache import compile_re, compile_regex
from newslint.prefilter import _RE_UNSAFE

#: Words that end with a period but do not end a sentence when a capitalised word follows.
#: Titles, months, U.S. state abbreviations in AP style, and common Latin/company forms.
ABBREVIATIONS: frozenset[str] = frozenset(
    (
        "mr mrs ms dr prof sr jr st mt ft gen col lt sgt capt cmdr adm maj cpl pvt rev hon gov "
        "sen rep reps sens supt insp det atty pres vs v no nos vol pp fig approx est dept univ "
        "assn corp inc ltd co bros jan feb mar apr aug sep sept oct nov dec ala ariz ark calif "
        "colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo mont neb nev okla "
        "ore pa tenn tex va vt wash wis wyo e.g i.e cf al etc"
    ).split()
)

#: Abbreviations that stand before a number ("No. 5", "Vol. 2") and are ordinary words otherwise.
NUMBER_ABBREVIATIONS: frozenset[str] = frozenset({"no", "nos", "vol", "pp", "fig"})

#: After an acronym such as ``U.S.`` these words start a new sentence; other capitalised
#: words (``U.S. Army``) continue it.
SENTENCE_STARTERS: frozenset[str] = frozenset(
    (
        "The A An It He She They We I In On At But And Yet So This That These Those There His "
        "Her Its Their Our Some Many Most Officials Meanwhile However Still Also After Before "
        "When While As If For According"
    ).split()
)

_CLOSERS = regex.escape("\"'”’)]»")
_OPENERS = regex.escape("\"'“‘([«")

# A candidate boundary: terminal punctuation, optional closing quotes/brackets, whitespace,
# then something that can start a sentence. A run of terminals is only tried from its first
# character and every quantifier is possessive: giving characters back could never help (the
# classes are disjoint), and without this a long run of dots took quadratic time.
_BOUNDARY = rf"""
    (?P<term>(?<![.!?])[.!?]++|…)
    (?P<close>[{_CLOSERS}]*+)
    (?P<space>\s++)
    (?=[{_OPENERS}]*[\p{{Lu}}\p{{N}}])
    """
_NEXT_WORD = rf"[{_OPENERS}]*(\w+)"
_WORD_BEFORE = r"([\p{L}.]+)$"

#: The capital letters among the re-safe characters (``newslint.prefilter``): all of them
#: are below U+0180. With the ten digits, they are the ``[\p{Lu}\p{N}]`` of re-safe text.
_SAFE_CAPITALS = "".join(c for c in map(chr, range(0x180)) if c.isupper())
#: The patterns as the stdlib ``re`` reads them alike on re-safe text, where ``\p{L}`` is
#: ``[^\W\d_]`` (``tests/test_sentences.py`` checks every safe character).
_RE_FORMS = {
    _BOUNDARY: _BOUNDARY.replace(r"[\p{Lu}\p{N}]", f"[{_SAFE_CAPITALS}0-9]"),
    _NEXT_WORD: _NEXT_WORD,
    _WORD_BEFORE: r"((?:[^\W\d_]|\.)+)$",
}


@cache
def _compiled(source: str, plain: bool) -> Any:
    """``source`` compiled on first use: by ``re`` (``plain``: several times faster to
    compile, and a single-file run compiles it once) for re-safe text, else by ``regex``."""
    verbose = source is _BOUNDARY
    if plain:
        return compile_re(_RE_FORMS[source], re.VERBOSE if verbose else 0)
    return compile_regex(source, regex.VERBOSE if verbose else 0)


#: The last text checked for re-safe characters, and the answer: a document's paragraphs
#: are split one call each, all with the same text.
_LAST_TEXT: list[Any] = [None, False]


def _plain(text: str) -> bool:
    """Whether ``text`` holds only re-safe characters (remembered for the same text)."""
    if _LAST_TEXT[0] is not text:
        _LAST_TEXT[:] = [text, _RE_UNSAFE.search(text) is None]
    return bool(_LAST_TEXT[1])


def _is_abbreviation(text: str, term_start: int, next_word: str) -> bool:
    """Whether the period at ``term_start`` belongs to an abbreviation, not a sentence end."""
    match = _compiled(_WORD_BEFORE, _plain(text)).search(text, max(0, term_start - 20), term_start)
    if not match:
        return False
    word = match.group(1)
    bare = word.rstrip(".").lower()
    if not bare:
        return False
    if len(bare) == 1 and word[-1:].isalpha() and word.isupper():
        return True  # an initial: "John F. Kennedy"
    if "." in bare:  # "U.S", "e.g", "p.m"
        if bare in ABBREVIATIONS:
            return True
        return next_word not in SENTENCE_STARTERS
    if bare in NUMBER_ABBREVIATIONS:
        return next_word[:1].isdigit()  # "No. 5", but "The answer was no. The firm ..."
    return bare in ABBREVIATIONS and not (bare == "etc" and next_word in SENTENCE_STARTERS)


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Return ``(start, end)`` offsets of the sentences in ``text[start:end]``.

    Offsets are absolute (into ``text``) and trimmed of surrounding whitespace; a sentence
    keeps its terminal punctuation and any closing quote that follows it.
    """
    if end is None:
        end = len(text)
    spans: list[tuple[int, int]] = []
    sentence_start = start
    plain = _plain(text)
    for match in _compiled(_BOUNDARY, plain).finditer(text, start, end):
        term = match.group("term")
        if term == ".":
            next_word = _compiled(_NEXT_WORD, plain)
            next_word_match = next_word.match(text[match.end() : match.end() + 30])
            next_word = next_word_match.group(1) if next_word_match else ""
            if _is_abbreviation(text, match.start("term"), next_word):
                continue
        boundary = match.start("space")
        spans.append((sentence_start, boundary))
        sentence_start = match.end()
    spans.append((sentence_start, end))
    return [_trim(text, s, e) for s, e in spans if text[s:e].strip()]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
