"""The plain record classes behave as the frozen dataclasses they replaced."""

from __future__ import annotations

import copy
import pickle

import pytest

from newslint.analysis.attribution import Attribution
from newslint.diagnostics import Finding, OffsetEdit, OffsetRelated
from newslint.text.document import Document, Paragraph, Sentence
from newslint.text.quotes import Quote


def _finding() -> Finding:
    return Finding(
        3, 9, "Vague source", edits=(OffsetEdit(3, 9),), related=(OffsetRelated(0, 2, "here"),)
    )


def test_keywords_and_defaults_are_those_of_the_dataclass():
    finding = Finding(start=3, end=9, message="Vague source")
    assert (finding.edits, finding.fix_applicability, finding.fix_title, finding.related) == (
        (),
        "safe",
        "",
        (),
    )
    assert OffsetEdit(1, 2).replacement == ""
    with pytest.raises(TypeError):
        Finding(3, 9)  # type: ignore[call-arg]


def test_compared_and_hashed_by_value_and_type():
    assert _finding() == _finding()
    assert hash(_finding()) == hash(_finding())
    assert len({_finding(), _finding()}) == 1
    assert Finding(3, 9, "a") != Finding(3, 9, "b")
    assert OffsetEdit(0, 2, "x") != OffsetRelated(0, 2, "x")  # same values, another type
    assert OffsetEdit(0, 2) != (0, 2, "")


def test_immutable():
    finding = _finding()
    with pytest.raises(AttributeError):
        finding.message = "changed"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del finding.start
    with pytest.raises(AttributeError):
        finding.extra = 1  # type: ignore[attr-defined]


def test_shown_as_a_dataclass_would_be():
    assert repr(OffsetEdit(1, 4, "x")) == "OffsetEdit(start=1, end=4, replacement='x')"


def test_pickled_and_copied_whole():
    """--jobs sends results between processes; copies must be equal and still frozen."""
    doc = Document("Officials said 40 people died. “It was awful,” she said.\n\nMore.\n")
    items = [
        _finding(),
        *doc.sentences,
        *doc.paragraphs,
        *doc.quotes,
        Attribution("Officials", "Officials", "said", 10, 14, 0, 9, 0, "named", "lead", (0,)),
    ]
    assert any(isinstance(item, Quote) for item in items)
    assert any(isinstance(item, Paragraph) for item in items)
    assert any(isinstance(item, Sentence) for item in items)
    for item in items:
        for twin in (pickle.loads(pickle.dumps(item)), copy.copy(item), copy.deepcopy(item)):
            assert twin == item
            assert type(twin) is type(item)
            with pytest.raises(AttributeError):
                twin.start = 0
