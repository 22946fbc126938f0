"""Registers the built-in formatters through the same hook as any plugin."""

from __future__ import annotations

from newslint.formatters.github import GithubFormatter
from newslint.formatters.html import HtmlFormatter
from newslint.formatters.json import JsonFormatter
from newslint.formatters.sarif import SarifFormatter
from newslint.formatters.text import TextFormatter
from newslint.hookspecs import RegisterFormatter, hookimpl


@hookimpl
def newslint_register_formatters(register: RegisterFormatter) -> None:
    for formatter in (
        TextFormatter(),
        JsonFormatter(),
        SarifFormatter(),
        GithubFormatter(),
        HtmlFormatter(),
    ):
        register(formatter)
