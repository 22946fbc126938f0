"""The default output: one ``path:line:col: CODE message`` line per diagnostic."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from newslint.diagnostics import Diagnostic
from newslint.formatters import Formatter
from newslint.rule import Rule


def format_line(diagnostic: Diagnostic) -> str:
    """``path:line:col: CODE message``, naming related lines when there are any."""
    line = (
        f"{diagnostic.path}:{diagnostic.line}:{diagnostic.column}: "
        f"{diagnostic.code} {diagnostic.message}"
    )
    if diagnostic.related:
        places = ", ".join(f"{r.line}:{r.column}" for r in diagnostic.related)
        line += f" [related: {places}]"
    return line


class TextFormatter(Formatter):
    name = "text"
    description = "path:line:col: CODE message, one line per diagnostic (the default)."
    streams = True

    def format(self, diagnostics: Sequence[Diagnostic], rules: Mapping[str, Rule]) -> str:
        return "".join(format_line(d) + "\n" for d in diagnostics)
