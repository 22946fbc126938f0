"""Sourcing rules (category ``attribution``, codes NL2xx): every figure and claim says who.

The rules read the shared attribution analysis
(:func:`newslint.analysis.attribution.attribution_of`)
instead of matching "said" themselves, so a sentence is "attributed" for one rule exactly when
it is for another, and for other families too. The figure finder lives here because only
this family needs to know what is a figure and what is a date, an age or a score.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from typing import Any, ClassVar

import regex

from newslint.analysis.attribution import (
    Attribution,
    _Lazy,
    _lowered,
    _may_occur,
    _Vocabulary,
    attribution_of,
    by_length,
    lexicon,
)
from newslint.diagnostics import Finding
from newslint.hookspecs import RegisterRule, hookimpl
from newslint.patterncache import compile_re, compile_regex
from newslint.prefilter import letter_tree
from newslint.records import Record
from newslint.rule import Rule
from newslint.text.document import Document, Sentence

# Small patterns of the helper functions, compiled once rather than looked up per call.
_YEAR = compile_regex(r"1[89]\d\d|20\d\d")
_NAME_WORD_BEFORE = compile_regex(r"([\p{L}][\p{L}.’']*)\s+$")
_AGE_OR_ORDINAL_AHEAD = _Lazy(r"\s*(?:-year|years?\s+old|s\b|th\b|st\b|nd\b|rd\b)")
_VOTES_OR_ORDINAL_AHEAD = _Lazy(r"\s*(?:votes?|-year|th\b|st\b)")

# --- figures ------------------------------------------------------------------------------------


class Figure(Record):
    """A figure a reader would want sourced: ``kind`` is money, percent, range, estimate,
    count or rate."""

    fields = ("start", "end", "kind", "text")
    __slots__ = fields
    start: int
    end: int
    kind: str
    text: str

    def __init__(self, start: int, end: int, kind: str, text: str) -> None:
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "text", text)


_NUM_BARE = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\w/:]|[.,]\d|-\p{L})"
_NUM = r"(?<![\w.,/:$£€¥-])" + _NUM_BARE
_SCALE = r"(?:million|billion|trillion|thousand|mn|bn|tn|m|k)\b"
_BIG = r"(?:million|billion|trillion)\b"
_WORD_NUMBERS = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|a\s+quarter|a\s+third|half)"
_MONTHS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
).split()
#: Searched backwards (``REVERSE``): anchored at the end and only tested for a match, it
#: then fails fast at every other place instead of trying the pattern there.
_AGE_OR_SCORE = _Lazy(
    r"\b(?:aged?|ages|between\s+the\s+ages\s+of|voted?|votes|vote\s+of|won|lost|beat|"
    r"defeated|drew|trail(?:ed|ing)?|led|lead(?:ing)?|score|scored|margin\s+of|tally|"
    r"record\s+of|from|(?:in|during|by)\s+(?:the\s+)?(?:years?|period|seasons?))\s*$",
    regex.IGNORECASE | regex.REVERSE,
)
#: A percentage is a claim about people or a comparison ("46% would back her", "40% of
#: adults", "12% less likely"), not a reported change ("profits rose 20%") or a set rate.
_PERCENT_CLAIM = _Lazy(
    r"\s+(?:of\s+(?!the\s+(?:vote|votes|shares?|stake|company|firm|group|business)\b)|"
    r"would|will|say|said|says|believe|think|want|support|back|oppose|favou?r|approve|"
    r"disapprove|agree|disagree|prefer|plan|expect|are|were|have|had|do|did|"
    r"(?:more|less)\s+likely|(?:more|less|higher|lower|fewer)\s+than)\b",
    regex.IGNORECASE,
)
#: A sum of money is a statistic or an estimate when it is a cost, a typical value or a
#: loss; a price paid or a reported result is a fact of the story.
_MONEY_STATISTIC = _Lazy(
    r"\b(?:median|average|mean|typical|estimated|projected|expected|forecast|predicted|"
    r"cost(?:s|ing)?|worth|valued\s+at|damages?|losses|price\s+tag|bill\s+of|"
    r"(?:could|would|will)\s+(?:cost|save|raise|lose|add))\b(?:\s+[\p{L}’']+){0,7}\s*$",
    regex.IGNORECASE,
)
#: Searched backwards (``REVERSE``): anchored at the end and only tested for a match, it
#: then fails fast at every other place instead of trying the pattern there.
_CASUALTY_VERB = _Lazy(
    r"\b(?:killed|killing|kills|injured|injuring|wounded|wounding|left)\s+(?:at\s+least\s+)?$",
    regex.IGNORECASE | regex.REVERSE,
)
_CASUALTY = frozenset(
    "killed dead deaths casualties fatalities injured wounded died missing".split()
)


_DIGIT = compile_regex(r"\d")


#: The word lists of the figure patterns (see :func:`_document_figure_patterns`).
_FIGURE_LISTS = ("currencies", "approximators", "counted_nouns", "time_units")
_narrowed_once = False


def _document_figure_patterns(doc: Document) -> dict[str, _Lazy]:
    """The figure patterns for ``doc``: for the first document of a process, patterns of
    only the words that occur in it, else the full ones.

    Compiling these is a large part of linting one file, and an article uses few of the
    words. A word none of whose required letters occur in the document cannot match in it
    (only the document's text is searched), so the matches are the same.
    """
    global _narrowed_once
    if _narrowed_once or _figure_patterns.cache_info().currsize:
        return _figure_patterns()
    _narrowed_once = True
    folded = _Vocabulary.fold(doc.text)
    words = dict(lexicon())
    for name in _FIGURE_LISTS:
        words[name] = [w for w in words[name] if _may_occur(w, folded)]
    return _compile_figure_patterns(words)


def _either(alternatives: Iterable[str]) -> str:
    """An alternation; one that matches nothing when there are no alternatives."""
    return "|".join(alternatives) or "(?!)"


@cache
def _figure_patterns() -> dict[str, _Lazy]:
    return _compile_figure_patterns(lexicon())


def _compile_figure_patterns(words: Mapping[str, list[str]]) -> dict[str, _Lazy]:
    """The figure patterns of ``words``, each compiled when first used: a document without
    a hint of a kind of figure (see :func:`_hinted`) never needs its pattern."""
    symbols = load_symbols()
    currency_symbol = "|".join(regex.escape(s) for s in by_length(symbols))
    currency_word = _either(regex.escape(w) for w in words["currencies"])
    approx = _either(
        r"\s+".join(regex.escape(p) for p in w.split())
        for w in by_length(set(words["approximators"]))
    )
    counted = _either(
        r"\s+".join(regex.escape(p) for p in w.split())
        for w in by_length(set(words["counted_nouns"]))
    )
    flags = regex.IGNORECASE | regex.VERSION0
    money = (
        rf"(?:(?<![\w])(?:{currency_symbol})\s?{_NUM_BARE}"
        rf"(?:\s?{_SCALE})?|{_NUM}(?:\s+{_BIG})?\s+(?:{currency_word})\b)"
    )
    sources = {
        "percent": (
            rf"{_NUM}(?:\s?%?\s?(?:to|-|–|and)\s?{_NUM})?\s?(?:%|percent\b|per\s+cent\b|"
            rf"percentage\s+points?\b)",
            flags,
        ),
        "money": (money, flags),
        "range": (
            rf"(?P<between>between\s+)?(?P<a>{_NUM})(?:\s+{_BIG})?\s*"
            rf"(?P<sep>to|and|-|–|—)\s*(?P<b>{_NUM})(?:\s+{_BIG})?",
            flags,
        ),
        "estimate": (
            rf"(?<![\w-])(?:{approx})\s+(?P<money>(?:{currency_symbol})\s?)?(?P<n>{_NUM_BARE})"
            rf"(?P<scale>\s?{_SCALE})?",
            flags,
        ),
        "count": (
            rf"(?P<n>{_NUM})(?P<scale>\s+(?:{_BIG}|thousand\b))?\s+(?:[\p{{L}}-]+\s+){{0,2}}?"
            rf"(?P<noun>{counted})(?![\w-])",
            flags,
        ),
        "rate": (
            rf"(?<![\w-])(?:{_NUM}|{_WORD_NUMBERS})\s+(?:in|out\s+of)\s+(?:every\s+)?"
            rf"(?:{_NUM}|two|three|four|five|six|seven|eight|nine|ten|a\s+hundred|"
            rf"a\s+thousand)(?![\w-])|(?<![\w-])per\s+(?:capita|head|\d[\d,]*)(?![\w-])|"
            rf"{_NUM}\s+times\s+(?:more|less|higher|lower|greater|as|the)\b|{_NUM}-fold\b",
            flags,
        ),
        "unit_after": (
            r"\s*(?:"
            + _either(
                r"\s+".join(regex.escape(p) for p in w.split())
                for w in by_length(set(words["time_units"]))
            )
            + r")(?![\w-])",
            flags,
        ),
        "counted_after": (
            rf"\s*(?:%|percent|per\s+cent|(?:[\p{{L}}-]+\s+){{0,2}}?(?:{counted})(?![\w-]))",
            flags,
        ),
    }
    return _LazyPatterns(sources)


class _LazyPatterns(dict[str, _Lazy]):
    """Patterns by name, compiled from ``sources`` (pattern, flags) on first use, by the
    engine that suits the text searched (see :class:`newslint.analysis.attribution._Lazy`)."""

    def __init__(self, sources: dict[str, tuple[str, int]]) -> None:
        super().__init__()
        self._sources = sources

    def __missing__(self, name: str) -> _Lazy:
        pattern = self[name] = _Lazy(*self._sources[name])
        return pattern


def load_symbols() -> list[str]:
    """Currency symbols from the lexicon (a separate key of the ``currencies`` table)."""
    from newslint.packs import load_lexicon

    return list(load_lexicon("attribution").get("currencies", {}).get("symbols", []))


@cache
def _name_words() -> frozenset[str]:
    return frozenset(w.lower() for w in lexicon()["name_words"]) | frozenset(_MONTHS)


def _value(number: str) -> float:
    try:
        return float(number.replace(",", ""))
    except ValueError:
        return 0.0


def _is_year(number: str) -> bool:
    return _YEAR.fullmatch(number) is not None


def _named_number(text: str, start: int, floor: int) -> bool:
    """Whether the number at ``start`` is part of a name or date: "Boeing 737", "May 5"."""
    window = max(floor, start - 40)
    before = _NAME_WORD_BEFORE.search(text[window:start])
    if before is None:
        return False
    word = before.group(1)
    if word.lower() in _name_words():
        return True
    at_sentence_start = not text[floor : window + before.start(1)].strip()
    return word[:1].isupper() and not at_sentence_start and word.lower() not in _APPROX_WORDS()


@cache
def _APPROX_WORDS() -> frozenset[str]:
    return frozenset(w.split()[-1].lower() for w in lexicon()["approximators"])


def figures_in(doc: Document, sentence: Sentence, min_count: int = 100) -> list[Figure]:
    """The figures in ``sentence`` a reader would want sourced, outside quotations.

    Not figures: dates and years, times, ages, ordinals, addresses, scores and vote
    tallies, durations and distances, numbers inside quotations and numbers that are part
    of a name. Counts of people need ``min_count`` or more (casualty counts need none).
    """
    cache = doc.service("attribution-figures", _new_cache)
    key = (sentence.index, min_count)
    if key not in cache:
        cache[key] = _figures_in(doc, sentence, min_count)
    return list(cache[key])


def _new_cache(doc: Document) -> dict[tuple[int, int], list[Figure]]:
    """Figures by sentence and ``min_count``: NL201 and NL202 ask for the same sentences."""
    return {}


#: A figure pattern's hint: stdlib patterns every match of the figure pattern holds a match
#: of one of.
Hint = tuple[re.Pattern[str], ...]

#: The numbers a rate is "in" or "of" ("1 in 5", "one out of every ten").
_RATE_OF = (
    r"\s+(?:every\s+)?"
    r"(?:\d|t(?:wo|hree|en)|f(?:our|ive)|s(?:ix|even)|eight|nine|a\s+(?:hundred|thousand))"
)


def _after_a_number(word: str) -> str:
    """A test, at the end of ``word``, that a digit or a number word ending a number comes
    just before the space before it, or another space: what a rate has before "in", "out
    of" or "times" ("1 in 5", "one out of ten"). Look-behinds after the word keep it the
    opening literal the engine skips ahead to."""
    befores = [
        r"[\d\s]",
        *"one two three four five six seven eight nine ten quarter third half".split(),
    ]
    return "(?:" + "|".join(rf"(?<={before}\s{word})" for before in befores) + ")"


@cache
def _hint_patterns() -> dict[str, Hint | None]:
    r"""For some figure patterns, stdlib patterns every match of theirs holds a match of one
    of, in :func:`_lowered` text (``None``: no hint, always search).

    :func:`_lowered` lowers letters exactly as the patterns' case-insensitive matching folds
    them (for ASCII words), and the stdlib ``\s`` and ``\d`` hold every character the
    ``regex`` ones do. The hints are built from the whole vocabulary: a superset of any
    narrowed one. The figure patterns try look-behinds at every character; these are cheap.
    Each hint pattern opens on a literal where it can: the ``re`` engine skips ahead to a
    literal far faster than to a class, and tries an alternation of different openings at
    every character.
    """
    words = lexicon()
    symbols = load_symbols()

    def either(listed: Iterable[str]) -> str:
        ordered = by_length({w.lower() for w in listed if w.strip()})
        return _either(r"\s+".join(re.escape(p) for p in w.split()) for w in ordered)

    # Lowering matches case-insensitive matching for ASCII and for characters with no case
    # ("£", "€").
    plain = all(
        char.isascii() or char.lower() == char.upper() == char.casefold() == char
        for word in [*symbols, *words["currencies"]]
        for char in word
    )
    hints: dict[str, Hint | None] = {
        # "per head", "3 times more", "10-fold", "1 in 5", "one out of every ten"
        "rate": (
            compile_re(r"per\s+(?:capita|head|\d)"),
            compile_re(f"times{_after_a_number('times')}"),
            compile_re("fold"),
            compile_re(f"in{_after_a_number('in')}{_RATE_OF}"),
            compile_re(rf"out{_after_a_number('out')}\s+of{_RATE_OF}"),
        ),
        "percent": (compile_re("%"), compile_re(r"per(?:cent|\s+cent)")),
        # "10 to 20", "between 3 and 4 million", "5-7"
        "range": (compile_re(r"\d(?:\s+(?:million|billion|trillion))?\s*(?:to|and|-|–|—)\s*\d"),),
        "money": None,
    }
    if plain and symbols:
        # Every symbol match holds the symbol's last character ("us$": "$").
        ends = sorted({s.lower()[-1] for s in symbols})
        currency = {w.lower() for w in words["currencies"] if w.strip()}
        hints["money"] = (
            *(compile_re(re.escape(end)) for end in ends),
            compile_re(rf"\d\s+(?:(?:million|billion|trillion)\s+)?(?:{letter_tree(currency)})"),
        )
    if plain and all(word.isascii() for word in words["approximators"]):
        # "around 300", "up to $5": searched for in the reversed text, where it opens on the
        # digit, which the engine skips ahead to, and not on one of many words.
        approx = by_length(
            {w.lower() for w in words["approximators"] if w.strip()}, longest_first=False
        )
        backwards = _either(
            r"\s+".join(re.escape(part[::-1]) for part in reversed(w.split())) for w in approx
        )
        symbol = _either(re.escape(s.lower()[::-1]) for s in symbols)
        hints["estimate<"] = (compile_re(rf"\d(?:\s?(?:{symbol}))?\s+(?:{backwards})"),)
    return hints


def _hint_spans(doc: Document) -> dict[str, tuple[list[int], list[int]] | None]:
    """Hint spans by figure pattern, each searched for when a sentence first asks."""
    return {}


def _search_hint(doc: Document, name: str) -> tuple[list[int], list[int]] | None:
    """Where the hint of ``name`` matches in the lower-cased document, from one search of
    each of its patterns (``None``: it has none)."""
    hints = _hint_patterns()
    hint, backwards = hints.get(name), hints.get(name + "<")
    if hint is None and backwards is None:
        return None
    lowered = doc.service("attribution-lowered", lambda d: _lowered(d.text))
    if backwards is not None:  # a hint of the reversed text, its spans mapped back
        size = len(lowered)
        found = [(size - b, size - a) for a, b in _spans_of(backwards, lowered[::-1])]
        found.reverse()
    else:
        found = _spans_of(hint, lowered)
    return [a for a, _ in found], [b for _, b in found]


def _spans_of(hint: Hint, text: str) -> list[tuple[int, int]]:
    """Where the patterns of ``hint`` match in ``text``, in order, overlapping spans merged:
    a span then overlaps a range exactly when a match does, and their ends are in order."""
    if len(hint) == 1:
        return [match.span() for match in hint[0].finditer(text)]
    spans = sorted(match.span() for pattern in hint for match in pattern.finditer(text))
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _hinted(doc: Document, name: str, lo: int, hi: int) -> bool:
    """Whether the figure pattern ``name`` can match in ``[lo, hi)``.

    A match there holds a hint inside ``[lo, hi)``; the search of the whole document finds
    that hint, or a match overlapping it, which then overlaps ``[lo, hi)`` too.
    """
    cache = doc.service("attribution-figure-hints", _hint_spans)
    if name not in cache:
        cache[name] = _search_hint(doc, name)
    spans = cache[name]
    if spans is None:
        return True
    starts, ends = spans
    at = bisect_right(ends, lo)
    return at < len(starts) and starts[at] < hi


class DisjointSpans:
    """Spans none of which overlaps another (``a < d and c < b`` for ``[a, b)`` and
    ``[c, d)``), kept sorted: the first figure found keeps its place, and a later one that
    overlaps it is dropped.

    Sorted spans that never overlap have sorted ends too, so the only span that can overlap
    a new one is the first that ends after the new one starts: one binary search per span,
    where comparing each new figure with every kept one made a sentence of thousands of
    figures quadratic.
    """

    __slots__ = ("_ends", "_spans")

    def __init__(self) -> None:
        self._spans: list[tuple[int, int]] = []
        self._ends: list[int] = []

    def add(self, start: int, end: int) -> bool:
        """Keep ``[start, end)`` unless it overlaps a kept span; whether it was kept."""
        spans = self._spans
        after = bisect_right(self._ends, start)
        if after < len(spans) and spans[after][0] < end:
            return False
        at = bisect_left(spans, (start, end))
        spans.insert(at, (start, end))
        self._ends.insert(at, end)
        return True


def _figures_in(doc: Document, sentence: Sentence, min_count: int) -> list[Figure]:
    text = doc.text
    lo, hi = sentence.start, sentence.end
    patterns = doc.service("figure-patterns", _document_figure_patterns)
    found: list[Figure] = []
    taken = DisjointSpans()

    def keep(start: int, end: int, kind: str) -> None:
        if not doc.in_quote(start, end) and taken.add(start, end):
            found.append(Figure(start, end, kind, text[start:end]))

    for match in patterns["rate"].finditer(text, lo, hi) if _hinted(doc, "rate", lo, hi) else ():
        if not _named_number(text, match.start(), lo):
            keep(match.start(), match.end(), "rate")
    digit = _DIGIT.search(text, lo, hi)
    if digit is None:
        return found  # every other kind of figure has a digit in it
    # Percentages and counts open on their number: searched from the first digit, they are
    # not tried at every character before it (their look-behinds still see those).
    first = digit.start()
    for match in (
        patterns["percent"].finditer(text, first, hi) if _hinted(doc, "percent", lo, hi) else ()
    ):
        if _PERCENT_CLAIM.match(text, match.end(), hi) and not _named_number(
            text, match.start(), lo
        ):
            keep(match.start(), match.end(), "percent")
    for match in patterns["money"].finditer(text, lo, hi) if _hinted(doc, "money", lo, hi) else ():
        if _MONEY_STATISTIC.search(text[max(lo, match.start() - 80) : match.start()]):
            keep(match.start(), match.end(), "money")
    for match in patterns["range"].finditer(text, lo, hi) if _hinted(doc, "range", lo, hi) else ():
        if _is_range(text, match, lo, patterns):
            keep(match.start(), match.end(), "range")
    estimate = _hinted(doc, "estimate", lo, hi)
    for match in patterns["estimate"].finditer(text, lo, hi) if estimate else ():
        number = match.group("n")
        rest = text[match.end() : hi]
        if patterns["unit_after"].match(rest):
            continue
        if _is_year(number) and not patterns["counted_after"].match(rest):
            continue
        strong = match.group("money") or match.group("scale") or "," in number
        if not strong and not patterns["counted_after"].match(rest) and _value(number) < 100:
            continue
        if _AGE_OR_ORDINAL_AHEAD.match(rest):
            continue
        keep(match.start(), match.end(), "estimate")
    for match in patterns["count"].finditer(text, first, hi):
        number = match.group("n")
        noun = match.group("noun").lower()
        if _named_number(text, match.start(), lo) or _is_year(number):
            continue
        big = match.group("scale") or _value(number) >= min_count
        casualty = noun in _CASUALTY or _CASUALTY_VERB.search(text[lo : match.start()])
        if big or (casualty and _value(number) >= 2):
            keep(match.start("n"), match.end(), "count")
    found.sort(key=lambda f: f.start)
    return found


def _is_range(text: str, match: regex.Match[str], floor: int, patterns: dict[str, _Lazy]) -> bool:
    """Whether "A to B" is a range of quantities, not dates, ages, scores or tallies."""
    a, b = match.group("a"), match.group("b")
    sep = match.group("sep").lower()
    if sep == "and" and not match.group("between"):
        return False
    if _value(a) >= _value(b):
        return False  # scores and tallies run high to low: 3-1, 52-48, 218 to 210
    if _is_year(a) and _is_year(b):
        return False
    if _named_number(text, match.start("a"), floor):
        return False
    if _AGE_OR_SCORE.search(text[max(floor, match.start() - 60) : match.start()]):
        return False
    # Matched in place, not on a copy of the rest of the document (quadratic in a long
    # one): these patterns open on ``\s*`` and look at nothing before where they start.
    after = match.end()
    if patterns["unit_after"].match(text, after) or _VOTES_OR_ORDINAL_AHEAD.match(text, after):
        return False
    small = _value(b) < 100 and "," not in b
    if sep in {"-", "–", "—"} or small:
        return bool(patterns["counted_after"].match(text, after)) or not small
    return True


# --- the rules ----------------------------------------------------------------------------------


def _body_sentences(doc: Document) -> Iterator[Sentence]:
    for paragraph in doc.body_paragraphs:
        yield from doc.sentences_of(paragraph)


class UnattributedFigure(Rule):
    """## What it does
    Flags a statistic, estimate, count of people or casualties, sum of money, percentage,
    rate or range stated in the writer's own voice, with no source in its sentence nor in
    the paragraph's chain of attributed sentences ("He added that …", a following "…, the
    report said."). The first such figure of a sentence is reported.

    ## Why is this bad?
    A figure is a claim someone made: an estimate by an agency, a count by police, a total
    in a filing. Without the source the reader cannot judge it, and the publication owns it
    if it is wrong. Estimates marked by "around", "approximately", "an estimated" or "up
    to" need a source most of all.

    ## Known problems
    Facts that need no source in context (a company's reported results in a business brief,
    a well-known population figure) are flagged too; suppress them with a directive. A source
    named two paragraphs away is not seen. Numbers written as words ("three hundred") are not
    figures here.

    Default severity info: in a sample of 30 of its 515 hits on BBC and Lee news
    (bench/precision.py, seed 15) about 10 were figures an editor would want sourced (0.33);
    the rest were company results sourced in the next sentence, policy terms, background facts,
    sports times and prices. As a warning it gave 0.22 warnings per BBC article on its own.

    ## Options
    - ``min_count`` (default 100): the smallest count of people ("300 soldiers") that needs
      a source; casualty counts ("12 killed") always do.

    ## References
    Not figures: dates and years, times, ages ("Alvarez, 24,"), ordinals, addresses, sports
    scores and vote tallies, durations and distances, numbers inside quotations and numbers in
    names ("Boeing 737", "COVID-19", "Section 230"). Vocabulary: ``rules/attribution.toml``;
    the attribution analysis: ``docs/attribution.md``.
    """

    code = "NL201"
    name = "unattributed-figure"
    category = "attribution"
    severity = "info"
    summary = "Figure with no source"
    message = "Figure with no source"
    default_options: ClassVar[Mapping[str, Any]] = {"min_count": 100}
    fire = (
        "Around 300 soldiers have died in the fighting.",
        "The storm caused an estimated $2 billion in damage.",
        "People who walk daily are 12% less likely to develop heart disease.",
        "Between 4,000 and 5,000 residents were evacuated overnight.",
        "One in five children in the district now lives in poverty.",
        "The program will cost taxpayers $438 million over a decade.",
    )
    quiet = (
        "Around 300 soldiers have died in the fighting, the ministry said.",
        "According to the state forestry department, the fire has burned 12,000 acres.",
        "The plant opened in 1998 and employs workers from three towns.",
        "Alvarez, 24, was arrested at 3:15 p.m. on March 5.",
        "The Senate passed the bill 52-48 on Thursday.",
        "Boeing 737 jets were grounded after the COVID-19 outbreak.",
        '"We lost nearly 40% of our customers," the owner said.',
        "The company lost $3 million last year. It expects a profit in 2025, the report said.",
    )

    def check(self, doc: Document) -> Iterable[Finding]:
        attributions = attribution_of(doc)
        min_count = int(self.options["min_count"])
        for sentence in _body_sentences(doc):
            if attributions.is_attributed(sentence):
                continue
            figures = figures_in(doc, sentence, min_count)
            if not figures:
                continue
            first = figures[0]
            label = "Estimate" if first.kind in {"estimate", "range"} else "Figure"
            more = f" (and {len(figures) - 1} more)" if len(figures) > 1 else ""
            yield self.finding(
                first.start,
                first.end,
                f"{label} '{_one_line(first.text)}'{more} has no source: say who counted, "
                "measured or estimated it",
            )


class VagueSource(Rule):
    """## What it does
    Flags attribution to nobody in particular: "reports indicate", "sources say", "sources
    familiar with the matter", "experts believe", "analysts predict", "some critics argue",
    "many believe", "according to researchers", and agentless passives such as "it is
    believed that", "X is expected to …", "is said to" and "reportedly". When the vaguely
    sourced words carry a figure, the one diagnostic names both problems.

    ## Why is this bad?
    A vague source looks like attribution but tells the reader nothing about who is behind a
    claim, how they know, or whether they have a stake in it. Passive attribution hides the
    source altogether: who expects it? who believes it?

    ## Known problems
    "Officials said" and "police said" are not flagged: they are vague only in context.
    "Is expected to" announcing a scheduled event ("is expected to testify on Monday") is
    left alone; a prediction with a time phrase may be missed for the same reason.
    Hedges in the writer's own voice ("appears to", "could potentially") belong to the
    hedging rules, not here.

    Default severity info: 24 of 30 sampled hits on BBC and Lee (bench/precision.py, seed 15)
    name nobody as the rule says (0.8), but edited news uses "analysts said" and "is expected
    to" on purpose: 907 hits, 0.41 per BBC article, more than the whole budget for core
    warnings (0.25).

    ## Options
    - ``passive`` (default true): also flag agentless passive attribution.

    ## References
    Vocabulary (vague heads and modifiers, passive participles): ``rules/attribution.toml``.
    """

    code = "NL202"
    name = "vague-source"
    category = "attribution"
    severity = "info"
    summary = "Vague or passive source that names nobody"
    message = "Vague source"
    default_options: ClassVar[Mapping[str, Any]] = {"passive": True}
    fire = (
        "Reports indicate the deployment of 10,000 to 12,000 troops near the border.",
        "Sources familiar with the matter said the deal could be announced this week.",
        "Experts believe the virus will return in the autumn.",
        "It is believed that the gunman acted alone.",
        "The merger is expected to drive up prices for consumers.",
        "Many believe the election was decided before the debate.",
    )
    quiet = (
        "Spokeswoman Dana Whitfield said the road would reopen on Friday.",
        "According to the state forestry department, the fire is 40% contained.",
        "South Korea's intelligence service estimated that 300 soldiers had been killed.",
        "Analysts at Barclays predict two more rate cuts this year.",
        "The minister is expected to announce the plan on Monday.",
        '"Sources say a lot of things," the mayor said.',
    )

    def check(self, doc: Document) -> Iterable[Finding]:
        attributions = attribution_of(doc)
        passive = bool(self.options["passive"])
        for attribution in attributions.all:
            if not attribution.vague:
                continue
            if attribution.kind == "passive" and not passive:
                continue
            start, end = attribution.span
            if doc.in_quote(start, end):
                continue
            yield self.finding(start, end, self._message(doc, attribution))

    def _message(self, doc: Document, attribution: Attribution) -> str:
        start, end = attribution.span
        phrase = _one_line(doc.text[start:end])
        figure = _figure_covered(doc, attribution)
        if attribution.kind == "passive":
            base = f"Passive attribution '{phrase}' names nobody: say who"
            what = f"; the figure '{figure}' is unsourced too" if figure else ""
            return f"{base}{what}"
        if figure:
            return (
                f"Vague source '{phrase}' for the figure '{figure}': name who reported or "
                "estimated it"
            )
        return f"Vague source '{phrase}': name the source or say why it cannot be named"


def _figure_covered(doc: Document, attribution: Attribution) -> str | None:
    """The first figure that only this vague source speaks for, if any."""
    attributions = attribution_of(doc)
    for index in attribution.covers:
        if attributions.is_named(index):
            continue
        figures = figures_in(doc, doc.sentences[index])
        if figures:
            return _one_line(figures[0].text)
    return None


# --- quotations ---------------------------------------------------------------------------------

_NOT_SPEECH_BEFORE = _Lazy(
    r"(?:so-called|dubbed|called|titled|entitled|named|known\s+as|labelled|labeled|"
    r"branded|(?:term|word|words|phrase|slogan|motto|hashtag|headline|tagline|title|chant|"
    r"banner|sign|song|book|novel|film|album|show|series|play|poem|report|documentary)|"
    r"headlined|read|reads|reading|marked|stamped|signs?\s+saying|banners?\s+saying|"
    r"described\s+as|referred\s+to\s+as|nicknamed|billed\s+as|as)\s*[,:]?\s*$",
    regex.IGNORECASE,
)


def _is_quotation(inner: str, before: str, min_words: int) -> bool:
    """Whether a quoted span is a quotation of a full clause, not a title or scare quote.

    A full clause opens with a capital (or an editorial bracket or ellipsis) or closes with
    sentence punctuation inside the marks; a lower-case fragment is a quoted term.
    """
    words = inner.split()
    if len(words) < min_words:
        return False
    if _NOT_SPEECH_BEFORE.search(before):
        return False
    capitals = sum(1 for w in words if w[:1].isupper())
    if capitals / len(words) >= 0.6:
        return False  # a title: "The Lord of the Rings", "Make America Great Again"
    stripped = inner.strip()
    opens_clause = stripped[:1].isupper() or stripped[:1] in "[…"
    closes_clause = stripped[-1:] in ".?!"
    return opens_clause or closes_clause


class UnattributedQuote(Rule):
    """## What it does
    Flags a direct quotation of a full clause with no speaker: no attribution in the
    sentences it spans nor in the sentence just before or after it.

    ## Why is this bad?
    A quotation is someone's words. Without a speaker the reader cannot tell who said them,
    and an unattributed quote reads as the writer's own opinion in quotation marks.

    ## Known problems
    A quote whose speaker is named two sentences away is flagged. Short quoted terms, titles
    and scare quotes ("the so-called 'peace plan'") are never flagged; a long scare quote
    may be.

    Default severity info: 1 or fewer of 30 sampled hits on BBC and Lee (bench/precision.py,
    seed 15) was a quotation without a speaker. The rest were quotes that run over several
    paragraphs (the speaker named in the paragraph before), quotation marks paired across a
    paragraph break, and a quote introduced by a colon after its speaker.

    ## Options
    - ``min_words`` (default 5): quotations shorter than this are treated as quoted terms.
    """

    code = "NL203"
    name = "unattributed-quote"
    category = "attribution"
    severity = "info"
    summary = "Quotation with no speaker"
    message = "Quotation with no speaker"
    default_options: ClassVar[Mapping[str, Any]] = {"min_words": 5}
    fire = (
        'The council met on Tuesday. "We will not let this town die without a fight." '
        "The vote is next week.",
        "Residents packed the hall.\n\n\u201cNobody asked us whether we wanted a motorway "
        "through the park.\u201d",
    )
    quiet = (
        '"We will not let this town die without a fight," the mayor said.',
        "She called the proposal a \u201cpeace plan\u201d in name only.",
        'The so-called "peace plan for the whole region" has no support in the parliament.',
        'The film "Gone With the Wind and Other Stories" opens on Friday.',
        'The mayor spoke at length.\n\n"We will not let this town die without a fight."',
    )

    def check(self, doc: Document) -> Iterable[Finding]:
        attributions = attribution_of(doc)
        min_words = int(self.options["min_words"])
        text = doc.text
        for quote in doc.quotes:
            if quote.depth or quote.continued:
                continue
            paragraph = doc.paragraph_at(quote.start)
            if paragraph is None or paragraph.is_heading:
                continue
            sentence = doc.sentence_at(quote.start)
            floor = sentence.start if sentence else paragraph.start
            inner = text[quote.inner_start : quote.inner_end]
            if not _is_quotation(inner, text[floor : quote.start], min_words):
                continue
            if attributions.speaker_of(quote) is not None:
                continue
            newline = text.find("\n", quote.start, quote.end)
            yield self.finding(quote.start, quote.end if newline == -1 else newline)


def _one_line(text: str) -> str:
    return " ".join(text.split())


@hookimpl
def newslint_register_rules(register: RegisterRule) -> None:
    register(UnattributedFigure())
    register(VagueSource())
    register(UnattributedQuote())
