"""newslint: a linter for news articles.

Library use::

    import newslint

    for diagnostic in newslint.lint_text(article_text):
        print(diagnostic.line, diagnostic.code, diagnostic.message)

The public names load lazily, so ``import newslint`` stays cheap for command-line start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newslint._version import __version__

if TYPE_CHECKING:
    from newslint.api import Report, lint_paths, lint_text
    from newslint.config import Config, ConfigError
    from newslint.diagnostics import Diagnostic, Edit, Finding, Fix, Related, Severity
    from newslint.engine import FileResult, Linter
    from newslint.hookspecs import hookimpl
    from newslint.pipelines.article import ArticleLinter
    from newslint.report import exit_status, render_report
    from newslint.rule import Rule
    from newslint.text.document import Document

_LAZY = {
    "ArticleLinter": "newslint.pipelines.article",
    "lint_text": "newslint.api",
    "lint_paths": "newslint.api",
    "Report": "newslint.api",
    "Config": "newslint.config",
    "ConfigError": "newslint.config",
    "Diagnostic": "newslint.diagnostics",
    "Edit": "newslint.diagnostics",
    "Finding": "newslint.diagnostics",
    "Fix": "newslint.diagnostics",
    "Related": "newslint.diagnostics",
    "Severity": "newslint.diagnostics",
    "Linter": "newslint.engine",
    "FileResult": "newslint.engine",
    "render_report": "newslint.report",
    "exit_status": "newslint.report",
    "Document": "newslint.text.document",
    "hookimpl": "newslint.hookspecs",
    "Rule": "newslint.rule",
}

__all__ = [
    "ArticleLinter",
    "Config",
    "ConfigError",
    "Diagnostic",
    "Document",
    "Edit",
    "FileResult",
    "Finding",
    "Fix",
    "Linter",
    "Related",
    "Report",
    "Rule",
    "Severity",
    "__version__",
    "exit_status",
    "hookimpl",
    "lint_paths",
    "lint_text",
    "render_report",
]


def __getattr__(name: str) -> Any:
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'newslint' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module_name), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
