"""The sourcing family (NL2xx) and the shared attribution analysis it reads."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newslint.analysis.attribution import attribution_of
from newslint.config import Config
from newslint.engine import Linter
from newslint.plugins import build_registry, get_plugin_manager
from newslint.testing import run_rule
from newslint.text.document import Document

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_48888c3d0b1816fe.txt"
EXAMPLES = tomllib.loads((ROOT / "tests/rules/data/attribution.toml").read_text("utf-8"))
REGISTRY = build_registry(get_plugin_manager(autoload=False))


def codes(text: str, code: str) -> list:
    return [d for d in run_rule(REGISTRY.rules[code], text) if d.code == code]


# --- the example sets ---------------------------------------------------------------------------


@pytest.mark.parametrize("code", sorted(EXAMPLES))
def test_example_set_is_large_enough(code):
    examples = EXAMPLES[code]
    assert len(examples["fire"]) + len(examples["quiet"]) >= 60


@pytest.mark.parametrize(
    ("code", "example"),
    [(code, text) for code in sorted(EXAMPLES) for text in EXAMPLES[code]["quiet"]],
)
def test_quiet_examples_stay_quiet(code, example):
    assert codes(example, code) == []


@pytest.mark.parametrize("code", sorted(EXAMPLES))
def test_at_least_nine_in_ten_fire_examples_fire(code):
    fire = EXAMPLES[code]["fire"]
    missed = [text for text in fire if not codes(text, code)]
    assert len(missed) <= len(fire) // 10, missed


# --- the seed article ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_diagnostics():
    _, text = SEED.name, SEED.read_text("utf-8")
    linter = Linter(REGISTRY)
    return text, linter.lint_text(text, str(SEED), Config(select=("NL2",)))


def test_seed_vague_reports_flagged(seed_diagnostics):
    _, found = seed_diagnostics
    vague = {(d.line, d.message.split("'")[1]) for d in found if d.code == "NL202"}
    assert (5, "Reports indicate") in vague
    assert (7, "Recent reports indicate") in vague


def test_seed_passive_expected_flagged(seed_diagnostics):
    _, found = seed_diagnostics
    assert any(d.code == "NL202" and d.line == 15 and "is expected to" in d.message for d in found)


def test_seed_vague_source_with_figure_is_one_diagnostic_naming_both(seed_diagnostics):
    _, found = seed_diagnostics
    line5 = [d for d in found if d.line == 5]
    assert len(line5) == 1
    assert "Reports indicate" in line5[0].message
    assert "10,000 to 12,000" in line5[0].message


def test_seed_attributed_figures_not_flagged(seed_diagnostics):
    _, found = seed_diagnostics
    assert not [d for d in found if d.code == "NL201" and d.line in (7, 11)]


def test_seed_nothing_flagged_inside_a_quotation(seed_diagnostics):
    text, found = seed_diagnostics
    doc = Document(text)
    for d in found:
        start = doc.offset(d.line, d.column)
        assert not any(q.inner_start <= start < q.inner_end for q in doc.quotes), d


# --- what is not a figure -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The plant opened in 1998 with 40 staff.",
        "The hearing starts at 10:30 a.m. on May 4.",
        "Alvarez, 24, and Brooks, 31, were charged on Friday.",
        "She was the 150th person to climb the peak.",
        "The shop at 2250 Harbor Road closed in June.",
        "The visitors won 4-2 after extra time.",
        "The committee voted 312 to 104 in favour.",
        "Two Boeing 737 planes and an Airbus A320 were diverted.",
        "Section 230 protects platforms from liability.",
        "The COVID-19 ward was closed over the summer.",
        '"About 4,000 people came," the organiser said.',
        "About 4,000 People Came to Protest the Plan",
        "Tarnow, a town of about 110,000 people, sits east of Krakow.",
        "The island has a population of 2.5 million.",
        "The pound fell 1.2% against the dollar on Monday.",
        "The bill would cut the corporate tax rate to 28% from 35%.",
        "The governor would cut the sales tax to 5% but the council would leave it at 7%.",
        "The meeting ran a quarter of an hour over time.",
        # A background size, a price paid once, a market price, a score, a place, a height,
        # the weather.
        "The reserve covers 90 square kilometres of marsh.",
        "She paid $300 for the bike last spring.",
        "Brent crude rose to $85 a barrel in early trading.",
        "The visitors were up 3-1 at the interval.",
        "He rose to 4th place on the final lap.",
        "The tower rises 120 metres above the harbour.",
        "They spent half of the game in their own half.",
        "Temperatures fell to 4 degrees overnight.",
        # A price set or listed by whoever charges it; a place in a ranking.
        "The parking fee is set at £3 an hour.",
        "The app offers its maps for $2 a month.",
        "The young driver has climbed to 14th in the standings.",
        "The veteran has risen to 60 in the world.",
    ],
)
def test_not_figures(text):
    assert codes(text, "NL201") == []


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("Bus fares rose 12% in January.", "12%"),
        ("Petrol rose to 1.90 euros a litre over the summer.", "1.90 euros"),
        ("Roughly a third of the town's shops now stand empty.", "a third of"),
        ("Burglaries in the county have doubled since 2019.", "doubled"),
        ("Donors gave $64.8million to the campaign in August.", "$64.8million"),
        ("Managers could earn $10,000 to $20,000 a year in bonuses.", "$10,000"),
        ("About 8% of the city's households have no car.", "About 8%'"),
        ("The kingdom donated more than $10 million to the fund.", "more than $10 million'"),
        # "States" in a name is no speech verb: nobody is credited here.
        ("Mexico sells its goods to the United States, some $250 billion a year.", "some $250"),
        # A change in a count, a change by a fraction, a multiple in words.
        ("Enrolments at the college rose to 40,000 this year.", "40,000'"),
        ("Shoplifting on the high street is up by a third.", "by a third'"),
        ("Cyclists are three times as likely to be hurt on that road.", "three times as'"),
        # A price per unit or per period.
        ("Families pay $650 a month for a nursery place.", "$650'"),
        # Shares of a group.
        ("Nine of 10 farms in the valley grow maize.", "Nine of 10'"),
        ("More than half of the island's homes have no mains water.", "More than half of"),
        # Measured quantities: areas, masses, volumes.
        ("The blaze has burned 8,000 acres of pine.", "8,000 acres'"),
        ("The port shipped 2 million tonnes of grain last year.", "2 million tonnes'"),
        # Sums from accounts and tallies.
        ("The province's budget deficit was $90 million last year.", "$90 million'"),
        ("A combined $30 million went to the two campaigns.", "$30 million'"),
    ],
)
def test_changes_prices_shares_and_tallies_are_figures(text, figure):
    found = codes(text, "NL201")
    assert len(found) == 1
    assert f"'{figure}" in found[0].message


def test_headline_not_linted_but_body_is():
    text = "Around 4,000 Protest in City Centre\n\nAround 4,000 people marched on Saturday."
    found = codes(text, "NL201")
    assert [d.line for d in found] == [3]


# --- a crowd is no source -----------------------------------------------------------------------


def test_a_crowd_that_a_figure_counts_is_no_source():
    found = codes("About 40% of drivers say the new lanes are unsafe.", "NL201")
    assert len(found) == 1
    assert "'About 40%'" in found[0].message
    assert codes("A third of voters believe the tax is unfair.", "NL201")


def test_a_crowd_figure_is_sourced_by_the_survey_that_asked():
    assert (
        codes("About 40% of drivers say the lanes are unsafe, a city survey found.", "NL201") == []
    )


def test_a_crowd_figure_stays_in_the_chain_of_the_source_before_it():
    text = "The city survey found that traffic had grown. About 40% of drivers said it was unsafe."
    assert codes(text, "NL201") == []


def test_a_source_who_claims_is_a_source_even_with_a_figure_before_it():
    """Only the verbs a survey reports answers with make a crowd: a number before a named
    speaker is not the speaker's share."""
    assert codes("In 2019, 40 percent of the vote went to Ms Ortiz, officials said.", "NL201") == []


