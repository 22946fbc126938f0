"""Boilerplate rules that need more than one line to decide (codes NL1xx).

The line-level page furniture rules are data, in ``rules/boilerplate.toml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import ClassVar

import regex

from newslint.diagnostics import Finding
from newslint.document import Document, Paragraph
from newslint.hookspecs import RegisterRule, hookimpl
from newslint.patterncache import compile_re, compile_regex
from newslint.prefilter import _re_safe
from newslint.rule import Rule

_NAME = r"(?P<name>\p{Lu}[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]+){0,3})"
_ROLE = (
    r"(?:journalist|writer|reporter|correspondent|editor|columnist|contributor|freelancer|"
    r"author|blogger|analyst|commentator|producer|storyteller|content\s+creator|"
    r"intern|fellow|novelist|critic)"
)
#: One of these (case-folded) is in every biography opening (the role words of ``_ROLE``):
#: a paragraph without any is not a biography, and no pattern is compiled for it.
_ROLE_WORDS = (
    "journalist writer reporter correspondent editor columnist contributor freelancer author "
    "blogger analyst commentator producer storyteller content intern fellow novelist critic"
).split()


def _opening_source() -> str:
    return (
        rf"^(?:about\s+the\s+author\s*:?\s*)?{_NAME}\s*(?:,\s*[^,]{{1,60}},\s*)?"
        rf"(?:is|was|has\s+been|works\s+as)\s+(?:a|an|the)\s+(?:[\p{{L}}-]+[\s,]+){{0,8}}?{_ROLE}s?\b"
    )


@cache
def _opening() -> regex.Pattern[str]:
    """The biography opening, compiled on first use (most articles never need it; the
    other two patterns wait until an opening matches: ``regex`` compiles in Python)."""
    return compile_regex(_opening_source(), regex.IGNORECASE | regex.VERSION0)


#: The classes of the opening as the stdlib ``re`` reads them alike on re-safe text
#: (``newslint.prefilter.RE_SAFE_CHARACTERS``; ``tests/test_boilerplate.py`` checks every
#: such character): case-insensitively, ``\p{Lu}`` is a letter other than "ª" and "º"
#: (which have no case), and ``\p{L}`` is ``[^\W\d_]``.
_RE_CLASSES = (
    (r"\p{Lu}", "[^\\W\\d_\u00aa\u00ba]"),
    (r"[\p{L}'’.-]", r"(?:[^\W\d_]|['’.-])"),
    (r"[\p{L}-]", r"(?:[^\W\d_]|-)"),
)


@cache
def _re_opening() -> re.Pattern[str]:
    """The biography opening for re-safe text, compiled by ``re`` several times faster."""
    source = _opening_source()
    for property_class, translated in _RE_CLASSES:
        source = source.replace(property_class, translated)
    return compile_re(source, re.IGNORECASE)


@cache
def _cased_name() -> regex.Pattern[str]:
    """A name with its capitals (the opening matches it case-insensitively)."""
    return compile_regex(_NAME)


def _is_cased_name(doc: Document, name: str) -> bool:
    """Whether the name an opening found has its capitals. On re-safe text this needs no
    pattern: the name already matches :data:`_NAME` case-insensitively, its words are
    what whitespace separates, and ``\\p{Lu}`` there is what ``str.isupper`` says."""
    if doc.service("re-safe-text", _re_safe):
        return all(word[0].isupper() for word in name.split())
    return _cased_name().fullmatch(name) is not None


@cache
def _markers() -> regex.Pattern[str]:
    """The profile markers: degrees, years of experience, "her work", "based in"."""
    return compile_regex(_MARKERS, regex.IGNORECASE)


@cache
def _re_markers() -> re.Pattern[str]:
    """The profile markers for re-safe text: the pattern is syntax ``re`` reads alike there,
    as it is (``newslint.prefilter._re_source`` leaves it unchanged: a test checks it)."""
    return compile_re(_MARKERS, re.IGNORECASE)


_MARKERS = (
    r"\b(?:degree|graduated?|master'?s|bachelor'?s|ph\.?d|alumn[ia]|years?\s+(?:of\s+experience|working|covering)|"
    r"(?:her|his|their|whose)\s+(?:work|writing|articles|reporting|pieces)|has\s+(?:written|reported|covered|spent)|"
    r"follow\s+(?:her|him|them)|based\s+in|passionate|committed\s+to|"
    r"previously\s+(?:worked|wrote|reported)|lives\s+in)\b"
)


def _patterns() -> tuple[regex.Pattern[str], regex.Pattern[str], regex.Pattern[str]]:
    """The biography opening, a cased name, and the profile markers."""
    return _opening(), _cased_name(), _markers()


class AuthorBio(Rule):
    """## What it does
    Flags an author-biography paragraph at the end of an article: a paragraph that opens
    "NAME is a … journalist/writer/reporter …", names someone who does not appear in the
    story, and reads as a profile (degrees, years of experience, "her work", "based in").

    ## Why is this bad?
    The bio box of the page the text was scraped from is not part of the story; it often
    belongs to a different writer than the one who reported it, and it misleads readers
    about who wrote what they just read.

    ## Known problems
    A story that ends on a profile of one of its own subjects is not flagged, because the
    subject's name appears earlier. A bio written without a role word is missed.

    ## Fix safety
    Unsafe: the fix deletes a whole paragraph, so it is applied only with ``--unsafe-fixes``.
    """

    code = "NL105"
    name = "author-bio"
    category = "boilerplate"
    severity = "warning"
    summary = "Author biography left at the end of the article"
    message = "Author biography left at the end of the article"
    fix_title = "Delete the biography paragraph"
    fix = "unsafe"
    default_options: ClassVar[dict[str, int]] = {"last_paragraphs": 3}
    fire = (
        "The council approved the budget on Tuesday.\n\n"
        "Dana Whitfield is a freelance journalist based in Leeds. She holds a master's degree "
        "in journalism and has spent eight years covering local politics.",
        "Rain is forecast for the weekend, the weather service said.\n\n"
        "About the author: Sam Okafor is an award-winning writer whose work explores cities "
        "and migration.",
    )
    quiet = (
        "Mayor Ana Ruiz spoke after the vote.\n\n"
        "Ruiz is a former journalist who has spent 12 years in city politics, and she said "
        "the budget was her last.",
        "The museum reopens in May.\n\nThe exhibition is a rare chance to see the drawings.",
        "Dana Whitfield is a journalist.",
    )

    def check(self, doc: Document) -> Iterable[Finding]:
        body = doc.body_paragraphs
        if len(body) < 2:
            return
        window = max(1, int(self.options["last_paragraphs"]))
        for paragraph in body[-window:]:
            if paragraph is body[0]:
                continue
            if self._is_bio(doc, paragraph):
                edit = self.delete_lines_edit(doc, paragraph.start, paragraph.end)
                words = paragraph.text.split()
                opening = " ".join(words[:6]) + ("…" if len(words) > 6 else "")
                message = f"{self.message}: '{opening}'"
                yield self.finding(
                    paragraph.start, paragraph.end, message, edits=[edit], unsafe=True
                )

    def _is_bio(self, doc: Document, paragraph: Paragraph) -> bool:
        text = paragraph.text
        folded = text.casefold()
        if not any(word in folded for word in _ROLE_WORDS):
            return False
        safe = doc.service("re-safe-text", _re_safe)
        opening = (_re_opening() if safe else _opening()).match(text)
        if not opening:
            return False
        name = opening.group("name")
        if not _is_cased_name(doc, name):
            return False
        earlier = doc.text[: paragraph.start]
        if any(part in earlier for part in name.split() if len(part) > 2):
            return False
        return bool((_re_markers() if safe else _markers()).search(text))


@hookimpl
def newslint_register_rules(register: RegisterRule) -> None:
    register(AuthorBio())
