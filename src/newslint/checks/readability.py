"""Readability rules (codes NL5xx): hard copy, overlong sentences, overlong paragraphs.

All three report at info level: readability is advice to an editor, not an error. The
article-level scores are the Flesch reading ease and Flesch-Kincaid grade formulas, computed
from the Document's own sentences and words (the same split every rule sees) and from
syllable counts by textstat. textstat is imported only inside :func:`syllable_counter`, so a
run that does not select NL501 never loads it. Defaults and the measurements behind them are
in ``docs/structure.md``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any, ClassVar

from newslint.diagnostics import Finding
from newslint.document import Document
from newslint.hookspecs import RegisterRule, hookimpl
from newslint.rule import Rule


@cache
def syllable_counter() -> Callable[[str], int]:
    """Syllables in one word, from textstat (imported here, lazily, once per process).

    Recent textstat counts English syllables with NLTK's CMU dictionary and, when that data
    is not installed, tries to download it while linting. A linter must not touch the
    network, so without the dictionary newslint uses textstat's own fallback: pyphen's
    hyphenation points plus one (pyphen is a textstat dependency).

    Importing textstat imports NLTK, which takes longer than linting an article; so when
    the dictionary is in none of NLTK's default data folders, pyphen is used directly.
    """
    if not _cmudict_may_be_installed():
        return _PyphenCounter()
    import textstat

    try:
        import nltk

        nltk.data.find("corpora/cmudict")
    except (ImportError, LookupError):
        import pyphen

        hyphenator = pyphen.Pyphen(lang="en_US")
        return lru_cache(maxsize=16384)(lambda word: len(hyphenator.positions(word.lower())) + 1)
    return lru_cache(maxsize=16384)(lambda word: max(1, int(textstat.syllable_count(word))))


class _PyphenCounter:
    """Syllables from pyphen's hyphenation points, plus one.

    Loading pyphen's English dictionary parses eleven thousand patterns in Python, a
    quarter of a single-file run. Before the first document is scored, :meth:`prime` loads
    only the patterns that occur in its words (a pattern applies to a word only when it is
    a substring of it), which gives those words exactly the hyphenation points of the full
    dictionary; any other word, and every later document, loads the full one.
    """

    def __init__(self) -> None:
        self._full: Any = None
        self._partial: Any = None
        self._partial_words: frozenset[str] = frozenset()
        self._primed = False
        self.count = lru_cache(maxsize=16384)(self._count)

    def __call__(self, word: str) -> int:
        return self.count(word)

    def prime(self, words: Iterable[str]) -> None:
        """Prepare for the first document's ``words`` (later calls do nothing)."""
        if self._primed or self._full is not None:
            return
        self._primed = True
        self._partial_words = frozenset(words)
        self._partial = _partial_hyphenator(w.lower() for w in self._partial_words)

    def _count(self, word: str) -> int:
        if self._partial is not None and word in self._partial_words:
            return len(self._partial.positions(word.lower())) + 1
        if self._full is None:
            import pyphen

            self._full = pyphen.Pyphen(lang="en_US")
        memo = getattr(self._full.hd, "cache", None)  # pyphen's own memo never forgets
        if isinstance(memo, dict) and len(memo) > 2048:
            memo.clear()  # so memory stays flat over a corpus of any size
        return len(self._full.positions(word.lower())) + 1


def _partial_hyphenator(words: Iterable[str]) -> Any:
    """A ``pyphen.Pyphen`` for ``lang="en_US"`` holding only the patterns that can apply
    to ``words``, or ``None`` where pyphen's loader is not the one mirrored here (0.18)."""
    import re

    import pyphen

    if getattr(pyphen, "__version__", "") != "0.18.1":
        return None
    path = pyphen.LANGUAGES[pyphen.language_fallback("en_US")]
    with path.open("rb") as fd:
        encoding = fd.readline().decode()
    if encoding.lower() == "microsoft-cp1251":
        encoding = "cp1251"
    # pyphen looks up every substring of ".word." (lower-cased again) in its patterns.
    needed = set()
    for word in words:
        pointed = f".{word.lower()}."
        for i in range(len(pointed)):
            for j in range(i + 1, len(pointed) + 1):
                needed.add(pointed[i:j])
    text = path.read_text(encoding)
    lines = text.split("\n")[1:]
    keys = re.sub(r"\d", "", text).split("\n")[1:]  # a pattern's key is its letters
    patterns = {}
    for pattern, key in zip(lines, keys, strict=True):
        pattern = pattern.strip()
        if not pattern or pattern.startswith(pyphen.ignored):
            continue
        if "^^" not in pattern and "/" not in pattern and key.strip() not in needed:
            continue
        # From here on, pyphen 0.18.1's HyphDict.__init__, line for line.
        pattern = pyphen.parse_hex(lambda match: chr(int(match.group(1), 16)), pattern)
        factory: Any
        if "/" in pattern and "=" in pattern:
            pattern, alternative = pattern.split("/", 1)
            factory = pyphen.AlternativeParser(pattern, alternative)
        else:
            factory = int
        pairs = [(string, factory(i or "0")) for i, string in pyphen.parse(pattern)]
        tags, values = zip(*pairs, strict=True)
        if max(values) == 0:
            continue
        start, end = 0, len(values)
        while not values[start]:
            start += 1
        while not values[end - 1]:
            end -= 1
        patterns["".join(tags)] = start, values[start:end]
    hyph_dict = pyphen.HyphDict.__new__(pyphen.HyphDict)
    hyph_dict.patterns = patterns
    hyph_dict.cache = {}
    hyph_dict.maxlen = max((len(key) for key in patterns), default=0)
    hyphenator = pyphen.Pyphen.__new__(pyphen.Pyphen)
    hyphenator.left, hyphenator.right = 2, 2
    hyphenator.hd = hyph_dict
    return hyphenator


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


def scores(doc: Document) -> Scores | None:
    """Scores of the body paragraphs (headings left out), or None without prose."""
    count = syllable_counter()
    prime = getattr(count, "prime", None)
    if prime is not None:
        prime(
            {
                doc.text[start:end].lower()
                for paragraph in doc.body_paragraphs
                for start, end in doc.words(paragraph.start, paragraph.end)
            }
        )
    words = sentences = syllables = 0
    cache: dict[str, int] = {}
    for paragraph in doc.body_paragraphs:
        sentences += paragraph.last_sentence - paragraph.first_sentence
        for start, end in doc.words(paragraph.start, paragraph.end):
            word = doc.text[start:end].lower()
            words += 1
            if word[:1].isdigit():
                syllables += 1  # numbers are read as figures in news copy
                continue
            if word not in cache:
                cache[word] = count(word)
            syllables += cache[word]
    if not words or not sentences:
        return None
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
        total = sum(len(doc.words(p.start, p.end)) for p in body)
        if total < self.options["min_words"]:
            return
        result = doc.service("readability-scores", scores)
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
            words = doc.words(sentence.start, sentence.end)
            if len(words) <= limit:
                continue
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
            words = len(doc.words(paragraph.start, paragraph.end))
            sentences = paragraph.last_sentence - paragraph.first_sentence
            if words > self.options["max_words"] or sentences > self.options["max_sentences"]:
                message = self.message.format(words=words, sentences=sentences)
                yield self.finding(paragraph.start, paragraph.end, message)


@hookimpl
def newslint_register_rules(register: RegisterRule) -> None:
    register(HardToRead())
    register(LongSentence())
    register(LongParagraph())
