"""Reading inputs within limits: a size cap, and devices and pipes only when asked.

A commit hook or a CI job lints whatever the tree holds. ``/dev/zero`` named by mistake, a
``.txt`` link to it, a FIFO nobody writes to, or a line of JSON that never ends would make a
plain ``read()`` grow without bound or block for ever. So every input is read through here:

* A file, standard input, and each record of a corpus may hold at most ``max_bytes``
  (:data:`DEFAULT_MAX_BYTES`, ``--max-size`` raises it); past that the input is a one-line
  error and nothing more of it is read.
* Only regular files are read, unless ``special`` (``--read-devices``) says that devices,
  FIFOs and sockets may be too. The file is opened without blocking and checked with
  ``fstat`` on the open descriptor, so a FIFO swapped in after a folder was listed is
  refused, not waited on.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

#: The most bytes one file, standard input, corpus record or rule pack may hold.
DEFAULT_MAX_BYTES = 100_000_000
_CHUNK = 1 << 20


class ReadError(Exception):
    """An input was not read; ``str(error)`` is one line naming it and the reason."""


@dataclass(frozen=True, slots=True)
class ReadPolicy:
    """How much of an input may be read, and whether devices and pipes may be."""

    max_bytes: int = DEFAULT_MAX_BYTES
    special: bool = False


def describe_size(count: int) -> str:
    """``100 MB``, ``512 kB`` or ``10 bytes``: a limit as people write it."""
    for unit, size in (("GB", 10**9), ("MB", 10**6), ("kB", 10**3)):
        if count >= size and count % size == 0:
            return f"{count // size} {unit}"
    return f"{count} bytes"


def parse_size(text: str) -> int:
    """``100M``, ``2G``, ``512k`` or a plain number of bytes (decimal units)."""
    units = {"k": 10**3, "m": 10**6, "g": 10**9}
    value = text.strip().lower().removesuffix("b")
    factor = units.get(value[-1:], 1)
    if factor != 1:
        value = value[:-1]
    number = int(value)  # ValueError for anything else; the caller words the message
    if number < 1:
        raise ValueError(text)
    return number * factor


def kind_of(mode: int) -> str:
    """What a non-regular file is, in words for an error message."""
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a directory"
    return "not a regular file"


def too_large(name: str, policy: ReadPolicy) -> ReadError:
    return ReadError(
        f"{name}: larger than the {describe_size(policy.max_bytes)} limit (--max-size raises it)"
    )


def special_refused(name: str, mode: int) -> ReadError:
    return ReadError(f"{name}: not read: {kind_of(mode)} (--read-devices reads it)")


def open_input(path: str, policy: ReadPolicy) -> BinaryIO:
    """Open ``path`` for reading after checking what it is; raises :class:`ReadError`.

    The descriptor is opened with ``O_NONBLOCK`` so that opening a FIFO never waits for a
    writer; it is made blocking again only for a file that may be read.
    """
    nonblocking = getattr(os, "O_NONBLOCK", 0)  # not on Windows, which has no FIFOs to fear
    flags = os.O_RDONLY | nonblocking | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags)
    except FileNotFoundError:
        raise ReadError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ReadError(f"{path}: is a directory") from None
    except PermissionError:
        raise ReadError(f"{path}: permission denied") from None
    except OSError as error:
        raise ReadError(f"{path}: cannot read: {error.strerror or error}") from None
    try:
        mode = os.fstat(descriptor).st_mode
        if stat.S_ISDIR(mode):
            raise ReadError(f"{path}: is a directory")
        if not stat.S_ISREG(mode) and not policy.special:
            raise special_refused(path, mode)
        if nonblocking:
            os.set_blocking(descriptor, True)
    except BaseException:
        os.close(descriptor)
        raise
    return os.fdopen(descriptor, "rb")


def read_file(path: str, policy: ReadPolicy) -> bytes:
    """The bytes of one input file, within ``policy``; raises :class:`ReadError`."""
    with open_input(path, policy) as handle:
        info = os.fstat(handle.fileno())
        if stat.S_ISREG(info.st_mode) and info.st_size > policy.max_bytes:
            raise too_large(path, policy)
        try:
            return read_stream(handle, path, policy)
        except OSError as error:
            raise ReadError(f"{path}: cannot read: {error.strerror or error}") from None


def read_stream(handle: BinaryIO, name: str, policy: ReadPolicy) -> bytes:
    """Everything ``handle`` holds (standard input, say), but at most ``policy.max_bytes``."""
    chunks: list[bytes] = []
    total = 0
    while total <= policy.max_bytes:
        chunk = handle.read(min(_CHUNK, policy.max_bytes + 1 - total))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
    raise too_large(name, policy)


class BoundedLines:
    """A binary handle whose lines (and ``read``) stop at ``policy.max_bytes``.

    A corpus reader iterates over its handle line by line; a line that never ends (a corpus
    that is really ``/dev/zero``, or a broken dump) would otherwise be read whole. A line
    longer than the limit raises :class:`ReadError` naming the line, and the corpus ends there.
    """

    def __init__(self, handle: BinaryIO, name: str, policy: ReadPolicy) -> None:
        self.handle = handle
        self.name = name
        self.policy = policy
        self.line = 0

    def readline(self, size: int = -1) -> bytes:
        limit = self.policy.max_bytes
        raw = self.handle.readline(limit + 1 if size < 0 else min(size, limit + 1))
        self.line += 1
        if len(raw) > limit:
            raise ReadError(
                f"{self.name}:{self.line}: a record larger than the "
                f"{describe_size(limit)} limit; the rest is not read (--max-size raises it)"
            )
        return raw

    def __iter__(self) -> Iterator[bytes]:
        while raw := self.readline():
            yield raw

    def read(self, size: int = -1) -> bytes:
        if size is not None and size >= 0:
            return self.handle.read(size)
        return read_stream(self.handle, self.name, self.policy)

    def __getattr__(self, name: str) -> object:
        return getattr(self.handle, name)


def output_is_input(output: str, inputs: list[str]) -> str | None:
    """The input that ``output`` (a report's file) is, if it is one: writing the report
    there would replace an article by its report."""
    if not os.path.exists(output):
        return None
    for path in inputs:
        try:
            if os.path.samefile(path, output):
                return path
        except OSError:
            continue
    return None
