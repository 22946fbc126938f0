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
#: The letters and points of the word before a period. Read backwards, from the period, over
#: the text reversed: one step per character of the word, where ``([\p{L}.]+)$`` searched
#: forwards tried every start in its window and ran each to the period.
_WORD_BEFORE_REVERSED = r"[\p{L}.]+"
#: How far back the word before a period is read.
_WORD_BEFORE_WINDOW = 20

#: The capital letters among the re-safe characters (``newslint.prefilter``): all of them
#: are below U+0180. With the ten digits, they are the ``[\p{Lu}\p{N}]`` of re-safe text.
_SAFE_CAPITALS = "".join(c for c in map(chr, range(0x180)) if c.isupper())
#: The patterns as the stdlib ``re`` reads them alike on re-safe text, where ``\p{L}`` is
#: ``[^\W\d_]`` (``tests/test_sentences.py`` checks every safe character).
_RE_FORMS = {
    _BOUNDARY: _BOUNDARY.replace(r"[\p{Lu}\p{N}]", f"[{_SAFE_CAPITALS}0-9]"),
    _NEXT_WORD: _NEXT_WORD,
    _WORD_BEFORE_REVERSED: r"(?:[^\W\d_]|\.)+",
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
#: The last text read backwards, and that text reversed (made once for all its paragraphs).
_LAST_REVERSED: list[Any] = [None, ""]


def _plain(text: str) -> bool:
    """Whether ``text`` holds only re-safe characters (remembered for the same text)."""
    if _LAST_TEXT[0] is not text:
        _LAST_TEXT[:] = [text, _RE_UNSAFE.search(text) is None]
    return bool(_LAST_TEXT[1])


def _reversed(text: str) -> str:
    """``text[::-1]``, remembered for the same text."""
    if _LAST_REVERSED[0] is not text:
        _LAST_REVERSED[:] = [text, text[::-1]]
    return str(_LAST_REVERSED[1])


def _word_before(text: str, term_start: int, plain: bool) -> str:
    r"""The run of letters and points ending at ``term_start``, at most
    :data:`_WORD_BEFORE_WINDOW` characters back: what ``([\p{L}.]+)$`` finds searching that
    window. Its ``$`` also matches before a newline that ends the window, so a word ending
    just before such a newline is the word before the period too."""
    end = term_start
    if end and text[end - 1] == "\n":
        end -= 1
    low = max(0, term_start - _WORD_BEFORE_WINDOW)
    if end <= low:
        return ""
    if plain:  # most often a word of letters after a space: that space bounds the run
        space = text.rfind(" ", low, end)
        if space >= 0 and text[space + 1 : end].isalpha():
            return text[space + 1 : end]
    size = len(text)
    run = _compiled(_WORD_BEFORE_REVERSED, plain).match(_reversed(text), size - end, size - low)
    return run.group()[::-1] if run else ""


def _next_word(text: str, after: int, plain: bool) -> str:
    """The word after the boundary ending at ``after`` (read within 30 characters)."""
    found = _compiled(_NEXT_WORD, plain).match(text, after, after + 30)
    return found.group(1) if found else ""


def _is_abbreviation(text: str, term_start: int, after: int, plain: bool) -> bool:
    """Whether the period at ``term_start`` belongs to an abbreviation, not a sentence end.

    ``after`` is where the boundary's whitespace ends: the word there is read only when the
    answer depends on it (most periods end a sentence after an ordinary word)."""
    word = _word_before(text, term_start, plain)
    bare = word.rstrip(".").lower()
    if not bare:
        return False
    if len(bare) == 1 and word[-1:].isalpha() and word.isupper():
        return True  # an initial: "John F. Kennedy"
    if "." in bare:  # "U.S", "e.g", "p.m"
        if bare in ABBREVIATIONS:
            return True
        return _next_word(text, after, plain) not in SENTENCE_STARTERS
    if bare in NUMBER_ABBREVIATIONS:
        # "No. 5", but "The answer was no. The firm ..."
        return _next_word(text, after, plain)[:1].isdigit()
    if bare not in ABBREVIATIONS:
        return False
    return bare != "etc" or _next_word(text, after, plain) not in SENTENCE_STARTERS


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Return ``(start, end)`` offsets of the sentences in ``text[start:end]``.

    Offsets are absolute (into ``text``) and trimmed of surrounding whitespace; a sentence
    keeps its terminal punctuation and any closing quote that follows it.
    """
    if end is None:
        end = len(text)
    return split_span(text, start, end, _plain(text))


def split_span(text: str, start: int, end: int, plain: bool) -> list[tuple[int, int]]:
    """:func:`split_sentences` for a caller that knows whether ``text`` is re-safe
    (``plain``): a document asks that once for every rule."""
    spans: list[tuple[int, int]] = []
    sentence_start = start
    for match in _boundaries(text, start, end, plain):
        term_start, term_end = match.span(1)  # the "term" group
        if (
            term_end - term_start == 1
            and text[term_start] == "."
            and _is_abbreviation(text, term_start, match.end(), plain)
        ):
            continue
        spans.append((sentence_start, match.start(3)))  # where the "space" group starts
        sentence_start = match.end()
    spans.append((sentence_start, end))
    if len(spans) == 1:
        return [_trim(text, start, end)] if text[start:end].strip() else []
    # A boundary lies between a terminal (or closing mark) and an opening mark or capital,
    # none of them whitespace: only the span's own ends can need trimming, and every
    # sentence holds a terminal or the capital after one, so none is empty.
    spans[0] = _trim(text, *spans[0])
    spans[-1] = _trim(text, *spans[-1])
    return spans


def _boundaries(text: str, start: int, end: int, plain: bool) -> list[Any]:
    """The matches of :data:`_BOUNDARY` in ``text[start:end]``, as ``finditer`` gives them.

    Every match begins with a terminal: these are found by ``str.find`` and the pattern is
    tried there alone, in order, past the end of the last match. ``finditer`` tested a
    character class at every character of the paragraph, which cost more than the rest of
    the split; a search for one character runs at ``memchr`` speed."""
    offsets: list[int] = []
    find = text.find
    for terminal in ".!?" if text.isascii() else ".!?…":
        at = find(terminal, start, end)
        while at >= 0:
            offsets.append(at)
            at = find(terminal, at + 1, end)
    offsets.sort()
    match_at = _compiled(_BOUNDARY, plain).match
    matches = []
    resume = start
    for at in offsets:
        if at >= resume:
            match = match_at(text, at, end)
            if match:
                matches.append(match)
                resume = match.end()  # never empty: it holds whitespace
    return matches


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
