"""Linting many inputs: in this process or in worker processes, with the same output.

A run is planned first (every file found and its configuration resolved), then executed.
Files and corpus records are handed to workers in small chunks and their results are taken
back in input order, so a parallel run reports exactly what a serial run reports, byte for
byte. Workers are processes, not threads: linting is pure-Python CPU work, which threads
cannot spread over cores.

Where the platform allows, workers are forked from the process that already loaded the
plugins and compiled the rules, so they start in milliseconds; elsewhere they are spawned and
load them once each. A corpus is streamed: at most a few chunks per worker are in flight, so
memory does not grow with the corpus.
"""

from __future__ import annotations

import itertools
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from concurrent.futures import Executor, Future

    from newslint.config import Config
    from newslint.engine import FileResult, Linter
    from newslint.progress import Progress
    from newslint.readers import Reader

#: ``--jobs`` defaults to the CPU count when a run has more files than this ...
PARALLEL_MIN_FILES = 8
#: ... or a corpus larger than this many bytes (about 100 news articles).
PARALLEL_MIN_CORPUS_BYTES = 256 * 1024
#: A chunk of a corpus handed to a worker: about this many bytes of records.
CORPUS_CHUNK_BYTES = 64 * 1024
#: Chunks in flight per worker; bounds memory while keeping every worker busy.
WINDOW_PER_JOB = 4


def cpu_count() -> int:
    """CPUs this process may run on (its affinity mask, where the platform has one)."""
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:
        return max(os.cpu_count() or 1, 1)


def default_jobs(files: int, corpus_bytes: int) -> int:
    """The ``--jobs`` of a run that did not set it: every CPU for a long run, else one."""
    if files > PARALLEL_MIN_FILES or corpus_bytes > PARALLEL_MIN_CORPUS_BYTES:
        return cpu_count()
    return 1


@dataclass
class Settings:
    """What a worker needs to lint like the main process: plugins, configurations, reading."""

    no_plugins: bool
    configs: list[Config]
    encoding: str | None = None
    reader: str | None = None
    options: Mapping[str, Any] = field(default_factory=dict)


# --- the worker side --------------------------------------------------------------------------

_WORKER: dict[str, Any] = {}


def _start_worker(settings: Settings) -> None:
    """Pool initializer: load (or, when forked, reuse) the plugins and build a Linter."""
    import signal  # here, not at import: a run in one process never needs it

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the main process handles Ctrl-C
    _WORKER["linter"] = make_linter(settings)
    _WORKER["settings"] = settings


def make_linter(settings: Settings) -> Linter:
    from newslint.engine import Linter
    from newslint.plugins import configure, load_plugins

    pm, registry = load_plugins(autoload=not settings.no_plugins)
    configure(pm, settings.configs[0])
    return Linter(registry, pm)


def _reader(linter: Linter, settings: Settings) -> Reader | None:
    return linter.registry.readers[settings.reader] if settings.reader else None


def _lint_files(chunk: list[tuple[str, int]]) -> list[FileResult]:
    linter: Linter = _WORKER["linter"]
    settings: Settings = _WORKER["settings"]
    return lint_file_chunk(linter, settings, chunk)


def _lint_records(
    chunk: list[tuple[int, bytes]], path: str, config_index: int, reader: str
) -> list[FileResult]:
    linter: Linter = _WORKER["linter"]
    settings: Settings = _WORKER["settings"]
    return lint_record_chunk(linter, settings, chunk, path, config_index, reader)


def lint_file_chunk(
    linter: Linter, settings: Settings, chunk: list[tuple[str, int]]
) -> list[FileResult]:
    reader = _reader(linter, settings)
    return [
        linter.lint_file(path, settings.configs[index], encoding=settings.encoding, reader=reader)
        for path, index in chunk
    ]


def lint_record_chunk(
    linter: Linter,
    settings: Settings,
    chunk: list[tuple[int, bytes]],
    path: str,
    config_index: int,
    reader: str,
) -> list[FileResult]:
    config = settings.configs[config_index]
    options = {**settings.options, "encoding": settings.encoding}
    records = linter.lint_records(chunk, path, config, linter.registry.readers[reader], options)
    return list(records)


# --- the main side ----------------------------------------------------------------------------


