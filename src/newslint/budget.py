"""A time budget for each rule on each document, so a runaway rule cannot hang a run.

A plugin rule stuck in an endless loop would otherwise hang a commit hook for ever. Each
rule may spend ``rule-timeout`` seconds on a document for every started megabyte of it
(``newslint.config.DEFAULT_RULE_TIMEOUT``: 10 s for an article of a megabyte or less); past
that it is stopped with :class:`RuleTimeout`, which the engine reports as an ``NL002``
for that file.

The clock is a ``SIGALRM`` timer armed once per document, not once per rule (a corpus of a
million articles would pay for millions of system calls): when it rings, it stops the rule
that is running if that rule has used up its budget, and otherwise sets itself again for what
that rule has left. Signals reach only the main thread, and only where the platform has
``setitimer``; elsewhere (a rule run from a server's worker thread, or on Windows) there is no
budget and a rule runs as long as it runs.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

_MEGABYTE = 1_000_000


class RuleTimeout(BaseException):
    """A rule ran past its budget. A ``BaseException``, so that a rule's own
    ``except Exception`` cannot swallow it and keep looping."""


def budget_for(timeout: float, characters: int) -> float:
    """The seconds a rule may spend on a text of ``characters``."""
    return timeout * max(1, -(-characters // _MEGABYTE))


class RuleClock:
    """Times the rules run over one document; use :meth:`running` around each rule."""

    def __init__(self, budget: float) -> None:
        self.budget = budget
        self.started = 0.0
        self.active = False

    def _ring(self, signum: int, frame: FrameType | None) -> None:
        if not self.active:
            return
        left = self.budget - (time.monotonic() - self.started)
        if left <= 0.001:
            self.active = False
            raise RuleTimeout(f"ran past its time budget of {self.budget:g} s for this document")
        signal.setitimer(signal.ITIMER_REAL, left)

    @contextmanager
    def running(self) -> Iterator[None]:
        """The block is one rule's run: its budget starts now."""
        self.started = time.monotonic()
        if not self.active:  # the timer rang for the previous rule: set it again
            self.active = True
            signal.setitimer(signal.ITIMER_REAL, self.budget)
        yield


@contextmanager
def document_clock(timeout: float | None, characters: int) -> Iterator[RuleClock | None]:
    """A clock for the rules of one document, or ``None`` when there can be no budget."""
    if (
        not timeout
        or not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield None
        return
    clock = RuleClock(budget_for(timeout, characters))
    previous = signal.signal(signal.SIGALRM, clock._ring)
    try:
        yield clock
    finally:
        clock.active = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
