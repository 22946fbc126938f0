"""Boilerplate rules that need more than one line to decide (codes NL1xx).

The furniture rules that name a known string are data, in ``rules/boilerplate.toml``. The
rules here judge a line by its shape and its neighbours (``furniture_signals``): a stamp, a
photo credit, any furniture line the signal model finds, a furniture run inside a line of
prose, and an author biography.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import ClassVar

import regex

from newslint.checks import furniture_signals
from newslint.checks.furniture_signals import (
    CREDIT_LINE,
    INLINE_RUN,
    LEGAL_FOOTER,
    has_word_evidence,
    in_figure_table,
    is_stamp,
    is_unspaced,
)
from newslint.diagnostics import Finding, OffsetEdit
from newslint.hookspecs import RegisterRule, hookimpl
from newslint.rule import Rule
from newslint.text.document import Document, Paragraph

_NAME = r"(?P<name>\p{Lu}[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]+){0,3})"
_ROLE = (
    r"(?:journalist|writer|reporter|correspondent|editor|columnist|contributor|freelancer|"
    r"author|blogger|analyst|commentator|producer|storyteller|content\s+creator|"
    r"intern|fellow|novelist|critic)"
)
_OPENING = regex.compile(
    rf"^(?:about\s+the\s+author\s*:?\s*)?{_NAME}\s*(?:,\s*[^,]{{1,60}},\s*)?"
    rf"(?:is|was|has\s+been|works\s+as)\s+(?:a|an|the)\s+(?:[\p{{L}}-]+[\s,]+){{0,8}}?{_ROLE}s?\b",
    regex.IGNORECASE | regex.VERSION0,
)
#: The name an opening found, with its capitals (the opening matches case-insensitively).
_CASED_NAME = regex.compile(_NAME)
#: Profile markers: degrees, years of experience, "her work", "based in".
_MARKERS = regex.compile(
    r"\b(?:degree|graduated?|master'?s|bachelor'?s|ph\.?d|alumn[ia]|years?\s+(?:of\s+experience|working|covering)|"
    r"(?:her|his|their|whose)\s+(?:work|writing|articles|reporting|pieces)|has\s+(?:written|reported|covered|spent)|"
    r"follow\s+(?:her|him|them)|based\s+in|passionate|committed\s+to|"
    r"previously\s+(?:worked|wrote|reported)|lives\s+in)\b",
    regex.IGNORECASE,
)


class AuthorBio(Rule):
    """## What it does
    Flags an author-biography paragraph at the end of an article: a paragraph that opens
    "NAME is a … journalist/writer/reporter …", names someone who does not appear in the
    story, and reads as a profile (degrees, years of experience, "her work", "based in").

    ## Why is this bad?
    The bio box of the page the text was scraped from is not part of the story; it often
    belongs to a different writer than the one who reported it, and it misleads readers
    about who wrote what they just read.

    ## Known problems
    A story that ends on a profile of one of its own subjects is not flagged, because the
    subject's name appears earlier. A bio written without a role word is missed.

    ## Fix safety
    Unsafe: the fix deletes a whole paragraph, so it is applied only with ``--unsafe-fixes``.
    """

    code = "NL105"
    name = "author-bio"
    category = "boilerplate"
    severity = "warning"
    summary = "Author biography left at the end of the article"
    message = "Author biography left at the end of the article"
    fix_title = "Delete the biography paragraph"
    fix = "unsafe"
    default_options: ClassVar[dict[str, int]] = {"last_paragraphs": 3}
    fire = (
        "The council approved the budget on Tuesday.\n\n"
        "Dana Whitfield is a freelance journalist based in Leeds. She holds a master's degree "
        "in journalism and has spent eight years covering local politics.",
        "Rain is forecast for the weekend, the weather service said.\n\n"
        "About the author: Sam Okafor is an award-winning writer whose work explores cities "
        "and migration.",
    )
    quiet = (
        "Mayor Ana Ruiz spoke after the vote.\n\n"
        "Ruiz is a former journalist who has spent 12 years in city politics, and she said "
        "the budget was her last.",
        "The museum reopens in May.\n\nThe exhibition is a rare chance to see the drawings.",
        "Dana Whitfield is a journalist.",
    )

    def check(self, doc: Document) -> Iterable[Finding]:
        body = doc.body_paragraphs
        if len(body) < 2:
            return
        window = max(1, int(self.options["last_paragraphs"]))
        for paragraph in body[-window:]:
            if paragraph is body[0]:
                continue
            if self._is_bio(doc, paragraph):
                edit = self.delete_lines_edit(doc, paragraph.start, paragraph.end)
                words = paragraph.text.split()
                opening = " ".join(words[:6]) + ("…" if len(words) > 6 else "")
                message = f"{self.message}: '{opening}'"
                yield self.finding(
                    paragraph.start, paragraph.end, message, edits=[edit], unsafe=True
                )

    def _is_bio(self, doc: Document, paragraph: Paragraph) -> bool:
        text = paragraph.text
        opening = _OPENING.match(text)
        if not opening:
            return False
        name = opening.group("name")
        if not _CASED_NAME.fullmatch(name):
            return False
        earlier = doc.text[: paragraph.start]
        if any(part in earlier for part in name.split() if len(part) > 2):
            return False
        return bool(_MARKERS.search(text))


@dataclass(slots=True)
class Verdict:
    """What the furniture classifier decided about one unit (``start``/``end`` are its
    offsets): ``kind`` is ``stamp``, ``credit`` or ``furniture`` (the model), with the
    model's probability and the names of the signals behind it."""

    start: int
    end: int
    kind: str
    probability: float
    reasons: Sequence[str]


