"""What a lint run produces: diagnostics, their fixes and related locations.

Rules report character offsets into a ``Document`` (a :class:`Finding`); the engine turns each
finding into a :class:`Diagnostic` with 1-based lines and columns, because offsets mean nothing
to an editor, a CI annotation or a SARIF viewer. Formatters see only diagnostics.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["info", "warning", "error"]
SEVERITIES: tuple[Severity, ...] = ("info", "warning", "error")
SEVERITY_RANK: dict[str, int] = {name: rank for rank, name in enumerate(SEVERITIES)}

Category = Literal[
    "boilerplate",
    "attribution",
    "hedging",
    "repetition",
    "filler",
    "readability",
    "timeliness",
    "style",
]
#: The categories every rule family uses, exactly as written here (``internal`` is reserved
#: for newslint's own errors about a plugin or a pack, never for a rule).
CATEGORIES: tuple[str, ...] = (
    "boilerplate",
    "attribution",
    "hedging",
    "repetition",
    "filler",
    "readability",
    "timeliness",
    "style",
)

Applicability = Literal["safe", "unsafe"]


# --- offsets, as rules see them ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OffsetEdit:
    """Replace ``text[start:end]`` with ``replacement`` (offsets into the document text)."""

    start: int
    end: int
    replacement: str = ""


@dataclass(frozen=True, slots=True)
class OffsetRelated:
    """Another place in the same document that explains a finding."""

    start: int
    end: int
    message: str = ""


@dataclass(frozen=True, slots=True)
class Finding:
    """A rule's report, in character offsets of the document it checked.

    Rules create these through :meth:`newslint.Rule.finding`; the engine adds the path,
    line and column, and applies severity overrides and suppressions.
    """

    start: int
    end: int
    message: str
    edits: tuple[OffsetEdit, ...] = ()
    fix_applicability: Applicability = "safe"
    fix_title: str = ""
    related: tuple[OffsetRelated, ...] = ()


# --- positions, as users see them ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the text between two positions (1-based; end exclusive) with ``replacement``."""

    line: int
    column: int
    end_line: int
    end_column: int
    replacement: str = ""


@dataclass(frozen=True, slots=True)
class Fix:
    """Text edits that resolve a diagnostic.

    ``applicability`` is ``"safe"`` when the edit removes only what the rule is sure of (one
    line of page furniture) and ``"unsafe"`` when it could remove reporting (several lines,
    whole paragraphs): ``newslint --fix`` applies unsafe fixes only with ``--unsafe-fixes``.
    """

    title: str
    edits: tuple[Edit, ...]
    applicability: Applicability = "safe"


@dataclass(frozen=True, slots=True)
class Related:
    """Another location that explains a diagnostic, e.g. the paragraph a summary repeats."""

    line: int
    column: int
    end_line: int
    end_column: int
    message: str = ""


@dataclass(frozen=True, slots=True, order=True)
class Diagnostic:
    """One problem found in one file.

    Lines and columns are 1-based; the end is exclusive; columns count characters (not bytes,
    not UTF-16 units), after any byte-order mark and not counting carriage returns.
    ``offset`` and ``end_offset`` are the same span as 0-based character offsets into that
    text, for callers that hold the text rather than a file (editors, CMSs, pipelines).
    """

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    name: str = field(compare=False)
    category: str = field(compare=False)
    severity: Severity = field(compare=False)
    message: str = field(compare=False)
    fix: Fix | None = field(default=None, compare=False)
    related: tuple[Related, ...] = field(default=(), compare=False)
    offset: int = field(default=0, compare=False)
    end_offset: int = field(default=0, compare=False)

    def to_dict(self) -> dict[str, object]:
        """The JSON form: exactly the dataclass's field names."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "name": self.name,
            "category": self.category,
            "severity": self.severity,
            "message": self.message,
            "offset": self.offset,
            "end_offset": self.end_offset,
            "fix": None
            if self.fix is None
            else {
                "title": self.fix.title,
                "applicability": self.fix.applicability,
                "edits": [
                    {
                        "line": e.line,
                        "column": e.column,
                        "end_line": e.end_line,
                        "end_column": e.end_column,
                        "replacement": e.replacement,
                    }
                    for e in self.fix.edits
                ],
            },
            "related": [
                {
                    "line": r.line,
                    "column": r.column,
                    "end_line": r.end_line,
                    "end_column": r.end_column,
                    "message": r.message,
                }
                for r in self.related
            ],
        }
