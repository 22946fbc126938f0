"""JSON output: a list of diagnostics with exactly the ``Diagnostic`` field names."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from newslint.diagnostics import Diagnostic
from newslint.formatters import Formatter
from newslint.rule import Rule


class JsonFormatter(Formatter):
    name = "json"
    description = (
        "A JSON list of diagnostics (path, line, column, end_line, end_column, code, ...)."
    )

    def format(self, diagnostics: Sequence[Diagnostic], rules: Mapping[str, Rule]) -> str:
        return json.dumps([d.to_dict() for d in diagnostics], indent=2, ensure_ascii=False) + "\n"
