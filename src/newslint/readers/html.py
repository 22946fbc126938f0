"""The HTML reader: lint the text a browser would show, at the file's own positions.

The standard library's :class:`html.parser.HTMLParser` splits the file into tags, comments,
declarations, character references and text, each with its position in the file. The
Document's text is the file with everything but the text masked (replaced by spaces, newlines
kept), so every offset still points into the file, as with the Markdown reader:

- tags, comments, declarations and processing instructions are masked;
- the contents of ``<head>``, ``<script>``, ``<style>``, ``<template>``, ``<noscript>`` and
  ``<svg>`` are masked: none of it is article text;
- character references (``&amp;``, ``&rsquo;``, ``&#8217;``) are decoded. A reference is
  longer than what it stands for, so the word it is in is written with its characters
  decoded and closed up, and the spare places go after the word: ``Russia&rsquo;s`` reads
  ``Russia’s`` followed by five spaces. Where a word begins is always exact; a span that ends
  inside a word holding a reference ends a few characters early in the file.
- block elements (``<p>``, ``<div>``, ``<li>``, ``<h1>`` ... ``<br>``) start a new paragraph,
  and ``<h1>`` ... ``<h6>`` are headings, as Markdown's ``#`` lines are.

Directives are HTML comments already: ``<!-- newslint-disable-next-line NL101 -->`` works
here as in text and Markdown files.
"""

from __future__ import annotations

import html
from html.parser import HTMLParser

from newslint.hookspecs import RegisterReader, hookimpl
from newslint.readers import Reader, build_document
from newslint.text.document import Document, line_starts

#: Elements whose contents are never article text.
SKIPPED = frozenset({"head", "script", "style", "template", "noscript", "svg", "iframe"})
#: Elements that start a new block of text.
BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt",
        "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "td",
        "th", "tr", "ul",
    }
)  # fmt: skip
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


class _Events(HTMLParser):
    """Records where each piece of the file starts, and what it is."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self._line_starts = line_starts(text)
        #: (offset, kind, tag): kind is text, reference, tag or markup (comment, declaration).
        self.events: list[tuple[int, str, str]] = []

    def _at(self, kind: str, tag: str = "") -> None:
        line, column = self.getpos()
        self.events.append((self._line_starts[line - 1] + column, kind, tag))

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self._at("start", tag)

    def handle_startendtag(self, tag: str, attrs: object) -> None:
        self._at("empty", tag)

    def handle_endtag(self, tag: str) -> None:
        self._at("end", tag)

    def handle_data(self, data: str) -> None:
        self._at("text")

    def handle_entityref(self, name: str) -> None:
        self._at("reference")

    def handle_charref(self, name: str) -> None:
        self._at("reference")

    def handle_comment(self, data: str) -> None:
        self._at("markup")

    def handle_decl(self, decl: str) -> None:
        self._at("markup")

    def handle_pi(self, data: str) -> None:
        self._at("markup")

    def unknown_decl(self, data: str) -> None:
        self._at("markup")


def html_text(source: str) -> tuple[str, list[int], list[int]]:
    """The text of an HTML file at the file's offsets, the offsets where blocks start, and
    the offsets of headings."""
    parser = _Events(source)
    parser.feed(source)
    parser.close()
    events = parser.events
    pieces: list[tuple[int, int, str, bool]] = []  # start, end, text, is a reference
    breaks: list[int] = []
    heading_tags: list[int] = []
    skipping: list[str] = []
    for index, (start, kind, tag) in enumerate(events):
        end = events[index + 1][0] if index + 1 < len(events) else len(source)
        if kind in ("start", "empty", "end"):
            if tag in SKIPPED and kind == "start":
                skipping.append(tag)
            elif tag in SKIPPED and kind == "end" and tag in skipping:
                while skipping and skipping.pop() != tag:
                    pass
            if tag in BLOCKS:
                breaks.append(start)
                if tag in HEADINGS and kind == "start":
                    heading_tags.append(end)
        elif not skipping and kind == "text":
            pieces.append((start, end, source[start:end], False))
        elif not skipping and kind == "reference":
            decoded = html.unescape(source[start:end]).replace("\xa0", " ")
            pieces.append((start, end, decoded, True))
    text = _place(source, pieces)
    headings = []
    for offset in heading_tags:
        while offset < len(text) and text[offset].isspace():
            offset += 1
        headings.append(offset)
    return text, breaks, headings


def _place(source: str, pieces: list[tuple[int, int, str, bool]]) -> str:
    """Write the visible pieces at their offsets; blanks elsewhere (newlines kept).

    A decoded reference is shorter than the reference, so from it to the end of its word the
    characters are written closed up, and the spare places follow the word: at each
    whitespace character, writing catches up with the file again.
    """
    out = ["\n" if char == "\n" else " " for char in source]
    cursor = 0
    previous_end = -1
    for start, end, piece, reference in pieces:
        if start != previous_end:  # markup came between: nothing to close up across it
            cursor = start
        for index, char in enumerate(piece):
            if char.isspace() and not reference:
                cursor = start + index  # the word ended: back in step with the file
            out[cursor] = char
            cursor += 1
        if reference and piece.isspace():
            cursor = end
        previous_end = end
    return "".join(out)


class HtmlReader(Reader):
    name = "html"
    extensions = (".html", ".htm", ".xhtml")
    description = "HTML: the text a browser shows; tags, scripts, styles and <head> skipped."
    fixes = False

    def read(self, text: str, path: str) -> Document:
        prose, breaks, headings = html_text(text)
        return build_document(text, path, prose=prose, headings=headings, breaks=breaks)


@hookimpl
def newslint_register_readers(register: RegisterReader) -> None:
    register(HtmlReader())
