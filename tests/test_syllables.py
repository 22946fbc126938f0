"""Syllable counts: pyphen's answers (hyphenation points plus one), from its own patterns."""

from __future__ import annotations

import pyphen
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.analysis.syllables import (
    SyllableCounter,
    dictionary_path,
    levels_of,
    read_patterns,
)


@pytest.fixture(scope="module")
def counter() -> SyllableCounter:
    return SyllableCounter.english()


@pytest.fixture(scope="module")
def hyphenator() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="en_US")


@pytest.mark.parametrize(
    ("word", "syllables"),
    [("cat", 1), ("table", 2), ("government", 3), ("international", 5), ("Reading", 2)],
)
def test_common_words(counter, word, syllables):
    assert counter(word) == syllables


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzéü'-", min_size=1, max_size=24))
@settings(max_examples=300, deadline=None)
def test_counts_are_pyphens(counter, hyphenator, word):
    assert counter(word) == len(hyphenator.positions(word)) + 1


def test_patterns_are_those_pyphen_reads(hyphenator):
    patterns = read_patterns(dictionary_path())
    read = {letters: levels_of(written) for letters, written in patterns.items()}
    pyphens = hyphenator.hd.patterns
    assert {k: v for k, v in read.items() if v[1]} == pyphens
