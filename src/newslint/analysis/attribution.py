"""Who said it: attribution spans, computed once per document and shared by every rule.

Editors read a news story sentence by sentence asking "says who?". This module answers that
question once per :class:`~newslint.text.document.Document`, so the sourcing rules (NL2xx) and any
other family (hedging asks whether a hedge is the writer's or a source's) read the same answer
instead of each guessing with its own regexes.

Use it through the document's service cache::

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

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from functools import cache, cached_property, lru_cache
from itertools import islice
from typing import Literal

import regex

from newslint.packs import load_lexicon
from newslint.patterncache import compile_re, compile_regex
from newslint.prefilter import EnginePattern as _Lazy
from newslint.prefilter import letter_tree, required_literals
from newslint.records import Record
from newslint.text.document import Document, Sentence
from newslint.text.quotes import Quote

# Small patterns of the helper functions, compiled once rather than looked up per call.
_NUMBER_WORD = compile_regex(r"\p{N}[\p{N},]*")
_THAT_OR_PUNCT_AHEAD = compile_regex(r"\s*(?:that\b|[,:])")
_ANY_DIGIT = compile_regex(r"\d")
#: Searched backwards (``REVERSE``): anchored at the end and only tested for a match, it
#: then fails fast at every other place instead of trying the pattern there.
_ARTICLE_BEFORE = compile_regex(r"(?<![\w’'-])(?:a|an|the)\s+$", regex.IGNORECASE | regex.REVERSE)
_WORD_BEFORE = compile_regex(r"([\p{L}\p{N}’'.-]+)\s*$")
_SENTENCE_END_AHEAD = compile_regex(r"\s*(?:[.!?]|$)")
_WORD_AHEAD = compile_regex(r"\s+([\p{L}’']+)")
_LETTERS_BEFORE = compile_regex(r"([\p{L}’']+)\s+$")
_NUMBER_TOKEN = compile_regex(r"[\p{N},.]+")
_CLAUSE_BREAK = compile_regex(r"[,;:.—–]")
_COLON_HANDOFF = compile_regex(r"[^.!?\"“”]{0,80}:\s*")

Kind = Literal["named", "vague", "passive"]

__all__ = ["Attribution", "AttributionMap", "Kind", "attribution_of", "lexicon"]


class Attribution(Record):
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

    fields = (
        "source",
        "resolved",
        "cue",
        "cue_start",
        "cue_end",
        "source_start",
        "source_end",
        "sentence",
        "kind",
        "position",
        "covers",
    )
    __slots__ = fields
    source: str
    resolved: str
    cue: str
    cue_start: int
    cue_end: int
    source_start: int
    source_end: int
    sentence: int
    kind: Kind
    position: Literal["lead", "trail"]
    covers: tuple[int, ...]

    def __init__(
        self,
        source: str,
        resolved: str,
        cue: str,
        cue_start: int,
        cue_end: int,
        source_start: int,
        source_end: int,
        sentence: int,
        kind: Kind,
        position: Literal["lead", "trail"],
        covers: tuple[int, ...] = (),
    ) -> None:
        object.__setattr__(self, "source", source)
        object.__setattr__(self, "resolved", resolved)
        object.__setattr__(self, "cue", cue)
        object.__setattr__(self, "cue_start", cue_start)
        object.__setattr__(self, "cue_end", cue_end)
        object.__setattr__(self, "source_start", source_start)
        object.__setattr__(self, "source_end", source_end)
        object.__setattr__(self, "sentence", sentence)
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "position", position)
        object.__setattr__(self, "covers", covers)

    @property
    def vague(self) -> bool:
        return self.kind != "named"

    @property
    def span(self) -> tuple[int, int]:
        """The source and cue together, in text order: what a diagnostic underlines."""
        return min(self.source_start, self.cue_start), max(self.source_end, self.cue_end)


class AttributionMap:
    """Every attribution in a document, indexed by the sentences they cover.

    Build it with :func:`attribution_of` (shared through ``doc.service``), not directly.
    """

    __slots__ = ("_covering", "_found", "all", "doc")

    def __init__(self, doc: Document, all: tuple[Attribution, ...]) -> None:
        self.doc = doc
        self.all = all
        self._covering: dict[int, list[Attribution]] = {}
        self._found: dict[int, list[Attribution]] = {}
        for attribution in self.all:
            self._found.setdefault(attribution.sentence, []).append(attribution)
            for index in attribution.covers:
                self._covering.setdefault(index, []).append(attribution)

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
        before ("He said:") or after the run.
        """
        doc = self.doc
        paragraph = doc.paragraph_at(quote.start)
        if paragraph is None:
            return None
        order = [paragraph.index, paragraph.index - 1, paragraph.index + 1]
        for number in order:
            if not 0 <= number < len(doc.paragraphs):
                continue
            around = doc.paragraphs[number]
            for index in range(around.first_sentence, around.last_sentence):
                for attribution in self._found.get(index, ()):
                    if attribution.kind != "passive":
                        return attribution
        return None


def attribution_of(doc: Document) -> AttributionMap:
    """The document's :class:`AttributionMap`, computed once and shared by every rule."""
    return doc.service("attribution", _build)


def _index(sentence: Sentence | int) -> int:
    return sentence if isinstance(sentence, int) else sentence.index


# --- vocabulary -------------------------------------------------------------------------------


@cache
def lexicon() -> dict[str, list[str]]:
    """The word lists of ``rules/attribution.toml``, by name (``speech_verbs``…)."""
    return {name: table.get("words", []) for name, table in load_lexicon("attribution").items()}


