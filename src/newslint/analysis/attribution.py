"""Who said it: attribution spans, computed once per document and shared by every rule.

Editors read a news story sentence by sentence asking "says who?". This module answers that
question once per :class:`~newslint.text.document.Document`, so the sourcing rules (NL2xx) and any
other family (hedging asks whether a hedge is the writer's or a source's) read the same answer
instead of each guessing with its own regexes.

Use it through :func:`attribution_of`, which computes it once per document::

    from newslint.analysis.attribution import attribution_of

    attributions = attribution_of(doc)          # computed on first request, then shared
    attributions.is_attributed(sentence)        # -> bool: does any source cover it?
    attributions.source_of(sentence)            # -> "the state forestry department" | None
    attributions.is_named(sentence)             # -> bool: covered by a source that is named?
    attributions.covering(sentence)             # -> tuple[Attribution, ...]
    attributions.found_in(sentence)             # -> attributions whose cue is in the sentence
    attributions.speaker_of(quote)              # -> Attribution | None
    attributions.all                            # -> every Attribution, in text order

``sentence`` may be a :class:`~newslint.text.document.Sentence` or its index. This API is stable:
other families import it. Add to it; do not change what these return.

What counts as an attribution (see ``docs/attribution.md`` for the full account):

* a reporting verb with a subject: "Smith said", "the report found", "officials estimated",
  or inverted, "…, said the minister";
* a prepositional source: "according to X", "in a statement", "figures from X";
* a vague source, which is still an attribution but has ``vague=True``: "reports indicate",
  "sources familiar with the matter said", "many believe";
* an agentless passive, ``kind="passive"`` and ``vague=True``: "it is believed that",
  "X is expected to …", "is said to", and adverbs such as "reportedly".

An attribution covers its own sentence and, within its paragraph, the chain of sentences that
news convention hands to the same source: a source that leads ("The report said:", "According
to X, …", "X said that …") covers the sentences after it up to the next attribution; a source
that trails ("…, the report said.") covers the sentences before it back to the previous one.
A colon at the end of a paragraph hands the next paragraph to the same source. Pronoun sources
("He added that …") are resolved to the nearest earlier named source.

Cues inside quotation marks are ignored: "he said" inside a quote is the quoted person's
words, not the writer's attribution.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import islice
from typing import Literal

import regex

from newslint.lexicon import load_lexicon
from newslint.text.document import Document, Paragraph, Sentence
from newslint.text.matching import PhraseList, fold
from newslint.text.quotes import Quote

Kind = Literal["named", "vague", "passive"]
Position = Literal["lead", "trail"]

__all__ = ["Attribution", "AttributionMap", "Kind", "attribution_of", "lexicon"]


# Frozen without slots: Python 3.11 raises TypeError, not AttributeError, when an unknown
# attribute is set on a frozen dataclass with slots, and results sent between processes
# must stay as read-only as the ones made here.
@dataclass(frozen=True)
class Attribution:
    """One attribution: who (``source``), by what cue, and which sentences it covers.

    ``source`` is the source as written ("South Korea's intelligence estimates", "he", or
    "" for an agentless passive); ``resolved`` replaces a pronoun by the nearest earlier
    named source. ``cue_start``/``cue_end`` bound the cue ("said", "according to", "is
    expected to"); ``source_start``/``source_end`` the source phrase (equal to the cue's
    start when there is none). ``sentence`` is the index of the sentence holding the cue and
    ``covers`` every sentence index it speaks for, its own included. ``kind`` is ``named``,
    ``vague`` (a source that names nobody) or ``passive`` (no source at all); ``vague`` is
    true for both of the last two. ``position`` says whether the source leads or trails the
    words it attributes.
    """

    source: str
    resolved: str
    cue: str
    cue_start: int
    cue_end: int
    source_start: int
    source_end: int
    sentence: int
    kind: Kind
    position: Position
    covers: tuple[int, ...] = ()

    @property
    def vague(self) -> bool:
        return self.kind != "named"

    @property
    def span(self) -> tuple[int, int]:
        """The source and cue together, in text order: what a diagnostic underlines."""
        return min(self.source_start, self.cue_start), max(self.source_end, self.cue_end)


class AttributionMap:
    """Every attribution in a document, indexed by the sentences they cover.

    Build it with :func:`attribution_of` (computed once per document), not directly.
    """

    __slots__ = ("_covering", "_found", "_run_openers", "all", "doc")

    def __init__(self, doc: Document, all: tuple[Attribution, ...]) -> None:
        self.doc = doc
        self.all = all
        self._covering: dict[int, list[Attribution]] = {}
        self._found: dict[int, list[Attribution]] = {}
        for attribution in self.all:
            self._found.setdefault(attribution.sentence, []).append(attribution)
            for index in attribution.covers:
                self._covering.setdefault(index, []).append(attribution)
        self._run_openers: list[int] | None = None

    # --- the stable API -------------------------------------------------------------------

    def covering(self, sentence: Sentence | int) -> tuple[Attribution, ...]:
        """Attributions that speak for ``sentence`` (its own and its chain's)."""
        return tuple(self._covering.get(_index(sentence), ()))

    def found_in(self, sentence: Sentence | int) -> tuple[Attribution, ...]:
        """Attributions whose cue is in ``sentence``."""
        return tuple(self._found.get(_index(sentence), ()))

    def is_attributed(self, sentence: Sentence | int) -> bool:
        """Whether any source, named or vague, covers ``sentence``."""
        return bool(self._covering.get(_index(sentence)))

    def is_named(self, sentence: Sentence | int) -> bool:
        """Whether a named (not vague, not passive) source covers ``sentence``."""
        return any(a.kind == "named" for a in self._covering.get(_index(sentence), ()))

    def source_of(self, sentence: Sentence | int) -> str | None:
        """Who ``sentence`` is attributed to, preferring a named source; ``None`` if nobody.

        An agentless passive covers a sentence without naming anyone: it gives ``""``.
        """
        found = self._covering.get(_index(sentence), ())
        if not found:
            return None
        index = _index(sentence)
        ranked = sorted(found, key=lambda a: (a.kind != "named", a.sentence != index))
        return ranked[0].resolved

    def speaker_of(self, quote: Quote) -> Attribution | None:
        """The attribution that gives ``quote`` a speaker, if any.

        Looks in the sentences of the quote's paragraph first, then in the paragraph just
        before and just after it: news hangs a run of quoted paragraphs on one "he said",
        before ("He said:") or after the run. Further back, it walks over paragraphs that are
        all quotation to the paragraph that opens the run, and takes its speaker when that
        paragraph ends on a colon ("She told them:").
        """
        doc = self.doc
        paragraph = doc.paragraph_at(quote.start)
        if paragraph is None:
            return None
        order = [paragraph.index, paragraph.index - 1, paragraph.index + 1]
        for number in order:
            if not 0 <= number < len(doc.paragraphs):
                continue
            found = self._speaker_in(doc.paragraphs[number])
            if found is not None:
                return found
        return self._opener_of_run(paragraph.index)

    def _speaker_in(self, paragraph: Paragraph) -> Attribution | None:
        """The first attribution of ``paragraph`` that names a speaker, if any."""
        for index in range(paragraph.first_sentence, paragraph.last_sentence):
            for attribution in self._found.get(index, ()):
                if attribution.kind != "passive":
                    return attribution
        return None

    def _opener_of_run(self, number: int) -> Attribution | None:
        """The speaker of a run of quoted paragraphs: the paragraph before the run of
        paragraphs that are all quotation and end at ``number - 1``, if it hands on with a
        colon ("She told them:")."""
        if self._run_openers is None:
            self._run_openers = self._openers()
        opener_number = self._run_openers[number]
        if opener_number < 0:
            return None
        opener = self.doc.paragraphs[opener_number]
        if not opener.text.rstrip().endswith(":"):
            return None
        return self._speaker_in(opener)

    def _openers(self) -> list[int]:
        """For each paragraph, the nearest paragraph before it that is not all quotation
        (-1 when there is none), worked out for the whole document in one pass."""
        doc = self.doc
        text = doc.text
        quoted = [0] * len(doc.paragraphs)
        for quote in doc.quotes:
            paragraph = doc.paragraph_at(quote.start) if not quote.depth else None
            if paragraph is not None:
                quoted[paragraph.index] += quote.words(text)
        openers = []
        last = -1
        for paragraph in doc.paragraphs:
            openers.append(last)
            words = len(paragraph.text.split())
            all_quote = (
                words > 0
                and quoted[paragraph.index] >= words - 1
                and self._speaker_in(paragraph) is None
            )
            if not all_quote:
                last = paragraph.index
        return openers


def attribution_of(doc: Document) -> AttributionMap:
    """The document's :class:`AttributionMap`, computed once and shared by every rule."""
    return doc.analysis(_build)


def _index(sentence: Sentence | int) -> int:
    return sentence if isinstance(sentence, int) else sentence.index


# --- vocabulary -------------------------------------------------------------------------------


@cache
def lexicon() -> dict[str, list[str]]:
    """The word lists of ``rules/attribution.toml``, by name (``speech_verbs``…)."""
    return {name: table.get("words", []) for name, table in load_lexicon("attribution").items()}


def alternation(words: Iterable[str]) -> str:
    r"""A ``regex`` alternation of ``words``, longest first so that a longer phrase wins
    where two start alike, with ``\s+`` between the words of a phrase."""
    ordered = sorted({w.strip().lower() for w in words if w.strip()}, key=lambda w: (-len(w), w))
    if not ordered:
        return "(?!)"  # no words: matches nothing (an empty alternation would match anywhere)
    return "|".join(r"\s+".join(regex.escape(part) for part in w.split()) for w in ordered)


@dataclass(frozen=True, slots=True)
class _Vocabulary:
    """The attribution word lists: phrase lists where a cue is a word or phrase, sets where
    a word is looked up, and the two patterns whose words sit inside a structure."""

    speech: PhraseList
    evidence: PhraseList
    lead: PhraseList
    adverbs: PhraseList
    scheduling: PhraseList
    vague_post: PhraseList
    document_nouns: frozenset[str]
    vague_heads: frozenset[str]
    vague_modifiers: frozenset[str]
    #: Capitalised words that still name nobody ("Experts", "Some", "The").
    common: frozenset[str]
    passive: regex.Pattern[str]
    document_ref: regex.Pattern[str]
    #: Every word of the participles: each match of :attr:`passive` holds them, whole.
    participle_words: PhraseList
    #: The nouns and "questioned"-like words each match of :attr:`document_ref` holds.
    document_words: PhraseList
    #: Every phrase and word above: a sentence with none of them has no attribution.
    cue_words: PhraseList


@cache
def _vocabulary() -> _Vocabulary:
    words = lexicon()
    participle_words = sorted(
        {w for phrase in words["passive_participles"] for w in phrase.split()}
    )
    document_words = [*words["source_documents"], *_QUESTIONED, "respondents"]
    cues = ("speech_verbs", "evidence_verbs", "lead_phrases", "vague_adverbs")
    vague_heads = frozenset(w.lower() for w in words["vague_heads"])
    vague_modifiers = frozenset(w.lower() for w in words["vague_modifiers"])
    return _Vocabulary(
        speech=PhraseList(words["speech_verbs"]),
        evidence=PhraseList(words["evidence_verbs"]),
        lead=PhraseList(words["lead_phrases"]),
        adverbs=PhraseList(words["vague_adverbs"]),
        scheduling=PhraseList(words["scheduling_verbs"]),
        vague_post=PhraseList(words["vague_postmodifiers"]),
        document_nouns=frozenset(w.lower() for w in words["document_nouns"]),
        vague_heads=vague_heads,
        vague_modifiers=vague_modifiers,
        common=vague_heads | vague_modifiers | _DETERMINERS | _PRONOUNS,
        passive=_passive_pattern(words["passive_participles"]),
        document_ref=_document_reference(words["source_documents"]),
        participle_words=PhraseList(participle_words),
        document_words=PhraseList(document_words),
        cue_words=PhraseList(
            sorted({*participle_words, *document_words, *(w for n in cues for w in words[n])})
        ),
    )


#: What people asked for a survey are called, after "those", "people", "adults" or "voters".
_QUESTIONED = ("questioned", "surveyed", "polled", "asked", "interviewed")


#: Words that open a clause, so "it is believed" before one is "it is believed that".
_CLAUSE_OPENERS = (
    "the a an this these those he she they we there his her their its some many most few no"
).split()


def _passive_pattern(participles: Iterable[str]) -> regex.Pattern[str]:
    """An agentless passive: "it is believed that", "X is expected to", "is said to"."""
    return regex.compile(
        rf"""(?<![\w-])
        (?P<it>it\s+)?
        (?:is|are|was|were|has\s+been|have\s+been|had\s+been|will\s+be|would\s+be|be|being|'s|’s)
        \s+(?:(?:also|now|still|increasingly|already|long|not)\s+)?
        (?P<participle>{alternation(participles)})
        (?:\s+by\s+(?P<agent>[^,.;:]{{1,60}}?))?
        (?:\s+(?P<link>to|that|as|on|in|at|for)(?![\w-])
        # "it is believed the plan will fail": news often drops the "that" after "it"
        |(?(it)(?=\s+(?:(?:{alternation(_CLAUSE_OPENERS)})(?![\w-])|(?-i:\p{{Lu}})))|(?!)))""",
        regex.IGNORECASE | regex.VERBOSE,
    )


def _document_reference(nouns: Iterable[str]) -> regex.Pattern[str]:
    """A named or already-introduced document: "a New York Times report", "the survey",
    "Gallup's poll", "those questioned". It attributes the sentence it appears in.

    Case matters here: a run of capitalised words before the noun is what names it.
    """
    nouns_ = alternation(nouns)
    return regex.compile(
        rf"""(?<![\w-])(?:
        (?P<anaphor>(?i:the|this|that|these|its|their|his|her)\s+(?:latest\s+|new\s+|same\s+|
            official\s+|annual\s+|monthly\s+|quarterly\s+|full\s+)?(?:{nouns_}))
        |(?P<named>(?:an?\s+|the\s+)?(?:\p{{Lu}}[\p{{L}}.&-]*\s+){{1,5}}(?:{nouns_}))
        |(?P<owner>\p{{Lu}}[\p{{L}}.&-]*(?:\s+\p{{Lu}}[\p{{L}}.&-]*){{0,4}}[’']s\s+
            (?:[\p{{Ll}}-]+\s+)?(?:{nouns_}))
        |(?P<respondents>(?:those|people|adults|voters)\s+(?:{"|".join(_QUESTIONED)})|respondents)
        )(?![\w-])""",
        regex.VERBOSE | regex.VERSION0,
    )


# --- the text the finder reads ----------------------------------------------------------------


def _without_quotations(doc: Document, text: str) -> str:
    """``text`` (the document's, or as long) with the words of every outermost quotation
    replaced by spaces."""
    parts: list[str] = []
    done = 0  # the text before this is in ``parts``
    for quote in doc.quotes:
        if quote.depth:
            continue
        start = max(quote.inner_start, done)  # an outermost quotation may overlap the last
        if quote.inner_end <= start:
            continue
        parts += (text[done:start], " " * (quote.inner_end - start))
        done = quote.inner_end
    parts.append(text[done:])
    return "".join(parts)


# --- finding attributions in one sentence -----------------------------------------------------

_PRONOUNS = frozenset("he she they it we i you who".split())
_DETERMINERS = frozenset(
    "the this that these those its his her their our my your whose said such".split()
)
#: People whose findings are evidence ("researchers found"); vague unless named.
_EXPERT_HEADS = frozenset(
    "researchers scientists experts analysts economists investigators scholars academics "
    "sources".split()
)
#: Words that end a subject phrase when read backwards from the verb.
_CLAUSE_WORDS = frozenset(
    (
        "that which when while because but as if after before than where whether though "
        "although since unless until so yet or nor is are was were be been being not never "
        "did does do to would will could should may might can must also has have had then "
        "said says told added"
    ).split()
)
#: What may stand between a subject and its verb ("Smith also said", "police on Monday said").
_SKIPS = (
    *"also later previously earlier then further once recently repeatedly publicly".split(),
    *"privately separately again initially originally already now has have had will".split(),
    *("would", "had", r"has\s+long", r"last\s+\w+", r"on\s+\p{Lu}\w+day", r"this\s+week"),
    *(r"in\s+a\s+statement", "yesterday", "today", "tonight", r"on\s+\w+"),
)
_SKIP_BEFORE_VERB = regex.compile(rf"(?:\s|\b(?:{'|'.join(_SKIPS)})\b)+$", regex.IGNORECASE)
_WORD = regex.compile(r"[\p{L}\p{N}](?:[\p{L}\p{N}’'.&-]|,(?=\d{3}))*")
#: The last character that is neither a word character nor a space: a skip holds none, so
#: its leftmost match starts after it (searched backwards, from the verb).
_NOT_WORD_OR_SPACE = regex.compile(r"[^\w\s]", regex.REVERSE)
# The patterns anchored at the end of the text before a cue are searched backwards
# (``REVERSE``): they then fail at once where they do not match, instead of being tried at
# every character of the text before.
_NEGATED = regex.compile(
    r"(?:\b(?:not|never|n[’']t|declined\s+to|refused\s+to|to|would\s+not|wouldn't|did\s+not)\s+)$",
    regex.IGNORECASE | regex.REVERSE,
)
_PASSIVE_BEFORE = regex.compile(
    r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+\s+)?$", regex.IGNORECASE | regex.REVERSE
)
_ARTICLE_BEFORE = regex.compile(r"(?<![\w’'-])(?:a|an|the)\s+$", regex.IGNORECASE | regex.REVERSE)
_CAPITAL_WORD_BEFORE = regex.compile(r"\b\p{Lu}[\p{L}.’'-]*\s+$", regex.REVERSE)
_CAPITAL_WORD_AFTER = regex.compile(r"\s+[\"“‘']?\p{Lu}")
_AUX_BEFORE_SUBJECT = regex.compile(r"\b(?:nor|neither|no|not)\s*$", regex.IGNORECASE)
#: Reporting words that are more often plural nouns ("the claims", "in battleground states").
_NOUN_LIKE = frozenset(
    "states notes reports claims comments estimates fears records counts projects forecasts "
    "finds shows".split()
)
_NOUN_AFTER = regex.compile(
    r"\s+(?:is|are|was|were|have|has|had|will|would|may|might|could|can|should|must|of|from|"
    r"in|on|about|by|for|and|or)\b",
    regex.IGNORECASE,
)
_TIME_LATER = regex.compile(
    r"\b(?:on|by|next|this|later|until|before|after|in|early|late|from|within|at|tomorrow|"
    r"tonight|today)\s+(?:the\s+)?(?:coming\s+)?(?:monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday|week|weekend|month|year|january|february|march|april|may|june|july|"
    r"august|september|october|november|december|spring|summer|autumn|fall|winter|morning|"
    r"afternoon|evening|night|end|\d)|\b(?:tomorrow|tonight|later\s+today|shortly|soon)\b",
    regex.IGNORECASE,
)
_THAT_OR_PUNCT_AHEAD = regex.compile(r"\s*(?:that\b|[,:])")
_ANY_DIGIT = regex.compile(r"\d")
_WORD_BEFORE = regex.compile(r"([\p{L}\p{N}’'.-]+)\s*$")
_SENTENCE_END_AHEAD = regex.compile(r"\s*(?:[.!?]|$)")
_WORD_AHEAD = regex.compile(r"\s+([\p{L}’']+)")
_LETTERS_BEFORE = regex.compile(r"([\p{L}’']+)\s+$")
_NUMBER_TOKEN = regex.compile(r"[\p{N},.]+")
_CLAUSE_BREAK = regex.compile(r"[,;:.—–]")
_COLON_HANDOFF = regex.compile(r"[^.!?\"“”]{0,80}:\s*")
_AFTER_PHRASE = regex.compile(
    r"\s*(?P<phrase>[^,;:—–()\"“”!?\n]{1,90}?)(?=\s*(?:[,;:—–)!?\"“”]|\.(?:\s|$)|$))"
)


