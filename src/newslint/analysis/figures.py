"""Kinds of figure: whether a number in news copy is a change, a price, a share of a group or a
measured quantity, and whether a "source" is only the crowd a figure counts.

The sourcing rule NL201 (:mod:`newslint.checks.attribution`) asks of every number whether a
reader would want to know who counted it. Telling figures from other numbers (dates, ages,
scores, names) is its job; this module knows the kinds of figure news states, each as a family
built from a short vocabulary (``rules/attribution.toml``), so a new verb or unit is one word in
a list, not a new phrase:

- a **change**: a verb or noun of change before the figure ("fell 12%", "rose to 40,000",
  "an increase of 3,000 tonnes", "have doubled"), unless what moved is a market price that
  anyone can read off a screen ("shares fell 8%");
- a **price**: a sum of money per unit or per period ("8.50 euros a litre", "$500 a month");
- a **share** of a group: "a fifth of", "two-thirds of", "one in four", "eight of 10",
  "half of all";
- a **measured quantity**: an area, volume, mass or amount of energy ("12,000 acres",
  "2 million tonnes", "40 gigawatt hours");
- a **crowd source**: "60% of residents say" names the people a survey counted, not who
  counted them, so it is no source for the figure.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from newslint.analysis.attribution import alternation, lexicon
from newslint.text.matching import PhraseList

__all__ = [
    "BIG",
    "FLAGS",
    "NUM",
    "NUM_BARE",
    "SCALE",
    "changed_number",
    "crowd_source",
    "figure_kinds",
    "is_change",
    "market_before",
    "price_per_unit",
]

FLAGS = regex.IGNORECASE | regex.VERSION0
#: A number written with digits, standing alone: not part of a date ("5/12"), a time ("3:15"),
#: a decimal's tail or a compound ("3-year").
NUM_BARE = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\w/:]|[.,]\d|-\p{L})"
NUM = r"(?<![\w.,/:$£€¥-])" + NUM_BARE
SCALE = r"(?:million|billion|trillion|thousand|mn|bn|tn|m|k)\b"
BIG = r"(?:million|billion|trillion)\b"


# --- changes ------------------------------------------------------------------------------------

#: A figure after a verb or noun of change is a reported change ("fell 12%", "rose to 8.50
#: euros", "up 35%", "an increase of 3,000"): a measurement someone made.
_CHANGE_BEFORE = regex.compile(
    r"\b(?:rose|rise[sn]?|rising|fell|fall(?:s|en|ing)?|dropped|drops?|dropping|declined|"
    r"declines?|declining|climbed|climbs?|jumped|jumps?|soared|soars?|surged|surges?|"
    r"plunged|plunges?|slumped|tumbled|grew|grow(?:s|n|ing)?|shrank|shrunk|increased|"
    r"increases?|decreased|decreases?|up|down|(?:an?\s+)?(?:increase|decrease|rise|fall|"
    r"drop|jump|decline|growth|gain|loss)\s+of)"
    r"(?:\s+(?:by|to|from|about|around|nearly|almost|more\s+than|some|over|just|"
    r"roughly|an\s+estimated))*\s*$",
    regex.IGNORECASE | regex.REVERSE,
)
#: The same, for a bare number: "up" and "down" are left out, as they also report a score
#: ("up 2-1 at half time") or a position ("down 3 places").
_CHANGE_BEFORE_COUNT = regex.compile(
    r"\b(?:rose|risen|fell|fallen|dropped|declined|climbed|jumped|soared|surged|plunged|"
    r"slumped|tumbled|grew|grown|shrank|shrunk|increased|decreased|doubled|halved|"
    r"(?:an?\s+)?(?:increase|decrease|rise|fall|drop|jump|decline|growth)\s+of)"
    r"(?:\s+(?:by|to|about|around|nearly|almost|more\s+than|some|over|just|roughly))+\s*$",
    regex.IGNORECASE | regex.REVERSE,
)
#: A place in a ranking, after a number: "rose to 120 in the world", "climbed to 3rd in the
#: table".
_RANKING_AFTER = regex.compile(
    r"(?:st|nd|rd|th)?\s+(?:in|on)\s+the\s+(?:world|rankings?|charts?|table|standings|league)\b",
    regex.IGNORECASE,
)
#: A price set or listed by whoever charges it: "set at", "a fee of", "charges", "offers it for".
_LISTED_BEFORE = regex.compile(
    r"\b(?:(?:set|fixed|priced|pegged|capped|frozen)\s+at|(?:fee|charge|subscription|fare|"
    r"tariff|rate)\s+of|charges?|charged|charging|offers?|offered|sells?|sold|retails?|"
    r"available|for)(?:\s+(?:it|them|just|only|about|around|from))*\s*$",
    regex.IGNORECASE | regex.REVERSE,
)
#: What moves on a market: its changes are public prices, not claims that need a source.
_MARKET = regex.compile(
    r"\b(?:shares?|stocks?|equities|bonds?|yields?|index|indices|futures|FTSE|Dow|Nasdaq|"
    r"S&P|Nikkei|DAX|pound|sterling|dollar|euro|yen|yuan|rouble|ruble|rupee|rupiah|baht|"
    r"peso|franc|krona|currency|currencies|bitcoin|trading|crude|oil\s+prices?|gold|"
    r"copper|commodit(?:y|ies))\b",
    regex.IGNORECASE,
)
#: Multiplying verbs are a change with no digit at all ("visits have doubled since 2019"),
#: but not an idiom ("doubled down").
_MULTIPLIED = r"(?<![\w-])(?:doubled|tripled|trebled|quadrupled|halved)(?![\w-])(?!\s+down\b)"

_BY_FRACTION = (
    r"(?<![\w-])by\s+(?:a\s+(?:third|quarter|fifth|tenth)|half|two-thirds|three-quarters)"
    r"(?![\w-])"
)
_TIMES = "two three four five six seven eight nine ten".split()
_RATE = (
    rf"(?<![\w-])per\s+(?:capita|head|\d[\d,]*)(?![\w-])|"
    rf"(?<![\w-])(?:{NUM}|{alternation(_TIMES)})\s+times\s+(?:more|less|higher|lower|greater|as|the)\b|"
    rf"{NUM}-fold\b|(?<![\w-])twice\s+(?:as|the)\b"
)


def is_change(before: str) -> bool:
    """Whether the figure after ``before`` is a reported change ("rents rose 12%"), and not
    a market move ("shares fell 8% in early trading")."""
    change = _CHANGE_BEFORE.search(before)
    return change is not None and not _MARKET.search(before, 0, change.start())


# --- sums in accounts -------------------------------------------------------------------------

#: What a set of accounts, public or private, reports: a sum that is a deficit, a debt, a
#: revenue, a wage, a gift or a loan is a statistic someone compiled ("the deficit was $438
#: billion", "a $9 million shortfall", "a $25,000 donation"); a price paid once is not.
_ACCOUNTS = (
    r"deficits?|debts?|surplus(?:es)?|shortfalls?|windfalls?|gdp|revenues?|turnover|"
    r"exports|imports|spending|incomes?|wages|salar(?:y|ies)|earnings|profits?|"
    r"subsid(?:y|ies)|payouts?|bonus(?:es)?|fortune|net\s+worth|contributions?|donations?|"
    r"grants?|loans?"
)
_ACCOUNTS_BEFORE = regex.compile(
    rf"\b(?:{_ACCOUNTS})\b(?:\s+[\p{{L}}’']+){{0,4}}?\s+(?:was|were|is|are|of|at|to|reached|"
    rf"hit|topped|stood\s+at|totall?ed|amounted\s+to|nearing|near)\s*$",
    regex.IGNORECASE,
)
_ACCOUNTS_AFTER = regex.compile(
    rf"(?:-a-year)?\s+(?:[\p{{L}}-]+\s+)?(?:{_ACCOUNTS})\b", regex.IGNORECASE
)
#: A sum marked as a tally: "a combined $20 million", "a total of", "a record", "another".
_TALLY_BEFORE = regex.compile(
    r"\b(?:a\s+combined|a\s+total\s+of|a\s+record|another|an\s+extra|in\s+all|"
    r"totall?ing|a\s+whopping)\s*$",
    regex.IGNORECASE | regex.REVERSE,
)


def accounts_sum(text: str, floor: int, start: int, end: int, ceiling: int) -> bool:
    """Whether the sum at ``[start, end)`` is a figure from accounts ("the deficit was $438
    billion", "a $9 million shortfall") or a tally ("a combined $20 million"), reading back
    to ``floor`` and on to ``ceiling``."""
    window = max(floor, start - 60)
    return (
        _ACCOUNTS_BEFORE.search(text, window, start) is not None
        or _ACCOUNTS_AFTER.match(text, end, ceiling) is not None
        or _TALLY_BEFORE.search(text, window, start) is not None
    )


# --- shares of a group ----------------------------------------------------------------------------

#: Numbers in words that open a share ("one in five", "a third of every ten")...
_SHARE_NUMBERS = (
    *"one two three four five six seven eight nine ten".split(),
    *("a quarter", "a third", "half"),
)
#: ...and those it is "in", "out of" or "of" ("eight of 10").
_SHARE_OF = (*"two three four five six seven eight nine ten".split(), "a hundred", "a thousand")
_FRACTIONS = "third thirds quarter quarters fifth fifths sixth tenth tenths".split()
#: What a fraction of a unit of time, distance or play is: "a quarter of an hour", "half of
#: the match" are no share of a group.
_NOT_A_GROUP = (
    r"(?!an?\s+(?:hour|mile|century|second|minute|inch|point|percentage)\b)"
    r"(?!(?:the|this|that|its)\s+(?:hour|century|season|game|match|year|way|time|"
    r"distance|race|term|first|second|half|day|night|week|month)\b)(?=\S)"
)
#: How a share, rate or change with no digit opens: a sentence without a digit is searched
#: for those only where one of these is (one pass, where a pattern would try every character).
_WORDED = (
    f"{{{'|'.join(_SHARE_NUMBERS)}}} {{in|out of}} {{every |}}{{{'|'.join(_SHARE_OF)}}}",
    f"{{{'|'.join(_SHARE_NUMBERS)}}} of {{every |}}{{ten|a hundred|a thousand}}",
    f"{{a|one|two|three|four|nine}}{{ |-}}{{{'|'.join(_FRACTIONS)}}} of",
    "half of",
    "per {capita|head}",
    "{two|three|four|five|six|seven|eight|nine|ten} times",
    "twice {as|the}",
    "by {a third|a quarter|a fifth|a tenth|half|two-thirds|three-quarters}",
    "{doubled|tripled|trebled|quadrupled|halved}",
)
_SHARE = (
    # "one in five", "3 out of every 10", "eight of 10 adults": out of a round whole.
    rf"(?<![\w-])(?:{NUM}|{alternation(_SHARE_NUMBERS)})\s+(?:in|out\s+of)\s+(?:every\s+)?"
    rf"(?:(?!(?:1[89]|20)\d\d(?!\d)){NUM}|{alternation(_SHARE_OF)})(?![\w-])|"
    rf"(?<![\w-])(?:{NUM}|{alternation(_SHARE_NUMBERS)})\s+of\s+(?:every\s+)?"
    rf"(?:10|100|1,000|ten|a\s+hundred|a\s+thousand)(?![\w,.-])|"
    # "a fifth of the country's olive oil", "two-thirds of voters".
    rf"(?<![\w-])(?:an?|one|two|three|four|nine)[\s-](?:{'|'.join(_FRACTIONS)})\s+of\s+"
    rf"{_NOT_A_GROUP}|"
    # "half of all homes", "more than half of the staff": a half qualified or of a whole.
    rf"(?<![\w-])(?:(?:more|less|fewer)\s+than\s+|(?:nearly|almost|about|around|roughly|"
    rf"over|just\s+(?:over|under))\s+)half\s+of\s+{_NOT_A_GROUP}|"
    rf"(?<![\w-])half\s+of\s+(?:all|every)\b"
)


# --- crowd sources --------------------------------------------------------------------------------

#: A share or percentage that ends where a source phrase starts, or opens it: "60% of
#: residents say", "a third of voters believe", "one in four adults say".
_CROWD = regex.compile(
    rf"(?:{NUM}\s?(?:%|percent\b|per\s+cent\b)|(?:{_SHARE}))\s*(?:of\s+)?$",
    FLAGS | regex.REVERSE,
)
_CROWD_OPENS = regex.compile(rf"\s*(?:{NUM}\s?(?:%|percent\b|per\s+cent\b)|(?:{_SHARE}))", FLAGS)


#: The verbs a survey reports its answers with: "60% of residents say", "a third believe".
_ANSWERS = regex.compile(
    r"(?:say|says|said|think|thinks|thought|believe|believes|believed|feel|feels|felt|want|"
    r"wants|wanted|expect|expects|expected|agree|agrees|agreed|disagree|disagreed|support|"
    r"supports|supported|oppose|opposes|opposed|favou?r|favou?rs|prefer|prefers|report|"
    r"reports|reported|told|answered|responded|admit|admits|admitted|worry|worries|fear|fears)",
    regex.IGNORECASE,
)


def crowd_source(text: str, floor: int, source_start: int, source_end: int, cue: str) -> bool:
    """Whether a source phrase (``[source_start, source_end)``) with its ``cue`` is only the
    crowd a figure counts ("60% of residents say", "a third of voters believe"): the people a
    survey asked, not who asked them. ``floor`` is where the sentence starts."""
    if source_end <= source_start or not _ANSWERS.fullmatch(cue.strip()):
        return False
    if _CROWD_OPENS.match(text, source_start, source_end):
        return True
    return _CROWD.search(text, max(floor, source_start - 40), source_start) is not None


# --- the patterns ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FigureKinds:
    """The families as compiled patterns (built once, from the lexicon)."""

    #: Shares of a group ("a fifth of", "one in four"), rates ("per capita", "3 times
    #: more"), changes with no digit ("have doubled") and by a fraction ("up by a third",
    #: a change only after a verb of change): one pass, the group named by its kind.
    worded_kinds: regex.Pattern[str]
    #: Where a sentence with no digit may hold one of those.
    worded: PhraseList
    #: A number with its scale, and the unit of area, volume, mass or energy after it if
    #: any: "12,000 acres" (a measure), "to 40,000" (a change when a verb of change is before).
    number: regex.Pattern[str]
    #: What a price is per, matched right after a sum: "a litre", "per month", "an hour".
    per_unit: regex.Pattern[str]


@cache
def figure_kinds() -> FigureKinds:
    words_of = lexicon()
    units = alternation(words_of["measure_units"])
    per = alternation(words_of["price_units"])
    return FigureKinds(
        worded_kinds=regex.compile(
            rf"(?P<share>{_SHARE})|(?P<rate>{_RATE})|(?P<multiplied>{_MULTIPLIED})|"
            rf"(?P<by_fraction>{_BY_FRACTION})",
            FLAGS,
        ),
        worded=PhraseList(_WORDED),
        number=regex.compile(
            rf"(?P<n>{NUM})(?P<scale>\s+(?:{BIG}|thousand\b)|\s?(?:mn|bn|m|k)\b)?"
            rf"(?P<unit>\s*(?:{units})(?![\w-]))?",
            FLAGS,
        ),
        per_unit=regex.compile(
            rf"\s*(?:(?:a|an|per|each|every|/)\s*(?:{per})|annually|monthly|weekly|daily|"
            rf"hourly|a\s+head|apiece)(?![\w-])",
            FLAGS,
        ),
    )


def changed_number(text: str, floor: int, start: int, end: int) -> bool:
    """Whether the bare number at ``[start, end)`` follows a verb or noun of change ("rose
    to", "fell by", "an increase of"), reading back to ``floor``, and is neither a market's
    move nor a place in a ranking ("has risen to 120 in the world")."""
    change = _CHANGE_BEFORE_COUNT.search(text, max(floor, start - 60), start)
    if change is None or _MARKET.search(text, floor, change.start()):
        return False
    return _RANKING_AFTER.match(text, end) is None


def price_per_unit(text: str, floor: int, start: int, end: int, ceiling: int) -> bool:
    """Whether the sum at ``[start, end)`` is a typical price or wage per unit or period
    ("parents pay $600 a month", "earning $6,000 annually"): not a market's price ("crude
    at $40 a barrel", read back to ``floor``), nor a price set or listed by whoever charges
    it ("the fee is set at £5 an hour", "offers it for £4.99 a month")."""
    if figure_kinds().per_unit.match(text, end, ceiling) is None:
        return False
    if _MARKET.search(text, floor, start):
        return False
    return _LISTED_BEFORE.search(text, max(floor, start - 40), start) is None


def market_before(text: str, start: int, end: int) -> bool:
    """Whether a market word ("shares", "crude", "the pound") is in ``text[start:end]``."""
    return _MARKET.search(text, start, end) is not None