def by_length(words: Iterable[str], *, longest_first: bool = True) -> list[str]:
    """``words`` by length, ties in alphabetical order: the order of an alternation built
    from a set must not depend on the process's string hashing, or its source (the key of
    the stored compiled pattern, :mod:`newslint.patterncache`) changes from run to run."""
    return sorted(words, key=lambda word: (len(word), word), reverse=longest_first)


def _alternation(words: Iterable[str]) -> str:
    ordered = by_length({w.strip().lower() for w in words if w.strip()})
    if not ordered:
        return "(?!)"  # no words: matches nothing (an empty alternation would match anywhere)
    return "|".join(r"\s+".join(regex.escape(part) for part in w.split()) for w in ordered)


def _bounded(words: Iterable[str]) -> _Lazy:
    return _Lazy(rf"(?<![\w’'-])(?:{_alternation(words)})(?![\w-])", regex.IGNORECASE)


#: Words the "those questioned" branch of the document pattern needs, one of them in any match.
_RESPONDENT_WORDS = frozenset("questioned surveyed polled asked interviewed respondents".split())

#: A word, as the patterns' ``\w`` sees it.
_RUN = compile_regex(r"\w+")
#: Two word characters in a row: a word that a sentence boundary cuts in two.
_RUN_ACROSS = compile_regex(r"\w\w")
_ASCII_RUN = compile_re(r"[a-z0-9]+")


def _lowered(text: str) -> str:
    """``text`` lower-cased, one character for one, so that offsets into it are offsets into
    ``text``: every character the patterns match case-insensitively to an ASCII letter or
    digit ("K", "k", the Kelvin sign, long "ſ", dotted "İ") becomes that letter or digit, and
    no other character becomes one."""
    return text.replace("\u0130", "i").replace("\u017f", "s").lower()


def _key_of(word: str) -> str | None:
    r"""The word a match of ``word`` (a vocabulary entry) opens on, lower-cased: its first
    ``\w`` run. ``None`` unless that run is plain ASCII letters and digits, the only kind
    :func:`_lowered` text can be looked up by."""
    lowered = word.strip().lower()
    run = _RUN.match(lowered)
    plain = _ASCII_RUN.match(lowered)
    if run is None or plain is None or run.group() != plain.group():
        return None
    return run.group()


#: Zero-width tests of the bounded patterns' edges, and their ``\s+`` between words.
_BOUND_BEFORE = compile_regex(r"(?<![\w’'-])")
_BOUND_AFTER = compile_regex(r"(?![\w-])")
_SPACES = compile_regex(r"\s+")
#: What a word of a looked-up list may hold: letters and digits that :func:`_lowered` text
#: matches one for one, and punctuation that only matches itself.
_PLAIN_WORD = compile_re(r"[a-z0-9]+(?:[ a-z0-9!-/:-@\[-`{-~]*)")


def _bound_after(text: str, at: int) -> bool:
    """``_BOUND_AFTER.match(text, at)``, without the call at the end or before a space."""
    return at == len(text) or text[at].isspace() or _BOUND_AFTER.match(text, at) is not None


