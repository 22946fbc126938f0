"""Declarative rule packs: TOML files of rules that are data, not code.

A pack is read, validated and turned into :class:`PackRule` objects, which are ordinary
:class:`newslint.Rule` instances. A pack can never run code: its patterns are compiled by the
``regex`` module and always matched with a timeout, so a pattern that backtracks without end
is stopped and reported instead of hanging a commit hook. The format is documented in
``docs/packs.md``.

A rule's ``kind`` picks its matcher:

``phrases``
    A list of phrases, matched case-insensitively on word boundaries, any run of whitespace
    between words. A phrase may hold regex syntax when the rule sets ``literal = false``.
``regex``
    A list of ``regex`` patterns (case-insensitive unless ``case_sensitive = true``).
``line``
    Patterns that must match a whole line (stripped of surrounding whitespace):
    page furniture. Each finding carries a fix deleting the line.

Shared fields: ``skip_quotes`` (default true: no finding inside a quotation), ``scope``
(``sentence``, ``paragraph`` or ``document``: where ``min_count`` is counted), ``min_count``
(how many matches a scope needs before each is reported; default 1), ``unless`` (patterns:
skip a match whose sentence matches one), ``skip_headings`` (default true for phrases and
regex kinds), and the documentation keys ``what``, ``why``, ``known_problems``, ``options``,
``fix_safety``, ``references``.

A pack may also carry a top-level ``[lexicon]`` table: word lists that a Python rule of the
same family reads with :func:`load_lexicon`, so its vocabulary stays data, not code. The pack
loader itself ignores it.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Iterator
from functools import cached_property
from pathlib import Path
from typing import Any

import regex

from newslint.diagnostics import CATEGORIES, Finding
from newslint.document import Document
from newslint.hookspecs import RegisterPack, hookimpl
from newslint.prefilter import required_literals
from newslint.rule import Rule, RuleError

#: Seconds any one pack pattern may spend on one document before it is stopped.
MATCH_TIMEOUT = 2.0

KINDS = ("phrases", "regex", "line")
SCOPES = ("sentence", "paragraph", "document")

_RULE_KEYS = {
    "code",
    "name",
    "kind",
    "category",
    "severity",
    "summary",
    "message",
    "fix_title",
    "enabled",
    "preview",
    "phrases",
    "patterns",
    "literal",
    "case_sensitive",
    "skip_quotes",
    "skip_headings",
    "scope",
    "min_count",
    "unless",
    "fire",
    "quiet",
    "what",
    "why",
    "known_problems",
    "options",
    "fix_safety",
    "references",
    "source",
}
_PACK_KEYS = {"name", "description", "category", "source"}
_DOC_KEYS = {
    "what": "What it does",
    "why": "Why is this bad?",
    "known_problems": "Known problems",
    "options": "Options",
    "fix_safety": "Fix safety",
    "references": "References",
}


class PackError(ValueError):
    """A pack file is malformed; the message names the file and the problem."""


class PatternTimeout(RuntimeError):
    """A pack pattern ran past :data:`MATCH_TIMEOUT` on a document."""


def builtin_packs_dir() -> Path:
    """Where the shipped packs live: inside the wheel, or the checkout's ``rules/``."""
    inside = Path(__file__).parent / "rules"
    if inside.is_dir():
        return inside
    return Path(__file__).resolve().parents[2] / "rules"


@hookimpl
def newslint_register_packs(register: RegisterPack) -> None:
    for path in sorted(builtin_packs_dir().glob("*.toml")):
        register(path)


