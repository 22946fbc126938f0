"""SIGTERM handled like Ctrl-C, so that a CI runner's "stop" ends a run cleanly.

Python's default for SIGTERM is to die on the spot: worker processes are orphaned (one stuck
in a rule keeps spinning) and a fix half-written leaves its temporary file. While the
command runs, SIGTERM instead raises :class:`Terminated`, a ``KeyboardInterrupt``, so the
paths that already handle Ctrl-C (kill the workers, drop the temporary file) handle it too.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class Terminated(KeyboardInterrupt):
    """SIGTERM arrived while newslint was running."""


def _raise_terminated(signum: int, frame: FrameType | None) -> None:
    raise Terminated


@contextmanager
def sigterm_interrupts() -> Iterator[None]:
    """Within the block, SIGTERM raises :class:`Terminated` (main thread only: signal
    handlers can be set nowhere else)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
