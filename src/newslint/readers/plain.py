"""The plain-text reader: every character is prose (except newslint directives)."""

from __future__ import annotations

from newslint.hookspecs import RegisterReader, hookimpl
from newslint.readers import Reader, build_document
from newslint.text.document import Document


class PlainTextReader(Reader):
    name = "text"
    extensions = (".txt", ".text")
    description = "Plain text: paragraphs separated by blank lines."

    def read(self, text: str, path: str) -> Document:
        return build_document(text, path)


@hookimpl
def newslint_register_readers(register: RegisterReader) -> None:
    register(PlainTextReader())