class Verdicts:
    """A document's verdicts, kept as columns of machine numbers and read back one
    :class:`Verdict` at a time.

    The rules that report them live as long as the document, and a generated page of
    800,000 one-word lines has 800,000 verdicts: as objects, about 300 bytes each; here,
    under 30. The few distinct lists of reasons are kept once each.
    """

    _KINDS = ("stamp", "credit", "furniture")

    def __init__(self) -> None:
        self._starts = array("q")
        self._ends = array("q")
        self._probabilities = array("d")
        self._kinds = bytearray()
        self._reasons = array("L")
        self._reason_lists: list[tuple[str, ...]] = []
        self._reason_numbers: dict[tuple[str, ...], int] = {}

    def append(self, verdict: Verdict) -> None:
        reasons = tuple(verdict.reasons)
        number = self._reason_numbers.setdefault(reasons, len(self._reason_lists))
        if number == len(self._reason_lists):
            self._reason_lists.append(reasons)
        self._starts.append(verdict.start)
        self._ends.append(verdict.end)
        self._probabilities.append(verdict.probability)
        self._kinds.append(self._KINDS.index(verdict.kind))
        self._reasons.append(number)

    def __len__(self) -> int:
        return len(self._starts)

    def __iter__(self) -> Iterator[Verdict]:
        kinds, reason_lists = self._KINDS, self._reason_lists
        for start, end, probability, kind, reasons in zip(
            self._starts, self._ends, self._probabilities, self._kinds, self._reasons,
            strict=True,
        ):  # fmt: skip
            yield Verdict(start, end, kinds[kind], probability, reason_lists[reasons])


