"""A CMS document sent as blocks: checked as one article, matches placed back in the editor.

Rich-text editors (ProseMirror, TipTap, the Guardian's Typerighter client) send a document as
blocks, one per paragraph, each with its text and the document offsets it spans (``from``,
``to``), and ``skipRanges``: parts of a block the writer does not publish (editor notes,
tracked deletions). This module is the whole contract of ``POST /check``:

- :func:`parse_check_request` validates a request; a bad field raises :class:`RequestError`
  naming it (``blocks[2].skipRanges[0].to``), so the client can be fixed from the message.
- :func:`check_blocks` joins the blocks, skipped ranges removed, into one plain-text article
  (blocks apart by a blank line, so every block is a paragraph and document-level rules such
  as repetition and summary see them all), lints it, and maps every offset back to document
  offsets: the block's ``from`` plus the offset in the block's own text, skipped ranges
  counted again.

Offsets count characters (code points), half-open ``[from, to)``, like ``Diagnostic.offset``.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from newslint.config import Config, ConfigError
from newslint.diagnostics import CATEGORIES, Diagnostic
from newslint.engine import Linter
from newslint.text.document import line_starts

#: What separates two blocks in the article the rules see: a blank line, so each block is
#: a paragraph of its own, as it is in the editor.
BLOCK_SEPARATOR = "\n\n"
#: The keys of ``config`` a request may set: rule selection and rule settings. Packs, globs and
#: ``fail-on`` would name files on the server or mean nothing for one request.
REQUEST_CONFIG_KEYS = ("select", "ignore", "extend-select", "severity", "options")
_REQUEST_KEYS = ("documentId", "blocks", "categories", "excludeCategories", "config")
_BLOCK_KEYS = ("id", "text", "from", "to", "skipRanges")


class RequestError(ValueError):
    """A request is malformed. ``field`` names the bad field, ``str(error)`` says why."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem

    def __reduce__(self) -> tuple[Any, ...]:  # raised in a worker process, read in the server
        return (RequestError, (self.field, self.problem))


@dataclass(slots=True)
class Block:
    """One block: its id, its text, the document offset it starts at and what to skip.

    ``skip`` holds the skipped ranges as offsets into ``text``, sorted and apart.
    """

    id: str
    text: str
    start: int
    skip: list[tuple[int, int]] = field(default_factory=list)

    def visible(self) -> str:
        """The text the rules see: ``text`` without its skipped ranges."""
        if not self.skip:
            return self.text
        parts, at = [], 0
        for start, end in self.skip:
            parts.append(self.text[at:start])
            at = end
        parts.append(self.text[at:])
        return "".join(parts)

    def to_document(self, offset: int, *, end: bool = False) -> int:
        """A document offset for ``offset`` into :meth:`visible`.

        A skipped range at the very offset lies before a start and after an end, so a match
        never swallows an editor note beside it.
        """
        for start, stop in self.skip:
            if start < offset or (start == offset and not end):
                offset += stop - start
            else:
                break
        return self.start + offset


@dataclass(slots=True)
class CheckRequest:
    """A validated ``POST /check`` request."""

    document_id: str | None
    blocks: list[Block]
    categories: frozenset[str] | None = None
    exclude_categories: frozenset[str] = frozenset()
    config: dict[str, Any] = field(default_factory=dict)


# --- validation -------------------------------------------------------------------------------


def _did_you_mean(word: str, choices: Sequence[str]) -> str:
    import difflib

    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _check_keys(value: Mapping[str, Any], known: Sequence[str], where: str) -> None:
    for key in value:
        if key not in known:
            name = f"{where}.{key}" if where else key
            raise RequestError(name, f"unknown field{_did_you_mean(key, known)}")


def _offset(value: Any, name: str) -> int:
    # bool is an int to Python, never to a client
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise RequestError(name, f"must be a whole number of 0 or more, not {value!r}")
    return value


def _categories(value: Any, name: str) -> frozenset[str]:
    if not isinstance(value, list):
        raise RequestError(name, "must be a list of categories")
    for index, item in enumerate(value):
        if item not in CATEGORIES:
            raise RequestError(
                f"{name}[{index}]",
                f"unknown category {item!r}; known: {', '.join(CATEGORIES)}",
            )
    return frozenset(value)


