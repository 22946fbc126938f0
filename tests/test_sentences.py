from __future__ import annotations

import pytest

from newslint.text.sentences import split_sentences


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mr. Smith arrived. He sat.", ["Mr. Smith arrived.", "He sat."]),
        (
            "Gov. Jane Ortiz spoke on Jan. 5 in Austin.",
            ["Gov. Jane Ortiz spoke on Jan. 5 in Austin."],
        ),
        ("Prices rose 3.5 percent. Wages fell.", ["Prices rose 3.5 percent.", "Wages fell."]),
        ("John F. Kennedy spoke. Crowds cheered.", ["John F. Kennedy spoke.", "Crowds cheered."]),
        (
            "The U.S. Army said so. The Navy did not.",
            ["The U.S. Army said so.", "The Navy did not."],
        ),
        ("He lives in the U.S. The move was hard.", ["He lives in the U.S.", "The move was hard."]),
        ('"We won." She left.', ['"We won."', "She left."]),
        ("“We won,” she said. “Again.”", ["“We won,” she said.", "“Again.”"]),
        ("Wait... Then it rained.", ["Wait...", "Then it rained."]),
        ("He paused … and went on.", ["He paused … and went on."]),
        ("Is it over? Yes! It is.", ["Is it over?", "Yes!", "It is."]),
        ("Sales hit 10,000 units. Profit rose.", ["Sales hit 10,000 units.", "Profit rose."]),
        ("It ended at 3 p.m. Monday.", ["It ended at 3 p.m. Monday."]),
        ("He ranked No. 5 in the poll.", ["He ranked No. 5 in the poll."]),
        ("The board said no. The firm appealed.", ["The board said no.", "The firm appealed."]),
    ],
)
def test_sentence_boundaries(text, expected):
    assert sentences(text) == expected


def test_offsets_are_absolute_within_a_range():
    text = "Intro.\n\nOne here. Two here."
    start = text.index("One")
    spans = split_sentences(text, start, len(text))
    assert [text[a:b] for a, b in spans] == ["One here.", "Two here."]


PIECES = [
    "Mr.", "Smith", "U.S.", "Army", "The", "he", "Élan", "ÉTÉ", "ſo", "ß", "9", "3.5", "No.",
    "5", "Jan.", "p.m.", "etc.", "...", "…", "?", "!", ".", '"', "“", "”", "’", "(", ")", "«",
    "»", "e.g.", "F.", "x", "\u00a0", "\t", "\n", "it", "Officials", "İ", "ı", "²",
]  # fmt: skip
