"""An example newslint plugin: one rule, one module, one entry point."""

from __future__ import annotations

import newslint


class PaywallPrompt(newslint.Rule):
    """## What it does
    Flags paywall prompts left in scraped article text.

    ## Why is this bad?
    A paywall prompt is the page's interface, not the story; left in the text it shows the
    copy was scraped from behind a paywall.
    """

    code = "PW001"
    name = "paywall-prompt"
    category = "boilerplate"
    summary = "Paywall prompt left in the article"
    fire = ("Subscribe now to keep reading.",)
    quiet = ("The council voted to subscribe to the regional water plan.",)

    def check(self, doc):
        for line in doc.lines:
            stripped = line.text.strip()
            if stripped.lower().startswith("subscribe now to keep reading"):
                start = line.start + line.text.index(stripped)
                yield self.finding(start, start + len(stripped))


@newslint.hookimpl
def newslint_register_rules(register):
    register(PaywallPrompt())