@dataclass(slots=True, eq=False)
class _Found:
    """An attribution found in one sentence, before chains and pronouns are resolved."""

    source: str
    cue: str
    cue_start: int
    cue_end: int
    source_start: int
    source_end: int
    kind: Kind
    position: Position


def _find_in_sentence(
    doc: Document, sentence: Sentence, vocab: _Vocabulary, unquoted: str, folded: str
) -> list[_Found]:
    """Every attribution cue in one sentence; ``unquoted`` and ``folded`` are the document's
    text and its fold with quoted words blanked (:func:`_without_quotations`)."""
    start, end = sentence.start, sentence.end
    text = unquoted[start:end]
    if not text.strip(" \"“”‘’'«»"):
        return []
    if vocab.cue_words.search(folded, start, end) is None:
        return []  # half the sentences of a news story: one pass instead of one a list
    found: list[_Found] = []
    taken: list[tuple[int, int]] = []

    def cues(phrases: PhraseList) -> list[tuple[int, int]]:
        """Where ``phrases`` occur in the sentence, as offsets into ``text``."""
        return [(m.start - start, m.end - start) for m in phrases.find(folded, start, end)]

    def overlaps(a: int, b: int) -> bool:
        return any(a < y and x < b for x, y in taken)

    def add(item: _Found) -> None:
        found.append(item)
        taken.append((item.cue_start - start, item.cue_end - start))

    raw = doc.text[start:end]

    def position_of(cue_end: int, source_end: int) -> Position:
        """``trail`` when little but the source follows the cue ("…, the report said.")."""
        rest = raw[max(cue_end, source_end) :]
        return "lead" if len(list(islice(_WORD.finditer(rest), 3))) == 3 else "trail"

    # "according to X", "in a statement", "figures from X"
    for a, b in cues(vocab.lead):
        phrase = _phrase_after(text, b, len(text))
        source = text[phrase[0] : phrase[1]] if phrase else ""
        kind: Kind = _classify(source, vocab) if source else "named"
        s0, s1 = phrase if phrase else (a, a)
        add(
            _Found(
                source,
                text[a:b],
                start + a,
                start + b,
                start + s0,
                start + s1,
                kind,
                position_of(b, s1),
            )
        )

    # The two patterns below match around a word of a list, and trying one at every
    # character of every sentence costs more than the rest of the analysis: they run only
    # where the phrase list finds such a word.
    document_ref = vocab.document_words.search(folded, start, end) is not None
    passive = vocab.participle_words.search(folded, start, end) is not None

    # a named or already-introduced document: "a New York Times report", "the survey"
    for match in vocab.document_ref.finditer(text) if document_ref else ():
        if overlaps(match.start(), match.end()):
            continue
        phrase = match.group().strip()
        if not match.group("respondents") and not (
            _THAT_OR_PUNCT_AHEAD.match(text, match.end()) or _ANY_DIGIT.search(raw)
        ):
            continue  # "The report was delayed": about the document, not from it
        capitals = [w for w in phrase.split() if w[:1].isupper()]
        opening = not text[: match.start()].strip(" \"“‘'(")
        if match.group("named") and opening and len(capitals) < 2:
            continue  # "Recent reports": capitalised only because it opens the sentence
        add(
            _Found(
                phrase,
                phrase,
                start + match.start(),
                start + match.end(),
                start + match.start(),
                start + match.end(),
                "named",
                "lead",
            )
        )

    # agentless passives: "it is believed that", "X is expected to"
    for match in vocab.passive.finditer(text) if passive else ():
        if overlaps(match.start(), match.end()):
            continue
        participle = match.group("participle").lower()
        agent = match.group("agent")
        if agent:
            kind = _classify(agent, vocab)
            if kind == "named":
                add(
                    _Found(
                        agent,
                        match.group(),
                        start + match.start(),
                        start + match.end(),
                        start + match.start("agent"),
                        start + match.end("agent"),
                        kind,
                        "lead",
                    )
                )
                continue
        link = (match.group("link") or "that").lower()
        if link not in {"to", "that"} and not (
            participle.startswith(("widely", "generally")) and link == "as"
        ):
            continue
        if (
            participle.endswith("expected")
            and link == "to"
            and _is_scheduled(text[match.end() :], vocab)
        ):
            continue
        if participle == "said" and link == "that" and not match.group("it"):
            continue  # "she was said that" is not English; "was told that" is elsewhere
        cue_start = match.start("it") if match.group("it") else match.start()
        add(
            _Found(
                "",
                text[cue_start : match.end()],
                start + cue_start,
                start + match.end(),
                start + cue_start,
                start + cue_start,
                "passive",
                "lead",
            )
        )

    for a, b in cues(vocab.adverbs):
        add(_Found("", text[a:b], start + a, start + b, start + a, start + a, "passive", "lead"))

    # reporting verbs with a subject, or inverted
    for phrases, evidence in ((vocab.speech, False), (vocab.evidence, True)):
        for a, b in cues(phrases):
            if overlaps(a, b):
                continue
            before = text[max(0, a - 80) : a]
            if _NEGATED.search(before) or _PASSIVE_BEFORE.search(before):
                continue  # "did not say", "is reported"
            if _used_as_noun(text, a, b, vocab):
                continue
            subject = _subject_before(text, a, 0)
            if subject is None and _inverted_slot(before):
                subject = _phrase_after(text, b, len(text))
            if subject is None:
                continue
            position = position_of(b, subject[1])
            phrase = text[subject[0] : subject[1]]
            if _not_a_source(text, subject):
                continue
            if evidence and not _speaks(phrase, vocab):
                continue
            if not evidence and not _plausible_speaker(phrase):
                continue
            kind = _classify(phrase, vocab)
            add(
                _Found(
                    phrase,
                    text[a:b],
                    start + a,
                    start + b,
                    start + subject[0],
                    start + subject[1],
                    kind,
                    position,
                )
            )
    found.sort(key=lambda f: f.cue_start)
    return found


