"""Properties of linting any text: it never fails, and every position it reports is exact."""

from __future__ import annotations

import regex
from articles import every_rule, linter, paths, texts
from hypothesis import HealthCheck, given, settings

from newslint.engine import INTERNAL_ERROR
from newslint.text.document import Document

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_BREAK = regex.compile(r"\r\n|\r|\n")


def lint(text: str, path: str):
    return linter().lint_text(text, path, every_rule())


def normalised(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text[1:] if text.startswith("\ufeff") else text


def span_by_position(text: str, line: int, column: int, end_line: int, end_column: int) -> str:
    """The characters between two 1-based positions, counted over ``text``'s own lines."""
    starts = [0] + [m.end() for m in _BREAK.finditer(text)]
    return text[starts[line - 1] + column - 1 : starts[end_line - 1] + end_column - 1]


@SETTINGS
@given(texts, paths)
def test_linting_never_fails_and_spans_lie_inside_the_text(text, path):
    diagnostics = lint(text, path)
    assert [d for d in diagnostics if d.code == INTERNAL_ERROR] == []
    source = normalised(text)
    doc = Document(source)
    lines = source.split("\n")
    for d in diagnostics:
        assert 1 <= d.line <= d.end_line <= len(lines)
        assert (d.line, d.column) <= (d.end_line, d.end_column)
        assert 1 <= d.column <= len(lines[d.line - 1]) + 1
        assert 1 <= d.end_column <= len(lines[d.end_line - 1]) + 1
        for line, column in ((d.line, d.column), (d.end_line, d.end_column)):
            assert doc.position(doc.offset(line, column)) == (line, column)
        for edit in d.fix.edits if d.fix else ():
            assert 1 <= edit.line <= edit.end_line <= len(lines)
            assert edit.end_column <= len(lines[edit.end_line - 1]) + 1


@SETTINGS
@given(texts, paths)
def test_linting_is_deterministic(text, path):
    assert lint(text, path) == lint(text, path)
    first = [(d, d.message, d.fix, d.related) for d in lint(text, path)]
    again = [(d, d.message, d.fix, d.related) for d in lint(text, path)]
    assert first == again


@SETTINGS
@given(texts, paths)
def test_crlf_and_cr_give_the_findings_of_lf_on_the_same_characters(text, path):
    lf = normalised(text)
    expected = [(d, d.message, d.fix) for d in lint(lf, path)]
    for newline in ("\r\n", "\r"):
        other = lf.replace("\n", newline)
        found = [(d, d.message, d.fix) for d in lint(other, path)]
        assert found == expected
        for d, _, _ in found:
            where = (d.line, d.column, d.end_line, d.end_column)
            characters = span_by_position(other, *where)
            assert normalised(characters) == span_by_position(lf, *where)