def _verdicts(doc: Document) -> Verdicts:
    """Every furniture unit of ``doc``, judged once for the rules that report them.

    The signals come one unit at a time, with the next unit's read ahead: the headline is
    the first unit before the body whose next unit is prose.
    """
    model = furniture_signals.model()
    items = furniture_signals.units(doc)
    signals = furniture_signals.iter_signals(items)
    ahead = next(signals, {})
    headline_found = False
    out = Verdicts()
    for unit in items:
        found, ahead = ahead, next(signals, {})  # after the last unit, no signals: {}
        is_headline = (
            not headline_found and bool(found.get("before_body")) and bool(ahead.get("prose"))
        )
        headline_found = headline_found or is_headline
        if is_unspaced(unit.text):
            continue
        span = unit.start, unit.end
        if unit.lines == 1 and is_stamp(unit.text) and _STAMP_WORD.search(unit.text):
            out.append(Verdict(*span, "stamp", 1.0, [furniture_signals.SIGNALS["stamp"]]))
        elif unit.lines == 1 and CREDIT_LINE.search(unit.text):
            out.append(Verdict(*span, "credit", 1.0, [furniture_signals.SIGNALS["credit"]]))
        elif LEGAL_FOOTER.search(unit.text):
            # A copyright footer of any length (NL103 names the ones of up to 300 characters).
            out.append(Verdict(*span, "furniture", 1.0, [furniture_signals.SIGNALS["legal"]]))
        elif _RELATED_LABEL.match(unit.text) and ("no_sentence_end" in found):
            reasons = [furniture_signals.SIGNALS["interface_label"]]
            out.append(Verdict(*span, "furniture", 1.0, reasons))
        elif not is_headline and (shown := _named_furniture(found)):
            # A related-stories heading or a contact line says what it is in its own words.
            out.append(Verdict(*span, "furniture", 1.0, [furniture_signals.SIGNALS[shown]]))
        elif not is_headline and _mostly_interface_words(unit.text, found):
            reasons = [furniture_signals.SIGNALS["interface_share"]]
            out.append(Verdict(*span, "furniture", 1.0, reasons))
        else:
            # A row or cell of a table of figures is the story's data, not a menu.
            if in_figure_table(found):
                continue
            # On a page of prose (an article, not a whole web page), a short line with no
            # interface word of its own is a list item or a subheading, whatever its shape.
            if found["page_short_share"] < _PROSE_PAGE and not has_word_evidence(found):
                continue
            # A long line written like prose is furniture only by its words (a long legal
            # footer, a prompt), never by its shape or its place on the page.
            if found.get("wordy") and not _says_furniture(found):
                continue
            # The line right above the story's first paragraph is its headline, unless its
            # own words say otherwise: deleting a headline loses the article's title.
            if is_headline and not has_word_evidence(found):
                continue
            probability = model.probability(found)
            if probability >= _LOWEST_THRESHOLD:
                out.append(Verdict(*span, "furniture", probability, model.reasons(found)))
    return out


#: A stamp names what happened (updated, posted) or says how long ago, and holds a figure: a
#: bare date or time on a line of its own may be a press release's dateline or an event time.
_STAMP_WORD = re.compile(r"\b(?:updated?|posted|published|modified|ago)\b", re.IGNORECASE)


#: A label that points at other content: "Related: …", "See also: …", "More on this: …",
#: "Watch: …". With no sentence after it, the line is a link to another page.
_RELATED_LABEL = re.compile(
    r"^\W{0,3}(?:related(?:\s+(?:stories|story|articles?|posts?|coverage|content|links?))?|"
    r"see\s+(?:also|more)|also(?:\s+read)?|read\s+(?:more|also|next)|more(?:\s+on\s+this(?:\s+story)?)?|"
    r"watch|listen|video|photos|gallery|recommended|popular|trending|latest|"
    r"(?:you\s+may|might)\s+also\s+like)\s*:\s*\S",
    re.IGNORECASE,
)


def _mostly_interface_words(text: str, found: dict[str, float]) -> bool:
    """A short line, not a sentence, made mostly of interface words ("Print | Email | Share",
    "Contact us"): furniture wherever it stands, whatever its neighbours."""
    if "no_sentence_end" not in found or "list_item" in found or "first_line" in found:
        return False
    words = furniture_signals.word_list(text)
    content = [w for w in words if w not in furniture_signals.FUNCTION_WORDS]
    interface = sum(w in furniture_signals.INTERFACE_WORDS for w in content)
    return 2 <= len(words) <= 8 and interface >= 2 and interface >= 0.6 * len(content)


def _named_furniture(found: dict[str, float]) -> str:
    """The signal that names a line as furniture by itself, or an empty string. (A bare
    address is not one: an article may list the sites it is about, one to a line.)"""
    return next((name for name in ("related_heading", "contact") if found.get(name)), "")


def _says_furniture(found: dict[str, float]) -> bool:
    """Whether the words of a line, not its shape, say it is furniture."""
    return bool(found.get("legal") or found.get("prompt") or found.get("interface_share", 0) >= 0.3)