def _used_as_noun(text: str, start: int, end: int, vocab: _Vocabulary) -> bool:
    """Whether a reporting word is a noun here: "recent reports indicate", "his comments"."""
    word = text[start:end].lower()
    if _ARTICLE_BEFORE.search(text[max(0, start - 60) : start]):
        return True  # "an estimated 300", "the reported figure"
    if (
        word in _NOUN_LIKE
        and text[start : start + 1].isupper()
        and _CAPITAL_WORD_BEFORE.search(text, max(0, start - 40), start)
        and not _CAPITAL_WORD_AFTER.match(text, end)
    ):
        return True  # a name ("the United States said"), not a headline ("Trump States That")
    if not word.endswith("s") or " " in word:
        return False
    if word in _NOUN_LIKE:
        previous_word = _WORD_BEFORE.search(text[max(0, start - 60) : start])
        if previous_word is None:
            return True
        last = previous_word.group(1)
        lower = last.lower()
        singular = lower in {"he", "she", "it"} or (
            lower in vocab.document_nouns and not lower.endswith("s")
        )
        name = last[:1].isupper() and lower not in vocab.vague_heads | vocab.vague_modifiers
        if not (singular or name):
            return True
    after = text[end:]
    if _SENTENCE_END_AHEAD.match(after):
        return False  # "…, the analysis shows."
    if _NOUN_AFTER.match(after):
        return True
    following = _WORD_AHEAD.match(after)
    if following and (following.group(1) in vocab.speech or following.group(1) in vocab.evidence):
        return True
    previous = _LETTERS_BEFORE.search(text[max(0, start - 60) : start])
    return bool(previous) and (
        previous.group(1).lower() in _DETERMINERS
        or previous.group(1).lower().endswith(("’s", "'s"))
        or previous.group(1).lower() in vocab.vague_modifiers
    )


