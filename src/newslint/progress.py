"""A one-line progress bar on standard error, for long runs at a terminal.

Shown only when standard error is a terminal and the run is long (many files, or a corpus),
never with ``--quiet`` or when standard error is piped, so logs and CI output stay clean.
It counts bytes, which works the same for a folder of files and for a corpus streamed line by
line, and draws nothing during the first half second, so short runs do not flicker. The line
is erased before the report is printed.
"""

from __future__ import annotations

import time
from typing import TextIO

#: Seconds before the bar first appears; a run that finishes sooner never shows it.
DELAY = 0.5
#: Seconds between redraws.
INTERVAL = 0.1


class Progress:
    """Draws ``[#####.....]  48%  1,093 articles  3.1 MB/s  0:02 left`` and keeps it current.

    :param total_bytes: how much input the run will read (0 when not known).
    :param stream: where to draw; a terminal.
    :param unit: what :meth:`advance` counts (``files``, ``articles``).
    """

    def __init__(self, total_bytes: int, stream: TextIO, *, unit: str = "files") -> None:
        self.total = total_bytes
        self.stream = stream
        self.unit = unit
        self.items = 0
        self.done = 0
        self.started = time.monotonic()
        self._last_draw = 0.0
        self._width = 0

    def advance(self, items: int, nbytes: int) -> None:
        """Record ``items`` more inputs of ``nbytes`` bytes in all, and redraw if it is time."""
        self.items += items
        self.done += nbytes
        now = time.monotonic()
        if now - self.started >= DELAY and now - self._last_draw >= INTERVAL:
            self._last_draw = now
            self._draw(now)

    def render(self, now: float, columns: int) -> str:
        """The bar as text, at most ``columns - 1`` characters."""
        elapsed = max(now - self.started, 1e-9)
        rate = self.done / elapsed
        fraction = min(self.done / self.total, 1.0) if self.total else 0.0
        left = (self.total - self.done) / rate if rate and self.total else None
        tail = f"{self.items:,} {self.unit}  {rate / 1e6:.1f} MB/s"
        if left is not None:
            tail += f"  {int(left) // 60}:{int(left) % 60:02d} left"
        head = f"{fraction:4.0%}  " if self.total else ""
        room = columns - 1 - len(head) - len(tail) - 4
        bar = ""
        if self.total and room >= 10:
            width = min(room, 40)
            filled = round(fraction * width)
            bar = "[" + "#" * filled + "." * (width - filled) + "]  "
        return (bar + head + tail)[: columns - 1]

    def _draw(self, now: float) -> None:
        import shutil  # only to draw: a short run, which draws nothing, skips the import

        columns = shutil.get_terminal_size((80, 24)).columns
        line = self.render(now, columns)
        pad = " " * max(self._width - len(line), 0)
        self._width = len(line)
        try:
            self.stream.write("\r" + line + pad)
            self.stream.flush()
        except (OSError, ValueError):
            self._width = 0

    def close(self) -> None:
        """Erase the bar, leaving the cursor at the start of an empty line."""
        if self._width:
            try:
                self.stream.write("\r" + " " * self._width + "\r")
                self.stream.flush()
            except (OSError, ValueError):
                pass
            self._width = 0


class NoProgress(Progress):
    """The progress bar of a short, piped or quiet run: draws nothing."""

    def __init__(self) -> None:
        super().__init__(0, None, unit="")  # type: ignore[arg-type]

    def advance(self, items: int, nbytes: int) -> None:
        pass

    def close(self) -> None:
        pass


def wanted(stream: TextIO, *, quiet: bool, long_run: bool) -> bool:
    """Whether to draw a bar: a long run, not ``--quiet``, and ``stream`` a terminal."""
    if quiet or not long_run:
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
