"""NL607: an article written in the register of essays, press releases and generated copy.

Its signs ("Additionally,", "stated that", ", resulting in", "the incident has") are each
ordinary once in an edited article, so no flat word list can report them: a phrases rule that
fired on one flagged as many US political articles as generated texts. What separates
generated copy is that the signs come thick and of several kinds. The rule counts them per
100 words of the writer's own text and needs two families at least, so a long feature with
two "Additionally," stays quiet and a 200-word text with "stated that", ", resulting in" and
"Overall," does not.

The families are data: ``[lexicon.register]`` in ``rules/filler.toml``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any, ClassVar

from newslint.diagnostics import Finding
from newslint.hookspecs import RegisterRule, hookimpl
from newslint.lexicon import load_lexicon
from newslint.rule import Rule
from newslint.text.document import Document
from newslint.text.matching import Budget, Pattern, PhraseList

#: Where a family's phrase must stand to count: anywhere (``phrases``), opening a sentence
#: (``openers``: "Additionally,") or right after a comma (``after_comma``: ", resulting in").
POSITIONS = ("phrases", "openers", "after_comma")


@dataclass(frozen=True)
class Families:
    """The register families of the lexicon, compiled: one automaton per position for every
    phrase, and one pattern with a named group per family for what needs more context."""

    phrases: dict[str, PhraseList]
    family_of: dict[str, tuple[str, ...]]
    pattern: Pattern | None


@cache
def families() -> Families:
    """Read and compile ``[lexicon.register]`` once; it is shipped data, not configuration."""
    phrases: dict[str, list[str]] = {position: [] for position in POSITIONS}
    owners: dict[str, list[str]] = {position: [] for position in POSITIONS}
    groups: list[str] = []
    for name, table in load_lexicon("filler").get("register", {}).items():
        for position in POSITIONS:
            for phrase in table.get(position, []):
                phrases[position].append(phrase)
                owners[position].append(name)
        alternatives = "|".join(f"(?:{p})" for p in table.get("patterns", []))
        if alternatives:
            groups.append(rf"(?P<{name}>\b(?<!-)(?:{alternatives})(?![\w-]))")
    pattern = Pattern("|".join(groups), name="NL607") if groups else None
    return Families(
        {position: PhraseList(phrases[position]) for position in POSITIONS},
        {position: tuple(owners[position]) for position in POSITIONS},
        pattern,
    )


def _after(text: str, start: int, marks: str) -> bool:
    """Whether one of ``marks`` and then one to three whitespace characters come right
    before ``start``."""
    spaces = 0
    while spaces < 4 and start - spaces > 0 and text[start - spaces - 1].isspace():
        spaces += 1
    return 1 <= spaces <= 3 and start - spaces > 0 and text[start - spaces - 1] in marks


def _stands(text: str, start: int, position: str) -> bool:
    """Whether a phrase found at ``start`` stands where its ``position`` asks."""
    if position == "openers":
        return start == 0 or text[start - 1] == "\n" or _after(text, start, ".!?")
    if position == "after_comma":
        return _after(text, start, ",")
    return True


@dataclass(frozen=True)
class Sign:
    """One sign of the register in the writer's voice: its span and its family."""

    start: int
    end: int
    family: str


def register_signs(doc: Document) -> list[Sign]:
    """Every sign in the body of ``doc`` outside quotations, in text order."""
    compiled = families()
    budget = Budget.for_text(doc.text)
    signs: list[Sign] = []
    for paragraph in doc.body_paragraphs:
        for position, phrases in compiled.phrases.items():
            for match in phrases.find(doc.folded, paragraph.start, paragraph.end):
                if _stands(doc.text, match.start, position):
                    family = compiled.family_of[position][match.entry]
                    signs.append(Sign(match.start, match.end, family))
        if compiled.pattern is not None:
            for found in compiled.pattern.finditer(
                doc.text, paragraph.start, paragraph.end, budget
            ):
                if found.end() > found.start() and found.lastgroup:
                    signs.append(Sign(found.start(), found.end(), found.lastgroup))
    signs.sort(key=lambda sign: (sign.start, -sign.end))
    return [sign for sign in _apart(signs) if not doc.in_quote(sign.start, sign.end)]