def _not_a_source(text: str, subject: tuple[int, int]) -> bool:
    """A number ("2,700 reported injured") or a negated subject ("nor Moscow has confirmed")."""
    words = text[subject[0] : subject[1]].split()
    if _NUMBER_TOKEN.fullmatch(words[-1] if words else ""):
        return True
    return _AUX_BEFORE_SUBJECT.search(text[max(0, subject[0] - 30) : subject[0]]) is not None


def _inverted_slot(before: str) -> bool:
    """Whether a verb follows a comma or closing quote: the inverted "…," said X order."""
    stripped = before.rstrip()
    return stripped.endswith((",", '"', "”", "’", "'", "—", "–"))


def _plausible_speaker(phrase: str) -> bool:
    words = _WORD.findall(phrase)
    if not words:
        return False
    return words[-1].lower() not in {"what", "how", "why", "this", "there", "here"}


def _speaks(phrase: str, vocab: _Vocabulary) -> bool:
    """Whether a subject can be the source of an evidence verb ("the survey found")."""
    words = _WORD.findall(phrase)
    if not words:
        return False
    head = words[-1].lower()
    if head in vocab.document_nouns or head in _EXPERT_HEADS:
        return True
    return any(_is_proper(w, vocab) for w in words[1:]) or (
        _is_proper(words[0], vocab) and len(words) > 1
    )


