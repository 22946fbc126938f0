"""Inline suppression: ``<!-- newslint-disable NL101 -->`` comments in the article.

Directives work the same in ``.txt`` and ``.md`` files (an HTML comment is invisible in
rendered Markdown and harmless in plain text):

- ``<!-- newslint-disable NL101 NL2 -->`` … ``<!-- newslint-enable NL101 NL2 -->``: a region;
- ``<!-- newslint-disable-next-line NL101 -->``: the next line that is not blank;
- any of them without codes applies to every rule.

Codes may be prefixes (``NL2`` = the attribution family). Directives are masked out of the
text before rules run, so they are never themselves linted.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import regex

from newslint.diagnostics import Diagnostic
from newslint.records import Record

_DIRECTIVE = r"<!--[ \t]*newslint-(?P<kind>disable-next-line|disable|enable)\b(?P<codes>[^\n]*?)-->"
_CODE_TOKEN = r"[A-Za-z0-9_-]+"


@cache
def _compiled(source: str) -> regex.Pattern[str]:
    """A pattern above, compiled when a text first holds a directive (few do)."""
    return regex.compile(source)


class Directive(Record):
    """One directive: its kind, the codes it names (empty = all), and where it stands."""

    fields = ("kind", "codes", "start", "end", "line", "codes_start")
    __slots__ = fields
    kind: str
    codes: tuple[str, ...]
    start: int
    end: int
    line: int
    codes_start: int

    def __init__(
        self,
        kind: str,
        codes: tuple[str, ...],
        start: int,
        end: int,
        line: int,
        codes_start: int,
    ) -> None:
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "codes", codes)
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "line", line)
        object.__setattr__(self, "codes_start", codes_start)


def find_directives(source: str) -> list[Directive]:
    """Every newslint directive in ``source``, in order."""
    if "newslint-" not in source:
        return []
    directives = []
    for match in _compiled(_DIRECTIVE).finditer(source):
        codes = tuple(_compiled(_CODE_TOKEN).findall(match.group("codes").replace(",", " ")))
        line = source.count("\n", 0, match.start()) + 1
        directives.append(
            Directive(
                match.group("kind"),
                tuple(c.upper() for c in codes),
                match.start(),
                match.end(),
                line,
                match.start("codes"),
            )
        )
    return directives


def _matches(codes: tuple[str, ...], code: str) -> bool:
    return not codes or any(code.startswith(c) for c in codes)


class Suppressions:
    """Answers "is this diagnostic suppressed?" for one document's directives."""

    def __init__(self, directives: Iterable[Directive], source: str) -> None:
        self._regions: list[tuple[tuple[str, ...], int, int]] = []  # codes, first, last line
        self._lines: dict[int, list[tuple[str, ...]]] = {}
        lines = source.split("\n")
        open_regions: list[tuple[tuple[str, ...], int]] = []
        for directive in directives:
            if directive.kind == "disable-next-line":
                target = directive.line + 1
                while target <= len(lines) and not lines[target - 1].strip():
                    target += 1
                self._lines.setdefault(target, []).append(directive.codes)
            elif directive.kind == "disable":
                open_regions.append((directive.codes, directive.line))
            else:
                still_open = []
                for codes, first in open_regions:
                    if not directive.codes or set(codes) <= set(directive.codes):
                        self._regions.append((codes, first, directive.line))
                    else:
                        still_open.append((codes, first))
                open_regions = still_open
        for codes, first in open_regions:
            self._regions.append((codes, first, len(lines)))

    def __bool__(self) -> bool:
        return bool(self._regions or self._lines)

    def suppressed(self, diagnostic: Diagnostic) -> bool:
        for codes in self._lines.get(diagnostic.line, ()):
            if _matches(codes, diagnostic.code):
                return True
        return any(
            first <= diagnostic.line <= last and _matches(codes, diagnostic.code)
            for codes, first, last in self._regions
        )
