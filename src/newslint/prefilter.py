"""Which words must appear in a text before a pattern can match it.

Pack rules are long alternations of phrases, and a regex engine tries every alternative at
every character: on news copy, where these phrases are rare, nearly all of that work finds
nothing. :func:`required_literals` reads a pattern's source (no compiling) and returns a set
of lower-case literals such that any text the pattern matches contains at least one of them,
case-folded. A rule first looks for those literals with plain substring search, which is
many times faster than the pattern, and runs the pattern only where one is present; the
matches are exactly the same, because a text without any of the literals cannot match.

:func:`literal_requirements` gives every such set a pattern has, not just the most
selective one ("more or less" needs "more", "or" and "less"): a text must hold a literal of
each. :class:`LiteralIndex` finds which of many literals a text holds in one pass over its
whitespace-separated chunks, remembering each chunk it has seen, instead of one substring
search of the whole text per literal.

The analysis is deliberately conservative: it understands the syntax packs use (groups,
alternation, classes, escapes, quantifiers, lookaround, inline flags) and returns ``None``,
meaning "always run the pattern", for anything it does not.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Iterable
from contextlib import suppress
from functools import cache
from typing import Any

import regex

from newslint.patterncache import compile_re, compile_regex

#: Characters with a meaning outside a class; every other character matches itself.
_META = frozenset("\\^$.|?*+()[]{}")
#: A run of characters that match themselves (read at once, not one character at a time).
_PLAIN_RUN = compile_re(r"[^\\^$.|?*+()\[\]{}]+")
#: Escapes that stand for one position or one character of a class: no literal text.
_SIMPLE_ESCAPES = frozenset("abBdDfnrsStvwWAZGmMhKXR")


class _Unknown(Exception):
    """Syntax the analysis does not model; the caller must not filter."""


Requirement = frozenset[str] | None
#: Sets of literals a text must hold one of each of (``None``: no set is known).
Requirements = tuple[frozenset[str], ...] | None


def required_literals(pattern: str, *, min_length: int = 1) -> Requirement:
    """Case-folded literals, one of which occurs in every text ``pattern`` matches.

    ``None`` when no such set is known (a branch with no literal of ``min_length``
    characters or more, or syntax outside what is modelled).
    """
    found = _parse(pattern, min_length, flatten=False)
    return None if found is None else _best(found)


def literal_requirements(pattern: str) -> Requirements:
    """Every set of case-folded literals of which each text ``pattern`` matches holds one.

    The most selective of them is :func:`required_literals`; the others let a filter skip
    a text that holds "more" but not "or" and "less" for ``more\\s+or\\s+less``.
    """
    found = _parse(pattern, 1, flatten=True)
    return None if found is None else tuple(found)


def _parse(pattern: str, min_length: int, *, flatten: bool) -> list[frozenset[str]] | None:
    parser = _Parser(pattern, min_length, flatten)
    try:
        found = parser.alternation()
    except (_Unknown, IndexError):
        return None
    if parser.pos != len(pattern):
        return None
    return found


def _best(candidates: list[frozenset[str]]) -> frozenset[str]:
    """The most selective set: the one whose shortest literal is longest, then the smallest."""
    return max(candidates, key=lambda c: (min(len(x) for x in c), -len(c)))


class _Parser:
    def __init__(self, source: str, min_length: int, flatten: bool = False) -> None:
        self.source = source
        self.pos = 0
        self.min_length = min_length
        #: Whether a group's own requirements join its sequence's (else only its best set).
        self.flatten = flatten

    def _peek(self, offset: int = 0) -> str:
        index = self.pos + offset
        return self.source[index] if index < len(self.source) else ""

    def alternation(self) -> list[frozenset[str]] | None:
        """Branches up to an unmatched ``)`` or the end: every branch must have a literal.

        One branch: all its requirements. Several: one set, each branch's best together."""
        branches = [self.sequence()]
        while self._peek() == "|":
            self.pos += 1
            branches.append(self.sequence())
        if any(branch is None for branch in branches):
            return None
        if len(branches) == 1:
            return branches[0]
        return [frozenset().union(*(_best(branch) for branch in branches))]  # type: ignore[arg-type]

    def sequence(self) -> list[frozenset[str]] | None:
        """One branch: the requirements of its parts, in order."""
        candidates: list[frozenset[str]] = []
        run: list[str] = []
        source = self.source
        size = len(source)

        def flush() -> None:
            if len(run) >= self.min_length:
                candidates.append(frozenset({"".join(run).casefold()}))
            run.clear()

        while self.pos < size:
            char = source[self.pos]
            if char in "|)":
                break
            if char == "(":
                flush()
                inner = self._group()
                if not self._quantifier() and inner is not None:
                    if self.flatten:
                        candidates.extend(inner)
                    else:
                        candidates.append(_best(inner))
            elif char == "[":
                flush()
                chars = self._class()
                if not self._quantifier() and chars is not None:
                    candidates.append(chars)
            elif char == "\\":
                flush()
                self._escape()
                self._quantifier()
            elif char not in _META:
                end = _PLAIN_RUN.match(source, self.pos).end()  # type: ignore[union-attr]
                if end < size and source[end] in "?*+{":
                    # the last letter is quantified: it may be absent or repeated
                    run.extend(source[self.pos : end - 1])
                    self.pos = end
                    flush()
                    self._quantifier()
                else:
                    run.extend(source[self.pos : end])
                    self.pos = end
            else:  # ., ^, $, or a quantifier with nothing to repeat
                flush()
                self.pos += 1
                self._quantifier()
        flush()
        return candidates or None

    def _open_group(self) -> bool | None:
        """Past a group's ``(`` and its opening (``?:``, ``?=``, ``?P<name>``, ``?i:``):
        whether the group is a lookaround; ``None`` for ``(?i)``, flags for the rest of the
        pattern, which is then passed whole."""
        self.pos += 1
        if self._peek() != "?":
            return False
        self.pos += 1
        head = self._peek()
        if head in ("=", "!"):
            self.pos += 1
            return True
        if head == "<" and self._peek(1) in ("=", "!"):
            self.pos += 2
            return True
        if head in (":", ">"):
            self.pos += 1
        elif (head == "P" and self._peek(1) == "<") or head == "<":
            self.pos = self.source.index(">", self.pos) + 1
        else:
            self._inline_flags()
            self.pos += 1  # the ':' of (?i:...), or the ')' of (?i)
            if self.source[self.pos - 1] == ")":
                return None
        return False

    def _group(self) -> list[frozenset[str]] | None:
        """A group from its ``(`` past its ``)``: what it requires (lookaround: nothing)."""
        lookaround = self._open_group()
        if lookaround is None:
            return None
        inner = self.alternation()
        if self._peek() != ")":
            raise _Unknown
        self.pos += 1
        return None if lookaround else inner

    def _inline_flags(self) -> None:
        start = self.pos
        while self._peek() and self._peek() in "aiLmsuxfwbeprV01-":
            self.pos += 1
        flags = self.source[start : self.pos]
        if not flags or "x" in flags.split("-")[0] or self._peek() not in (")", ":"):
            raise _Unknown  # verbose mode or syntax this analysis does not model
        if flags.startswith("V") or "V" in flags:
            raise _Unknown

    def _class(self) -> frozenset[str] | None:
        """Past a character class (nested sets included); its characters when it is a plain
        list of them (``[»›]``), else ``None``."""
        start = self.pos = self.pos + 1
        depth = 1
        if self._peek() == "^":
            self.pos += 1
        if self._peek() == "]":
            self.pos += 1
        while depth:
            char = self.source[self.pos]
            if char == "\\":
                self.pos += 2
                continue
            if char == "[" and self._peek(1) == ":":
                self.pos = self.source.index(":]", self.pos + 2) + 2
                continue
            if char == "[":
                depth += 1
            elif char == "]":
                depth -= 1
            self.pos += 1
        body = self.source[start : self.pos - 1]
        if not body or any(c in body for c in "\\[]^-&|~"):
            return None
        return frozenset(c.casefold() for c in body)

    def _escape(self) -> None:
        letter = self.source[self.pos + 1]
        self.pos += 2
        if not letter.isalnum():
            return  # an escaped punctuation mark: one literal character
        if letter in _SIMPLE_ESCAPES:
            return
        if letter == "x":
            if self._peek() == "{":
                self.pos = self.source.index("}", self.pos) + 1
            else:
                self.pos += 2
        elif letter in ("u", "U"):
            self.pos += 4 if letter == "u" else 8
        elif letter in ("p", "P", "N") and self._peek() == "{":
            self.pos = self.source.index("}", self.pos) + 1
        elif letter in ("p", "P"):
            self.pos += 1
        else:  # back-references, named lists, octal, \Q...: not modelled
            raise _Unknown

    def _quantifier(self) -> bool:
        """Consume a quantifier after an atom; True when it allows zero repetitions."""
        char = self._peek()
        if char in ("?", "*"):
            optional = True
            self.pos += 1
        elif char == "+":
            optional = False
            self.pos += 1
        elif char == "{":
            end = self.source.index("}", self.pos)
            body = self.source[self.pos + 1 : end]
            low = body.split(",")[0].strip()
            if not all(part.strip().isdigit() or not part.strip() for part in body.split(",")):
                raise _Unknown  # fuzzy matching {e<=1} and the like
            if body.count(",") > 1:
                raise _Unknown
            optional = low in ("", "0")
            self.pos = end + 1
        else:
            return False
        if self._peek() in ("?", "+"):  # lazy or possessive
            self.pos += 1
        return optional