def _is_scheduled(rest: str, vocab: _Vocabulary) -> bool:
    """Whether "is expected to …" announces a scheduled event rather than a prediction."""
    clause = _CLAUSE_BREAK.split(rest, maxsplit=1)[0]
    verb = vocab.scheduling.search(fold(clause.lstrip()))
    return (verb is not None and verb.start == 0) or bool(_TIME_LATER.search(clause))


def _subject_before(text: str, verb_start: int, floor: int) -> tuple[int, int] | None:
    """Offsets of the subject phrase ending just before a verb, or ``None``."""
    # A subject is a few words long: reading only the last of the sentence keeps a long
    # sentence with many cues linear.
    window = max(floor, verb_start - 80)
    other = _NOT_WORD_OR_SPACE.search(text, window, verb_start)
    skip = _SKIP_BEFORE_VERB.search(text, other.end() if other else window, verb_start)
    end = skip.start() if skip else verb_start
    segment = text[floor:end]
    if not segment.strip():
        return None
    if segment.rstrip().endswith(","):
        # An appositive between commas ("Smith, a spokesman for the agency, said"): the
        # subject is the name before it.
        pieces = segment.rstrip()[:-1].split(",")
        if len(pieces) < 2:
            return None
        cut = floor + len(",".join(pieces[:-1]))
        return _trailing_phrase(text, floor, cut)
    return _trailing_phrase(text, floor, end)