def _apart(signs: list[Sign]) -> Iterator[Sign]:
    """Signs that do not overlap: where two do, the one that starts first (then the longer)."""
    reached = -1
    for sign in signs:
        if sign.start >= reached:
            yield sign
            reached = sign.end


class EssayRegister(Rule):
    """## What it does
    Flags an article written in the register of school essays, press releases and generated
    copy: essay connectives opening a sentence ("Additionally,", "Furthermore,",
    "Ultimately,"), "stated that", feelings reported as a formula ("expressed their
    gratitude"), the essay's "we", a consequence tacked on after a comma (", resulting in"),
    importance asserted as a role ("a crucial role in"), "showcase", the audience everywhere
    ("fans alike", "across the globe"), "the incident has", reaction in place of news
    ("sparked a debate", "raised concerns about") and stock intensifiers ("incredibly",
    "unforgettable"). It reports an article only where the signs are of at least
    ``min_families`` kinds (default 2) and come at least ``min_per_100_words`` times per 100
    words (default 0.6), and then points at each.

    ## Why is this bad?
    Each of these is fine once; an article that keeps reaching for them reads as padding,
    says "stated" and "expressed" where news says "said" and quotes, and sounds generated.
    On generated news the signs come thick and of several kinds; in edited news they are
    scattered.

    ## Known problems
    Words inside quotations do not count. Opinion and analysis pieces use essay connectives
    by design; ignore NL607 for those sections. "Moreover," is not counted: it is as common
    in US political news as in generated copy.

    Measured with ``bench/machine_filler.py`` (dev split of human-vs-gpt-news) and
    ``bench/quiet.py``: as a phrases rule that fired on one sign it flagged 41 of 269 GPT
    texts but also 5 of 2,092 BBC and 44 of 924 PolNeAR train/dev articles. With two families
    at 0.6 per 100 words it flags no BBC, Lee, PolNeAR train/dev or human-vs-gpt-news dev
    human text (the densest of those with two families has 0.44 per 100 words) and 34 of the
    269 GPT texts.

    ## Options
    ``min_families`` (int, default 2): how many different families the signs must come
    from. ``min_per_100_words`` (float, default 0.6): signs needed per 100 words of the
    article.

    ## References
    Lexicon: ``[lexicon.register]`` in ``rules/filler.toml``, written by the newslint
    authors.
    """

    code = "NL607"
    name = "essay-register"
    category = "filler"
    severity = "warning"
    summary = "Article thick with essay or press-release register ('Additionally,', 'stated that')"
    message = (
        "Essay register, {count} signs in {words} words: '{match}'; "
        "news copy says it plainly ('also', 'said')"
    )
    default_options: ClassVar[dict[str, Any]] = {"min_families": 2, "min_per_100_words": 0.6}
    fire = (
        "Additionally, the council will hire six new wardens. The mayor stated that the cost "
        "would be met from reserves.",
        "The storm hit the coast on Monday, causing floods in three towns. Furthermore, the "
        "main road was closed.",
        "The incident has shocked the village. Residents expressed their sadness at the loss "
        "of the old mill.",
        "The singer showcased songs from her new album. Her voice resonated with fans across "
        "the globe, and the night was unforgettable.",
    )
    quiet = (
        "Additionally, the council will hire six new wardens.",
        "The spokesman stated that the plant would close in May.",
        '"Additionally, we will hire six wardens," the mayor said. "The cost will be met from '
        'reserves," she stated.',
        "Moreover, the fund has no manager. The minister stated that the rules would change.",
        "The spokesman stated that the plant would close. The mayor stated that talks would go on.",
    )

    def check(self, doc: Document) -> Iterable[Finding]:
        signs = register_signs(doc)
        if len({sign.family for sign in signs}) < int(self.options["min_families"]):
            return
        words = doc.word_count()
        if not words or 100 * len(signs) / words < float(self.options["min_per_100_words"]):
            return
        message = self.message.replace("{count}", str(len(signs))).replace("{words}", str(words))
        for sign in signs:
            matched = " ".join(doc.text[sign.start : sign.end].split())
            yield self.finding(sign.start, sign.end, message.replace("{match}", matched))


@hookimpl
def newslint_register_rules(register: RegisterRule) -> None:
    register(EssayRegister())
