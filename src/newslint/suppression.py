"""Inline suppression: ``<!-- newslint-disable NL101 -->`` comments in the article.

Directives work the same in ``.txt``, ``.md`` and ``.html`` files (an HTML comment is
invisible in rendered Markdown and HTML, and harmless in plain text):

- ``<!-- newslint-disable NL101 NL2 -->`` … ``<!-- newslint-enable NL101 NL2 -->``: a region;
- ``<!-- newslint-disable-next-line NL101 -->``: the next line that is not blank;
- ``Loading Now <!-- newslint-disable-line NL101 -->``: the line the comment is on;
- any of them without codes applies to every rule;
- a reason may follow the codes after ``--``, as in ESLint:
  ``<!-- newslint-disable-next-line NL101 -- the desk wants it kept -->``.

Codes may be prefixes (``NL2`` = the attribution family). Directives are masked out of the
text before rules run, so they are never themselves linted.

A directive newslint cannot read (an unknown kind such as ``newslint-disabel``, or words
where codes should be) disables nothing, and NL001 reports it: a suppression is never wider
than what was written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from newslint.diagnostics import Diagnostic

KINDS = ("disable", "enable", "disable-line", "disable-next-line")
_DIRECTIVE = re.compile(r"<!--[ \t]*newslint-(?P<kind>[A-Za-z-]*)(?P<rest>[^\n]*?)-->")
#: A rule code or prefix as written in a directive: NL, NL1, NL101, PW001.
_CODE = re.compile(r"[A-Za-z]{1,4}[0-9]{0,3}")
#: What separates the codes from a reason: two hyphens with a space (or the start) before.
_REASON = re.compile(r"(?:^|[ \t])--(?:[ \t]|$)")


@dataclass(slots=True, frozen=True)
class Directive:
    """One directive: its kind, the codes it names (empty = all), and where it stands.

    ``problem`` says why it cannot be read (then it disables nothing); ``codes_start`` is
    where its codes begin in the source.
    """

    kind: str
    codes: tuple[str, ...]
    start: int
    end: int
    line: int
    codes_start: int
    problem: str = ""


def find_directives(source: str) -> list[Directive]:
    """Every newslint directive in ``source``, in order, readable or not."""
    if "newslint-" not in source:
        return []
    directives = []
    for match in _DIRECTIVE.finditer(source):
        kind, rest = match.group("kind"), match.group("rest")
        line = source.count("\n", 0, match.start()) + 1
        problem = ""
        codes: tuple[str, ...] = ()
        if kind not in KINDS:
            problem = (
                f"Unknown directive 'newslint-{kind}'{_did_you_mean(kind)}; it disables nothing"
            )
        elif rest and not rest[0].isspace():
            problem = f"Unknown directive 'newslint-{kind}{rest.split()[0]}'; it disables nothing"
        else:
            reason = _REASON.search(rest)
            written = (rest[: reason.start()] if reason else rest).replace(",", " ").split()
            bad = [token for token in written if not _CODE.fullmatch(token)]
            if bad:
                problem = (
                    f"Directive has {bad[0]!r} where a rule code should be (put a reason "
                    "after ' -- '); it disables nothing"
                )
            codes = tuple(token.upper() for token in written)
        directives.append(
            Directive(
                kind,
                codes,
                match.start(),
                match.end(),
                line,
                match.start("rest"),
                problem,
            )
        )
    return directives


def _did_you_mean(kind: str) -> str:
    import difflib

    close = difflib.get_close_matches(kind, KINDS, n=1)
    return f" (did you mean 'newslint-{close[0]}'?)" if close else ""


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
            if directive.problem:
                continue
            if directive.kind == "disable-line":
                self._lines.setdefault(directive.line, []).append(directive.codes)
            elif directive.kind == "disable-next-line":
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
