"""Formatters: diagnostics to text, JSON, SARIF, GitHub annotations or an HTML report.

A formatter sees only diagnostics (and, for formats that describe rules, the rules' metadata);
it never reaches back into documents. A format that shows the text itself (the HTML report)
implements :meth:`Formatter.format_results` and reads each input's text from its result.
Formatters register through the ``newslint_register_formatters`` hook; their ``name`` is the
``--format`` value.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from newslint.diagnostics import Diagnostic

if TYPE_CHECKING:
    from newslint.engine import FileResult
    from newslint.rule import Rule


#: The code under which a report carries an input that could not be linted.
INPUT_ERROR = "NL003"


class Formatter:
    """An output format. Subclasses set ``name`` and implement :meth:`format`."""

    name: str = ""
    description: str = ""
    #: Whether the output for a run is the outputs for its parts, joined in order:
    #: ``format(a + b) == format(a) + format(b)`` (a line per diagnostic, no header or
    #: footer). A corpus run then writes each article's diagnostics as soon as the article
    #: is linted and keeps none of them, so its memory stays flat however long the corpus.
    streams: bool = False
    #: Whether the report carries the run's input errors (files that could not be read) as
    #: diagnostics of code NL003, for programs that read only the report: JSON and SARIF
    #: do; a format for people leaves them to standard error.
    reports_input_errors: bool = False
    #: Shows each article's text, so it is given the results (:meth:`format_results`).
    shows_text: bool = False

    def format(self, diagnostics: Sequence[Diagnostic], rules: Mapping[str, Rule]) -> str:
        """Render every diagnostic of a run as one string (the whole output)."""
        raise NotImplementedError

    def format_results(self, results: Sequence[FileResult], rules: Mapping[str, Rule]) -> str:
        """Render a run from its results, each with its input's text (``result.decoded``).

        The command line calls this; the default formats the results' diagnostics, sorted,
        with :meth:`format`. Override it in a format that shows the text it reports on.
        """
        return self.format(sorted(d for r in results for d in r.diagnostics), rules)

    def stream(self, rules: Mapping[str, Rule]) -> ReportStream | None:
        """A writer of one run's output in parts, or ``None`` when the format must see every
        diagnostic at once. With :attr:`streams`, each part is formatted as a run of its
        own; a format with a header or a footer (JSON's brackets) returns its own writer."""
        return ReportStream(self, rules) if self.streams else None


class ReportStream:
    """One run's output, written in parts: what :meth:`part` returns for each part, then
    what :meth:`end` returns, joined, is ``format`` of all the parts' diagnostics."""

    def __init__(self, formatter: Formatter, rules: Mapping[str, Rule]) -> None:
        self.formatter = formatter
        self.rules = rules

    def part(self, diagnostics: Sequence[Diagnostic]) -> str:
        """The output for the next diagnostics of the run."""
        return self.formatter.format(diagnostics, self.rules)

    def end(self) -> str:
        """What follows the last part."""
        return ""
