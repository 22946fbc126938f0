"""Readability rules (codes NL5xx): hard copy, overlong sentences, overlong paragraphs.

All three report at info level: readability is advice to an editor, not an error. The
article-level scores are the Flesch reading ease and Flesch-Kincaid grade formulas, computed
from the Document's own sentences and words (the same split every rule sees) and from
syllable counts by textstat. textstat is imported only inside :func:`syllable_counter`, so a
run that does not select NL501 never loads it. Defaults and the measurements behind them are
in ``docs/structure.md``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, ClassVar

from newslint.diagnostics import Finding
from newslint.hookspecs import RegisterRule, hookimpl
from newslint.rule import Rule
from newslint.text.document import Document


@cache
def syllable_counter() -> Callable[[str], int]:
    """Syllables in one word, from textstat (imported here, lazily, once per process).

    Recent textstat counts English syllables with NLTK's CMU dictionary and, when that data
    is not installed, tries to download it while linting. A linter must not touch the
    network, so without the dictionary newslint uses textstat's own fallback: pyphen's
    hyphenation points plus one (pyphen is a textstat dependency), counted by
    :mod:`newslint.analysis.syllables` from pyphen's own patterns.

    Importing textstat imports NLTK, which takes longer than linting an article; so when
    the dictionary is in none of NLTK's default data folders, textstat is not imported.
    """
    from newslint.analysis.syllables import SyllableCounter

    if not _cmudict_may_be_installed():
        return SyllableCounter.english()
    import textstat

    try:
        import nltk

        nltk.data.find("corpora/cmudict")
    except (ImportError, LookupError):
        return SyllableCounter.english()
    return lambda word: max(1, int(textstat.syllable_count(word)))


def _cmudict_may_be_installed() -> bool:
    """Whether NLTK could find its CMU dictionary: it is in one of NLTK's default data
    folders (POSIX), or the platform's folders are not modelled here."""
    import os
    import sys

    if sys.platform == "win32":
        return True
    folders = [p for p in os.environ.get("NLTK_DATA", "").split(os.pathsep) if p]
    folders += [os.path.expanduser("~/nltk_data")]
    folders += [
        os.path.join(sys.prefix, p) for p in ("nltk_data", "share/nltk_data", "lib/nltk_data")
    ]
    folders += [f"/usr/{p}nltk_data" for p in ("share/", "local/share/", "lib/", "local/lib/")]
    return any(
        os.path.exists(os.path.join(folder, "corpora", name))
        for folder in folders
        for name in ("cmudict", "cmudict.zip")
    )


@dataclass(frozen=True, slots=True)
class Scores:
    """Flesch scores of the article body and the counts behind them."""

    words: int
    sentences: int
    syllables: int

    @property
    def reading_ease(self) -> float:
        """Flesch reading ease: higher is easier; 60-70 is plain English."""
        return 206.835 - 1.015 * self.words / self.sentences - 84.6 * self.syllables / self.words

    @property
    def grade(self) -> float:
        """Flesch-Kincaid grade: the US school grade a reader needs."""
        return 0.39 * self.words / self.sentences + 11.8 * self.syllables / self.words - 15.59


def body_word_count(doc: Document) -> int:
    """How many words the body paragraphs (headings left out) hold."""
    return sum(doc.word_count(p.start, p.end) for p in doc.body_paragraphs)


def scores(doc: Document) -> Scores | None:
    """Scores of the body paragraphs (headings left out), or None without prose."""
    # How often each word is used, lower-cased: a long article repeats its words, so this
    # stays small where a list of every word would not, and each distinct word's
    # syllables are counted once.
    uses: Counter[str] = Counter()
    for paragraph in doc.body_paragraphs:
        uses.update(map(str.lower, doc.word_texts(paragraph.start, paragraph.end)))
    words = uses.total()
    sentences = sum(p.last_sentence - p.first_sentence for p in doc.body_paragraphs)
    if not words or not sentences:
        return None
    count = syllable_counter()
    # Numbers are read as figures in news copy: one syllable.
    syllables = sum(n if w[:1].isdigit() else n * count(w) for w, n in uses.items())
    return Scores(words, sentences, syllables)


