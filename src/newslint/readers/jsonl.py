"""The JSON Lines corpus reader: one article per line, linted as plain text.

``newslint --input-format jsonl --text-field body --id-field id corpus.jsonl`` reads each
line as a JSON object, lints the string in ``text_field`` (default ``text``) and reports it
under the string in ``id_field`` (default ``id``), so every diagnostic names the article, not
the corpus. A record without that id is named ``corpus.jsonl#LINE``. Blank lines are skipped.

The corpus is streamed: one line is read, parsed and linted at a time, so a corpus of a
million articles needs no more memory than one of ten. A line that is not a JSON object, or
whose text field is missing or not a string, is a one-line error naming the corpus and the
line number; the other lines are still linted.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, BinaryIO

from newslint.hookspecs import RegisterReader, hookimpl
from newslint.readers import InputError, Reader, build_document
from newslint.text.document import Document

DEFAULT_TEXT_FIELD = "text"
DEFAULT_ID_FIELD = "id"


def parse_record(
    raw: bytes,
    where: str,
    text_field: str,
    id_field: str,
    *,
    fallback_id: str,
    encoding: str = "utf-8",
) -> tuple[dict[str, Any], str, str]:
    """One line of a JSON Lines corpus: the record, its id (``fallback_id`` when it has none)
    and its text as stored. Any problem raises :class:`InputError` with one line starting
    with ``where``: a corpus line must cost only that line."""
    try:
        line = raw.decode(encoding).rstrip("\r\n")
    except UnicodeDecodeError as error:
        raise InputError(f"{where}: invalid {error.encoding} at byte {error.start}") from None
    except LookupError:
        raise InputError(f"{where}: unknown encoding {encoding!r}") from None
    import json  # here, not at the top: a run that reads no JSON Lines never imports it

    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise InputError(f"{where}: invalid JSON: {error.msg} (column {error.colno})") from None
    except RecursionError:  # json recurses once per level of nesting
        raise InputError(f"{where}: invalid JSON: nested too deeply") from None
    if not isinstance(record, dict):
        raise InputError(f"{where}: expected a JSON object, got {type(record).__name__}")
    text = record.get(text_field)
    if not isinstance(text, str):
        problem = "no" if text is None else f"a non-string ({type(text).__name__})"
        raise InputError(f"{where}: {problem} text field {text_field!r}")
    identifier = record.get(id_field)
    name = fallback_id if identifier is None else str(identifier)
    if "\\u" in line:  # only a \uXXXX escape can smuggle in a lone surrogate
        for field, value in ((text_field, text), (id_field, name)):
            at = _lone_surrogate(value)
            if at is not None:
                raise InputError(
                    f"{where}: {field!r} field holds a lone surrogate "
                    f"(U+{ord(value[at]):04X}) at character {at + 1}, which no output "
                    "can carry"
                )
    return record, name, text


class JsonLinesReader(Reader):
    name = "jsonl"
    extensions = (".jsonl", ".ndjson")
    description = "JSON Lines corpus: one article per line (--text-field, --id-field)."
    corpus = True

    def records(self, handle: BinaryIO, path: str) -> Iterator[tuple[int, bytes]]:
        for number, raw in enumerate(handle, 1):
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if raw.strip():
                yield number, raw

    def read_record(
        self, raw: bytes, number: int, path: str, options: Mapping[str, Any]
    ) -> Document:
        _, name, text = parse_record(
            raw,
            f"{path}:{number}",
            options.get("text_field") or DEFAULT_TEXT_FIELD,
            options.get("id_field") or DEFAULT_ID_FIELD,
            fallback_id=f"{path}#{number}",
            encoding=options.get("encoding") or "utf-8",
        )
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        if text.startswith("\ufeff"):
            text = text[1:]
        return build_document(text, name)

    def documents(self, text: str, path: str) -> Iterator[Document]:
        """Every article of a corpus already held in memory (library callers of ``lint_text``);
        here a malformed line raises :class:`InputError`."""
        options: dict[str, Any] = {}
        for number, line in enumerate(text.split("\n"), 1):
            if line.strip():
                yield self.read_record(line.encode("utf-8"), number, path, options)


def _lone_surrogate(text: str) -> int | None:
    """Where ``text`` holds a half of a UTF-16 surrogate pair, if it does: JSON allows
    ``"\\ud800"``, but such a string cannot be written as UTF-8 (text, JSON or SARIF)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        return error.start
    return None


@hookimpl
def newslint_register_readers(register: RegisterReader) -> None:
    register(JsonLinesReader())
