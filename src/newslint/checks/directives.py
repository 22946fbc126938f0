"""Rules about newslint's own directives in the article (codes NL0xx)."""

from __future__ import annotations

from collections.abc import Iterable

from newslint.diagnostics import Finding
from newslint.hookspecs import RegisterRule, hookimpl
from newslint.rule import Rule
from newslint.text.document import Document


class UnknownDirectiveCode(Rule):
    """## What it does
    Flags a ``newslint-disable`` or ``newslint-enable`` comment that names a rule code no
    loaded rule has.

    ## Why is this bad?
    A misspelt code suppresses nothing, so the diagnostic it was meant to silence keeps
    firing, or a real problem is silenced by a broader directive than intended.

    ## Known problems
    A code from a plugin that is not installed here is reported as unknown.
    """

    code = "NL001"
    name = "unknown-directive-code"
    category = "style"
    severity = "warning"
    summary = "Directive names a rule code that does not exist"
    fire = ("<!-- newslint-disable NL999 -->\nThe council met on Monday.",)
    quiet = ("<!-- newslint-disable NL101 -->\nThe council met on Monday.",)

    def check(self, doc: Document) -> Iterable[Finding]:
        directives = doc.metadata.get("directives") or ()
        known = doc.metadata.get("known_codes") or frozenset()
        for directive in directives:
            offset = directive.codes_start
            for code in directive.codes:
                if not any(k.startswith(code) for k in known):
                    start = doc.source.find(code, offset, directive.end)
                    if start == -1:
                        start = directive.start
                    yield self.finding(
                        start, start + len(code), f"Directive names unknown rule code {code}"
                    )


@hookimpl
def newslint_register_rules(register: RegisterRule) -> None:
    register(UnknownDirectiveCode())
