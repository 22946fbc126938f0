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

import os
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newslint.config import Config
    from newslint.engine import FileResult, Linter
    from newslint.inputs import ReadPolicy
    from newslint.progress import Progress
    from newslint.readers import Reader
    from newslint.workers import Pool

#: ``--jobs`` defaults to the CPU count when a run has more files than this ...
PARALLEL_MIN_FILES = 8
#: ... or a corpus larger than this many bytes (about 100 news articles).
PARALLEL_MIN_CORPUS_BYTES = 256 * 1024
#: A chunk of a corpus handed to a worker: about this many bytes of records.
CORPUS_CHUNK_BYTES = 64 * 1024
#: Chunks in flight per worker; bounds memory while keeping every worker busy.
WINDOW_PER_JOB = 4
#: What a parallel run lints before forking its workers (see :meth:`Runner._warm_up`).
WARM_UP_SAMPLE = (
    "Council Approves Budget\n\n"
    'The council approved a $4.2 million budget on Tuesday, officials said. "It is a fair '
    'plan," Mayor Ana Ruiz said. Some experts say it could possibly cost 10% more.\n'
)


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
    policy: ReadPolicy | None = None


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
    return Linter(registry, pm, settings.policy)


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
        self._pool: Pool | None = None

    # -- pool --------------------------------------------------------------------------------

    def _workers(self) -> Pool:
        if self._pool is None:
            import multiprocessing  # only a parallel run pays for these imports

            from newslint.workers import Pool

            methods = multiprocessing.get_all_start_methods()
            context = multiprocessing.get_context("fork" if "fork" in methods else None)
            self._pool = Pool(self.jobs, context, _start_worker, (self.settings,))
        return self._pool

    def _warm_up(self, config_index: int) -> None:
        """Before the workers are forked, lint a sample here: the rules' lazily built patterns
        and word lists are then made once, instead of once in each worker. A sample, not the
        first input: an input that crashes a plugin must cost a worker, not this process."""
        if self._pool is None:
            config = self.settings.configs[config_index]
            self.linter.lint_text(WARM_UP_SAMPLE, "warm-up.txt", config)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool = None

    def abort(self) -> None:
        """Stop now (Ctrl-C, SIGTERM): every worker is killed, whatever it is doing."""
        if self._pool is not None:
            self._pool.kill()
            self._pool = None

    # -- files -------------------------------------------------------------------------------

    def lint_files(self, files: list[tuple[str, int]], sizes: list[int]) -> Iterator[FileResult]:
        """Lint ``(path, config index)`` pairs; ``sizes`` (bytes, or empty) feed the progress."""
        size_of = dict(zip((p for p, _ in files), sizes, strict=False))
        if self.jobs == 1 or len(files) < 2:
            yield from self.lint_files_here(files, size_of)
            return
        self._warm_up(files[0][1])
        step = max(1, min(16, len(files) // (self.jobs * 8)))
        chunks = [files[i : i + step] for i in range(0, len(files), step)]
        window = self.jobs * WINDOW_PER_JOB
        for results in self._workers().map(_lint_files, chunks, window=window):
            done = [_found(result) for result in results]
            self.progress.advance(len(done), sum(size_of.get(r.path, 0) for r in done))
            yield from done

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
        self._warm_up(config_index)
        pool = self._workers()
        sizes: deque[int] = deque()

        def chunks() -> Iterator[list[tuple[int, bytes]]]:
            for chunk in _chunk_records(records):
                sizes.append(sum(len(raw) for _, raw in chunk))
                yield chunk

        extra = (path, config_index, reader.name)
        window = self.jobs * WINDOW_PER_JOB
        for results in pool.map(_lint_records, chunks(), extra, window):
            self.progress.advance(len(results), sizes.popleft())
            yield from (_found(result, path) for result in results)


def _found(result: Any, corpus: str | None = None) -> FileResult:
    """A worker's result, or the error for an input whose worker died on it twice."""
    from newslint.engine import FileResult
    from newslint.workers import Lost

    if not isinstance(result, Lost):
        return result
    if corpus is None:
        path, _ = result.item
        where = path
    else:
        number, _ = result.item
        path, where = corpus, f"{corpus}:{number}"
    message = f"{where}: not linted: its worker process {result.how}, also on a retry"
    return FileResult(path, error=message)


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
