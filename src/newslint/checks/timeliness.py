"""Timeliness rules (codes NL7xx): time references that rot once the story is read later.

"Yesterday" is true for one day. A story is read from archives, search results and
syndication feeds for years, so news style (AP, Reuters) asks for a date or a day name
instead. Two kinds are reported, at info level: references a date could resolve
("yesterday", "last month": NL701) and vague ones nothing resolves ("recently", "currently":
NL702).

Two things change this, both documented in ``docs/structure.md``:

- An explicit date right beside the reference ("last month, in February 2025,") anchors it:
  nothing is reported.
- When the article states its own date (a dated dateline such as ``LONDON, March 3, 2025
  (Reuters) -``, a ``Published: 3 March 2025`` line above the story, or a ``date`` in the
  reader's metadata), NL701 names the date the reference stands for, so the fix is one edit;
  with ``quiet_when_dated = true`` it stays quiet instead (wire copy whose dateline travels
  with it).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

import regex

from newslint.diagnostics import Finding
from newslint.hookspecs import RegisterRule, hookimpl
from newslint.rule import Rule
from newslint.text.document import Document
from newslint.text.matching import Budget, Pattern, PhraseList, spans

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"

_V0 = regex.IGNORECASE | regex.VERSION0

#: A full date: "March 3, 2025", "3 March 2025", "March 3", "March 2025", "2025-03-03".
FULL_DATE = (
    rf"\b(?:{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?|{_DAY}\s+{_MONTH}(?:,?\s+{_YEAR})?"
    rf"|{_MONTH},?\s+{_YEAR}|{_YEAR}-(?P<m2>[01]\d)-(?P<d2>[0-3]\d))\b"
)
#: A dateline opening the first paragraph: "LONDON, March 3, 2025 (Reuters) -".
DATELINE = (
    rf"^\s*\p{{Lu}}[\p{{Lu}}\s.'’-]{{1,40}}(?:,\s*[\p{{L}}.\s]{{2,30}})?,?\s+"
    rf"(?P<date>{FULL_DATE})\s*(?:\([^)]{{1,30}}\))?\s*[—–-]"
)
#: A publication line above the story: "Published: 3 March 2025", "March 3, 2025".
DATE_LINE = (
    rf"^\s*(?:(?:published|posted|updated|first\s+published)(?:\s+on)?\s*:?\s*)?"
    rf"(?:\p{{L}}+day,?\s+)?(?P<date>{FULL_DATE})(?:\s*[,|·-].{{0,30}})?\s*$"
)

_UNITS = "{week|month|year|weekend|spring|summer|autumn|fall|winter}"
#: The words that may count the units of "… ago"; a count in digits is :data:`_DIGITS_AGO`.
_NUMBER_WORDS = "{a|an|one|two|three|four|five|six|seven|eight|nine|ten|a few|several}"

#: References a known date resolves. Where they come from: the AP Stylebook entries
#: "yesterday", "today, tonight" and "days of the week", which ask for a day or date instead,
#: and the same advice in the Reuters handbook ("dates").
DATABLE = PhraseList(
    [
        "yesterday",
        "tomorrow",
        "tonight",
        "today",
        "last night",
        "this {morning|afternoon|evening}",
        f"{{earlier|later}} {{this|today}}{{ {_UNITS}|}}",
        f"{{this|last|next|past|coming}} {_UNITS}",
        f"{_NUMBER_WORDS} {{day|week|month|year}}{{s|}} ago",
    ]
)
_DIGITS_AGO = Pattern(r"\b\d+\s+(?:day|week|month|year)s?\s+ago\b", name="NL701")
#: Year- and season-scale references rot slowly and edited news uses them constantly
#: ("profits rose last year"); they are reported only with ``include_years = true``.
_YEAR_SCALE = frozenset("year years spring summer autumn fall winter".split())
#: "today" meaning "nowadays" is not a date: "the world today", "today's teenagers".
_GENERIC_TODAY = Pattern(
    r"\b(?:world|society|country|nation|industry|people|children|teenagers|youth|"
    r"generation|market|business)\s+(?:of\s+)?today\b|\btoday['’]s\s+(?:world|society|"
    r"generation|youth|teenagers|children|standards|economy|market)\b",
    name="NL701",
)
#: Vague references nothing resolves. Where they come from: the same style guides'
#: advice against "currently"/"presently" and "recently" without a date, plus the
#: "in the last few days" family.
VAGUE = PhraseList(
    [
        "recently",
        "currently",
        "presently",
        "lately",
        "nowadays",
        "of late",
        "at present",
        "at the moment",
        "these days",
        "as of now",
        "right now",
        "in {the |}{last|past|coming|next} {few|several|couple of} {days|weeks|months}",
        "in recent {days|weeks|months}",
    ]
)

#: Dates an article states: in a dateline, a date line above the story, or after a reference.
_DATE_PATTERNS = {
    name: regex.compile(source, _V0)
    for name, source in (("full", FULL_DATE), ("dateline", DATELINE), ("date line", DATE_LINE))
}
_FULL_DATE = _DATE_PATTERNS["full"]


#: Characters after a reference searched for an anchoring date.
ANCHOR_WINDOW = 40


@dataclass(frozen=True, slots=True)
class ArticleDate:
    """The date an article states for itself; ``year`` is None for "March 3"."""

    year: int | None
    month: int
    day: int | None
    where: str


def _date_from(match: regex.Match[str], where: str) -> ArticleDate | None:
    if match.group("m2"):
        return ArticleDate(
            int(match.group("year")), int(match.group("m2")), int(match.group("d2")), where
        )
    month = match.group("month")
    if not month:
        return None
    day = match.group("day")
    year = match.group("year")
    return ArticleDate(
        int(year) if year else None,
        _MONTHS[month.lower().rstrip(".")],
        int(day) if day else None,
        where,
    )


def article_date(doc: Document) -> ArticleDate | None:
    """The article's own date: metadata, a dated dateline, or a date line above the story."""
    value = doc.metadata.get("date")
    if value is not None:
        import datetime as dt  # only for a date to read: the import costs start-up ~2 ms

        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return ArticleDate(value.year, value.month, value.day, "the article's metadata")
    body = doc.body_paragraphs
    if body:
        match = _DATE_PATTERNS["dateline"].match(body[0].text)
        if match:
            found = _FULL_DATE.fullmatch(match.group("date"))
            if found:
                return _date_from(found, "the dateline")
    first_body = body[0].start if body else len(doc.text)
    for paragraph in doc.paragraphs:
        if paragraph.start >= first_body:
            break
        match = _DATE_PATTERNS["date line"].match(paragraph.text)
        if match:
            found = _FULL_DATE.fullmatch(match.group("date"))
            if found:
                return _date_from(found, "the date line")
    return None


