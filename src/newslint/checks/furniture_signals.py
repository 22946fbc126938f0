"""What text alone shows about a line being page furniture: the signals of the NL1xx line
classifier, and the small model that weighs them.

A scraped page reaches newslint as lines: an extractor writes one block per line, and a
newsroom file has one paragraph per line or per blank-line-separated block. Each such line (a
:class:`Unit`) gets a set of named signals (its length, how it ends, the share of interface
words and of function words, separators, stamps, credits, legal words, where it stands, and
what its neighbours look like, as jusText judges a short block by the blocks around it). A
logistic model, trained by ``bench/train_furniture.py`` and shipped as plain JSON beside this
module, weighs them; the signals that pushed a line over the threshold are what its finding
names, so every verdict can be read back as reasons.

Hard-wrapped prose (a blank-line paragraph broken into lines of similar width that do not end
sentences) is judged as one unit, so a wrapped sentence's pieces never look like short lines.
"""

from __future__ import annotations

import json
import math
import re
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import chain
from typing import NamedTuple

from newslint import Document

# --- vocabulary -----------------------------------------------------------------------------

#: Interface vocabulary by family: words a page's interface uses and reporting seldom does in
#: bulk. One such word in a sentence means nothing; a line made mostly of them is a widget.
INTERFACE_FAMILIES: dict[str, frozenset[str]] = {
    "navigation": frozenset(
        "home homepage menu search navigation nav skip jump back top next previous prev "
        "page pages index sitemap archive archives section sections browse main contents "
        "help faq contact about login logout log sign account profile settings password "
        "username register members member subscribe subscriptions directory".split()
    ),
    "sharing": frozenset(
        "share shares sharing tweet twitter facebook linkedin whatsapp pinterest reddit email "
        "e-mail mail print printer printable rss feed feeds bookmark bookmarks digg delicious "
        "stumbleupon instagram youtube tiktok permalink link links url copy copied social "
        "follow net web external "
        "google buzz myspace technorati newsvine fark".split()
    ),
    "subscription": frozenset(
        "newsletter newsletters subscription subscriber subscribers inbox signup alerts alert "
        "offer premium membership unlimited trial e-edition digital edition delivery "
        "epaper".split()
    ),
    "comments": frozenset(
        "comment comments commented commenting submit feedback reply replies respond post "
        "posts posted report abuse moderated moderation discussion conversation forum forums "
        "thread vote votes rate rating ratings recommend recommended reader readers".split()
    ),
    "advertising": frozenset(
        "advertisement advertisements advertising advertise ad ads sponsored sponsor sponsors "
        "promoted partner partners shop shopping deals coupon coupons classifieds jobs "
        "marketplace store reprints toolbar download app apps".split()
    ),
    "legal": frozenset(
        "copyright rights reserved privacy policy terms conditions cookie cookies disclaimer "
        "legal trademark trademarks licence license accessibility".split()
    ),
    "media": frozenset(
        "video videos photo photos gallery galleries slideshow slideshows image images "
        "picture pictures audio podcast podcasts watch listen play click enlarge view "
        "views viewed caption credit multimedia graphics interactive".split()
    ),
    "related": frozenset(
        "related read more popular trending latest stories articles headlines recent most "
        "emailed featured picks continue full topics tags tag category categories "
        "weather forecast horoscopes lottery traffic obituaries crosswords puzzles "
        "listings calendar events blogs blog".split()
    ),
}
INTERFACE_WORDS: frozenset[str] = frozenset().union(*INTERFACE_FAMILIES.values())

#: Function words: running prose is full of them (jusText's "stopword density"), lists of
#: links and labels are not.
FUNCTION_WORDS: frozenset[str] = frozenset(
    "a an the of to in on at by for from with without into onto over under about after "
    "before between during against through since until upon within and or but nor so yet "
    "if than that which who whom whose what when where while because although though as "
    "is are was were be been being am has have had do does did will would shall should can "
    "could may might must it its he she they we i you him her them us his their our your "
    "this these those there here not no also only just said says say told".split()
)

_LABEL_WORDS = INTERFACE_WORDS | FUNCTION_WORDS

