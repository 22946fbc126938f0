"""ArticleLinter: one article at a time, pickled to workers as its configuration."""

from __future__ import annotations

import pickle

from newslint import ArticleLinter, Config, lint_text

ARTICLE = (
    "Read more: click here to subscribe\n\n"
    "The harbour board approved the timetable on Monday, its chair said.\n\n"
    "Some experts say the change could perhaps ease the queues.\n\n"
    "Share this article\n"
)


def test_findings_match_the_library_and_carry_offsets_into_the_text():
    linter = ArticleLinter(plugins=False)
    found = linter.lint(ARTICLE, id="a1")
    expected = lint_text(ARTICLE, path="a1", plugins=False)
    assert [(d.code, d.line, d.column, d.offset, d.end_offset) for d in found] == [
        (d.code, d.line, d.column, d.offset, d.end_offset) for d in expected
    ]
    spans = {(d.code, ARTICLE[d.offset : d.end_offset]) for d in found}
    assert ("NL101", "Read more: click here to subscribe") in spans
    assert ("NL101", "Share this article") in spans
    assert ("NL202", "Some experts say") in spans
    assert all(d.path == "a1" for d in found)


def test_offsets_point_into_the_callers_text_whatever_its_newlines():
    linter = ArticleLinter(plugins=False)
    text = "\ufeff" + ARTICLE.replace("\n", "\r\n")
    plain = linter.lint(ARTICLE)
    found = linter.lint(text)
    assert [(d.code, d.line, d.column) for d in found] == [
        (d.code, d.line, d.column) for d in plain
    ]
    for ours, theirs in zip(found, plain, strict=True):
        assert text[ours.offset : ours.end_offset] == ARTICLE[theirs.offset : theirs.end_offset]


def test_pickling_sends_the_configuration_and_the_copy_lints_alike():
    linter = ArticleLinter(
        Config(severity={"NL202": "error"}), select=["NL2", "NL1"], plugins=False
    )
    before = linter.lint(ARTICLE)  # the rules are loaded here; they must not travel
    data = pickle.dumps(linter)
    assert len(data) < 2000
    copy = pickle.loads(data)
    assert copy.lint(ARTICLE) == before
    assert {d.code[:3] for d in before} == {"NL1", "NL2"}
    assert next(d for d in before if d.code == "NL202").severity == "error"


def test_ignore_and_select_narrow_the_rules():
    assert {d.code for d in ArticleLinter(select=["NL101"], plugins=False).lint(ARTICLE)} == {
        "NL101"
    }
    assert "NL101" not in {
        d.code for d in ArticleLinter(ignore=["NL1"], plugins=False).lint(ARTICLE)
    }


def test_clean_removes_furniture_and_keeps_the_rest_and_its_line_endings():
    linter = ArticleLinter(plugins=False)
    text = ARTICLE.replace("\n", "\r\n")
    cleaned = linter.clean(text)
    assert cleaned.fixed == 2
    assert cleaned.text == (
        "The harbour board approved the timetable on Monday, its chair said.\r\n\r\n"
        "Some experts say the change could perhaps ease the queues.\r\n"
    )
    assert "NL101" not in {d.code for d in cleaned.diagnostics}
    for d in cleaned.diagnostics:  # offsets re-based onto the cleaned text
        if d.code == "NL202":
            assert cleaned.text[d.offset : d.end_offset] == "Some experts say"
    assert linter.clean(cleaned.text).fixed == 0


def test_attributes_row_groups_spans_by_rule_and_counts_them():
    row = ArticleLinter(plugins=False).attributes(ARTICLE, id="a1")
    assert row["id"] == "a1"
    assert row["attributes"]["newslint__NL101__page-widget-text"] == [
        [0, 34, 1.0],
        [ARTICLE.index("Share"), ARTICLE.index("Share") + 18, 1.0],
    ]
    assert row["counts"]["NL101"] == 2
    empty = ArticleLinter(plugins=False).attributes("The board met on Monday, its chair said.\n")
    assert empty == {"id": None, "attributes": {}, "counts": {}}
