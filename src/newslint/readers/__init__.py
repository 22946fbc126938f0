"""Readers: bytes on disk to a :class:`~newslint.text.document.Document`.

Decoding is shared (:func:`decode`); a reader only decides what in the text is prose. Readers
register through the ``newslint_register_readers`` hook; the built-ins are ``plain`` (``.txt``
and anything unclaimed) and ``markdown`` (``.md``).
"""

from __future__ import annotations

import codecs
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, BinaryIO

from newslint.suppression import find_directives
from newslint.text.document import Document

#: How much of a file is looked at for NUL bytes before it is called binary.
BINARY_SNIFF_BYTES = 8192

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class InputError(Exception):
    """A file cannot be linted; ``str(error)`` is one line naming the file and the problem."""


@dataclass(frozen=True, slots=True)
class Decoded:
    """A decoded file: text with ``\\n`` newlines, and what is needed to write it back."""

    text: str
    encoding: str
    bom: bool
    newline: str


def decode(data: bytes, path: str, encoding: str | None = None) -> Decoded:
    """Decode a file's bytes, honouring a byte-order mark, and normalise newlines.

    Raises :class:`InputError` for binary data or undecodable bytes.
    """
    chosen = encoding
    bom = False
    if chosen is None:
        for mark, name in _BOMS:
            if data.startswith(mark):
                chosen, bom = name, True
                break
        else:
            chosen = "utf-8"
        if not bom and b"\x00" in data[:BINARY_SNIFF_BYTES]:
            raise InputError(f"{path}: not a text file (it contains NUL bytes)")
    try:
        text = data.decode(chosen)
    except UnicodeDecodeError as error:
        hint = "" if encoding else "; pass --encoding to read it as another encoding"
        at = error.start
        if codecs.lookup(chosen).name == "utf-8-sig" and data.startswith(codecs.BOM_UTF8):
            at += len(codecs.BOM_UTF8)  # that decoder counts from after the mark
        raise InputError(f"{path}: invalid {error.encoding} at byte {at}{hint}") from None
    except LookupError:
        raise InputError(f"{path}: unknown encoding {chosen!r}") from None
    if text.startswith("\ufeff"):
        text, bom = text[1:], True
    newline = "\r\n" if "\r\n" in text else ("\r" if "\r" in text else "\n")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Decoded(text, chosen, bom, newline)


def mask(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """Replace the characters in ``spans`` by spaces, keeping newlines (and so every offset)."""
    chars = list(text)
    for start, end in spans:
        for index in range(start, end):
            if chars[index] != "\n":
                chars[index] = " "
    return "".join(chars)


def build_document(
    source: str,
    path: str,
    *,
    masks: Iterable[tuple[int, int]] = (),
    headings: Iterable[int] = (),
    breaks: Iterable[int] = (),
    prose: str | None = None,
) -> Document:
    """Make a Document, masking newslint directives and the reader's non-prose spans.

    :param prose: the text rules should read, when the reader makes more of it than masks
        (HTML decodes character references); it must have ``source``'s length and newlines.
    """
    directives = find_directives(source)
    spans = [(d.start, d.end) for d in directives]
    spans.extend(masks)
    base = source if prose is None else prose
    text = mask(base, spans) if spans else base
    doc = Document(source, text, path=path, headings=headings, breaks=breaks)
    doc.metadata["directives"] = directives
    return doc


class Reader:
    """An input format. Subclasses set ``name``, ``extensions`` and implement :meth:`read`."""

    name: str = ""
    extensions: tuple[str, ...] = ()
    description: str = ""
    #: Whether ``--fix`` may edit files of this format. A fix deletes whole lines of the
    #: file, which in HTML could take markup with them: HTML findings are reported unfixed.
    fixes: bool = True

    def read(self, text: str, path: str) -> Document:
        """Parse decoded text (newlines already ``\\n``) into a Document."""
        raise NotImplementedError

    def documents(self, text: str, path: str) -> Iterator[Document]:
        """The documents in one input; one for most formats, many for a corpus."""
        yield self.read(text, path)

    # --- corpora: many articles in one input, read record by record ---------------------------

    #: True for a corpus format: its inputs are streamed with :meth:`records` and
    #: :meth:`read_record` instead of being read whole.
    corpus: bool = False

    def records(self, handle: BinaryIO, path: str) -> Iterator[tuple[int, bytes]]:
        """Raw records of a corpus with their 1-based line numbers, read lazily from ``handle``.

        Split from :meth:`read_record` so that a parallel run can read the corpus in one
        process and hand raw records to the others, which parse and lint them.
        """
        raise NotImplementedError(f"reader {self.name!r} does not read corpora")

    def read_record(
        self, raw: bytes, number: int, path: str, options: Mapping[str, Any]
    ) -> Document:
        """One record to a Document whose ``path`` is the article's id.

        Raises :class:`InputError` (one line naming ``path`` and ``number``) for a record that
        cannot be read; the rest of the corpus is still linted.
        """
        raise NotImplementedError(f"reader {self.name!r} does not read corpora")