# --- shapes ---------------------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_NUMBER = re.compile(r"\d+")
_DIGIT = re.compile(r"\d")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
#: Separators between items of a row of links: "Home | News", "Share · Print", "A » B" (a
#: pipe at the edge of a line is a table cell's border, counted apart).
_SEPARATOR = re.compile(r"(?<=\w)\s*[|·•»›]\s*(?=\w)|(?<=\w)\s[/–-]\s(?=\w)")
#: "Related:", "More on this:", "Tags:": up to three words and a colon opening a line.
_LABEL = re.compile(r"^\W*((?:[^\W\d_]+\s+){0,2}[^\W\d_]+)\s*:")
_LIST_ITEM = re.compile(r"^(?:[-–•*·]|\d{1,2}[.)])\s+\w")
_EMPTY_CELL = re.compile(r"\|\s*\|")
#: What splits a row of links into its items: cell borders and the separators above.
_ITEM_BREAK = re.compile(r"\s*(?:\|+|[·•»›]|\s[/–-]\s)\s*")
#: A figure as a table cell holds it: "63", "85%", "3-1", "£11.99", "1,300", "+0.4".
_FIGURE = re.compile(r"^[^\w\s]{0,2}\d[\d.,:/%'-]*[^\w\s]{0,2}\w{0,3}$")
#: A label of up to three words, a colon or dash, and what follows: "Attendance: 33,630".
_FIGURE_LABEL = re.compile(r"^\W{0,2}[^\W\d_]+\.?(?:\s+[^\W\d_]+\.?){0,2}\s*[:–-]\s*(\S+)\s*\|?$")
_URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+\.(?:com|org|net|co\.uk|gov|edu)\b|\S+@\S+\.\w+")
#: A line that is nothing but addresses: a reporter's e-mail, a profile link, a handle, maybe
#: after a one-word label ("Email:", "Twitter:").
_ADDRESS_LINE = re.compile(
    r"^\W{0,3}(?:[^\W\d_]+\s*:\s*)?(?:(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|"
    r"[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|co\.uk|gov|edu)(?:/\S*)?|@\w{2,})"
    r"(?:[\s,;|/]+(?:(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|@\w{2,}))*\W{0,3}$",
    re.IGNORECASE,
)
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday|sday)?\.?"
_STAMP_TOKEN = (
    rf"(?:{_MONTH}|{_WEEKDAY}|\d{{1,4}}(?:st|nd|rd|th)?|\d{{1,2}}[:.]\d{{2}}(?::\d{{2}})?|"
    r"[ap]\.?m\.?|gmt|bst|utc|[ecmp][sd]?t|aedt|aest|cet|ist|today|yesterday|"
    r"updated?|posted|published|modified|last|first|on|at|by|and|edited|"
    r"\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago|ago|"
    r"just\s+now|[,.|:·/()–-])"
)
#: A line that is nothing but a date or time stamp: "Updated 3 hours ago", "Posted: Monday,
#: 5 May 2008 10:32 GMT", "12/05/2008 | 10:32".
STAMP_LINE = re.compile(
    rf"^(?:(?:updated|posted|published|last\s+(?:updated|modified)|first\s+published)\b\s*:?\s*)?"
    rf"(?:{_STAMP_TOKEN}|\d{{1,4}}[/.-]\d{{1,2}}[/.-]\d{{1,4}})(?:\s*(?:{_STAMP_TOKEN}|"
    rf"\d{{1,4}}[/.-]\d{{1,2}}[/.-]\d{{1,4}}))*$",
    re.IGNORECASE,
)
#: What makes a run of figures a stamp: a month, a weekday, a clock time, a numeric date, or
#: a word saying what happened when.
_STAMP_ANCHOR = re.compile(
    rf"\b(?:{_MONTH}|{_WEEKDAY})(?![\w])|\d{{1,2}}:\d{{2}}|\d{{1,4}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}|"
    r"\b(?:updated?|posted|published|modified|ago|today|yesterday)\b",
    re.IGNORECASE,
)


def is_stamp(text: str) -> bool:
    """Whether ``text`` (trimmed) is nothing but a date or time stamp."""
    return (
        len(text) <= 100
        and STAMP_LINE.match(text) is not None
        and _NUMBER.search(text) is not None
        and _STAMP_ANCHOR.search(text) is not None
    )