def _block(value: Any, index: int, seen: set[str]) -> Block:
    where = f"blocks[{index}]"
    if not isinstance(value, dict):
        raise RequestError(where, "must be an object with id, text and from")
    _check_keys(value, _BLOCK_KEYS, where)
    for key in ("id", "text", "from"):
        if key not in value:
            raise RequestError(f"{where}.{key}", "is required")
    block_id, text = value["id"], value["text"]
    if not isinstance(block_id, str) or not block_id:
        raise RequestError(f"{where}.id", "must be a non-empty string")
    if block_id in seen:
        raise RequestError(f"{where}.id", f"{block_id!r} is the id of an earlier block")
    seen.add(block_id)
    if not isinstance(text, str):
        raise RequestError(f"{where}.text", "must be a string")
    start = _offset(value["from"], f"{where}.from")
    end = start + len(text)
    if "to" in value and _offset(value["to"], f"{where}.to") != end:
        raise RequestError(
            f"{where}.to",
            f"must be from + the length of text ({end}), not {value['to']}",
        )
    skip: list[tuple[int, int]] = []
    ranges = value.get("skipRanges") or []
    if not isinstance(ranges, list):
        raise RequestError(f"{where}.skipRanges", "must be a list of {from, to} ranges")
    for number, item in enumerate(ranges):
        name = f"{where}.skipRanges[{number}]"
        if not isinstance(item, dict) or set(item) != {"from", "to"}:
            raise RequestError(name, "must be an object with from and to, and nothing else")
        low, high = _offset(item["from"], f"{name}.from"), _offset(item["to"], f"{name}.to")
        if not start <= low <= high <= end:
            raise RequestError(
                name, f"must lie inside the block ({start} to {end}), not {low} to {high}"
            )
        skip.append((low - start, high - start))
    skip.sort()
    for (_, first_end), (second_start, _) in itertools.pairwise(skip):
        if second_start < first_end:
            raise RequestError(f"{where}.skipRanges", "ranges overlap")
    return Block(block_id, text, start, skip)


def parse_check_request(data: Any) -> CheckRequest:
    """Validate a decoded ``POST /check`` body; raise :class:`RequestError` naming the field."""
    if not isinstance(data, dict):
        raise RequestError("(body)", "must be a JSON object")
    _check_keys(data, _REQUEST_KEYS, "")
    document_id = data.get("documentId")
    if document_id is not None and not isinstance(document_id, str):
        raise RequestError("documentId", "must be a string")
    raw_blocks = data.get("blocks")
    if not isinstance(raw_blocks, list):
        raise RequestError("blocks", "is required: a list of {id, text, from, to} blocks")
    seen: set[str] = set()
    blocks = [_block(value, index, seen) for index, value in enumerate(raw_blocks)]
    ordered = sorted(range(len(blocks)), key=lambda i: blocks[i].start)
    for before, after in itertools.pairwise(ordered):
        if blocks[after].start < blocks[before].start + len(blocks[before].text):
            raise RequestError(f"blocks[{after}].from", f"overlaps block {blocks[before].id!r}")
    categories = data.get("categories")
    config = data.get("config") or {}
    if not isinstance(config, dict):
        raise RequestError("config", "must be an object")
    _check_keys(config, REQUEST_CONFIG_KEYS, "config")
    return CheckRequest(
        document_id=document_id,
        blocks=[blocks[i] for i in ordered],
        categories=None if categories is None else _categories(categories, "categories"),
        exclude_categories=_categories(data.get("excludeCategories") or [], "excludeCategories"),
        config=config,
    )


def request_config(base: Config, overrides: Mapping[str, Any]) -> Config:
    """``base`` with a request's ``config`` keys in place of its own.

    Raises :class:`RequestError` (field ``config``) for a value of the wrong type; codes and
    options are checked against the rules when the config is used (:func:`validated`).
    """
    if not overrides:
        return base
    try:
        parsed = Config.from_dict(overrides)
    except ConfigError as error:
        raise RequestError("config", str(error).removeprefix("config: ")) from None
    names = {
        "select": "select",
        "ignore": "ignore",
        "extend-select": "extend_select",
        "severity": "severity",
        "options": "options",
    }
    return base.merged(**{names[key]: getattr(parsed, names[key]) for key in overrides})


