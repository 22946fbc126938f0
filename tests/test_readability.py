"""Readability rules (NL501-NL503): scores, limits as options, and textstat loaded lazily."""

from __future__ import annotations

import subprocess
import sys

import newslint
from newslint.checks.readability import Scores
from newslint.config import Config

PLAIN = " ".join(["The council met on Monday. It voted to fix the roads. Work starts in May."] * 10)
DENSE = " ".join(
    [
        "The interdepartmental committee's comprehensive reorganization proposal, "
        "notwithstanding considerable institutional opposition, fundamentally restructures "
        "administrative responsibilities across governmental jurisdictions."
    ]
    * 10
)


def lint(text: str, *codes: str, options: dict | None = None) -> list[newslint.Diagnostic]:
    config = Config(select=codes, options=options or {})
    return newslint.lint_text(text, config=config, plugins=False)


def test_flesch_formulas():
    scores = Scores(words=100, sentences=5, syllables=150)
    assert round(scores.reading_ease, 1) == round(206.835 - 1.015 * 20 - 84.6 * 1.5, 1)
    assert round(scores.grade, 2) == round(0.39 * 20 + 11.8 * 1.5 - 15.59, 2)


def test_hard_article_reported_once_with_its_scores():
    found = lint(DENSE, "NL501")
    assert len(found) == 1
    assert "grade level" in found[0].message and "reading ease" in found[0].message
    assert found[0].severity == "info"
    assert not lint(PLAIN, "NL501")


def test_targets_are_options():
    assert lint(PLAIN, "NL501", options={"NL501": {"min_reading_ease": 150.0}})
    assert not lint(DENSE, "NL501", options={"NL501": {"max_grade": 40, "min_reading_ease": -200}})


def test_seed_reads_harder_than_the_news_target(seed_text):
    assert [d.line for d in lint(seed_text, "NL501")] == [5]


def test_long_sentence_limit_and_quotes():
    long = "The council " + "and the board " * 15 + "met."
    assert lint(long, "NL502")
    assert not lint(long, "NL502", options={"NL502": {"max_words": 60}})
    assert not lint(f'"{long}" she said.', "NL502")


def test_long_paragraph_by_words_or_sentences():
    assert lint("Rain fell. " * 11, "NL503")
    assert not lint("Rain fell. " * 11, "NL503", options={"NL503": {"max_sentences": 20}})
    assert lint(" ".join(["word"] * 201) + ".", "NL503")


def test_textstat_is_not_imported_until_the_grade_rule_runs(tmp_path):
    code = (
        "import sys, newslint\n"
        "from newslint.config import Config\n"
        "import newslint.checks.readability\n"
        "newslint.lint_text('Rain fell. ' * 80, config=Config(select=('NL502', 'NL503')),"
        " plugins=False)\n"
        "assert 'textstat' not in sys.modules and 'newslint.analysis.syllables' not in sys.modules\n"
        "newslint.lint_text('Rain fell today. ' * 80, config=Config(select=('NL501',)),"
        " plugins=False)\n"
        "assert 'textstat' in sys.modules or 'newslint.analysis.syllables' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)