_AGENCY = (
    r"(?:getty(?:\s+images)?|reuters|afp|ap|pa|epa|shutterstock|alamy|istock(?:photo)?|corbis|rex)"
)
#: Caption labels and photo credits: "Photo: A. Name/Agency", "(AP Photo/A. Name)",
#: "Image copyright Agency", "Picture courtesy of …", "Credit: …".
CREDIT_LINE = re.compile(
    rf"^\(?(?:(?:{_AGENCY}\s+)?(?:file\s+)?(?:photo(?:graph)?s?|image|picture|pic)"
    rf"(?:\s+(?:credit|copyright|caption|courtesy(?:\s+of)?|by|source))?\s*[:/|]|"
    rf"(?:photo|image|picture)\s+(?:credit|courtesy|by)\b|(?:photo\s+)?credits?\s*:|"
    rf"image\s+(?:copyright|caption)\b|{_AGENCY}\s*(?:photo)?\s*/)"
    r".{0,160}$"
    rf"|^.{{0,200}}\((?:{_AGENCY}\s+)?(?:photo|image|picture)s?(?:\s+by|\s*:|\s*/).{{1,80}}\)\s*$"
    rf"|^(?:{_AGENCY})(?:\s*/\s*[\w .'-]{{1,40}})?$",
    re.IGNORECASE,
)
_LEGAL = re.compile(
    r"©|\(c\)\s*\d{4}|\bcopyright\b|\ball\s+rights\s+reserved\b|\bterms\s+(?:of\s+(?:use|service)|"
    r"and\s+conditions)\b|\bprivacy\s+(?:policy|statement|notice)\b|\bcookie\s+policy\b",
    re.IGNORECASE,
)
#: A copyright or disclaimer footer, whatever its length, opens with the notice. ("All rights
#: reserved" further on may end a paragraph of the story an extractor joined to the footer.)
LEGAL_FOOTER = re.compile(
    r"^\W{0,3}(?:©|\(c\)\s*\d{4}|copyright\s*(?:©|\(c\)|\d{4})|disclaimer\s*:)", re.I
)
#: Imperatives of the interface at the start of a line: click, read more, sign up, share …
_PROMPT = re.compile(
    r"^\W{0,3}(?:click|tap|scroll|read\s+(?:more|the\s+full|also|next)|see\s+(?:more|also|all)|view\s+"
    r"(?:more|all|full|the)|sign\s+(?:up|in)|log\s*(?:in|on)|subscribe|register|follow|"
    r"share|watch|listen|download|join|get\s+(?:the|our|your|more)|visit|send\s+(?:us|this|"
    r"to)|e-?mail\s+(?:this|to|us)|print|save|comment|post\s+a|leave\s+a|add\s+(?:a|your)|"
    r"write\s+a|continue\s+reading|more\s+(?:from|on|about|stories|news)|back\s+to|go\s+to|"
    r"return\s+to|search|browse|buy|order|shop|advertise|contact\s+us|tell\s+us|report\s+"
    r"(?:this|abuse|an?\s+error)|rate\s+this|vote|recommend)\b",
    re.IGNORECASE,
)
#: The heading of a box of other stories, alone on its line: "Most popular", "Popular on
#: Example", "Most read in business", "Don't miss", "More from Example", "You may also like".
_RELATED_HEADING = re.compile(
    r"^\W{0,3}(?:(?:most\s+(?:popular|read|viewed|watched|shared|e-?mailed|commented)|popular|"
    r"trending|recommended|don'?t\s+miss|(?:editor'?s|top)\s+picks|around\s+the\s+web|"
    r"(?:you|readers)\s+(?:may|might)\s+also\s+(?:like|enjoy|be\s+interested\s+in)|"
    r"(?:related|more|latest|top|other)\s+(?:stories|articles|news|headlines|posts|videos))"
    r"(?:\s+(?:now|today|this\s+week|for\s+you|(?:on|in|from|at)(?:\s+[\w'’&.-]+){1,3}))?|"
    r"more\s+(?:from|in|on)(?:\s+[\w'’&.-]+){1,3})\W{0,3}$",
    re.IGNORECASE,
)
#: A line telling readers how to reach the writer or the desk, with the address: "Write to
#: A. Name at name@example.com", "Reach the reporter on Twitter at @name".
_CONTACT = re.compile(
    r"^\W{0,3}(?:write\s+to|e-?mail|reach|contact|follow|send|tweet)\b.{0,100}?"
    r"(?:(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?<!\w)@\w{2,})",
    re.IGNORECASE,
)

