"""The subcommands: ``rules``, ``explain`` and ``plugins`` here; ``lsp`` and ``serve``, the
editor and CMS servers, in their own modules (imported only when run)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from newslint.cli import EXIT_ERROR, EXIT_OK, ConfigResolver, UsageError, _add_config_options


def run(command: str, argv: Sequence[str]) -> int:
    if command in ("lsp", "serve"):
        import importlib

        return importlib.import_module(f"newslint.{command}").main(argv)
    return {"rules": rules_command, "explain": explain_command, "plugins": plugins_command}[
        command
    ](argv)


def _setup(parser: argparse.ArgumentParser, argv: Sequence[str]):  # type: ignore[no-untyped-def]
    from newslint.cli import load_registry

    args = parser.parse_args(argv)
    registry = load_registry(args.no_plugins)
    return args, registry


def rules_command(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="newslint rules",
        description="List every rule: code, name, category, default severity, and whether it "
        "is enabled under the configuration found from the current folder.",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text")
    _add_config_options(parser)
    args, registry = _setup(parser, argv)
    args.fail_on = None
    config = ConfigResolver(args, registry).for_path("./x")
    rules = ((config and registry.with_packs(config.packs)) or registry).sorted_rules()
    rows = [
        {
            "code": rule.code,
            "name": rule.name,
            "category": rule.category,
            "severity": config.severity_of(rule),
            "default_severity": rule.severity,
            "enabled": config.is_enabled(rule),
            "fix": rule.fix,
            "summary": rule.summary,
            "plugin": rule.plugin,
        }
        for rule in rules
    ]
    if args.format == "json":
        print(json.dumps(rows, indent=2))
        return EXIT_OK
    widths = {
        key: max(len(key), *(len(str(r[key])) for r in rows))
        for key in ("code", "name", "category")
    }
    header = (
        f"{'code':<{widths['code']}}  {'name':<{widths['name']}}  "
        f"{'category':<{widths['category']}}  severity  enabled  summary"
    )
    print(header)
    for r in rows:
        print(
            f"{r['code']:<{widths['code']}}  {r['name']:<{widths['name']}}  "
            f"{r['category']:<{widths['category']}}  {r['default_severity']:<8}  "
            f"{'yes' if r['enabled'] else 'no':<7}  {r['summary']}"
        )
    return EXIT_OK


def explain_command(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="newslint explain", description="Print a rule's documentation and examples."
    )
    parser.add_argument("rule", metavar="CODE", help="a rule code (NL201) or name (vague-source)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--no-plugins", action="store_true")
    args, registry = _setup(parser, argv)
    wanted = args.rule.strip()
    rule = registry.rules.get(wanted.upper()) or next(
        (r for r in registry.rules.values() if r.name == wanted), None
    )
    if rule is None:
        import difflib

        choices = [*registry.rules, *(r.name for r in registry.rules.values())]
        close = difflib.get_close_matches(wanted, choices, n=1)
        hint = f" (did you mean {close[0]}?)" if close else ""
        raise UsageError(f"no rule {wanted!r}{hint}; 'newslint rules' lists them")
    if args.format == "json":
        print(
            json.dumps(
                {
                    "code": rule.code,
                    "name": rule.name,
                    "category": rule.category,
                    "severity": rule.severity,
                    "enabled": rule.enabled,
                    "fix": rule.fix,
                    "summary": rule.summary,
                    "sections": rule.doc_sections(),
                    "options": dict(rule.default_options),
                    "fire": list(rule.fire),
                    "quiet": list(rule.quiet),
                },
                indent=2,
            )
        )
        return EXIT_OK
    from newslint.docs import rule_markdown

    sys.stdout.write(rule_markdown(rule))
    return EXIT_OK


def plugins_command(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="newslint plugins", description="List loaded plugins and what they contribute."
    )
    parser.add_argument("--all", action="store_true", help="include built-in plugins")
    parser.add_argument("--hook", action="store_true", help="also list the hooks each implements")
    parser.add_argument("--no-plugins", action="store_true")
    args = parser.parse_args(argv)
    from newslint.packs import PackError
    from newslint.plugins import PluginError, load_plugins

    try:
        pm, registry = load_plugins(autoload=not args.no_plugins)
    except (PluginError, PackError) as error:
        raise UsageError(str(error)) from None
    shown = 0
    for name, plugin in sorted(pm.list_name_plugin(), key=lambda item: item[0]):
        builtin = name.startswith("newslint.")
        if builtin and not args.all:
            continue
        shown += 1
        codes = registry.plugins.get(name, [])
        print(f"{name}{'  (built-in)' if builtin else ''}")
        if codes:
            print(f"  rules: {', '.join(codes)}")
        if args.hook:
            hooks = sorted(h.name for h in pm.get_hookcallers(plugin) or ())
            print(f"  hooks: {', '.join(hooks)}")
    for pack in registry.packs:
        if args.all:
            shown += 1
            print(f"pack {pack.name}  (built-in)")
            print(f"  rules: {', '.join(registry.plugins.get(f'newslint:rules/{pack.name}', []))}")
    if not shown:
        print("no third-party plugins loaded (use --all to list the built-in ones)")
    return EXIT_OK if shown or not args.all else EXIT_ERROR
