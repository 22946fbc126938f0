"""Repetition rules (codes NL4xx): restated paragraphs, summary endings, repeated passages.

Professionally edited news says each thing once: the lede states the news, later paragraphs
add to it, and the story ends on a fact or a quote. Text that restates itself (a second
paragraph that rewrites the lede, a closing paragraph that sums up what the reader has just
read, a sentence pasted twice) wastes the reader's time and is a common sign of padded or
machine-written copy. All the paragraph rules read one shared :class:`OverlapIndex`
(``newslint.analysis.overlap``); the thresholds are rule options and are explained in
``docs/structure.md``.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Any, ClassVar

from newslint.analysis.overlap import (
    Coverage,
    OverlapIndex,
    is_content,
    overlap_index,
    terms_of,
    word_table,
)
from newslint.diagnostics import Finding, OffsetRelated
from newslint.hookspecs import RegisterRule, hookimpl
from newslint.rule import Rule
from newslint.text.document import Document, Paragraph, Sentence
from newslint.text.matching import PhraseList

#: Openers that announce a summary. Essay and report conventions, written for newslint.
SUMMARY_OPENERS = PhraseList(
    [
        "in {summary|conclusion|short|sum|closing|the end}",
        "to {sum up|summarise|summarize|conclude}",
        "overall",
        "ultimately",
        "all in all",
        "all told",
    ]
)
#: The openers only essays use; "Overall, sales rose" and "Ultimately, the court ruled" are
#: ordinary news sentences, so the style rule leaves them alone.
ESSAY_OPENERS = PhraseList(
    ["in {summary|conclusion|closing}", "to {sum up|summarise|summarize|conclude}", "all in all"]
)


def opener(doc: Document, paragraph: Paragraph, openers: PhraseList) -> tuple[int, int] | None:
    """The span of the phrase of ``openers`` that opens ``paragraph``, after any quotation
    marks or punctuation, or None."""
    first = next((i for i, char in enumerate(paragraph.text) if char.isalnum()), None)
    if first is None:
        return None
    start = paragraph.start + first
    found = openers.search(doc.folded, start, paragraph.end)
    return (found.start, found.end) if found is not None and found.start == start else None


# --- summary paragraphs ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Summary:
    """A closing paragraph judged to restate the article, with the evidence."""

    coverage: Coverage
    opener: bool


def find_summary(index: OverlapIndex, options: Mapping[str, Any]) -> Summary | None:
    """The closing paragraph that restates the article most, if any passes the thresholds.

    Looks at the last ``closing_paragraphs`` body paragraphs (the story may be followed by
    a footer or a biography), never at the first ``min_earlier_paragraphs``. A paragraph
    qualifies when it has at least ``min_terms`` content words of its own, introduces no
    more than ``max_new_facts`` names or numbers, and at least ``threshold`` of its content
    words already appeared in the headline or earlier paragraphs (``opener_threshold`` when
    it opens "In summary", "Overall" and the like: the writer has announced a recap). At
    least ``min_top_share`` of the words it repeats must come from the headline or the first
    ``top_paragraphs`` paragraphs: a recap restates the top of the story, while the last
    paragraph of a long report or of a page of readers' comments shares words with many
    scattered paragraphs. Paragraphs that are mostly quotation are never candidates.
    """
    count = len(index.paragraphs)
    first = max(int(options["min_earlier_paragraphs"]), count - int(options["closing_paragraphs"]))
    best: Summary | None = None
    for position in range(first, count):
        item = index.paragraphs[position]
        if item.looks_like_list or item.quoted_words > item.words / 2:
            continue
        coverage = index.coverage(position)
        if coverage.terms < options["min_terms"]:
            continue
        if len(coverage.new_facts) > options["max_new_facts"]:
            continue
        opens = opener(index.doc, item.paragraph, SUMMARY_OPENERS) is not None
        needed = options["opener_threshold"] if opens else options["threshold"]
        if coverage.share < needed:
            continue
        found = sum(n for _, n in coverage.sources)
        top = sum(n for where, n in coverage.sources if where < options["top_paragraphs"])
        if top < options["min_top_share"] * found:
            continue
        if best is None or coverage.share > best.coverage.share:
            best = Summary(coverage, opener)
    return best


def _find_default_summary(doc: Document) -> Summary | None:
    return find_summary(overlap_index(doc), RepetitiveSummary.default_options)


def _default_summary(doc: Document) -> Summary | None:
    """The summary NL401 reports with its default options; NL402 and NL405 leave it alone,
    so all three share one search per document."""
    return doc.analysis(_find_default_summary)


def summary_of(doc: Document, options: Mapping[str, Any]) -> Summary | None:
    """:func:`find_summary` for ``doc``, shared between rules when ``options`` are NL401's
    defaults."""
    if options == RepetitiveSummary.default_options:
        return _default_summary(doc)
    return find_summary(overlap_index(doc), options)


def _sources_by_sentence(
    doc: Document, index: OverlapIndex, position: int
) -> list[tuple[int, str]]:
    """Where each sentence of a summary comes from: the earlier paragraph (or headline)
    sharing most weighted content words with it, in sentence order, each place once."""
    item = index.paragraphs[position]
    places: dict[int, set[str]] = {}
    sentences = [terms_of(doc, s.start, s.end) for s in doc.sentences_of(item.paragraph)]
    index.postings_of(set().union(*sentences))  # one scan of the paragraphs for all
    for terms in sentences:
        if len(terms) < 3:
            continue
        source, shared = index.best_source(terms, position)
        if source is not None and len(shared) >= 2:
            places.setdefault(source, set()).update(shared)
    return [(source, f"{len(shared)} content words") for source, shared in places.items()]


def _line(doc: Document, offset: int) -> int:
    return doc.position(offset)[0]


class RepetitiveSummary(Rule):
    """## What it does
    Flags a closing paragraph that mostly restates what the article has already said: most
    of its content words appeared in the headline or earlier paragraphs, and it brings no
    new name or number. It is reported on the closing paragraph, with related locations
    pointing at the paragraphs it repeats. An "In summary" or "Overall" opener lowers the
    bar (the writer has announced a recap), but an unannounced recap is flagged too.

    ## Why is this bad?
    News stories end on a fact, a quote or what happens next, not on a recap. A summary
    paragraph repeats what the reader has just read; it is a habit of school essays and of
    machine-written copy, and editors cut it.

    ## Known problems
    Overlap is measured on words, not meaning: a recap that paraphrases every word is
    missed, and a closing paragraph that adds a new development in the article's own words
    (no new names or numbers) can be flagged. Words inside quotations do not count, so a
    closing quote is never a recap.

    Precision on edited news (``bench/precision.py``): 3 hits in 2,575 BBC and Lee articles,
    none a real recap (a feature's closing scene, a match report's last game, a page of
    readers' comments): too rare to estimate, and too rare to cost an editor anything. It
    stays a warning because it does separate generated copy: 12 of 269 GPT texts and none
    of the 66 human texts on the dev split of human-vs-gpt-news (``bench/machine_filler.py``).

    ## Options
    - `threshold` (0.65): share of the paragraph's content words found earlier.
    - `opener_threshold` (0.45): the same, when the paragraph opens with a summary formula.
    - `min_top_share` (0.5): share of the repeated words that must come from the headline
      or the first `top_paragraphs` (2) paragraphs.
    - `min_terms` (15): paragraphs with fewer content words are too short to judge.
    - `max_new_facts` (0): names and numbers the paragraph may introduce.
    - `closing_paragraphs` (3): how many final paragraphs are candidates.
    - `min_earlier_paragraphs` (3): paragraphs that must come before a candidate.
    - `max_related` (4): how many repeated paragraphs to point at.

    ## References
    - [AP Stylebook: the inverted pyramid](https://www.apstylebook.com/)
    """

    code = "NL401"
    name = "repetitive-summary"
    category = "repetition"
    severity = "warning"
    summary = "Closing paragraph restates the article instead of adding to it"
    message = "Closing paragraph restates earlier paragraphs"
    default_options: ClassVar[Mapping[str, Any]] = {
        "threshold": 0.65,
        "opener_threshold": 0.45,
        "min_top_share": 0.5,
        "top_paragraphs": 2,
        "min_terms": 15,
        "max_new_facts": 0,
        "closing_paragraphs": 3,
        "min_earlier_paragraphs": 3,
        "max_related": 4,
    }
    fire = (
        "Harbor City Votes to Build Seawall\n\n"
        "The Harbor City council voted 6-1 on Tuesday to build a $40 million seawall along "
        "the eastern waterfront, where storm surges flooded 300 homes last winter.\n\n"
        "The wall will rise 3 meters and run for 2 kilometers, the city engineer, Lena Ortiz, "
        "told the meeting.\n\n"
        "Councilor Mark Hale cast the only vote against, calling the cost too high for a "
        "city of 80,000 people.\n\n"
        "Construction is due to begin in March and finish within two years.\n\n"
        "In summary, the council has voted to build a seawall along the eastern waterfront "
        "to protect the homes that storm surges flooded, despite a councilor's objection "
        "that the wall costs too much for the city, and construction of the wall will begin "
        "in March.",
    )
    quiet = (
        "Harbor City Votes to Build Seawall\n\n"
        "The Harbor City council voted 6-1 on Tuesday to build a $40 million seawall along "
        "the eastern waterfront, where storm surges flooded 300 homes last winter.\n\n"
        "The wall will rise 3 meters and run for 2 kilometers, the city engineer, Lena Ortiz, "
        "told the meeting.\n\n"
        "Councilor Mark Hale cast the only vote against, calling the cost too high for a "
        "city of 80,000 people.\n\n"
        "Construction is due to begin in March and finish within two years.\n\n"
        "In conclusion, residents of the Marsh Street neighbourhood, which the plan leaves "
        "outside the wall, said they would ask the state environment agency in Albany to "
        "review the project before the first contract is signed in February.",
    )

    def check(self, doc: Document) -> Iterable[Finding]:
        index = overlap_index(doc)
        found = summary_of(doc, self.options)
        if found is None:
            return
        position = found.coverage.position
        item = index.paragraphs[position].paragraph
        related = []
        for source, shared in _sources_by_sentence(doc, index, position)[
            : int(self.options["max_related"])
        ]:
            span = index.headlines[-1] if source < 0 else index.paragraphs[source].paragraph
            where = "the headline" if source < 0 else "this paragraph"
            related.append(OffsetRelated(span.start, span.end, f"restates {where} ({shared})"))
        lines = ", ".join(str(_line(doc, r.start)) for r in sorted(related, key=lambda r: r.start))
        plural = "s" if len(related) != 1 else ""
        message = (
            f"Closing paragraph restates earlier paragraphs (line{plural} {lines}): "
            f"{found.coverage.share:.0%} of its content words appeared before and it adds "
            "no new name or number"
        )
        yield self.finding(item.start, item.end, message, related=related)


# --- restated paragraphs -----------------------------------------------------------------------


def _worth_comparing(index: OverlapIndex, judged: set[int], opts: Mapping[str, Any]) -> list[int]:
    """The judged paragraphs that could restate some earlier paragraph at all.

    A restatement shares ``min_shared_terms`` terms with one earlier paragraph and at least
    ``min_similarity`` of its weight, so the paragraph must have that many terms, and that
    much weight, among the terms of all earlier paragraphs together. Few paragraphs do (14
    of about 1,500 in 400 BBC articles), and only those are compared with their candidates.
    The weight test keeps a margin for rounding, so it never drops a paragraph that passes.
    """
    min_shared = opts["min_shared_terms"]
    min_similarity = opts["min_similarity"]
    earlier: set[str] = set()
    worth = []
    for item in index.paragraphs:
        terms = item.terms.keys()
        if item.position in judged:
            known = terms & earlier
            # The mass first: it computes the weights of all the paragraph's terms at once.
            if len(known) >= min_shared and (
                min_similarity <= 0
                or min_similarity * index.mass(item.position) * (1 - 1e-9)
                <= sum(map(index.weights().__getitem__, known))
            ):
                worth.append(item.position)
        earlier.update(terms)
    return worth


class RestatedParagraph(Rule):
    """## What it does
    Flags a paragraph that substantially restates an earlier one: the two share most of
    their weighted content words in both directions, at least `min_shared_terms` of them,
    and most of the later paragraph's names and numbers. Words that run through the whole
    article (its topic) weigh little, so two paragraphs about the same subject are not
    enough; they must say the same things.

    ## Why is this bad?
    A second paragraph that rewrites the lede, or a late paragraph that repeats an early
    one, makes the reader read the same news twice. It usually comes from stitching copy
    together or from padding a story to length.

    ## Known problems
    Lists (squads, results, product specifications, bullet items) are skipped, because
    their entries share words by design. A closing paragraph reported by NL401 (with its
    default options) is left to that rule. Paraphrase with entirely different words is
    missed.

    Precision on edited news (``bench/precision.py``): 1 hit in 2,575 BBC and Lee articles,
    a policy story restating its lede's rules in detail; too rare to estimate.

    ## Options
    - `min_similarity` (0.35): weighted share of content words shared, from both sides.
    - `min_shared_terms` (10): distinct content words the two must share.
    - `min_fact_share` (0.5): share of the later paragraph's names and numbers found in the
      earlier one.
    - `min_terms` (12): paragraphs with fewer content words are too short to judge.
    """

    code = "NL402"
    name = "restated-paragraph"
    category = "repetition"
    severity = "warning"
    summary = "Paragraph restates an earlier paragraph"
    message = "Paragraph restates an earlier paragraph"
    default_options: ClassVar[Mapping[str, Any]] = {
        "min_similarity": 0.35,
        "min_shared_terms": 10,
        "min_fact_share": 0.5,
        "min_terms": 12,
    }
    fire = (
        "Drought Forces Water Limits in Valencia\n\n"
        "Valencia's regional government imposed water restrictions on 1.2 million residents "
        "on Monday after the driest winter in 50 years left its reservoirs at 18 percent of "
        "capacity.\n\n"
        "The restrictions, announced on Monday by the regional government, affect about 1.2 "
        "million residents of Valencia, where reservoirs have fallen to 18 percent of capacity "
        "after the driest winter in half a century.\n\n"
        "Farmers' unions said the rules would cost the orange harvest dearly.",
    )
    quiet = (
        "Drought Forces Water Limits in Valencia\n\n"
        "Valencia's regional government imposed water restrictions on 1.2 million residents "
        "on Monday after the driest winter in 50 years left its reservoirs at 18 percent of "
        "capacity.\n\n"
        "Under the restrictions, residents of Valencia may not water gardens, fill swimming "
        "pools or wash cars, and hotels must cut their water use by a fifth, the regional "
        "environment minister, Pilar Soler, told reporters in the city.\n\n"
        "Farmers' unions said the rules would cost the orange harvest dearly.",
    )

    def check(self, doc: Document) -> Iterable[Finding]:
        index = overlap_index(doc)
        summary = _default_summary(doc)
        skip = summary.coverage.position if summary else -1
        opts = self.options
        min_terms = opts["min_terms"]
        judged = {
            item.position
            for item in index.paragraphs
            if item.position != skip
            and len(item.terms) >= min_terms
            and item.quoted_words <= item.words / 2
            and not index.is_list(item.position)
        }
        for later, candidates in index.candidates(only=_worth_comparing(index, judged, opts)):
            item = index.paragraphs[later]
            best = None
            for earlier in candidates:
                if index.is_list(earlier):
                    continue
                pair = index.pair(later, earlier)
                if (
                    pair.shared >= opts["min_shared_terms"]
                    and pair.similarity >= opts["min_similarity"]
                    and pair.fact_share >= opts["min_fact_share"]
                    and (best is None or pair.similarity > best.similarity)
                ):
                    best = pair
            if best is None:
                continue
            source = index.paragraphs[best.earlier].paragraph
            line = _line(doc, source.start)
            message = (
                f"Paragraph restates the paragraph on line {line} "
                f"({best.shared} content words shared, {best.similarity:.0%} overlap)"
            )
            related = [OffsetRelated(source.start, source.end, "the paragraph it restates")]
            yield self.finding(item.paragraph.start, item.paragraph.end, message, related=related)


# --- repeated sentences and phrases ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Repeat:
    """A passage at ``[start, end)`` that already appeared at ``[first_start, first_end)``."""

    start: int
    end: int
    first_start: int
    first_end: int
    words: int


@dataclass(frozen=True, slots=True)
class _SentenceWords:
    """Per sentence, its normalised words (the key NL403 compares); and whether every
    sentence is a run of the word table's words (``False`` when one cuts a word in two, and
    is then split alone)."""

    keys: list[tuple[str, ...]]
    in_table: bool


def _sentence_words(doc: Document) -> _SentenceWords:
    table = word_table(doc)
    keys = []
    in_table = True
    for sentence in doc.sentences:
        found = table.span(sentence.start, sentence.end)
        if found is None:
            in_table = False
            keys.append(tuple(table.norms_of(sentence.start, sentence.end)))
        else:
            keys.append(tuple(table.norms(*found)))
    return _SentenceWords(keys, in_table)


def _sentences(doc: Document) -> _SentenceWords:
    """The sentence words, computed once per document for NL403 and NL404."""
    return doc.analysis(_sentence_words)


def _prose_sentences(doc: Document) -> list[Sentence]:
    index = overlap_index(doc)
    prose = {item.paragraph.index for item in index.paragraphs if not index.is_list(item.position)}
    return [s for s in doc.sentences if s.paragraph in prose]


def _body_sentences(doc: Document) -> list[Sentence]:
    """Sentences of prose paragraphs: not headings, not bullet items or lists of names."""
    return doc.analysis(_prose_sentences)


def repeated_sentences(doc: Document, min_words: int) -> list[Repeat]:
    """Body sentences whose words (case and punctuation aside) appeared in an earlier one."""
    keys = _sentences(doc).keys  # by sentence index
    seen: dict[tuple[str, ...], Sentence] = {}
    repeats = []
    for sentence in _body_sentences(doc):
        key = keys[sentence.index]
        if len(key) < min_words:
            continue
        first = seen.setdefault(key, sentence)
        if first is not sentence:
            repeats.append(Repeat(sentence.start, sentence.end, first.start, first.end, len(key)))
    return repeats


def _phrase_words(doc: Document) -> tuple[list[str | int], tuple[Sequence[int], Sequence[int]]]:
    """The words NL404 compares, as one sequence: the body sentences (each distinct sentence
    once) without their quoted words, normalised, with their offsets.

    Where a run of words ends (at the end of a sentence, or at a quoted word) the sequence
    holds a separator instead of a word: an integer, unique to its place, so no run of words
    that crosses it can equal another.
    """
    table = word_table(doc)
    words: list[str | int] = []
    starts = array(table.starts.typecode)
    ends = array(table.ends.typecode)
    sentences_seen: set[tuple[str, ...]] = set()
    known = _sentences(doc)
    for sentence in _body_sentences(doc):
        whole = known.keys[sentence.index]
        if whole in sentences_seen:
            continue  # a whole repeated sentence is NL403's to report
        sentences_seen.add(whole)
        found = table.span(sentence.start, sentence.end)
        if found is not None:
            a, b = found
            norms: list[str | int] = table.norms(a, b)  # type: ignore[assignment]
            quoted = table.quoted[a:b]
            starts.extend(table.starts[a:b])
            ends.extend(table.ends[a:b])
        else:
            alone = doc.words(sentence.start, sentence.end)
            norms = list(whole)
            quoted = [int(doc.in_quote(s, e)) for s, e in alone]
            starts.extend(s for s, _ in alone)
            ends.extend(e for _, e in alone)
        if 1 in quoted:
            base = len(words)
            norms = [
                -(base + k + 1) if q else w
                for k, (w, q) in enumerate(zip(norms, quoted, strict=True))
            ]
        words.extend(norms)
        words.append(-(len(words) + 1))
        starts.append(-1)
        ends.append(-1)
    return words, (starts, ends)


def _windows(words: Sequence[str | int], length: int) -> Iterator[tuple[str | int, ...]]:
    """Every run of ``length`` consecutive items of ``words``."""
    return zip(*(islice(words, k, None) for k in range(length)), strict=False)


def _repeated(hashes: Iterable[int]) -> set[int]:
    """The hashes that occur more than once: sorted, so that equal ones are neighbours (a
    long article has a million runs of words)."""
    ordered = sorted(hashes)
    return {a for a, b in zip(ordered, islice(ordered, 1, None), strict=False) if a == b}


def repeated_phrases(doc: Document, length: int, min_common_words: int) -> list[Repeat]:
    """Runs of ``length`` or more words, outside quotations, that occur twice in the body.

    Each occurrence after the first is extended to the longest run that matches the first,
    then reported once. A phrase needs ``min_common_words`` lower-case content words, so a
    repeated name or title ("the National Security and Defense Council") is never reported.

    The hashes of all ``length``-word windows are compared first, and only windows whose hash
    occurs twice are looked at word by word; a window whose hash is unique cannot repeat,
    nor be repeated. When no run of ``length`` words occurs twice among the document's
    distinct sentences (most articles), the body's sequence is not even built.
    """
    repeated: set[int] | None = None
    known = _sentences(doc)
    if known.in_table:
        # Every sentence is a run of the document's words, whose normalised forms are its
        # key; a run of the body never crosses a sentence's end, and the body holds each
        # distinct sentence once. So a phrase repeated in the body is a run repeated among
        # the distinct keys. Those runs are the only candidates (the walk below checks each
        # word by word), and most articles have none, when the body's sequence is not even
        # built.
        distinct = set(known.keys)
        runs = (hash(key[k : k + length]) for key in distinct for k in range(len(key) - length + 1))
        repeated = _repeated(runs)
        if not repeated:
            return []
    # Built for this rule alone, and let go when it is done.
    words, (starts, ends) = _phrase_words(doc)
    if repeated is None:
        repeated = _repeated(map(hash, _windows(words, length)))
        if not repeated:
            return []  # no two windows even hash alike: nothing repeats
    maybe = (i for i, window in enumerate(map(hash, _windows(words, length))) if window in repeated)
    text = doc.text
    seen: dict[tuple[str | int, ...], int] = {}
    repeats = []
    resume = 0
    for i in maybe:
        if i < resume:
            continue
        key = tuple(words[i : i + length])
        first = seen.get(key)
        if first is None or first + length > i:
            seen.setdefault(key, i)
            continue
        # Separators are unique, so the extension stops at the end of either run.
        size = length
        while first + size < i and words[first + size] == words[i + size]:
            size += 1
        common = 0
        for k in range(i, i + size):
            w = str(words[k])  # a word: the run holds no separator
            if text[starts[k]].islower() and is_content(w) and not w.isdigit():
                common += 1
        for j in range(i, i + size - length + 1):
            seen.setdefault(tuple(words[j : j + length]), j)
        if common >= min_common_words:
            repeats.append(
                Repeat(
                    starts[i],
                    ends[i + size - 1],
                    starts[first],
                    ends[first + size - 1],
                    size,
                )
            )
            resume = i + size
        else:
            # Every window that starts inside this repeated run ends inside it too, so
            # none can hold more common words: skip them all, which keeps the scan linear
            # when long runs repeat with too few content words (lists, quote-mark soup).
            resume = i + size - length + 1
    return repeats


class RepeatedSentence(Rule):
    """## What it does
    Flags a sentence that repeats an earlier sentence of the article word for word (case
    and punctuation aside), with a related location at the first one.

    ## Why is this bad?
    A sentence that appears twice is almost always a paste or merge error, and readers
    notice it at once.

    ## Known problems
    Sentences shorter than `min_words` are ignored: a repeated "He declined to comment." is
    not worth a warning.

    Precision on edited news (``bench/precision.py``): 3 hits in 2,575 BBC and Lee articles,
    all on pages of readers' comments; 2 of the 3 are real repeats (one reader quoting
    another), none a paste error. Too rare to estimate.

    ## Options
    - `min_words` (6): shortest sentence to compare.
    """

    code = "NL403"
    name = "repeated-sentence"
    category = "repetition"
    severity = "warning"
    summary = "Sentence repeats an earlier sentence"
    message = "Sentence repeats an earlier sentence"
    default_options: ClassVar[Mapping[str, Any]] = {"min_words": 6}
    fire = (
        "The bridge will close for repairs on Friday. Traffic will be diverted through the "
        "old town.\n\nEngineers found cracks in two of its supports. The bridge will close "
        "for repairs on Friday.",
    )
    quiet = (
        "The bridge will close for repairs on Friday. Traffic will be diverted through the "
        "old town.\n\nEngineers found cracks in two of its supports. It will reopen in May.",
        "He declined to comment. The mayor declined to comment. She declined to comment.",
    )

    def check(self, doc: Document) -> Iterable[Finding]:
        min_words = int(self.options["min_words"])
        for repeat in repeated_sentences(doc, min_words):
            line = _line(doc, repeat.first_start)
            yield self.finding(
                repeat.start,
                repeat.end,
                f"Sentence repeats the sentence on line {line}",
                related=[OffsetRelated(repeat.first_start, repeat.first_end, "first said here")],
            )


class RepeatedPhrase(Rule):
    """## What it does
    Flags a long phrase (`min_words` words or more, outside quotations) that the article
    already used, when it holds at least `min_common_words` lower-case content words.
    Repeated names and titles ("North Korean troops", "the Federal Reserve Bank of New
    York") are never reported, and whole repeated sentences are left to NL403.

    ## Why is this bad?
    A long phrase used twice reads as filler or as a sign that copy was stitched together
    from drafts; a reader skimming the story meets the same words again.

    ## Known problems
    Set formulas of some beats (court and sports copy) can repeat legitimately; raise
    `min_words` for them.

    ## Options
    - `min_words` (8): shortest repeated run of words.
    - `min_common_words` (3): lower-case content words the run must contain.
    """

    code = "NL404"
    name = "repeated-phrase"
    category = "repetition"
    severity = "info"
    summary = "Long phrase repeated from earlier in the article"
    message = "Long phrase repeated from earlier in the article"
    default_options: ClassVar[Mapping[str, Any]] = {"min_words": 8, "min_common_words": 3}
    fire = (
        "The company said the new plant would create hundreds of jobs in the region by "
        "2026.\n\nUnions welcomed the news. The governor said the new plant would create "
        "hundreds of jobs in the region, and more later.",
    )
    quiet = (
        "North Korean troops fought in Kursk on Monday.\n\nNorth Korean troops also fought "
        "near Sudzha, officials said.",
        'She said the plan "would create hundreds of jobs in the region by 2026" in a speech.'
        '\n\nHe said it "would create hundreds of jobs in the region by 2026" as well.',
    )

    def check(self, doc: Document) -> Iterable[Finding]:
        length = max(3, int(self.options["min_words"]))
        common = int(self.options["min_common_words"])
        for repeat in repeated_phrases(doc, length, common):
            line = _line(doc, repeat.first_start)
            yield self.finding(
                repeat.start,
                repeat.end,
                f"{repeat.words}-word phrase repeated from line {line}: "
                f"'{' '.join(doc.text[repeat.start : repeat.end].split())}'",
                related=[OffsetRelated(repeat.first_start, repeat.first_end, "first used here")],
            )


# --- the formula, when the paragraph is not a recap ---------------------------------------------


class FormulaicConclusion(Rule):
    """## What it does
    Notes a closing paragraph that opens with an essay formula ("In conclusion", "In
    summary", "To sum up", "All in all") but goes on to add new facts. When such a paragraph
    only restates the story, NL401 reports it instead.

    ## Why is this bad?
    News copy does not announce its ending. The formula is a school-essay habit and a
    common mark of machine-written text; the paragraph reads better without it.

    ## Options
    - `closing_paragraphs` (3): how many final paragraphs to look at.
    """

    code = "NL405"
    name = "formulaic-conclusion"
    category = "style"
    severity = "info"
    summary = "Closing paragraph opens with an essay formula such as 'In conclusion'"
    message = "Essay formula opening the closing paragraph: '{match}'"
    fix_title = "Delete the formula"
    default_options: ClassVar[Mapping[str, Any]] = {"closing_paragraphs": 3}
    fire = (
        "The museum will reopen in May after a two-year renovation.\n\n"
        "In conclusion, the museum also said it would drop its entry fee for children.",
    )
    quiet = (
        "The museum will reopen in May after a two-year renovation.\n\n"
        "The museum also said it would drop its entry fee for children.",
        "Sales fell in the first half.\n\nOverall, revenue rose 4 percent to $2.1 billion.",
    )

    def check(self, doc: Document) -> Iterable[Finding]:
        index = overlap_index(doc)
        summary = _default_summary(doc)
        skip = summary.coverage.position if summary else -1
        window = int(self.options["closing_paragraphs"])
        for item in index.paragraphs[-window:]:
            if item.position == skip:
                continue
            span = opener(doc, item.paragraph, ESSAY_OPENERS)
            if span is not None:
                phrase = doc.text[span[0] : span[1]]
                yield self.finding(*span, self.message.format(match=phrase))


@hookimpl
def newslint_register_rules(register: RegisterRule) -> None:
    register(RepetitiveSummary())
    register(RestatedParagraph())
    register(RepeatedSentence())
    register(RepeatedPhrase())
    register(FormulaicConclusion())