#: A run of interface text inside a line of prose: a prompt after a sentence ends.
INLINE_RUN = re.compile(
    r"(?<=[.!?”\"'’)])\s+(?P<run>(?:read\s+more|related|see\s+also|also\s+read|more\s+on\s+this"
    r"(?:\s+story)?|read\s+the\s+full\s+(?:story|article|report))\s*[:»›>]\s*\S.{0,200}$|"
    r"click\s+here\s+(?:to|for)\b.{0,200}$|(?:sign\s+up|subscribe)\s+(?:now\s+|today\s+|here\s+)?"
    r"(?:to|for)\s+(?:our|the|a\s+free)\b.{0,200}$|follow\s+us\s+on\s+\w.{0,120}$|"
    r"(?:share|e-?mail|print)\s+this\s+(?:article|story|page)\b.{0,120}$|"
    r"continue\s+reading\b.{0,120}$)",
    re.IGNORECASE,
)


# --- units ----------------------------------------------------------------------------------


@dataclass(slots=True)
class Unit:
    """A line as the classifier judges it: one physical line, or a hard-wrapped paragraph.
    ``start``/``end`` are offsets of its trimmed text; ``text`` has single spaces for breaks."""

    start: int
    end: int
    text: str
    lines: int


#: Scripts written without spaces between words (Chinese, Japanese, Thai …): word counts mean
#: nothing there, so the classifier does not judge such lines.
_UNSPACED = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def is_unspaced(text: str) -> bool:
    """Whether a fifth or more of the line's characters are of a script without spaces."""
    return len(_UNSPACED.findall(text)) * 5 >= len(text)


def units(doc: Document) -> list[Unit]:
    """The document's non-blank lines, with each hard-wrapped prose paragraph as one unit."""
    out: list[Unit] = []
    block: list[tuple[int, int, str]] = []
    for line in chain(doc.lines, [None]):  # one line at a time: a page may have millions
        stripped = line.text.strip() if line is not None else ""
        if stripped:
            start = line.start + len(line.text) - len(line.text.lstrip())
            block.append((start, start + len(stripped), stripped))
            continue
        if block:
            if _is_wrapped(block):
                text = " ".join(piece for _, _, piece in block)
                out.append(Unit(block[0][0], block[-1][1], text, len(block)))
            else:
                out.extend(Unit(s, e, t, 1) for s, e, t in block)
            block = []
    return out


def _is_wrapped(block: list[tuple[int, int, str]]) -> bool:
    """Whether a blank-line-separated block is one paragraph broken at a fixed width: every
    line but the last fills most of the widest line, and most of them stop mid-sentence."""
    if len(block) < 2:
        return False
    widths = [len(text) for _, _, text in block[:-1]]
    widest = max(widths)
    if widest < 30 or widest > 120 or min(widths) < 0.6 * widest:
        return False
    open_ended = sum(not _SENTENCE_END.search(text) for _, _, text in block[:-1])
    return open_ended * 2 > len(widths)


# --- signals --------------------------------------------------------------------------------

#: Every signal the model weighs, with the words a finding uses to name it when it fires.
SIGNALS: dict[str, str] = {
    "no_words": "only figures or symbols",
    "words_1": "a single word",
    "words_2_3": "two or three words",
    "words_4_6": "four to six words",
    "words_7_12": "seven to twelve words",
    "words_13_25": "13 to 25 words",
    "no_sentence_end": "no sentence ending",
    "ends_colon": "ends in a colon",
    "ends_question": "ends in a question mark",
    "interface_share": "mostly interface words",
    "interface_families": "interface words of several kinds",
    "function_share": "few function words",
    "capitalised_share": "capitalised like a list of labels",
    "separators": "items separated by | · » or slashes",
    "url": "a web or e-mail address",
    "address_only": "nothing but a web or e-mail address or a handle",
    "contact": "tells readers how to reach someone, with the address",
    "related_heading": "the heading of a box of other stories",
    "digits_share": "mostly digits",
    "stamp": "a date or time stamp",
    "credit": "a caption label or photo credit",
    "legal": "a copyright or legal notice",
    "prompt": "opens with an interface command",
    "bracketed": "starts with a bracket or bullet",
    "prose": "a paragraph of prose",
    "short_open": "short, with no sentence ending",
    "short_outside_body": "short, outside the article's prose, on a page of short lines",
    "short_run": "in a run of short lines, on a page of short lines",
    "interface_label": "opens with an interface label and a colon",
    "list_item": "a list item",
    "wordy": "long, with the function words of prose",
    "page_short_share": "on a page of short lines",
    "table_cells": "cells of a table row",
    "empty_cells": "empty table cells",
    "figure_table": "a cell of a table of figures",
    "link_row": "a row of four or more short items, like a menu",
    "first_line": "the first line",
    "top": "near the top of the page",
    "bottom": "near the end of the page",
    "before_body": "before the first paragraph of prose",
    "after_body": "after the last paragraph of prose",
    "prose_neighbours": "between paragraphs of prose",
    "short_neighbours": "among other short lines, on a page of short lines",
    "furniture_neighbours": "next to interface lines",
}


