"""The document's words: split once, and any span answered as if it were split alone."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.text.document import _WORD, Document

PIECES = [
    "U.S.",
    "officials",
    "10,000",
    "said",
    " ",
    "  ",
    "\n",
    "\n\n",
    "e.g.",
    "rock-’n’-roll",
    ".",
    ",",
    "“Yes,”",
    "5.5%",
    "Ça",
]


def _document_and_span(pieces: list[str], data: st.DataObject) -> tuple[str, Document, int, int]:
    """The text of ``pieces``, its document, and a span of it drawn from ``data``."""
    text = "".join(pieces)
    start = data.draw(st.integers(0, len(text)))
    return text, Document(text), start, data.draw(st.integers(start, len(text)))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30), st.data())
def test_words_of_any_span_match_splitting_that_span_alone(pieces, data):
    text, doc, start, end = _document_and_span(pieces, data)
    assert doc.words(start, end) == [m.span() for m in _WORD.finditer(text, start, end)]
    assert doc.words() == [m.span() for m in _WORD.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*PIECES, "_", "x_y", "²", "-", "'"]), max_size=30), st.data())
def test_word_texts_are_the_text_of_the_words(pieces, data):
    text, doc, start, end = _document_and_span(pieces, data)
    assert doc.word_texts(start, end) == [text[s:e] for s, e in doc.words(start, end)]
    starts, ends, texts = doc.word_columns()
    spans = [m.span() for m in _WORD.finditer(text)]
    assert list(zip(starts, ends, strict=True)) == spans
    assert list(texts) == [text[s:e] for s, e in spans]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30), st.data())
def test_word_count_is_the_number_of_words(pieces, data):
    _, doc, start, end = _document_and_span(pieces, data)
    assert doc.word_count(start, end) == len(doc.words(start, end))
    assert doc.word_count() == len(doc.words())


def _safe_characters() -> list[str]:
    from newslint.prefilter import _RE_UNSAFE

    return [chr(c) for c in range(0x2200) if not _RE_UNSAFE.match(chr(c))]


#: Words around a reporting verb: skippable ones ("has", "long", "last week", "on Friday"),
#: their look-alikes ("laſt", "ON", "Boston"), names and numbers, and what separates them.
SUBJECT_WORDS = [
    "Smith",
    "the",
    "minister",
    "has",
    "long",
    "also",
    "last",
    "laſt",
    "week",
    "on",
    "ON",
    "Friday",
    "Boston",
    "that",
    "1,000",
    "x_y",
    "Ölaf",
    "A.B.",
    "Jo-Ann",
    "“Yes,”",
]
SEPARATORS = [" ", " ", " ", "  ", "\n", ", ", "-", "'", ""]


def _words_before_a_verb(data: st.DataObject, max_size: int) -> str:
    """Words and separators drawn from ``data``, ending on a separator."""
    pairs = data.draw(
        st.lists(
            st.tuples(st.sampled_from(SUBJECT_WORDS), st.sampled_from(SEPARATORS)),
            max_size=max_size,
        )
    )
    return "".join(word + separator for word, separator in pairs)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_a_phrase_before_a_verb_read_from_the_last_words_is_read_from_all(data):
    from newslint.analysis.attribution import _WORD, _phrase_of, _trailing_phrase

    text = _words_before_a_verb(data, 40)
    floor = data.draw(st.integers(0, len(text)))  # where the sentence starts
    for end in range(floor, len(text) + 1):
        every_word = list(_WORD.finditer(text, floor, end))
        expected = _phrase_of(text, every_word, end, complete=True)
        assert _trailing_phrase(text, floor, end) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Officials from the ten biggest firms in the region on the coast",
        "In the end, the chief executive of the firm",
        "x, one two three four five six seven eight nine ten",
        "Ölaf and the chief executive of the firm",
    ],
)
def test_a_long_phrase_before_a_verb_is_read_from_all_its_words(text):
    from newslint.analysis.attribution import _WORD, _phrase_of, _trailing_phrase

    for floor in range(len(text) + 1):  # the sentence starting anywhere in the text
        for end in range(floor, len(text) + 1):
            every_word = list(_WORD.finditer(text, floor, end))
            expected = _phrase_of(text, every_word, end, complete=True)
            assert _trailing_phrase(text, floor, end) == expected, (floor, end)
