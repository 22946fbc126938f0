"""The ``Rule`` base class: metadata, documentation, examples and a ``check`` method.

Every rule, whether written in Python or declared in a TOML pack, is a ``Rule`` instance. The
metadata lets newslint list, select, document and test rules without running them; the
examples on the rule are the ones ``newslint explain``, the docs and the test-suite all read.
"""

from __future__ import annotations

import copy
import inspect
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, ClassVar, Literal

from newslint.diagnostics import CATEGORIES, Finding, OffsetEdit, OffsetRelated, Severity
from newslint.text.document import Document

FixAvailability = Literal["none", "safe", "unsafe"]

#: The documentation sections a rule may have, in order (ruff's headings).
DOC_SECTIONS: tuple[str, ...] = (
    "What it does",
    "Why is this bad?",
    "Known problems",
    "Options",
    "Fix safety",
    "References",
)
REQUIRED_DOC_SECTIONS: tuple[str, ...] = ("What it does", "Why is this bad?")

_CODE = re.compile(r"^[A-Z]{1,4}\d{3}$")
_NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
_HEADING = re.compile(r"^##\s+(.+?)\s*$", re.MULTILINE)


class RuleError(ValueError):
    """A rule's metadata is wrong (bad code, unknown category, missing examples...)."""


class Rule:
    """Base class for newslint rules.

    Subclasses set the class attributes below and implement :meth:`check`. The class
    docstring is the rule's documentation, in sections headed ``## What it does``,
    ``## Why is this bad?`` and optionally ``## Known problems``, ``## Options``,
    ``## Fix safety`` and ``## References``.
    """

    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    category: ClassVar[str] = ""
    severity: Severity = "warning"
    summary: ClassVar[str] = ""
    message: str = ""
    fix_title: str = ""
    fix: FixAvailability = "none"
    enabled: bool = True
    preview: bool = False
    default_options: ClassVar[Mapping[str, Any]] = {}
    #: Code prefixes of rules that take precedence on a line: a catch-all rule (NL106 for any
    #: furniture line) keeps no diagnostic on a line that a more specific rule reports.
    yields_to: ClassVar[tuple[str, ...]] = ()
    fire: Sequence[str] = ()
    quiet: Sequence[str] = ()
    #: Filled in when the rule is registered: the plugin (module or pack file) it came from.
    plugin: str = ""

    def __init__(self) -> None:
        self.options: dict[str, Any] = dict(self.default_options)

    # --- to implement --------------------------------------------------------------------

    def check(self, doc: Document) -> Iterable[Finding]:
        """Yield findings for ``doc``. Read ``self.options`` for configured values."""
        raise NotImplementedError

    # --- helpers for implementations ------------------------------------------------------

    def finding(
        self,
        start: int,
        end: int,
        message: str | None = None,
        *,
        edits: Iterable[OffsetEdit] = (),
        unsafe: bool = False,
        related: Iterable[OffsetRelated] = (),
    ) -> Finding:
        """Build a finding for ``[start, end)``, with this rule's default message."""
        return Finding(
            start=start,
            end=end,
            message=message or self.message or self.summary,
            edits=tuple(edits),
            fix_applicability="unsafe" if unsafe else "safe",
            fix_title=self.fix_title,
            related=tuple(related),
        )

    def delete_lines_edit(self, doc: Document, start: int, end: int) -> OffsetEdit:
        """An edit deleting the whole lines spanned by ``[start, end)``.

        Besides the lines it takes only blank lines: one after them when one also stands
        before (so paragraphs stay one blank line apart), or, at the end of the file, the
        blank lines before them (keeping the file's final newline, if it had one).
        """
        source = doc.source
        line_start = source.rfind("\n", 0, start) + 1
        newline = source.find("\n", max(start, end - 1))
        line_end = len(source) if newline == -1 else newline + 1
        if line_end == len(source):
            keep = line_start
            while keep > 0 and source[keep - 1] == "\n":
                keep -= 1
            if keep > 0 and source.endswith("\n"):
                keep += 1
            return OffsetEdit(keep, line_end, "")
        if source.startswith("\n", line_end) and (
            line_start == 0 or source.endswith("\n\n", 0, line_start)
        ):
            line_end += 1
        return OffsetEdit(line_start, line_end, "")

    # --- configuration ---------------------------------------------------------------------

    def configured(self, options: Mapping[str, Any]) -> Rule:
        """A copy of this rule with ``options`` merged over its defaults.

        Raises :class:`RuleError` for an option the rule does not declare.
        """
        unknown = sorted(set(options) - set(self.default_options))
        if unknown:
            raise RuleError(f"{self.code} has no option {unknown[0]!r}")
        clone = copy.copy(self)
        clone.options = {**self.default_options, **options}
        return clone

    # --- documentation -------------------------------------------------------------------

    def doc_sections(self) -> dict[str, str]:
        """The rule's documentation, by section heading."""
        return parse_doc_sections(type(self).__doc__ or "")

    def validate(self) -> None:
        """Raise :class:`RuleError` if the metadata is incomplete or malformed."""
        where = f"rule {self.code or '?'} ({self.plugin or type(self).__name__})"
        if not _CODE.match(self.code):
            raise RuleError(f"{where}: code must be 1-4 capitals and 3 digits, like NL101")
        if not _NAME.match(self.name):
            raise RuleError(f"{where}: name {self.name!r} must be kebab-case")
        if self.category not in CATEGORIES:
            raise RuleError(
                f"{where}: category {self.category!r} is not one of {', '.join(CATEGORIES)}"
            )
        if self.severity not in ("info", "warning", "error"):
            raise RuleError(f"{where}: severity {self.severity!r} is not info, warning or error")
        if not self.summary:
            raise RuleError(f"{where}: needs a one-line summary")
        if not self.fire or not self.quiet:
            raise RuleError(f"{where}: needs at least one 'fire' and one 'quiet' example")

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.code} {self.name}>"


def parse_doc_sections(docstring: str) -> dict[str, str]:
    """Split a ``## Heading``-structured docstring into ``{heading: body}``."""
    text = _dedent(docstring)
    sections: dict[str, str] = {}
    matches = list(_HEADING.finditer(text))
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        sections[match.group(1)] = text[match.end() : end].strip()
    return sections


def _dedent(docstring: str) -> str:
    return inspect.cleandoc(docstring)