# --- NL202 points at the figure it names ---------------------------------------------------------


def test_vague_source_relates_the_figure_its_message_names():
    text = "Reports indicate that 4,000 to 5,000 troops crossed the river."
    linter = Linter(REGISTRY)
    found = [d for d in linter.lint_text(text, "a.txt", Config(select=("NL2",)))]
    assert [d.code for d in found] == ["NL202"]
    (related,) = found[0].related
    figure = "4,000 to 5,000"
    start = text.index(figure)
    assert (related.line, related.column) == (1, start + 1)
    assert (related.end_line, related.end_column) == (1, start + len(figure) + 1)
    assert figure in found[0].message


def test_vague_source_with_no_figure_relates_nothing():
    found = codes("Experts believe the river will flood again.", "NL202")
    assert len(found) == 1
    assert found[0].related == ()


# --- chains of attribution ----------------------------------------------------------------------


def test_trailing_attribution_covers_the_paragraph_before_it():
    text = "Nearly 900 jobs will go. The plant closes in June, the company said."
    assert codes(text, "NL201") == []


def test_attribution_does_not_leak_into_the_next_paragraph():
    text = "The plant closes in June, the company said.\n\nNearly 900 jobs will go."
    assert [d.line for d in codes(text, "NL201")] == [3]


def test_leading_colon_hands_the_next_paragraph_to_the_source():
    text = "The report said:\n\nAbout 3,000 homes have no heating in the district."
    assert codes(text, "NL201") == []