class LiteralIndex:
    """Which of a set of literals occur in a case-folded text, found from its distinct words.

    A literal of letters and digits can only occur inside one run of letters and digits, so
    the literals a text holds are those its distinct words hold. News copy repeats its
    vocabulary from article to article: each word is scanned once and remembered, and a
    document costs a split and a set difference and intersection with the words seen,
    however many literals there are (one substring search of the whole text per literal
    costs far more). A literal of two letters ("in", "of") is in most texts, and in many of
    their words: it is searched for in the text itself, so that only the few words holding
    a longer literal are remembered with what they hold. A literal with other characters
    ("e-mail", "»") is searched for in the text itself, and only when the words in it are
    present.
    """

    #: Remembered words before the memory is cleared (a bound for very long runs).
    MEMO_LIMIT = 200_000

    def __init__(self) -> None:
        self._literals: set[str] = set()
        #: Literals with characters other than letters and digits, and the words in each.
        self._others: tuple[tuple[str, tuple[str, ...]], ...] = ()
        #: Literals of letters and digits (and the words of the others): those of two
        #: letters, and the longer ones.
        self._pairs: tuple[str, ...] = ()
        self._words: set[str] = set()
        #: Finds the longest of :attr:`_words` starting at each position of a word (built
        #: when first needed after literals are added).
        self._finder: re.Pattern[str] | None = None
        #: Per word of :attr:`_words`, those it holds (itself too).
        self._within: dict[str, frozenset[str]] = {}
        #: Per word seen (as split from a text, and without surrounding punctuation), the
        #: longer words it holds; and the words seen that hold one.
        self._memo: dict[str, frozenset[str]] = {}
        self._holding: set[str] = set()
        #: Bumped whenever literals are added: results for older versions are stale.
        self.version = 0

    def add(self, literals: Iterable[str]) -> None:
        """Also look for ``literals`` (case-folded) from now on."""
        new = set(literals) - self._literals
        if not new:
            return
        self._literals |= new
        words: set[str] = set()
        others = list(self._others)
        for literal in sorted(new):
            if literal.isalnum() and len(literal) > 1:
                words.add(literal)
            else:
                parts = tuple(x for x in _ALNUM_RUN.findall(literal) if len(x) > 1)
                words.update(parts)
                others.append((literal, parts))
        self._others = tuple(others)
        pairs = {word for word in words if len(word) == 2}
        self._pairs = tuple(sorted(pairs.union(self._pairs)))
        self._words |= words - pairs
        self._finder = None
        self._within = {}
        self._memo = {}
        self._holding = set()
        self.version += 1

    def present(self, folded: str) -> frozenset[str]:
        """The literals that occur in ``folded`` (a case-folded text)."""
        memo = self._memo
        if len(memo) > self.MEMO_LIMIT:
            memo.clear()
            self._holding.clear()
        chunks = set(folded.split())
        new = chunks.difference(memo)
        if new:
            self._learn(new)
        found = {pair for pair in self._pairs if pair in folded}
        for chunk in chunks.intersection(self._holding):
            found.update(memo[chunk])
        for literal, parts in self._others:
            if found.issuperset(parts) and literal in folded:
                found.add(literal)
        return frozenset(found.intersection(self._literals))

    def _scan(self, word: str) -> frozenset[str]:
        """The words of three letters or more in ``word``: those found where each longest
        one starts, and every word within those."""
        finder = self._finder
        if finder is None:
            if not self._words:
                return _NONE
            finder = self._finder = compile_re(f"(?=({letter_tree(self._words)}))")
        longest = finder.findall(word)
        if not longest:
            return _NONE
        if len(longest) == 1:
            return self._words_within(longest[0])
        return frozenset().union(*map(self._words_within, longest))

    def _words_within(self, word: str) -> frozenset[str]:
        """The words of three letters or more that ``word`` (one of them) holds."""
        within = self._within.get(word)
        if within is None:
            ends = range(3, len(word) + 1)
            pieces = {word[start:end] for end in ends for start in range(end - 2)}
            within = self._within[word] = frozenset(self._words.intersection(pieces))
        return within

    def _learn(self, chunks: Iterable[str]) -> None:
        """Remember what each of ``chunks`` holds, which are not remembered yet; remembered
        by chunk and by its word without surrounding punctuation, which the next "said," or
        "(said" shares."""
        memo = self._memo
        holding = self._holding
        for chunk in chunks:
            word = chunk.strip(_NOT_ALNUM)
            hits = memo.get(word)
            if hits is None:
                hits = memo[word] = self._scan(word)
                if hits:
                    holding.add(word)
            memo[chunk] = hits
            if hits:
                holding.add(chunk)


