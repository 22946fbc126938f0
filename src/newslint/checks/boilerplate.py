"""Boilerplate rules that need more than one line to decide (codes NL1xx).

The line-level page furniture rules are data, in ``rules/boilerplate.toml``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

import regex

from newslint.diagnostics import Finding
from newslint.hookspecs import RegisterRule, hookimpl
from newslint.rule import Rule
from newslint.text.document import Document, Paragraph

_NAME = r"(?P<name>\p{Lu}[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]+){0,3})"
_ROLE = (
    r"(?:journalist|writer|reporter|correspondent|editor|columnist|contributor|freelancer|"
    r"author|blogger|analyst|commentator|producer|storyteller|content\s+creator|"
    r"intern|fellow|novelist|critic)"
)
_OPENING = regex.compile(
    rf"^(?:about\s+the\s+author\s*:?\s*)?{_NAME}\s*(?:,\s*[^,]{{1,60}},\s*)?"
    rf"(?:is|was|has\s+been|works\s+as)\s+(?:a|an|the)\s+(?:[\p{{L}}-]+[\s,]+){{0,8}}?{_ROLE}s?\b",
    regex.IGNORECASE | regex.VERSION0,
)
#: The name an opening found, with its capitals (the opening matches case-insensitively).
_CASED_NAME = regex.compile(_NAME)
#: Profile markers: degrees, years of experience, "her work", "based in".
_MARKERS = regex.compile(
    r"\b(?:degree|graduated?|master'?s|bachelor'?s|ph\.?d|alumn[ia]|years?\s+(?:of\s+experience|working|covering)|"
    r"(?:her|his|their|whose)\s+(?:work|writing|articles|reporting|pieces)|has\s+(?:written|reported|covered|spent)|"
    r"follow\s+(?:her|him|them)|based\s+in|passionate|committed\s+to|"
    r"previously\s+(?:worked|wrote|reported)|lives\s+in)\b",
    regex.IGNORECASE,
)


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
        opening = _OPENING.match(text)
        if not opening:
            return False
        name = opening.group("name")
        if not _CASED_NAME.fullmatch(name):
            return False
        earlier = doc.text[: paragraph.start]
        if any(part in earlier for part in name.split() if len(part) > 2):
            return False
        return bool(_MARKERS.search(text))


@hookimpl
def newslint_register_rules(register: RegisterRule) -> None:
    register(AuthorBio())
