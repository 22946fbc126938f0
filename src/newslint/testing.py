"""Helpers for testing rules and plugins (newslint's own tests use them too).

``assert_rule_examples(rule)`` checks a rule's ``fire`` and ``quiet`` examples: each fire
example must produce a diagnostic of that rule's code, with its span inside the example, and
each quiet example none. ``registered(plugin)`` registers a plugin object for the length of a
``with`` block, as an installed plugin would be.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from newslint.config import Config
from newslint.diagnostics import Diagnostic
from newslint.engine import Linter
from newslint.plugins import Registry, build_registry, get_plugin_manager
from newslint.rule import Rule


def run_rule(rule: Rule, text: str, *, path: str = "example.txt") -> list[Diagnostic]:
    """Lint ``text`` with ``rule`` alone (fully selected, default options)."""
    base = _builtin_registry()
    registry = Registry(dict(base.rules), base.readers, base.formatters)
    registry.rules[rule.code] = rule
    config = Config(select=(rule.code,))
    linter = Linter(registry)
    context = getattr(rule, "example_metadata", None)
    if context is None:
        return linter.lint_text(text, path, config)
    # A rule that learns across a corpus (NL110) gives the context a corpus run would give.
    out: list[Diagnostic] = []
    for doc in linter.reader_for(path, text).documents(text, path):
        doc.metadata.update(context())
        out.extend(linter.lint_document(doc, config))
    return out


_BUILTIN: list[Registry] = []


def _builtin_registry() -> Registry:
    if not _BUILTIN:
        _BUILTIN.append(build_registry(get_plugin_manager(autoload=False)))
    return _BUILTIN[0]


def example_failures(rule: Rule) -> list[str]:
    """Every way the rule's examples disagree with its behaviour, one line each."""
    problems = []
    if not rule.fire:
        problems.append(f"{rule.code} has no 'fire' example")
    if not rule.quiet:
        problems.append(f"{rule.code} has no 'quiet' example")
    for index, example in enumerate(rule.fire):
        problems.extend(fire_failures(rule, index, example))
    for index, example in enumerate(rule.quiet):
        problems.extend(quiet_failures(rule, index, example))
    return problems


def fire_failures(rule: Rule, index: int, example: str) -> list[str]:
    found = [d for d in run_rule(rule, example) if d.code == rule.code]
    if not found:
        return [f"False negative: {rule.code} fire[{index}] gave nothing: {example!r}"]
    lines = example.split("\n")
    problems = []
    for d in found:
        inside = 1 <= d.line <= d.end_line <= len(lines) and (
            d.end_line > d.line or d.column <= d.end_column
        )
        if not inside:
            problems.append(f"{rule.code} fire[{index}]: span {d.line}:{d.column} is outside")
    return problems


def quiet_failures(rule: Rule, index: int, example: str) -> list[str]:
    found = [d for d in run_rule(rule, example) if d.code == rule.code]
    return [
        f"False positive: {rule.code} quiet[{index}] gave {d.line}:{d.column} "
        f"{d.message!r}: {example!r}"
        for d in found
    ]


def assert_rule_examples(rule: Rule) -> None:
    """Fail (AssertionError) when any of the rule's examples misbehaves."""
    problems = example_failures(rule)
    assert not problems, "\n".join(problems)


@contextmanager
def registered(plugin: object, name: str = "test-plugin") -> Iterator[None]:
    """Register ``plugin`` with the process-wide plugin manager for a ``with`` block."""
    from newslint import plugins

    plugins.reset()
    pm, _ = plugins.load_plugins(autoload=False)
    pm.register(plugin, name=name)
    plugins._CACHE[False] = (pm, build_registry(pm))
    try:
        yield
    finally:
        plugins.reset()
