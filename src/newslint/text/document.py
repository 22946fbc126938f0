"""The parsed article every rule reads: built once per file, shared by all rules.

A :class:`Document` holds two texts of the same length. ``source`` is the file's text with line
endings normalised to ``\\n`` (so CRLF, CR and LF files give the same lines and columns).
``text`` is what rules read: ``source`` with everything that is not prose (newslint directives,
Markdown code, front matter, link URLs, HTML) replaced by spaces. Because nothing moves, an
offset in ``text`` is an offset in the file, and every diagnostic maps back exactly.

Paragraphs, sentences, quotations and the line index are computed lazily, once, on first use;
rules never split text themselves. Further shared analyses (attribution, for one) are reached
through :meth:`Document.analysis`, so they too are computed once per document, whichever rule
asks first.
"""

from __future__ import annotations

import bisect
import itertools
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, TypeVar, overload

import regex

from newslint.text.matching import fold
from newslint.text.quotes import Quote, find_quotes
from newslint.text.sentences import split_sentences

T = TypeVar("T")

_BLANK_LINE = regex.compile(r"\n[ \t\f\v\u00a0\u2000-\u200b\u3000]*(?=\n)")
#: A word: letters and digits, with inner apostrophes, hyphens, points and commas ("10,000").
#: The group makes :meth:`regex.Pattern.split` return the words between the gaps.
_WORD = regex.compile(r"([\p{L}\p{N}][\p{L}\p{N}'’\-.,]*[\p{L}\p{N}]|[\p{L}\p{N}])")
#: Closing punctuation, and the marks that may follow it, ending a paragraph that is not a
#: heading.
_TERMINALS = frozenset(".!?…:;")
_CLOSING_MARKS = "\"'”’)]"


def line_starts(text: str) -> array[int]:
    """The offset where each line of ``text`` starts, as machine integers (8 bytes a line,
    not 36), for the bisects that turn offsets into lines and columns."""
    starts = array("q", [0])
    find = text.find
    index = find("\n")
    while index != -1:
        starts.append(index + 1)
        index = find("\n", index + 1)
    return starts