# --- the service API ----------------------------------------------------------------------------


def test_service_is_computed_once_per_document():
    doc = Document("Police said 12 people were hurt.")
    assert attribution_of(doc) is attribution_of(doc)


def test_source_of_and_is_attributed():
    doc = Document(
        "Spokeswoman Dana Whitfield said the road would reopen. It will cost $4 million.\n\n"
        "The weather turned cold."
    )
    attributions = attribution_of(doc)
    first, second, third = doc.sentences
    assert attributions.source_of(first) == "Spokeswoman Dana Whitfield"
    assert attributions.is_named(second)
    assert attributions.source_of(third) is None
    assert not attributions.is_attributed(third)


def test_pronoun_source_resolves_to_the_named_speaker():
    doc = Document("Mayor Ana Ruiz spoke on Monday.\n\nShe added that 300 homes were flooded.")
    attributions = attribution_of(doc)
    assert attributions.source_of(doc.sentences[1]) == "Mayor Ana Ruiz"


def test_vague_and_passive_sources_are_marked_vague():
    doc = Document("Experts say prices will rise. It is believed that the mill will close.")
    kinds = [a.kind for a in attribution_of(doc).all]
    assert kinds == ["vague", "passive"]
    assert attribution_of(doc).source_of(doc.sentences[0]) == "Experts"


def test_said_inside_a_quote_is_not_the_writers_attribution():
    doc = Document('"Everyone said it would fail," recalled Tom Hale. Prices fell 40%.')
    sources = [a.source for a in attribution_of(doc).all]
    assert sources == ["Tom Hale"]


def test_speaker_of_quote():
    doc = Document('The mayor spoke briefly.\n\n"We will rebuild this town, brick by brick."')
    quote = doc.quotes[0]
    speaker = attribution_of(doc).speaker_of(quote)
    assert speaker is not None and speaker.source == "The mayor"


def test_a_run_of_quoted_paragraphs_hangs_on_the_colon_that_opens_it():
    doc = Document(
        "The mayor addressed the crowd. She told them:\n\n"
        '"We will rebuild this town, brick by brick."\n\n'
        '"We have done it before and we will do it again."\n\n'
        '"Nobody will close our school while I am in office."'
    )
    speakers = [attribution_of(doc).speaker_of(q) for q in doc.quotes]
    assert [s.source if s else None for s in speakers] == ["She", "She", "She"]
    assert codes(doc.text, "NL203") == []


def test_a_quoted_paragraph_after_plain_narration_still_needs_a_speaker():
    doc = Document(
        "The mayor addressed the crowd. The rain had stopped.\n\n"
        "The square was full by noon.\n\n"
        '"Nobody will close our school while I am in office."'
    )
    assert attribution_of(doc).speaker_of(doc.quotes[0]) is None


# --- cue words ------------------------------------------------------------------------------------


def _cues(text: str) -> list[str]:
    return [a.cue for a in attribution_of(Document(text)).all]


def test_cue_phrases_match_any_case_and_across_a_line_break():
    assert _cues("ACCORDING TO the ministry, 300 homes flooded.") == ["ACCORDING TO"]
    assert _cues("Police said\nthat 300 homes flooded, Smith pointed\nout.") == [
        "said",
        "pointed\nout",
    ]


def test_a_reporting_word_in_a_name_is_no_cue_but_a_headline_verb_is():
    assert _cues("Exports to the United States rose 4% last year.") == []
    assert _cues("The United States said it would reply.") == ["said"]
    assert _cues("Mayor States Plan To Close Two Libraries.") == ["States"]


def test_a_cue_word_inside_another_word_is_no_cue():
    assert _cues("The unsaid rule and the re-said line cost 300 jobs.") == []


def test_the_longest_cue_phrase_wins():
    found = attribution_of(Document("Smith told reporters that 300 homes flooded.")).all
    assert [(a.cue, a.source) for a in found] == [("told reporters", "Smith")]