def _shift_month(year: int | None, month: int, delta: int) -> tuple[int | None, int]:
    index = month - 1 + delta
    return (None if year is None else year + index // 12), index % 12 + 1


def _month_name(year: int | None, month: int) -> str:
    import datetime as dt

    name = dt.date(2000, month, 1).strftime("%B")
    return f"{name} {year}" if year else name


def _day_name(date: ArticleDate, offset: int) -> str | None:
    if date.day is None:
        return None
    year = date.year or 2001  # any non-leap year: used only when the weekday is dropped
    import datetime as dt

    try:
        day = dt.date(year, date.month, date.day) + dt.timedelta(days=offset)
    except ValueError:
        return None
    if date.year is None:
        return day.strftime("%B %-d")
    return day.strftime("%A, %B %-d, %Y")


def resolve(phrase: str, date: ArticleDate) -> str | None:
    """What a datable reference means, given the article's date (None when unsure)."""
    words = " ".join(phrase.lower().split())
    days = {"yesterday": -1, "last night": -1, "today": 0, "tonight": 0, "tomorrow": 1}
    if words in days or words.startswith("this "):
        offset = days.get(words, 0)
        if words.endswith(("week", "weekend")):
            return None
        if words.endswith(("month",)):
            return _month_name(date.year, date.month)
        if words.endswith("year"):
            return str(date.year) if date.year else None
        return _day_name(date, offset)
    if words in ("last month", "past month"):
        return _month_name(*_shift_month(date.year, date.month, -1))
    if words == "next month":
        return _month_name(*_shift_month(date.year, date.month, 1))
    if words == "last year" and date.year:
        return str(date.year - 1)
    if words == "next year" and date.year:
        return str(date.year + 1)
    return None


def _anchored(doc: Document, start: int, end: int) -> bool:
    """Whether an explicit date follows within :data:`ANCHOR_WINDOW` characters, in the
    same sentence: "last month, in February 2025," and "yesterday (March 2)" need no
    fixing. A date earlier in the sentence usually dates something else ("who took office
    on February 12, 2025, said last month"), so only the text after the reference counts."""
    sentence = doc.sentence_at(start)
    lo = end
    hi = min(end + ANCHOR_WINDOW, sentence.end if sentence else len(doc.text))
    return any(
        m.group("day") or m.group("year") or m.group("m2")
        for m in _FULL_DATE.finditer(doc.text, lo, hi)
    )


def _references(
    doc: Document, phrases: PhraseList, budget: Budget, pattern: Pattern | None = None
) -> Iterator[tuple[int, int]]:
    """Spans of ``phrases`` (and ``pattern``, within the rule's ``budget``) in the body
    paragraphs, in order, outside quotations and not anchored to a date."""
    for paragraph in doc.body_paragraphs:
        for start, end in spans(doc.text, doc.folded, *paragraph.span, phrases, pattern, budget):
            if not doc.in_quote(start, end) and not _anchored(doc, start, end):
                yield start, end


class RelativeDate(Rule):
    """## What it does
    Flags time references that a date would resolve: "yesterday", "tomorrow", "tonight",
    "last month", "this week", "next year", "two days ago". Words inside quotations and
    references with an explicit date beside them ("last month, in February 2025,") are left
    alone. When the article states its own date (a dated dateline, a "Published" line above
    the story, or metadata), the message names the date the reference stands for.

    ## Why is this bad?
    A story is read long after the day it was written: in archives, search results and
    syndication. "Yesterday" is then wrong, and the reader cannot tell which day was meant.
    News style uses the date, or the day of the week within a week of the dateline.

    ## Known problems
    "Today" in the sense of "nowadays" is skipped only in common phrasings ("the world
    today", "today's teenagers"). Headlines are not checked.

    ## Options
    - `quiet_when_dated` (false): stay quiet in an article that states its own date.
    - `include_years` (false): also report year- and season-scale references ("last year",
      "this summer", "two years ago"), which rot slowly and fill edited news.
    """

    code = "NL701"
    name = "relative-date"
    category = "timeliness"
    severity = "info"
    summary = "Relative date ('yesterday', 'last month') that rots once the story is read later"
    message = "Relative date '{match}' will be wrong when the story is read later; give the date"
    default_options: ClassVar[Mapping[str, Any]] = {
        "quiet_when_dated": False,
        "include_years": False,
    }
    fire = (
        "The minister resigned yesterday after a week of pressure.",
        "Zelensky said last month that the talks would resume.",
        "LONDON, March 3, 2025 (Reuters) - The bank raised rates yesterday.",
    )
    quiet = (
        "The minister resigned on Tuesday after a week of pressure.",
        "Zelensky said last month, on February 12, 2025, that the talks would resume.",
        '"I will decide by tomorrow," the minister said.',
        "The challenges facing teenagers today are different.",
    )

    def check(self, doc: Document) -> Iterable[Finding]:
        date = article_date(doc)
        if date is not None and self.options["quiet_when_dated"]:
            return
        budget = Budget.for_text(doc.text)
        for start, end in _references(doc, DATABLE, budget, _DIGITS_AGO):
            phrase = doc.text[start:end]
            words = phrase.lower().split()
            if not self.options["include_years"] and _YEAR_SCALE.intersection(words):
                continue
            if words == ["today"] and _GENERIC_TODAY.search(
                doc.text, max(0, start - 30), end + 30, budget
            ):
                continue
            message = self.message.format(match=phrase)
            meaning = resolve(phrase, date) if date else None
            if meaning:
                message = (
                    f"Relative date '{phrase}' is {meaning} by {date.where}; write that instead"
                )
            yield self.finding(start, end, message)


class VagueTime(Rule):
    """## What it does
    Flags vague time references no date can resolve: "recently", "currently", "in the last
    few days", "in recent weeks", "at the moment", "these days". Words inside quotations and
    references with an explicit date beside them ("currently, as of May 2025,") are left alone.

    ## Why is this bad?
    "Currently" is true on the day of writing; "recently" could be last week or last year.
    A reader who finds the story later cannot tell, and a dateline does not help. Give the
    date, or the period ("since March").

    ## Known problems
    "Currently" is sometimes used where the state is long-lasting ("the river currently
    forms the border"); the rule cannot tell, which is why it reports at info level.
    """

    code = "NL702"
    name = "vague-time"
    category = "timeliness"
    severity = "info"
    summary = (
        "Vague time reference ('recently', 'currently') that rots once the story is read later"
    )
    message = "Vague time reference '{match}'; say when"
    fire = (
        "In the last few days, rebels have retaken three villages.",
        "Talks are currently taking place in Riyadh.",
        "The company recently cut 200 jobs.",
    )
    quiet = (
        "Since March 3, rebels have retaken three villages.",
        '"We are currently reviewing the contract," a spokeswoman said.',
        "Talks are currently, as of May 2025, taking place in Riyadh.",
    )

    def check(self, doc: Document) -> Iterable[Finding]:
        for start, end in _references(doc, VAGUE, Budget.for_text(doc.text)):
            yield self.finding(start, end, self.message.format(match=doc.text[start:end]))


@hookimpl
def newslint_register_rules(register: RegisterRule) -> None:
    register(RelativeDate())
    register(VagueTime())
