"""JSON Lines corpora, record by record: annotate, attribute or clean, on any executor.

A corpus is read as numbered raw lines and cut into chunks of about
:data:`CHUNK_RECORDS` records. :func:`process_chunk` turns a chunk into one
:class:`RecordResult` per record, in order; it is a plain function of plain arguments, so
the same chunk gives the same result in this process, in a process pool (``--jobs``) or on a
Dask worker (``--scheduler``). :func:`ordered_results` keeps a bounded window of chunks in
flight on any executor with a ``submit`` method and yields results in corpus order, so memory
does not grow with the corpus and the output does not depend on the executor.

Every record gives one result: its findings, its cleaned line, or a one-line error naming the
corpus and the line. Modes:

- ``annotate``: findings, for the usual report formats;
- ``attributes``: findings as a dolma attributes row (:mod:`newslint.pipelines.attributes`);
- ``clean``: the record with its text field fixed (page furniture removed) and everything
  else untouched; a record with nothing to fix, or one that cannot be read, is written back
  byte for byte;
- ``filter``: the record's line, byte for byte, unless its findings drop it
  (:class:`DropPolicy`); a record that cannot be read is kept (and reported): newslint does
  not drop what it could not judge.
"""

from __future__ import annotations

import functools
import gzip
import itertools
import json
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any, Literal

from newslint.diagnostics import Diagnostic
from newslint.pipelines.article import ArticleLinter
from newslint.pipelines.furniture import LineCounts, count_chunk
from newslint.readers import InputError
from newslint.readers.jsonl import parse_record as read_jsonl_record

Mode = Literal["annotate", "attributes", "clean", "filter"]

#: Records per chunk handed to a worker: enough to amortise sending it (a few hundred
#: kilobytes of news text), few enough that every worker stays busy on a small corpus.
CHUNK_RECORDS = 64
#: Chunks in flight per worker.
WINDOW_PER_WORKER = 4


@dataclass(slots=True)
class Fields:
    """Which keys of a record hold what."""

    text: str = "text"
    id: str = "id"
    title: str = "title"


@dataclass(slots=True)
class DropPolicy:
    """When ``filter`` mode drops a record (see
    :func:`newslint.pipelines.attributes.drop_reason`)."""

    drop: dict[str, int] = field(default_factory=dict)
    max_findings: int | None = None


@dataclass(slots=True)
class RecordResult:
    """What one record gave. ``line`` is what a cleaned corpus holds for it (``clean`` mode);
    ``row`` its attributes row (``attributes`` mode)."""

    number: int
    id: str | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    error: str | None = None
    line: bytes = b""
    row: dict[str, Any] | None = None
    fixed: int = 0
    #: Why ``filter`` mode dropped the record (a code or prefix), if it did.
    dropped: str | None = None


def open_corpus(path: str) -> IO[bytes]:
    """Open a corpus for reading bytes; ``.gz`` files are decompressed as they are read."""
    if path.lower().endswith(".gz"):
        return gzip.open(path, "rb")
    return open(path, "rb")


def numbered_lines(handle: IO[bytes]) -> Iterator[tuple[int, bytes]]:
    """Every line of a corpus with its 1-based number, blank lines included (a cleaned
    corpus keeps them; they give no result)."""
    for number, raw in enumerate(handle, 1):
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        yield number, raw


def chunks(lines: Iterable[tuple[int, bytes]], size: int = CHUNK_RECORDS) -> Iterator[list]:
    iterator = iter(lines)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def parse_record(
    raw: bytes, number: int, path: str, fields: Fields
) -> tuple[dict[str, Any], str, str]:
    """A record, its id and its text as stored; raises :class:`InputError` with a one-line
    message, as the JSON Lines reader does."""
    return read_jsonl_record(
        raw, f"{path}:{number}", fields.text, fields.id, fallback_id=f"{path}#{number}"
    )


