"""NL110: page furniture learned across a corpus, and the counter that learns it.

A short line that a source prints in many of its articles ("Get our briefing in your inbox")
is page furniture whatever its words, which no list of phrases can know in advance
(trafilatura drops paragraphs it has seen more than twice for the same reason). A corpus run
makes two passes: the first counts, for each source, in how many articles each normalised
short line appears; the second flags the lines whose count reaches the threshold.

The counts live in a capped counter (:class:`LineCounts`), a Misra-Gries summary: it keeps at
most ``capacity`` keys, and when it outgrows twice that it subtracts the (capacity + 1)-th
largest count from every key and drops those left at zero or below. Memory is therefore
bounded whatever the corpus size, and a count is never over-estimated, only under-estimated
(by at most the number of articles counted divided by ``capacity + 1``): a rare line may be
missed in a huge, varied corpus, but a line is never flagged for a count it did not reach,
which keeps precision first. Two summaries merge by adding counts and pruning the same way,
so partitions can be counted apart and combined (a Dask reduction, or one summary per shard).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from newslint import Document, Finding, Rule, hookimpl

if TYPE_CHECKING:
    from newslint.hookspecs import RegisterRule

#: A line longer than this (in characters) or with more words is prose, not furniture.
MAX_LINE_CHARS = 120
MAX_LINE_WORDS = 15
#: Articles of one source a line must appear in to be furniture: "more than twice".
DEFAULT_MIN_ARTICLES = 3
#: Keys the counter keeps (about 100 bytes each: some 10 MB).
DEFAULT_CAPACITY = 100_000

_SPACES = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+")
_WORDS = re.compile(r"\w+")
#: A line ending like a sentence: reporting, even when a source repeats it ("The company
#: did not respond to a request for comment."), so NL110 leaves it alone.
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")


def normalise(line: str) -> str:
    """The form lines are counted in: case-folded, digits as ``0``, spaces collapsed, so
    "Updated 3 May" and "updated 14 june" differ only in the month."""
    return _SPACES.sub(" ", _DIGITS.sub("0", line.casefold())).strip()


def short_line(line: str) -> bool:
    """Whether ``line`` is short enough to be furniture and does not end like a sentence."""
    stripped = line.strip()
    if not stripped or len(stripped) > MAX_LINE_CHARS or _SENTENCE_END.search(stripped):
        return False
    return 0 < len(_WORDS.findall(stripped)) <= MAX_LINE_WORDS


def candidate_lines(text: str) -> set[str]:
    """An article's distinct normalised short lines."""
    return {normalise(line) for line in text.splitlines() if short_line(line)}


def source_of(meta: Mapping[str, Any]) -> str:
    """The source a record comes from: its ``source`` or ``domain`` field, else the host of
    its ``url``, else ``""`` (all such records count as one source)."""
    for key in ("source", "domain"):
        value = meta.get(key)
        if isinstance(value, str) and value:
            return value.casefold()
    url = meta.get("url")
    if isinstance(url, str) and url:
        from urllib.parse import urlsplit

        try:
            host = urlsplit(url).hostname or ""
        except ValueError:
            host = ""
        return host.removeprefix("www.")
    return ""


def _key(source: str, line: str) -> int:
    """A 64-bit key for a source's line: a line costs the same memory whatever its length."""
    from hashlib import blake2b  # here: a run without a corpus never needs it

    digest = blake2b(f"{source}\x1f{line}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big")


class LineCounts:
    """In how many articles of each source each short line appears: a capped counter
    (Misra-Gries summary; see the module docstring)."""

    __slots__ = ("articles", "capacity", "counts")

    def __init__(self, capacity: int = DEFAULT_CAPACITY) -> None:
        self.capacity = capacity
        self.counts: dict[int, int] = {}
        #: Articles counted.
        self.articles = 0

    def __getstate__(self) -> tuple[int, dict[int, int], int]:
        return self.capacity, self.counts, self.articles

    def __setstate__(self, state: tuple[int, dict[int, int], int]) -> None:
        self.capacity, self.counts, self.articles = state

    def add_article(self, source: str, text: str) -> None:
        """Count one article's short lines (each once, however often the article has it)."""
        counts = self.counts
        for line in candidate_lines(text):
            key = _key(source, line)
            counts[key] = counts.get(key, 0) + 1
        self.articles += 1
        if len(counts) > 2 * self.capacity:
            self._prune()

    def merge(self, other: LineCounts) -> LineCounts:
        """Both summaries' counts together, pruned to this one's capacity."""
        both = LineCounts(self.capacity)
        both.counts = dict(self.counts)
        for key, count in other.counts.items():
            both.counts[key] = both.counts.get(key, 0) + count
        both.articles = self.articles + other.articles
        if len(both.counts) > self.capacity:
            both._prune()
        return both

    def _prune(self) -> None:
        """Subtract the (capacity + 1)-th largest count from every count; drop those left at
        zero or below. At most ``capacity`` keys remain."""
        import heapq  # here: most runs never prune, and a single-file run never counts

        cut = heapq.nlargest(self.capacity + 1, self.counts.values())[-1]
        self.counts = {key: count - cut for key, count in self.counts.items() if count > cut}

    def count(self, source: str, line: str) -> int:
        """In how many articles of ``source`` the normalised ``line`` appeared (at least)."""
        return self.counts.get(_key(source, line), 0)

    def for_source(self, source: str) -> SourceLines:
        return SourceLines(self, source)


