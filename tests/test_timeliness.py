"""Timeliness rules (NL701, NL702): relative dates, vague times, datelines and anchors."""

from __future__ import annotations

import datetime as dt

import newslint
from newslint.checks.timeliness import article_date, resolve
from newslint.config import Config
from newslint.text.document import Document


def lint(text: str, *codes: str, options: dict | None = None) -> list[newslint.Diagnostic]:
    config = Config(select=codes or ("NL701", "NL702"), options=options or {})
    return newslint.lint_text(text, config=config, plugins=False)


def spans(text: str, found: list[newslint.Diagnostic]) -> list[tuple[str, int, str]]:
    lines = text.split("\n")
    return [(d.code, d.line, lines[d.line - 1][d.column - 1 : d.end_column - 1]) for d in found]


def test_seed_relative_times(seed_text):
    found = spans(seed_text, lint(seed_text))
    assert ("NL702", 9, "In the last few days") in found
    assert ("NL701", 13, "last month") in found


def test_quotations_are_the_sources_words():
    text = '"Talks are currently under way and we expect a deal tomorrow," she said.'
    assert not lint(text)


def test_explicit_date_beside_the_reference_anchors_it():
    assert not lint("The minister said last month, on February 12, 2025, that talks would resume.")
    assert lint(
        "The minister, who took office on February 12, 2025, said last month that talks would resume."
    )


def test_month_alone_does_not_anchor(seed_text):
    # line 9 mentions "August": a month without day or year dates nothing
    text = "In the last few days, troops retook villages lost in August."
    assert spans(text, lint(text)) == [("NL702", 1, "In the last few days")]


def test_dateline_resolves_the_reference():
    text = "LONDON, March 3, 2025 (Reuters) - The bank raised rates yesterday.\n"
    [found] = lint(text, "NL701")
    assert "Sunday, March 2, 2025" in found.message
    assert "dateline" in found.message


def test_date_line_above_the_story_resolves_last_month():
    text = "Bank Raises Rates\n\nPublished: 3 January 2025\n\nThe bank said last month was weak.\n"
    [found] = lint(text, "NL701")
    assert "December 2024" in found.message


def test_dated_article_can_be_left_alone():
    text = "LONDON, March 3, 2025 (Reuters) - The bank raised rates yesterday. Inflation is currently high."
    found = lint(text, options={"NL701": {"quiet_when_dated": True}})
    assert [d.code for d in found] == ["NL702"]  # nothing resolves "currently"


def test_undated_article_gets_the_generic_message():
    [found] = lint("The bank raised rates yesterday.", "NL701")
    assert "give the date" in found.message


def test_article_date_from_metadata_and_resolution():
    doc = Document("The bank raised rates today.", metadata={"date": dt.date(2024, 2, 29)})
    date = article_date(doc)
    assert date is not None and (date.year, date.month, date.day) == (2024, 2, 29)
    assert resolve("tomorrow", date) == "Friday, March 1, 2024"
    assert resolve("last year", date) == "2023"
    assert resolve("this week", date) is None


def test_generic_today_is_not_a_date():
    assert not lint("The pressures on teenagers today are different, the report said.", "NL701")
    assert lint("The report was published today.", "NL701")


def test_headlines_are_not_checked():
    assert not lint("Storm Hits Coast Today\n\nThe storm hit the coast on Tuesday.")


def test_year_scale_references_only_on_request():
    text = "Profits rose last year and will rise again this summer."
    assert not lint(text, "NL701")
    found = lint(text, "NL701", options={"NL701": {"include_years": True}})
    assert len(found) == 2


def test_only_letters_that_fold_to_a_letter_match_it():
    # What the word search behind NL701/NL702 relies on to skip the patterns' scan.
    import string
    import sys

    import regex

    every = "".join(chr(i) for i in range(sys.maxunicode + 1) if not 0xD800 <= i <= 0xDFFF)
    word = regex.compile(r"\w", regex.VERSION0)
    for letter in string.ascii_lowercase:
        for char in regex.findall(letter, every, flags=regex.IGNORECASE | regex.VERSION0):
            assert char.casefold() == letter or len(char.casefold()) > 1, (letter, char)
    assert all(word.match(c) for c in every if c.casefold() in set(string.ascii_lowercase))


PIECES = [
    "yesterday", "Tomorrow", "TONIGHT", "last", "night", "this", "morning", "earlier",
    "later", "today", "next", "past", "coming", "week", "month", "year", "weekend", "ago",
    "two", "3", "a few", "days", "recently", "currently", "of", "late", "lately", "at",
    "present", "the", "moment", "these", "as", "now", "right", "in", "few", "several",
    "couple", "recent", "weeks", "months", "know", "nowadays", "ſ", "K", "İ", "ß", "x",
    "'s", "’", "-", ",", ".", "(", '"', "“", "”", "\u00a0", "\t",
    "as of now", "of late", "at present", "at the moment", "In the last few days",
    "in the past several weeks", "in the coming couple of months", "in recent weeks",
    "two days ago", "a few weeks ago", "10 years ago", "last night", "earlier this week",
    "later today", "this morning", "these days", "right now", "next month",
    "٣ days ago", "３", "x7", "7x", "an", "ten", "Several", "ONE", "A", "1,000", "ago",
]  # fmt: skip
