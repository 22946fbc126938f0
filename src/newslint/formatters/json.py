"""JSON output: a list of diagnostics with exactly the ``Diagnostic`` field names."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from newslint.diagnostics import Diagnostic
from newslint.formatters import Formatter, ReportStream
from newslint.formatters.escape import valid_json
from newslint.rule import Rule


class JsonFormatter(Formatter):
    name = "json"
    reports_input_errors = True
    description = (
        "A JSON list of diagnostics (path, line, column, end_line, end_column, code, ...)."
    )

    def format(self, diagnostics: Sequence[Diagnostic], rules: Mapping[str, Rule]) -> str:
        import json  # here, not at the top: a run reporting as text never imports it

        dumped = json.dumps([d.to_dict() for d in diagnostics], indent=2, ensure_ascii=False)
        return valid_json(dumped) + "\n"

    def stream(self, rules: Mapping[str, Rule]) -> ReportStream:
        return _JsonListStream(self, rules)


class _JsonListStream(ReportStream):
    """The JSON list written item by item, byte for byte as :meth:`JsonFormatter.format`
    writes it whole (``json.dumps`` with ``indent=2`` indents an item of the list by two
    spaces on every line, and no value holds a raw line break)."""

    def __init__(self, formatter: Formatter, rules: Mapping[str, Rule]) -> None:
        super().__init__(formatter, rules)
        self.started = False

    def part(self, diagnostics: Sequence[Diagnostic]) -> str:
        if not diagnostics:
            return ""
        import json

        items = ",\n".join(
            "  " + json.dumps(d.to_dict(), indent=2, ensure_ascii=False).replace("\n", "\n  ")
            for d in diagnostics
        )
        opening = ",\n" if self.started else "[\n"
        self.started = True
        return opening + valid_json(items)

    def end(self) -> str:
        return "\n]\n" if self.started else "[]\n"
