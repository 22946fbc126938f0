"""Hedging rules that need sentence logic (codes NL3xx).

The word lists of the voice rules are data, in ``rules/hedging.toml`` and
``rules/filler.toml``. Two hedging rules cannot be a flat word list:

* NL303 counts hedges across a paragraph: one "could" is reporting, five in a paragraph is
  a writer who is not sure of anything.
* NL304 flags a speculative modal ("may have been", "might") only when nobody is credited with
  the claim, which needs to know whether the sentence is attributed.

Whether a sentence is attributed comes from the attribution family's shared analysis
(``newslint.analysis.attribution.attribution_of``), so both families agree on what counts as a
source.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import ClassVar

from newslint.analysis.attribution import attribution_of
from newslint.diagnostics import Finding, OffsetRelated
from newslint.hookspecs import RegisterRule, hookimpl
from newslint.lexicon import load_lexicon
from newslint.rule import Rule
from newslint.text.document import Document, Sentence
from newslint.text.matching import Budget, Pattern, PhraseList, spans

#: Hedges counted by NL303 (``[lexicon.hedge_density]`` in ``rules/hedging.toml``): hedging
#: verbs and adverbs and the possibility words that are fine alone but not in a heap...
_HEDGE_WORDS = PhraseList(load_lexicon("hedging")["hedge_density"]["words"])
#: ...and the bare modals before a verb, in lower case ("May" is as often the month).
_BARE_MODALS = Pattern(
    r"(?<![\w-])(?-i:may|might|could)"
    r"(?=\s+(?:well\s+|also\s+|even\s+|not\s+|still\s+)?[a-z]+\b)",
    name="NL303",
)

#: NL304: modals that can only be read as speculation ("may have been", "might") and the
#: possibility words ("likely", "perhaps", "maybe").
_SPECULATIVE_MODALS = Pattern(
    r"(?<![\w-])(?-i:(?:may|might|could)\s+(?:well\s+|also\s+|even\s+|not\s+|yet\s+)*have"
    r"\s+(?:been|had|[a-z]+(?:ed|en|wn|ne|ght|ung|unk|ank|ade|id|ft|lt|nt)))(?![\w-])"
    r"|(?<![\w-])(?-i:might)(?=\s+(?:well\s+|also\s+|even\s+|not\s+|yet\s+)*[a-z]+\b)"
    r"(?!\s+(?:have\s+to|as\s+well)\b)",
    name="NL304",
)
_SPECULATIVE_WORDS = PhraseList(["{most |}{likely|unlikely}", "perhaps", "maybe"])


def attribution_test(doc: Document) -> Callable[[Sentence], bool]:
    """``is_attributed(sentence)`` for ``doc``, from the shared attribution analysis."""
    analysis = attribution_of(doc)
    return lambda sentence: bool(analysis.is_attributed(sentence))


def _voice_matches(
    doc: Document, words: PhraseList, modals: Pattern, sentence: Sentence, budget: Budget
) -> list[tuple[int, int]]:
    """Spans of ``words`` and ``modals`` in ``sentence``, in order, outside quotations."""
    found = spans(doc.text, doc.folded, *sentence.span, words, modals, budget)
    return [(start, end) for start, end in found if not doc.in_quote(start, end)]


class HedgeDensity(Rule):
    """## What it does
    Flags a paragraph thick with hedges in the writer's voice: at least ``min_hedges`` hedges
    (default 3), spread over at least ``min_sentences`` sentences (default 2). Hedges counted
    are the NL301 words ("appears to", "reportedly", "probably"), the possibility words
    ("perhaps", "likely", "potentially") and the bare modals "may", "might" and "could".
    Hedges inside quotations and in attributed sentences ("…, officials said") do not count.

    ## Why is this bad?
    One "could" is ordinary reporting. A paragraph where every claim "may", "might" or
    "could" be true tells readers the writer has not established any of it; it is a common
    sign of speculation presented as news, and of generated copy.

    ## Known problems
    "Could" also expresses past ability ("rescuers could not reach the village"), which is
    counted too; the thresholds keep single uses quiet.

    Default severity info: in all 28 of its hits on BBC and Lee (bench/precision.py, seed 15)
    about 5 paragraphs speculated in the writer's voice (about 0.2); the rest were forecasts,
    past ability ("could not") and reader comments. A long paragraph is judged in runs of
    ``window`` sentences, so text that comes as one paragraph (feeds, datasets) does not
    heap the hedges of a whole article together.

    ## Options
    ``min_hedges`` (int, default 3): hedges a paragraph needs. ``min_sentences`` (int,
    default 2): how many of its sentences must hold one. ``window`` (int, default 5): a
    paragraph of more sentences than this is judged over each run of ``window`` sentences
    instead, so a whole article that comes as one paragraph is judged as paragraphs are.
    """

    code = "NL303"
    name = "hedge-density"
    category = "hedging"
    severity = "info"
    summary = "Paragraph thick with hedges in the writer's voice"
    message = "{count} hedges in one paragraph; establish the facts or attribute them"
    default_options: ClassVar[dict[str, int]] = {
        "min_hedges": 3,
        "min_sentences": 2,
        "window": 5,
    }
    fire = (
        "The plant may close next year. Hundreds of jobs could go, and the town might "
        "lose its only large employer.",
        "The fire was probably started by a heater. It possibly spread through the roof and "
        "perhaps reached the flats next door.",
        "The council met on Monday. The budget was approved. Roads will be resurfaced. The "
        "plant may close next year. Hundreds of jobs could go, and the town might lose its "
        "only large employer. The vote is on Friday.",
    )
    quiet = (
        "The plant may close next year, the company said. Hundreds of jobs could go, "
        "according to the union, and the town might lose its only large employer, "
        "the mayor warned.",
        '"It may close, jobs could go, the town might suffer," the mayor said. '
        "The vote is on Friday.",
        "The plant may close next year. The vote is on Friday.",
        "The plant may close next year. The owners met on Monday. The vote is on Friday. "
        "Workers gathered at the gate. The union chose a new leader. Talks went on all week. "
        "Hundreds of jobs could go. The mayor visited the site. The town council met twice. "
        "Buses ran late all week. The canteen shut early. The town might lose its employer.",
    )

    def check(self, doc: Document) -> Iterable[Finding]:
        attributed = attribution_test(doc)
        budget = Budget.for_text(doc.text)
        need = int(self.options["min_hedges"])
        spread = int(self.options["min_sentences"])
        window = int(self.options["window"])
        for paragraph in doc.body_paragraphs:
            # The hedges of each sentence in the writer's voice, in order.
            per_sentence = [
                []
                if attributed(sentence)
                else _voice_matches(doc, _HEDGE_WORDS, _BARE_MODALS, sentence, budget)
                for sentence in doc.sentences_of(paragraph)
            ]
            for hits in _dense_runs(per_sentence, window, need, spread):
                (start, end), *others = hits
                yield self.finding(
                    start,
                    end,
                    self.message.replace("{count}", str(len(hits))),
                    related=[OffsetRelated(s, e, "another hedge") for s, e in others],
                )


def _dense_runs(
    per_sentence: list[list[tuple[int, int]]], window: int, need: int, spread: int
) -> Iterator[list[tuple[int, int]]]:
    """The hedges of each run of sentences thick with them: the whole paragraph when it has
    ``window`` sentences or fewer, else each window of ``window`` sentences that is, the
    windows reported not overlapping. Text that comes as one long paragraph (feeds and
    datasets drop paragraph breaks) is then judged as paragraphs would be, not as one heap."""
    size = min(window, len(per_sentence))
    first = 0
    while first + size <= len(per_sentence):
        run = per_sentence[first : first + size]
        hits = [hit for found in run for hit in found]
        if len(hits) >= need and sum(1 for found in run if found) >= spread:
            yield hits
            first += size
        else:
            first += 1


class UnattributedModal(Rule):
    """## What it does
    Off by default. Flags speculation in a sentence that credits nobody: the modals "may have
    been", "might have", "could have been" and "might" before a verb, and the possibility
    words "likely", "unlikely", "perhaps" and "maybe".

    ## Why is this bad?
    "The fire may have been started deliberately" puts a claim in the paper without anyone
    standing behind it. Either someone said it (then say who) or nobody knows (then the
    sentence is speculation).

    ## Known problems
    Bare "may" and "could" are not flagged even here: they are as often about permission,
    ability or scheduled possibilities ("The plan may be approved on Monday") as speculation.
    NL303 catches them when they pile up. Whether a sentence is attributed comes from the
    attribution rules' analysis.
    """

    code = "NL304"
    name = "unattributed-speculation"
    category = "hedging"
    severity = "info"
    enabled = False
    summary = "Speculation ('may have been', 'might', 'likely') in a sentence that credits nobody"
    message = "Speculation with no source: '{match}'; say who thinks so"
    fire = (
        "The fire may have been started deliberately.",
        "The delay might cost the city millions.",
        "The crew could have avoided the storm.",
        "The mayor is likely to sign the bill.",
    )
    quiet = (
        "The fire may have been started deliberately, police said.",
        '"The delay might cost us millions," the mayor said.',
        "The plan may be approved on Monday, the council said.",
        "Visitors may park in the north lot.",
        "The plan may be approved on Monday.",
        "The mayor is likely to sign the bill, her office said.",
    )

    def check(self, doc: Document) -> Iterable[Finding]:
        attributed = attribution_test(doc)
        budget = Budget.for_text(doc.text)
        for paragraph in doc.body_paragraphs:
            for sentence in doc.sentences_of(paragraph):
                if attributed(sentence):
                    continue
                found = _voice_matches(
                    doc, _SPECULATIVE_WORDS, _SPECULATIVE_MODALS, sentence, budget
                )
                for start, end in found:
                    text = doc.text[start:end]
                    yield self.finding(start, end, self.message.replace("{match}", text))


@hookimpl
def newslint_register_rules(register: RegisterRule) -> None:
    register(HedgeDensity())
    register(UnattributedModal())
