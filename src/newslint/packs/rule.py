"""The rule a pack entry becomes: its fields checked, its phrases and patterns matched through
:mod:`newslint.text.matching`.

A rule's ``kind`` picks how its entries match:

``phrases``
    Words and phrases, case-insensitive, on word boundaries, ``{a|b}`` for families; and
    ``patterns`` beside them (``regex``, also on word boundaries) for what a list cannot
    say: the context before or after the words. With ``literal = false`` every phrase is
    read as a pattern.
``regex``
    ``regex`` patterns (case-insensitive unless ``case_sensitive = true``).
``line``
    Patterns that must match a whole line (stripped of surrounding whitespace): page
    furniture. Each finding carries a fix deleting the line.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import regex

from newslint.analysis.attribution import attribution_of
from newslint.diagnostics import CATEGORIES, Finding
from newslint.rule import Rule
from newslint.text.document import Document, Sentence
from newslint.text.matching import MATCH_TIMEOUT, Budget, Pattern, PhraseList, spans

#: Lines longer than this (once trimmed) are prose, never page furniture.
LONGEST_LINE = 300

KINDS = ("phrases", "regex", "line")
SCOPES = ("sentence", "paragraph", "document")

RULE_KEYS = frozenset(
    {
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
        "skip_attributed",
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
)
DOC_KEYS = {
    "what": "What it does",
    "why": "Why is this bad?",
    "known_problems": "Known problems",
    "options": "Options",
    "fix_safety": "Fix safety",
    "references": "References",
}


class PackError(ValueError):
    """A pack file is malformed; the message names the file and the problem."""


class PackRule(Rule):
    """A rule declared in a TOML pack."""

    def __init__(
        self, entry: dict[str, Any], pack: dict[str, Any], *, plugin: str, trusted: bool = False
    ) -> None:
        """``trusted`` (the shipped packs, whose tests compile every pattern) leaves the
        patterns to compile when first used; any other pack's are compiled here, so a bad
        one is reported when the configuration loads."""
        super().__init__()
        self._trusted = trusted
        if not isinstance(entry, dict):
            raise PackError("each [[rule]] must be a table")
        unknown = sorted(set(entry) - RULE_KEYS)
        if unknown:
            import difflib

            close = difflib.get_close_matches(unknown[0], sorted(RULE_KEYS), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise PackError(f"unknown key {unknown[0]!r}{hint}")
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
        default_title = "Delete the line" if self.kind == "line" else ""
        self.fix_title = str(entry.get("fix_title", default_title))
        self.fire = tuple(_strings(entry.get("fire", []), "fire"))
        self.quiet = tuple(_strings(entry.get("quiet", []), "quiet"))
        self.skip_quotes = bool(entry.get("skip_quotes", self.kind != "line"))
        self.skip_headings = bool(entry.get("skip_headings", self.kind != "line"))
        self.skip_attributed = bool(entry.get("skip_attributed", False))
        if self.skip_attributed and self.kind == "line":
            raise PackError("skip_attributed applies to sentences, not to kind 'line'")
        self.scope = entry.get("scope", "sentence")
        if self.scope not in SCOPES:
            raise PackError(f"scope {self.scope!r} is not one of {', '.join(SCOPES)}")
        self.min_count = positive_int(entry.get("min_count", 1), "min_count")
        self.source = str(entry.get("source", pack.get("source", "")))
        self._docs = {DOC_KEYS[k]: str(entry[k]).strip() for k in DOC_KEYS if k in entry}
        if self.category not in CATEGORIES:
            raise PackError(f"category {self.category!r} is not one of {', '.join(CATEGORIES)}")
        case_sensitive = bool(entry.get("case_sensitive", False))
        self._phrases: PhraseList | None = None
        self._pattern: Pattern | None = None
        phrases = _strings(entry.get("phrases", []), "phrases")
        patterns = _strings(entry.get("patterns", []), "patterns")
        if self.kind == "phrases" and not entry.get("literal", True):
            patterns, phrases = [*phrases, *patterns], []  # every phrase is a pattern
        if phrases and self.kind != "phrases":
            raise PackError(f"'phrases' needs kind = 'phrases', not {self.kind!r}")
        if not phrases and not patterns:
            raise PackError("needs 'phrases' or 'patterns'")
        if phrases:
            if case_sensitive:
                raise PackError("case_sensitive applies to patterns, not to phrases")
            try:
                self._phrases = PhraseList(phrases)
            except ValueError as error:
                raise PackError(str(error)) from None
        if patterns:
            if self.kind == "phrases":
                patterns = [_bounded(pattern) for pattern in patterns]
            elif self.kind == "line":
                # A whole line may end in stray punctuation: "Read more.", "Share:".
                patterns = [rf"(?:{p})[\s.!:;…]*" for p in patterns]
            source = "|".join(f"(?:{p})" for p in patterns)
            self._pattern = _compiled(source, case_sensitive, self._where, trusted)
        unless = _strings(entry.get("unless", []), "unless")
        self._unless = (
            _compiled("|".join(f"(?:{s})" for s in unless), case_sensitive, self._where, trusted)
            if unless
            else None
        )
        self.validate()

    @property
    def _where(self) -> str:
        return f"{self.code} ({self.plugin})"

    def doc_sections(self) -> dict[str, str]:
        sections = dict(self._docs)
        if self.source and "References" not in sections:
            sections["References"] = f"Lexicon source: {self.source}"
        return sections

    def check(self, doc: Document) -> Iterable[Finding]:
        budget = Budget.for_text(doc.text, MATCH_TIMEOUT)
        if self.kind == "line":
            yield from self._check_lines(doc, budget)
            return
        matches = [
            (start, end)
            for start, end in self._matches(doc, budget)
            if self._counts(doc, start, end, budget)
        ]
        if self.min_count > 1:
            matches = self._dense(doc, matches)
        for start, end in matches:
            yield self.finding(start, end, self._message(doc.text[start:end]))

    def _message(self, matched: str) -> str:
        """The message with ``{match}`` filled in, its spaces and line breaks as one space."""
        return self.message.replace("{match}", " ".join(matched.split()))

    def _matches(self, doc: Document, budget: Budget) -> Iterator[tuple[int, int]]:
        """Every match in the paragraphs the rule reads, in order; where a phrase and a
        pattern overlap, the one that starts first wins, then the longer."""
        paragraphs = doc.body_paragraphs if self.skip_headings else doc.paragraphs
        for paragraph in paragraphs:
            yield from spans(
                doc.text, doc.folded, *paragraph.span, self._phrases, self._pattern, budget
            )

    def _counts(self, doc: Document, start: int, end: int, budget: Budget) -> bool:
        """Whether a match is reported: outside quotations (unless the rule reads them), in
        a sentence no source speaks for (with ``skip_attributed``) and in a sentence that no
        ``unless`` pattern matches."""
        if self.skip_quotes and doc.in_quote(start, end):
            return False
        if self._unless is None and not self.skip_attributed:
            return True
        sentence = doc.sentence_at(start)
        if sentence is None:
            return True
        if self.skip_attributed and _attributed(doc, sentence):
            return False
        if self._unless is None:
            return True
        return self._unless.search(sentence.text, 0, len(sentence.text), budget) is None

    def _dense(self, doc: Document, matches: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """The matches in scopes (sentence, paragraph, document) that hold ``min_count``."""
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

    def _check_lines(self, doc: Document, budget: Budget) -> Iterator[Finding]:
        assert self._pattern is not None
        for line in doc.lines:
            stripped = line.text.strip()
            if not stripped or len(stripped) > LONGEST_LINE:
                continue
            start = line.start + len(line.text) - len(line.text.lstrip())
            end = start + len(stripped)
            if self._pattern.fullmatch(doc.text, start, end, budget):
                edit = self.delete_lines_edit(doc, start, end)
                yield self.finding(start, end, self._message(stripped), edits=[edit])


def _attributed(doc: Document, sentence: Sentence) -> bool:
    """Whether ``sentence`` credits its words to a named source of its own ("Park said the
    beds could potentially reopen", "…, the council said"): they are reported speech.

    A source in a neighbouring sentence does not count: on BBC and Lee news, the hedges in
    sentences only a chain of attribution covers were mostly the writer's own (7 of 12
    sampled), those in sentences with their own speaker mostly reported (10 of 12). Nor does
    a source that names nobody ("some experts say", "it is believed"): that is the writer's
    claim in other words, and NL202 says so.
    """
    found = attribution_of(doc).found_in(sentence)
    return any(attribution.kind == "named" for attribution in found)


def _bounded(pattern: str) -> str:
    """A pattern of a ``phrases`` rule on word boundaries: it starts where a word does (not
    after a hyphen) and no word character or hyphen follows it. Its words are apart by any
    whitespace."""
    words = r"\s+".join(pattern.split())
    return rf"\b(?<!-)(?:{words})(?![\w-])"


def _compiled(source: str, case_sensitive: bool, name: str, trusted: bool) -> Pattern:
    pattern = Pattern(source, case_sensitive=case_sensitive, name=name)
    if not trusted:
        try:
            pattern.check()
        except regex.error as error:
            raise PackError(f"bad pattern: {error}") from None
    return pattern


def _strings(value: Any, key: str) -> list[str]:
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise PackError(f"{key!r} must be a string or a list of strings")
    return list(value)


def positive_int(value: Any, key: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise PackError(f"{key!r} must be a whole number of at least 1, not {value!r}")
    return value