def _trailing_phrase(text: str, floor: int, end: int) -> tuple[int, int] | None:
    """The phrase of up to nine words that ends at ``end``, cut at a clause word.

    Only the last nine words count, so the words are read from a space near the end first
    (no word holds a space), and from further back only when the phrase may begin earlier:
    a long sentence with many cues then costs time in proportion to its length.
    """
    for reach in (40, 120):
        space = text.rfind(" ", floor, max(floor, end - reach))
        if space <= floor:
            break
        span = _phrase_of(text, list(_WORD.finditer(text, space + 1, end)), end, complete=False)
        if span is not _READ_FURTHER:
            return span
    return _phrase_of(text, list(_WORD.finditer(text, floor, end)), end, complete=True)


#: What :func:`_phrase_of` gives when the words it was given may not hold all of the phrase.
_READ_FURTHER = (-1, -1)


def _phrase_of(
    text: str, words: list[regex.Match[str]], end: int, *, complete: bool
) -> tuple[int, int] | None:
    """The span of the phrase of ``words`` that ends at ``end``: ``words`` are the last words
    before ``end``, all of them since the floor when ``complete``, else
    :data:`_READ_FURTHER` when the phrase may hold words before them."""
    if not words:
        return None if complete else _READ_FURTHER
    # Only words directly before the verb, no punctuation in between.
    gap = text[words[-1].end() : end]
    if gap.strip():
        return None
    chosen: list[regex.Match[str]] = []
    for word in reversed(words[-9:]):
        between = text[word.end() : chosen[-1].start()] if chosen else ""
        if between.strip():
            break
        if word.group().lower() in _CLAUSE_WORDS:
            break
        chosen.append(word)
    else:
        if not complete and len(words) < 9:
            return _READ_FURTHER
    if not chosen:
        return None
    return chosen[-1].start(), chosen[0].end()


