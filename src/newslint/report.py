"""What a run keeps of its diagnostics once they are written: their counts.

A corpus of a million articles can have millions of findings. With a format that can be
written in parts (:meth:`newslint.formatters.Formatter.stream`: text, GitHub, JSON),
:class:`StreamedReport` writes each article's diagnostics as soon as the article is linted
and keeps only a :class:`Tally`, which is all the summary line, ``--statistics`` and the exit
status need. Memory then stays flat however long the corpus is; the report is in corpus
order, each article's diagnostics sorted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from newslint.diagnostics import Diagnostic
    from newslint.engine import FileResult
    from newslint.formatters import ReportStream


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

    :param writer: the format's writer in parts (:meth:`newslint.formatters.Formatter.stream`).
    :param open_stream: gives where the text goes (standard output, or the ``--output-file``
        opened for writing); called at the first write, so a run that streams nothing
        leaves the output to the usual report.
    """

    def __init__(self, writer: ReportStream, open_stream: Callable[[], TextIO]) -> None:
        self.writer = writer
        self.open_stream = open_stream
        #: Called before each write (the progress bar erases itself).
        self.before_write: Callable[[], None] = lambda: None
        self.tally = Tally()
        #: Articles reported.
        self.articles = 0
        #: Where the report went, once something was written.
        self.stream: TextIO | None = None

    def take(self, result: FileResult) -> None:
        """Write ``result``'s diagnostics now and count them; nothing of it is kept."""
        diagnostics = sorted(result.diagnostics)
        if diagnostics:
            self.write(self.writer.part(diagnostics))
            self.tally.add(diagnostics)
        self.articles += 1

    def finish(self) -> None:
        """Write what follows the last article (``]`` of a JSON list), once something was
        written; a run that wrote nothing leaves its (empty) report to the caller."""
        if self.stream is not None:
            self.write(self.writer.end())

    def write(self, text: str) -> None:
        if self.stream is None:
            self.stream = self.open_stream()
        self.before_write()
        self.stream.write(text)
