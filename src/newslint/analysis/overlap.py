"""Content-word overlap between the paragraphs of one article, computed once per document.

The repetition rules ask three questions of the same data: does a paragraph restate an
earlier one, does a closing paragraph only restate what came before, and which sentences and
long phrases occur twice. All three need the same normalised words, so they share one
:class:`OverlapIndex`, built through ``doc.analysis(OverlapIndex)``.

Why content words and not raw text: a restatement paraphrases ("troops" becomes "soldiers",
"relationship" stands in for "alliance") but keeps its nouns, names and numbers. Function
words say nothing about topic, so they are dropped; what is left is crudely stemmed so that
"deployed" meets "deployment". Why weights: every paragraph of a story about North Korean
troops in Kursk mentions North Korea, troops and Kursk. A term that appears in many
paragraphs is the article's topic, not evidence that one paragraph repeats another, so each
term is weighted by its inverse paragraph frequency within the article.

Why an inverted index: comparing every paragraph with every earlier one is quadratic, and a
long live blog or a scraped page with thousands of paragraphs would stall a commit hook. Each
paragraph instead looks up its terms in postings of the earlier paragraphs that used them, and
postings of terms used in more than ``max_postings`` paragraphs are not walked (such terms are
the article's topic and carry almost no weight anyway). The cost is therefore bounded by the
number of words times a constant.
"""

from __future__ import annotations

import bisect
import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from itertools import chain, compress, filterfalse
from operator import itemgetter, neg, not_

from newslint.text.document import Document, Paragraph

#: Function words, auxiliaries and the commonest reporting verbs and vague words of news copy.
#: Written for newslint from standard English function-word lists (articles, pronouns,
#: prepositions, conjunctions, auxiliaries, quantifiers), plus "said"/"says"/"according",
#: which appear in most paragraphs of attributed copy and say nothing about what is reported.
STOPWORDS: frozenset[str] = frozenset(
    """
    a about above across after again against all almost along also although always am among
    an and another any anyone anything are around as at be became because become been before
    being below between both but by can could did do does doing done down during each either
    else enough even ever every few for from further had has have having he her here hers
    herself him himself his how however i if in into is it its itself just least less like
    many may me might more most much must my myself neither no nor not now of off often on
    once one only onto or other others our ours ourselves out over own per perhaps quite
    rather same several shall she should since so some still such than that the their theirs
    them themselves then there these they this those though through throughout thus to too
    toward towards under until up upon us very via was we well were what whatever when where
    whether which while who whom whose why will with within without would yet you your yours
    yourself yourselves said says say saying told according also including
    mr mrs ms dr
    """.split()
)

#: Terms used in more paragraphs than this are not walked in the inverted index.
MAX_POSTINGS = 40


def normalise(word: str) -> str:
    """Lower-case a word and drop a possessive ending: ``Russia’s`` -> ``russia``."""
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    elif word.endswith("'"):
        word = word[:-1]
    return word


#: The endings :func:`stem` strips (and what replaces them), tried in this order.
_ENDINGS = (("ies", "y"), ("es", ""), ("s", ""), ("ing", ""), ("ed", ""))


def stem(word: str) -> str:
    """A deliberately crude stem: strip a plural or verb ending, keep the first six letters.

    Prefix stemming is a known, cheap approximation for English retrieval; it merges
    "deployed"/"deployment" and "strengthening"/"strengthen", and its rare collisions
    ("militant"/"military") cost a little precision on one word, not a finding.
    """
    if word[:1].isdigit():
        return word.replace(",", "")
    for suffix, keep in _ENDINGS:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith("ss"):
                break
            word = word[: len(word) - len(suffix)] + keep
            break
    return word[:6]


def is_content(word: str) -> bool:
    """Whether a normalised word carries content: not a stopword, and a number or 3+ letters."""
    if word in STOPWORDS:
        return False
    return word[:1].isdigit() or len(word) >= 3


#: The facts of a paragraph that has none, shared: an empty set costs 216 bytes, and a page
#: of a million one-word paragraphs has a million of them.
_NO_FACTS: frozenset[str] = frozenset()


