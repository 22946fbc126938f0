"""Quotation spans: the words that belong to a source, not to the writer.

Handles straight and curly double quotes, guillemets, single-quote quotations (British style
and quotes nested in quotes), apostrophes inside words (``Russia’s``, ``don't``), and the news
convention for a quotation that runs over several paragraphs: the paragraph ends with the
quote still open and the next one reopens with an opening mark. A quotation never crosses a
paragraph boundary here; a continued one is marked ``continued``.
"""

from __future__ import annotations

from collections.abc import Iterator

from newslint.patterncache import compile_regex
from newslint.records import Record

_QUOTE_CHARS = compile_regex(r"[\"“”‘’'«»]")
_OPEN_CONTEXT = set(" \t\n([{—–-/«“‘\"'")


class Quote(Record):
    """A quotation: ``start`` is the opening mark, ``end`` is just past the closing mark.

    ``inner_start``/``inner_end`` bound the quoted words. ``closed`` is false when the
    paragraph ended first (a quote that continues into the next paragraph, or a stray mark).
    ``depth`` is 0 for an outermost quotation, 1 for a quote inside a quote, and so on.
    """

    fields = ("start", "end", "inner_start", "inner_end", "closed", "continued", "depth", "mark")
    __slots__ = fields
    start: int
    end: int
    inner_start: int
    inner_end: int
    closed: bool
    continued: bool
    depth: int
    mark: str

    def __init__(
        self,
        start: int,
        end: int,
        inner_start: int,
        inner_end: int,
        closed: bool,
        continued: bool,
        depth: int,
        mark: str,
    ) -> None:
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "inner_start", inner_start)
        object.__setattr__(self, "inner_end", inner_end)
        object.__setattr__(self, "closed", closed)
        object.__setattr__(self, "continued", continued)
        object.__setattr__(self, "depth", depth)
        object.__setattr__(self, "mark", mark)

    def words(self, text: str) -> int:
        """Number of words between the marks."""
        return len(text[self.inner_start : self.inner_end].split())


def _is_opening_context(text: str, index: int, start: int) -> bool:
    return index == start or text[index - 1] in _OPEN_CONTEXT


def _is_word_char(text: str, index: int, end: int) -> bool:
    return index < end and text[index].isalnum()


def find_quotes(
    text: str, paragraphs: list[tuple[int, int]], previous_open: bool = False
) -> list[Quote]:
    """Find the quotations in each ``(start, end)`` paragraph of ``text``."""
    quotes: list[Quote] = []
    carried = previous_open
    for para_start, para_end in paragraphs:
        found, left_open = _scan_paragraph(text, para_start, para_end, carried)
        quotes.extend(found)
        carried = left_open
    quotes.sort(key=lambda q: (q.start, -q.end))
    return quotes


def _scan_paragraph(
    text: str, start: int, end: int, previous_open: bool
) -> tuple[list[Quote], bool]:
    # Stack of (kind, offset, mark): kind is "d" for double-type quotes, "s" for single.
    stack = _OpenMarks()
    found: list[Quote] = []
    first_mark = True

    def close(kind_index: int, close_at: int, mark_len: int) -> None:
        _, open_at, mark = stack[kind_index]
        stack.truncate(kind_index)
        found.append(
            Quote(
                start=open_at,
                end=close_at + mark_len,
                inner_start=open_at + 1,
                inner_end=close_at,
                closed=True,
                continued=previous_open and open_at == first_open_offset,
                depth=kind_index,
                mark=mark,
            )
        )

    first_open_offset = -1
    for match in _QUOTE_CHARS.finditer(text, start, end):
        ch = match.group()
        i = match.start()
        if ch in "“«":
            stack.append(("d", i, ch))
        elif ch in "”»":
            idx = stack.last("d")
            if idx is not None:
                close(idx, i, 1)
        elif ch == '"':
            # A straight mark closes the innermost open double quote, else it opens one.
            idx = stack.last("d")
            if idx is not None:
                close(idx, i, 1)
            else:
                stack.append(("d", i, ch))
        elif ch == "‘":
            if _is_opening_context(text, i, start):
                stack.append(("s", i, ch))
        elif ch in "’'":
            before_word = i > start and text[i - 1].isalnum()
            after_word = _is_word_char(text, i + 1, end)
            if before_word and after_word:
                continue  # apostrophe inside a word: don't, Russia’s
            idx = stack.last("s")
            if idx is not None and not after_word and i > start and not text[i - 1].isspace():
                close(idx, i, 1)
            elif _is_opening_context(text, i, start) and after_word and (ch == "'" or idx is None):
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
                start=open_at,
                end=end,
                inner_start=open_at + 1,
                inner_end=end,
                closed=False,
                continued=previous_open and open_at == first_open_offset,
                depth=depth,
                mark=mark,
            )
        )
    return found, left_open


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
