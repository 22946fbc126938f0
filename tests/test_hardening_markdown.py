"""Markdown that once cost quadratic time in the reader: one line of unclosed links or comments.

The limits here are loose (the text of each takes well under a second to read now, and took
tens of seconds before); ``bench/hostile.py --only markdown`` prints how the time grows.
"""

from __future__ import annotations

import time

import pytest

from newslint.readers.markdown import MarkdownReader


def read_seconds(text: str) -> tuple[float, str]:
    start = time.perf_counter()
    masked = MarkdownReader().read(text, "hostile.md").text
    return time.perf_counter() - start, masked


@pytest.mark.parametrize(
    "unit",
    ["[a](b ", "The council met. <!-- ", "![a](b ", "[a](b (", "[[[[ ", "``a `"],
)
def test_a_long_line_of_unclosed_markup_is_read_in_linear_time(unit):
    seconds, masked = read_seconds(unit * 40_000)  # 200 kB or more on one line
    assert seconds < 3, f"{seconds:.1f} s"
    assert len(masked) == len(unit) * 40_000


def test_closed_links_titles_and_comments_are_still_masked():
    text = (
        'See [the plan](https://example.org/Plan_(2024) "The plan") and '
        "![a chart](chart.png) <!-- a note --> and `code` here. <!-- never closed"
    )
    masked = MarkdownReader().read(text, "a.md").text
    assert "example.org" not in masked and '"The plan"' not in masked
    assert "chart.png" not in masked and "a note" not in masked and "code" not in masked
    assert "the plan" in masked  # link text is prose; an image is masked whole
    assert masked.endswith("here. <!-- never closed")  # an unclosed comment is text
