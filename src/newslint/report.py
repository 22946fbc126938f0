"""What a run keeps of its diagnostics once they are written: their counts.

A corpus of a million articles can have millions of findings. With a formatter that streams
(:attr:`newslint.formatters.Formatter.streams`), :class:`StreamedReport` writes each article's
diagnostics as soon as the article is linted and keeps only a :class:`Tally`, which is all the
summary line, ``--statistics`` and the exit status need. Memory then stays flat however long
the corpus is; the report is in corpus order, each article's diagnostics sorted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from newslint.diagnostics import Diagnostic
    from newslint.engine import FileResult
    from newslint.formatters import Formatter
    from newslint.rule import Rule


class Tally:
    """How many diagnostics a run had, by severity and by rule (code and name)."""

    __slots__ = ("by_rule", "by_severity")

    def __init__(self, diagnostics: Iterable[Diagnostic] = ()) -> None:
        self.by_severity: Counter[str] = Counter()
        self.by_rule: Counter[tuple[str, str]] = Counter()
        self.add(diagnostics)

    def add(self, diagnostics: Iterable[Diagnostic]) -> None:
        for diagnostic in diagnostics:
            self.by_severity[diagnostic.severity] += 1
            self.by_rule[(diagnostic.code, diagnostic.name)] += 1

    def merged(self, other: Tally) -> Tally:
        """Both tallies' counts together."""
        both = Tally()
        both.by_severity = self.by_severity + other.by_severity
        both.by_rule = self.by_rule + other.by_rule
        return both

    @property
    def total(self) -> int:
        return sum(self.by_severity.values())

    def has_code(self, code: str) -> bool:
        return any(counted == code for counted, _ in self.by_rule)


class StreamedReport:
    """Writes a corpus run's report article by article, keeping only a :class:`Tally`.

    :param formatter: a formatter whose ``streams`` is true.
    :param write: where the formatted text goes (standard output or the ``--output-file``).
    :param before_write: called before each write (the progress bar erases itself).
    """

    def __init__(
        self,
        formatter: Formatter,
        rules: Mapping[str, Rule],
        stream: TextIO,
        before_write: Callable[[], None] = lambda: None,
    ) -> None:
        self.formatter = formatter
        self.rules = rules
        self.stream = stream
        self.before_write = before_write
        self.tally = Tally()

        #: Articles reported.
        self.articles = 0

    def take(self, result: FileResult) -> None:
        """Write ``result``'s diagnostics now and count them; nothing of it is kept."""
        diagnostics = sorted(result.diagnostics)
        if diagnostics:
            self.before_write()
            self.stream.write(self.formatter.format(diagnostics, self.rules))
            self.tally.add(diagnostics)
        self.articles += 1