class HardToRead(Rule):
    """## What it does
    Reports an article whose Flesch-Kincaid grade is above `max_grade` or whose Flesch
    reading ease is below `min_reading_ease`, on the first body paragraph. Articles shorter
    than `min_words` are not scored.

    ## Why is this bad?
    News is written for a general audience reading quickly. Copy that needs a college
    reading level loses readers; long sentences and long words are usually the cause.

    ## Known problems
    The formulas count sentence length and syllables, not ideas: a story full of long
    names or technical terms scores hard even when it is clear.

    ## Options
    - `max_grade` (14.0): highest acceptable Flesch-Kincaid grade.
    - `min_reading_ease` (40.0): lowest acceptable Flesch reading ease.
    - `min_words` (150): shorter articles are not scored.

    ## References
    - [Flesch reading ease and Flesch-Kincaid grade](https://en.wikipedia.org/wiki/Flesch%E2%80%93Kincaid_readability_tests)
    """

    code = "NL501"
    name = "hard-to-read"
    category = "readability"
    severity = "info"
    summary = "Article reads harder than the target grade level or reading ease"
    message = "Article is hard to read"
    default_options: ClassVar[Mapping[str, Any]] = {
        "max_grade": 14.0,
        "min_reading_ease": 40.0,
        "min_words": 150,
    }
    fire = (
        " ".join(
            [
                "The interdepartmental coordination committee's comprehensive reorganization "
                "proposal, notwithstanding considerable institutional opposition, "
                "fundamentally restructures administrative responsibilities across "
                "governmental jurisdictions, consolidating regulatory authorities."
            ]
            * 8
        ),
    )
    quiet = (
        " ".join(
            [
                "The council met on Monday. It voted to fix the roads. The work will start in "
                "May and cost two million dollars. The mayor said it was a good day for the "
                "town."
            ]
            * 6
        ),
        "Short texts are not scored at all, however hard their vocabulary is.",
    )

    def check(self, doc: Document) -> Iterable[Finding]:
        body = doc.body_paragraphs
        if not body:
            return
        if body_word_count(doc) < self.options["min_words"]:
            return
        result = doc.analysis(scores)
        if result is None:
            return
        grade, ease = result.grade, result.reading_ease
        problems = []
        if grade > self.options["max_grade"]:
            problems.append(f"grade level {grade:.1f} (target {self.options['max_grade']:g})")
        if ease < self.options["min_reading_ease"]:
            problems.append(
                f"reading ease {ease:.0f} (target {self.options['min_reading_ease']:g})"
            )
        if problems:
            words = result.words / result.sentences
            message = (
                f"Article is hard to read: {' and '.join(problems)}; "
                f"{words:.0f} words per sentence on average"
            )
            yield self.finding(body[0].start, body[0].end, message)


class LongSentence(Rule):
    """## What it does
    Flags a sentence longer than `max_words` words. Sentences that are mostly quotation are
    skipped: they are the source's words, to be quoted as spoken.

    ## Why is this bad?
    A reader holds one idea per sentence. Past forty words, news sentences usually stack
    clauses that read better as two sentences.

    ## Options
    - `max_words` (45): longest acceptable sentence.
    """

    code = "NL502"
    name = "long-sentence"
    category = "readability"
    severity = "info"
    summary = "Sentence longer than the configured word limit"
    message = "Sentence has {words} words (limit {limit}); consider splitting it"
    default_options: ClassVar[Mapping[str, Any]] = {"max_words": 45}
    fire = (
        "The council, which had spent most of the autumn arguing over whether the new bus "
        "routes should run through the old town or along the ring road, finally agreed on "
        "Tuesday night to a compromise that sends half the buses each way, pleasing almost "
        "nobody but ending a dispute that had delayed the budget.",
    )
    quiet = (
        "The council agreed on Tuesday to send half the new buses through the old town. The "
        "rest will use the ring road.",
        '"We have argued about this all autumn, we have delayed the budget, we have annoyed '
        "every bus user in the city, and tonight we finally agreed to something that half of "
        'us dislike and all of us can live with, which is how politics works," she said.',
    )

    def check(self, doc: Document) -> Iterable[Finding]:
        limit = int(self.options["max_words"])
        headings = {p.index for p in doc.paragraphs if p.is_heading}
        for sentence in doc.sentences:
            if sentence.paragraph in headings:
                continue
            if doc.word_count(sentence.start, sentence.end) <= limit:
                continue
            words = doc.words(sentence.start, sentence.end)
            quoted = sum(1 for s, e in words if doc.in_quote(s, e))
            if quoted > len(words) / 2:
                continue
            message = self.message.format(words=len(words), limit=limit)
            yield self.finding(sentence.start, sentence.end, message)


class LongParagraph(Rule):
    """## What it does
    Flags a body paragraph longer than `max_words` words or `max_sentences` sentences.

    ## Why is this bad?
    News paragraphs are short, one to three sentences, because readers scan them on narrow
    screens. A long block of text hides its news and is often two paragraphs run together.

    ## Options
    - `max_words` (200): longest acceptable paragraph in words.
    - `max_sentences` (10): most sentences in one paragraph.
    """

    code = "NL503"
    name = "long-paragraph"
    category = "readability"
    severity = "info"
    summary = "Paragraph longer than the configured word or sentence limit"
    message = "Paragraph has {words} words in {sentences} sentences; consider splitting it"
    default_options: ClassVar[Mapping[str, Any]] = {"max_words": 200, "max_sentences": 10}
    fire = ("The council met. " * 11,)
    quiet = ("The council met. It voted. The mayor spoke.",)

    def check(self, doc: Document) -> Iterable[Finding]:
        for paragraph in doc.body_paragraphs:
            words = doc.word_count(paragraph.start, paragraph.end)
            sentences = paragraph.last_sentence - paragraph.first_sentence
            if words > self.options["max_words"] or sentences > self.options["max_sentences"]:
                message = self.message.format(words=words, sentences=sentences)
                yield self.finding(paragraph.start, paragraph.end, message)


@hookimpl
def newslint_register_rules(register: RegisterRule) -> None:
    register(HardToRead())
    register(LongSentence())
    register(LongParagraph())