class _Keyed:
    r"""A word list matched exactly as the pattern ``_bounded(words)`` matches it, but looked
    up by first word instead of searched for, and without compiling it.

    A match of ``_bounded(words)`` starts where no word character precedes and opens on an
    alternative's first word, which is ASCII: the characters it matches are word characters
    that :func:`_lowered` turns into that word, and what follows it (a space, or no word
    character) ends the run. So a match starts only at a word whose lowered form is some
    alternative's key, and there only the alternatives with that key can match, tried in the
    same order (longest first). Each is compared with the lowered text (a letter matches
    exactly the characters that lower to it), its spaces with ``\s+`` and its edges with the
    pattern's own look-arounds. The whole pattern is slow to compile (the ``regex`` compiler
    is pure Python) and slow to search (every alternative at every character).
    """

    def __init__(self, words: Iterable[str]) -> None:
        self._words = by_length({w.strip().lower() for w in words if w.strip()})
        by_key: dict[str, list[tuple[str, ...]]] = {}
        self.plain = all(_PLAIN_WORD.fullmatch(word) for word in self._words)
        for word in self._words if self.plain else ():
            key = _key_of(word)
            if key is None:
                self.plain = False
                break
            by_key.setdefault(key, []).append(tuple(word.split()))
        self.by_key = by_key if self.plain else {}
        # Entries of one word, and entries of several by the key of their second word. An
        # entry of one word that could match where one of several does is shorter (it is
        # the key itself: anything else after the key excludes the space), so trying those
        # of several first keeps the longest-first order; those of several with different
        # second words exclude each other.
        self._singles: dict[str, list[str]] = {}
        self._multis: dict[str, dict[str, list[tuple[str, ...]]]] = {}
        for key, entries in self.by_key.items():
            for parts in entries:
                if len(parts) == 1:
                    self._singles.setdefault(key, []).append(parts[0])
                    continue
                second = _key_of(parts[1])
                if parts[0] != key or second is None:
                    self.plain = False
                    self.by_key = {}
                    return
                self._multis.setdefault(key, {}).setdefault(second, []).append(parts)

    @cached_property
    def whole(self) -> _Lazy:
        """The whole pattern, for a list with an entry that cannot be looked up."""
        return _bounded(self._words)

    def _match(self, text: str, lowered: str, offset: int, key: str) -> int | None:
        """The end of the match at ``offset`` (``None`` if none), lookbehind aside; the text
        at ``offset`` lowers to ``key``."""
        multis = self._multis.get(key)
        if multis:
            spaces = _SPACES.match(text, offset + len(key))
            second = spaces and _ASCII_RUN.match(lowered, spaces.end())
            for parts in multis.get(second.group(), ()) if second else ():
                at = spaces.end()
                for i, part in enumerate(parts[1:]):
                    if i:
                        more = _SPACES.match(text, at)
                        if more is None:
                            break
                        at = more.end()
                    if not lowered.startswith(part, at):
                        break
                    at += len(part)
                else:
                    if _bound_after(text, at):
                        return at
        for part in self._singles.get(key, ()):
            if lowered.startswith(part, offset) and _bound_after(text, offset + len(part)):
                return offset + len(part)
        return None

    def finditer(
        self, text: str, lowered: str, words: Sequence[tuple[int, str]]
    ) -> list[tuple[int, int]]:
        """The spans ``_bounded(words).finditer(text)`` finds, given :func:`_lowered` ``text``
        and ``words``: the offset and lowered form of at least every word of ``text`` that
        is a key, in order."""
        if not self.plain:
            return [match.span() for match in self.whole.finditer(text)]
        found: list[tuple[int, int]] = []
        end = 0
        by_key = self.by_key
        for offset, key in words:
            if offset < end or key not in by_key:
                continue
            # A space before is no word character (the common case, without a regex call).
            if offset and not text[offset - 1].isspace() and not _BOUND_BEFORE.match(text, offset):
                continue
            stop = self._match(text, lowered, offset, key)
            if stop is not None:
                found.append((offset, stop))
                end = stop
        return found

    def fullmatch(self, word: str) -> bool:
        """Whether ``_bounded(words).fullmatch(word)`` matches: whether ``word`` is an entry,
        case aside."""
        if not self.plain:
            return self.whole.fullmatch(word) is not None
        run = _RUN.match(word)
        if run is None:
            return False
        parts = self.by_key.get(_lowered(run.group()))
        if not parts:
            return False
        lowered = _lowered(word)
        # An entry of several words needs a space, which the whole word would have to hold.
        return any(
            " ".join(entry) == lowered or (len(entry) > 1 and self._ends(word, lowered, entry))
            for entry in parts
        )

    def _ends(self, word: str, lowered: str, entry: tuple[str, ...]) -> bool:
        """Whether the entry of several words ``entry`` matches all of ``word``."""
        at = 0
        for i, part in enumerate(entry):
            if i:
                spaces = _SPACES.match(word, at)
                if spaces is None:
                    return False
                at = spaces.end()
            if not lowered.startswith(part, at):
                return False
            at += len(part)
        return at == len(word)


#: The word lists looked up by first word, by the name the finder uses.
_KEYED_LISTS = {
    "speech": "speech_verbs",
    "evidence": "evidence_verbs",
    "lead": "lead_phrases",
    "adverb": "vague_adverbs",
}


@cache
def _keyed() -> dict[str, _Keyed]:
    """The looked-up lists, from the whole vocabulary: a word that does not occur in a
    document is never looked up in it, so narrowing them would save nothing."""
    words = lexicon()
    return {name: _Keyed(words[listed]) for name, listed in _KEYED_LISTS.items()}


def _openers(
    lists: Iterable[_Keyed], *skippable: frozenset[str] | None
) -> dict[str, frozenset[str]]:
    """Per key that no list has as a whole entry, and that is not one of the ``skippable``
    keys (those gate patterns by their mere presence), the second words of its entries."""
    seconds: dict[str, set[str]] = {}
    whole: set[str] = set()
    for keyed in lists:
        for key in keyed.by_key:
            if key in keyed._singles:
                whole.add(key)
            seconds.setdefault(key, set()).update(keyed._multis.get(key, {}))
    for keys in skippable:
        whole |= keys or frozenset()
    return {key: frozenset(after) for key, after in seconds.items() if key not in whole}


def _keys(words: Iterable[str]) -> frozenset[str] | None:
    """The keys of ``words``; ``None`` when one has none (then nothing can be skipped)."""
    keys = {_key_of(word) for word in words if word.strip()}
    return None if None in keys else frozenset(k for k in keys if k is not None)


@cache
def _cue_pattern(
    keys: frozenset[str], openers: tuple[tuple[frozenset[str], frozenset[str]], ...]
) -> re.Pattern[str]:
    r"""Where the words ``keys`` stand alone in :func:`_lowered` text, and the keys of
    ``openers`` (keys, their second words) only before one of their second words: the word
    is its first group, and the match opens on the character before it (or the text on a
    space: see :func:`_cue_matches`).

    Every word of the text whose lowered form is one of ``keys`` is found (a word character
    is never lowered to an ASCII letter or digit unless it was one of those the patterns fold
    to it, and never lowered from a non-word character), and the finder then checks each with
    the ``regex`` patterns themselves, so finding a few more is harmless: the stdlib ``\s``
    holds every space the ``regex`` one does. Opening on a class lets the engine skip ahead
    to a character that is not a letter or digit; a look-behind at every character did not.
    """
    alone = keys.difference(*(opening for opening, _ in openers))
    branches = [rf"(?:{letter_tree(alone)})(?![a-z0-9])"] if alone else []
    branches += [
        rf"(?:{letter_tree(opening)})(?=\s+(?:{letter_tree(after)})(?![a-z0-9]))"
        for opening, after in openers
    ]
    if not branches:
        return compile_re("(?!)")
    return compile_re(rf"[^a-z0-9]({'|'.join(branches)})")


