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


def test_disable_line_covers_its_own_line_only():
    text = "Loading Now <!-- newslint-disable-line NL101 -->\n\nPost Comment\n"
    assert codes_by_line(text) == [(3, "NL101")]


def test_an_unknown_directive_disables_nothing_and_is_an_error():
    # A misspelt kind once read as "disable" plus a code "-LINE": every later NL101 vanished.
    text = "Loading Now <!-- newslint-disabel-line NL101 -->\n\nPost Comment\n"
    found = newslint.lint_text(text, config=BOILERPLATE)
    assert [(d.line, d.code) for d in found] == [(1, "NL101"), (1, "NL001"), (3, "NL101")]
    assert found[1].severity == "error"
    assert "newslint-disabel-line" in found[1].message
    assert "disables nothing" in found[1].message


def test_a_reason_after_two_hyphens_is_accepted():
    text = "<!-- newslint-disable-next-line NL101 -- legal asked us to keep it -->\nLoading Now\n"
    assert codes_by_line(text) == []


def test_words_where_codes_should_be_disable_nothing():
    text = "<!-- newslint-disable-next-line NL101 legal asked us to keep it -->\nLoading Now\n"
    found = newslint.lint_text(text, config=BOILERPLATE)
    assert [(d.line, d.code) for d in found] == [(1, "NL001"), (2, "NL101")]
    assert "'legal'" in found[0].message


def test_every_code_newslint_emits_is_listed_explained_and_selectable(run_cli):
    for code in ("NL001", "NL002"):
        status, out, _ = run_cli("explain", code)
        assert status == 0 and f"({code})" in out
        status, out, _ = run_cli("rules")
        assert any(line.startswith(code) for line in out.splitlines())
        status, _, err = run_cli("--ignore", code, "--select", "NL1", "-", stdin=b"Hello.\n")
        assert status == 0, err