def load_pack(path: Path, *, builtin: bool = False) -> list[PackRule]:
    """Read one pack file. Raises :class:`PackError` with a one-line message."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise PackError(f"{path}: cannot read rule pack: {error.strerror or error}") from None
    except UnicodeDecodeError as error:
        raise PackError(f"{path}: rule pack is not UTF-8 (byte {error.start})") from None
    except tomllib.TOMLDecodeError as error:
        raise PackError(f"{path}: invalid TOML: {error}") from None
    pack = data.get("pack", {})
    unknown = set(data) - {"pack", "rule", "lexicon"}
    if unknown:
        raise PackError(f"{path}: unknown top-level key {sorted(unknown)[0]!r}")
    if not isinstance(pack, dict) or set(pack) - _PACK_KEYS:
        raise PackError(f"{path}: [pack] may hold only {', '.join(sorted(_PACK_KEYS))}")
    entries = data.get("rule", [])
    if not isinstance(entries, list):
        raise PackError(f"{path}: 'rule' must be an array of tables ([[rule]])")
    rules = []
    for index, entry in enumerate(entries):
        where = f"{path}: rule #{index + 1}"
        if isinstance(entry, dict) and "code" in entry:
            where = f"{path}: rule {entry['code']}"
        try:
            rules.append(PackRule(entry, pack, plugin=_plugin_name(path, builtin), lazy=builtin))
        except (RuleError, PackError, TypeError) as error:
            raise PackError(f"{where}: {error}") from None
    return rules


def load_lexicon(pack: str) -> dict[str, Any]:
    """The ``[lexicon]`` table of the built-in pack ``rules/<pack>.toml`` (empty if none)."""
    path = builtin_packs_dir() / f"{pack}.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise PackError(f"{path}: cannot read lexicon: {error}") from None
    lexicon = data.get("lexicon", {})
    if not isinstance(lexicon, dict):
        raise PackError(f"{path}: [lexicon] must be a table")
    return lexicon


#: Characters whose full case folding is more than one character (CaseFolding.txt status F:
#: ß, İ, ŉ, ǰ, Greek with iota subscripts, Latin and Armenian ligatures ...), padded to whole
#: blocks. Only where one occurs does full case folding match differently from simple.
_MULTI_FOLD = regex.compile(
    "[\u00df\u0130\u0149\u01f0\u0390\u03b0\u0587\u1e96-\u1e9e\u1f50-\u1f56"
    "\u1f80-\u1fff\ufb00-\ufb06\ufb13-\ufb17\U0001df00-\U0001dfff]"
)


#: Syntax whose meaning depends on the other alternatives of a pattern (back-references,
#: recursion, branch reset, global inline flags): such a pattern is never narrowed.
_UNSAFE_TO_NARROW = regex.compile(r"\\[0-9gk]|\(\?(?:P[=>]|[0-9&R|+-])|\(\?[a-zA-Z-]*\)")


def _has_multi_folds(doc: Document) -> bool:
    return _MULTI_FOLD.search(doc.text) is not None


def _fold_paragraphs(doc: Document) -> list[str]:
    return [paragraph.text.casefold() for paragraph in doc.paragraphs]


def _plugin_name(path: Path, builtin: bool) -> str:
    return f"newslint:rules/{Path(path).name}" if builtin else str(path)


def _as_list(value: Any, key: str) -> list[str]:
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise PackError(f"{key!r} must be a string or a list of strings")
    return list(value)


def _phrase_pattern(phrase: str, literal: bool) -> str:
    words = phrase.split()
    body = r"\s+".join(regex.escape(w) if literal else w for w in words)
    return rf"(?<![\w-]){body}(?![\w-])"


class PackRule(Rule):
    """A rule declared in a TOML pack."""

    def __init__(
        self, entry: dict[str, Any], pack: dict[str, Any], *, plugin: str, lazy: bool = False
    ) -> None:
        """``lazy`` defers compiling the patterns to the first document that needs them (the
        shipped packs, which the example tests compile); a user's pack is compiled at once,
        so a bad pattern is reported when the configuration loads."""
        super().__init__()
        if not isinstance(entry, dict):
            raise PackError("each [[rule]] must be a table")
        unknown = sorted(set(entry) - _RULE_KEYS)
        if unknown:
            raise PackError(f"unknown key {unknown[0]!r}")
        self.plugin = plugin
        self.code = str(entry.get("code", ""))
        self.name = str(entry.get("name", ""))
        self.category = str(entry.get("category", pack.get("category", "")))
        self.severity = entry.get("severity", "warning")
        self.summary = str(entry.get("summary", ""))
        self.message = str(entry.get("message", self.summary))
        self.enabled = bool(entry.get("enabled", True))
        self.preview = bool(entry.get("preview", False))
        self.kind = entry.get("kind", "phrases")
        if self.kind not in KINDS:
            raise PackError(f"kind {self.kind!r} is not one of {', '.join(KINDS)}")
        self.fix = "safe" if self.kind == "line" else "none"
        self.fix_title = str(
            entry.get("fix_title", "Delete the line" if self.kind == "line" else "")
        )
        self.fire = tuple(_as_list(entry.get("fire", []), "fire"))
        self.quiet = tuple(_as_list(entry.get("quiet", []), "quiet"))
        self.skip_quotes = bool(entry.get("skip_quotes", self.kind != "line"))
        self.skip_headings = bool(entry.get("skip_headings", self.kind != "line"))
        self.scope = entry.get("scope", "sentence")
        if self.scope not in SCOPES:
            raise PackError(f"scope {self.scope!r} is not one of {', '.join(SCOPES)}")
        self.min_count = int(entry.get("min_count", 1))
        self.source = str(entry.get("source", pack.get("source", "")))
        self._docs = {_DOC_KEYS[k]: str(entry[k]).strip() for k in _DOC_KEYS if k in entry}
        if self.category not in CATEGORIES:
            raise PackError(f"category {self.category!r} is not one of {', '.join(CATEGORIES)}")
        flags = regex.VERSION1 | regex.UNICODE
        if not entry.get("case_sensitive", False):
            flags |= regex.IGNORECASE
        if self.kind == "phrases":
            phrases = _as_list(entry.get("phrases", []), "phrases")
            literal = bool(entry.get("literal", True))
            sources = [_phrase_pattern(p, literal) for p in phrases]
        else:
            sources = _as_list(entry.get("patterns", []), "patterns")
        if not sources:
            raise PackError("needs 'phrases' or 'patterns'")
        if self.kind == "line":
            # A whole line may end in stray punctuation: "Read more.", "Share:".
            sources = [rf"(?:{s})[\s.!:;…]*" for s in sources]
        self._branches = tuple(f"(?:{s})" for s in sources)
        self._source = "|".join(self._branches)
        self._flags = flags
        unless = _as_list(entry.get("unless", []), "unless")
        self._unless_source = "|".join(f"(?:{s})" for s in unless) if unless else None
        # Words one of which every match contains: paragraphs without any are skipped.
        self._literals = required_literals(self._source)
        # Per alternative, for compiling only those a document can match (see _narrowed).
        self._branch_literals: tuple[frozenset[str] | None, ...] | None = None
        self._narrowed_once = False
        if not lazy:
            _ = self._pattern, self._unless
        self.validate()

    @cached_property
    def _pattern(self) -> regex.Pattern[str]:
        return self._compile(self._source, self._flags)

    @cached_property
    def _unless(self) -> regex.Pattern[str] | None:
        if self._unless_source is None:
            return None
        return self._compile(self._unless_source, self._flags)

    @cached_property
    def _simple_patterns(self) -> tuple[regex.Pattern[str], regex.Pattern[str] | None]:
        """The patterns with simple case folding: much cheaper to compile and to run, and
        the same matches on text that has no character folding to several (``ß``, ``ﬁ``)."""
        sources = (self._source, self._unless_source or "")
        if not self._flags & regex.IGNORECASE or any(map(_MULTI_FOLD.search, sources)):
            return self._pattern, self._unless
        unless = self._unless_source
        return (
            self._compile("(?-f)" + self._source, self._flags),
            self._compile("(?-f)" + unless, self._flags) if unless is not None else None,
        )

    def _patterns_for(
        self, doc: Document, searched: str | None = None
    ) -> tuple[regex.Pattern[str], regex.Pattern[str] | None]:
        """The pattern and ``unless`` pattern to run on ``doc`` (full case folding when the
        text needs it). ``searched`` is the case-folded text the pattern will match in, when
        that is less than the whole document."""
        if doc.service("multi-character-case-folds", _has_multi_folds):
            return self._pattern, self._unless
        narrowed = self._narrowed(doc, searched)
        if narrowed is not None:
            return narrowed
        return self._simple_patterns

    def _narrowed(
        self, doc: Document, searched: str | None = None
    ) -> tuple[regex.Pattern[str], regex.Pattern[str] | None] | None:
        """For the first document only: a pattern of just the alternatives whose required
        literals occur in ``doc`` (``None`` when that is all of them, or not the first).

        Compiling is the costliest part of linting one file (the ``regex`` compiler is pure
        Python), and one article needs only a few of a pack's phrases. An alternative none of
        whose required literals is in the document cannot match anywhere in it, so leaving it
        out of the alternation changes no match. Later documents use the whole pattern, so a
        corpus compiles it once, not once per combination of phrases.
        """
        if self._narrowed_once or "_simple_patterns" in self.__dict__:
            return None
        self._narrowed_once = True
        if not self._flags & regex.IGNORECASE or _UNSAFE_TO_NARROW.search(self._source):
            return None
        if any(map(_MULTI_FOLD.search, (self._source, self._unless_source or ""))):
            return None
        if self._branch_literals is None:
            self._branch_literals = tuple(required_literals(b) for b in self._branches)
        folded = searched
        if folded is None:
            folded = doc.service("casefolded-text", lambda d: d.text.casefold())
        kept = [
            branch
            for branch, literals in zip(self._branches, self._branch_literals, strict=True)
            if literals is None or any(literal in folded for literal in literals)
        ]
        if len(kept) == len(self._branches):
            return None
        unless = self._unless_source
        return (
            self._compile("(?-f)" + "|".join(kept), self._flags),
            self._compile("(?-f)" + unless, self._flags) if unless is not None else None,
        )

    def _compile(self, source: str, flags: int) -> regex.Pattern[str]:
        try:
            return regex.compile(source, flags)
        except regex.error as error:
            raise PackError(f"bad pattern: {error}") from None

    def doc_sections(self) -> dict[str, str]:
        sections = dict(self._docs)
        if self.source and "References" not in sections:
            sections["References"] = f"Lexicon source: {self.source}"
        return sections

    # --- matching --------------------------------------------------------------------------

    def check(self, doc: Document) -> Iterable[Finding]:
        if self.kind == "line":
            yield from self._check_lines(doc)
            return
        matches = list(self._matches(doc))
        if self.min_count > 1:
            matches = self._dense(doc, matches)
        for start, end in matches:
            yield self.finding(start, end, self.message.replace("{match}", doc.text[start:end]))

    def _finditer(
        self, pattern: regex.Pattern[str], text: str, start: int, end: int
    ) -> Iterator[regex.Match[str]]:
        try:
            yield from pattern.finditer(text, start, end, timeout=MATCH_TIMEOUT)
        except TimeoutError:
            raise self._timed_out() from None

    def _timed_out(self) -> PatternTimeout:
        return PatternTimeout(
            f"pattern of {self.code} ({self.plugin}) ran past {MATCH_TIMEOUT:g}s and was stopped"
        )

    def _present_literals(self, doc: Document) -> tuple[str, ...] | None:
        """This rule's required literals that occur in ``doc``; ``None`` when it has none
        (every paragraph must then be searched)."""
        if self._literals is None:
            return None
        folded = doc.service("casefolded-text", lambda d: d.text.casefold())
        return tuple(literal for literal in self._literals if literal in folded)

    def _matches(self, doc: Document) -> Iterator[tuple[int, int]]:
        text = doc.text
        present = self._present_literals(doc)
        if present is not None and not present:
            return
        folded = doc.service("casefolded-paragraphs", _fold_paragraphs) if present else None
        pattern, unless = self._patterns_for(doc)
        for paragraph in doc.paragraphs:
            if self.skip_headings and paragraph.is_heading:
                continue
            if folded is not None and not any(w in folded[paragraph.index] for w in present):
                continue
            for match in self._finditer(pattern, text, paragraph.start, paragraph.end):
                start, end = match.span()
                if start == end:
                    continue
                if self.skip_quotes and doc.in_quote(start, end):
                    continue
                if unless is not None:
                    sentence = doc.sentence_at(start)
                    if sentence is not None and unless.search(sentence.text, timeout=MATCH_TIMEOUT):
                        continue
                yield start, end

    def _dense(self, doc: Document, matches: list[tuple[int, int]]) -> list[tuple[int, int]]:
        groups: dict[int, list[tuple[int, int]]] = {}
        for start, end in matches:
            if self.scope == "document":
                key = 0
            elif self.scope == "paragraph":
                paragraph = doc.paragraph_at(start)
                key = paragraph.index if paragraph else -1
            else:
                sentence = doc.sentence_at(start)
                key = sentence.index if sentence else -1
            groups.setdefault(key, []).append((start, end))
        return [m for group in groups.values() if len(group) >= self.min_count for m in group]

    def _check_lines(self, doc: Document) -> Iterator[Finding]:
        present = self._present_literals(doc)
        if present is not None and not present:
            return
        # The lines a match is possible in, found before the pattern is compiled: a
        # document with none never compiles it, and the others compile only the
        # alternatives those lines can match.
        candidates: list[tuple[int, int, str]] = []
        for line in doc.lines:
            stripped = line.text.strip()
            if not stripped or len(stripped) > 300:
                continue
            if present is not None and not any(w in stripped.casefold() for w in present):
                continue
            start = line.start + len(line.text) - len(line.text.lstrip())
            candidates.append((start, start + len(stripped), stripped))
        if not candidates:
            return
        searched = "\n".join(stripped.casefold() for _, _, stripped in candidates)
        pattern, _ = self._patterns_for(doc, searched)
        for start, end, stripped in candidates:
            try:
                matched = pattern.fullmatch(doc.text, start, end, timeout=MATCH_TIMEOUT)
            except TimeoutError:
                raise self._timed_out() from None
            if matched:
                edit = self.delete_lines_edit(doc, start, end)
                message = self.message.replace("{match}", stripped)
                yield self.finding(start, end, message, edits=[edit])