def word_list(text: str) -> list[str]:
    """The words of a line, case-folded, as the signals count them."""
    return [w.lower() for w in _WORD.findall(text)]


def _cell_text(text: str) -> str:
    """The text without the borders of a table row ("| A sentence. |"), which extractors add
    around a page's layout cells: the sentence inside still ends where it ends."""
    return text.strip().strip("|").strip()


def _is_prose(text: str, words: list[str]) -> bool:
    """A line a reader takes for running prose: a dozen words or more, with function words,
    ending a sentence. Neighbours and the body region are judged by it."""
    if len(words) < 12 or not _SENTENCE_END.search(_cell_text(text)):
        return False
    return sum(w in FUNCTION_WORDS for w in words) >= 0.2 * len(words)


def is_figure_cell(text: str) -> bool:
    """Whether a line is a figure ("63 |", "85%"), a table row whose cells are at least half
    figures ("| Villa | 5 |"), or a label and its figure ("Adults: £12"): the stuff of a
    results table, a poll or a price list."""
    if _DIGIT.search(text) is None or ("|" not in text and text.count(" ") > 5):
        return False
    label = _FIGURE_LABEL.match(text)
    if label:
        text = label.group(1)
    cells = [cell.strip() for cell in text.split("|")]
    cells = [cell for cell in cells if cell]
    figures = sum(_FIGURE.match(cell) is not None for cell in cells)
    return bool(cells) and figures * 2 >= len(cells)


def _is_link_row(text: str) -> bool:
    """Whether a line (with borders or separators) is four or more short items (up to four
    words each), not mostly figures: a menu, a share row, a row of tags."""
    items = [item for item in _ITEM_BREAK.split(text) if item.strip()]
    if len(items) < 4 or any(len(item.split()) > 4 for item in items):
        return False
    return sum(_FIGURE.match(item.strip()) is not None for item in items) * 2 < len(items)


def _figure_tables(items: list[Unit], sizes: list[int]) -> list[bool]:
    """For each unit, whether it is a cell of a table of figures: a figure, or a short label
    (up to three words), in a table where figures are common, or the short heading right
    above such a table. A table is a run of lines with cell borders (``|``) holding three
    figures or more, a quarter of its lines or more; without borders, the four lines either
    side must hold two figures. A statistics table or a price list an extractor kept is part
    of the story, however much it looks like a menu line by line."""
    figures = [is_figure_cell(unit.text) for unit in items]
    short = [
        figures[i] or (sizes[i] <= 3 and not _SENTENCE_END.search(_cell_text(unit.text)))
        for i, unit in enumerate(items)
    ]
    out = [False] * len(items)
    index = 0
    while index < len(items):
        end = index
        while end < len(items) and "|" in items[end].text:
            end += 1
        if end > index:
            in_table = sum(figures[index:end])
            if in_table >= 3 and in_table * 4 >= end - index:
                for j in range(index, end):
                    out[j] = short[j]
            index = end
            continue
        window = figures[max(0, index - 4) : index + 5]
        out[index] = short[index] and sum(window) - figures[index] >= 2
        index += 1
    for index in range(len(items) - 1):
        if short[index] and not figures[index] and out[index + 1]:
            out[index] = True
    return out


def _short_runs(counts: list[int], prose: list[bool]) -> list[int]:
    """For each unit, the length of the run of consecutive short (at most 12 words, not
    prose) units it belongs to; 0 for a unit that is not short. ``counts`` are the units'
    numbers of words."""
    out = [0] * len(counts)
    index = 0
    while index < len(counts):
        end = index
        while end < len(counts) and counts[end] <= 12 and not prose[end]:
            end += 1
        for j in range(index, end):
            out[j] = end - index
        index = max(end, index + 1)
    return out