#: What a word that holds no literal holds.
_NONE: frozenset[str] = frozenset()


def letter_tree(words: Iterable[str]) -> str:
    """A pattern matching the longest of ``words`` that a text starts with: their letter
    tree, each node an alternation of its children by letter, optional where a word ends.
    (An alternation of the words as they are would try each of them at each position.)"""
    tree: dict[str, Any] = {}
    for word in words:
        node = tree
        for letter in word:
            node = node.setdefault(letter, {})
        node[""] = {}
    return _branches(tree)


def _branches(node: dict[str, Any]) -> str:
    """The pattern of the subtree under ``node`` (see :func:`letter_tree`)."""
    branches = [
        re.escape(letter) + _branches(child) for letter, child in sorted(node.items()) if letter
    ]
    if not branches:
        return ""
    if len(branches) == 1 and "" not in node:
        return branches[0]
    body = f"(?:{'|'.join(branches)})"
    return f"{body}?" if "" in node else body


#: Letters and digits (``str.isalnum``): the runs a literal of them lies within.
_ALNUM_RUN = compile_re(r"[^\W_]+")
#: Punctuation stripped from the ends of whitespace-separated chunks to get at their words
#: (none of it is a letter or digit, so no run of them is cut).
_NOT_ALNUM = ".,;:!?\"'()[]{}<>«»‹›“”„‘’‚—–-/\\|…*&%$#@+=~`^_•·"


