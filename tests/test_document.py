from __future__ import annotations

from newslint.text.document import Document


def quoted(doc: Document) -> list[str]:
    return [doc.text[q.inner_start : q.inner_end] for q in doc.quotes if q.depth == 0]


def test_paragraphs_sentences_and_headings(seed_text):
    doc = Document(seed_text)
    headings = [p.text for p in doc.paragraphs if p.is_heading]
    assert "North Korean Troops Play Key Role in Russia’s Gains in Kursk Region" in headings
    lede = doc.paragraphs[2]
    assert not lede.is_heading
    assert len(doc.sentences_of(lede)) == 3
    assert doc.position(lede.start) == (5, 1)


def test_positions_round_trip_and_count_characters():
    doc = Document("Ünïcode line\nsecond “quoted” line\n")
    offset = doc.text.index("quoted")
    line, column = doc.position(offset)
    assert (line, column) == (2, 9)
    assert doc.offset(line, column) == offset


def test_curly_and_straight_double_quotes():
    doc = Document('He said “we will win” and she said "we will not".')
    assert quoted(doc) == ["we will win", "we will not"]
    assert doc.in_quote(doc.text.index("win"))
    assert not doc.in_quote(doc.text.index("said"))


def test_outer_quotes_merge_nested_ones_and_agree_with_in_quote():
    doc = Document("“He told me ‘never again’ twice,” she said. Then: “No.”")
    spans = doc.outer_quotes
    assert [doc.text[a:b] for a, b in spans] == ["“He told me ‘never again’ twice,”", "“No.”"]
    inside = {i for a, b in spans for i in range(a, b)}
    assert all(doc.in_quote(i) == (i in inside) for i in range(len(doc.text)))


def test_apostrophes_are_not_quotes():
    doc = Document("Russia’s army and the soldiers' families don't agree.")
    assert doc.quotes == []


def test_single_quote_quotation_and_nesting():
    doc = Document("'We are ready,' the minister said. “He told me ‘never again’ twice,” she said.")
    outer = quoted(doc)
    assert outer[0] == "We are ready,"
    assert outer[1].startswith("He told me")
    nested = [q for q in doc.quotes if q.depth == 1]
    assert [doc.text[q.inner_start : q.inner_end] for q in nested] == ["never again"]


def test_quote_spanning_paragraphs_reopens_with_opening_mark():
    text = "“The first part runs on.\n\n“The second part ends here,” he said.\n\nNext paragraph."
    doc = Document(text)
    assert doc.in_quote(text.index("first"))
    assert doc.in_quote(text.index("second"))
    assert not doc.in_quote(text.index("Next"))
    continued = [q for q in doc.quotes if q.continued]
    assert len(continued) == 1


def test_flattened_paragraphs_reopen_a_quote_instead_of_closing_it():
    # Two quoted paragraphs run together: the mark after "first." reopens the quotation.
    text = '"The bridge is the first. "The road comes next," the engineer said.'
    doc = Document(text)
    assert quoted(doc) == ["The bridge is the first.", "The road comes next,"]
    assert not doc.in_quote(text.index("engineer"))
    assert [q.continued for q in doc.quotes] == [False, True]


def test_a_mark_against_its_last_word_still_closes():
    doc = Document('"The bridge is the first." The road comes next, the engineer said.')
    assert quoted(doc) == ["The bridge is the first."]
    assert not doc.in_quote(doc.text.index("road"))


def test_unclosed_quote_stops_at_paragraph_end():
    doc = Document('He said "this never closes.\n\nA new paragraph.')
    assert doc.in_quote(doc.text.index("never"))
    assert not doc.in_quote(doc.text.index("new"))


def test_sentence_and_paragraph_lookup():
    doc = Document("One. Two.\n\nThree.")
    assert doc.sentence_at(doc.text.index("Two")).text == "Two."
    assert doc.paragraph_at(doc.text.index("Three")).index == 1
    assert doc.sentence_at(doc.text.index("\n")) is None


def test_an_analysis_is_computed_once_per_document():
    doc = Document("Text.")
    calls = []

    def length(d):
        calls.append(d)
        return len(d.text)

    assert doc.analysis(length) == 5
    assert doc.analysis(length) == 5
    assert Document("Longer text.").analysis(length) == 12
    assert len(calls) == 2  # once for each document