def process_chunk(
    linter: ArticleLinter,
    path: str,
    lines: list[tuple[int, bytes]],
    mode: Mode,
    fields: Fields,
    unsafe: bool = False,
    policy: DropPolicy | None = None,
) -> list[RecordResult]:
    """One result per non-blank line (and, in ``clean`` mode, per blank line too)."""
    from newslint.pipelines.attributes import attributes_row, drop_reason, error_row

    out: list[RecordResult] = []
    for number, raw in lines:
        if not raw.strip():
            if mode == "clean":
                out.append(RecordResult(number, None, line=raw))
            continue
        try:
            record, article_id, text = parse_record(raw, number, path, fields)
        except InputError as error:
            result = RecordResult(number, None, error=str(error), line=raw)
            if mode == "attributes":
                result.row = error_row(_raw_id(raw, fields), str(error))
            out.append(result)
            continue
        title = record.get(fields.title)
        title = title if isinstance(title, str) else None
        if mode == "clean":
            cleaned = linter.clean(text, id=article_id, title=title, meta=record, unsafe=unsafe)
            line = raw
            if cleaned.changed:
                record[fields.text] = cleaned.text
                ending = b"\r\n" if raw.endswith(b"\r\n") else b"\n" if raw.endswith(b"\n") else b""
                line = json.dumps(record, ensure_ascii=False).encode("utf-8") + ending
            remaining = cleaned.diagnostics
            out.append(RecordResult(number, article_id, remaining, line=line, fixed=cleaned.fixed))
            continue
        if mode != "attributes":
            text = as_reported(text)
        diagnostics = linter.lint(text, id=article_id, title=title, meta=record)
        result = RecordResult(number, article_id, diagnostics)
        if mode == "attributes":
            result.row = attributes_row(record.get(fields.id, article_id), diagnostics)
        elif mode == "filter" and policy is not None:
            counts: dict[str, int] = {}
            for diagnostic in diagnostics:
                counts[diagnostic.code] = counts.get(diagnostic.code, 0) + 1
            result.dropped = drop_reason(counts, policy.drop, policy.max_findings)
            result.line = raw if result.dropped is None else b""
        out.append(result)
    return out


def as_reported(text: str) -> str:
    """The text as the usual report reads an article: ``\n`` newlines, no byte-order mark.

    A report's offsets count a ``\r\n`` as one character, in a corpus as in files, while
    attribute spans index the text as stored (see :mod:`newslint.pipelines.attributes`).
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.removeprefix("\ufeff")


def _raw_id(raw: bytes, fields: Fields) -> Any:
    """The id of a record that failed for another reason than its JSON, if it has one that
    an output can carry."""
    try:
        record = json.loads(raw)
    except (ValueError, RecursionError):
        return None
    identifier = record.get(fields.id) if isinstance(record, dict) else None
    try:
        str(identifier).encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        return None
    return identifier


def in_order(
    submit: Callable[..., Any] | None,
    work: Callable[[Any], Any],
    batches: Iterable[Any],
    window: int,
) -> Iterator[Any]:
    """``work(batch)`` for each of ``batches``, in order, with at most ``window`` batches in
    flight on ``submit`` (an executor's or a Dask client's); in this process when ``submit``
    is None."""
    if submit is None:
        yield from map(work, batches)
        return
    pending: deque[Any] = deque()
    for batch in batches:
        pending.append(submit(work, batch))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def ordered_results(
    submit: Callable[..., Any] | None,
    work: Callable[[list[tuple[int, bytes]]], list[RecordResult]],
    batches: Iterable[list[tuple[int, bytes]]],
    window: int,
) -> Iterator[RecordResult]:
    """The records' results of :func:`in_order`, one after another."""
    for results in in_order(submit, work, batches, window):
        yield from results


def lint_corpus(
    linter: ArticleLinter,
    path: str,
    handle: IO[bytes],
    mode: Mode = "annotate",
    *,
    fields: Fields | None = None,
    unsafe: bool = False,
    submit: Callable[..., Any] | None = None,
    window: int = 1,
    policy: DropPolicy | None = None,
) -> Iterator[RecordResult]:
    """Every record of one corpus, processed in ``mode``, in corpus order."""
    work = functools.partial(
        process_chunk,
        linter,
        path,
        mode=mode,
        fields=fields or Fields(),
        unsafe=unsafe,
        policy=policy,
    )
    yield from ordered_results(submit, work, chunks(numbered_lines(handle)), window)


def learn_corpus(paths: Iterable[str], fields: Any, *, submit: Any = None) -> LineCounts:
    """The first pass over corpus files, chunk by chunk on ``submit`` (an executor's or a
    Dask client's) or in this process, merged as the chunks finish."""
    work = functools.partial(count_chunk, text_field=fields.text)
    total = LineCounts()
    for path in paths:
        try:
            with open_corpus(path) as handle:
                batches = chunks(numbered_lines(handle), 256)
                for part in in_order(submit, work, batches, window=8):
                    total = total.merge(part)
        except (OSError, EOFError):
            continue  # the second pass reports the unreadable file
    return total
