"""The matching layer: phrase lists on word boundaries, folding that keeps offsets, patterns
with a time budget."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newslint.text.matching import Budget, Pattern, PatternTimeout, PhraseList, expand, fold


def spans(phrases: list[str], text: str) -> list[str]:
    folded = fold(text)
    return [text[m.start : m.end] for m in PhraseList(phrases).find(folded)]


def test_phrases_match_any_case_and_a_line_break_between_words():
    assert spans(["pointed out"], "She Pointed\nout the flaw.") == ["Pointed\nout"]


def test_phrases_match_only_whole_words():
    text = "The unsaid part, the said-so rule and what she said."
    assert spans(["said"], text) == ["said"]
    assert text.rindex("said") == text.find("said.")


def test_a_possessive_still_ends_a_word():
    assert spans(["police"], "The police's report") == ["police"]


def test_the_longest_phrase_wins_where_phrases_overlap():
    assert spans(["pointed", "pointed out"], "He pointed out the error") == ["pointed out"]


def test_curly_and_straight_apostrophes_are_one():
    assert spans(["don't know"], "We don’t know yet") == ["don’t know"]


def test_brace_families_expand_to_every_choice():
    assert expand("{serve|serves} as a {stark|sobering} reminder") == [
        "serve as a stark reminder",
        "serve as a sobering reminder",
        "serves as a stark reminder",
        "serves as a sobering reminder",
    ]
    assert spans(["{very |}likely"], "It is very likely and likely.") == ["very likely", "likely"]


def test_entry_tells_which_phrase_matched():
    phrases = PhraseList(["said", "{told|tells}"])
    assert [m.entry for m in phrases.find(fold("He told us, she said"))] == [1, 0]


def test_membership_ignores_case_and_spacing():
    phrases = PhraseList(["pointed out"])
    assert "Pointed  Out" in phrases
    assert "pointed" not in phrases


def test_find_within_a_span_keeps_document_offsets():
    text = "said. Then she said it."
    found = PhraseList(["said"]).find(fold(text), 6, len(text))
    assert [(m.start, m.end) for m in found] == [(15, 19)]


@given(st.text(max_size=200))
def test_folding_keeps_every_offset(text):
    assert len(fold(text)) == len(text)


def test_characters_that_fold_to_several_keep_their_place():
    text = "Straße said"
    assert spans(["said"], text) == ["said"]


def test_a_pattern_that_backtracks_without_end_is_stopped():
    pattern = Pattern(r"(?:a|aa)+$", name="XX101")
    with pytest.raises(PatternTimeout, match="XX101"):
        list(pattern.finditer("a" * 5000 + "b", 0, 5001, Budget(0.05)))


def test_a_star_stands_for_any_one_word_between_words():
    phrases = ["{a|an} {* |}testament to"]
    text = "It is a testament to them, an enduring testament to all, a very fitting testament to"
    assert spans(phrases, text) == ["a testament to", "an enduring testament to"]


def test_star_runs_allow_up_to_as_many_words_as_stars():
    phrases = ["plenty more {* |}{* |}to come"]
    assert spans(phrases, "There is plenty more to come.") == ["plenty more to come"]
    assert spans(phrases, "plenty more big drama to come") == ["plenty more big drama to come"]
    assert spans(phrases, "plenty more of the drama to come") == []


def test_a_gapped_phrase_keeps_word_boundaries_at_both_ends():
    phrases = ["{a|an} {* |}testament to"]
    assert spans(phrases, "Ma fitting testament to") == []
    assert spans(phrases, "a fitting testament toward") == []


def test_a_star_at_the_edge_of_a_phrase_is_an_error():
    with pytest.raises(ValueError, match="between words"):
        PhraseList(["* alike"])


def test_a_longer_text_gets_a_pattern_budget_in_proportion():
    assert Budget.for_text("x" * 10, 2.0).seconds == 2.0
    assert Budget.for_text("x" * 1_000_001, 2.0).seconds == 4.0
    assert Budget.for_text("x" * 5_000_000, 2.0).seconds == 10.0
