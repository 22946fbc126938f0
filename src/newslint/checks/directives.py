"""Rules about newslint itself (codes NL0xx): directives it cannot read, rules that crashed."""

from __future__ import annotations

import re
from collections.abc import Iterable

from newslint.diagnostics import Finding
from newslint.hookspecs import RegisterRule, hookimpl
from newslint.rule import Rule
from newslint.text.document import Document


class InvalidDirective(Rule):
    """## What it does
    Flags a ``newslint-`` comment that newslint cannot read: an unknown directive (such as
    ``newslint-disabel``), words where rule codes should be, or a rule code that no loaded
    rule has.

    ## Why is this bad?
    A directive that cannot be read suppresses nothing, so the finding it was meant to
    silence keeps firing; worse, a misread directive could silence more than was meant.
    newslint never guesses: such a directive disables nothing, and this rule says why.
    A reason for the suppression goes after ``--``:
    ``<!-- newslint-disable-next-line NL101 -- the desk wants it kept -->``.

    ## Known problems
    A code from a plugin that is not installed here is reported as unknown.
    """

    code = "NL001"
    name = "invalid-directive"
    category = "style"
    severity = "error"
    summary = "Directive that newslint cannot read; it disables nothing"
    fire = (
        "<!-- newslint-disable NL999 -->\nThe council met on Monday.",
        "Loading Now <!-- newslint-disabel-line NL101 -->",
        "<!-- newslint-disable-next-line NL101 legal asked us to keep it -->\nLoading Now",
    )
    quiet = (
        "<!-- newslint-disable NL101 -->\nThe council met on Monday.",
        "Loading Now <!-- newslint-disable-line NL101 -->",
        "<!-- newslint-disable-next-line NL101 -- legal asked us to keep it -->\nLoading Now",
    )

    def check(self, doc: Document) -> Iterable[Finding]:
        directives = doc.metadata.get("directives") or ()
        known = doc.metadata.get("known_codes") or frozenset()
        for directive in directives:
            if directive.problem:
                yield self.finding(directive.start, directive.end, directive.problem)
                continue
            offset = directive.codes_start
            for code in directive.codes:
                if not any(k.startswith(code) for k in known):
                    written = re.search(re.escape(code), doc.source[offset : directive.end], re.I)
                    start = offset + written.start() if written else directive.start
                    yield self.finding(
                        start, start + len(code), f"Directive names unknown rule code {code}"
                    )


class InternalError(Rule):
    """## What it does
    Reports a rule that failed on an input (it raised an exception, or a pack pattern ran
    out of time), naming the rule and the plugin or pack it came from. Nothing in the
    article causes it: the rule's code does.

    ## Why is this bad?
    The rule checked nothing in that input, so a clean report would be a false promise.
    The other rules still run, and the other files are still linted; the exit status is 2.

    ## Known problems
    It cannot be switched off: ``--ignore NL002`` and ``per-file-ignores`` are accepted but
    a crash is still reported, because silencing it would hide that a rule did not run.
    Inline directives do not suppress it either.
    """

    code = "NL002"
    name = "internal-error"
    category = "style"
    severity = "error"
    summary = "A rule failed on this input; it checked nothing here"
    #: No article makes a working rule fail: the examples are what the report says.
    fire = ("(a rule that raises an exception while checking this article)",)
    quiet = ("The council met on Monday.",)

    def check(self, doc: Document) -> Iterable[Finding]:
        # Reported by the engine (``newslint.engine.internal_error``), never found in text.
        return ()


class InputError(Rule):
    """## What it does
    Stands for an input newslint could not lint: a missing or unreadable file, a file that is
    not text or not in the expected encoding, a file of a type no reader knows, a corpus
    record that is not valid JSON. The message is the one-line error.

    ## Why is this bad?
    Nothing in that input was checked. On the command line the error goes to standard error
    and the exit status is 2; the JSON and SARIF reports carry it too (JSON as an NL003 item
    in the list, SARIF as a ``toolExecutionNotification`` of the run's invocation), so a
    program that reads only the report still learns of it.

    ## Known problems
    It cannot be switched off, and is never found in article text.
    """

    code = "NL003"
    name = "input-error"
    category = "style"
    severity = "error"
    summary = "An input could not be linted; nothing in it was checked"
    fire = ("(a file that cannot be read, such as one that is not text)",)
    quiet = ("The council met on Monday.",)

    def check(self, doc: Document) -> Iterable[Finding]:
        # Reported by the command line for inputs that never became a document.
        return ()


@hookimpl
def newslint_register_rules(register: RegisterRule) -> None:
    register(InvalidDirective())
    register(InternalError())
    register(InputError())
