"""Quotation spans: the words that belong to a source, not to the writer.

Handles straight and curly double quotes, guillemets, single-quote quotations (British style
and quotes nested in quotes), apostrophes inside words (``Russia’s``, ``don't``), and the news
convention for a quotation that runs over several paragraphs: the paragraph ends with the
quote still open and the next one reopens with an opening mark. A quotation never crosses a
paragraph boundary here; a continued one is marked ``continued``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass

#: The quotation marks.
_MARKS = "\"“”‘’'«»"
_OPEN_CONTEXT = set(" \t\n([{—–-/«“‘\"'")


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation: ``start`` is the opening mark, ``end`` is just past the closing mark.

    ``inner_start``/``inner_end`` bound the quoted words. ``closed`` is false when the
    paragraph ended first (a quote that continues into the next paragraph, or a stray mark).
    ``depth`` is 0 for an outermost quotation, 1 for a quote inside a quote, and so on.
    """

    start: int
    end: int
    inner_start: int
    inner_end: int
    closed: bool
    continued: bool
    depth: int
    mark: str

    def words(self, text: str) -> int:
        """Number of words between the marks."""
        return len(text[self.inner_start : self.inner_end].split())


_MARK_PATTERN = re.compile("[" + _MARKS + "]")


def _mark_offsets(text: str) -> list[int]:
    """The offsets of the quotation marks in ``text``, in order."""
    return [match.start() for match in _MARK_PATTERN.finditer(text)]


def _is_opening_context(text: str, index: int, start: int) -> bool:
    return index == start or text[index - 1] in _OPEN_CONTEXT


def find_quotes(
    text: str, paragraphs: list[tuple[int, int]], previous_open: bool = False
) -> list[Quote]:
    """Find the quotations in each ``(start, end)`` paragraph of ``text``."""
    quotes: list[Quote] = []
    carried = previous_open
    # The marks of the whole text at once: most paragraphs hold none, and those are passed
    # over with two bisections instead of a search each.
    marks = _mark_offsets(text)
    for para_start, para_end in paragraphs:
        first = bisect_left(marks, para_start)
        last = bisect_left(marks, para_end, first)
        if first == last:
            carried = False  # no mark: nothing found, nothing left open
            continue
        found, carried = _scan_paragraph(text, para_start, para_end, carried, marks[first:last])
        quotes.extend(found)
    quotes.sort(key=lambda q: (q.start, -q.end))
    return quotes


def _scan_paragraph(
    text: str, start: int, end: int, previous_open: bool, marks: list[int]
) -> tuple[list[Quote], bool]:
    """The quotations of one paragraph, from the offsets of its quotation marks."""
    # Stack of (kind, offset, mark): kind is "d" for double-type quotes, "s" for single.
    stack = _OpenMarks()
    found: list[Quote] = []
    first_mark = True

    def close(kind_index: int, close_at: int, mark_len: int) -> None:
        _, open_at, mark = stack[kind_index]
        stack.truncate(kind_index)
        found.append(
            Quote(
                open_at,
                close_at + mark_len,
                open_at + 1,
                close_at,
                True,
                (previous_open and open_at == first_open_offset) or open_at in reopened,
                kind_index,
                mark,
            )
        )

    def reopen(kind_index: int, at: int, mark: str) -> None:
        """End the quote open at ``kind_index`` unclosed before ``at`` and open the next
        one there: the paragraph break between two quoted paragraphs was lost."""
        _, open_at, old_mark = stack[kind_index]
        stack.truncate(kind_index)
        inner_end = at
        while inner_end > open_at + 1 and text[inner_end - 1].isspace():
            inner_end -= 1
        continued = previous_open and open_at == first_open_offset
        found.append(
            Quote(
                open_at, inner_end, open_at + 1, inner_end, False, continued, kind_index, old_mark
            )
        )
        stack.append(("d", at, mark))
        reopened.add(at)

    first_open_offset = -1
    #: Offsets of the marks that reopen a quotation: what they open continues the last.
    reopened: set[int] = set()
    for i in marks:
        ch = text[i]
        if ch == '"':
            # A straight mark closes the innermost open double quote, else it opens one,
            # unless it reopens: flattened text runs "One. "Two," he said. together.
            idx = stack.last("d")
            if idx is not None and _reopens(text, i, start, end):
                reopen(idx, i, ch)
            elif idx is not None:
                close(idx, i, 1)
            else:
                stack.append(("d", i, ch))
        elif ch in "’'":
            before_word = i > start and text[i - 1].isalnum()
            after_word = i + 1 < end and text[i + 1].isalnum()
            if before_word and after_word:
                continue  # apostrophe inside a word: don't, Russia’s
            idx = stack.last("s")
            if idx is not None and not after_word and i > start and not text[i - 1].isspace():
                close(idx, i, 1)
            elif _is_opening_context(text, i, start) and after_word and (ch == "'" or idx is None):
                stack.append(("s", i, ch))
        elif ch in "“«":
            idx = stack.last("d")
            if idx is not None and stack[idx][2] == ch and _reopens(text, i, start, end):
                reopen(idx, i, ch)
            else:
                stack.append(("d", i, ch))
        elif ch in "”»":
            idx = stack.last("d")
            if idx is not None:
                close(idx, i, 1)
        elif _is_opening_context(text, i, start):  # "‘"
            stack.append(("s", i, ch))
        if first_mark and stack:
            first_open_offset = stack[0][1]
            first_mark = False

    left_open = False
    for depth, (kind, open_at, mark) in enumerate(stack):
        if kind != "d":
            continue  # an unclosed single mark is most likely an apostrophe ('90s)
        left_open = True
        found.append(
            Quote(
                open_at,
                end,
                open_at + 1,
                end,
                False,
                (previous_open and open_at == first_open_offset) or open_at in reopened,
                depth,
                mark,
            )
        )
    return found, left_open


def _reopens(text: str, index: int, start: int, end: int) -> bool:
    """Whether the double mark at ``index``, with a quotation open, reopens it: it follows
    the end of a sentence and a space, and a capital follows it ("One. "Two"). A mark that
    closes a quotation stands against its last word ("One." he said)."""
    after = index + 1
    if after >= end or not text[after].isupper():
        return False
    before = index
    while before > start and text[before - 1] in " \t":
        before -= 1
    return before < index and before > start and text[before - 1] in ".?!"


class _OpenMarks:
    """The marks still open in a paragraph, innermost last, as ``(kind, offset, mark)``.

    The stack index of the innermost open mark of each kind is kept up to date, so finding
    it costs nothing; scanning the stack for it made a paragraph of many unmatched marks
    (a run of apostrophes, then a run of double quotes) take quadratic time.
    """

    def __init__(self) -> None:
        self._items: list[tuple[str, int, str]] = []
        self._by_kind: dict[str, list[int]] = {"d": [], "s": []}

    def append(self, item: tuple[str, int, str]) -> None:
        self._by_kind[item[0]].append(len(self._items))
        self._items.append(item)

    def last(self, kind: str) -> int | None:
        """Stack index of the innermost open mark of ``kind`` ("d" or "s"), if any."""
        indices = self._by_kind[kind]
        return indices[-1] if indices else None

    def truncate(self, index: int) -> None:
        """Drop the mark at ``index`` and every mark opened after it."""
        del self._items[index:]
        for indices in self._by_kind.values():
            while indices and indices[-1] >= index:
                indices.pop()

    def __getitem__(self, index: int) -> tuple[str, int, str]:
        return self._items[index]

    def __iter__(self) -> Iterator[tuple[str, int, str]]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)