class SourceLines:
    """One source's view of the counts: what NL110 reads from ``doc.metadata``."""

    __slots__ = ("counts", "source")

    def __init__(self, counts: LineCounts, source: str) -> None:
        self.counts = counts
        self.source = source

    def count(self, normalised_line: str) -> int:
        return self.counts.count(self.source, normalised_line)


def learn(records: Iterable[Mapping[str, Any]], text_field: str = "text", **kw: Any) -> LineCounts:
    """The first pass over records held in memory (dicts with a text and a source)."""
    counts = LineCounts(**kw)
    for record in records:
        text = record.get(text_field)
        if isinstance(text, str):
            counts.add_article(source_of(record), text)
    return counts


def count_chunk(lines: list[tuple[int, bytes]], text_field: str) -> LineCounts:
    """The first pass over a chunk of raw corpus lines; unreadable lines are skipped here
    (the second pass reports them)."""
    from newslint.readers import InputError
    from newslint.readers.jsonl import parse_record

    counts = LineCounts()
    for number, raw in lines:
        if not raw.strip():
            continue
        try:
            record, _, text = parse_record(raw, str(number), text_field, "id", fallback_id="")
        except InputError:
            continue
        counts.add_article(source_of(record), text)
    return counts


class CorpusFurniture(Rule):
    """## What it does
    Flags a short line that the article's source prints in many of its articles: a
    newsletter plug, a membership pitch, a section's standing sign-off. It runs in corpus runs
    (``--format attributes``, ``--fix`` on a corpus, ``--scheduler``, ``--shard``, or with
    NL110 selected on a JSON Lines corpus; the datatrove and Dask integrations with
    :func:`newslint.pipelines.furniture.learn`), which count every source's short lines first.

    ## Why is this bad?
    Page furniture is not reporting. A site's own furniture is in no phrase list, but it is
    easy to see across a corpus: the same words, in article after article of one source.

    ## Known problems
    A line counts as short with at most 15 words and 120 characters; lines that end like a
    sentence (a full stop, a question or exclamation mark) are never flagged, since a
    standing sentence ("The company did not respond to a request for comment.") is
    reporting. The source is a record's ``source`` or ``domain`` field, else its URL's host.
    Counts are kept in a capped counter that may under-count in a very large, varied corpus,
    never over-count. Outside a corpus run the rule has nothing to compare with and is silent.

    ## Options
    - ``min_articles`` (default 3): in how many articles of one source a line must appear.

    ## Fix safety
    The fix deletes the one line; it is safe.
    """

    code = "NL110"
    name = "corpus-furniture"
    category = "boilerplate"
    severity = "warning"
    summary = "Short line its source repeats across many articles (page furniture)"
    message = "This line appears in at least {count} articles from this source: page furniture"
    fix_title = "Delete the line"
    fix = "safe"
    enabled = False
    default_options: ClassVar[Mapping[str, Any]] = {"min_articles": DEFAULT_MIN_ARTICLES}
    #: Earlier articles from the source of the examples (see :meth:`example_metadata`).
    example_corpus: ClassVar[tuple[str, ...]] = (
        "The ferry timetable changes in June.\n\nGet the Gazette briefing each weekday",
        "The school opened a new lab.\n\nGet the Gazette briefing each weekday",
        "The pier reopened on Monday.\n\nGet the Gazette briefing each weekday\n\nPhotos: staff",
    )
    fire = (
        "Night buses will run every 20 minutes.\n\nGet the Gazette briefing each weekday",
        "The council met on Tuesday.\n\nGET THE GAZETTE BRIEFING  EACH WEEKDAY\n",
    )
    quiet = (
        "Night buses will run every 20 minutes.\n\nPhotos: staff",
        "The council met on Tuesday.\n\n“Get the Gazette briefing each weekday”, she said",
        "Get the Gazette briefing each weekday.",
    )

    def example_metadata(self) -> dict[str, Any]:
        """What a corpus run would give the examples: the counts of ``example_corpus``."""
        counts = LineCounts()
        for text in self.example_corpus:
            counts.add_article("", text)
        return {"corpus_lines": counts.for_source("")}

    def check(self, doc: Document) -> Iterator[Finding]:
        seen = doc.metadata.get("corpus_lines")
        if seen is None:
            return
        threshold = int(self.options["min_articles"])
        for line in doc.lines:
            if not short_line(line.text):
                continue
            count = seen.count(normalise(line.text))
            if count < threshold:
                continue
            start = line.start + len(line.text) - len(line.text.lstrip())
            end = line.start + len(line.text.rstrip())
            if doc.in_quote(start, end):
                continue  # a quoted line is the speaker's words, whatever else repeats them
            yield self.finding(
                start,
                end,
                self.message.format(count=count),
                edits=[self.delete_lines_edit(doc, start, end)],
            )


@hookimpl
def newslint_register_rules(register: RegisterRule) -> None:
    register(CorpusFurniture())
