"""Where newslint keeps what it can rebuild, and how it writes there without harm.

Two things are cached: NL501's hyphenation tree (:mod:`newslint.syllables`) and compiled
patterns (:mod:`newslint.patterncache`). Both are pure speed: a missing, stale, unreadable
or unwritable cache only means the work is done again.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

#: Set to a folder to keep newslint's caches there; set to an empty string to keep none.
CACHE_ENV = "NEWSLINT_CACHE_DIR"


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
    import zlib

    data = text.encode("utf-8", "surrogatepass")
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}"


def write_atomically(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` so that a reader sees the old file or the whole new one,
    or write nothing; whether it was written."""
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.stem}-", dir=path.parent)
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
    return True