def _cue_matches(pattern: re.Pattern[str], lowered: str) -> list[tuple[int, str]]:
    """The offset and word of each match of a :func:`_cue_pattern` in ``lowered``."""
    return [(match.start(), match.group(1)) for match in pattern.finditer(" " + lowered)]


@cache
def _passive_hint(keys: frozenset[str]) -> re.Pattern[str]:
    r"""What every match of :attr:`_Vocabulary.passive` holds in :func:`_lowered` text: an
    auxiliary ("is", "been", "be", the "s" of "’s"), spaces, perhaps one of its adverbs, and
    the first word of a participle. The stdlib ``\s`` holds every character the ``regex``
    one does. Far cheaper than searching with the pattern, which "said" would ask for in
    every other sentence. It opens on the character before the auxiliary, a class the
    engine skips ahead to (search the text after a space), not on a look-behind it would
    try at every character.
    """
    return compile_re(
        r"[^a-z0-9](?:is|are|was|were|been|be|being|s)\s+"
        r"(?:(?:also|now|still|increasingly|already|long|not)\s+)?"
        rf"(?:{letter_tree(keys)})(?![a-z0-9])"
    )


class _Vocabulary:
    """The attribution word lists and their patterns, each compiled on first use.

    Compiling is most of the cost of linting one short file (the ``regex`` compiler is pure
    Python), and an article may never need some of these patterns: a sentence without one
    of the words a pattern needs (:attr:`passive_keys`, :attr:`document_keys`) skips it, so
    such a pattern is never compiled. The reporting verbs and lead phrases are looked up by
    first word (:class:`_Keyed`) instead.
    """

    def __init__(self, words: dict[str, list[str]], *, narrowed: bool = False) -> None:
        self._words = words
        self._narrowed_once = narrowed
        self.document_nouns = frozenset(w.lower() for w in words["document_nouns"])
        self.vague_heads = frozenset(w.lower() for w in words["vague_heads"])
        self.vague_modifiers = frozenset(w.lower() for w in words["vague_modifiers"])
        self.keyed = _keyed()
        # The participle opens on a word of its own in every passive match ("is widely
        # expected"); a document noun does in every document reference.
        self.passive_keys = _keys(words["passive_participles"])
        nouns = _keys(words["source_documents"])
        self.document_keys = None if nouns is None else nouns | _RESPONDENT_WORDS
        every: set[str] = set()
        for keyed in self.keyed.values():
            every |= keyed.by_key.keys()
        every |= self.passive_keys or frozenset()
        every |= self.document_keys or frozenset()
        #: The words whose places in a document the finder needs.
        self.cue_keys = frozenset(every)
        #: Keys that only ever open a phrase of several words, with the second words those
        #: phrases have ("in": "a", "an", "court"…): a key followed by any other word can
        #: start no cue, and common words ("in", "as") would otherwise send most sentences
        #: through the whole search.
        self.openers = _openers(self.keyed.values(), self.passive_keys, self.document_keys)

    def for_document(self, doc: Document) -> _Vocabulary:
        """The vocabulary to search ``doc`` with: for the first document of a process, one
        whose patterns hold only the words that occur in it, else this one.

        A single-file run compiles each pattern once, and a pattern of the few words an
        article uses compiles many times faster than one of all of them. A word none of whose
        required letters occur in the document cannot match anything in it (every text
        searched is part of the document), so the matches are the same; a key that is not
        a word of the (quote-blanked) document is never looked up in it.
        """
        if self._narrowed_once:
            return self
        self._narrowed_once = True
        folded = self.fold(doc.text)
        words = {
            name: [w for w in listed if _may_occur(w, folded)] if name in _PATTERN_LISTS else listed
            for name, listed in self._words.items()
        }
        narrowed = _Vocabulary(words, narrowed=True)
        present = _ASCII_RUN.findall(_lowered(doc.service("attribution-unquoted", _unquoted)))
        narrowed.cue_keys = self.cue_keys.intersection(present)
        return narrowed

    @cached_property
    def cue_pattern(self) -> re.Pattern[str]:
        """The pattern of the words the finder needs: keys that only open a phrase of several
        words only where one of its second words follows."""
        keys = self.cue_keys
        by_after: dict[frozenset[str], set[str]] = {}
        for key, after in self.openers.items():
            if key in keys:
                by_after.setdefault(after, set()).add(key)
        # In an order of their own: the pattern's source must not depend on string hashing.
        openers = sorted(
            ((frozenset(opening), after) for after, opening in by_after.items()),
            key=lambda pair: sorted(pair[0]),
        )
        return _cue_pattern(keys, tuple(openers))

    @staticmethod
    def fold(text: str) -> str:
        """``text`` case-folded so that a word the patterns match in it (case-insensitively,
        simple folding) is a substring: "İ" matches "i" but full folding makes it two
        characters."""
        return text.replace("\u0130", "i").casefold()

    @cached_property
    def scheduling(self) -> _Lazy:
        return _bounded(self._words["scheduling_verbs"])

    @cached_property
    def vague_post(self) -> _Lazy:
        return _bounded(self._words["vague_postmodifiers"])

    @cached_property
    def document_ref(self) -> _Lazy:
        return _document_reference(self._words["source_documents"])

    @cached_property
    def passive(self) -> _Lazy:
        # Keep :func:`_passive_hint` in step with the words before the participle.
        participles = _alternation(self._words["passive_participles"])
        return _Lazy(
            rf"""(?<![\w-])
            (?P<it>it\s+)?
            (?:is|are|was|were|has\s+been|have\s+been|had\s+been|will\s+be|would\s+be|be|being|'s|’s)
            \s+(?:(?:also|now|still|increasingly|already|long|not)\s+)?
            (?P<participle>{participles})
            (?:\s+by\s+(?P<agent>[^,.;:]{{1,60}}?))?
            \s+(?P<link>to|that|as|on|in|at|for)(?![\w-])""",
            regex.IGNORECASE | regex.VERBOSE,
        )


