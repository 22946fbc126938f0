"""NL105 (author-bio): the stdlib ``re`` forms of its patterns, used on re-safe text."""

from __future__ import annotations

import re

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.checks import boilerplate
from newslint.prefilter import _RE_UNSAFE
from newslint.text.document import Document

SAFE = [chr(c) for c in range(0x2200) if not _RE_UNSAFE.match(chr(c))]


def test_the_re_classes_hold_the_same_safe_characters():
    folded = regex.IGNORECASE | regex.VERSION0
    for property_class, translated in boilerplate._RE_CLASSES:
        theirs = regex.compile(property_class, folded)
        ours = re.compile(translated, re.IGNORECASE)
        assert [c for c in SAFE if bool(theirs.fullmatch(c)) != bool(ours.fullmatch(c))] == []
    upper = regex.compile(r"\p{Lu}", regex.VERSION0)
    assert [c for c in SAFE if bool(upper.match(c)) != c.isupper()] == []


PIECES = [
    "Dana", "Whitfield", "dana", "O'Neil", "Jean-Luc", "St.", "Zoë", "Ærø", "ſam", "ßen", "ª",
    "is", "was", "has been", "works as", "a", "an", "the", "freelance", "award-winning",
    "journalist", "writers", "content creator", "intern", "international", "fellow",
    "About the author:", "about the author", ",", ", who lives in Leeds,", "based in",
    "her work", "master's degree", "years of experience", "Ph.D", "passionate", "x",
    "’", "-", ".", "7", "\u00a0", "\t", "\n",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=2, max_size=16), st.sampled_from(" ,\t"))
def test_re_finds_the_biographies_regex_finds(pieces, gap):
    text = gap.join(pieces)
    theirs = boilerplate._opening().match(text)
    ours = boilerplate._re_opening().match(text)
    assert (ours and ours.span(), ours and ours.group("name")) == (
        theirs and theirs.span(),
        theirs and theirs.group("name"),
    )
    if theirs:
        doc = Document(text)
        name = theirs.group("name")
        expected = boilerplate._cased_name().fullmatch(name) is not None
        assert boilerplate._is_cased_name(doc, name) is expected
    markers = boilerplate._re_markers()
    assert [m.span() for m in markers.finditer(text)] == [
        m.span() for m in boilerplate._markers().finditer(text)
    ]


def test_rule_examples_and_seed_agree(seed_text):
    rule = boilerplate.AuthorBio
    for text in (*rule.fire, *rule.quiet, *seed_text.split("\n\n")):
        text = _RE_UNSAFE.sub("?", text)
        theirs = boilerplate._opening().match(text)
        ours = boilerplate._re_opening().match(text)
        assert (ours and ours.span()) == (theirs and theirs.span())


def test_re_reads_the_markers_as_they_are():
    from newslint.prefilter import _re_source

    assert _re_source(boilerplate._MARKERS) == boilerplate._MARKERS