class ParagraphTerms:
    """The content terms of one body paragraph, with their counts."""

    __slots__ = ("facts", "paragraph", "position", "quoted_words", "terms", "words")

    def __init__(
        self,
        paragraph: Paragraph,
        position: int,
        terms: Counter[str] | None = None,
        facts: AbstractSet[str] | None = None,
        words: int = 0,
        quoted_words: int = 0,
    ) -> None:
        self.paragraph = paragraph
        self.position = position  # index among the indexed (body) paragraphs
        self.terms: Counter[str] = Counter() if terms is None else terms
        #: Terms written as names or numbers (capitalised mid-sentence, or starting with a digit).
        self.facts: AbstractSet[str] = _NO_FACTS if facts is None else facts
        self.words = words
        self.quoted_words = quoted_words

    def __repr__(self) -> str:
        return (
            f"ParagraphTerms(position={self.position}, terms={len(self.terms)}, "
            f"words={self.words}, quoted_words={self.quoted_words})"
        )

    @property
    def looks_like_list(self) -> bool:
        """A team sheet, a list of names or a bullet item, not a paragraph of prose.

        Such blocks share most of their words by design (two squads, two ratings) and are
        left out of paragraph comparisons.
        """
        text = self.paragraph.text.lstrip()
        if text[:1] in "-*•–—·" or "\n-" in text or "\n*" in text:
            return True
        return bool(self.terms) and len(self.facts) > 0.6 * len(self.terms)


@dataclass(frozen=True, slots=True)
class PairOverlap:
    """How much two paragraphs share, measured from both sides.

    ``later_share`` is the weighted share of the later paragraph's terms found in the earlier
    one, ``earlier_share`` the reverse; ``shared`` counts shared distinct terms and
    ``fact_share`` is the share of the later paragraph's names and numbers found earlier.
    """

    later: int
    earlier: int
    shared: int
    later_share: float
    earlier_share: float
    fact_share: float

    @property
    def similarity(self) -> float:
        """The smaller of the two shares: both paragraphs must be mostly the other."""
        return min(self.later_share, self.earlier_share)


@dataclass(frozen=True, slots=True)
class Coverage:
    """How much of a paragraph was already said before it, and where.

    ``share`` is the fraction of the paragraph's own (unquoted) terms found in the headline
    or an earlier paragraph; ``new_facts`` lists its names and numbers found nowhere earlier;
    ``sources`` pairs each earlier position (``-1`` for the headline) with how many of the
    paragraph's terms it first supplied.
    """

    position: int
    terms: int
    share: float
    new_facts: tuple[str, ...]
    sources: tuple[tuple[int, int], ...]


