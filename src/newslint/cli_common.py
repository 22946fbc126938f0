"""What every ``newslint`` command shares: exit codes, the usage error, the configuration
options, and how they resolve to one :class:`~newslint.config.Config` per input.

The lint command (:mod:`newslint.cli`), the subcommands (:mod:`newslint.commands`), corpus runs
(:mod:`newslint.pipelines.cli`) and the servers read their settings the same way through this
module, so none of them imports another command's module.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from newslint.report import EXIT_ERROR as EXIT_ERROR
from newslint.report import EXIT_FINDINGS as EXIT_FINDINGS
from newslint.report import EXIT_OK as EXIT_OK

if TYPE_CHECKING:
    import argparse

    from newslint.config import Config
    from newslint.diagnostics import Diagnostic
    from newslint.plugins import Registry
    from newslint.report import Tally


class UsageError(Exception):
    """A problem with the command line or configuration; printed as one line, exit 2."""


def _codes(values: Sequence[str] | None) -> tuple[str, ...] | None:
    """Codes and prefixes (upper-cased) or rule names (kept) from repeated, comma-separated
    option values."""
    import re

    if values is None:
        return None
    out: list[str] = []
    for value in values:
        for part in (part.strip() for part in value.split(",")):
            if part:
                looks_like_code = re.fullmatch(r"[A-Za-z]{1,4}[0-9]{0,3}", part)
                out.append(part.upper() if looks_like_code else part)
    return tuple(out)


def positive_int(value: str) -> int:
    import argparse

    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of 1 or more, got {value!r}")
    return number


def add_config_options(parser: argparse.ArgumentParser) -> None:
    import argparse

    group = parser.add_argument_group("configuration")
    group.add_argument("--config", metavar="FILE", help="use this config file for every input")
    group.add_argument("--isolated", action="store_true", help="ignore all config files")
    group.add_argument(
        "--no-plugins",
        action="store_true",
        help="do not load third-party plugins (also: NEWSLINT_DISABLE_PLUGIN_AUTOLOAD=1)",
    )
    group.add_argument(
        "--select",
        action="append",
        metavar="CODES",
        help="only these codes or prefixes (NL1,NL201)",
    )
    group.add_argument("--ignore", action="append", metavar="CODES", help="skip these codes")
    group.add_argument(
        "--extend-select", action="append", metavar="CODES", help="add codes to the selection"
    )
    group.add_argument(
        "--force-exclude",
        action=argparse.BooleanOptionalAction,
        help="apply 'exclude' to files named on the command line too (as pre-commit names them)",
    )
    group.add_argument(
        "--respect-gitignore",
        action=argparse.BooleanOptionalAction,
        help="leave out what git ignores when walking a folder (default: on)",
    )


def load_registry(no_plugins: bool) -> Registry:
    from newslint.packs import PackError
    from newslint.plugins import PluginError, get_registry

    try:
        return get_registry(autoload=not no_plugins)
    except (PluginError, PackError) as error:
        raise UsageError(str(error)) from None


def _check_cli_code(option: str, code: str, registry: Registry) -> None:
    """A code or prefix given on the command line must name at least one rule."""
    if code == "ALL" or any(known.startswith(code) for known in registry.rules):
        return
    import difflib

    # A letter typed for the digit it looks like ("NL1O1") is the likeliest slip in a code.
    upper = code.upper()
    lookalike = upper[:-3] + upper[-3:].translate(str.maketrans("OIL", "011"))
    choices = [*registry.rules, *(rule.name for rule in registry.rules.values())]
    close = [lookalike] if lookalike in registry.rules else []
    close = close or difflib.get_close_matches(code, choices, n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    raise UsageError(f"{option}: unknown rule code or name {code!r}{hint}")


def cli_overrides(args: argparse.Namespace) -> dict[str, object]:
    changes: dict[str, object] = {}
    if args.select is not None:
        changes["select"] = _codes(args.select)
    if getattr(args, "fail_on", None):
        changes["fail_on"] = args.fail_on
    for switch in ("force_exclude", "respect_gitignore"):
        if getattr(args, switch, None) is not None:
            changes[switch] = getattr(args, switch)
    if getattr(args, "rule_timeout", None):
        changes["rule_timeout"] = args.rule_timeout
    if getattr(args, "max_findings_per_rule", None) is not None:
        changes["max_findings_per_rule"] = args.max_findings_per_rule
    return changes


class ConfigResolver:
    """Config per input: --config, --isolated, or the nearest file; then command-line options."""

    def __init__(self, args: argparse.Namespace, registry: Registry) -> None:
        from newslint.config import Config, ConfigError

        self.args = args
        self.registry = registry
        self._by_file: dict[Path | None, Config] = {}
        #: The config file found for each folder: a folder of thousands of files is looked
        #: up once, not once per file (a dozen stat calls each).
        self._found_in: dict[Path, Path | None] = {}
        self._fixed: Config | None = None
        try:
            if args.config:
                self._fixed = self._finish(Config.from_file(args.config))
            elif args.isolated:
                self._fixed = self._finish(Config())
        except ConfigError as error:
            raise UsageError(str(error)) from None

    def _finish(self, config: Config) -> Config:
        """The file's configuration, checked, with the command line's codes over it.

        The file is checked on its own first, and the command line's codes after, so that a
        typo is blamed on where it was made (``--ignore NL1O1`` is a command-line error, not
        one in ``pyproject.toml``).
        """
        from newslint.config import ConfigError
        from newslint.packs import PackError
        from newslint.plugins import PluginError

        try:
            max_bytes = getattr(self.args, "max_size", None)
            registry = self.registry.with_packs(config.packs, max_bytes)
            config.validate(registry)
        except (ConfigError, PackError, PluginError) as error:
            raise UsageError(str(error)) from None
        changes = cli_overrides(self.args)
        names = {rule.name: code for code, rule in registry.rules.items()}

        def checked(option: str, values: Sequence[str] | None) -> tuple[str, ...]:
            codes = tuple(names.get(v, v) for v in _codes(values) or ())  # names to codes
            for code in codes:
                _check_cli_code(option, code, registry)
            return codes

        if self.args.select is not None:
            changes["select"] = checked("--select", self.args.select)
        extend = checked("--extend-select", self.args.extend_select)
        ignore = checked("--ignore", self.args.ignore)
        if extend:
            changes["extend_select"] = (*config.extend_select, *extend)
        if ignore:
            changes["ignore"] = (*config.ignore, *ignore)
        return config.merged(**changes) if changes else config

    def used(self) -> list[Config]:
        """Every configuration resolved so far (the one fixed by the command line, if any)."""
        return [self._fixed] if self._fixed is not None else list(self._by_file.values())

    def for_path(self, path: str) -> Config:
        if self._fixed is not None:
            return self._fixed
        from newslint.config import Config, ConfigError, find_config_file

        folder = Path(path).parent if path not in ("-", "<stdin>") else Path.cwd()
        if folder not in self._found_in:
            self._found_in[folder] = find_config_file(folder)
        found = self._found_in[folder]
        if found not in self._by_file:
            try:
                base = Config.from_file(found) if found else Config()
            except ConfigError as error:
                raise UsageError(str(error)) from None
            self._by_file[found] = self._finish(base)
        return self._by_file[found]


def exit_status(
    diagnostics: Sequence[Diagnostic],
    errors: Sequence[str],
    fail_on: str,
    exit_zero: bool,
    streamed: Tally | None = None,
) -> int:
    """The exit status of a run of ``diagnostics`` (plus those counted in ``streamed``)."""
    from newslint import report

    tally = report.Tally(diagnostics)
    if streamed is not None:
        tally = streamed.merged(tally)
    return report.exit_status(tally, fail_on, errors=errors, exit_zero=exit_zero)


def summary_line(
    diagnostics: Sequence[Diagnostic] | Tally, files: int, errors: int = 0, unsafe: bool = False
) -> str:
    """``Found 3 problems (1 error, 2 warnings, 0 info) in 2 files.`` (and what is fixable)."""
    from newslint.report import summary_line as line

    return line(diagnostics, files, errors, unsafe_fixes=unsafe)
