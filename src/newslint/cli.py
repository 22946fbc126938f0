"""The ``newslint`` command.

``newslint [OPTIONS] PATH...`` lints files, folders, or ``-`` (standard input).
``newslint rules`` lists the rules, ``newslint explain CODE`` documents one, and
``newslint plugins`` lists the loaded plugins.

Exit codes: 0 when nothing reaches the ``--fail-on`` level; 1 when something does; 2 for a
usage, configuration or input error, or a rule that crashed (the other files are still linted
and reported).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from newslint._version import __version__

if TYPE_CHECKING:
    from newslint.config import Config
    from newslint.diagnostics import Diagnostic
    from newslint.engine import FileResult, Linter
    from newslint.plugins import Registry

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
SUBCOMMANDS = ("rules", "explain", "plugins")


class UsageError(Exception):
    """A problem with the command line or configuration; printed as one line, exit 2."""


def _codes(values: Sequence[str] | None) -> tuple[str, ...] | None:
    if values is None:
        return None
    out: list[str] = []
    for value in values:
        out.extend(part.strip().upper() for part in value.split(",") if part.strip())
    return tuple(out)


def _add_config_options(parser: argparse.ArgumentParser) -> None:
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newslint",
        description="Lint news articles: page furniture, unsourced figures, vague sources, "
        "hedging, filler and repetition.",
        epilog="Other commands: 'newslint rules', 'newslint explain CODE', 'newslint plugins'. "
        "Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage or input error.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files, folders, or - for stdin")
    parser.add_argument("--version", action="version", version=f"newslint {__version__}")
    output = parser.add_argument_group("output")
    output.add_argument(
        "--format", default="text", metavar="NAME", help="text (default), json, sarif, github"
    )
    output.add_argument("--output-file", "-o", metavar="FILE", help="write the report here")
    output.add_argument("--statistics", action="store_true", help="count diagnostics per rule")
    output.add_argument("--quiet", "-q", action="store_true", help="print diagnostics only")
    output.add_argument(
        "--exit-zero", action="store_true", help="exit 0 even when there are findings"
    )
    output.add_argument(
        "--fail-on",
        choices=("info", "warning", "error"),
        help="lowest severity that makes the exit status 1 (default: warning)",
    )
    output.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    inputs = parser.add_argument_group("input")
    inputs.add_argument(
        "--stdin-filename", metavar="NAME", help="name (and format) for text read from -"
    )
    inputs.add_argument("--encoding", metavar="NAME", help="decode inputs with this encoding")
    _add_config_options(parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``newslint`` command; returns the exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    try:
        if args and args[0] in SUBCOMMANDS:
            from newslint import commands

            return commands.run(args[0], args[1:])
        return lint_command(build_parser().parse_args(args))
    except UsageError as error:
        print(f"newslint: error: {error}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("newslint: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as error:  # the last line of defence: one line, never a traceback
        if debug:
            raise
        print(
            f"newslint: internal error: {type(error).__name__}: {error} (rerun with --debug)",
            file=sys.stderr,
        )
        return EXIT_ERROR


# --- configuration and plugins ----------------------------------------------------------------


def load_registry(no_plugins: bool) -> Registry:
    from newslint.packs import PackError
    from newslint.plugins import PluginError, get_registry

    try:
        return get_registry(autoload=not no_plugins)
    except (PluginError, PackError) as error:
        raise UsageError(str(error)) from None


def cli_overrides(args: argparse.Namespace) -> dict[str, object]:
    changes: dict[str, object] = {}
    if args.select is not None:
        changes["select"] = _codes(args.select)
    if getattr(args, "fail_on", None):
        changes["fail_on"] = args.fail_on
    return changes


class ConfigResolver:
    """Config per input: --config, --isolated, or the nearest file; then command-line options."""

    def __init__(self, args: argparse.Namespace, registry: Registry) -> None:
        from newslint.config import Config, ConfigError

        self.args = args
        self.registry = registry
        self._by_file: dict[Path | None, Config] = {}
        self._fixed: Config | None = None
        try:
            if args.config:
                self._fixed = self._finish(Config.from_file(args.config))
            elif args.isolated:
                self._fixed = self._finish(Config())
        except ConfigError as error:
            raise UsageError(str(error)) from None

    def _finish(self, config: Config) -> Config:
        from newslint.config import ConfigError
        from newslint.packs import PackError
        from newslint.plugins import PluginError

        changes = cli_overrides(self.args)
        extend = _codes(self.args.extend_select) or ()
        ignore = _codes(self.args.ignore) or ()
        if extend:
            changes["extend_select"] = (*config.extend_select, *extend)
        if ignore:
            changes["ignore"] = (*config.ignore, *ignore)
        config = config.merged(**changes) if changes else config
        try:
            registry = self.registry.with_packs(config.packs) if config.packs else self.registry
            config.validate(registry)
        except (ConfigError, PackError, PluginError) as error:
            raise UsageError(str(error)) from None
        return config

    def for_path(self, path: str) -> Config:
        if self._fixed is not None:
            return self._fixed
        from newslint.config import Config, ConfigError, find_config_file

        folder = Path(path).parent if path not in ("-", "<stdin>") else Path.cwd()
        found = find_config_file(folder)
        if found not in self._by_file:
            try:
                base = Config.from_file(found) if found else Config()
            except ConfigError as error:
                raise UsageError(str(error)) from None
            self._by_file[found] = self._finish(base)
        return self._by_file[found]


# --- linting ----------------------------------------------------------------------------------


def lint_command(args: argparse.Namespace) -> int:
    from newslint.engine import Linter

    if not args.paths:
        raise UsageError("no paths given (try 'newslint --help')")
    registry = load_registry(args.no_plugins)
    if args.format not in registry.formatters:
        raise UsageError(
            f"unknown format {args.format!r}; choose from {', '.join(sorted(registry.formatters))}"
        )
    resolver = ConfigResolver(args, registry)
    _configure_plugins(args, resolver)
    linter = Linter(registry, _plugin_manager(args))
    results, errors = lint_inputs(args, linter, resolver)
    for message in errors:
        print(f"newslint: error: {message}", file=sys.stderr)
    diagnostics = sorted(d for result in results for d in result.diagnostics)
    _report(args, registry, diagnostics, len(results), errors)
    fail_on = (args.fail_on or _fail_on_from_configs(resolver)) or "warning"
    return exit_status(diagnostics, errors, fail_on, args.exit_zero)


def lint_inputs(
    args: argparse.Namespace, linter: Linter, resolver: ConfigResolver
) -> tuple[list[FileResult], list[str]]:
    """Lint every input in order. Inputs that cannot be linted give one-line errors instead,
    and never stop the others."""
    from newslint.engine import collect

    results: list[FileResult] = []
    errors: list[str] = []

    def keep(result: FileResult) -> None:
        if result.error:
            errors.append(result.error)
        else:
            results.append(result)

    for target in args.paths:
        if target == "-":
            keep(_lint_stdin(args, linter, resolver))
            continue
        if not Path(target).exists() and not Path(target).is_symlink():
            errors.append(f"{target}: no such file or directory")
            continue
        base = resolver.for_path(str(Path(target) / "x") if Path(target).is_dir() else target)
        found = collect([target], base)
        if not found and Path(target).is_dir():
            errors.append(f"{target}: no files to lint (looked for {', '.join(base.include)})")
        for path in found:
            keep(linter.lint_file(path, resolver.for_path(path), encoding=args.encoding))
    return results, errors


def _plugin_manager(args: argparse.Namespace) -> object:
    from newslint.plugins import load_plugins

    return load_plugins(autoload=not args.no_plugins)[0]


def _configure_plugins(args: argparse.Namespace, resolver: ConfigResolver) -> None:
    """Tell plugins the run's base configuration (the one for the current folder)."""
    from newslint.plugins import configure, load_plugins

    pm, _ = load_plugins(autoload=not args.no_plugins)
    configure(pm, resolver.for_path("./x"))