class WordTable:
    """Every word of the document, split once, with what the repetition rules need of it.

    One entry per word of ``doc.words()``, in machine-sized columns where a column is
    per-word data: ``forms`` holds each word's form, shared by every use of the word
    (normalised form, content term or ``None`` for function words, and the term again when
    the form is written as a name or a number); ``named`` marks the words whose term counts
    as a name or a number where they stand (not a capitalised word opening a sentence);
    ``quoted`` marks the words inside quotations. Paragraphs and sentences read slices of
    these columns, so the per-word work (normalising, stemming, the quotation test) is done
    once per document, mostly in list and dictionary operations implemented in C, instead
    of once per word per rule, and a long article costs a few bytes per word beyond its
    offsets.
    """

    __slots__ = ("_firsts", "doc", "ends", "forms", "named", "quoted", "starts")

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        text = doc.text
        starts, ends, words = doc.word_columns()
        forms = list(map(_Forms().__getitem__, words))
        self.starts, self.ends = starts, ends
        self.forms: list[tuple[str, str | None, str | None]] = forms  # type: ignore[assignment]
        named = self.named = bytearray(map(bool, map(_FACT, self.forms)))
        # A capitalised word opening a sentence is not a name; a number always counts.
        count = len(starts)
        for sentence in doc.sentences:
            i = bisect.bisect_left(starts, sentence.start)
            if (
                i < count
                and starts[i] == sentence.start
                and named[i]
                and not text[sentence.start].isdigit()
            ):
                named[i] = 0
        quoted = self.quoted = bytearray(count)
        for quote_start, quote_end in doc.outer_quotes:
            # The words Document.in_quote calls quoted: those overlapping the quotation.
            first = bisect.bisect_right(ends, quote_start)
            last = bisect.bisect_left(starts, quote_end)
            if first < last:
                quoted[first:last] = b"\x01" * (last - first)
        self._firsts: set[int] | None = None

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        """The index range of the words in ``[start, end)``, as ``Document.words`` splits
        them; ``None`` when the span cuts a word in two (the span is then split alone)."""
        starts, ends = self.starts, self.ends
        first = bisect.bisect_right(ends, start)
        last = bisect.bisect_left(starts, end)
        if (first < len(starts) and starts[first] < start) or (last and ends[last - 1] > end):
            return None
        return first, last

    def norms(self, first: int, last: int) -> list[str]:
        """Normalised forms of the words ``[first, last)`` of the table."""
        return list(map(_NORM, self.forms[first:last]))

    def terms(self, first: int, last: int) -> list[str | None]:
        """Content terms (``None`` for function words) of the words ``[first, last)``."""
        return list(map(_TERM, self.forms[first:last]))

    def norms_of(self, start: int, end: int) -> list[str]:
        """Normalised words of a span."""
        found = self.span(start, end)
        if found is not None:
            return self.norms(*found)
        doc = self.doc
        return [normalise(doc.text[s:e]) for s, e in doc.words(start, end)]

    def columns(
        self, start: int, end: int
    ) -> tuple[list[str | None], Iterable[str | None], Iterable[str | None], int]:
        """The words of a span: their content terms (one per word, ``None`` for function
        words), the terms of the words outside quotations, the terms written as names or
        numbers, and how many of the words are quoted."""
        found = self.span(start, end)
        if found is not None:
            a, b = found
            terms = self.terms(a, b)
            quoted = self.quoted[a:b]
            own = compress(terms, map(not_, quoted))
            return terms, own, compress(terms, self.named[a:b]), quoted.count(1)
        # The span cuts a word: split it alone and judge each word as the index always did.
        doc = self.doc
        if self._firsts is None:
            self._firsts = {s.start for s in doc.sentences}
        terms = []
        own: list[str | None] = []
        facts: list[str | None] = []
        inside_count = 0
        for s, e in doc.words(start, end):
            raw = doc.text[s:e]
            inside = doc.in_quote(s, e)
            word = normalise(raw)
            term = stem(word) if is_content(word) else None
            fact = raw[0].isdigit() or (raw[0].isupper() and s not in self._firsts)
            terms.append(term)
            own.append(None if inside else term)
            facts.append(term if fact else None)
            inside_count += inside
        return terms, own, facts, inside_count


_NORM, _TERM, _FACT = itemgetter(0), itemgetter(1), itemgetter(2)


def form_of(raw: str) -> tuple[str, str | None, str | None]:
    """What a word contributes: its normalised form, its content term (``None`` for a
    function word), and the term again when the word is written as a name or a number
    (``None`` otherwise)."""
    word = normalise(raw)
    if not is_content(word):
        return word, None, None
    term = stem(word)
    return word, term, term if word[:1].isdigit() or raw[0].isupper() else None


class _Forms(dict[str, tuple[str, str | None, str | None]]):
    """The forms of one document's words, each distinct word worked out once."""

    def __missing__(self, raw: str) -> tuple[str, str | None, str | None]:
        found = self[raw] = form_of(raw)
        return found


def word_table(doc: Document) -> WordTable:
    """The shared word table for ``doc`` (computed once, whichever rule asks first)."""
    return doc.analysis(WordTable)


class _Weights(dict[str, float]):
    """In-article term weights, ``log(1 + paragraphs / paragraphs using the term)``, each
    computed when first looked up (0.0 for a term no paragraph uses)."""

    __slots__ = ("count", "df")

    def __init__(self, df: Counter[str], count: int) -> None:
        super().__init__()
        self.df = df
        self.count = count

    def __missing__(self, term: str) -> float:
        used = self.df.get(term)
        weight = self[term] = math.log(1.0 + self.count / used) if used else 0.0
        return weight

    def fill(self, terms: Iterable[str]) -> None:
        """Compute the weights of ``terms`` (all used by some paragraph) not yet known, in
        one pass of ``map``: a whole paragraph's worth of ``__missing__`` calls in Python
        costs more than the arithmetic. The same operations, so the same floats."""
        missing = list(filterfalse(self.__contains__, terms))
        if missing:
            ratios = map(self.count.__truediv__, map(self.df.__getitem__, missing))
            self.update(zip(missing, map(math.log, map((1.0).__add__, ratios)), strict=True))


