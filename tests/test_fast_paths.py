"""Caches in the core that make linting fast must give exactly what the slow path gives."""

from __future__ import annotations

import pytest
import regex
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
    assert doc.words() == [m.span() for m in regex.finditer(_WORD, text)]


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


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(_safe_characters()), max_size=60), st.data())
def test_re_splits_safe_text_into_the_same_words(text, data):
    """On re-safe text the document splits words with ``re``."""
    from newslint.text.document import _WORD_RE

    words = "".join(data.draw(st.lists(st.sampled_from(PIECES), max_size=6)))
    for sample in (text, words + text, text + words):
        assert _WORD_RE.split(sample) == _WORD.split(sample)


def test_re_reads_every_safe_character_as_regex_does():
    """Each safe character, alone and between letters, digits and inner punctuation."""
    from newslint.text.document import _WORD_RE

    for char in _safe_characters():
        for sample in (char, f"a{char}b", f"1{char}2", f"a'{char}", f"{char}-{char}", char * 3):
            assert _WORD_RE.split(sample) == _WORD.split(sample), repr(sample)


def test_documents_with_an_underscore_or_unsafe_characters_split_as_before():
    for text in ("snake_case words", "x² and ½", "İstanbul and ǅ", "plain words, 10,000"):
        doc = Document(text)
        assert doc.words() == [m.span() for m in _WORD.finditer(text)]


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
