"""Hypothesis strategies for the property tests: arbitrary text and article-shaped text.

The article pieces are invented for these tests (no benchmark text): page furniture that the
boilerplate rules delete, a headline, sentences that the attribution, hedging, filler and
repetition rules look at, quotations with straight and curly marks, and an author bio.
Hypothesis mixes them with arbitrary Unicode, odd blank lines and missing final newlines.
"""

from __future__ import annotations

from functools import cache

from hypothesis import strategies as st

from newslint.config import Config
from newslint.engine import Linter
from newslint.plugins import load_plugins

FURNITURE = (
    "Loading Now",
    "Post Comment",
    "Share this article",
    "Advertisement",
    "Read more",
    "Related Articles",
    "Original Source: www.example.com",
    "© 2031 Example Gazette. All rights reserved.",
    "Tags: budget, council, transport",
    "Facebook | Twitter | Email",
)
HEADLINES = ("Council Approves Budget", "Storm Closes Coastal Road", "# Ferry Fares Rise")
SENTENCES = (
    "The council approved a $4.2 million budget on Tuesday, Mayor Ana Ruiz said.",
    "Reports indicate that 10,000 people attended the rally.",
    "It appears to be a significant development for the region.",
    "“We will not stop until the road is open,” said Lena Ortiz, a resident.",
    '"It could potentially change everything," one official said.',
    "As the situation evolves, it remains to be seen what happens next.",
    "In summary, the plan plays a crucial role in the city's future.",
    "Officials said the U.S. plan was approved on Jan. 5 by Gov. Reyes.",
    "The bridge, which opened in 1998, carries 40% of the traffic.",
    "Clearly, the decision was a world-class success, underscoring its importance.",
    "He said: 'the ferry is late again'.",
    "Many experts believe prices may rise sharply.",
    "Last week the school board met again.",
)
BIO = (
    "Dana Whitfield is a freelance journalist based in Leeds. She holds a master's degree "
    "in journalism and has spent eight years covering local politics."
)
BREAKS = ("\n\n", "\n\n", "\n", "\n\n\n", "\n \n", "\n\t\n")

noise = st.text(max_size=40)
sentence = st.one_of(st.sampled_from(SENTENCES), st.sampled_from(SENTENCES), noise)
paragraph = st.one_of(
    st.lists(sentence, min_size=1, max_size=4).map(" ".join),
    st.lists(sentence, min_size=1, max_size=4).map(" ".join),
    st.sampled_from(FURNITURE),
    st.sampled_from(HEADLINES),
    st.just(BIO),
)


@st.composite
def articles(draw: st.DrawFn) -> str:
    """Paragraphs joined by assorted blank lines, with or without a final newline."""
    parts = draw(st.lists(paragraph, min_size=1, max_size=9))
    out = parts[0]
    for part in parts[1:]:
        out += draw(st.sampled_from(BREAKS)) + part
    return out + draw(st.sampled_from(("", "\n", "\n\n")))


#: Either any Unicode at all, or something shaped like a scraped article.
texts = st.one_of(st.text(max_size=400), articles())
paths = st.sampled_from(("article.txt", "article.md"))


@cache
def linter() -> Linter:
    pm, registry = load_plugins(autoload=False)
    return Linter(registry, pm)


@cache
def every_rule() -> Config:
    """Every rule, including the ones that are off by default."""
    return Config(select=("ALL",))