@dataclass(frozen=True, slots=True)
class Line:
    """One physical line: ``number`` is 1-based; ``end`` excludes the newline."""

    number: int
    start: int
    end: int
    text: str

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: offsets into the document, its index, and its paragraph's index."""

    index: int
    start: int
    end: int
    paragraph: int
    text: str

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A block of text between blank lines (or Markdown block boundaries).

    ``first_sentence``/``last_sentence`` index into :attr:`Document.sentences` (last
    exclusive). ``is_heading`` marks headlines and titles: a Markdown heading, or a single
    short line with no closing punctuation.
    """

    index: int
    start: int
    end: int
    text: str
    first_sentence: int
    last_sentence: int
    is_heading: bool

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


class Lines(Sequence[Line]):
    """The lines of a text, each made when read from the offsets where lines start.

    A file of 800,000 one-line paragraphs has 1.6 million lines; kept as :class:`Line`
    objects they would cost about 200 bytes each for as long as the file is linted, though
    the rules that read lines only walk them once.
    """

    def __init__(self, text: str, starts: Sequence[int]) -> None:
        self._text = text
        self._starts = starts

    def __len__(self) -> int:
        return len(self._starts)

    def _line(self, index: int) -> Line:
        start = self._starts[index]
        end = self._starts[index + 1] - 1 if index + 1 < len(self._starts) else len(self._text)
        return Line(index + 1, start, end, self._text[start:end])

    @overload
    def __getitem__(self, index: int) -> Line: ...
    @overload
    def __getitem__(self, index: slice) -> list[Line]: ...
    def __getitem__(self, index: int | slice) -> Line | list[Line]:
        if isinstance(index, slice):
            return [self._line(i) for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("line index out of range")
        return self._line(index)

    def __iter__(self) -> Iterator[Line]:
        return map(self._line, range(len(self)))


class WordTexts(Sequence[str]):
    """The texts of words given by their offsets, sliced from the text when read."""

    def __init__(self, text: str, starts: Sequence[int], ends: Sequence[int]) -> None:
        self._text = text
        self._starts = starts
        self._ends = ends

    def __len__(self) -> int:
        return len(self._starts)

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> list[str]: ...
    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            text = self._text
            return [text[a:b] for a, b in zip(self._starts[index], self._ends[index], strict=True)]
        return self._text[self._starts[index] : self._ends[index]]

    def __iter__(self) -> Iterator[str]:
        return map(self._text.__getitem__, map(slice, self._starts, self._ends))


class Document:
    """An article, parsed once.

    :param source: the file's text, newlines normalised to ``\\n``.
    :param text: ``source`` with non-prose masked by spaces; same length. Defaults to ``source``.
    :param path: the name reports use for this document.
    :param headings: offsets of lines the reader knows are headings (Markdown ``#``).
    :param breaks: offsets where the reader knows a new block starts (Markdown list items).
    """

    def __init__(
        self,
        source: str,
        text: str | None = None,
        *,
        path: str = "<text>",
        headings: Iterable[int] = (),
        breaks: Iterable[int] = (),
        metadata: dict[str, Any] | None = None,
    ) -> None:
        if text is None:
            text = source
        if len(text) != len(source):
            raise ValueError("masked text must keep the length of the source")
        self.source = source
        self.text = text
        self.path = path
        self.metadata: dict[str, Any] = dict(metadata or {})
        self._heading_offsets = frozenset(headings)
        self._breaks = sorted(set(breaks))
        self._analyses: dict[Callable[[Document], Any], Any] = {}

    # --- lines and positions -------------------------------------------------------------

    @cached_property
    def line_starts(self) -> Sequence[int]:
        """The offset where each line starts (:func:`line_starts`)."""
        return line_starts(self.source)

    @cached_property
    def lines(self) -> Lines:
        """Every physical line of the masked text, directive lines included (as blanks)."""
        return Lines(self.text, self.line_starts)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based ``(line, column)`` of a character offset; columns count characters."""
        offset = max(0, min(offset, len(self.source)))
        line_index = bisect.bisect_right(self.line_starts, offset) - 1
        return line_index + 1, offset - self.line_starts[line_index] + 1

    def offset(self, line: int, column: int) -> int:
        """The inverse of :meth:`position`."""
        return self.line_starts[line - 1] + column - 1

    # --- paragraphs and sentences --------------------------------------------------------

    def _paragraph_spans(self) -> list[tuple[int, int]]:
        """``(start, end)`` of each paragraph, trimmed: worked out once, by :attr:`_parsed`
        (kept, the pairs would cost 120 bytes a paragraph beside the paragraphs)."""
        text = self.text
        cuts = [0]
        for match in _BLANK_LINE.finditer(text):
            cuts.append(match.start())
            cuts.append(match.end())
        cuts.append(len(text))
        blocks: list[tuple[int, int]] = []
        for start, end in zip(cuts[::2], cuts[1::2], strict=True):
            blocks.extend(self._split_at_breaks(start, end))
        spans = []
        for start, end in blocks:
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if start < end:
                spans.append((start, end))
        return spans

    def _split_at_breaks(self, start: int, end: int) -> list[tuple[int, int]]:
        if not self._breaks:
            return [(start, end)]
        lo = bisect.bisect_right(self._breaks, start)
        hi = bisect.bisect_left(self._breaks, end)
        points = [start, *self._breaks[lo:hi], end]
        return list(itertools.pairwise(points))

    @cached_property
    def _parsed(self) -> tuple[list[Paragraph], list[Sentence]]:
        text = self.text
        paragraphs: list[Paragraph] = []
        sentences: list[Sentence] = []
        # The count of sentences so far is the index of the next one and where a paragraph
        # ends and the next starts: one number for the three (a page of a million one-line
        # paragraphs would hold three million numbers of 28 bytes otherwise).
        count = 0
        for index, (start, end) in enumerate(self._paragraph_spans()):
            first = count
            block = text[start:end]
            heading = self._looks_like_heading(start, end, block)
            spans = [(start, end)] if heading else split_sentences(text, start, end)
            for s_start, s_end in spans:
                sentence_text = block if s_end - s_start == end - start else text[s_start:s_end]
                sentences.append(Sentence(count, s_start, s_end, index, sentence_text))
                count = len(sentences)
            paragraphs.append(Paragraph(index, start, end, block, first, count, heading))
        return paragraphs, sentences

    def _looks_like_heading(self, start: int, end: int, block: str) -> bool:
        """Whether the paragraph ``block`` (``text[start:end]``, trimmed) is a heading."""
        if self._heading_offsets:
            line_start = self.line_starts[bisect.bisect_right(self.line_starts, start) - 1]
            if line_start in self._heading_offsets or start in self._heading_offsets:
                return True
        if "\n" in block:
            return False
        # Closing punctuation, then closing marks: what ``[.!?…:;]["'”’)\]]*\s*$`` finds at
        # the end of a trimmed block (every character ``\s`` matches is trimmed away).
        if block.rstrip(_CLOSING_MARKS)[-1:] in _TERMINALS:
            return False
        return len(block.split()) <= 16

    @property
    def paragraphs(self) -> list[Paragraph]:
        return self._parsed[0]

    @property
    def sentences(self) -> list[Sentence]:
        return self._parsed[1]

    def sentences_of(self, paragraph: Paragraph) -> Sequence[Sentence]:
        return self.sentences[paragraph.first_sentence : paragraph.last_sentence]

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence containing ``offset``, if any."""
        index = bisect.bisect_right(self._sentence_starts, offset) - 1
        if index >= 0 and offset < self.sentences[index].end:
            return self.sentences[index]
        return None

    @cached_property
    def _paragraph_starts(self) -> list[int]:
        return [p.start for p in self.paragraphs]

    def paragraph_at(self, offset: int) -> Paragraph | None:
        """The paragraph containing ``offset``, if any."""
        index = bisect.bisect_right(self._paragraph_starts, offset) - 1
        if index >= 0 and offset < self.paragraphs[index].end:
            return self.paragraphs[index]
        return None

    @cached_property
    def body_paragraphs(self) -> list[Paragraph]:
        """Paragraphs that are not headings (computed once; most rules ask for it)."""
        return [p for p in self.paragraphs if not p.is_heading]

    # --- quotations ----------------------------------------------------------------------

    @cached_property
    def quotes(self) -> list[Quote]:
        """Every quotation, outermost and nested, sorted by start."""
        return find_quotes(self.text, [(p.start, p.end) for p in self.paragraphs])

    @cached_property
    def _outer_quotes(self) -> tuple[list[int], list[int]]:
        starts: list[int] = []
        ends: list[int] = []
        for quote in self.quotes:
            if ends and quote.start < ends[-1]:
                ends[-1] = max(ends[-1], quote.end)
                continue
            starts.append(quote.start)
            ends.append(quote.end)
        return starts, ends

    @property
    def outer_quotes(self) -> list[tuple[int, int]]:
        """``(start, end)`` of the outermost quotations, sorted, nested and overlapping ones
        merged: the spans :meth:`in_quote` tests against, for a rule that walks them all."""
        starts, ends = self._outer_quotes
        return list(zip(starts, ends, strict=True))

    def in_quote(self, start: int, end: int | None = None) -> bool:
        """Whether the span ``[start, end)`` lies inside (or overlaps) a quotation."""
        if end is None:
            end = start + 1
        starts, ends = self._outer_quotes
        index = bisect.bisect_right(starts, end - 1) - 1
        return index >= 0 and ends[index] > start

    # --- words and shared services -------------------------------------------------------

    @cached_property
    def _word_spans(self) -> tuple[Sequence[int], Sequence[int], Sequence[str]]:
        """Starts, ends and texts of every word of the document, in order.

        One ``split`` gives the gaps and the words, and the running sum of their lengths
        gives the offsets, kept as machine integers; the texts are read from the document
        when asked for (a long article has a million words).
        """
        # Four-byte offsets hold any text shorter than 2**31 characters: all but absurd ones.
        typecode = "i" if len(self.text) < 2**31 else "q"
        offsets = array(typecode, itertools.accumulate(map(len, _WORD.split(self.text))))
        # The split alternates gap, word, gap, ..., gap: a word starts where a gap ends.
        starts, ends = offsets[0:-1:2], offsets[1::2]
        return starts, ends, WordTexts(self.text, starts, ends)

    def _word_range(self, start: int, end: int | None) -> tuple[int, int] | None:
        """The indexes ``[first, last)`` of the split's words in ``[start, end)``, or
        ``None`` when the span cuts a word in two (it must then be split alone)."""
        if end is None:
            end = len(self.text)
        starts, ends, _ = self._word_spans
        first = bisect.bisect_right(ends, start)
        last = bisect.bisect_left(starts, end)
        if (first < len(starts) and starts[first] < start) or (last and ends[last - 1] > end):
            return None
        return first, max(last, first)

    def words(self, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
        """``(start, end)`` offsets of the words in a span (numbers like ``10,000`` are one).

        The document is split into words once; a span is answered from that split unless
        it cuts a word in two, when the span alone is split (as if it were the whole text).
        """
        found = self._word_range(start, end)
        if found is None:
            stop = len(self.text) if end is None else end
            return [m.span() for m in _WORD.finditer(self.text, start, stop)]
        starts, ends, _ = self._word_spans
        first, last = found
        return list(zip(starts[first:last], ends[first:last], strict=True))

    def word_count(self, start: int = 0, end: int | None = None) -> int:
        """``len(words(start, end))``, without building the list when the span cuts no word."""
        found = self._word_range(start, end)
        return len(self.words(start, end)) if found is None else found[1] - found[0]

    def word_texts(self, start: int = 0, end: int | None = None) -> list[str]:
        """The words of a span as strings: ``[text[s:e] for s, e in words(start, end)]``,
        without a slice per word when the span cuts none (the split keeps them)."""
        found = self._word_range(start, end)
        if found is None:
            stop = len(self.text) if end is None else end
            return [m.group() for m in _WORD.finditer(self.text, start, stop)]
        return list(self._word_spans[2][found[0] : found[1]])

    def word_columns(self) -> tuple[Sequence[int], Sequence[int], Sequence[str]]:
        """Starts, ends and texts of all the document's words as three parallel sequences
        (shared: do not modify), for a rule that walks every word."""
        return self._word_spans

    @cached_property
    def folded(self) -> str:
        """The text as the matching layer reads it (:func:`newslint.text.matching.fold`):
        case-folded, every offset unchanged."""
        return fold(self.text)

    def analysis(self, build: Callable[[Document], T]) -> T:
        """The analysis ``build`` makes of this document, made on first request.

        Rules of different families that need the same analysis (attribution, word
        overlap) call the same module-level function, and the work is done once per
        document: ``attribution_of(doc)`` is ``doc.analysis(AttributionMap.build)``.
        """
        try:
            return self._analyses[build]  # type: ignore[no-any-return]
        except KeyError:
            value = self._analyses[build] = build(self)
            return value

    def __repr__(self) -> str:
        return f"Document(path={self.path!r}, chars={len(self.text)})"