def _phrase_after(text: str, start: int, end: int) -> tuple[int, int] | None:
    """A source phrase right after ``start`` (inverted order: "…, said the minister")."""
    match = _AFTER_PHRASE.match(text, start, end)
    if not match or not _WORD.search(match.group("phrase")):
        return None
    return match.start("phrase"), match.end("phrase")


def _classify(phrase: str, vocab: _Vocabulary) -> Kind:
    """``named`` unless the phrase is headed by a vague noun that nothing pins down."""
    words = _WORD.findall(phrase)
    if not words:
        return "vague"
    post = vocab.vague_post.search(fold(phrase))
    core_words = _WORD.findall(phrase[: post.start]) if post else words
    # A prepositional tail that names someone ("analysts at Barclays") makes it named.
    tail_named = False
    for i, word in enumerate(core_words):
        if word.lower() in {"at", "from", "of", "with", "for", "in", "by"} and i:
            tail = core_words[i + 1 :]
            if any(_is_proper(w, vocab) for w in tail) or (
                tail and tail[0].lower() in _DETERMINERS
            ):
                tail_named = True
            core_words = core_words[:i]
            break
    if not core_words:
        return "vague"
    head = core_words[-1].lower().rstrip("’'s")
    head_full = core_words[-1].lower()
    if head_full not in vocab.vague_heads and head not in vocab.vague_heads:
        return "named"
    if tail_named and not post:
        return "named"
    for word in core_words[:-1]:
        lower = word.lower()
        if lower in _DETERMINERS or lower.endswith(("’s", "'s")):
            return "named"
        if _is_proper(word, vocab):
            return "named"
    return "vague"


