"""Sentence boundaries in one paragraph of news prose.

newslint splits sentences itself, with one compiled ``regex`` pattern and a short list of
abbreviations, rather than depending on a sentence-splitting library: news copy has a small,
well-known set of traps (``U.S.``, ``Gov.``, ``Jan.``, initials, decimals, ellipses, a period
inside closing quotes), the splitter runs on every paragraph of every file, and it must map
back to exact character offsets. ``bench/sentences.py`` measures it against the CoreNLP
sentence splits shipped with the PolNeAR corpus.
"""

from __future__ import annotations

import regex

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
    (?P<term>[.!?](?<![.!?][.!?])[.!?]*+|…)
    (?P<close>[{_CLOSERS}]*+)
    (?P<space>\s++)
    (?=[{_OPENERS}]*[\p{{Lu}}\p{{N}}])
    """
_BOUNDARY_PATTERN = regex.compile(_BOUNDARY, regex.VERBOSE)
_NEXT_WORD = regex.compile(rf"[{_OPENERS}]*(\w+)")
#: The letters and points that end the text before a period ("U.S", "Gov").
_WORD_BEFORE = regex.compile(r"[\p{L}.]+$")
#: How far back the word before a period is read.
_WORD_BEFORE_WINDOW = 20


def _word_before(text: str, term_start: int) -> str:
    """The run of letters and points ending at ``term_start`` (or just before a newline
    there), at most :data:`_WORD_BEFORE_WINDOW` characters back."""
    end = term_start
    if end and text[end - 1] == "\n":
        end -= 1
    low = max(0, term_start - _WORD_BEFORE_WINDOW)
    if end <= low:
        return ""
    run = _WORD_BEFORE.search(text, low, end)
    return run.group() if run else ""


def _next_word(text: str, after: int) -> str:
    """The word after the boundary ending at ``after`` (read within 30 characters)."""
    found = _NEXT_WORD.match(text, after, after + 30)
    return found.group(1) if found else ""


def _is_abbreviation(text: str, term_start: int, after: int) -> bool:
    """Whether the period at ``term_start`` belongs to an abbreviation, not a sentence end.

    ``after`` is where the boundary's whitespace ends: the word there is read only when the
    answer depends on it (most periods end a sentence after an ordinary word)."""
    word = _word_before(text, term_start)
    bare = word.rstrip(".").lower()
    if not bare:
        return False
    if len(bare) == 1 and word[-1:].isalpha() and word.isupper():
        return True  # an initial: "John F. Kennedy"
    if "." in bare:  # "U.S", "e.g", "p.m"
        if bare in ABBREVIATIONS:
            return True
        return _next_word(text, after) not in SENTENCE_STARTERS
    if bare in NUMBER_ABBREVIATIONS:
        # "No. 5", but "The answer was no. The firm ..."
        return _next_word(text, after)[:1].isdigit()
    if bare not in ABBREVIATIONS:
        return False
    return bare != "etc" or _next_word(text, after) not in SENTENCE_STARTERS


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Return ``(start, end)`` offsets of the sentences in ``text[start:end]``.

    Offsets are absolute (into ``text``) and trimmed of surrounding whitespace; a sentence
    keeps its terminal punctuation and any closing quote that follows it.
    """
    if end is None:
        end = len(text)
    spans: list[tuple[int, int]] = []
    sentence_start = start
    for match in _BOUNDARY_PATTERN.finditer(text, start, end):
        term_start, term_end = match.span("term")
        if (
            term_end - term_start == 1
            and text[term_start] == "."
            and _is_abbreviation(text, term_start, match.end())
        ):
            continue
        spans.append((sentence_start, match.start("space")))
        sentence_start = match.end()
    spans.append((sentence_start, end))
    trimmed = [_trim(text, a, b) for a, b in spans]
    return [(a, b) for a, b in trimmed if a < b]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
