from __future__ import annotations

import newslint
from newslint.config import Config

BOILERPLATE = Config(select=["NL1", "NL0"])


def codes_by_line(text):
    return [(d.line, d.code) for d in newslint.lint_text(text, config=BOILERPLATE)]


def test_disable_enable_region():
    text = "Loading Now\n<!-- newslint-disable NL101 -->\nLoading Now\n<!-- newslint-enable NL101 -->\nLoading Now\n"
    assert codes_by_line(text) == [(1, "NL101"), (5, "NL101")]


def test_disable_next_line_skips_blank_lines():
    text = "<!-- newslint-disable-next-line NL101 -->\n\nLoading Now\n\nLoading Now\n"
    assert codes_by_line(text) == [(5, "NL101")]


def test_directive_without_codes_covers_every_rule_and_prefixes_work():
    text = "<!-- newslint-disable -->\nLoading Now\nwww.example.com\n"
    assert codes_by_line(text) == []
    text = "<!-- newslint-disable NL1 -->\nLoading Now\n"
    assert codes_by_line(text) == []


def test_directive_lines_are_not_linted_and_work_in_markdown():
    text = "Intro.\n\n<!-- newslint-disable-next-line -->\nLoading Now\n"
    found = newslint.lint_text(text, path="a.md", config=BOILERPLATE)
    assert found == []


def test_unknown_code_in_directive_gets_a_warning():
    text = "<!-- newslint-disable NL999 -->\nLoading Now\n"
    found = newslint.lint_text(text, config=Config(select=["NL001"]))
    assert [(d.line, d.column, d.code) for d in found] == [(1, 23, "NL001")]
    assert "NL999" in found[0].message