class Runner:
    """Lints files and corpora for one run, serially or over ``jobs`` processes.

    The pool is started on first use and shared by every input of the run; :meth:`close`
    stops it. Results always come back in input order.
    """

    def __init__(self, linter: Linter, settings: Settings, jobs: int, progress: Progress) -> None:
        self.linter = linter
        self.settings = settings
        self.jobs = max(jobs, 1)
        self.progress = progress
        self._pool: Executor | None = None

    # -- pool --------------------------------------------------------------------------------

    def _executor(self) -> Executor:
        if self._pool is None:
            import multiprocessing  # only a parallel run pays for these imports
            from concurrent.futures import ProcessPoolExecutor

            methods = multiprocessing.get_all_start_methods()
            context = multiprocessing.get_context("fork" if "fork" in methods else None)
            self._pool = ProcessPoolExecutor(
                self.jobs,
                mp_context=context,
                initializer=_start_worker,
                initargs=(self.settings,),
            )
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def abort(self) -> None:
        """Stop without waiting for queued work (Ctrl-C)."""
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    def _ordered(
        self, submit: Callable[[Any], Future[list[FileResult]]], chunks: Iterable[Any]
    ) -> Iterator[list[FileResult]]:
        """Results of ``submit(chunk)`` in chunk order, with a bounded number in flight."""
        window = self.jobs * WINDOW_PER_JOB
        pending: deque[Future[list[FileResult]]] = deque()
        for chunk in chunks:
            pending.append(submit(chunk))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()

    # -- files -------------------------------------------------------------------------------

    def lint_files(self, files: list[tuple[str, int]], sizes: list[int]) -> Iterator[FileResult]:
        """Lint ``(path, config index)`` pairs; ``sizes`` (bytes, or empty) feed the progress."""
        size_of = dict(zip((p for p, _ in files), sizes, strict=False))
        if self.jobs == 1 or len(files) < 2:
            yield from self.lint_files_here(files, size_of)
            return
        if self._pool is None:
            # Lint the first file here: the rules' lazily built patterns and word lists are
            # then made once, before the workers are forked, instead of once in each.
            yield from self.lint_files_here(files[:1], size_of)
            files = files[1:]
        step = max(1, min(16, len(files) // (self.jobs * 8)))
        chunks = [files[i : i + step] for i in range(0, len(files), step)]
        pool = self._executor()
        for results in self._ordered(lambda chunk: pool.submit(_lint_files, chunk), chunks):
            self.progress.advance(len(results), sum(size_of.get(r.path, 0) for r in results))
            yield from results

    def lint_files_here(
        self, files: list[tuple[str, int]], size_of: dict[str, int]
    ) -> Iterator[FileResult]:
        """Lint files in this process."""
        for path, index in files:
            result = lint_file_chunk(self.linter, self.settings, [(path, index)])[0]
            self.progress.advance(1, size_of.get(path, 0))
            yield result

    # -- corpora -----------------------------------------------------------------------------

    def lint_corpus(
        self, handle: Any, path: str, config_index: int, reader: Reader
    ) -> Iterator[FileResult]:
        """Stream a corpus from the binary ``handle``, one result per record."""
        records = reader.records(handle, path)
        if self.jobs == 1:
            for number, raw in records:
                yield from lint_record_chunk(
                    self.linter, self.settings, [(number, raw)], path, config_index, reader.name
                )
                self.progress.advance(1, len(raw))
            return
        if self._pool is None:
            for number, raw in itertools.islice(records, 1):  # warm up before forking
                yield from lint_record_chunk(
                    self.linter, self.settings, [(number, raw)], path, config_index, reader.name
                )
                self.progress.advance(1, len(raw))
        pool = self._executor()
        sizes: deque[int] = deque()

        def submit(chunk: list[tuple[int, bytes]]) -> Future[list[FileResult]]:
            sizes.append(sum(len(raw) for _, raw in chunk))
            return pool.submit(_lint_records, chunk, path, config_index, reader.name)

        for results in self._ordered(submit, _chunk_records(records)):
            self.progress.advance(len(results), sizes.popleft())
            yield from results


def _chunk_records(records: Iterable[tuple[int, bytes]]) -> Iterator[list[tuple[int, bytes]]]:
    chunk: list[tuple[int, bytes]] = []
    size = 0
    for record in records:
        chunk.append(record)
        size += len(record[1])
        if size >= CORPUS_CHUNK_BYTES:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk
