"""SARIF 2.1.0 output, for code-scanning dashboards.

Regions are in characters (``columnKind: unicodeCodePoints``); every rule that ran is listed in
``tool.driver.rules`` with its summary and the same documentation ``newslint explain`` prints.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path

from newslint._version import __version__
from newslint.diagnostics import Diagnostic
from newslint.formatters import Formatter
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
    from newslint.docs import rule_markdown

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

    def format(self, diagnostics: Sequence[Diagnostic], rules: Mapping[str, Rule]) -> str:
        used = sorted({d.code for d in diagnostics} | set(rules))
        descriptors = [rule_descriptor(rules[code]) for code in used if code in rules]
        index = {d["id"]: i for i, d in enumerate(descriptors)}
        results = []
        for d in diagnostics:
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
            results.append(result)
        log = {
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
                }
            ],
        }
        return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
