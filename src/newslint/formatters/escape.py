"""Making untrusted text safe to print.

File names and article text come from outside: a corpus id can hold a newline and a fake
``::error`` workflow command, an article can hold terminal escape sequences, a file name on
disk need not be UTF-8 (Python keeps its bytes as lone surrogates, ``\\udcff``), and a JSON
Lines record can hold a lone surrogate of its own (``"\\ud800"``).

- :func:`printable` is for formats a person or a log reads (text, GitHub): every control
  character, bidirectional override and surrogate is written as a visible escape, so one
  diagnostic is always one line and cannot steer the terminal or the CI runner.
- :func:`valid_unicode` is for JSON and SARIF: only the surrogates, which no UTF-8 encoder
  accepts, are written as visible escapes; everything else is left to the JSON encoder.
"""

from __future__ import annotations

import re

#: C0 and C1 controls and DEL (a tab too: it would break the one-line form), the
#: bidirectional embeddings, overrides and isolates (which can reorder what a reader sees),
#: and surrogates.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    point = ord(char)
    if 0xDC80 <= point <= 0xDCFF:
        # A byte that was not UTF-8, kept by the surrogateescape error handler: show the byte.
        return f"\\x{point - 0xDC00:02x}"
    if point <= 0xFF:
        return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(char, f"\\x{point:02x}")
    return f"\\u{point:04x}"


def printable(text: str) -> str:
    """``text`` with every character that could break a line or steer a terminal escaped."""
    return _UNPRINTABLE.sub(_escape, text) if _UNPRINTABLE.search(text) else text


def valid_unicode(text: str) -> str:
    """``text`` with its surrogates escaped, so that it encodes as UTF-8."""
    return _SURROGATE.sub(_escape, text) if _SURROGATE.search(text) else text


def valid_json(dumped: str) -> str:
    """JSON text (``json.dumps(..., ensure_ascii=False)``) whose strings' surrogates are
    escaped as :func:`valid_unicode` does, so that it encodes as UTF-8 and every strict
    parser reads it. A surrogate can stand only inside a string, where the escape's
    backslash is itself written ``\\\\``."""
    if not _SURROGATE.search(dumped):
        return dumped
    return _SURROGATE.sub(lambda m: _escape(m).replace("\\", "\\\\"), dumped)