#: Characters on which the stdlib ``re`` module (IGNORECASE) matches exactly as ``regex``
#: does with simple case folding, alone, in a class or as ``\w``, ``\s``, ``\d`` and their
#: negations (checked for every pair in ``tests/test_prefilter.py``): ASCII without the
#: control characters, Latin-1 and Latin Extended-A letters and signs (not dotted and
#: dotless i, or superscripts and fractions, which ``re`` counts as word characters), and
#: common typographic punctuation. A text and a pattern of only these may use ``re``.
RE_SAFE_CHARACTERS = (
    "\t\n\r\u0020-\u007e\u00a0-\u00b1\u00b4-\u00b8\u00ba-\u00bb\u00bf-\u012f"
    "\u0132-\u017f\u2010-\u2027\u2030-\u203e\u2041-\u2053\u2055-\u205e\u20ac\u2116"
    "\u2122\u2190-\u2193\u2212"
)
_RE_UNSAFE = compile_re(f"[^{RE_SAFE_CHARACTERS}]")
#: The letters and digits among the safe characters, as ``regex`` reads ``\p{L}`` and
#: ``\p{N}`` on them, case-insensitively or not (``tests/test_prefilter.py`` checks every
#: safe character): what ``re`` is given for those properties inside a class. (``\p{Lu}``
#: and ``\p{Ll}`` are left to ``regex``: case-insensitive, it reads them so that "µ" and "ß"
#: are capitals.)
_SAFE_PROPERTIES = {
    "L": "A-Za-z\u00aa\u00b5\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u012f\u0132-\u017f",
    "N": "0-9",
}
#: The syntax both modules read alike: characters, escapes of punctuation, ``\s \w \d
#: \b`` and their negations, ``\x..``, the letter and digit properties, plain,
#: named, non-capturing, atomic and lookaround groups, groups that switch case-insensitive
#: matching on or off, classes of single characters (a range or a nested set means
#: something else, or may), quantifiers and anchors.
_RE_TOKENS = (
    r"\\(?:[sSwWdDbBntr]|x[0-9a-fA-F]{2}|[^0-9A-Za-z]|p\{[LN]\})"
    r"|\[\^?-?(?:\\(?:[sSwWdDnt]|x[0-9a-fA-F]{2}|[^0-9A-Za-z]|p\{[LN]\})|[^\\\[\]-])+-?\]"
    r"|\{(?:\d+(?:,\d*)?|,\d+)\}"
    r"|\((?:\?(?::|>|=|!|<=|<!|P<[A-Za-z_][A-Za-z0-9_]*>|-?i:)|(?!\?))|[^\\\[\](){}]"
    r"|\)"
)
_PROPERTY = r"\\p\{([LN])\}"