#: The word lists that become patterns (the others are looked up as sets).
_PATTERN_LISTS = frozenset(
    "passive_participles scheduling_verbs vague_postmodifiers source_documents".split()
)


def _may_occur(word: str, folded: str) -> bool:
    """Whether the pattern of ``word`` can match a text whose :meth:`_Vocabulary.fold` is
    ``folded``."""
    parts = word.strip().lower().split()
    if parts and all(part.isascii() and part.isalnum() for part in parts):
        # Plain words match only themselves (case aside): any one of them is required.
        return max(parts, key=len) in folded
    literals = required_literals(_alternation([word]))
    return literals is None or any(literal in folded for literal in literals)


@cache
def _vocabulary() -> _Vocabulary:
    return _Vocabulary(lexicon())


def _document_reference(nouns: Iterable[str]) -> _Lazy:
    """A named or already-introduced document: "a New York Times report", "the survey",
    "Gallup's poll", "those questioned". It attributes the sentence it appears in."""
    alternation = _alternation(nouns)
    return _Lazy(
        rf"""(?<![\w-])(?:
        (?P<anaphor>(?i:the|this|that|these|its|their|his|her)\s+(?:latest\s+|new\s+|same\s+|
            official\s+|annual\s+|monthly\s+|quarterly\s+|full\s+)?(?:{alternation}))
        |(?P<named>(?:an?\s+|the\s+)?(?:\p{{Lu}}[\p{{L}}.&-]*\s+){{1,5}}(?:{alternation}))
        |(?P<owner>\p{{Lu}}[\p{{L}}.&-]*(?:\s+\p{{Lu}}[\p{{L}}.&-]*){{0,4}}[’']s\s+
            (?:[\p{{Ll}}-]+\s+)?(?:{alternation}))
        |(?P<respondents>(?:those|people|adults|voters)\s+(?:questioned|surveyed|polled|asked|
            interviewed)|respondents)
        )(?![\w-])""",
        regex.VERBOSE | regex.VERSION0,
    )


# --- finding attributions in one sentence -----------------------------------------------------

_PRONOUNS = frozenset("he she they it we i you who".split())
_DETERMINERS = frozenset(
    "the this that these those its his her their our my your whose said such".split()
)
# Words that end a subject phrase when read backwards from the verb.
#: People whose findings are evidence ("researchers found"); vague unless named.
_EXPERT_HEADS = frozenset(
    "researchers scientists experts analysts economists investigators scholars academics "
    "sources".split()
)
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
_SKIP_BEFORE_VERB = compile_regex(rf"(?:\s|\b(?:{'|'.join(_SKIPS)})\b)+$", regex.IGNORECASE)
_WORD = compile_regex(r"[\p{L}\p{N}](?:[\p{L}\p{N}’'.&-]|,(?=\d{3}))*")
#: The last character that is neither a word character nor a space (searched backwards).
_NOT_WORD_OR_SPACE = compile_regex(r"[^\w\s]", regex.REVERSE)
#: The words a skip of :data:`_SKIP_BEFORE_VERB` can end on, but the word after "last" or "on".
_SKIP_LAST_WORDS = frozenset(
    last for skip in _SKIPS if (last := skip.rsplit(r"\s+", 1)[-1]).isalpha()
)
#: Characters that are neither word characters nor spaces, as the patterns see them.
_PUNCTUATION = frozenset(",.;:!?()[]\"'“”‘’—–-")
#: Searched backwards (``REVERSE``): anchored at the end and only tested for a match, it
#: then fails fast at every other place instead of trying the pattern there.
_NEGATED = compile_regex(
    r"(?:\b(?:not|never|n[’']t|declined\s+to|refused\s+to|to|would\s+not|wouldn't|did\s+not)\s+)$",
    regex.IGNORECASE | regex.REVERSE,
)
#: Searched backwards (``REVERSE``): anchored at the end and only tested for a match, it
#: then fails fast at every other place instead of trying the pattern there.
_PASSIVE_BEFORE = compile_regex(
    r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+\s+)?$", regex.IGNORECASE | regex.REVERSE
)
#: Reporting words that are more often plural nouns ("the claims", "in battleground states").
_NOUN_LIKE = frozenset(
    "states notes reports claims comments estimates fears records counts projects forecasts "
    "finds shows".split()
)
_TIME_LATER = _Lazy(
    r"\b(?:on|by|next|this|later|until|before|after|in|early|late|from|within|at|tomorrow|"
    r"tonight|today)\s+(?:the\s+)?(?:coming\s+)?(?:monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday|week|weekend|month|year|january|february|march|april|may|june|july|"
    r"august|september|october|november|december|spring|summer|autumn|fall|winter|morning|"
    r"afternoon|evening|night|end|\d)|\b(?:tomorrow|tonight|later\s+today|shortly|soon)\b",
    regex.IGNORECASE,
)


