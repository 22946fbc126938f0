"""newslint as datatrove pipeline steps (``pip install 'newslint[datatrove]'``).

Three steps, each holding one :class:`~newslint.ArticleLinter` that datatrove sends to its
tasks (the configuration travels; the rules load once per task):

- :class:`NewslintAnnotator` adds each document's findings to ``doc.metadata`` (the same
  ``attributes`` and ``counts`` as ``--format attributes``) and counts them per rule in the
  step's stats;
- :class:`NewslintFilter` drops documents with too many findings of some codes, recording the
  reason as datatrove does (``dropped_NL101`` in the stats, ``filter_reason`` on documents
  sent to an exclusion writer);
- :class:`NewslintCleaner` applies the safe fixes (page furniture removed) to ``doc.text``.

The filter reads the annotator's counts when it runs after it, and lints the document itself
otherwise, so a pipeline never lints a document twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

try:
    from datatrove.data import Document, DocumentsPipeline
    from datatrove.pipeline.base import PipelineStep
    from datatrove.pipeline.filters.base_filter import BaseFilter
    from datatrove.pipeline.writers.disk_base import DiskWriter
except ImportError as error:  # pragma: no cover - depends on the environment
    raise ImportError(
        "newslint.pipelines.datatrove needs datatrove: pip install 'newslint[datatrove]'"
    ) from error

from newslint.pipelines.article import ArticleLinter
from newslint.pipelines.attributes import drop_reason

#: Where the annotator puts its findings in ``doc.metadata``.
METADATA_KEY = "newslint"


def _linter(linter: ArticleLinter | None) -> ArticleLinter:
    return linter if linter is not None else ArticleLinter()


class NewslintAnnotator(PipelineStep):
    """Adds ``{"attributes": …, "counts": …}`` to ``doc.metadata["newslint"]``.

    :param linter: the :class:`~newslint.ArticleLinter` to run (default: built-in rules).
    :param metadata_key: where the findings go in ``doc.metadata``.

    Stats: ``flagged`` (documents with a finding) and one ``NL…`` count per rule.
    """

    name = "📰 newslint"
    type = "🏷 - ANNOTATOR"

    def __init__(
        self, linter: ArticleLinter | None = None, *, metadata_key: str = METADATA_KEY
    ) -> None:
        super().__init__()
        self.linter = _linter(linter)
        self.metadata_key = metadata_key

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        for doc in data:
            with self.track_time():
                row = self.linter.attributes(doc.text, id=doc.id, meta=doc.metadata)
            doc.metadata[self.metadata_key] = {
                "attributes": row["attributes"],
                "counts": row["counts"],
            }
            self.stat_update("documents")
            if row["counts"]:
                self.stat_update("flagged")
            for code, count in row["counts"].items():
                self.stat_update(code, value=count)
            yield doc


class NewslintFilter(BaseFilter):
    """Drops documents by their newslint findings.

    :param linter: the :class:`~newslint.ArticleLinter` to run when a document was not
        annotated already.
    :param drop: codes or prefixes that drop a document, each with the number of findings
        that does (``{"NL101": 3, "NL6": 5}``); a plain list means one finding each.
    :param max_findings: drop a document with more findings than this in all.
    :param exclusion_writer: where dropped documents go, with ``filter_reason`` set.
    :param metadata_key: where an earlier :class:`NewslintAnnotator` put its findings.

    A dropped document's reason is the code or prefix that dropped it (``NL101``, counted as
    ``dropped_NL101``), or ``newslint_max_findings``.
    """

    name = "📰 newslint filter"

    def __init__(
        self,
        linter: ArticleLinter | None = None,
        *,
        drop: Mapping[str, int] | Iterable[str] = ("NL101",),
        max_findings: int | None = None,
        exclusion_writer: DiskWriter | None = None,
        metadata_key: str = METADATA_KEY,
    ) -> None:
        super().__init__(exclusion_writer)
        self.linter = _linter(linter)
        items = drop.items() if isinstance(drop, Mapping) else ((code, 1) for code in drop)
        self.drop = {code.upper(): int(limit) for code, limit in items}
        self.max_findings = max_findings
        self.metadata_key = metadata_key

    def counts(self, doc: Document) -> Mapping[str, int]:
        annotated = doc.metadata.get(self.metadata_key)
        if isinstance(annotated, Mapping) and "counts" in annotated:
            return annotated["counts"]
        found = self.linter.lint(doc.text, id=doc.id, meta=doc.metadata)
        counts: dict[str, int] = {}
        for diagnostic in found:
            counts[diagnostic.code] = counts.get(diagnostic.code, 0) + 1
        return counts

    def filter(self, doc: Document) -> bool | tuple[bool, str]:
        reason = drop_reason(self.counts(doc), self.drop, self.max_findings)
        return True if reason is None else (False, reason)


class NewslintCleaner(PipelineStep):
    """Applies newslint's safe fixes to ``doc.text`` (page furniture removed).

    :param linter: the :class:`~newslint.ArticleLinter` to run.
    :param unsafe: also apply fixes that delete several lines or whole paragraphs.

    Stats: ``cleaned`` (documents changed) and ``fixes`` (fixes applied). A document with
    nothing to fix passes unchanged; annotations of an earlier step are dropped from a changed
    document, since their offsets no longer hold.
    """

    name = "📰 newslint clean"
    type = "✂️ - FORMAT"

    def __init__(
        self,
        linter: ArticleLinter | None = None,
        *,
        unsafe: bool = False,
        metadata_key: str = METADATA_KEY,
    ) -> None:
        super().__init__()
        self.linter = _linter(linter)
        self.unsafe = unsafe
        self.metadata_key = metadata_key

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        for doc in data:
            with self.track_time():
                cleaned = self.linter.clean(
                    doc.text, id=doc.id, meta=doc.metadata, unsafe=self.unsafe
                )
            self.stat_update("documents")
            if cleaned.changed:
                doc.text = cleaned.text
                doc.metadata.pop(self.metadata_key, None)
                self.stat_update("cleaned")
                self.stat_update("fixes", value=cleaned.fixed)
            yield doc