#: Below this share of short lines a page reads as an article, not a whole web page.
_PROSE_PAGE = 0.5
#: The lowest ``min-probability`` NL106 accepts: verdicts below it are not kept at all.
_LOWEST_THRESHOLD = 0.5


class _VerdictRule(Rule):
    """A rule reporting one kind of the classifier's verdicts, with a fix deleting the line."""

    kind: ClassVar[str] = ""
    category = "boilerplate"
    fix = "safe"
    fix_title = "Delete the line"

    def check(self, doc: Document) -> Iterable[Finding]:
        for verdict in doc.analysis(_verdicts):
            if verdict.kind == self.kind and self.accepts(verdict):
                edit = self.delete_lines_edit(doc, verdict.start, verdict.end)
                yield self.finding(verdict.start, verdict.end, self.describe(verdict), edits=[edit])

    def accepts(self, verdict: Verdict) -> bool:
        return True

    def describe(self, verdict: Verdict) -> str:
        return self.message


class FurnitureLine(_VerdictRule):
    """## What it does
    Flags a line that reads as page interface rather than article text, judged by signals
    any reader sees: how long the line is and how it ends, the share of interface words
    (navigation, sharing, subscription, comments, advertising, legal, media and related-story
    vocabulary) and of function words, separators such as ``|``, table cells, where the line
    stands (before or after the article's prose, near the top or the end), and its
    neighbours (a short line among short interface lines is a menu; a short line between
    paragraphs of prose is part of the story, as jusText judges a short paragraph by its
    neighbours). A short line made mostly of interface words ("Print | Email | Share") is
    furniture wherever it stands, and so are a label pointing at other content with no
    sentence after it ("Related: …", "Watch: …"), the heading of a box of other stories
    ("Most popular", "Don't miss") and a line telling readers how to reach someone, with the
    address ("Write to … at name@example.com"); other lines are weighed by a logistic
    model. The message names the signals that tipped the verdict.

    The model's weights are plain data (``checks/furniture_model.json``), written by
    ``bench/train_furniture.py`` from dev pages of the l3s-gn1 and article-extraction
    benchmarks; ``docs/furniture.md`` explains the signals and how to retrain.

    Three guards keep it quiet on edited copy, whatever the model says: a cell of a table of
    figures (a figure, or a short label among figures: a results table, a poll, a price
    list) is the story's data and is kept unless its own words are interface words; on a
    page that is mostly prose (fewer than half its lines short), a line needs an interface
    word, a separator, an address, a stamp or a legal notice of its own; and the line just
    above the story's first paragraph (its headline) is kept unless its own words say
    otherwise.

    ## Why is this bad?
    Menus, share rows, related-story lists, comment-section and subscription furniture are
    the page around the article. Left in the text, they are read, summarised, indexed and
    trained on as if they were the story.

    ## Known problems
    The model judges lines, not meaning. On a page that is mostly short lines, a list that
    belongs to the story can look like a menu (a ranked list of names on a line each, in one
    BBC article). A table of figures is kept even where it is a page's sidebar (league
    tables, lottery numbers, prices), which whole-page output holds. A menu of ordinary
    words between paragraphs of prose is missed, and so are related-story headlines that
    look like any headline. A line another NL1xx rule
    reports is left to that rule. Lines in scripts written without spaces are not judged.

    ## Options
    ``min-probability`` is the model's probability above which a line is reported. The
    default, 0.90, was chosen on dev pages, precision first: with the shipped model, 0.85
    gives trafilatura output of l3s-gn1 recall 0.54 at precision 0.985 and whole-page
    html-text output 0.74 at 0.996, but 0.49% of BBC articles get a finding; at 0.90 they
    are 0.48, 0.67 and 0.22%. Values below 0.5 act as 0.5.

    ## References
    Figures (``python bench/furniture.py DATA --split test``: l3s-gn1's held-out third, 111
    pages, and the article-extraction benchmark's test split, 62 pages), all NL1xx rules
    together: trafilatura output of l3s-gn1, precision 0.957, recall 0.446; html-text
    whole-page output, precision 0.996, recall 0.688; the article-extraction benchmark's
    trafilatura output, precision 0.714, recall 0.114. That benchmark's labels are derived:
    a headline or a standfirst counts as furniture and a copyright line inside the gold text
    as body (``docs/furniture.md`` sorts its furniture by kind). BBC articles with any NL1xx
    finding, 0.22%; Lee, none. Kohlschütter, Fankhauser, Nejdl, "Boilerplate Detection
    using Shallow Text Features" (WSDM 2010); jusText's classification of short paragraphs
    by their neighbours.

    ## Fix safety
    Safe: the fix deletes the whole line, and nothing else.
    """

    code = "NL106"
    name = "furniture-line"
    kind = "furniture"
    severity = "warning"
    summary = "Page furniture line (menu, share row, link list, page footer) left in the text"
    message = "Page furniture line left in the text"
    yields_to = ("NL1",)
    default_options: ClassVar[dict[str, float]] = {
        "min_probability": furniture_signals.model().threshold
    }
    fire = (
        "The school reopened on Monday after repairs to its roof, the district said.\n"
        "Parents said the four-week closure had been hard on working families.\n"
        "Print this page\n"
        "E-mail to a friend\n"
        "Most popular stories\n"
        "Privacy policy | Terms of use | Contact us",
        "News\nSport\nWeather\nTV guide\nSign in\n"
        "Bus fares to rise in March\n"
        "Bus fares will rise by 5% in March, the transport authority said on Monday.\n"
        "The authority said the rise would pay for two new routes in the north of the city.",
        "The library will open on Sundays from June, the council said on Tuesday.\n"
        "Most read in your area\n"
        "Write to the newsdesk at news@example.com\n"
        "The council said the change would cost less than a new branch.",
    )
    quiet = (
        "Mayor wins second term\n\n"
        "The mayor won a second term on Sunday with 61% of the vote, the city's election "
        "office said.\n\n"
        "Turnout was the highest since 1998, officials said.",
        "The band's tour opens in spring.\n"
        "The dates announced so far are these:\n"
        "March 3, Leeds\n"
        "March 5, Glasgow\n"
        "The promoter said more cities would follow, and tickets go on sale on Friday.",
        "Readers wrote in to share their memories of the old market, which closed in 1987 "
        "after a fire, and the council said it would publish them.",
        "The club's forwards carried the side on Saturday, the coach said.\n"
        "| Pos |\nPlayer |\nMinutes |\n| FW |\nSam Lee |\n88 |\n| FW |\nAna Ruiz |\n75 |\n"
        "| MF |\nTom Hale |\n90 |\n"
        "The coach said both forwards would start again next week against the leaders.",
    )

    def accepts(self, verdict: Verdict) -> bool:
        wanted = max(_LOWEST_THRESHOLD, float(self.options["min_probability"]))
        return verdict.probability >= wanted

    def describe(self, verdict: Verdict) -> str:
        if not verdict.reasons:
            return self.message
        return f"{self.message} ({'; '.join(verdict.reasons)})"


