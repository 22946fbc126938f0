"""The subcommands: ``rules``, ``explain``, ``plugins`` and ``check-pack`` here; ``lsp`` and
``serve``, the editor and CMS servers, in their own modules (imported only when run)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from newslint.cli_common import (
    EXIT_ERROR,
    EXIT_FINDINGS,
    EXIT_OK,
    ConfigResolver,
    UsageError,
    add_config_options,
)
from newslint.config import option_name


def run(command: str, argv: Sequence[str]) -> int:
    if command in ("lsp", "serve"):
        import importlib

        return importlib.import_module(f"newslint.{command}").main(argv)
    commands = {
        "rules": rules_command,
        "explain": explain_command,
        "plugins": plugins_command,
        "check-pack": check_pack_command,
    }
    return commands[command](argv)


def _setup(parser: argparse.ArgumentParser, argv: Sequence[str]):  # type: ignore[no-untyped-def]
    from newslint.cli_common import load_registry

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
    add_config_options(parser)
    args, registry = _setup(parser, argv)
    args.fail_on = None
    config = ConfigResolver(args, registry).for_path("./x")
    rules = registry.with_packs(config.packs).sorted_rules()
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
        f"{'category':<{widths['category']}}  severity  enabled  fix     summary"
    )
    print(header)
    for r in rows:
        print(
            f"{r['code']:<{widths['code']}}  {r['name']:<{widths['name']}}  "
            f"{r['category']:<{widths['category']}}  {r['default_severity']:<8}  "
            f"{'yes' if r['enabled'] else 'no':<7}  {r['fix']:<6}  {r['summary']}"
        )
    return EXIT_OK


def explain_command(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="newslint explain", description="Print a rule's documentation and examples."
    )
    parser.add_argument("rule", metavar="CODE", help="a rule code (NL201) or name (vague-source)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument(
        "--config", metavar="FILE", help="use this config file (its packs' rules are explained)"
    )
    parser.add_argument("--isolated", action="store_true", help="ignore all config files")
    parser.add_argument("--no-plugins", action="store_true")
    args, registry = _setup(parser, argv)
    # The rules of the packs the configuration loads (found from the current folder, as
    # ``newslint rules`` does) are explained too.
    args.select = args.ignore = args.extend_select = args.fail_on = None
    config = ConfigResolver(args, registry).for_path("./x")
    if config.packs:
        registry = registry.with_packs(config.packs)
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
                    "options": {
                        option_name(key): value for key, value in rule.default_options.items()
                    },
                    "fire": list(rule.fire),
                    "quiet": list(rule.quiet),
                },
                indent=2,
            )
        )
        return EXIT_OK
    from newslint.rule_docs import rule_markdown

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


def check_pack_command(argv: Sequence[str]) -> int:
    """``newslint check-pack FILE...``: load rule packs and run each rule's examples."""
    parser = argparse.ArgumentParser(
        prog="newslint check-pack",
        description="Load rule packs and check their rules' examples: every 'fire' example "
        "must be flagged by its rule, every 'quiet' example must not. Exit 0 when all "
        "behave, 1 when an example does not, 2 when a pack cannot be loaded.",
    )
    parser.add_argument("packs", nargs="+", metavar="FILE", help="rule pack files (TOML)")
    parser.add_argument("--no-plugins", action="store_true")
    args, registry = _setup(parser, argv)
    from pathlib import Path

    from newslint.lexicon import builtin_packs_dir
    from newslint.packs import PackError
    from newslint.plugins import PluginError
    from newslint.testing import example_failures

    shipped = builtin_packs_dir().resolve()
    status = EXIT_OK
    for pack in args.packs:
        if Path(pack).resolve().parent == shipped:
            # One of newslint's own packs, edited in a checkout: its rules are already loaded.
            plugin = f"newslint:rules/{Path(pack).name}"
            rules = [rule for rule in registry.rules.values() if rule.plugin == plugin]
        else:
            try:
                extended = registry.with_packs([Path(pack)])
            except (PackError, PluginError, OSError, UsageError) as error:
                print(f"newslint: error: {error}", file=sys.stderr)
                status = EXIT_ERROR
                continue
            added = sorted(set(extended.rules) - set(registry.rules))
            rules = [extended.rules[code] for code in added]
        problems = [problem for rule in rules for problem in example_failures(rule)]
        for problem in problems:
            print(f"{pack}: {problem}")
        examples = sum(len(rule.fire) + len(rule.quiet) for rule in rules)
        verdict = f"{len(problems)} failed" if problems else "all behave"
        print(f"{pack}: {len(rules)} rules, {examples} examples: {verdict}", file=sys.stderr)
        if problems and status == EXIT_OK:
            status = EXIT_FINDINGS
    return status
