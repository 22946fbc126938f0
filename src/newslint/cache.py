"""Where newslint keeps what it can rebuild, and how it writes there without harm.

Three things are cached: NL501's hyphenation tree (:mod:`newslint.analysis.syllables`), compiled
patterns (:mod:`newslint.patterncache`) and a ``marshal`` copy of the shipped packs'
prepared data (:func:`newslint.packs._prepared`). All are pure speed: a missing, stale,
damaged, unreadable or unwritable cache only means the work is done again.

Each environment (and each pyphen installation) keeps files of its own, so environments that
are gone would leave theirs for ever: every write removes the folder's cache files that no
run has read or written for :data:`MAX_AGE` seconds, and reading a file older than a day
marks it as used.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import time
import zlib
from pathlib import Path
from typing import Any

#: Set to a folder to keep newslint's caches there; set to an empty string to keep none.
CACHE_ENV = "NEWSLINT_CACHE_DIR"
#: A cache file neither read nor written for this long (30 days) is removed at the next write.
MAX_AGE = 30 * 24 * 3600
#: A file read is marked as used (its modification time set to now) when older than this.
_TOUCH_AFTER = 24 * 3600
#: What newslint writes in the folder: ``NAME.marshal`` files and, while writing one, a
#: temporary ``.NAME.marshal-XXXXXXXX`` beside it (left behind only by a crash).
_SUFFIX = ".marshal"


def cache_dir() -> Path | None:
    """Where newslint keeps its caches, or None for nowhere.

    ``$NEWSLINT_CACHE_DIR`` if set (empty: no cache), else ``$XDG_CACHE_HOME/newslint``,
    else ``~/.cache/newslint``.
    """
    chosen = os.environ.get(CACHE_ENV)
    if chosen is not None:
        return Path(chosen) if chosen else None
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # the XDG spec says to ignore relative paths
        base = os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "newslint"


def short_digest(text: str) -> str:
    """Sixteen hex digits naming ``text``, for a cache file name.

    zlib's checksums, not hashlib, whose OpenSSL binding costs a single-file run ~5 ms. A
    clash is no risk: every cache file also stores the full key it was built for.
    """
    data = text.encode("utf-8", "surrogatepass")
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}"


def write_atomically(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` so that a reader sees the old file or the whole new one,
    or write nothing; whether it was written."""
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    except OSError:
        return False
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except (OSError, ValueError):
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        return False
    prune(path.parent)
    return True


def prune(folder: Path, max_age: float = MAX_AGE) -> list[Path]:
    """Remove the cache files in ``folder`` unused for ``max_age`` seconds (those of gone
    environments, and temporary files a crash left); the paths removed. Other files are
    never touched, and a file that cannot be removed is left."""
    removed: list[Path] = []
    oldest = time.time() - max_age
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not _written_here(entry.name):
            continue
        try:
            if entry.is_file(follow_symlinks=False) and entry.stat().st_mtime < oldest:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def _written_here(name: str) -> bool:
    """Whether ``name`` is one newslint gives its cache files, ``KIND-DIGEST.marshal``
    (sixteen hex digits, see :func:`short_digest`), or their temporary
    ``.KIND-DIGEST.marshal-XXXXXXXX``: a folder set in ``$NEWSLINT_CACHE_DIR`` may hold
    other files, even other ``.marshal`` files, which are never removed."""
    if name.startswith("."):
        name, _, random = name[1:].rpartition("-")
        if not random:
            return False
    if not name.endswith(_SUFFIX):
        return False
    kind, _, digest = name[: -len(_SUFFIX)].rpartition("-")
    return bool(kind) and len(digest) == 16 and all(c in "0123456789abcdef" for c in digest)


def read_stored(path: Path, key: Any) -> Any | None:
    """The data :func:`write_stored` kept in ``path`` under ``key``, or None if the file is
    missing, damaged (its checksum does not match) or was written under another key. A file
    last written more than a day ago has its modification time set to now: it is in use,
    and :func:`prune` goes by that time."""
    try:
        with open(path, "rb") as file:
            data = file.read()
            if time.time() - os.fstat(file.fileno()).st_mtime > _TOUCH_AFTER:
                with contextlib.suppress(OSError):
                    os.utime(path)  # in use: not for :func:`prune` to remove
    except OSError:
        return None
    if len(data) < 4 or zlib.crc32(data[4:]) != int.from_bytes(data[:4], "little"):
        return None
    try:
        stored = marshal.loads(data[4:])
    except (EOFError, ValueError, TypeError):
        return None
    if not isinstance(stored, tuple) or len(stored) != 2 or stored[0] != key:
        return None
    return stored[1]


def write_stored(path: Path, key: Any, data: Any) -> bool:
    """Keep ``data`` in ``path`` under ``key`` (``marshal``, behind a checksum, written
    atomically); whether it was written."""
    try:
        payload = marshal.dumps((key, data))
    except ValueError:  # something marshal cannot write: keep the old file
        return False
    return write_atomically(path, zlib.crc32(payload).to_bytes(4, "little") + payload)


#: Bumped whenever the layout of :func:`write_copy`'s files changes.
_COPY_FORMAT = 1


def read_copy(kind: str, source: Path) -> Any | None:
    """The data stored by :func:`write_copy` for the file ``source`` as it is now (same
    path, size and modification time), or None."""
    folder = cache_dir()
    key = _source_key(source)
    if folder is None or key is None:
        return None
    return read_stored(_copy_file(folder, kind, source), key)


def write_copy(kind: str, source: Path, data: Any) -> bool:
    """Keep ``data``, read or derived from the file ``source``, for :func:`read_copy`:
    a ``marshal`` copy reads back faster than the file parses. Whether it was written."""
    folder = cache_dir()
    key = _source_key(source)
    if folder is None or key is None:
        return False
    return write_stored(_copy_file(folder, kind, source), key, data)


def _source_key(source: Path) -> tuple[Any, ...] | None:
    """What a copy of ``source`` is valid for: its path, size and modification time."""
    try:
        stat = source.stat()
    except OSError:
        return None
    return (_COPY_FORMAT, str(source), stat.st_size, stat.st_mtime_ns)


def _copy_file(folder: Path, kind: str, source: Path) -> Path:
    return folder / f"{kind}-{short_digest(str(source))}.marshal"
