from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

import newslint
from newslint import hookspecs
from newslint.plugins import PluginError, Registry, build_registry, get_plugin_manager
from newslint.testing import assert_rule_examples, registered

from conftest import ROOT, install_into

EXAMPLE = ROOT / "examples" / "newslint-plugin-example"


def load_example():
    spec = importlib.util.spec_from_file_location(
        "newslint_paywall", EXAMPLE / "newslint_paywall.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_example_plugin_rule_is_listed_and_runs(run_cli, tmp_path):
    module = load_example()
    article = tmp_path / "a.txt"
    article.write_text("The vote passed.\n\nSubscribe now to keep reading.\n")
    with registered(module, name="paywall"):
        code, out, _ = run_cli("rules")
        assert any(
            line.startswith("PW001") and "paywall-prompt" in line for line in out.splitlines()
        )
        code, out, _ = run_cli(str(article), "--select", "PW")
        assert code == 1
        assert out.strip() == f"{article}:3:1: PW001 warning: Paywall prompt left in the article"
        code, out, _ = run_cli("plugins")
        assert out.splitlines()[:2] == ["paywall", "  rules: PW001"]


def test_example_plugin_examples_pass_with_the_testing_helper():
    assert_rule_examples(load_example().PaywallPrompt())


def test_builtins_register_through_the_same_hooks():
    pm = get_plugin_manager(autoload=False)
    names = {name for name, _ in pm.list_name_plugin()}
    assert "newslint.formatters.builtin" in names
    assert "newslint.checks.boilerplate" in names
    impls = {pm.get_name(i.plugin) for i in pm.hook.newslint_register_packs.get_hookimpls()}
    assert impls == {"newslint.packs.loader"}


def test_duplicate_code_is_a_hard_error_naming_both_plugins():
    class First(newslint.Rule):
        """## What it does\nx\n## Why is this bad?\ny"""

        code, name, category, summary = "ZZ001", "zz-one", "style", "One"
        fire, quiet = ("a",), ("b",)

    class Second(First):
        name = "zz-two"

    registry = Registry()
    registry.add_rule(First(), "plugin-a")
    with pytest.raises(PluginError, match="ZZ001 is registered twice: by plugin-a and plugin-b"):
        registry.add_rule(Second(), "plugin-b")


def test_third_party_rules_may_not_use_the_nl_prefix():
    class Squatter(newslint.Rule):
        code, name, category, summary = "NL999", "squatter", "style", "x"
        fire, quiet = ("a",), ("b",)

    with pytest.raises(PluginError, match="NL prefix is newslint's own"):
        Registry().add_rule(Squatter(), "someone-else")


def test_plugin_whose_hook_raises_is_named(run_cli):
    class Broken:
        @newslint.hookimpl
        def newslint_register_rules(self, register):
            raise RuntimeError("boom")

    with pytest.raises(
        PluginError, match="plugin broken: newslint_register_rules raised RuntimeError: boom"
    ):
        pm = get_plugin_manager(autoload=False)
        pm.register(Broken(), name="broken")
        build_registry(pm)


def test_misspelled_hook_is_reported():
    class Typo:
        @newslint.hookimpl
        def newslint_register_rulez(self, register):
            pass

    pm = get_plugin_manager(autoload=False)
    pm.register(Typo(), name="typo")
    with pytest.raises(Exception, match="unknown hook 'newslint_register_rulez'"):
        pm.check_pending()


def test_version_and_help_do_not_load_plugins():
    code = (
        "import sys; from newslint.cli import main\n"
        "try:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
        "print('newslint.plugins' in sys.modules, 'textstat' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split()[-2:] == ["False", "False"]


def test_hookspecs_are_the_documented_set():
    names = sorted(n for n in dir(hookspecs) if n.startswith("newslint_"))
    assert names == [
        "newslint_configure",
        "newslint_register_formatters",
        "newslint_register_packs",
        "newslint_register_readers",
        "newslint_register_rules",
        "newslint_sniff_format",
    ]


@pytest.mark.slow
def test_installed_entry_point_plugin_is_loaded(tmp_path):
    """Install the example package for real; its entry point makes newslint load it."""
    import os

    site = install_into(tmp_path / "site", str(EXAMPLE))
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSLINT_")}
    env["PYTHONPATH"] = str(site)

    def newslint_cli(*args):
        return subprocess.run(
            [sys.executable, "-m", "newslint", *args], capture_output=True, text=True, env=env
        )

    listed = newslint_cli("plugins")
    assert listed.stdout.splitlines()[:2] == ["paywall", "  rules: PW001"], listed.stderr
    assert "paywall" not in newslint_cli("plugins", "--no-plugins").stdout
    env["NEWSLINT_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    assert "paywall" not in newslint_cli("plugins").stdout


def test_configure_hook_receives_the_run_config(run_cli, tmp_path):
    seen = []

    class Watcher:
        @newslint.hookimpl
        def newslint_configure(self, config):
            seen.append(config.select)

    (tmp_path / "newslint.toml").write_text('select = ["NL102"]\n')
    (tmp_path / "a.txt").write_text("Loading Now\n")
    with registered(Watcher(), name="watcher"):
        run_cli(str(tmp_path / "a.txt"), cwd=tmp_path)
    assert seen == [("NL102",)]


def test_sniff_format_hook_picks_the_reader_for_unclaimed_files(run_cli, tmp_path):
    class Sniffer:
        @newslint.hookimpl
        def newslint_sniff_format(self, head):
            return "markdown" if head.startswith("# ") else None

    draft = tmp_path / "draft.story"
    draft.write_text("# Loading Now\n\nText with `Loading Now` in code.\n\n```\nLoading Now\n```\n")
    with registered(Sniffer(), name="sniffer"):
        _, out, _ = run_cli(str(draft), "--select", "NL1")
    # Read as Markdown: the code block is masked and the heading is prose ("Loading Now").
    assert [line.split(":")[1] for line in out.splitlines()] == ["1"]
    # Without a plugin that knows it, a file of an unknown type is refused, not read as text.
    code, out, err = run_cli(str(draft), "--select", "NL1")
    assert (code, out) == (2, "")
    assert f"newslint: error: {draft}: unknown file type '.story'" in err


def test_entry_point_precheck_finds_a_declared_group_and_nothing_else(tmp_path):
    """The cheap pre-check must never hide a plugin: it says yes for a distribution that
    declares the group, for a path entry it cannot look into, and no only when no
    distribution on the path names the group."""
    from newslint.plugins import _may_have_entry_points

    site = tmp_path / "site"
    other = site / "other-1.0.dist-info"
    other.mkdir(parents=True)
    (other / "entry_points.txt").write_text("[console_scripts]\nother = other:main\n")
    (site / "bare-2.0.dist-info").mkdir()  # no entry_points.txt at all
    assert not _may_have_entry_points("newslint", [str(site), str(tmp_path / "missing")])

    plugin = site / "house-1.0.egg-info"
    plugin.mkdir()
    (plugin / "entry_points.txt").write_text("[newslint]\nhouse = house\n")
    assert _may_have_entry_points("newslint", [str(site)])

    archive = tmp_path / "plugins.zip"
    archive.write_bytes(b"PK\x05\x06" + b"\0" * 18)
    assert _may_have_entry_points("newslint", [str(archive)])


def test_the_quicker_manager_finds_the_hooks_pluggy_finds():
    import importlib
    import types

    import pluggy

    from newslint.hookspecs import hookimpl
    from newslint.plugins import _PluginManager, builtin_plugin_modules

    odd = types.ModuleType("odd")

    @hookimpl
    def newslint_register_rules(register):  # pragma: no cover - never called
        pass

    odd.newslint_register_rules = newslint_register_rules
    odd.__annotations__ = {}
    odd.__weird__ = newslint_register_rules
    odd.static = staticmethod(newslint_register_rules)
    odd.klass = classmethod(newslint_register_rules)
    odd.bound = types.MethodType(newslint_register_rules, object())
    odd.marked_not_dict = types.SimpleNamespace(newslint_impl={"x": 1})
    odd.constant = 3
    odd.__dir__ = lambda: ["newslint_register_rules", "missing", "constant", "__weird__"]
    modules = [importlib.import_module(name) for name in builtin_plugin_modules()]
    modules += [importlib.import_module(name) for name in ("os", "inspect", "pluggy")]
    for module in [*modules, odd]:
        names = [*dir(module), *vars(module), "missing"]
        ours, theirs = _PluginManager("newslint"), pluggy.PluginManager("newslint")
        for name in names:
            assert ours.parse_hookimpl_opts(module, name) == theirs.parse_hookimpl_opts(
                module, name
            ), (module, name)


def test_every_check_module_is_a_builtin_plugin():
    """A new module under ``newslint.checks`` registers its rules with no list to update."""
    import pkgutil

    import newslint.checks
    from newslint.plugins import DEFAULT_PLUGINS, builtin_plugin_modules

    found = builtin_plugin_modules()
    modules = {
        f"newslint.checks.{info.name}"
        for info in pkgutil.iter_modules(newslint.checks.__path__)
        if not info.name.startswith("_")
    }
    assert found[: len(DEFAULT_PLUGINS)] == list(DEFAULT_PLUGINS)
    assert found[len(DEFAULT_PLUGINS) :] == sorted(modules)
    assert "newslint.checks.attribution" in modules
