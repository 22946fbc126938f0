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
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from newslint.diagnostics import Diagnostic
    from newslint.engine import FileResult
    from newslint.formatters import ReportStream
    from newslint.rule import Rule


class Tally:
    """How many diagnostics a run had, by severity and by rule (code and name)."""

    __slots__ = ("by_rule", "by_severity", "fixable")

    def __init__(self, diagnostics: Iterable[Diagnostic] = ()) -> None:
        self.by_severity: Counter[str] = Counter()
        self.by_rule: Counter[tuple[str, str]] = Counter()
        #: Findings with a fix, by applicability (``safe``: ``--fix``; ``unsafe``: also
        #: ``--unsafe-fixes``).
        self.fixable: Counter[str] = Counter()
        self.add(diagnostics)

    def add(self, diagnostics: Iterable[Diagnostic]) -> None:
        for diagnostic in diagnostics:
            self.by_severity[diagnostic.severity] += 1
            self.by_rule[(diagnostic.code, diagnostic.name)] += 1
            if diagnostic.fix is not None and diagnostic.fix.edits:
                self.fixable[diagnostic.fix.applicability] += 1

    def merged(self, other: Tally) -> Tally:
        """Both tallies' counts together."""
        both = Tally()
        both.by_severity = self.by_severity + other.by_severity
        both.by_rule = self.by_rule + other.by_rule
        both.fixable = self.fixable + other.fixable
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


# --- the public report functions: what the command line prints, for library callers --------

#: Exit statuses of a run: nothing at the ``fail_on`` level, findings at it, an error.
EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def exit_status(
    diagnostics: Iterable[Diagnostic] | Tally,
    fail_on: str = "warning",
    *,
    errors: Sequence[str] = (),
    exit_zero: bool = False,
) -> int:
    """The exit status ``newslint`` gives a run: 2 if there were input errors or a rule
    crashed (NL002), else 1 if a diagnostic is at or above ``fail_on`` (and not
    ``exit_zero``), else 0."""
    from newslint.diagnostics import SEVERITY_RANK
    from newslint.engine import INTERNAL_ERROR

    if fail_on not in SEVERITY_RANK:
        raise ValueError(f"fail_on must be one of {', '.join(SEVERITY_RANK)}, not {fail_on!r}")
    tally = diagnostics if isinstance(diagnostics, Tally) else Tally(diagnostics)
    if errors or tally.has_code(INTERNAL_ERROR):
        return EXIT_ERROR
    if exit_zero:
        return EXIT_OK
    threshold = SEVERITY_RANK[fail_on]
    if any(SEVERITY_RANK[level] >= threshold for level, n in tally.by_severity.items() if n):
        return EXIT_FINDINGS
    return EXIT_OK


def render_report(
    diagnostics: Iterable[Diagnostic],
    format: str = "text",
    *,
    rules: Mapping[str, Rule] | None = None,
    sources: Mapping[str, str] | None = None,
    **text_options: Any,
) -> str:
    """The report ``newslint --format FORMAT`` writes for ``diagnostics``, as a string.

    :param format: ``text``, ``json``, ``sarif``, ``github`` or a plugin's format.
    :param rules: the rules the run used (SARIF lists them); default: the built-in ones.
    :param sources: the text of each input by path, for the source lines of
        ``style="full"`` text.
    :param text_options: for ``text``: ``style`` (``"concise"``, the default, or ``"full"``),
        ``color`` and ``show_fixes`` (see :class:`newslint.formatters.text.TextOptions`).
    """
    from newslint.plugins import get_registry

    registry = get_registry(autoload=False)
    if format not in registry.formatters:
        raise ValueError(
            f"unknown format {format!r}; choose from {', '.join(sorted(registry.formatters))}"
        )
    formatter = registry.formatters[format]
    if text_options or sources is not None:
        if not hasattr(formatter, "with_options"):
            raise ValueError(f"format {format!r} takes no options")
        if sources is not None:
            text_options["source"] = sources.get
        formatter = formatter.with_options(**text_options)
    return formatter.format(sorted(diagnostics), registry.rules if rules is None else rules)


def summary_line(
    diagnostics: Iterable[Diagnostic] | Tally,
    files: int,
    errors: int = 0,
    *,
    unsafe_fixes: bool = False,
) -> str:
    """``Found 3 problems (1 error, 2 warnings, 0 info) in 2 files.``, and on a second line
    how many ``--fix`` would remove, when it would remove any."""
    tally = diagnostics if isinstance(diagnostics, Tally) else Tally(diagnostics)
    counts = tally.by_severity
    total = tally.total
    parts = (
        f"{counts['error']} error{'s' if counts['error'] != 1 else ''}, "
        f"{counts['warning']} warning{'s' if counts['warning'] != 1 else ''}, "
        f"{counts['info']} info"
    )
    line = (
        f"Found {total} problem{'s' if total != 1 else ''} ({parts}) "
        f"in {files} file{'s' if files != 1 else ''}"
    )
    if errors:
        line += f"; {errors} input error{'s' if errors != 1 else ''}"
    line += "."
    safe, unsafe = tally.fixable["safe"], tally.fixable["unsafe"]
    if unsafe_fixes and safe + unsafe:
        line += f"\n[*] {safe + unsafe} fixable with `--fix --unsafe-fixes`."
    elif safe:
        line += f"\n[*] {safe} fixable with `--fix`"
        line += f" ({unsafe} more with `--unsafe-fixes`)." if unsafe else "."
    elif unsafe:
        line += f"\n{unsafe} fixable with `--fix --unsafe-fixes`."
    return line


def input_error(message: str) -> Diagnostic:
    """An input that could not be linted (``message`` is its one-line error, which starts
    with the input's path), as the NL003 diagnostic JSON and SARIF reports carry."""
    from newslint.diagnostics import Diagnostic

    path, _, detail = message.partition(": ")
    return Diagnostic(
        path=path if detail else "",
        line=1,
        column=1,
        end_line=1,
        end_column=1,
        code="NL003",
        name="input-error",
        category="style",
        severity="error",
        message=detail or message,
    )