@cache
def _re_source(source: str) -> str | None:
    r"""``source`` as ``re`` reads it the same as ``regex`` on safe text (``\p{L}``, a
    letter, outside a class becomes ``[^\W\d_]``, ``\p{N}`` becomes ``[0-9]``, and inside
    a class either becomes the safe characters that have it), or ``None`` when it cannot
    be."""
    if _RE_UNSAFE.search(source) or any(op in source for op in ("--", "&&", "||", "~~")):
        return None
    position = 0
    parts = []
    for token in compile_re(_RE_TOKENS).finditer(source):  # compiled once, or read back
        if token.start() != position:
            return None
        position = token.end()
        text = token.group()
        if text == r"\p{L}":
            text = r"[^\W\d_]"
        elif text.startswith("\\p"):
            text = f"[{_SAFE_PROPERTIES[text[3:-1]]}]"
        elif text.startswith("[") and "\\p{" in text:
            text = compile_re(_PROPERTY).sub(lambda m: _SAFE_PROPERTIES[m[1]], text)
        parts.append(text)
    return "".join(parts) if position == len(source) else None


def _re_compatible(source: str) -> bool:
    """Whether ``source`` means the same to ``re`` as to ``regex`` on safe text."""
    return _re_source(source) is not None


def _re_safe(doc: Any) -> bool:
    """Whether the text of a ``Document`` holds only :data:`RE_SAFE_CHARACTERS` (use it as
    ``doc.service("re-safe-text", _re_safe)``: computed once per document for every rule)."""
    return _RE_UNSAFE.search(doc.text) is None