def _fail_on_from_configs(resolver: ConfigResolver) -> str:
    if resolver._fixed is not None:
        return resolver._fixed.fail_on
    levels = [c.fail_on for c in resolver._by_file.values()]
    from newslint.diagnostics import SEVERITY_RANK

    return min(levels, key=SEVERITY_RANK.__getitem__) if levels else "warning"


def _lint_stdin(args: argparse.Namespace, linter: Linter, resolver: ConfigResolver) -> FileResult:
    name = args.stdin_filename or "<stdin>"
    config = resolver.for_path(args.stdin_filename or "<stdin>")
    return linter.lint_bytes(sys.stdin.buffer.read(), name, config, encoding=args.encoding)


def exit_status(
    diagnostics: Sequence[Diagnostic], errors: Sequence[str], fail_on: str, exit_zero: bool
) -> int:
    from newslint.diagnostics import SEVERITY_RANK
    from newslint.engine import INTERNAL_ERROR

    if errors or any(d.code == INTERNAL_ERROR for d in diagnostics):
        return EXIT_ERROR
    if exit_zero:
        return EXIT_OK
    threshold = SEVERITY_RANK[fail_on]
    if any(SEVERITY_RANK[d.severity] >= threshold for d in diagnostics):
        return EXIT_FINDINGS
    return EXIT_OK


def _report(
    args: argparse.Namespace,
    registry: Registry,
    diagnostics: list[Diagnostic],
    files: int,
    errors: list[str],
) -> None:
    formatter = registry.formatters[args.format]
    output = formatter.format(diagnostics, registry.rules)
    stats = _statistics(diagnostics) if args.statistics else ""
    if args.output_file:
        try:
            with open(args.output_file, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(output)
        except OSError as error:
            raise UsageError(f"{args.output_file}: cannot write: {error.strerror}") from None
    else:
        sys.stdout.write(output)
    if stats:
        stream: TextIO = (
            sys.stdout if args.format == "text" and not args.output_file else sys.stderr
        )
        stream.write(stats)
    if not args.quiet:
        print(summary_line(diagnostics, files, len(errors)), file=sys.stderr)


def _statistics(diagnostics: Sequence[Diagnostic]) -> str:
    counts = Counter((d.code, d.name) for d in diagnostics)
    return "".join(
        f"{count:>5}  {code}  {name}\n" for (code, name), count in sorted(counts.items())
    )


def summary_line(diagnostics: Sequence[Diagnostic], files: int, errors: int = 0) -> str:
    """``Found 3 problems (1 error, 2 warnings, 0 info) in 2 files.``"""
    counts = Counter(d.severity for d in diagnostics)
    total = len(diagnostics)
    parts = (
        f"{counts['error']} error{'s' if counts['error'] != 1 else ''}, "
        f"{counts['warning']} warning{'s' if counts['warning'] != 1 else ''}, "
        f"{counts['info']} info"
    )
    line = (
        f"Found {total} problem{'s' if total != 1 else ''} ({parts}) "
        f"in {files} file{'s' if files != 1 else ''}"
    )
    if errors:
        line += f"; {errors} input error{'s' if errors != 1 else ''}"
    return line + "."
