"""Which words must appear in a text before a pattern can match it.

Pack rules are long alternations of phrases, and a regex engine tries every alternative at
every character: on news copy, where these phrases are rare, nearly all of that work finds
nothing. :func:`required_literals` reads a pattern's source (no compiling) and returns a set
of lower-case literals such that any text the pattern matches contains at least one of them,
case-folded. A rule first looks for those literals with plain substring search, which is
many times faster than the pattern, and runs the pattern only where one is present; the
matches are exactly the same, because a text without any of the literals cannot match.

The analysis is deliberately conservative: it understands the syntax packs use (groups,
alternation, classes, escapes, quantifiers, lookaround, inline flags) and returns ``None``,
meaning "always run the pattern", for anything it does not.
"""

from __future__ import annotations

#: Characters with a meaning outside a class; every other character matches itself.
_META = frozenset("\\^$.|?*+()[]{}")
#: Escapes that stand for one position or one character of a class: no literal text.
_SIMPLE_ESCAPES = frozenset("abBdDfnrsStvwWAZGmMhKXR")


class _Unknown(Exception):
    """Syntax the analysis does not model; the caller must not filter."""


Requirement = frozenset[str] | None


def required_literals(pattern: str, *, min_length: int = 1) -> Requirement:
    """Case-folded literals, one of which occurs in every text ``pattern`` matches.

    ``None`` when no such set is known (a branch with no literal of ``min_length``
    characters or more, or syntax outside what is modelled).
    """
    parser = _Parser(pattern, min_length)
    try:
        found = parser.alternation()
    except (_Unknown, IndexError):
        return None
    if parser.pos != len(pattern):
        return None
    return found


class _Parser:
    def __init__(self, source: str, min_length: int) -> None:
        self.source = source
        self.pos = 0
        self.min_length = min_length

    def _peek(self, offset: int = 0) -> str:
        index = self.pos + offset
        return self.source[index] if index < len(self.source) else ""

    def alternation(self) -> Requirement:
        """Branches up to an unmatched ``)`` or the end: every branch must have a literal."""
        branches = [self.sequence()]
        while self._peek() == "|":
            self.pos += 1
            branches.append(self.sequence())
        if any(branch is None for branch in branches):
            return None
        return frozenset().union(*branches)  # type: ignore[arg-type]

    def sequence(self) -> Requirement:
        """One branch: the most selective requirement among its parts."""
        candidates: list[frozenset[str]] = []
        run: list[str] = []

        def flush() -> None:
            if len(run) >= self.min_length:
                candidates.append(frozenset({"".join(run).casefold()}))
            run.clear()

        while self.pos < len(self.source) and self._peek() not in "|)":
            char = self._peek()
            if char == "(":
                flush()
                inner = self._group()
                if not self._quantifier() and inner is not None:
                    candidates.append(inner)
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
                self.pos += 1
                if self._peek() in ("?", "*", "+", "{"):
                    flush()  # a quantified letter may be absent or repeated
                    self._quantifier()
                else:
                    run.append(char)
            else:  # ., ^, $, or a quantifier with nothing to repeat
                flush()
                self.pos += 1
                self._quantifier()
        flush()
        if not candidates:
            return None
        return max(candidates, key=lambda c: (min(len(x) for x in c), -len(c)))

    def _group(self) -> Requirement:
        """A group from its ``(`` past its ``)``: what it requires (lookaround: nothing)."""
        self.pos += 1
        lookaround = False
        if self._peek() == "?":
            self.pos += 1
            head = self._peek()
            if head in ("=", "!"):
                lookaround, self.pos = True, self.pos + 1
            elif head == "<" and self._peek(1) in ("=", "!"):
                lookaround, self.pos = True, self.pos + 2
            elif head in (":", ">"):
                self.pos += 1
            elif (head == "P" and self._peek(1) == "<") or head == "<":
                self.pos = self.source.index(">", self.pos) + 1
            else:
                self._inline_flags()
                if self._peek() == ")":  # (?i): flags for the rest of the pattern
                    self.pos += 1
                    return None
                self.pos += 1  # the ':' of (?i:...)
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
