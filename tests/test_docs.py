"""The docs are part of the product: every hook documented, every rule page current."""

from __future__ import annotations

import inspect

import pytest

from newslint import hookspecs
from newslint.docs import cli_markdown, generated_pages
from newslint.plugins import build_registry, get_plugin_manager
from newslint.rule import REQUIRED_DOC_SECTIONS

from conftest import ROOT

HOOKS_DOC = (ROOT / "docs" / "plugins" / "hooks.md").read_text(encoding="utf-8")
HOOKS = sorted(name for name in dir(hookspecs) if name.startswith("newslint_"))
RULES = build_registry(get_plugin_manager(autoload=False)).sorted_rules()


@pytest.mark.parametrize("hook", HOOKS)
def test_every_hook_is_documented_with_its_exact_signature(hook):
    params = inspect.signature(getattr(hookspecs, hook)).parameters
    heading = f"## {hook}({', '.join(params)})"
    assert heading in HOOKS_DOC.splitlines(), f"docs/plugins/hooks.md lacks {heading!r}"


@pytest.mark.parametrize("hook", HOOKS)
def test_every_hookspec_docstring_states_call_semantics(hook):
    doc = getattr(hookspecs, hook).__doc__
    assert "Call semantics:" in doc and "Where:" in doc


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_every_rule_has_the_required_doc_sections(rule):
    sections = rule.doc_sections()
    missing = [s for s in REQUIRED_DOC_SECTIONS if not sections.get(s)]
    assert not missing, f"{rule.code} lacks {missing}"


def test_generated_rule_pages_are_current():
    folder = ROOT / "docs" / "rules"
    expected = generated_pages()
    on_disk = {p.name: p.read_text(encoding="utf-8") for p in folder.glob("*.md")}
    stale = sorted(n for n in expected if on_disk.get(n) != expected[n])
    extra = sorted(set(on_disk) - set(expected))
    assert not stale and not extra, (
        f"docs/rules is stale ({stale or extra}); run: python -m newslint.docs"
    )


def test_cli_reference_is_current():
    on_disk = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert on_disk == cli_markdown(), "docs/cli.md is stale; run: python -m newslint.docs"


def test_explain_prints_the_same_text_as_the_docs_page(run_cli):
    _, out, _ = run_cli("explain", "NL101")
    assert out == (ROOT / "docs" / "rules" / "NL101.md").read_text(encoding="utf-8")
