"""Content-word overlap between the paragraphs of one article, computed once per document.

The repetition rules ask three questions of the same data: does a paragraph restate an
earlier one, does a closing paragraph only restate what came before, and which sentences and
long phrases occur twice. All three need the same normalised words, so they share one
:class:`OverlapIndex`, built through ``doc.service("overlap", OverlapIndex)``.

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

import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from newslint.document import Document, Paragraph

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


@lru_cache(maxsize=16384)  # called for every word of every article by several rules
def normalise(word: str) -> str:
    """Lower-case a word and drop a possessive ending: ``Russia’s`` -> ``russia``."""
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    elif word.endswith("'"):
        word = word[:-1]
    return word


@lru_cache(maxsize=16384)
def stem(word: str) -> str:
    """A deliberately crude stem: strip a plural or verb ending, keep the first six letters.

    Prefix stemming is a known, cheap approximation for English retrieval; it merges
    "deployed"/"deployment" and "strengthening"/"strengthen", and its rare collisions
    ("militant"/"military") cost a little precision on one word, not a finding.
    """
    if word[:1].isdigit():
        return word.replace(",", "")
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
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


@dataclass(slots=True)
class ParagraphTerms:
    """The content terms of one body paragraph, with their counts."""

    paragraph: Paragraph
    position: int  # index among the indexed (body) paragraphs
    terms: Counter[str] = field(default_factory=Counter)
    #: Terms written as names or numbers (capitalised mid-sentence, or starting with a digit).
    facts: set[str] = field(default_factory=set)
    #: Terms used outside quotations: the writer's own words.
    own: set[str] = field(default_factory=set)
    words: int = 0
    quoted_words: int = 0

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


class OverlapIndex:
    """Content terms per body paragraph, their in-article weights and an inverted index."""

    def __init__(self, doc: Document, *, max_postings: int = MAX_POSTINGS) -> None:
        self.doc = doc
        self.max_postings = max_postings
        self.paragraphs: list[ParagraphTerms] = []
        sentence_starts = {s.start for s in doc.sentences}
        for paragraph in doc.body_paragraphs:
            item = ParagraphTerms(paragraph, len(self.paragraphs))
            for start, end in doc.words(paragraph.start, paragraph.end):
                raw = doc.text[start:end]
                quoted = doc.in_quote(start, end)
                item.words += 1
                item.quoted_words += quoted
                word = normalise(raw)
                if is_content(word):
                    term = stem(word)
                    item.terms[term] += 1
                    if not quoted:
                        item.own.add(term)
                    if raw[0].isdigit() or (raw[0].isupper() and start not in sentence_starts):
                        item.facts.add(term)
            self.paragraphs.append(item)
        first_body = self.paragraphs[0].paragraph.start if self.paragraphs else len(doc.text)
        #: Terms of the headline and any heading above the first body paragraph.
        self.headline_terms: set[str] = set()
        self.headlines = [p for p in doc.paragraphs if p.is_heading and p.end <= first_body]
        for heading in self.headlines:
            for start, end in doc.words(heading.start, heading.end):
                word = normalise(doc.text[start:end])
                if is_content(word):
                    self.headline_terms.add(stem(word))
        self.df: Counter[str] = Counter()
        for item in self.paragraphs:
            self.df.update(item.terms.keys())
        count = len(self.paragraphs)
        self._weights = {t: math.log(1.0 + count / n) for t, n in self.df.items()}
        self._mass = [sum(self._weights[t] for t in item.terms) for item in self.paragraphs]

    def weight(self, term: str) -> float:
        """Inverse paragraph frequency: rare in the article means telling."""
        return self._weights.get(term, 0.0)

    def mass(self, position: int) -> float:
        """Total weight of a paragraph's distinct terms."""
        return self._mass[position]

    def candidates(self, *, top: int = 3) -> Iterator[tuple[int, list[int]]]:
        """For each paragraph, the ``top`` earlier paragraphs sharing most weight with it.

        Walks postings of each term among earlier paragraphs, skipping terms used in more
        than ``max_postings`` paragraphs, so the work grows with the number of words, not
        with the number of paragraph pairs.
        """
        postings: dict[str, list[int]] = defaultdict(list)
        for item in self.paragraphs:
            shared: dict[int, float] = defaultdict(float)
            for term in item.terms:
                posting = postings.get(term)
                if posting and len(posting) <= self.max_postings:
                    w = self.weight(term)
                    for other in posting:
                        shared[other] += w
            if shared:
                best = heapq.nlargest(top, shared.items(), key=lambda kv: (kv[1], -kv[0]))
                yield item.position, [other for other, _ in best]
            for term in item.terms:
                postings[term].append(item.position)

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
        ``terms``, and the shared terms. Linear in the text before ``before``."""
        best: int | None = None
        best_weight = 0.0
        best_shared: list[str] = []
        places = [(-1, self.headline_terms)] + [
            (item.position, item.terms.keys()) for item in self.paragraphs[:before]
        ]
        for place, vocabulary in places:
            shared = [t for t in terms if t in vocabulary]
            weight = sum(self.weight(t) or 1.0 for t in shared)
            if weight > best_weight:
                best, best_weight, best_shared = place, weight, shared
        return best, best_shared

    def coverage(self, position: int) -> Coverage:
        """How much of a paragraph's own words the headline and earlier paragraphs hold.

        Each shared term is credited to the first place that used it (the headline first),
        so the sources are where the paragraph draws its content from. Linear in the length
        of the text before the paragraph; the summary rule asks this of a few closing
        paragraphs only.
        """
        first_use: dict[str, int] = dict.fromkeys(self.headline_terms, -1)
        for item in self.paragraphs[:position]:
            for term in item.terms:
                first_use.setdefault(term, item.position)
        target = self.paragraphs[position]
        credit: Counter[int] = Counter()
        for term in target.own:
            where = first_use.get(term)
            if where is not None:
                credit[where] += 1
        found = sum(credit.values())
        new_facts = tuple(sorted(t for t in target.facts & target.own if t not in first_use))
        sources = tuple(sorted(credit.items(), key=lambda kv: (-kv[1], kv[0])))
        share = found / len(target.own) if target.own else 0.0
        return Coverage(position, len(target.own), share, new_facts, sources)


def terms_of(doc: Document, start: int, end: int, *, quoted: bool = False) -> set[str]:
    """Content terms of a span; words inside quotations only when ``quoted`` is true."""
    out = set()
    for s, e in doc.words(start, end):
        if not quoted and doc.in_quote(s, e):
            continue
        word = normalise(doc.text[s:e])
        if is_content(word):
            out.add(stem(word))
    return out


def overlap_index(doc: Document) -> OverlapIndex:
    """The shared index for ``doc`` (computed once, whichever rule asks first)."""
    return doc.service("overlap", OverlapIndex)
