"""SARIF 2.1.0 output, for code-scanning dashboards.

Regions are in characters (``columnKind: unicodeCodePoints``); every rule that ran is listed in
``tool.driver.rules`` with its summary and the same documentation ``newslint explain`` prints.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from newslint._version import __version__
from newslint.diagnostics import Diagnostic
from newslint.formatters import INPUT_ERROR, Formatter, ReportStream
from newslint.formatters.escape import valid_json
from newslint.rule import Rule

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _uri(path: str) -> str:
    return Path(path).as_posix() if not path.startswith("<") else path


def _region(line: int, column: int, end_line: int, end_column: int) -> dict[str, int]:
    return {
        "startLine": line,
        "startColumn": column,
        "endLine": end_line,
        "endColumn": max(end_column, column) if end_line == line else end_column,
    }


def rule_descriptor(rule: Rule) -> dict[str, object]:
    from newslint.rule_docs import rule_markdown

    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.doc_sections().get("What it does", rule.summary)},
        "help": {"text": rule.summary, "markdown": rule_markdown(rule)},
        "defaultConfiguration": {"level": _LEVEL[rule.severity], "enabled": rule.enabled},
        "properties": {"category": rule.category, "tags": [rule.category]},
    }


class SarifFormatter(Formatter):
    name = "sarif"
    description = "SARIF 2.1.0 JSON, for code-scanning tools."
    reports_input_errors = True

    def format(self, diagnostics: Sequence[Diagnostic], rules: Mapping[str, Rule]) -> str:
        import json  # here, not at the top: a run reporting as text never imports it

        descriptors, index = _descriptors(rules)
        results = [_result(d, index) for d in diagnostics if d.code != INPUT_ERROR]
        errors = [_notification(d) for d in diagnostics if d.code == INPUT_ERROR]
        dumped = json.dumps(_log(descriptors, results, errors), indent=2, ensure_ascii=False)
        return valid_json(dumped) + "\n"

    def stream(self, rules: Mapping[str, Rule]) -> ReportStream:
        return _SarifStream(self, rules)


def _descriptors(rules: Mapping[str, Rule]) -> tuple[list[dict[str, object]], dict[str, int]]:
    """Every rule's descriptor, by code, and each code's index among them (a result of a
    code that is no rule's, such as an internal error, has no index)."""
    descriptors = [rule_descriptor(rules[code]) for code in sorted(rules)]
    return descriptors, {str(d["id"]): i for i, d in enumerate(descriptors)}


def _result(d: Diagnostic, index: Mapping[str, int]) -> dict[str, object]:
    result: dict[str, object] = {
        "ruleId": d.code,
        "level": _LEVEL[d.severity],
        "message": {"text": d.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": _uri(d.path)},
                    "region": _region(d.line, d.column, d.end_line, d.end_column),
                }
            }
        ],
        "properties": {"category": d.category, "name": d.name},
    }
    if d.code in index:
        result["ruleIndex"] = index[d.code]
    if d.related:
        result["relatedLocations"] = [
            {
                "id": number,
                "physicalLocation": {
                    "artifactLocation": {"uri": _uri(d.path)},
                    "region": _region(r.line, r.column, r.end_line, r.end_column),
                },
                "message": {"text": r.message or "related"},
            }
            for number, r in enumerate(d.related)
        ]
    if d.fix is not None:
        result["fixes"] = [
            {
                "description": {"text": d.fix.title},
                "artifactChanges": [
                    {
                        "artifactLocation": {"uri": _uri(d.path)},
                        "replacements": [
                            {
                                "deletedRegion": _region(
                                    e.line, e.column, e.end_line, e.end_column
                                ),
                                "insertedContent": {"text": e.replacement},
                            }
                            for e in d.fix.edits
                        ],
                    }
                ],
            }
        ]
    return result


def _notification(d: Diagnostic) -> dict[str, object]:
    """An input that could not be linted, as SARIF reports a tool's trouble with a file."""
    return {
        "level": "error",
        "message": {"text": d.message},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(d.path)}}}],
        "descriptor": {"id": INPUT_ERROR},
    }


def _log(
    descriptors: list[dict[str, object]],
    results: list[object],
    errors: Sequence[dict[str, object]] = (),
) -> dict[str, object]:
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "newslint",
                        "version": __version__,
                        "informationUri": "https://github.com/newslint/newslint",
                        "rules": descriptors,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
                "invocations": [
                    {
                        "executionSuccessful": not errors,
                        "toolExecutionNotifications": list(errors),
                    }
                ],
            }
        ],
    }


#: Stands in for the results while the log around them is written (no result is a string).
_PLACEHOLDER = "\u0000results\u0000"


class _SarifStream(ReportStream):
    """The SARIF log written result by result, byte for byte as :meth:`SarifFormatter.format`
    writes it whole: the log is dumped once around a placeholder result, which gives the
    text before the first result, the indentation of each, and the text after the last."""

    def __init__(self, formatter: Formatter, rules: Mapping[str, Rule]) -> None:
        import json

        super().__init__(formatter, rules)
        self.descriptors, self.index = _descriptors(rules)
        whole = json.dumps(_log(self.descriptors, [_PLACEHOLDER]), indent=2, ensure_ascii=False)
        marker = json.dumps(_PLACEHOLDER)
        at = whole.index(marker)
        line_start = whole.rindex("\n", 0, at) + 1
        self.indent = whole[line_start:at]
        self.head, self.tail = whole[:line_start], whole[at + len(marker) :] + "\n"
        self.started = False
        self.errors: list[dict[str, object]] = []

    def part(self, diagnostics: Sequence[Diagnostic]) -> str:
        self.errors.extend(_notification(d) for d in diagnostics if d.code == INPUT_ERROR)
        diagnostics = [d for d in diagnostics if d.code != INPUT_ERROR]
        if not diagnostics:
            return ""
        import json

        items = (",\n").join(
            self.indent
            + json.dumps(_result(d, self.index), indent=2, ensure_ascii=False).replace(
                "\n", "\n" + self.indent
            )
            for d in diagnostics
        )
        opening = ",\n" if self.started else self.head
        self.started = True
        return opening + valid_json(items)

    def end(self) -> str:
        import json

        if not self.started:
            log = _log(self.descriptors, [], self.errors)
            return valid_json(json.dumps(log, indent=2, ensure_ascii=False)) + "\n"
        if not self.errors:
            return self.tail
        # The log after the results, written again now that the input errors are known.
        whole = json.dumps(
            _log(self.descriptors, [_PLACEHOLDER], self.errors), indent=2, ensure_ascii=False
        )
        marker = json.dumps(_PLACEHOLDER)
        return valid_json(whole[whole.index(marker) + len(marker) :]) + "\n"
