"""Declarative rule packs: TOML files of rules that are data, not code.

A pack is read, validated and turned into :class:`PackRule` objects, which are ordinary
:class:`newslint.Rule` instances. A pack can never run code: its patterns are compiled by the
``regex`` module and always matched with a timeout, so a pattern that backtracks without end
is stopped and reported instead of hanging a commit hook. (The shipped packs' own, tested
patterns run with the stdlib ``re`` where it matches exactly the same: see ``_mode``.) The
format is documented in ``docs/packs.md``.

Each alternative of a rule (a phrase or a pattern) is matched on its own, and only in the
paragraphs or lines that hold the literals it needs (``newslint.prefilter``): one article
needs few of a pack's phrases, and compiling is the costliest part of linting one file.

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

import re
import sys
import weakref
from collections.abc import Iterable, Iterator
from functools import cache, cached_property
from pathlib import Path
from typing import Any, NamedTuple

import regex

from newslint.cache import read_copy, write_copy
from newslint.diagnostics import CATEGORIES, Finding
from newslint.hookspecs import RegisterPack, hookimpl
from newslint.patterncache import compile_re, compile_regex
from newslint.prefilter import _RE_UNSAFE as _RE_UNSAFE
from newslint.prefilter import RE_SAFE_CHARACTERS as RE_SAFE_CHARACTERS
from newslint.prefilter import (
    LiteralIndex,
    _re_safe,
    _re_source,
    leading_literals,
    literal_requirements,
)
from newslint.prefilter import _re_compatible as _re_compatible
from newslint.rule import Rule, RuleError
from newslint.text.document import Document

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
    inside = Path(__file__).parents[1] / "rules"
    if inside.is_dir():
        return inside
    return Path(__file__).resolve().parents[3] / "rules"


@hookimpl
def newslint_register_packs(register: RegisterPack) -> None:
    for path in sorted(builtin_packs_dir().glob("*.toml")):
        register(path)


def load_pack(path: Path, *, builtin: bool = False) -> list[PackRule]:
    """Read one pack file. Raises :class:`PackError` with a one-line message."""
    try:
        data = _read_toml(Path(path))
    except OSError as error:
        raise PackError(f"{path}: cannot read rule pack: {error.strerror or error}") from None
    except UnicodeDecodeError as error:
        raise PackError(f"{path}: rule pack is not UTF-8 (byte {error.start})") from None
    except ValueError as error:
        if not _is_toml_error(error):
            raise
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
        data = _read_toml(path)
    except (OSError, UnicodeDecodeError) as error:
        raise PackError(f"{path}: cannot read lexicon: {error}") from None
    except ValueError as error:
        if not _is_toml_error(error):
            raise
        raise PackError(f"{path}: cannot read lexicon: {error}") from None
    lexicon = data.get("lexicon", {})
    if not isinstance(lexicon, dict):
        raise PackError(f"{path}: [lexicon] must be a table")
    return _copied(lexicon)


def _copied(value: Any) -> Any:
    """A deep copy of parsed TOML or JSON data: tables and arrays are copied, everything else
    in them (strings, numbers, booleans, dates) is immutable. ``copy.deepcopy`` gives an
    equal result several times slower (it memoises and dispatches on every value)."""
    if isinstance(value, dict):
        return {key: _copied(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copied(item) for item in value]
    return value


#: Parsed pack files by path, size and modification time: a built-in pack is read by the
#: pack loader and by the Python rules that use its lexicon, and parsing it (pure Python)
#: once per process is enough.
_PARSED: dict[tuple[str, int, int], dict[str, Any]] = {}


def _read_toml(path: Path) -> dict[str, Any]:
    """The parsed TOML file at ``path`` (not to be modified: it is shared)."""
    stat = path.stat()
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    data = _PARSED.get(key)
    if data is None:
        text = path.read_text(encoding="utf-8")
        prepared = (
            _prepared()["packs"].get(path.name) if path.parent == builtin_packs_dir() else None
        )
        if prepared is not None and prepared.get("text") == text:
            data = prepared["data"]
        else:
            import tomllib  # only for a pack not prepared: the import costs a few ms

            data = tomllib.loads(text)
        _PARSED[key] = data
    return data


def _is_toml_error(error: BaseException) -> bool:
    """Whether ``error`` is a ``tomllib.TOMLDecodeError`` (there is none to catch when no
    TOML has been parsed: ``tomllib`` is imported only to parse a file)."""
    tomllib = sys.modules.get("tomllib")
    return tomllib is not None and isinstance(error, tomllib.TOMLDecodeError)


#: Characters whose full case folding is more than one character (CaseFolding.txt status F:
#: ß, İ, ŉ, ǰ, Greek with iota subscripts, Latin and Armenian ligatures ...), padded to whole
#: blocks. Only where one occurs does full case folding match differently from simple.
#: A set, not a compiled class: ``isdisjoint`` scans a text as fast, and costs nothing to build.
_MULTI_FOLDS = frozenset(
    chr(code)
    for first, last in (
        (0x00DF, 0x00DF),
        (0x0130, 0x0130),
        (0x0149, 0x0149),
        (0x01F0, 0x01F0),
        (0x0390, 0x0390),
        (0x03B0, 0x03B0),
        (0x0587, 0x0587),
        (0x1E96, 0x1E9E),
        (0x1F50, 0x1F56),
        (0x1F80, 0x1FFF),
        (0xFB00, 0xFB06),
        (0xFB13, 0xFB17),
        (0x1DF00, 0x1DFFF),
    )
    for code in range(first, last + 1)
)


#: A compiled alternative: ``regex`` in general, stdlib ``re`` where it matches the same.
_AnyPattern = regex.Pattern[str] | re.Pattern[str]
_AnyMatch = regex.Match[str] | re.Match[str]


#: Syntax whose meaning depends on the other alternatives of a pattern (back-references,
#: recursion, branch reset, global inline flags, the end of the previous match): such a
#: pattern is never split into its alternatives.
_UNSAFE_TO_SPLIT = compile_re(r"\\[0-9gkG]|\(\?(?:P[=>]|[0-9&R|+-])|\(\?[a-zA-Z-]*\)")

#: The literals of every pack rule's alternatives: one pass over a document's words tells
#: all rules which of their alternatives can match in it.
_INDEX = LiteralIndex()
#: Rules whose literals are not in :data:`_INDEX` yet: all are added before a document is
#: scanned, so the first document is scanned once, not once per rule.
_PENDING: weakref.WeakSet[PackRule] = weakref.WeakSet()


def _has_multi_folds(doc: Document) -> bool:
    """Whether ``doc`` holds a character of :data:`_MULTI_FOLDS`. Most texts are re-safe
    (a test shared by many rules), and only two of those characters are: looking for each
    is one fast substring search, where testing every character of the text is not."""
    if doc.service("re-safe-text", _re_safe):
        return any(fold in doc.text for fold in _re_safe_multi_folds())
    return not _MULTI_FOLDS.isdisjoint(doc.text)


@cache
def _re_safe_multi_folds() -> tuple[str, ...]:
    """The characters of :data:`_MULTI_FOLDS` that are re-safe (ß and ŉ)."""
    return tuple(fold for fold in sorted(_MULTI_FOLDS) if not _RE_UNSAFE.match(fold))


def _present_literals(doc: Document) -> frozenset[str]:
    """The pack literals ``doc`` holds (case-folded), computed once for all pack rules."""
    while _PENDING:
        _ = _PENDING.pop()._alternatives
    return doc.service(f"pack-literals-{_INDEX.version}", lambda d: _INDEX.present(d.casefolded))


def _candidate_lines(doc: Document) -> list[tuple[int, int, str, str]]:
    """``(start, end, stripped, case-folded)`` of each line a line rule may match: not
    blank, at most 300 characters once trimmed (longer lines are prose, not furniture)."""
    lines = []
    for line in doc.lines:
        stripped = line.text.strip()
        if not stripped or len(stripped) > 300:
            continue
        start = line.start + len(line.text) - len(line.text.lstrip())
        lines.append((start, start + len(stripped), stripped, stripped.casefold()))
    return lines


def _requirements(source: str) -> tuple[frozenset[str], ...] | None:
    """What a text needs for ``source`` to match, less the sets with a literal of one or two
    letters ("a", "to", "it"): nearly every text holds one, so they would cost look-ups
    and filter nothing (two-letter sets stay when nothing else is left). Leaving a
    requirement out can only search more, never miss a match."""
    table = _literal_table()
    if source in table:
        known = table[source]
        groups = None if known is None else tuple(frozenset(group) for group in known)
    else:
        groups = literal_requirements(source)
    if groups is None:
        return None
    selective = tuple(group for group in groups if min(map(len, group)) > 2)
    return selective or tuple(group for group in groups if min(map(len, group)) > 1)


#: What every process would otherwise redo for the shipped packs (in ``rules/``), written
#: by :func:`write_prepared`: each pack file parsed (with its text, compared whole before the
#: parse is used: cheaper than importing a hash) and the :func:`literal_requirements` of each
#: of their patterns.
PREPARED = "prepared.json"


@cache
def _prepared() -> dict[str, dict[str, Any]]:
    """The shipped packs' prepared data (``packs``, ``requirements``, ``re``, ``starts``).

    Parsing TOML and analysing patterns is pure Python, and a pre-commit hook lints one
    file per process. A pack whose text is no longer the recorded one is parsed, and a
    pattern missing from the table (a user's pack, an edited phrase) is analysed, as they
    are met: this file can only save time, never change a result.
    ``tests/test_prefilter.py`` checks it is current.
    """
    path = builtin_packs_dir() / PREPARED
    data = read_copy("prepared", path)  # a marshal copy: no json import, and 3x faster
    if data is None:
        import json

        try:
            with open(path, encoding="utf-8") as file:
                data = json.load(file)
        except (OSError, ValueError):
            data = None
        else:
            write_copy("prepared", path, data)
    try:
        if (
            isinstance(data["packs"], dict)  # type: ignore[index]
            and isinstance(data["requirements"], dict)  # type: ignore[index]
            and isinstance(data.get("re", {}), dict)  # type: ignore[union-attr]
            and isinstance(data.get("starts", {}), dict)  # type: ignore[union-attr]
        ):
            return data  # type: ignore[no-any-return]
    except (KeyError, TypeError, AttributeError):
        pass
    return {"packs": {}, "requirements": {}}


def _literal_table() -> dict[str, list[list[str]] | None]:
    return _prepared()["requirements"]


@cache
def _all_requirements(source: str) -> _Needs:
    """Every set of literals ``source`` needs, short ones included (for one line, where a
    rare mark like "»" is a cheap and selective test; see :func:`_requirements`)."""
    table = _literal_table()
    groups = table[source] if source in table else literal_requirements(source)
    return None if groups is None else tuple(tuple(sorted(group)) for group in groups)


@cache
def _line_start(source: str) -> tuple[str, ...] | None:
    """``newslint.prefilter.leading_literals(source)``, sorted; read from :data:`PREPARED`
    for a shipped pattern (once: a line rule asks for each live alternative's, per document)."""
    table = _prepared().get("starts", {})
    if source in table:
        found = table[source]
    else:
        leading = leading_literals(source)
        found = None if leading is None else sorted(leading)
    return None if found is None else tuple(found)


def _re_translation(source: str) -> str | None:
    """``newslint.prefilter._re_source(source)``, read from :data:`PREPARED` for a shipped
    pattern (the translation reads the pattern token by token, in Python)."""
    table = _prepared().get("re", {})
    if source in table:
        return table[source]  # type: ignore[no-any-return]
    return _re_source(source)


def shipped_sources() -> list[str]:
    """The sources the shipped packs' rules analyse: each alternative, and the whole
    pattern of a rule that is not split into its alternatives."""
    sources: list[str] = []
    for path in sorted(builtin_packs_dir().glob("*.toml")):
        for rule in load_pack(path, builtin=True):
            sources.extend(rule._branches)
            if not rule._splittable or None in map(literal_requirements, rule._branches):
                sources.append(rule._source)
    return list(dict.fromkeys(sources))


def write_prepared() -> Path:
    """Write :data:`PREPARED` for the shipped packs (after editing one of them)."""
    import tomllib

    packs = {}
    for path in sorted(builtin_packs_dir().glob("*.toml")):
        text = path.read_text(encoding="utf-8")
        packs[path.name] = {"text": text, "data": tomllib.loads(text)}
    requirements = {}
    translations = {}
    starts = {}
    for source in shipped_sources():
        groups = literal_requirements(source)
        requirements[source] = None if groups is None else [sorted(group) for group in groups]
        translations[source] = _re_source(source)
        leading = leading_literals(source)
        starts[source] = None if leading is None else sorted(leading)
    about = (
        "The shipped packs parsed, and newslint.prefilter.literal_requirements, _re_source "
        "and leading_literals of each of their patterns: saves every process the work. "
        "Written by "
        "newslint.packs.write_prepared(); a stale entry is ignored."
    )
    prepared = {
        "about": about,
        "packs": packs,
        "requirements": requirements,
        "re": translations,
        "starts": starts,
    }
    path = builtin_packs_dir() / PREPARED
    import json

    path.write_text(json.dumps(prepared, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    return path


class _Alternative(NamedTuple):
    """A part of a rule's pattern matched on its own: one alternative, or the whole."""

    source: str
    #: Sets of literals a text must hold one of each of to be matched (None: no literal is
    #: known, so a match may be empty; an empty tuple: every match holds a literal, but
    #: no selective one).
    requirements: tuple[frozenset[str], ...] | None


#: Per alternative that can match in a document: for each of its requirements, the
#: literals of it that the document holds (None: no requirement is known).
_Needs = tuple[tuple[str, ...], ...] | None
#: A text case-folded with every offset kept, and case-folded literals one of which every
#: match of a pattern begins with (None: not known).
_Starts = tuple[str, tuple[str, ...]] | None


@cache
def _match_starts(source: str) -> tuple[str, ...] | None:
    """:func:`_line_start` without the literals another of them begins ("appeared" is found
    wherever "appear" is): what a search looks for."""
    leading = _line_start(source)
    if leading is None:
        return None
    return tuple(x for x in leading if not any(x != y and x.startswith(y) for y in leading))


def _search_at_starts(
    pattern: re.Pattern[str], text: str, start: int, end: int, starts: tuple[str, tuple[str, ...]]
) -> re.Match[str] | None:
    """``pattern.search(text, start, end)``, trying the pattern only where its matches can
    begin (``starts``: see :data:`_Starts`), found by substring search.

    A phrase opens with a lookbehind (no word character before it) that the ``re`` engine
    tests at every character, with no literal to skip ahead to: most of a paragraph's cost.
    The leftmost position where the pattern matches is the first of these where it does,
    and the match there is the one a search finds.
    """
    folded, literals = starts
    find = folded.find
    while True:
        first = -1
        for literal in literals:
            at = find(literal, start, end)
            if at != -1 and (first == -1 or at < first):
                first = at
        if first == -1:
            return None
        match = pattern.match(text, first, end)
        if match is not None:
            return match
        start = first + 1


def _holds(folded: str, needs: _Needs) -> bool:
    """Whether ``folded`` holds a literal of each requirement in ``needs``."""
    if needs is None:
        return True
    for literals in needs:
        for literal in literals:
            if literal in folded:
                break
        else:
            return False
    return True


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
        #: False runs the whole pattern over every paragraph: what the filters must equal.
        self._prefilter = True
        self._compiled: dict[tuple[int, str], _AnyPattern] = {}
        self._lazy = lazy
        _PENDING.add(self)
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
    def _simple_unless(self) -> regex.Pattern[str] | None:
        if self._unless_source is None:
            return None
        return self._compile("(?-f)" + self._unless_source, self._flags)

    @cached_property
    def _simple_folding(self) -> bool:
        """Whether simple case folding matches as full folding does on text that has no
        character folding to several (``ß``, ``ﬁ``): much cheaper to compile and to run."""
        sources = (self._source, self._unless_source or "")
        return bool(self._flags & regex.IGNORECASE) and all(map(_MULTI_FOLDS.isdisjoint, sources))

    def _mode(self, doc: Document) -> str:
        """How this rule's patterns run on ``doc``: ``full`` or ``simple`` case folding with
        ``regex``, or ``re`` (for the alternatives it reads alike) where simple folding is
        enough and the text is all safe characters. Only the shipped packs use ``re``: it
        compiles several times faster, but has no timeout, and a user's pattern may need one.
        """
        if self._full_folding(doc):
            return "full"
        if self._lazy and doc.service("re-safe-text", _re_safe):
            return "re"
        return "simple"

    def _full_folding(self, doc: Document) -> bool:
        return not self._simple_folding or doc.service(
            "multi-character-case-folds", _has_multi_folds
        )

    @property
    def _splittable(self) -> bool:
        return len(self._branches) > 1 and not _UNSAFE_TO_SPLIT.search(self._source)

    @cached_property
    def _alternatives(self) -> tuple[_Alternative, ...]:
        """The parts of the pattern matched separately, each with the literals it needs.

        Each alternative (phrase or pattern) is its own part when every one has required
        literals and none refers to another (group numbers, back-references): a document
        then compiles and runs only the alternatives whose literals it holds, and one
        article needs few of a pack's phrases. Otherwise the whole alternation is one part.
        """
        _PENDING.discard(self)
        if not self._prefilter:
            return (_Alternative(self._source, None),)
        if self._splittable:
            parts = tuple(_Alternative(b, _requirements(b)) for b in self._branches)
            if all(part.requirements is not None for part in parts):
                _INDEX.add(x for part in parts for group in part.requirements or () for x in group)
                return parts
        whole = _Alternative(self._source, _requirements(self._source))
        _INDEX.add(x for group in whole.requirements or () for x in group)
        return (whole,)

    @cached_property
    def _gates(self) -> tuple[dict[str, tuple[int, ...]], frozenset[str], tuple[int, ...]]:
        """Per literal, the alternatives whose most selective requirement it is in, those
        literals, and the alternatives with no requirement (always searched). A document's
        literals then point straight at the few alternatives worth a closer look."""
        by_literal: dict[str, list[int]] = {}
        always = []
        for index, alternative in enumerate(self._alternatives):
            if not alternative.requirements:
                always.append(index)
                continue
            gate = max(alternative.requirements, key=lambda g: (min(map(len, g)), -len(g)))
            for literal in gate:
                by_literal.setdefault(literal, []).append(index)
        gates = {k: tuple(v) for k, v in by_literal.items()}
        return gates, frozenset(gates), tuple(always)

    def _live(self, doc: Document) -> list[tuple[int, _Needs]]:
        """The alternatives that can match somewhere in ``doc`` (in order), with what they
        need: for each requirement, the literals of it that ``doc`` holds."""
        by_literal, gate_literals, always = self._gates
        present = _present_literals(doc)
        hits = present & gate_literals if by_literal else ()
        if not hits and not always:
            return []
        candidates = sorted(set(always).union(*map(by_literal.__getitem__, hits)))
        alternatives = self._alternatives
        live: list[tuple[int, _Needs]] = []
        for index in candidates:
            groups = alternatives[index].requirements
            if groups is None:
                live.append((index, None))
                continue
            # An empty intersection is an unmet requirement (and an empty tuple is false).
            needs = tuple(map(tuple, map(present.intersection, groups)))
            if all(needs):
                live.append((index, needs))
        return live

    def _pattern_of(self, index: int, mode: str) -> _AnyPattern:
        """Alternative ``index`` compiled (on first use) for ``mode`` (see :meth:`_mode`)."""
        pattern = self._compiled.get((index, mode))
        if pattern is None:
            source = self._alternatives[index].source
            if mode == "full" and source is self._source:
                pattern = self._pattern
            elif mode == "full":
                pattern = self._compile(source, self._flags)
            elif mode == "re" and self._alternatives[index].requirements is not None:
                translated = _re_translation(source)
                try:
                    if translated is not None:
                        pattern = compile_re(translated, re.IGNORECASE)
                except re.error:
                    pass
            if pattern is None:
                pattern = self._pattern_of(index, "simple") if mode == "re" else None
            if pattern is None:
                pattern = self._compile("(?-f)" + source, self._flags)
            self._compiled[(index, mode)] = pattern
        return pattern

    def _compile(self, source: str, flags: int) -> regex.Pattern[str]:
        try:
            return compile_regex(source, flags)
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
        self, pattern: _AnyPattern, text: str, start: int, end: int, starts: _Starts = None
    ) -> Iterator[_AnyMatch]:
        if isinstance(pattern, re.Pattern) and starts is not None:
            # No match is empty (each begins with a literal): go on from each one's end.
            match = _search_at_starts(pattern, text, start, end, starts)
            while match is not None:
                yield match
                match = _search_at_starts(pattern, text, match.end(), end, starts)
            return
        if isinstance(pattern, re.Pattern):
            yield from pattern.finditer(text, start, end)
            return
        try:
            yield from pattern.finditer(text, start, end, timeout=MATCH_TIMEOUT)
        except TimeoutError:
            raise self._timed_out() from None

    def _timed_out(self) -> PatternTimeout:
        return PatternTimeout(
            f"pattern of {self.code} ({self.plugin}) ran past {MATCH_TIMEOUT:g}s and was stopped"
        )

    def _merged(
        self,
        patterns: list[_AnyPattern],
        text: str,
        start: int,
        end: int,
        starts: list[_Starts],
    ) -> Iterator[_AnyMatch]:
        """The matches ``finditer`` of the alternation of ``patterns`` gives, from searches
        of each pattern alone.

        An alternation matches at the leftmost position where any alternative does, the
        first alternative in order winning there, and goes on from the end of that match.
        Each pattern's next match is kept and searched again only once the scan has passed
        its start. Every alternative here needs a literal, so no match is empty.
        """
        nexts = [
            self._search(pattern, text, start, end, where)
            for pattern, where in zip(patterns, starts, strict=True)
        ]
        while True:
            best: _AnyMatch | None = None
            for match in nexts:
                if match is not None and (best is None or match.start() < best.start()):
                    best = match
            if best is None:
                return
            yield best
            position = best.end()
            for index, match in enumerate(nexts):
                if match is not None and match.start() < position:
                    nexts[index] = self._search(patterns[index], text, position, end, starts[index])

    def _search(
        self, pattern: _AnyPattern, text: str, start: int, end: int, starts: _Starts = None
    ) -> _AnyMatch | None:
        if isinstance(pattern, re.Pattern) and starts is not None:
            return _search_at_starts(pattern, text, start, end, starts)
        if isinstance(pattern, re.Pattern):
            return pattern.search(text, start, end)
        try:
            return pattern.search(text, start, end, timeout=MATCH_TIMEOUT)
        except TimeoutError:
            raise self._timed_out() from None

    def _matches(self, doc: Document) -> Iterator[tuple[int, int]]:
        live = self._live(doc)
        if not live:
            return
        text = doc.text
        mode = self._mode(doc)
        filtered = any(needs is not None for _, needs in live)
        folded = doc.casefolded_paragraphs if filtered else None
        starts = self._starts(doc, mode, live)
        unless = None
        for paragraph in doc.paragraphs:
            if self.skip_headings and paragraph.is_heading:
                continue
            if folded is None:
                here = [index for index, _ in live]
            else:
                here = [index for index, needs in live if _holds(folded[paragraph.index], needs)]
            if not here:
                continue
            if len(here) == 1:
                pattern = self._pattern_of(here[0], mode)
                where = starts.get(here[0])
                found = self._finditer(pattern, text, paragraph.start, paragraph.end, where)
            else:
                patterns = [self._pattern_of(index, mode) for index in here]
                wheres = [starts.get(index) for index in here]
                found = self._merged(patterns, text, paragraph.start, paragraph.end, wheres)
            for match in found:
                start, end = match.span()
                if start == end:
                    continue
                if self.skip_quotes and doc.in_quote(start, end):
                    continue
                if self._unless_source is not None:
                    if unless is None:
                        unless = self._unless if mode == "full" else self._simple_unless
                    sentence = doc.sentence_at(start)
                    if sentence is not None and unless.search(sentence.text, timeout=MATCH_TIMEOUT):  # type: ignore[union-attr]
                        continue
                yield start, end

    def _starts(
        self, doc: Document, mode: str, live: list[tuple[int, _Needs]]
    ) -> dict[int, _Starts]:
        """Per live alternative, where its matches can begin: the text case-folded and the
        literals every match begins with. Only in ``re`` mode: there the text holds only
        re-safe characters and none folding to several, so case folding keeps every
        offset, and a case-insensitive match of a literal is an occurrence of it folded
        (``tests/test_prefilter.py`` checks both on every safe character)."""
        if mode != "re" or not self._prefilter:
            return {}
        folded = doc.casefolded
        alternatives = self._alternatives
        found = {}
        for index, _ in live:
            literals = _match_starts(alternatives[index].source)
            if literals is not None:
                found[index] = (folded, literals)
        return found

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
        """A line matches when one of the alternatives it holds the literals of matches all
        of it: which one does not matter, the finding spans the whole line."""
        live = self._live(doc)
        if not live:
            return
        mode = self._mode(doc)
        # On re-safe text a line matched case-insensitively starts with what the alternative
        # starts with, case-folded, and holds all it needs, short literals too: most lines
        # are prose, and need no pattern compiled.
        alternatives = self._alternatives
        gates = [
            (_line_start(alternatives[i].source), _all_requirements(alternatives[i].source))
            if mode == "re"
            else (None, None)
            for i, _ in live
        ]
        for start, end, stripped, folded in doc.service("pack-lines", _candidate_lines):
            for (index, needs), (leading, needs_all) in zip(live, gates, strict=True):
                # The start first: one call in C, and most lines fail it.
                if leading is not None and not folded.startswith(leading):
                    continue
                if not _holds(folded, needs) or not _holds(folded, needs_all):
                    continue
                pattern = self._pattern_of(index, mode)
                if isinstance(pattern, re.Pattern):
                    matched = pattern.fullmatch(doc.text, start, end)
                else:
                    try:
                        matched = pattern.fullmatch(doc.text, start, end, timeout=MATCH_TIMEOUT)
                    except TimeoutError:
                        raise self._timed_out() from None
                if matched:
                    edit = self.delete_lines_edit(doc, start, end)
                    message = self.message.replace("{match}", stripped)
                    yield self.finding(start, end, message, edits=[edit])
                    break
