"""Properties of ``--fix``: it settles, stays inside its spans, and ignores line endings."""

from __future__ import annotations

import regex
from articles import articles, every_rule, linter, texts
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newslint.fixes import apply_fixes, fix_text

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Lines as newslint counts them: CRLF, lone CR and LF each end one (mixed endings included).
_LINE = regex.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
_BREAK = regex.compile(r"\r\n|\r|\n")


def fix(text: str, unsafe: bool):
    return fix_text(linter(), text, "article.txt", every_rule(), unsafe=unsafe)


@SETTINGS
@given(st.one_of(articles(), texts), st.booleans())
def test_fixing_twice_changes_nothing(text, unsafe):
    once = fix(text, unsafe)
    assert once.settled
    twice = fix(once.after, unsafe)
    assert twice.fixed == 0 and twice.after == once.after


@SETTINGS
@given(articles(), st.booleans())
# Mixed line endings once found by this property (lone CR, CRLF next to LF).
@example("\r0\n\nLoading Now", False)
@example("0\r\n\nLoading Now", False)
@example("The budget passed, the mayor said.\n\n\r0\n\nLoading Now\n", False)
def test_fixes_touch_only_their_lines_and_adjacent_blank_lines(text, unsafe):
    diagnostics = linter().lint_text(text, "article.txt", every_rule())
    lines = _LINE.findall(text)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    applied = apply_fixes(text, diagnostics, unsafe=unsafe)
    for d in applied.fixed:
        own_start, own_end = starts[d.line - 1], starts[min(d.end_line, len(lines))]
        for edit in d.fix.edits:
            start = starts[edit.line - 1] + edit.column - 1
            end = starts[edit.end_line - 1] + edit.end_column - 1
            outside = text[start : min(end, own_start)] + text[max(start, own_end) : end]
            assert outside.strip() == "", (d.code, outside)
            if edit.replacement:
                assert own_start <= start and end <= own_end
    # Every line that no applied fix reported is still there, in order.
    reported = {n for d in applied.fixed for n in range(d.line, d.end_line + 1)}
    kept = [line.rstrip("\r\n") for n, line in enumerate(lines, 1) if n not in reported]
    remaining = iter(_BREAK.split(applied.text))
    for line in kept:
        if line.strip():
            assert any(candidate == line for candidate in remaining), line


@SETTINGS
@given(articles(), st.sampled_from(("\r\n", "\r")), st.booleans())
def test_fixes_are_the_same_whatever_the_line_endings(text, newline, unsafe):
    lf = fix(text, unsafe)
    other = fix(text.replace("\n", newline), unsafe)
    assert other.fixed == lf.fixed
    assert other.after == lf.after.replace("\n", newline)