class OverlapIndex:
    """Content terms per body paragraph, their in-article weights and an inverted index."""

    def __init__(self, doc: Document, *, max_postings: int = MAX_POSTINGS) -> None:
        self.doc = doc
        self.max_postings = max_postings
        self.paragraphs: list[ParagraphTerms] = []
        table = word_table(doc)
        for paragraph in doc.body_paragraphs:
            terms, _, facts, quoted = table.columns(paragraph.start, paragraph.end)
            self.paragraphs.append(
                ParagraphTerms(
                    paragraph,
                    len(self.paragraphs),
                    Counter(filter(None, terms)),
                    set(filter(None, facts)) or _NO_FACTS,
                    len(terms),
                    quoted,
                )
            )
        first_body = self.paragraphs[0].paragraph.start if self.paragraphs else len(doc.text)
        #: Terms of the headline and any heading above the first body paragraph.
        self.headline_terms: set[str] = set()
        self.headlines = [p for p in doc.paragraphs if p.is_heading and p.end <= first_body]
        for heading in self.headlines:
            terms, _, _, _ = table.columns(heading.start, heading.end)
            self.headline_terms.update(filter(None, terms))
        #: In how many paragraphs each term occurs.
        self.df: Counter[str] = Counter(chain.from_iterable(item.terms for item in self.paragraphs))
        # Weights and masses are computed when first asked for: an article whose paragraphs
        # share few terms never needs them.
        self._weights = _Weights(self.df, len(self.paragraphs))
        self._postings: dict[str, list[int]] = {}
        self._mass: list[float | None] = [None] * len(self.paragraphs)
        self._first_use: dict[str, int] | None = None
        self._lists: list[bool] | None = None

    def is_list(self, position: int) -> bool:
        """``looks_like_list`` of a paragraph, computed once per paragraph."""
        if self._lists is None:
            self._lists = [item.looks_like_list for item in self.paragraphs]
        return self._lists[position]

    def weights(self) -> dict[str, float]:
        """Term weights by subscript (``weights()[term]``), each computed on first use."""
        return self._weights

    def weight(self, term: str) -> float:
        """Inverse paragraph frequency: rare in the article means telling."""
        return self._weights[term]

    def mass(self, position: int) -> float:
        """Total weight of a paragraph's distinct terms."""
        mass = self._mass[position]
        if mass is None:
            terms = self.paragraphs[position].terms
            self._weights.fill(terms)
            mass = sum(map(self._weights.__getitem__, terms))
            self._mass[position] = mass
        return mass

    def candidates(
        self, *, top: int = 3, only: Iterable[int] | None = None
    ) -> Iterator[tuple[int, list[int]]]:
        """For each paragraph, the ``top`` earlier paragraphs sharing most weight with it.

        Walks postings of each term among earlier paragraphs, skipping terms used in more
        than ``max_postings`` earlier paragraphs, so the work grows with the number of words,
        not with the number of paragraph pairs. ``only`` limits the answers to some
        positions, for callers that can rule the others out more cheaply; the answers are
        the same as without it.
        """
        limit = self.max_postings
        wanted = set(range(len(self.paragraphs)) if only is None else only)
        if not wanted:
            return
        weights = self._weights
        needed: set[str] = set()
        for position in wanted:
            needed.update(self.paragraphs[position].terms)
        # Postings of the earlier paragraphs, grown as the walk goes down the article, for
        # the terms of the wanted paragraphs only, and never past the length that stops a
        # posting from being walked.
        earlier: dict[str, list[int]] = {}
        last = max(wanted)
        for item in self.paragraphs:
            position = item.position
            if position in wanted:
                shared: defaultdict[int, float] = defaultdict(float)
                for term in item.terms:
                    posting = earlier.get(term)
                    if posting and len(posting) <= limit:
                        w = weights[term]
                        for other in posting:
                            shared[other] += w
                if shared:
                    # Most weight first, the earlier paragraph on a tie: (weight, -position).
                    best = heapq.nlargest(top, zip(shared.values(), map(neg, shared), strict=True))
                    yield position, [-other for _, other in best]
            if position == last:
                return
            for term in item.terms.keys() & needed:
                posting = earlier.get(term)
                if posting is None:
                    earlier[term] = [position]
                elif len(posting) <= limit:
                    posting.append(position)

    def pair(self, later: int, earlier: int) -> PairOverlap:
        """Exact overlap of two paragraphs (linear in their sizes)."""
        a = self.paragraphs[later]
        b = self.paragraphs[earlier]
        shared = a.terms.keys() & b.terms.keys()
        weight = sum(self.weight(t) for t in shared)
        mass_a, mass_b = self.mass(later), self.mass(earlier)
        facts = len(a.facts & b.terms.keys()) / len(a.facts) if a.facts else 1.0
        return PairOverlap(
            later,
            earlier,
            len(shared),
            weight / mass_a if mass_a else 0.0,
            weight / mass_b if mass_b else 0.0,
            facts,
        )

    def best_source(self, terms: set[str], before: int) -> tuple[int | None, list[str]]:
        """The earlier paragraph (``-1``: the headline) sharing most weighted terms with
        ``terms``, and the shared terms; the first such place on a tie.

        Looks only at the places that use one of ``terms`` (through postings of every
        paragraph), not at every earlier paragraph, so a long closing paragraph of a long
        article does not cost sentences times paragraphs.
        """
        postings = self.postings_of(terms)
        headline = self.headline_terms
        by_place: dict[int, list[str]] = {}
        for term in terms:
            if term in headline:
                by_place.setdefault(-1, []).append(term)
            for place in postings.get(term, ()):
                if place >= before:
                    break
                by_place.setdefault(place, []).append(term)
        best: int | None = None
        best_weight = 0.0
        best_shared: list[str] = []
        for place in sorted(by_place):
            shared = by_place[place]
            weight = sum(self.weight(t) or 1.0 for t in shared)
            if weight > best_weight:
                best, best_weight, best_shared = place, weight, shared
        return best, best_shared

    def postings_of(self, terms: Iterable[str]) -> dict[str, list[int]]:
        """Positions of the paragraphs using each term, in order, for (at least) ``terms``.

        Built for the terms asked about only (those of a few paragraphs), each paragraph
        contributing through one set intersection, and remembered: ask for all the terms
        of a passage at once to scan the paragraphs once.
        """
        postings = self._postings
        missing = set(terms).difference(postings)
        if missing:
            for term in missing:
                postings[term] = []
            for item in self.paragraphs:
                for term in item.terms.keys() & missing:
                    postings[term].append(item.position)
        return postings

    def _first_uses(self) -> dict[str, int]:
        """The first paragraph using each term (built on first use)."""
        if self._first_use is None:
            first: dict[str, int] = {}
            for item in reversed(self.paragraphs):
                first.update(dict.fromkeys(item.terms, item.position))
            self._first_use = first
        return self._first_use

    def coverage(self, position: int) -> Coverage:
        """How much of a paragraph's own words the headline and earlier paragraphs hold.

        Each shared term is credited to the first place that used it (the headline first),
        so the sources are where the paragraph draws its content from. Linear in the size of
        the paragraph once the first use of every term is known.
        """
        headline = self.headline_terms
        first = self._first_uses()
        target = self.paragraphs[position]
        # The writer's own terms (those used outside quotations), read from the word table
        # when asked: only a few closing paragraphs are ever asked about.
        own = terms_of(self.doc, target.paragraph.start, target.paragraph.end)
        credit: Counter[int] = Counter()
        for term in own:
            if term in headline:
                credit[-1] += 1
            else:
                where = first[term]
                if where < position:
                    credit[where] += 1
        found = sum(credit.values())
        new_facts = tuple(
            sorted(t for t in target.facts & own if t not in headline and first[t] >= position)
        )
        sources = tuple(sorted(credit.items(), key=lambda kv: (-kv[1], kv[0])))
        share = found / len(own) if own else 0.0
        return Coverage(position, len(own), share, new_facts, sources)


def terms_of(doc: Document, start: int, end: int, *, quoted: bool = False) -> set[str]:
    """Content terms of a span; words inside quotations only when ``quoted`` is true."""
    terms, own, _, _ = word_table(doc).columns(start, end)
    return set(filter(None, terms if quoted else own))


def overlap_index(doc: Document) -> OverlapIndex:
    """The shared index for ``doc`` (computed once, whichever rule asks first)."""
    return doc.analysis(OverlapIndex)
