"""GitHub Actions workflow commands: annotations on the pull request's files."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from newslint.diagnostics import Diagnostic
from newslint.formatters import Formatter
from newslint.formatters.escape import printable
from newslint.rule import Rule

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(value: str) -> str:
    # Control characters first (an escape sequence in a log, a line break that would start a
    # workflow command of its own), then what the workflow-command syntax itself reserves.
    value = printable(value)
    return value.replace("%", "%25")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


class GithubFormatter(Formatter):
    name = "github"
    description = "GitHub Actions annotations (::warning file=...,line=...::message)."
    streams = True

    def format(self, diagnostics: Sequence[Diagnostic], rules: Mapping[str, Rule]) -> str:
        lines = []
        for d in diagnostics:
            props = (
                f"file={_escape_property(d.path)},line={d.line},col={d.column},"
                f"endLine={d.end_line},endColumn={d.end_column},title={_escape_property(d.code)}"
            )
            lines.append(f"::{_LEVEL[d.severity]} {props}::{_escape_data(d.message)}\n")
        return "".join(lines)