class _WordCounts(NamedTuple):
    """What the signals need of one unit's words: how many, how many are function words,
    the share of interface words, how many interface families they touch, how many are
    capitalised, and how many letters they hold."""

    words: int
    function: int
    interface: float
    families: int
    capitalised: int
    letters: int


_FIELDS = _WordCounts._fields


def _word_counts(text: str) -> tuple[_WordCounts, bool]:
    """The word counts of a unit and whether it reads as prose."""
    raw = _WORD.findall(text)
    ws = [w.lower() for w in raw]
    n = len(ws)
    if not ws:
        return _WordCounts(0, 0, 0.0, 0, 0, 0), _is_prose(text, ws)
    present = set(ws)
    counts = _WordCounts(
        n,
        sum(w in FUNCTION_WORDS for w in ws),
        sum(w in INTERFACE_WORDS for w in ws) / n,
        sum(not fam.isdisjoint(present) for fam in INTERFACE_FAMILIES.values()),
        sum(w[0].isupper() for w in raw),
        sum(len(w) for w in ws),
    )
    return counts, _is_prose(text, ws)


def signals(items: list[Unit]) -> list[dict[str, float]]:
    """The signals of each unit, in order; a signal absent from a dict is 0."""
    return list(iter_signals(items))


def iter_signals(items: list[Unit]) -> Iterator[dict[str, float]]:
    """:func:`signals`, one unit at a time.

    A page of 800,000 one-word lines would otherwise hold 800,000 dicts of signals (about a
    kilobyte each) at once. The word counts of every unit are worked out first (its
    neighbours, the runs of short lines and where the prose starts and ends need them), and
    kept as columns of machine numbers, a few bytes a unit, rather than as a tuple each.
    """
    columns = _WordCounts(*(array("d" if name == "interface" else "q") for name in _FIELDS))
    prose: list[bool] = []
    for unit in items:
        counts, is_prose = _word_counts(unit.text)
        for column, value in zip(columns, counts, strict=True):
            column.append(value)
        prose.append(is_prose)
    sizes, interface = columns.words, columns.interface
    # Where the article's prose starts and ends; a page without any prose (a table, a list)
    # has no such region, and no line is "outside" it.
    has_body = True in prose
    first_prose = prose.index(True) if has_body else len(items)
    last_prose = len(prose) - 1 - prose[::-1].index(True) if True in prose else -1
    count = len(items)
    runs = _short_runs(sizes, prose)
    figure_table = _figure_tables(items, sizes)
    # On a whole page (menus, link lists) most lines are short; in an extracted article most
    # are prose, and a run of short lines there is usually a list that belongs to the story.
    short_share = sum(n <= 6 for n in sizes) / count if count else 0.0
    for index, unit in enumerate(items):
        text = unit.text
        counts = _WordCounts(*(column[index] for column in columns))
        n = counts.words
        found: dict[str, float] = {"page_short_share": short_share}
        bucket = (
            "no_words" if n == 0 else "words_1" if n == 1 else "words_2_3" if n <= 3
            else "words_4_6" if n <= 6 else "words_7_12" if n <= 12
            else "words_13_25" if n <= 25 else ""
        )  # fmt: skip
        if bucket:
            found[bucket] = 1.0
        stripped = _cell_text(text)
        if not _SENTENCE_END.search(stripped):
            found["no_sentence_end"] = 1.0
        if stripped.endswith(":"):
            found["ends_colon"] = 1.0
        if stripped.rstrip("\"'”’)]").endswith("?"):
            found["ends_question"] = 1.0
        if n:
            found["interface_share"] = interface[index]
            found["interface_families"] = min(counts.families, 4) / 4
            found["function_share"] = 1.0 - counts.function / n
            found["capitalised_share"] = counts.capitalised / n
        separators = len(_SEPARATOR.findall(text))
        found["separators"] = min(separators, 4) / 4
        if (separators or "|" in text) and _is_link_row(text):
            found["link_row"] = 1.0
        cells = text.count("|") - text.count("\\|")
        if cells >= 2:
            found["table_cells"] = min(cells, 8) / 8
        if _EMPTY_CELL.search(text):
            found["empty_cells"] = 1.0
        if figure_table[index]:
            found["figure_table"] = 1.0
        if prose[index]:
            found["prose"] = 1.0
        short_open = n <= 6 and "no_sentence_end" in found
        if short_open:
            found["short_open"] = 1.0
        outside = has_body and not first_prose <= index <= last_prose
        if n <= 12 and "no_sentence_end" in found and outside:
            found["short_outside_body"] = short_share
        if runs[index] >= 3:
            found["short_run"] = short_share * min(runs[index], 8) / 8
        label = _LABEL.match(text)
        if label and all(w.lower() in _LABEL_WORDS for w in _WORD.findall(label.group(1))):
            found["interface_label"] = 1.0
        if n > 25 and "function_share" in found and found["function_share"] <= 0.75:
            found["wordy"] = 1.0
        if _LIST_ITEM.match(text):
            found["list_item"] = 1.0
        if _URL.search(text):
            found["url"] = 1.0
            if _ADDRESS_LINE.match(stripped):
                found["address_only"] = 1.0
            if n <= 30 and _CONTACT.match(text):
                found["contact"] = 1.0
        if n <= 8 and _RELATED_HEADING.match(stripped):
            found["related_heading"] = 1.0
        digits = sum(len(d) for d in _NUMBER.findall(text))
        letters = counts.letters
        if digits + letters:
            found["digits_share"] = digits / (digits + letters)
        if is_stamp(stripped):
            found["stamp"] = 1.0
        if CREDIT_LINE.search(stripped):
            found["credit"] = 1.0
        if _LEGAL.search(text):
            found["legal"] = 1.0
        if _PROMPT.match(text):
            found["prompt"] = 1.0
        if text[:1] in "[(|-–•*·>»":
            found["bracketed"] = 1.0
        if index == 0:
            found["first_line"] = 1.0
        if index < max(3, count // 10):
            found["top"] = 1.0
        if index >= count - max(3, count // 10):
            found["bottom"] = 1.0
        if has_body and index < first_prose:
            found["before_body"] = 1.0
        if has_body and index > last_prose:
            found["after_body"] = 1.0
        before = prose[index - 1] if index else False
        after = prose[index + 1] if index + 1 < count else False
        if before and after:
            found["prose_neighbours"] = 1.0
        window = [j for j in range(index - 2, index + 3) if j != index and 0 <= j < count]
        if window:
            short = sum(sizes[j] <= 6 for j in window) / len(window)
            found["short_neighbours"] = short * short_share
            found["furniture_neighbours"] = sum(interface[j] >= 0.5 for j in window) / len(window)
        yield found


#: The signals that come from the words of the line itself rather than its shape or place.
WORD_EVIDENCE = (
    "interface_share", "url", "stamp", "credit", "legal", "prompt", "interface_label",
    "separators", "table_cells", "related_heading",
)  # fmt: skip

#: Of those, the ones a cell of a table of figures can show without being furniture: a row's
#: borders and separators are the table's own.
_OWN_WORDS = tuple(name for name in WORD_EVIDENCE if name not in ("separators", "table_cells"))


def in_figure_table(found: dict[str, float]) -> bool:
    """Whether a line is a cell of a table of figures with no interface text of its own: body
    text whatever the model says, so the rules leave it alone and training leaves it out."""
    return bool(found.get("figure_table")) and not any(found.get(n, 0.0) > 0 for n in _OWN_WORDS)


def has_word_evidence(found: dict[str, float]) -> bool:
    """Whether a line shows interface text in its own words, not only by its shape and place."""
    return any(found.get(name, 0.0) > 0 for name in WORD_EVIDENCE)


# --- the model ------------------------------------------------------------------------------


@dataclass(slots=True, frozen=True)
class Model:
    """A logistic model over :data:`SIGNALS`: ``weights`` by signal name, a ``bias`` and the
    ``threshold`` on the probability above which a line is furniture."""

    weights: dict[str, float]
    bias: float
    threshold: float

    def probability(self, found: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(name, 0.0) * value for name, value in found.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def reasons(self, found: dict[str, float], limit: int = 3) -> list[str]:
        """The names of the signals that pushed hardest towards furniture."""
        pushes = sorted(
            ((self.weights.get(name, 0.0) * value, name) for name, value in found.items()),
            reverse=True,
        )
        return [SIGNALS[name] for push, name in pushes[:limit] if push > 0]


MODEL_FILE = "furniture_model.json"


@cache
def model() -> Model:
    """The shipped model (``furniture_model.json`` beside this module), read once."""
    raw = json.loads(resources.files(__package__).joinpath(MODEL_FILE).read_text("utf-8"))
    return Model(dict(raw["weights"]), float(raw["bias"]), float(raw["threshold"]))