def validated(config: Config, linter: Linter) -> Config:
    """``config`` after checking its codes and options against the rules that exist."""
    try:
        config.validate(linter.registry_for(config))
    except ConfigError as error:
        raise RequestError("config", str(error).split(": ", 1)[-1]) from None
    return config


# --- checking ---------------------------------------------------------------------------------


class _Article:
    """The blocks joined into one text, with the way back from its offsets to the document's."""

    def __init__(self, blocks: Sequence[Block]) -> None:
        self.blocks = list(blocks)
        self.starts: list[int] = []  # where each block's visible text starts in ``text``
        parts, at = [], 0
        for block in self.blocks:
            visible = block.visible()
            self.starts.append(at)
            parts.append(visible)
            at += len(visible) + len(BLOCK_SEPARATOR)
        self.text = BLOCK_SEPARATOR.join(parts)
        self.line_starts = line_starts(self.text)

    def locate(self, offset: int, *, end: bool = False) -> tuple[Block, int]:
        """The block holding ``offset`` of the joined text, and the document offset.

        An offset in the blank line between two blocks belongs to the block before it
        (an end there, such as a deleted paragraph's, stops at that block's end).
        """
        index = max(0, bisect.bisect_right(self.starts, offset) - 1)
        if end and index and offset == self.starts[index]:
            index -= 1  # an end at a block's start closes the block before
        block = self.blocks[index]
        local = min(offset - self.starts[index], len(block.visible()))
        return block, block.to_document(local, end=end)

    def offset_of(self, line: int, column: int) -> int:
        """The offset in ``text`` of a 1-based line and column."""
        line = max(1, min(line, len(self.line_starts)))
        return min(self.line_starts[line - 1] + column - 1, len(self.text))


def _match(article: _Article, diagnostic: Diagnostic) -> dict[str, Any]:
    block, start = article.locate(diagnostic.offset)
    _, end = article.locate(diagnostic.end_offset, end=True)
    replacement = None
    if diagnostic.fix is not None:
        edits = []
        for edit in diagnostic.fix.edits:
            _, edit_from = article.locate(article.offset_of(edit.line, edit.column))
            _, edit_to = article.locate(article.offset_of(edit.end_line, edit.end_column), end=True)
            edits.append(
                {"from": edit_from, "to": max(edit_from, edit_to), "text": edit.replacement}
            )
        replacement = {
            "title": diagnostic.fix.title,
            "applicability": diagnostic.fix.applicability,
            "edits": edits,
        }
    related = []
    for other in diagnostic.related:
        other_block, other_from = article.locate(article.offset_of(other.line, other.column))
        _, other_to = article.locate(article.offset_of(other.end_line, other.end_column), end=True)
        related.append(
            {
                "blockId": other_block.id,
                "from": other_from,
                "to": max(other_from, other_to),
                "message": other.message,
            }
        )
    return {
        "blockId": block.id,
        "from": start,
        "to": max(start, end),
        "code": diagnostic.code,
        "name": diagnostic.name,
        "category": diagnostic.category,
        "severity": diagnostic.severity,
        "message": diagnostic.message,
        "replacement": replacement,
        "related": related,
    }


def check_blocks(request: CheckRequest, linter: Linter, config: Config) -> list[dict[str, Any]]:
    """Lint the request's blocks as one article; its matches in document order.

    ``config`` must have been through :func:`validated`.
    """
    if not request.blocks:
        return []
    article = _Article(request.blocks)
    name = f"{request.document_id or 'document'}.txt"  # plain text, whatever the id says
    diagnostics = linter.lint_text(article.text, name, config, linter.registry.readers["text"])
    wanted = [
        d
        for d in diagnostics
        if (request.categories is None or d.category in request.categories)
        and d.category not in request.exclude_categories
    ]
    matches = [_match(article, d) for d in wanted]
    matches.sort(key=lambda m: (m["from"], m["to"], m["code"]))
    return matches