class _Found(Record):
    """An attribution found in one sentence, before chains and pronouns are resolved."""

    fields = (
        "source",
        "cue",
        "cue_start",
        "cue_end",
        "source_start",
        "source_end",
        "kind",
        "position",
    )
    __slots__ = fields
    source: str
    cue: str
    cue_start: int
    cue_end: int
    source_start: int
    source_end: int
    kind: Kind
    position: Literal["lead", "trail"]

    def __init__(
        self,
        source: str,
        cue: str,
        cue_start: int,
        cue_end: int,
        source_start: int,
        source_end: int,
        kind: Kind,
        position: Literal["lead", "trail"],
    ) -> None:
        object.__setattr__(self, "source", source)
        object.__setattr__(self, "cue", cue)
        object.__setattr__(self, "cue_start", cue_start)
        object.__setattr__(self, "cue_end", cue_end)
        object.__setattr__(self, "source_start", source_start)
        object.__setattr__(self, "source_end", source_end)
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "position", position)


def _masked(doc: Document, start: int, end: int) -> str:
    """The text of ``[start, end)`` with quoted words blanked (offsets kept)."""
    return doc.service("attribution-unquoted", _unquoted)[start:end]


def _unquoted(doc: Document) -> str:
    """The document with the words of every outermost quotation blanked, made once: blanking
    per sentence went through every quotation for every sentence. Built from slices of the
    text and runs of spaces (the quotations are in order), not a list of its characters."""
    text = doc.text
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


def _subject_before(text: str, verb_start: int, floor: int) -> tuple[int, int] | None:
    """Offsets of the subject phrase ending just before a verb, or ``None``."""
    # Anchored-at-the-end patterns only need the last few words: searching the whole
    # sentence prefix would make long sentences quadratic.
    window = max(floor, verb_start - 80)
    if _only_a_space_skipped(text, verb_start, window):
        end = verb_start - 1
    else:
        # Every character a skip matches is a word character or a space: none starts before
        # the last other character (a cheap backward search), and the search from there
        # finds the same leftmost match without trying every position before it.
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
        # The piece before the appositive is the name ("Smith, a spokesman, said").
        cut = floor + len(",".join(pieces[:-1]))
        return _trailing_phrase(text, floor, cut)
    return _trailing_phrase(text, floor, end)


def _only_a_space_skipped(text: str, verb_start: int, window: int) -> bool:
    """Whether the skip before a verb is just the space before it ("Smith said", "…," said),
    known without the search (most verbs).

    A skip is a run of spaces and of words that each end on a word of
    :data:`_SKIP_LAST_WORDS` or follow "last" or "on". Before the space there is punctuation,
    which no skip holds, or a plain word: unless it is one of those, or may follow "last" or
    "on", nothing of the skip comes before the space.
    """
    if verb_start - 2 < window or text[verb_start - 1] != " ":
        return False
    if text[verb_start - 2] in _PUNCTUATION:
        return True
    space = text.rfind(" ", window, verb_start - 1)
    if space < 0 and window:
        return False  # the word may begin before the window
    word = text[space + 1 : verb_start - 1]
    if not (word.isascii() and word.isalnum()) or word.lower() in _SKIP_LAST_WORDS:
        return False
    if space < 0:
        return True  # the text opens on the word
    # Folded, "ſ" is an "s", as case-insensitive matching takes it.
    previous = text[max(0, space - 12) : space].rstrip().casefold()
    return bool(previous) and not previous.endswith(("on", "last"))


def _trailing_phrase(text: str, floor: int, end: int) -> tuple[int, int] | None:
    # Only the last nine words count, fewer when a clause word or punctuation comes first. No
    # word holds a space, so the words after a space are those a search from the floor finds
    # there: read the words after a space near the end, and further back only when the
    # phrase may begin before them. Plain words are read without the pattern.
    span = _plain_phrase(text, floor, end)
    if span is not _READ_FURTHER:
        return span
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


def _plain_phrase(text: str, floor: int, end: int) -> tuple[int, int] | None:
    """What :func:`_phrase_of` gives for the words before ``end``, read without the word
    pattern where they are plain: ASCII letters and digits one space apart, which are each a
    word of it, up to one with a comma after it, which ends the phrase. Else
    :data:`_READ_FURTHER`."""
    if end <= floor or not (text[end - 1].isascii() and text[end - 1].isalnum()):
        return _READ_FURTHER
    start = at = end  # the phrase so far begins at ``start``; the next word ends at ``at``
    for _ in range(9):
        space = text.rfind(" ", floor, at)
        word = text[space + 1 if space >= 0 else floor : at]
        if not (word.isascii() and word.isalnum()):
            if at != end and word[-1:] == "," and word[:-1].isascii() and word[:-1].isalnum():
                break  # a comma between this word and the phrase
            return _READ_FURTHER
        if word.lower() in _CLAUSE_WORDS:
            break
        start = at - len(word)
        if space < 0:
            break  # the first word since the floor
        at = space
    return (start, end) if start < end else None


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


_AFTER_PHRASE = compile_regex(
    r"\s*(?P<phrase>[^,;:—–()\"“”!?\n]{1,90}?)(?=\s*(?:[,;:—–)!?\"“”]|\.(?:\s|$)|$))"
)


def _phrase_after(text: str, start: int, end: int) -> tuple[int, int] | None:
    """A source phrase right after ``start`` (inverted order: "…, said the minister")."""
    match = _AFTER_PHRASE.match(text, start, end)
    if not match or not _WORD.search(match.group("phrase")):
        return None
    return match.start("phrase"), match.end("phrase")