class StampLine(_VerdictRule):
    """## What it does
    Flags a line that is only a date or time stamp of the page: "Updated 3 hours ago",
    "Posted: Monday 5 May, 10:32 GMT", "Last modified 12/05/2024 14:03". The line must name
    what happened (updated, posted, published, modified), say how long ago, or give a clock
    time: a bare date on a line of its own is left alone.

    ## Why is this bad?
    The page's timestamps describe the web page, not the events; left in the text they date
    the story wrongly once it is republished, and they read as scraping debris.

    ## Known problems
    A stamp joined to a byline or a headline on the same line is not a stamp line (NL106 may
    still report it). Stamps in languages other than English are missed. A bare clock time
    or date is left alone because, on dev pages, such lines were as often event times and
    datelines in the story as page stamps; with a named event, the rule flagged 75 lines of
    l3s-gn1 dev output (three extractors), none of them article text.

    ## Fix safety
    Safe: the fix deletes the whole line.
    """

    code = "NL107"
    name = "page-stamp-line"
    kind = "stamp"
    severity = "warning"
    summary = 'Page date or time stamp ("Updated 3 hours ago") on a line of its own'
    message = "Page date or time stamp left in the text"
    fire = (
        "Updated 3 hours ago",
        "Posted: Monday, 5 May 2024, 10:32 GMT",
        "Last updated 12/05/2024 14:03",
    )
    quiet = (
        "The council was updated on the repairs 3 hours ago, the mayor said.",
        "May 5, 2024",
    )


