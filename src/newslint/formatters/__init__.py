"""Formatters: diagnostics to text, JSON, SARIF or GitHub annotations.

A formatter sees only diagnostics (and, for formats that describe rules, the rules' metadata);
it never reaches back into documents. Formatters register through the
``newslint_register_formatters`` hook; their ``name`` is the ``--format`` value.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from newslint.diagnostics import Diagnostic

if TYPE_CHECKING:
    from newslint.rule import Rule


class Formatter:
    """An output format. Subclasses set ``name`` and implement :meth:`format`."""

    name: str = ""
    description: str = ""
    #: Whether the output for a run is the outputs for its parts, joined in order:
    #: ``format(a + b) == format(a) + format(b)`` (a line per diagnostic, no header or
    #: footer). A corpus run then writes each article's diagnostics as soon as the article
    #: is linted and keeps none of them, so its memory stays flat however long the corpus.
    streams: bool = False

    def format(self, diagnostics: Sequence[Diagnostic], rules: Mapping[str, Rule]) -> str:
        """Render every diagnostic of a run as one string (the whole output)."""
        raise NotImplementedError
