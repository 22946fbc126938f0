"""One article in, its findings out: the unit every pipeline engine calls.

A pipeline engine (datatrove, Dask, Ray, Spark) builds one :class:`ArticleLinter` on the
driver and sends it to its workers. What travels is the configuration alone: the plugins, rules
and compiled patterns are loaded inside the worker on its first article and reused for every
article after it, so a worker pays the start-up cost once, not per article or per batch.

Offsets in the findings are 0-based character offsets into the very string passed in (its
carriage returns and byte-order mark included), so a caller can slice its own text with them;
lines and columns are 1-based, counted as the command line counts them.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from newslint.config import Config
from newslint.diagnostics import Diagnostic

if TYPE_CHECKING:
    from newslint import Document
    from newslint.engine import Linter
    from newslint.pipelines.furniture import LineCounts

#: The name findings carry when the caller gives no id.
DEFAULT_ID = "<article>"


@dataclass(slots=True)
class Cleaned:
    """An article after its fixes: the new text, how many findings were fixed, and the
    findings that remain (offsets into the new text)."""

    text: str
    fixed: int
    diagnostics: list[Diagnostic]

    @property
    def changed(self) -> bool:
        return self.fixed > 0


class ArticleLinter:
    """Lints articles held in memory, one call per article, with one configuration.

    :param config: a :class:`~newslint.Config`; default: the built-in defaults.
    :param select: rule codes or prefixes to run instead of the config's selection.
    :param ignore: rule codes or prefixes to skip, besides the config's.
    :param plugins: load third-party plugins from entry points (in each worker).
    :param furniture: lines learned across a corpus
        (:func:`newslint.pipelines.furniture.learn`), which rule NL110 reads.

    Sent to a worker, it carries ``config``, ``plugins`` and ``furniture``; the rules are
    loaded again in the worker, on first use.
    """

    def __init__(
        self,
        config: Config | None = None,
        *,
        select: Iterable[str] | None = None,
        ignore: Iterable[str] = (),
        plugins: bool = True,
        furniture: LineCounts | None = None,
    ) -> None:
        config = config or Config()
        changes: dict[str, Any] = {}
        if isinstance(select, str):
            select = (select,)
        if isinstance(ignore, str):
            ignore = (ignore,)
        if select is not None:
            changes["select"] = tuple(code.upper() for code in select)
        if ignore:
            changes["ignore"] = (*config.ignore, *(code.upper() for code in ignore))
        self.config = config.merged(**changes) if changes else config
        self.plugins = plugins
        self.furniture = furniture
        self._linter: Linter | None = None

    def __getstate__(self) -> dict[str, Any]:
        return {"config": self.config, "plugins": self.plugins, "furniture": self.furniture}

    def __setstate__(self, state: Mapping[str, Any]) -> None:
        self.config = state["config"]
        self.plugins = state["plugins"]
        self.furniture = state["furniture"]
        self._linter = None

    def __repr__(self) -> str:
        return f"ArticleLinter(config={self.config!r}, plugins={self.plugins!r})"

    def with_furniture(self, furniture: LineCounts | None) -> ArticleLinter:
        """A copy of this linter that reads ``furniture`` (lines learned across a corpus)."""
        copy = ArticleLinter(self.config, plugins=self.plugins, furniture=furniture)
        copy._linter = self._linter
        return copy

    @property
    def linter(self) -> Linter:
        """The engine, loaded on first use in this process (plugins, rules, packs).

        Raises :class:`~newslint.ConfigError` when the configuration names an unknown rule.
        """
        if self._linter is None:
            from newslint.engine import Linter

            self._linter = Linter.configured(self.config, plugins=self.plugins)
        return self._linter

    def codes(self) -> list[str]:
        """The codes of the rules this linter runs, in rule order."""
        return [rule.code for rule in self.linter.rules_for(self.config, DEFAULT_ID)]

    # --- one article ---------------------------------------------------------------------------

    def lint(
        self,
        text: str,
        *,
        id: str | None = None,
        title: str | None = None,
        meta: Mapping[str, Any] | None = None,
    ) -> list[Diagnostic]:
        """Lint one article and return its findings, sorted by position.

        :param text: the article's text (plain text: paragraphs separated by blank lines).
        :param id: the name its findings carry (``Diagnostic.path``); default ``<article>``.
        :param title: the headline, for rules that read it (``doc.metadata["title"]``);
            it is not part of ``text`` and no finding points into it.
        :param meta: the record's other fields (``doc.metadata["meta"]``); NL110 reads the
            source from ``source``, ``domain`` or the host of ``url``.
        """
        view = _Normalised(text)
        doc = self._document(view.text, id, title, meta)
        diagnostics = self.linter.lint_document(doc, self.config)
        return view.rebase(diagnostics)

    def clean(
        self,
        text: str,
        *,
        id: str | None = None,
        title: str | None = None,
        meta: Mapping[str, Any] | None = None,
        unsafe: bool = False,
    ) -> Cleaned:
        """Apply the article's fixes (page furniture removed), pass after pass as
        ``newslint --fix`` does; ``unsafe`` also applies fixes that delete several lines.

        The text keeps its own line endings; the remaining findings' offsets are into the
        cleaned text.
        """
        from newslint.fixes import MAX_PASSES, apply_fixes

        lead = "\ufeff" if text.startswith("\ufeff") else ""  # fixes count columns without it
        current = text[len(lead) :]
        fixed = 0
        for _ in range(MAX_PASSES):
            found = self.lint(current, id=id, title=title, meta=meta)
            applied = apply_fixes(current, found, unsafe=unsafe)
            if not applied.fixed:
                break
            fixed += len(applied.fixed)
            current = applied.text
        else:
            found = self.lint(current, id=id, title=title, meta=meta)
        if lead:
            found = [
                dataclasses.replace(d, offset=d.offset + 1, end_offset=d.end_offset + 1)
                for d in found
            ]
        return Cleaned(lead + current, fixed, found)

    def attributes(
        self,
        text: str,
        *,
        id: str | None = None,
        title: str | None = None,
        meta: Mapping[str, Any] | None = None,
    ) -> dict[str, Any]:
        """The article's findings as one dolma attributes row (see
        :func:`newslint.pipelines.attributes.attributes_row`)."""
        from newslint.pipelines.attributes import attributes_row

        return attributes_row(id, self.lint(text, id=id, title=title, meta=meta))

    def _document(
        self, text: str, id: str | None, title: str | None, meta: Mapping[str, Any] | None
    ) -> Document:
        from newslint.readers import build_document

        doc = build_document(text, DEFAULT_ID if id is None else str(id))
        if title is not None:
            doc.metadata["title"] = title
        if meta is not None:
            doc.metadata["meta"] = meta
        if self.furniture is not None:
            from newslint.pipelines.furniture import source_of

            doc.metadata["corpus_lines"] = self.furniture.for_source(source_of(meta or {}))
        return doc


class _Normalised:
    """An article's text as the engine reads it (``\\n`` newlines, no byte-order mark), and
    the way back from its offsets to the caller's."""

    __slots__ = ("dropped", "lead", "text")

    def __init__(self, text: str) -> None:
        self.lead = 1 if text.startswith("\ufeff") else 0
        body = text[self.lead :]
        #: Offsets in the normalised text just after which one character (the "\r" of a
        #: "\r\n") was dropped.
        self.dropped: list[int] = []
        if "\r" in body:
            pieces = body.split("\r\n")
            at = 0
            for piece in pieces[:-1]:
                at += len(piece)
                self.dropped.append(at)
                at += 1
            body = "\n".join(pieces).replace("\r", "\n")
        self.text = body

    def offset(self, at: int) -> int:
        return at + self.lead + bisect.bisect_right(self.dropped, at - 1)

    def rebase(self, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
        if not self.lead and not self.dropped:
            return diagnostics
        return [
            dataclasses.replace(
                d, offset=self.offset(d.offset), end_offset=self.offset(d.end_offset)
            )
            for d in diagnostics
        ]
