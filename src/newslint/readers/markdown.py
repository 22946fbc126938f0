"""The Markdown reader: lint the prose, mask everything else.

Masked (replaced by spaces, so every offset still points into the original file): YAML/TOML
front matter, fenced and indented code blocks, inline code, HTML tags and comments, link and
image targets, reference definitions, autolinks, heading and list markers, block-quote
markers, emphasis marks and table pipes. Headings become their own paragraphs (so they are not
linted as body text) and every list item starts a new block.
"""

from __future__ import annotations

from typing import Any

import regex

from newslint.hookspecs import RegisterReader, hookimpl
from newslint.readers import Reader, build_document
from newslint.text.document import Document


class _Lazy:
    """A pattern compiled on first use: ``regex`` compiles in Python, and a run that reads no
    Markdown (a plain-text file) should not pay ~8 ms for these patterns at start-up."""

    __slots__ = ("_arguments", "_pattern")

    def __init__(self, *arguments: object) -> None:
        self._arguments = arguments
        self._pattern: regex.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        if self._pattern is None:
            self._pattern = regex.compile(*self._arguments)
        return getattr(self._pattern, name)


_FRONT_MATTER = _Lazy(r"\A(---|\+\+\+)[ \t]*\n.*?\n\1[ \t]*(?:\n|\Z)", regex.DOTALL)
_FENCE = _Lazy(r"^[ \t]{0,3}(`{3,}|~{3,})")
_INLINE_CODE = _Lazy(r"(`+)(?!`).+?(?<!`)\1", regex.DOTALL)
_HTML = _Lazy(r"<!--.*?-->|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>", regex.DOTALL)
_AUTOLINK = _Lazy(r"<(?:https?|ftp|mailto):[^<>\s]+>")
_IMAGE = _Lazy(r"!\[[^\]\n]*\]\([^)\n]*\)")
_LINK = _Lazy(r"(\[)(?=[^\]\n]*\]\()[^\]\n]*(\]\([^)\n]*\))")
_REF_LINK = _Lazy(r"(\[)[^\]\n]+(\]\[[^\]\n]*\])")
_REF_DEF = _Lazy(r"^[ \t]{0,3}\[[^\]\n]+\]:[^\n]*$", regex.MULTILINE)
_ATX = _Lazy(r"^([ \t]{0,3}#{1,6})(?:[ \t]+|$)", regex.MULTILINE)
_ATX_CLOSE = _Lazy(r"[ \t]+#+[ \t]*$", regex.MULTILINE)
_SETEXT = _Lazy(r"^[ \t]{0,3}(=+|-+)[ \t]*$", regex.MULTILINE)
_LIST = _Lazy(r"^([ \t]*(?:[-*+]|\d{1,9}[.)]))[ \t]+", regex.MULTILINE)
_QUOTE_MARK = _Lazy(r"^([ \t]{0,3}>[ \t]?)+", regex.MULTILINE)
_RULE = _Lazy(r"^[ \t]{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$", regex.MULTILINE)
_EMPHASIS = _Lazy(r"(?<![\\\w])(\*{1,3}|_{1,3})(?=\S)|(?<=\S)(\*{1,3}|_{1,3})(?![\w])")
_TABLE_SEPARATOR = _Lazy(
    r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(\|[ \t]*:?-{3,}:?[ \t]*)+\|?[ \t]*$", regex.MULTILINE
)
_PIPE = _Lazy(r"(?<!\\)\|")


class MarkdownReader(Reader):
    name = "markdown"
    extensions = (".md", ".markdown", ".mdown", ".mkd")
    description = "Markdown: prose only; code, front matter, HTML and link targets are skipped."

    def read(self, text: str, path: str) -> Document:
        masks: list[tuple[int, int]] = []
        headings: list[int] = []
        breaks: list[int] = []

        front = _FRONT_MATTER.match(text)
        if front:
            masks.append(front.span())
        code_spans = _code_blocks(text, front.end() if front else 0)
        masks.extend(code_spans)

        def outside_code(start: int) -> bool:
            return not any(s <= start < e for s, e in code_spans)

        for pattern in (_INLINE_CODE, _HTML, _AUTOLINK, _IMAGE, _REF_DEF, _RULE, _TABLE_SEPARATOR):
            masks.extend(m.span() for m in pattern.finditer(text) if outside_code(m.start()))
        for match in _LINK.finditer(text):
            masks.append(match.span(1))
            masks.append(match.span(2))
        for match in _REF_LINK.finditer(text):
            masks.append(match.span(1))
            masks.append(match.span(2))
        for match in _ATX.finditer(text):
            if outside_code(match.start()):
                masks.append(match.span(1))
                headings.append(match.start())
                breaks.append(match.start())
                line_end = text.find("\n", match.start())
                breaks.append(len(text) if line_end == -1 else line_end)
        masks.extend(m.span() for m in _ATX_CLOSE.finditer(text) if outside_code(m.start()))
        for match in _SETEXT.finditer(text):
            previous_end = match.start() - 1
            if previous_end > 0 and outside_code(match.start()):
                previous_start = text.rfind("\n", 0, previous_end) + 1
                if text[previous_start:previous_end].strip():
                    masks.append(match.span())
                    headings.append(previous_start)
                    breaks.append(previous_start)
        for match in _LIST.finditer(text):
            if outside_code(match.start()):
                masks.append(match.span(1))
                breaks.append(match.start())
        masks.extend(m.span() for m in _QUOTE_MARK.finditer(text) if outside_code(m.start()))
        masks.extend(m.span() for m in _EMPHASIS.finditer(text) if outside_code(m.start()))
        if "|" in text:
            masks.extend(m.span() for m in _PIPE.finditer(text) if outside_code(m.start()))
        return build_document(text, path, masks=masks, headings=headings, breaks=breaks)


def _code_blocks(text: str, start: int) -> list[tuple[int, int]]:
    """Fenced code blocks and indented code blocks (after a blank line)."""
    spans: list[tuple[int, int]] = []
    offset = start
    lines = text[start:].split("\n")
    fence: str | None = None
    fence_start = 0
    previous_blank = True
    indented_start: int | None = None
    for line in lines:
        line_end = offset + len(line)
        if fence is not None:
            if line.strip().startswith(fence) and set(line.strip()) <= set(fence[0]):
                spans.append((fence_start, line_end))
                fence = None
        else:
            opened = _FENCE.match(line)
            if opened:
                fence, fence_start = opened.group(1), offset
            elif (line.startswith("    ") or line.startswith("\t")) and line.strip():
                if indented_start is None and previous_blank:
                    indented_start = offset
            elif line.strip() and indented_start is not None:
                spans.append((indented_start, offset - 1))
                indented_start = None
        previous_blank = not line.strip()
        offset = line_end + 1
    if fence is not None:
        spans.append((fence_start, len(text)))
    if indented_start is not None:
        spans.append((indented_start, len(text)))
    return spans


@hookimpl
def newslint_register_readers(register: RegisterReader) -> None:
    register(MarkdownReader())
