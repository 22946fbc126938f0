"""One problem, one finding: a restated closing paragraph is reported once."""

from __future__ import annotations

import newslint

from conftest import SEED


def test_a_restating_closing_paragraph_is_one_finding_with_the_others_related():
    found = newslint.lint_text(SEED.read_text(encoding="utf-8"))
    closing = [d for d in found if d.line == 17 and d.column == 1]
    assert [d.code for d in closing] == ["NL401"]  # not also NL603 for its "In summary"
    related = [r.message for r in closing[0].related]
    assert (
        "also NL603: Stock filler phrase: 'In summary'; cut it or say the specific thing" in related
    )
    # A filler phrase further into the paragraph is another problem, and is still reported.
    assert any(d.code == "NL603" and (d.line, d.column) == (17, 46) for d in found)


def test_without_the_summary_rule_the_others_are_reported_as_before():
    config = newslint.Config(ignore=["NL401"])
    found = newslint.lint_text(SEED.read_text(encoding="utf-8"), config=config)
    assert any(d.code == "NL603" and (d.line, d.column) == (17, 1) for d in found)