# Subjects repeat ("he", "the minister"), within an article and across a run: these depend
# only on the phrase and the vocabulary, so their answers are kept.
@lru_cache(maxsize=4096)
def _classify(phrase: str, vocab: _Vocabulary) -> Kind:
    """``named`` unless the phrase is headed by a vague noun that nothing pins down."""
    words = _WORD.findall(phrase)
    if not words:
        return "vague"
    post = vocab.vague_post.search(phrase)
    core_words = _WORD.findall(phrase[: post.start()]) if post else words
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
    modifiers = core_words[:-1]
    for word in modifiers:
        lower = word.lower()
        if lower in _DETERMINERS or lower.endswith(("’s", "'s")):
            return "named"
        if _is_proper(word, vocab):
            return "named"
        if _NUMBER_WORD.fullmatch(word):
            continue
    return "vague"


def _is_proper(word: str, vocab: _Vocabulary) -> bool:
    """A capitalised word that is not one of the vague vocabulary's own words."""
    if not word[:1].isupper():
        return False
    lower = word.lower().rstrip("’'s") if word.lower().endswith(("’s", "'s")) else word.lower()
    common = vocab.vague_heads | vocab.vague_modifiers | _DETERMINERS | _PRONOUNS
    return lower not in common and lower not in {"according", "but", "and", "so", "yet"}


def _three_words(text: str) -> bool:
    """Whether ``text`` holds three words or more: at once when its first three pieces
    between spaces each open on an ASCII letter or digit (no word holds a space, so each
    holds a word of its own)."""
    pieces = text.split(None, 3)
    if len(pieces) >= 3:
        openings = pieces[0][0] + pieces[1][0] + pieces[2][0]
        if openings.isascii() and openings.isalnum():
            return True
    return len(list(islice(_WORD.finditer(text), 3))) == 3