class EnginePattern:
    """A ``regex`` pattern compiled on first use, by the engine that compiles it fastest for
    the text searched.

    Compiling is most of the cost of linting one short file (the ``regex`` compiler is pure
    Python), and many patterns serve rarer cases ("is expected to", a range, a sum of money)
    that many articles never reach. Where the stdlib ``re`` reads the pattern exactly as
    ``regex`` does on text of re-safe characters (:func:`_re_source`, tested character by
    character in ``tests/test_prefilter.py``; or ``re_source``, a form for ``re`` its
    caller's tests vouch for), a search of such a text runs on ``re``, which compiles two to
    four times faster; any other text runs on ``regex``. Each engine compiles at most once.
    """

    __slots__ = ("_args", "_pattern", "_re", "_re_source")

    def __init__(self, pattern: str, flags: int = 0, *, re_source: str | None = None) -> None:
        self._args = (pattern, flags)
        self._re_source = re_source
        self._pattern: regex.Pattern[str] | None = None
        #: The ``re`` pattern; ``None`` until first wanted, ``False`` when there can be none.
        self._re: re.Pattern[str] | bool | None = None

    def _regex(self) -> regex.Pattern[str]:
        if self._pattern is None:
            self._pattern = compile_regex(*self._args)
        return self._pattern

    def _for(self, text: str) -> regex.Pattern[str] | re.Pattern[str]:
        """The compiled pattern to search ``text`` with."""
        stdlib = self._re
        if stdlib is False or not re_safe_text(text):
            return self._regex()
        if stdlib is None:
            stdlib = self._re = self.stdlib() or False
            if stdlib is False:
                return self._regex()
        return stdlib  # type: ignore[return-value]

    def stdlib(self) -> re.Pattern[str] | None:
        """The pattern for ``re`` (compiled anew), or ``None`` where ``re`` may read it
        differently."""
        return _re_compiled(*self._args, re_source=self._re_source)

    def search(self, text: str, *args: Any) -> Any:
        return self._for(text).search(text, *args)

    def match(self, text: str, *args: Any) -> Any:
        return self._for(text).match(text, *args)

    def fullmatch(self, text: str, *args: Any) -> Any:
        return self._for(text).fullmatch(text, *args)

    def finditer(self, text: str, *args: Any) -> Any:
        return self._for(text).finditer(text, *args)

    def split(self, text: str, *args: Any) -> Any:
        return self._for(text).split(text, *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._regex(), name)


#: ``regex`` flags with the same meaning to ``re``; a pattern with any other flag
#: (``REVERSE``, ``FULLCASE``…) always runs on ``regex``.
_RE_FLAGS = {
    regex.IGNORECASE: re.IGNORECASE,
    regex.MULTILINE: re.MULTILINE,
    regex.DOTALL: re.DOTALL,
    regex.VERBOSE: re.VERBOSE,
}


def _re_compiled(
    pattern: str, flags: int, *, re_source: str | None = None
) -> re.Pattern[str] | None:
    """``pattern`` compiled by ``re``, or ``None`` where ``re`` could read it differently."""
    rest = flags & ~regex.VERSION0
    translated = _re_source(pattern) if re_source is None else re_source
    if translated is None:
        return None
    re_flags = 0
    for flag, same in _RE_FLAGS.items():
        if rest & flag:
            re_flags |= same
            rest &= ~flag
    if rest:
        return None
    try:
        return compile_re(translated, re_flags)
    except re.error:
        return None


#: Long texts tested by :func:`re_safe_text`, by identity, with the answer, the most
#: recently used last: a document's text, or a long sentence's, is searched many times
#: over with offsets between searches of short slices, and must be scanned once, not once
#: per search (which made a long document quadratic). The text is kept with its answer, so
#: an id is never mistaken for a later text's.
_tested: OrderedDict[int, tuple[str, bool]] = OrderedDict()
_TESTED_LIMIT = 16
#: Shorter texts are scanned every time: about as cheap as slicing them was.
_TESTED_MIN_LENGTH = 256


