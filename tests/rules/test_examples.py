"""One parametrized test over every rule's examples (built-ins and packs).

Each ``fire`` example must produce a diagnostic of that rule, inside the example; each
``quiet`` example must produce none. Ids read ``NL101-fire-0``.
"""

from __future__ import annotations

import pytest

from newslint.plugins import build_registry, get_plugin_manager
from newslint.testing import fire_failures, quiet_failures

REGISTRY = build_registry(get_plugin_manager(autoload=False))
RULES = REGISTRY.sorted_rules()
#: NL002 stands for a rule that crashed and NL003 for an input that could not be read: no
#: article text fires them (tests/test_hardening.py and tests/test_output.py cause them).
TEXT_RULES = [rule for rule in RULES if rule.code not in ("NL002", "NL003")]

FIRE = [
    pytest.param(rule, index, example, id=f"{rule.code}-fire-{index}")
    for rule in TEXT_RULES
    for index, example in enumerate(rule.fire)
]
QUIET = [
    pytest.param(rule, index, example, id=f"{rule.code}-quiet-{index}")
    for rule in RULES
    for index, example in enumerate(rule.quiet)
]


@pytest.mark.parametrize(("rule", "index", "example"), FIRE)
def test_fire_example_fires(rule, index, example):
    assert fire_failures(rule, index, example) == []


@pytest.mark.parametrize(("rule", "index", "example"), QUIET)
def test_quiet_example_stays_quiet(rule, index, example):
    assert quiet_failures(rule, index, example) == []


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_every_rule_has_both_kinds_of_example(rule):
    assert rule.fire, f"{rule.code} has no fire example"
    assert rule.quiet, f"{rule.code} has no quiet example"


def test_codes_and_names_are_unique_and_prefix_matches_family():
    families = {
        "NL0": {"style"},
        "NL1": {"boilerplate"},
        "NL2": {"attribution"},
        "NL3": {"hedging"},
        "NL4": {"repetition", "style"},
        "NL5": {"readability"},
        "NL6": {"filler"},
        "NL7": {"timeliness"},
    }
    names = [r.name for r in RULES]
    assert len(names) == len(set(names))
    for rule in RULES:
        assert rule.category in families[rule.code[:3]], (rule.code, rule.category)
