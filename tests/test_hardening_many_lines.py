"""A page of many tiny lines: the per-rule limit on findings, and what it costs in memory.

A generated or scraped page can hold hundreds of thousands of one-word lines, and NL106
judges every one of them page furniture. Reporting each would cost a diagnostic per line
held until the report (hundreds of megabytes) and a report nobody reads, so a rule reports
at most ``max-findings-per-rule`` findings per document and then one summary counting the
rest (docs/security.md, Limits).
"""

from __future__ import annotations

import re
import tracemalloc
from pathlib import Path

import pytest

import newslint
from newslint.checks import boilerplate
from newslint.config import Config, ConfigError

#: A page of one-word paragraphs: the classifier flags every line below the top of the page.
TINY = "Tiny.\n\n" * 40


def codes(out: str) -> list[str]:
    return re.findall(r": (NL\d{3}) ", out)


def test_a_rule_reports_up_to_the_limit_then_one_summary_at_the_first_left_out(run_cli, tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(TINY, encoding="utf-8")
    code, everything, _ = run_cli(str(page), "--select", "NL106", "--max-findings-per-rule", "0")
    flagged = everything.splitlines()
    assert code == 1 and len(flagged) > 10 and "more findings" not in everything

    code, out, _ = run_cli(str(page), "--select", "NL106", "--max-findings-per-rule", "3")
    lines = out.splitlines()
    assert code == 1
    assert lines[:3] == flagged[:3]
    summary = lines[3]
    left_out = len(flagged) - 3
    # At the first finding left out, with the rule's code, no fix, and the count.
    assert summary.startswith(flagged[3].split(" NL106 ")[0] + " NL106 warning: ")
    assert f"{left_out} more findings of NL106 in this document are not reported" in summary
    assert "not fixed" in summary and "max-findings-per-rule" in summary
    assert len(lines) == 4


def test_the_default_limit_is_a_thousand_and_a_config_file_can_change_it(run_cli, tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("Tiny.\n\n" * 1300, encoding="utf-8")
    _, out, _ = run_cli(str(page), "--select", "NL106", cwd=tmp_path)
    assert codes(out) == ["NL106"] * 1001
    assert re.search(r"[\d,]+ more findings of NL106 .* at most 1,000 are", out)

    (tmp_path / "newslint.toml").write_text("max-findings-per-rule = 2\n", encoding="utf-8")
    _, out, _ = run_cli(str(page), "--select", "NL106", cwd=tmp_path)
    assert codes(out) == ["NL106"] * 3


@pytest.mark.parametrize("value", [-1, 2.5, '"10"', "true"])
def test_a_limit_that_is_not_a_whole_number_is_a_one_line_config_error(tmp_path, value):
    config = tmp_path / "newslint.toml"
    config.write_text(f"max-findings-per-rule = {value}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"newslint.toml: max-findings-per-rule must be"):
        Config.from_file(config)


def test_a_limit_on_the_command_line_must_be_a_whole_number(run_cli, tmp_path, capsys):
    page = tmp_path / "page.txt"
    page.write_text(TINY, encoding="utf-8")
    with pytest.raises(SystemExit) as stopped:
        run_cli(str(page), "--max-findings-per-rule", "-3")
    assert stopped.value.code == 2
    assert "--max-findings-per-rule: expected a whole number, 0 or more, got '-3'" in (
        capsys.readouterr().err
    )


def test_a_fix_removes_exactly_the_lines_it_reports_fixed(run_cli, tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(TINY, encoding="utf-8")
    code, out, err = run_cli(
        str(page), "--select", "NL106", "--max-findings-per-rule", "3", "--fix"
    )
    fixed = int(re.search(r"Fixed (\d+) problems", err).group(1))
    after = Path(page).read_text(encoding="utf-8")
    # Each pass fixes the three lines it reports, never one of those it left out.
    assert fixed % 3 == 0 and fixed > 0
    assert after.count("Tiny.") == TINY.count("Tiny.") - fixed
    if code:  # what remains is reported, the lines left out by the summary again
        assert "not fixed" in out


def test_the_furniture_verdicts_of_many_short_lines_stay_small():
    # A page of 800,000 short lines must not hold a dict of signals or an object per line
    # at once: the verdicts are columns of numbers.
    lines = 5000
    doc = newslint.Document("Tiny.\n\n" * lines)
    _ = doc.paragraphs, doc.line_starts
    boilerplate._verdicts(newslint.Document("Warm.\n\nUp.\n"))
    tracemalloc.start()
    try:
        verdicts = boilerplate._verdicts(doc)
        kept, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(verdicts) == lines
    assert peak < 700 * lines
    assert kept < 150 * lines


def test_lines_are_made_when_read_and_behave_as_a_list():
    doc = newslint.Document("One.\n\nTwo\nthree.")
    lines = doc.lines
    assert len(lines) == 4
    assert [(line.number, line.start, line.end, line.text) for line in lines] == [
        (1, 0, 4, "One."),
        (2, 5, 5, ""),
        (3, 6, 9, "Two"),
        (4, 10, 16, "three."),
    ]
    assert lines[-1] == lines[3] and lines[1:3] == [lines[1], lines[2]]
    with pytest.raises(IndexError):
        lines[4]