def _is_proper(word: str, vocab: _Vocabulary) -> bool:
    """A capitalised word that is not one of the vague vocabulary's own words."""
    if not word[:1].isupper():
        return False
    lower = word.lower().rstrip("’'s") if word.lower().endswith(("’s", "'s")) else word.lower()
    return lower not in vocab.common and lower not in {"according", "but", "and", "so", "yet"}


# --- building the map ---------------------------------------------------------------------------


def _build(doc: Document) -> AttributionMap:
    vocab = _vocabulary()
    # Quoted words are the source's, never the writer's attribution: blanked for the search.
    unquoted = _without_quotations(doc, doc.text)
    folded = _without_quotations(doc, doc.folded)
    # Each attribution found, with its resolved source and sentence, made into an
    # Attribution once its chain is known.
    made: list[tuple[_Found, str, int]] = []
    covers: dict[int, set[int]] = {}
    last_named = ""
    carried: list[_Found] = []
    for paragraph in doc.paragraphs:
        sentences = doc.sentences_of(paragraph)
        if paragraph.is_heading or not sentences:
            carried = []
            continue
        per_sentence: list[list[_Found]] = []
        for sentence in sentences:
            here = _find_in_sentence(doc, sentence, vocab, unquoted, folded)
            for item in here:
                resolved = item.source
                if item.source.lower() in _PRONOUNS and last_named:
                    resolved = last_named
                elif item.kind == "named" and item.source:
                    last_named = item.source
                made.append((item, resolved, sentence.index))
                covers[id(item)] = {sentence.index}
            per_sentence.append(here)
        _chain(sentences, per_sentence, carried, covers)
        carried = [a for here in per_sentence for a in here if _hands_on(doc, a, paragraph.end)]
    attributions = [
        Attribution(
            item.source,
            resolved,
            item.cue,
            item.cue_start,
            item.cue_end,
            item.source_start,
            item.source_end,
            index,
            item.kind,
            item.position,
            tuple(sorted(covers[id(item)])),
        )
        for item, resolved, index in made
    ]
    attributions.sort(key=lambda a: a.cue_start)
    return AttributionMap(doc, tuple(attributions))


def _chain(
    sentences: Sequence[Sentence],
    per_sentence: list[list[_Found]],
    carried: list[_Found],
    covers: dict[int, set[int]],
) -> None:
    """Extend ``covers`` with the sentences of the paragraph each attribution speaks for."""
    has_own = [bool(here) for here in per_sentence]
    for i, here in enumerate(per_sentence):
        for attribution in here:
            if attribution.kind == "passive":
                continue  # "it is believed" speaks for its own clause only
            step = 1 if attribution.position == "lead" else -1
            j = i + step
            while 0 <= j < len(sentences) and not has_own[j]:
                covers[id(attribution)].add(sentences[j].index)
                j += step
    # "The report said:" closing the previous paragraph speaks for this one.
    for sentence, own in zip(sentences, has_own, strict=True):
        if own:
            break
        for attribution in carried:
            covers[id(attribution)].add(sentence.index)


def _hands_on(doc: Document, attribution: _Found, paragraph_end: int) -> bool:
    """Whether a paragraph ends on this attribution and a colon ("The report said:")."""
    if attribution.kind != "named":
        return False
    text = doc.text
    return _COLON_HANDOFF.fullmatch(text, attribution.cue_end, paragraph_end) is not None