def test_a_reporting_word_used_as_a_noun_is_no_cue():
    assert _cues("The reports were late and his claims were false.") == []


def test_is_expected_to_before_a_scheduled_event_is_no_passive():
    assert _cues("The minister is expected to testify on Monday.") == []
    assert _cues("The merger is expected to drive up prices.") == ["is expected to"]


# --- options --------------------------------------------------------------------------------------


def test_passive_option_turns_off_passive_attribution():
    rule = REGISTRY.rules["NL202"].configured({"passive": False})
    text = "It is believed that the gunman acted alone. Experts say he planned it."
    found = [d for d in run_rule(rule, text) if d.code == "NL202"]
    assert [d.message.split("'")[1] for d in found] == ["Experts say"]


def test_min_count_option():
    rule = REGISTRY.rules["NL201"].configured({"min_count": 10})
    assert [d for d in run_rule(rule, "The firm employs 40 workers.") if d.code == "NL201"]
    assert codes("The firm employs 40 workers.", "NL201") == []


@given(st.lists(st.tuples(st.integers(0, 40), st.integers(0, 12)), max_size=60))
def test_figures_keep_the_first_of_overlapping_spans(candidates):
    """NL201 keeps a figure unless it overlaps one found before it, exactly as comparing it
    with every kept figure would (empty spans included)."""
    from newslint.checks.attribution import DisjointSpans

    taken = DisjointSpans()
    kept: list[tuple[int, int]] = []
    for start, length in candidates:
        end = start + length
        free = not any(start < b and a < end for a, b in kept)
        assert taken.add(start, end) is free
        if free:
            kept.append((start, end))


#: A sentence with a figure of each kind.
FIGURE_SENTENCES = [
    "One in five children lives in poverty",
    "5 out of every ten\tvoters would back her",
    "The rate is 3 times more than last year",
    "It costs £5 per head",
    "Output per capita rose",
    "Some 40 per cent of adults agree",
    "About 12% of adults would back her",
    "Prices rose 12 percent of the time",
    "Between 4,000 and 5,000 residents left",
    "The repairs will cost $5 million",
    "The bill could cost 5 million dollars",
    "About 300 people were killed",
    "Up to US$ 20 million was lost",
    "Fares rose to 3,000 last year",
    "Parents pay $600 a month",
    "Eight of 10 farms grow maize",
    "The blaze burned 8,000 acres",
    "The deficit was $90 million",
    "Thefts are up by a third",
]


@pytest.mark.parametrize("joiner", [". ", ".\n\n"])
def test_a_figure_is_found_whatever_sentences_surround_it(joiner):
    """Each kind of figure is found in its sentence alone and among the others alike."""
    from newslint.checks.attribution import figures_in

    def found(text: str) -> list[list[str]]:
        doc = Document(text)
        return [[f.text for f in figures_in(doc, s)] for s in doc.sentences]

    alone = [found(sentence + ".")[0] for sentence in FIGURE_SENTENCES]
    assert all(alone), [s for s, f in zip(FIGURE_SENTENCES, alone, strict=True) if not f]
    together = found(joiner.join(FIGURE_SENTENCES) + ".")
    assert together == alone


QUOTE_PIECES = [
    "He said ",
    "“Yes, ",
    "no”",
    ' "we ',
    'will" ',
    "‘so’ ",
    "it’s ",
    "«non» ",
    "\n\n",
    ". ",
]


@given(st.lists(st.sampled_from(QUOTE_PIECES), max_size=30))
def test_the_quote_blanked_text_blanks_exactly_the_outermost_quotations(pieces):
    from newslint.analysis.attribution import _without_quotations

    doc = Document("".join(pieces))
    expected = list(doc.text)
    for quote in doc.quotes:
        if not quote.depth:
            expected[quote.inner_start : quote.inner_end] = " " * (
                quote.inner_end - quote.inner_start
            )
    assert _without_quotations(doc, doc.text) == "".join(expected)


def test_passive_without_that_before_a_clause_is_vague():
    # News drops the "that": "it is believed the plan will fail" is the same anonymous claim.
    for text in ("It is believed the plan will fail.", "It is understood Smith will resign."):
        kinds = [a.kind for a in attribution_of(Document(text)).all]
        assert kinds == ["passive"], text


def test_it_is_expected_before_a_time_is_not_a_passive_source():
    doc = Document("It is expected tomorrow, the airline said.")
    assert [a.kind for a in attribution_of(doc).all if a.kind == "passive"] == []
