from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.text import sentences as sentences_module
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


def test_the_re_forms_hold_the_same_safe_characters():
    import re

    import regex

    from newslint.prefilter import _RE_UNSAFE

    safe = [chr(c) for c in range(0x2200) if not _RE_UNSAFE.match(chr(c))]
    capitals = f"[{sentences_module._SAFE_CAPITALS}0-9]"
    for theirs, ours in [(r"[\p{Lu}\p{N}]", capitals), (r"[\p{L}.]", r"(?:[^\W\d_]|\.)")]:
        plain, folded = re.compile(ours), regex.compile(theirs)
        assert [c for c in safe if bool(plain.fullmatch(c)) != bool(folded.fullmatch(c))] == []
    # The word before a period is read with str.isalpha where it holds letters alone.
    letter = regex.compile(r"\p{L}")
    assert [c for c in safe if c.isalpha() != bool(letter.fullmatch(c))] == []


PIECES = [
    "Mr.", "Smith", "U.S.", "Army", "The", "he", "Élan", "ÉTÉ", "ſo", "ß", "9", "3.5", "No.",
    "5", "Jan.", "p.m.", "etc.", "...", "…", "?", "!", ".", '"', "“", "”", "’", "(", ")", "«",
    "»", "e.g.", "F.", "x", "\u00a0", "\t", "\n", "it", "Officials", "İ", "ı", "²",
]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30), st.sampled_from([" ", "  ", ""]))
def test_re_splits_as_regex_does(pieces, gap):
    text = gap.join(pieces)
    with_re = split_sentences(text)
    saved = sentences_module._LAST_TEXT[:]
    try:
        sentences_module._LAST_TEXT[:] = [text, False]  # force the regex patterns
        with_regex = split_sentences(text)
    finally:
        sentences_module._LAST_TEXT[:] = saved
    assert with_re == with_regex


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab.Z \n\t1éİſ²ß_", max_size=40))
def test_the_word_before_a_period_is_the_one_a_forward_search_finds(text):
    """Read backwards over the reversed text, the word is the one ``([\\p{L}.]+)$`` finds
    searching the window before the period (its ``$`` also matches before a final newline)."""
    import regex

    from newslint.prefilter import _RE_UNSAFE

    forward = regex.compile(r"([\p{L}.]+)$")
    engines = [False] if _RE_UNSAFE.search(text) else [False, True]
    for position in range(len(text) + 1):
        found = forward.search(text, max(0, position - 20), position)
        expected = found.group(1) if found else ""
        for plain in engines:
            assert sentences_module._word_before(text, position, plain) == expected
