"""Findings as span attributes, in the shape dolma's taggers write and its mixer reads.

One row per article, in corpus order::

    {"id": "a17",
     "attributes": {"newslint__NL101__page-widget-text": [[120, 161, 1.0]]},
     "counts": {"NL101": 1}}

An attribute name is ``newslint__<CODE>__<rule name>`` (dolma's
``<experiment>__<tagger>__<attribute>``); each span is ``[start, end, score]`` in 0-based
character offsets into the article's text field, end exclusive. The score is 1.0: a rule
either fires or does not, and dolma's mixer filters on the spans' presence or count.
``counts`` gives the number of findings per code, so a filter need not count spans. An article
with no findings has a row with empty ``attributes`` and ``counts``; a record that could not be
read has a row with ``error`` (one line) instead, so the file stays aligned with the corpus.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from newslint.diagnostics import Diagnostic

PREFIX = "newslint"
#: The score of every span (see the module docstring).
SCORE = 1.0


def attribute_name(code: str, name: str) -> str:
    """``newslint__NL101__page-widget-text``."""
    return f"{PREFIX}__{code}__{name}"


def attributes_row(article_id: str | None, diagnostics: Iterable[Diagnostic]) -> dict[str, Any]:
    """One article's row: its id, spans grouped by rule, and counts per code."""
    attributes: dict[str, list[list[float | int]]] = {}
    counts: dict[str, int] = {}
    for diagnostic in sorted(diagnostics, key=lambda d: (d.offset, d.end_offset, d.code)):
        key = attribute_name(diagnostic.code, diagnostic.name)
        attributes.setdefault(key, []).append([diagnostic.offset, diagnostic.end_offset, SCORE])
        counts[diagnostic.code] = counts.get(diagnostic.code, 0) + 1
    return {"id": article_id, "attributes": attributes, "counts": dict(sorted(counts.items()))}


def error_row(article_id: str | None, error: str) -> dict[str, Any]:
    """The row of a record that could not be read: its id if known, and the one-line error."""
    return {"id": article_id, "attributes": {}, "counts": {}, "error": error}


def drop_reason(
    counts: Mapping[str, int],
    drop: Mapping[str, int] | Iterable[str] = (),
    max_findings: int | None = None,
) -> str | None:
    """Why an article with these ``counts`` (a row's ``counts``) is dropped, or None to keep it.

    :param drop: codes or prefixes, each with the number of findings that drops an article
        (``{"NL101": 1, "NL6": 3}``); a plain list of codes means one finding each.
    :param max_findings: drop an article with more findings than this in all.
    :returns: the first code or prefix of ``drop`` whose findings reach their number, else
        ``"newslint_max_findings"`` when there are too many findings, else None.
    """
    limits = drop.items() if isinstance(drop, Mapping) else ((code, 1) for code in drop)
    for pattern, limit in limits:
        prefix = pattern.upper()
        if sum(n for code, n in counts.items() if code.startswith(prefix)) >= limit:
            return prefix
    if max_findings is not None and sum(counts.values()) > max_findings:
        return "newslint_max_findings"
    return None
