"""Worker processes that know which work each one holds, so losing one costs only that work.

``concurrent.futures.ProcessPoolExecutor`` breaks as a whole when one worker dies (a plugin
calling ``os._exit``, a crash in an extension): every pending result is lost and it cannot
say which task killed it; and its shutdown waits for a worker stuck in an endless loop.
This pool is small instead: each worker is a process with its own pipe, given one task at a
time, so when one dies the pool knows the task it held. That task is retried once, item by
item, each in a fresh worker; an item whose worker dies again is reported as :class:`Lost`.
:meth:`Pool.kill` ends every worker at once (Ctrl-C, SIGTERM).
"""

from __future__ import annotations

import contextlib
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

#: Seconds :meth:`Pool.close` waits for idle workers to leave before killing them.
CLOSE_WAIT = 2.0


@dataclass(slots=True)
class Lost:
    """An item whose worker died on it twice; ``how`` says how (``killed by SIGSEGV``)."""

    item: Any
    how: str


def _serve(connection: Any, initializer: Callable[..., None], initargs: tuple[Any, ...]) -> None:
    """A worker's life: set up, then run tasks from the pipe until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the main process ends workers this way
    initializer(*initargs)
    while True:
        try:
            task = connection.recv()
        except (EOFError, OSError):
            return  # the main process is gone
        if task is None:
            return
        function, arguments = task
        try:
            connection.send(("done", function(*arguments)))
        except Exception as error:  # the task failed, not the worker: say so and go on
            detail = str(error).splitlines()[0] if str(error) else ""
            connection.send(("failed", f"raised {type(error).__name__}: {detail}".rstrip(": ")))


def _how(exitcode: int | None) -> str:
    if exitcode is None:
        return "stopped"
    if exitcode < 0:
        try:
            return f"was killed by {signal.Signals(-exitcode).name}"
        except ValueError:
            return f"was killed by signal {-exitcode}"
    return f"exited with status {exitcode}"


class _Worker:
    def __init__(self, context: Any, initializer: Callable[..., None], initargs: tuple) -> None:
        here, there = context.Pipe()
        self.connection = here
        self.process = context.Process(
            target=_serve, args=(there, initializer, initargs), daemon=True
        )
        self.process.start()
        there.close()
        self.task: tuple[int, int | None] | None = None  # (chunk, item or None for all of it)


class Pool:
    """``jobs`` worker processes running ``function(chunk, *extra)`` over lists of items."""

    def __init__(
        self, jobs: int, context: Any, initializer: Callable[..., None], initargs: tuple
    ) -> None:
        self.jobs = jobs
        self.context = context
        self.initializer = initializer
        self.initargs = initargs
        self.workers: list[_Worker] = []

    def _spawn(self) -> _Worker:
        worker = _Worker(self.context, self.initializer, self.initargs)
        self.workers.append(worker)
        return worker

    def map(
        self,
        function: Callable[..., list[Any]],
        chunks: Iterable[Sequence[Any]],
        extra: tuple[Any, ...] = (),
        window: int = 4,
    ) -> Iterator[list[Any]]:
        """``function(chunk, *extra)`` for each chunk, yielded in chunk order.

        At most ``window`` chunks are taken from ``chunks`` ahead of the one yielded next. A
        chunk whose worker died is run again one item at a time, each in a fresh worker; the
        result of an item lost twice is a :class:`Lost` in its place.
        """
        from multiprocessing.connection import wait

        source = iter(chunks)
        held: dict[int, Sequence[Any]] = {}  # chunk number -> its items, until yielded
        results: dict[int, list[Any]] = {}  # chunk number -> results so far
        retrying: dict[int, list[Any]] = {}  # chunk number -> per-item results, in retry
        queue: deque[tuple[int, int | None]] = deque()
        taken = 0
        exhausted = False
        following = 0  # the chunk to yield next
        while True:
            while not exhausted and taken - following < window:
                try:
                    chunk = next(source)
                except StopIteration:
                    exhausted = True
                    break
                held[taken] = chunk
                queue.append((taken, None))
                taken += 1
            if following in results:
                yield results.pop(following)
                del held[following]
                following += 1
                continue
            if exhausted and following == taken:
                return
            idle = [w for w in self.workers if w.task is None]
            while queue and (idle or len(self.workers) < self.jobs):
                worker = idle.pop() if idle else self._spawn()
                number, item = task = queue.popleft()
                items = held[number] if item is None else [held[number][item]]
                worker.task = task
                with contextlib.suppress(OSError):  # if it died already, its sentinel says so
                    worker.connection.send((function, (items, *extra)))
            busy = [w for w in self.workers if w.task is not None]
            ready = set(wait([w.connection for w in busy] + [w.process.sentinel for w in busy]))
            for worker in busy:
                if worker.task is None:
                    continue
                number, item = worker.task
                if worker.connection in ready:
                    try:
                        status, answer = worker.connection.recv()
                    except (EOFError, OSError):
                        pass  # it died while answering
                    else:
                        worker.task = None
                        if status == "done":
                            self._done(number, item, answer, held, results, retrying)
                        else:
                            self._lost(number, item, answer, held, results, retrying, queue)
                        continue
                elif worker.process.sentinel not in ready:
                    continue
                # The worker died holding this task.
                worker.process.join()
                worker.connection.close()
                self.workers.remove(worker)
                how = _how(worker.process.exitcode)
                self._lost(number, item, how, held, results, retrying, queue)

    @classmethod
    def _lost(
        cls,
        number: int,
        item: int | None,
        how: str,
        held: dict[int, Sequence[Any]],
        results: dict[int, list[Any]],
        retrying: dict[int, list[Any]],
        queue: deque[tuple[int, int | None]],
    ) -> None:
        """A task failed: a whole chunk is retried item by item; an item is given up."""
        if item is None:
            retrying[number] = [None] * len(held[number])
            queue.extendleft((number, i) for i in reversed(range(len(held[number]))))
        else:
            cls._done(number, item, [Lost(held[number][item], how)], held, results, retrying)

    @staticmethod
    def _done(
        number: int,
        item: int | None,
        answer: list[Any],
        held: dict[int, Sequence[Any]],
        results: dict[int, list[Any]],
        retrying: dict[int, list[Any]],
    ) -> None:
        if item is None:
            results[number] = answer
            return
        parts = retrying[number]
        parts[item] = answer
        if all(part is not None for part in parts):
            del retrying[number]
            results[number] = [result for part in parts for result in part]

    def close(self) -> None:
        """Let idle workers leave; kill any that do not within :data:`CLOSE_WAIT` seconds."""
        for worker in self.workers:
            with contextlib.suppress(OSError):
                worker.connection.send(None)
        for worker in self.workers:
            worker.process.join(CLOSE_WAIT)
        self.kill()

    def kill(self) -> None:
        """End every worker now, whatever it is doing, and wait for each to be gone."""
        for worker in self.workers:
            if worker.process.is_alive():
                with contextlib.suppress(OSError):
                    worker.process.kill()
        for worker in self.workers:
            worker.process.join()
            worker.connection.close()
        self.workers = []