class PhotoCredit(_VerdictRule):
    """## What it does
    Flags a caption label or photo credit standing on its own line: "Photo: A. Name/Agency",
    "(Agency Photo/A. Name)", "Image copyright Agency", "Picture courtesy of …", "Credit: …",
    or a caption that ends in such a credit in brackets.

    ## Why is this bad?
    A caption or credit belongs to an image the text no longer shows. In the article it
    interrupts the story with a sentence about nothing on the page.

    ## Known problems
    A caption without a credit or a label reads like any other sentence and is not flagged.
    "Source: Agency" lines and "Graphic:"/"Video:" labels are not among the shapes: on
    dev pages they were article text. On the held-out pages the rule flagged 54
    lines, 3 of them article text (all three in whole-page output).

    ## Fix safety
    Safe: the fix deletes the whole line.
    """

    code = "NL108"
    name = "photo-credit"
    kind = "credit"
    severity = "warning"
    summary = "Caption label or photo credit on a line of its own"
    message = "Caption label or photo credit left in the text"
    fire = (
        "Photo: Jane Doe/Example Agency",
        "Image copyright Example Pictures",
        "The mayor greets supporters after the count (Photo by Sam Lee)",
    )
    quiet = (
        "The photo, taken by a resident, showed the flood reaching the first floor.",
        "Credit card debt rose 4% last year, the central bank said.",
    )


class InlineFurniture(Rule):
    """## What it does
    Flags a run of page furniture at the end of a line of prose, after a sentence ends:
    "… said. Read more: …", "… Click here to …", "Sign up for our newsletter …", "Follow us
    on …", "Share this article", "Continue reading".

    ## Why is this bad?
    An extractor that joins a page's blocks glues link text to the paragraph before it. The
    run is interface text, now inside a sentence a reader or a model takes as the story.

    ## Known problems
    Only runs that start after a sentence ends and go to the end of the line are found; a
    link text in the middle of a sentence is not. A run inside a quotation is left alone.
    On the held-out pages the rule flagged 11 lines, 1 of them article text.

    ## Fix safety
    Unsafe: the fix deletes from the run to the end of the line, which is right when the run
    is furniture and loses text when the writer really asked readers to click or sign up.
    """

    code = "NL109"
    name = "inline-furniture"
    category = "boilerplate"
    severity = "warning"
    summary = 'Page furniture run ("Read more: …", "Click here to …") inside a line of prose'
    message = "Page furniture inside the paragraph: '{run}'"
    fix = "unsafe"
    fix_title = "Delete the run to the end of the line"
    fire = (
        "The mayor won a second term on Sunday. Read more: Election night in pictures",
        "Turnout was the highest since 1998, officials said. Click here to see the results.",
    )
    quiet = (
        "The mayor urged residents to read more about the plan on the council's website.",
        "Read more: Election night in pictures",
        '"Click here to sign up," the banner read, according to the complaint.',
    )

    def check(self, doc: Document) -> Iterable[Finding]:
        for line in doc.lines:
            match = INLINE_RUN.search(line.text)
            if not match:
                continue
            start, end = line.start + match.start("run"), line.start + len(line.text.rstrip())
            if doc.in_quote(start, end):
                continue
            run = match.group("run").strip()
            shown = run if len(run) <= 60 else run[:57] + "…"
            edit = OffsetEdit(line.start + match.start(), end, "")
            yield self.finding(
                start, end, self.message.format(run=shown), edits=[edit], unsafe=True
            )


@hookimpl
def newslint_register_rules(register: RegisterRule) -> None:
    register(AuthorBio())
    register(FurnitureLine())
    register(StampLine())
    register(PhotoCredit())
    register(InlineFurniture())