def re_safe_text(text: str) -> bool:
    """Whether ``text`` holds only re-safe characters."""
    if len(text) < _TESTED_MIN_LENGTH:
        return _RE_UNSAFE.search(text) is None
    key = id(text)
    known = _tested.get(key)
    if known is not None and known[0] is text:
        with suppress(KeyError):  # another thread may have dropped it meanwhile
            _tested.move_to_end(key)
        return known[1]
    safe = _RE_UNSAFE.search(text) is None
    _tested[key] = (text, safe)
    if len(_tested) > _TESTED_LIMIT:
        with suppress(KeyError):
            _tested.popitem(last=False)
    return safe


def leading_literals(pattern: str) -> frozenset[str] | None:
    """Case-folded texts one of which every match of ``pattern`` begins with, or ``None``
    when no such set is known.

    A line rule's alternative must match a whole line, and most alternatives open on a word
    of their own ("Share on", "Advertisement", "©"): a line that starts otherwise is not
    worth compiling the pattern for. Only the first thing each branch must match is read
    (after zero-width assertions); anything this does not model gives ``None``.
    """
    try:
        parser = _Leading(pattern)
        found = parser.alternation()
    except (_Unknown, IndexError, ValueError):
        return None
    if found is None or parser.pos != len(pattern) or "" in found:
        return None
    return found


class _Leading(_Parser):
    """The reader behind :func:`leading_literals`: the syntax :class:`_Parser` reads."""

    def __init__(self, source: str) -> None:
        super().__init__(source, 1)

    def alternation(self) -> frozenset[str] | None:  # type: ignore[override]
        """Branches up to an unmatched ``)`` or the end: every branch must have a start."""
        found: set[str] | None = set()
        while True:
            branch = self.sequence()
            if branch is None or found is None:
                found = None
            else:
                found |= branch
            if self._peek() != "|":
                break
            self.pos += 1
        return None if found is None else frozenset(found)

    def sequence(self) -> frozenset[str] | None:  # type: ignore[override]
        """One branch: what its first consuming item starts with (the rest is skipped)."""
        first: frozenset[str] | None = None
        decided = False
        while self.pos < len(self.source) and self.source[self.pos] not in "|)":
            start = self.pos
            char = self.source[start]
            atom: frozenset[str] | None
            zero_width = False
            if char == "(":
                atom, zero_width = self._group()
            elif char == "[":
                atom = self._class()
            elif char == "\\":
                letter = self._peek(1)
                if letter in ("b", "B", "A"):
                    zero_width = True
                atom = frozenset({letter}) if letter and not letter.isalnum() else None
                self._escape()
            elif char in "^$":
                self.pos += 1
                zero_width = True
                atom = None
            elif char in _META:  # ., or a quantifier with nothing to repeat
                self.pos += 1
                atom = None
            else:
                end = _PLAIN_RUN.match(self.source, self.pos).end()  # type: ignore[union-attr]
                run = self.source[self.pos : end]
                if end < len(self.source) and self.source[end] in "?*+{":
                    run = run[:-1]  # the last letter is quantified
                    end -= 1 if run else 0
                self.pos = end if run else self.pos + 1
                atom = frozenset({run.casefold()}) if run else None
            optional = self._quantifier()
            if decided or zero_width:
                continue
            decided = True
            first = None if optional else atom
        return first if decided else None

    def _group(self) -> tuple[frozenset[str] | None, bool]:  # type: ignore[override]
        """A group from its ``(`` past its ``)``: what it starts with, and whether it is a
        lookaround (zero width)."""
        lookaround = self._open_group()
        if lookaround is None:
            raise _Unknown  # (?i): flags for the rest of the pattern
        found = self.alternation()
        if self._peek() != ")":
            raise _Unknown
        self.pos += 1
        return (None if lookaround else found), lookaround
