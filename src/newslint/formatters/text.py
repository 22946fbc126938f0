"""The text output a person reads, in two styles (ruff's names):

- ``concise``, one line per diagnostic, ``path:line:col: CODE [*] severity: message``
  (``[*]`` marks a finding ``--fix`` removes; one only ``--unsafe-fixes`` removes is not
  marked, as in ruff). The default into a pipe or a file, and the
  form editors' and CI's problem matchers read.
- ``full``, the same line followed by the source line with a caret under the span, the
  related places, and the fix on offer. The default at a terminal.

Colour (severity, path, carets) is added only when asked (``--color``; on by default at a
terminal unless ``NO_COLOR`` is set). Every piece of text from outside (paths, messages,
source lines) goes through :func:`~newslint.formatters.escape.printable`, so a file name or an
article cannot break a line or send escape sequences to the terminal.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from typing import Literal

from newslint.diagnostics import Diagnostic
from newslint.formatters import Formatter
from newslint.formatters.escape import printable
from newslint.rule import Rule

TextStyle = Literal["concise", "full"]

#: ANSI styles: bold, and a colour per severity.
_BOLD, _RESET = "\x1b[1m", "\x1b[0m"
_SEVERITY_COLOUR = {"error": "\x1b[31m", "warning": "\x1b[33m", "info": "\x1b[36m"}
_FIX_COLOUR = "\x1b[36m"
_DIM = "\x1b[2m"

#: A source line longer than this is shown as a window around the span.
_SNIPPET_WIDTH = 100
_SNIPPET_CONTEXT = 40


@dataclasses.dataclass(slots=True)
class TextOptions:
    """How the text formatter writes a report."""

    style: TextStyle = "concise"
    color: bool = False
    #: In the concise style, add each fixable finding's fix on a line of its own.
    show_fixes: bool = False
    #: The text of a linted input by its path, for the source lines of the full style;
    #: ``None`` (or a path it does not know) leaves the source line out.
    source: Callable[[str], str | None] | None = None


def _paint(text: str, style: str, options: TextOptions) -> str:
    return f"{style}{text}{_RESET}" if options.color else text


def format_line(
    diagnostic: Diagnostic, options: TextOptions | None = None, *, related: bool = True
) -> str:
    """``path:line:col: CODE [*] severity: message``, naming related lines when there are any."""
    options = options or TextOptions()
    d = diagnostic
    where = _paint(f"{printable(d.path)}:{d.line}:{d.column}:", _BOLD, options)
    colour = _SEVERITY_COLOUR.get(d.severity, "")
    code = _paint(d.code, _BOLD + colour, options)
    mark = " " + _paint("[*]", _FIX_COLOUR, options) if _fixable(d, safe_only=True) else ""
    severity = _paint(f"{d.severity}:", colour, options)
    line = f"{where} {code}{mark} {severity} {printable(d.message)}"
    if d.related and related:
        places = ", ".join(f"{r.line}:{r.column}" for r in d.related)
        line += f" [related: {places}]"
    return line


def _fixable(diagnostic: Diagnostic, *, safe_only: bool = False) -> bool:
    """Whether the diagnostic has a fix (``safe_only``: one plain ``--fix`` applies)."""
    fix = diagnostic.fix
    if fix is None or not fix.edits:
        return False
    return fix.applicability == "safe" or not safe_only


def _fix_note(diagnostic: Diagnostic) -> str:
    fix = diagnostic.fix
    assert fix is not None
    safety = "" if fix.applicability == "safe" else " (unsafe: needs --unsafe-fixes)"
    return f"{printable(fix.title)}{safety}"


def snippet(
    diagnostic: Diagnostic, lines: Sequence[str], options: TextOptions | None = None
) -> list[str]:
    """The source line of ``diagnostic`` among ``lines`` (its file's) with carets under its
    span: a long line (a paragraph is one line in most articles) is cut to a window around
    the span."""
    options = options or TextOptions()
    if not 1 <= diagnostic.line <= len(lines):
        return []
    line = lines[diagnostic.line - 1]
    start = min(diagnostic.column - 1, len(line))
    end = diagnostic.end_column - 1 if diagnostic.end_line == diagnostic.line else len(line)
    end = max(start + 1, min(end, len(line)))
    cut = diagnostic.end_line > diagnostic.line
    first, last = 0, len(line)
    if len(line) > _SNIPPET_WIDTH:
        first = max(0, start - _SNIPPET_CONTEXT)
        if end - start > _SNIPPET_WIDTH - _SNIPPET_CONTEXT:  # a whole paragraph: its start
            first, end, cut = max(0, start - 10), start + _SNIPPET_WIDTH - 10, True
        last = min(len(line), max(end + _SNIPPET_CONTEXT, first + _SNIPPET_WIDTH))
    before = ("…" if first > 0 else "") + printable(line[first:start])
    span = printable(line[start:end]) or " "
    after = printable(line[end:last]) + ("…" if last < len(line) else "")
    number = str(diagnostic.line)
    gutter = " " * len(number)
    bar = _paint("|", _DIM, options)
    carets = "^" * len(span) + ("…" if cut else "")
    colour = _SEVERITY_COLOUR.get(diagnostic.severity, "")
    return [
        f"{gutter} {bar}",
        f"{number} {bar} {before}{span}{after}",
        f"{gutter} {bar} {' ' * len(before)}{_paint(carets, colour, options)}",
        f"{gutter} {bar}",
    ]


class TextFormatter(Formatter):
    name = "text"
    description = (
        "For people: 'concise' (one line per diagnostic) or 'full' (with the source line)."
    )
    streams = True

    def __init__(self, options: TextOptions | None = None) -> None:
        self.options = options or TextOptions()

    def with_options(self, **settings: object) -> TextFormatter:
        """A copy writing with these :class:`TextOptions` (``style``, ``color``, ...)."""
        return TextFormatter(dataclasses.replace(self.options, **settings))  # type: ignore[arg-type]

    def format(self, diagnostics: Sequence[Diagnostic], rules: Mapping[str, Rule]) -> str:
        if self.options.style == "full":
            sources: dict[str, list[str] | None] = {}  # each file split into lines once
            return "".join(self._block(d, sources) for d in diagnostics)
        out = []
        for d in diagnostics:
            out.append(format_line(d, self.options) + "\n")
            if self.options.show_fixes and _fixable(d):
                out.append(f"    fix: {_fix_note(d)}\n")
        return "".join(out)

    def _block(self, diagnostic: Diagnostic, sources: dict[str, list[str] | None]) -> str:
        """One diagnostic in the full style: its line, the source, the help; a blank line."""
        options = self.options
        lines = [format_line(diagnostic, options, related=False)]
        path = diagnostic.path
        if path not in sources:
            text = options.source(path) if options.source is not None else None
            sources[path] = text.split("\n") if text is not None else None
        text = sources[path]
        if text is not None:
            lines += snippet(diagnostic, text, options)
        pad = " " * (len(str(diagnostic.line)) + 1) if text is not None else "  "
        for related in diagnostic.related:
            note = f" ({printable(related.message)})" if related.message else ""
            lines.append(f"{pad}= related: line {related.line}, column {related.column}{note}")
        if _fixable(diagnostic):
            lines.append(f"{pad}= fix: {_fix_note(diagnostic)}")
        return "\n".join(lines) + "\n\n"