def _find_in_sentence(
    doc: Document, sentence: Sentence, vocab: _Vocabulary, words: Sequence[tuple[int, str]]
) -> list[_Found]:
    """Every attribution cue in one sentence (quoted words excluded).

    ``words`` holds, in order, the offset in the sentence and the :func:`_lowered` form of at
    least every word of it that is one of ``vocab.cue_keys`` (see :func:`_sentence_words`).
    """
    if not words and vocab.passive_keys is not None and vocab.document_keys is not None:
        return []  # every cue opens on, or holds, one of the words looked for
    start, end = sentence.start, sentence.end
    text = _masked(doc, start, end)
    if not text.strip(" \"“”‘’'«»"):
        return []
    present = {key for _, key in words}
    keyed = vocab.keyed
    lowered = _lowered(text)
    found: list[_Found] = []
    taken: list[tuple[int, int]] = []

    def overlaps(a: int, b: int) -> bool:
        for x, y in taken:  # noqa: SIM110 (a loop: no generator object per candidate)
            if a < y and x < b:
                return True
        return False

    def add(item: _Found) -> None:
        found.append(item)
        taken.append((item.cue_start - start, item.cue_end - start))

    raw = doc.text[start:end]

    def position_of(cue_end: int, source_end: int) -> Literal["lead", "trail"]:
        """``trail`` when little but the source follows the cue ("…, the report said.")."""
        return "lead" if _three_words(raw[max(cue_end, source_end) :]) else "trail"

    # "according to X", "in a statement", "figures from X"
    for a, b in keyed["lead"].finditer(text, lowered, words):
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

    # a named or already-introduced document: "a New York Times report", "the survey"
    document_keys = vocab.document_keys
    document_ref = document_keys is None or not document_keys.isdisjoint(present)
    for match in vocab.document_ref.finditer(text) if document_ref else ():
        if overlaps(match.start(), match.end()):
            continue
        phrase = match.group().strip()
        if not match.group("respondents") and not (
            _THAT_OR_PUNCT_AHEAD.match(text[match.end() :]) or _ANY_DIGIT.search(raw)
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
    passive_keys = vocab.passive_keys
    passive = passive_keys is None or (
        not passive_keys.isdisjoint(present) and _passive_hint(passive_keys).search(f" {lowered}")
    )
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
        link = match.group("link").lower()
        if link not in {"to", "that"} and not (
            participle.startswith(("widely", "generally")) and link == "as"
        ):
            continue
        if participle.endswith("expected") and link == "to":
            rest = text[match.end() : len(text)]
            if _is_scheduled(rest, vocab):
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

    for a, b in keyed["adverb"].finditer(text, lowered, words):
        add(_Found("", text[a:b], start + a, start + b, start + a, start + a, "passive", "lead"))

    # reporting verbs with a subject, or inverted
    for name, evidence in (("speech", False), ("evidence", True)):
        for a, b in keyed[name].finditer(text, lowered, words):
            if overlaps(a, b):
                continue
            before = text[max(0, a - 80) : a]
            if _negated_or_passive(before):
                continue
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
            if not evidence and not _plausible_speaker(phrase, vocab):
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


_NOUN_AFTER = _Lazy(
    r"\s+(?:is|are|was|were|have|has|had|will|would|may|might|could|can|should|must|of|from|"
    r"in|on|about|by|for|and|or)\b",
    regex.IGNORECASE,
)
_AUX_BEFORE_SUBJECT = compile_regex(r"\b(?:nor|neither|no|not)\s*$", regex.IGNORECASE)


#: The words :data:`_PASSIVE_BEFORE` opens on.
_AUXILIARIES = ("is", "are", "was", "were", "be", "been", "being")


def _negated_or_passive(before: str) -> bool:
    """Whether a reporting verb after ``before`` is negated ("did not say") or passive ("is
    reported"): :data:`_NEGATED` or :data:`_PASSIVE_BEFORE` matches at its end.

    Both end on spaces after a word: :data:`_NEGATED` on one that ends in "t", "r" or "o",
    :data:`_PASSIVE_BEFORE` on an auxiliary, perhaps with one more word after it. Most
    verbs follow other words, known without a search.
    """
    if not before[-1:].isspace():
        return False  # each space the patterns match is one to ``str.isspace``
    if before.rstrip()[-1:] in _NEGATED_ENDS and _NEGATED.search(before):
        return True
    last = before.rsplit(None, 2)[-2:]
    if all(word.isascii() for word in last) and not any(
        word.lower().endswith(_AUXILIARIES) for word in last
    ):
        return False  # no auxiliary ends either of the last two words
    return _PASSIVE_BEFORE.search(before) is not None


#: The last letters of the words :data:`_NEGATED` matches ("not", "never", "to").
_NEGATED_ENDS = frozenset("tTrRoO")


def _used_as_noun(text: str, start: int, end: int, vocab: _Vocabulary) -> bool:
    """Whether a reporting word is a noun here: "recent reports indicate", "his comments"."""
    word = text[start:end].lower()
    if _article_before(text[max(0, start - 60) : start]):
        return True  # "an estimated 300", "the reported figure"
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
    if following and (
        vocab.keyed["speech"].fullmatch(following.group(1))
        or vocab.keyed["evidence"].fullmatch(following.group(1))
    ):
        return True
    previous = _LETTERS_BEFORE.search(text[max(0, start - 60) : start])
    return bool(previous) and (
        previous.group(1).lower() in _DETERMINERS
        or previous.group(1).lower().endswith(("’s", "'s"))
        or previous.group(1).lower() in vocab.vague_modifiers
    )


def _article_before(before: str) -> bool:
    """Whether :data:`_ARTICLE_BEFORE` matches ``before``: it ends on spaces after "a", "an"
    or "the", so after a letter that is an ASCII "a", "n" or "e"."""
    if not before[-1:].isspace():
        return False  # each space the pattern matches is one to ``str.isspace``
    last = before.rstrip()[-1:]
    if last.isascii() and last and last not in "aAnNeE":
        return False
    return _ARTICLE_BEFORE.search(before) is not None


def _not_a_source(text: str, subject: tuple[int, int]) -> bool:
    """A number ("2,700 reported injured") or a negated subject ("nor Moscow has confirmed")."""
    words = text[subject[0] : subject[1]].split()
    if _NUMBER_TOKEN.fullmatch(words[-1] if words else ""):
        return True
    before = text[max(0, subject[0] - 30) : subject[0]]
    # The pattern ends on "nor", "neither", "no" or "not" and spaces.
    last = before.rstrip()[-1:]
    if last.isascii() and last and last not in "rRoOtT":
        return False
    return _AUX_BEFORE_SUBJECT.search(before) is not None


def _inverted_slot(before: str) -> bool:
    """Whether a verb follows a comma or closing quote: the inverted "…," said X order."""
    stripped = before.rstrip()
    return stripped.endswith((",", '"', "”", "’", "'", "—", "–"))


@lru_cache(maxsize=4096)
def _plausible_speaker(phrase: str, vocab: _Vocabulary) -> bool:
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
    verb = vocab.scheduling.match(clause.lstrip())
    return bool(verb) or bool(_TIME_LATER.search(clause))


# --- building the map ---------------------------------------------------------------------------


def _sentence_words(
    doc: Document, vocab: _Vocabulary
) -> Callable[[Sentence], list[tuple[int, str]]]:
    """For each sentence, the words :func:`_find_in_sentence` needs, from one search of the
    whole (quote-blanked) document instead of a search of each sentence.

    A sentence's words are the document's words inside it, except where a word runs across
    the sentence's start or end: such a sentence is split into words on its own.
    """
    masked = doc.service("attribution-unquoted", _unquoted)
    # A key that only opens a phrase of several words is found only before a second word of
    # one (as _Keyed._match reads the next word). Reading on past the sentence's end can
    # only keep a key the sentence would drop; a word cut by the end is read alone.
    found = _cue_matches(vocab.cue_pattern, _lowered(masked))
    offsets = [offset for offset, _ in found]
    keys = [key for _, key in found]
    size = len(masked)

    def words(sentence: Sentence) -> list[tuple[int, str]]:
        start, end = sentence.start, sentence.end
        # A space on either side of a boundary (the usual case) is no word character.
        if (
            start > 0 and not masked[start - 1].isspace() and _RUN_ACROSS.match(masked, start - 1)
        ) or (end < size and not masked[end].isspace() and _RUN_ACROSS.match(masked, end - 1)):
            return [
                (match.start(), _lowered(match.group()))
                for match in _RUN.finditer(masked[start:end])
            ]
        first, last = bisect_left(offsets, start), bisect_left(offsets, end)
        return [(offsets[i] - start, keys[i]) for i in range(first, last)]

    return words


def _build(doc: Document) -> AttributionMap:
    vocab = _vocabulary().for_document(doc)
    words_of = _sentence_words(doc, vocab)
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
            here = _find_in_sentence(doc, sentence, vocab, words_of(sentence))
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
    # The pattern ends on the paragraph's last colon and spaces.
    text = doc.text
    colon = text.rfind(":", attribution.cue_end, paragraph_end)
    if colon < 0 or text[colon + 1 : paragraph_end].strip():
        return False
    return _COLON_HANDOFF.fullmatch(text[attribution.cue_end : paragraph_end]) is not None
