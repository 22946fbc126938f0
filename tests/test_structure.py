"""Repetition rules (NL401-NL405) on the seed article, labelled closings and edge cases."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

import newslint
from newslint.analysis.overlap import OverlapIndex, is_content, normalise, stem, word_table
from newslint.config import Config
from newslint.rule import Rule
from newslint.testing import run_rule
from newslint.text.document import Document

DATA = Path(__file__).parent / "rules" / "data" / "repetition_summary.toml"
REPETITION = ("NL401", "NL402", "NL403", "NL404")


def lint(text: str, *codes: str) -> list[newslint.Diagnostic]:
    return newslint.lint_text(text, config=Config(select=codes or REPETITION), plugins=False)


def test_seed_second_paragraph_restates_the_lede(seed_text):
    found = [d for d in lint(seed_text) if d.code == "NL402"]
    assert [(d.line, [r.line for r in d.related]) for d in found] == [(7, [5])]
    assert "line 5" in found[0].message


def test_seed_summary_paragraph_points_at_what_it_repeats(seed_text):
    found = [d for d in lint(seed_text) if d.code == "NL401"]
    assert [d.line for d in found] == [17]
    related = [r.line for r in found[0].related]
    assert 5 in related
    assert all(line < 17 for line in related)


def test_seed_has_no_other_repetitive_paragraph(seed_text):
    lines = {d.line for d in lint(seed_text)}
    assert lines == {7, 17}


def test_summary_related_locations_reach_sarif(seed_text, tmp_path):
    path = tmp_path / "seed.txt"
    path.write_text(seed_text, encoding="utf-8")
    from newslint.cli import main

    out = tmp_path / "out.sarif"
    main(["--select", "NL401", "--format", "sarif", "--output-file", str(out), str(path)])
    sarif = json.loads(out.read_text(encoding="utf-8"))
    result = sarif["runs"][0]["results"][0]
    assert result["ruleId"] == "NL401"
    lines = [loc["physicalLocation"]["region"]["startLine"] for loc in result["relatedLocations"]]
    assert 5 in lines


def _labelled() -> list[tuple[str, str, dict]]:
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    return [
        (f"{story['id']}-{index}-{closing['label']}", story["text"], closing)
        for story in data["story"]
        for index, closing in enumerate(story["closing"])
    ]


LABELLED = _labelled()


@pytest.mark.parametrize(("name", "story", "closing"), LABELLED, ids=[x[0] for x in LABELLED])
def test_labelled_closing(name, story, closing):
    """Every "new" closing stays quiet; every summary fires, except recaps written in
    abstractions that the data file marks as known misses (NL401's known problems)."""
    text = f"{story}\n\n{closing['text']}"
    last = text.count("\n") + 1
    fired = any(d.line == last for d in lint(text, "NL401"))
    expected = closing["label"] == "summary" and not closing.get("known_miss", False)
    assert fired == expected


def test_labelled_set_holds_both_kinds_with_and_without_openers():
    names = [name for name, _, _ in LABELLED]
    assert sum(n.endswith("-summary") for n in names) >= 15
    assert sum(n.endswith("-new") for n in names) >= 15


def test_summary_in_quotation_is_not_a_recap():
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    story = data["story"][0]
    recap = story["closing"][0]["text"]
    quoted = f'"{recap}," the mayor told reporters.'
    assert not lint(f"{story['text']}\n\n{quoted}", "NL401")


def test_summary_threshold_is_an_option():
    rule = newslint_rule("NL401")
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    story = data["story"][0]
    text = f"{story['text']}\n\n{story['closing'][1]['text']}"
    assert run_rule(rule, text)
    assert not run_rule(rule.configured({"threshold": 0.95}), text)


def test_restated_paragraph_skips_parallel_lists():
    squad = (
        "Squad\n\nArsenal named their team on Friday for the match against Everton.\n\n"
        "Forwards: Lopez, Mendes, Okafor, Brandt, Silva, Haas, Kim, Novak, Ruiz, Adler.\n\n"
        "Reserves: Lopez, Mendes, Okafor, Brandt, Silva, Haas, Kim, Novak, Ruiz, Moreau."
    )
    assert not lint(squad, "NL402")


def test_repeated_sentence_points_at_the_first():
    text = (
        "The bridge will close for repairs on Friday. Drivers should use the ring road.\n\n"
        "Engineers found cracks in two supports.\n\n"
        "The bridge will close for repairs on Friday."
    )
    found = lint(text, "NL403")
    assert [(d.line, d.related[0].line) for d in found] == [(5, 1)]


def test_repeated_names_are_not_phrases(seed_text):
    assert not lint(seed_text, "NL404")
    text = (
        "Officials from the National Security and Defense Council of Ukraine met on Monday.\n\n"
        "The National Security and Defense Council of Ukraine said nothing afterwards."
    )
    assert not lint(text, "NL404")


def test_repeated_phrase_reports_the_longest_run():
    text = (
        "The company said the new plant would create hundreds of jobs in the region by 2026.\n\n"
        "The governor agreed that the new plant would create hundreds of jobs in the region."
    )
    found = lint(text, "NL404")
    assert len(found) == 1
    assert found[0].message.startswith("11-word phrase")


def test_a_phrase_of_a_sentence_repeated_whole_is_still_found_elsewhere():
    # The sentence is repeated whole (NL403's) and its phrase comes back in a third
    # sentence: the phrase is reported there, pointing at the sentence's first use.
    said = "The company said the new plant would create hundreds of jobs in the region by 2026."
    text = (
        f"{said} Unions welcomed it.\n\n{said}\n\n"
        "The governor agreed that the new plant would create hundreds of jobs in the region."
    )
    assert [(d.line, d.related[0].line) for d in lint(text, "NL403")] == [(3, 1)]
    found = lint(text, "NL404")
    assert [(d.line, d.related[0].line) for d in found] == [(5, 1)]
    assert found[0].message.startswith("11-word phrase")


def test_formula_noted_only_when_paragraph_adds_facts(seed_text):
    assert not lint(seed_text, "NL405")  # the seed's "In summary" paragraph is NL401's
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    story = data["story"][0]
    adds = f"{story['text']}\n\n{story['closing'][2]['text']}"
    found = lint(adds, "NL405")
    assert [d.message for d in found] == [
        "Essay formula opening the closing paragraph: 'In conclusion'"
    ]


def test_topic_words_weigh_less_than_rare_words():
    doc = Document("Kursk troops advanced.\n\nKursk troops held.\n\nKursk troops sang opera.")
    index = OverlapIndex(doc)
    assert index.weight(stem("kursk")) < index.weight(stem("opera"))


def test_postings_of_topic_words_are_not_walked():
    paragraphs = [
        f"Troops moved near village{n} on day {n} of the long advance." for n in range(60)
    ]
    doc = Document("\n\n".join(paragraphs))
    index = OverlapIndex(doc, max_postings=10)
    candidates = dict(index.candidates())
    # "troops" is in every paragraph; only rare terms lead to candidates, so the last
    # paragraph, which shares nothing rare, gets none.
    assert 59 not in candidates


def test_word_table_agrees_with_normalise_and_stem():
    # The word table learns each word form with normalise/is_content/stem inlined.
    words = (
        "Russia’s troops' The the 10,000 1.2bn ² Deployed deployment strengthening "
        "studies ss grass bus yes Kursk's I'm St. U.S. it's ies ing eds mr Mr."
    ).split()
    doc = Document(" ".join(words))
    table = word_table(doc)
    count = len(table.forms)
    for (start, end), norm, term in zip(
        doc.words(), table.norms(0, count), table.terms(0, count), strict=True
    ):
        raw = doc.text[start:end]
        assert norm == normalise(raw)
        assert term == (stem(norm) if is_content(norm) else None)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("deployed", "deploy"),
        ("deployment", "deploy"),
        ("studies", "study"),
        ("ties", "tie"),  # too short for "ies" or "es": only the "s" goes
        ("flies", "fli"),
        ("buses", "bus"),
        ("bus", "bus"),
        ("glass", "glass"),
        ("running", "runn"),
        ("sing", "sing"),
        ("speed", "spe"),
        ("bed", "bed"),
        ("10,000", "10000"),
    ],
)
def test_stem_strips_at_most_one_ending(word, expected):
    assert stem(word) == expected


def test_candidates_for_some_paragraphs_match_the_full_walk():
    paragraphs = [
        f"Troops moved near village{n % 7} on day {n} of the long advance by river{n % 3}."
        for n in range(60)
    ]
    index = OverlapIndex(Document("\n\n".join(paragraphs)), max_postings=10)
    every = dict(index.candidates())
    some = [3, 17, 40, 59]
    assert dict(index.candidates(only=some)) == {p: every[p] for p in some if p in every}


def newslint_rule(code: str) -> Rule:
    from newslint.plugins import build_registry, get_plugin_manager

    return build_registry(get_plugin_manager(autoload=False)).rules[code]
