"""The ``newslint`` command.

``newslint [OPTIONS] PATH...`` lints files, folders, or ``-`` (standard input).
``newslint rules`` lists the rules, ``newslint explain CODE`` documents one, and
``newslint plugins`` lists the loaded plugins. ``newslint lsp`` is a language server for
editors and ``newslint serve`` an HTTP check API for CMSs (each needs its extra).

Exit codes: 0 when nothing reaches the ``--fail-on`` level; 1 when something does; 2 for a
usage, configuration or input error, or a rule that crashed (the other files are still linted
and reported).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from newslint._version import __version__
from newslint.cli_common import (
    EXIT_ERROR,
    EXIT_FINDINGS,
    EXIT_OK,
    ConfigResolver,
    UsageError,
    add_config_options,
    exit_status,
    load_registry,
    positive_int,
    summary_line,
)
from newslint.interrupts import Terminated, sigterm_interrupts

if TYPE_CHECKING:
    import argparse

    from newslint.config import Config
    from newslint.diagnostics import Diagnostic
    from newslint.engine import FileResult, Linter
    from newslint.fixes import FixRun
    from newslint.inputs import ReadPolicy
    from newslint.plugins import Registry
    from newslint.progress import Progress
    from newslint.readers import Reader
    from newslint.report import StreamedReport, Tally

#: The text styles of ``--output-format`` (ruff's names).
TEXT_STYLES = ("full", "concise")
SUBCOMMANDS = ("rules", "explain", "plugins", "check-pack", "lsp", "serve")


def _size_argument(value: str) -> int:
    import argparse

    from newslint.inputs import parse_size

    try:
        return parse_size(value)
    except (ValueError, IndexError):
        raise argparse.ArgumentTypeError(
            f"expected a size such as 100M, 2G or 500000, got {value!r}"
        ) from None


def _count_argument(value: str) -> int:
    import argparse

    if not value.isdigit():
        raise argparse.ArgumentTypeError(f"expected a whole number, 0 or more, got {value!r}")
    return int(value)


def _seconds_argument(value: str) -> float:
    import argparse
    import math

    try:
        number = float(value)
    except ValueError:
        number = 0.0
    if not 0 < number < math.inf:
        raise argparse.ArgumentTypeError(f"expected a positive number of seconds, got {value!r}")
    return number


def build_parser() -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(
        prog="newslint",
        description="Lint news articles: page furniture, unsourced figures, vague sources, "
        "hedging, filler and repetition.",
        epilog="Other commands: 'newslint rules', 'newslint explain CODE', 'newslint plugins', "
        "'newslint check-pack FILE', 'newslint lsp', 'newslint serve'. "
        "Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage or input error.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files, folders, or - for stdin")
    parser.add_argument("--version", action="version", version=f"newslint {__version__}")
    output = parser.add_argument_group("output")
    output.add_argument(
        "--format", default="text", metavar="NAME", help="text (default), json, sarif, github, html"
    )
    output.add_argument(
        "--output-format",
        metavar="STYLE",
        help="full (with the source line; the default at a terminal) or concise (one line per "
        "diagnostic; the default into a pipe or file); a --format name is accepted too",
    )
    output.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour the text report (auto: at a terminal, unless NO_COLOR is set)",
    )
    output.add_argument(
        "--show-fixes",
        action="store_true",
        help="show each fixable finding's fix (with --fix: what was fixed in each file)",
    )
    output.add_argument("--output-file", "-o", metavar="FILE", help="write the report here")
    output.add_argument(
        "--statistics",
        action="store_true",
        help="print the count of diagnostics per rule instead of the report",
    )
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
    inputs.add_argument(
        "--input-format",
        metavar="NAME",
        help="read every input as this format: text, markdown, jsonl (default: by extension)",
    )
    inputs.add_argument(
        "--text-field",
        default="text",
        metavar="KEY",
        help="JSON Lines corpus: the key holding each article's text (default: text)",
    )
    inputs.add_argument(
        "--id-field",
        default="id",
        metavar="KEY",
        help="JSON Lines corpus: the key whose value names each article in reports (default: id)",
    )
    inputs.add_argument(
        "--jobs",
        "-j",
        type=positive_int,
        metavar="N",
        help="lint in N processes (default: one per CPU for more than 8 files or a large "
        "corpus, else 1)",
    )
    inputs.add_argument(
        "--max-size",
        type=_size_argument,
        metavar="SIZE",
        help="largest file, standard input, corpus record or pack read (default: 100M)",
    )
    inputs.add_argument(
        "--read-devices",
        action="store_true",
        help="read devices, FIFOs and sockets named on the command line (default: refuse)",
    )
    inputs.add_argument(
        "--follow-links",
        action="store_true",
        help="lint (and fix) links in a folder that point outside it (default: skip them)",
    )
    inputs.add_argument(
        "--rule-timeout",
        type=_seconds_argument,
        metavar="SECONDS",
        help="time each rule may spend on a document per started MB (default: 10)",
    )
    inputs.add_argument(
        "--max-findings-per-rule",
        type=_count_argument,
        metavar="N",
        help="findings each rule reports per document; the rest are summed up in one "
        "(default: 1000; 0: no limit)",
    )
    fixing = parser.add_argument_group("fixes")
    fixing.add_argument(
        "--fix", action="store_true", help="apply safe fixes in place, then report what remains"
    )
    fixing.add_argument(
        "--diff", action="store_true", help="print the fixes as a unified diff; write nothing"
    )
    fixing.add_argument(
        "--unsafe-fixes",
        action="store_true",
        help="with --fix or --diff, also apply fixes that delete several lines or paragraphs",
    )
    add_config_options(parser)
    from newslint.pipelines.cli import add_options

    add_options(parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``newslint`` command; returns the exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    with sigterm_interrupts():
        return _main(args)


def _main(args: list[str]) -> int:
    debug = "--debug" in args
    try:
        if args and args[0] in SUBCOMMANDS:
            from newslint import commands

            return commands.run(args[0], args[1:])
        return lint_command(parse_args(args))
    except UsageError as error:
        print(f"newslint: error: {error}", file=sys.stderr)
        return EXIT_ERROR
    except Terminated:
        print("newslint: terminated", file=sys.stderr)
        return 143
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


#: What ``build_parser().parse_args(paths)`` gives besides ``paths`` when every argument is
#: a path (``tests/test_cli.py`` checks they agree).
PATHS_ONLY_DEFAULTS: dict[str, Any] = {
    "format": "text",
    "output_format": None,
    "color": "auto",
    "show_fixes": False,
    "output_file": None,
    "statistics": False,
    "quiet": False,
    "exit_zero": False,
    "fail_on": None,
    "debug": False,
    "stdin_filename": None,
    "encoding": None,
    "input_format": None,
    "text_field": "text",
    "id_field": "id",
    "jobs": None,
    "max_size": None,
    "read_devices": False,
    "follow_links": False,
    "rule_timeout": None,
    "max_findings_per_rule": None,
    "fix": False,
    "diff": False,
    "unsafe_fixes": False,
    "config": None,
    "isolated": False,
    "no_plugins": False,
    "select": None,
    "ignore": None,
    "extend_select": None,
    "force_exclude": None,
    "respect_gitignore": None,
    "scheduler": None,
    "shard": None,
    "drop": None,
    "max_findings": None,
    "output_dir": None,
}


def parse_args(args: Sequence[str]) -> argparse.Namespace:
    """The parsed command line.

    The commonest call, a pre-commit hook's ``newslint FILE...``, has no option to parse:
    it gets the defaults without building the parser, which costs a single-file run ~10 ms
    (``argparse`` with ``gettext``, ``shutil`` and ``locale``, and some forty arguments).
    """
    if args and not any(arg.startswith("-") for arg in args):
        from types import SimpleNamespace

        return SimpleNamespace(paths=list(args), **PATHS_ONLY_DEFAULTS)  # type: ignore[return-value]
    return build_parser().parse_args(args)


# --- configuration and plugins ----------------------------------------------------------------


# --- linting ----------------------------------------------------------------------------------


def lint_command(args: argparse.Namespace) -> int:
    from newslint.engine import Linter
    from newslint.formatters.escape import printable
    from newslint.pipelines.routing import wanted

    if wanted(args):  # attributes, a cleaned corpus, Dask, shards, NL110: a corpus run
        from newslint.pipelines.cli import run

        return run(args)
    if not args.paths:
        raise UsageError("no paths given (try 'newslint --help')")
    registry = load_registry(args.no_plugins)
    if args.output_format and args.output_format not in TEXT_STYLES:
        # ruff's spelling: --output-format json is --format json.
        if args.output_format not in registry.formatters or args.format not in (
            "text",
            args.output_format,
        ):
            choices = ", ".join([*TEXT_STYLES, *sorted(registry.formatters)])
            raise UsageError(
                f"--output-format: unknown style {args.output_format!r}; choose from {choices}"
            )
        args.format, args.output_format = args.output_format, None
    if args.format not in registry.formatters:
        raise UsageError(
            f"unknown format {args.format!r}; choose from {', '.join(sorted(registry.formatters))}"
        )
    resolver = ConfigResolver(args, registry)
    _configure_plugins(args, resolver)
    linter = Linter(registry, _plugin_manager(args), _read_policy(args))
    streamed = _streamed_report(args, registry)
    try:
        results, errors = lint_inputs(args, linter, resolver, streamed)
    except BaseException:
        _close_output(args, streamed)
        raise
    _drop_fixes_of_unfixable_formats(args, linter, results)
    fixes = _apply_fixes(args, linter, resolver, results) if args.fix or args.diff else None
    if fixes is not None:
        errors.extend(fixes.errors)
    for message in errors:
        print(f"newslint: error: {printable(message)}", file=sys.stderr)
    if fixes is not None and args.diff:
        return _report_diff(args, fixes, errors)
    if fixes is not None and args.paths == ["-"]:
        # ``--fix -``: the fixed text is the output (a filter for editors and scripts); the
        # report of what remains goes to standard error.
        _write_stdin_fix(fixes, results)
        args.report_to_stderr = True
    diagnostics = sorted(d for result in results for d in result.diagnostics)
    sources = {r.path: r.decoded.text for r in results if r.decoded is not None}
    for outcome in fixes.changed if fixes is not None else ():
        sources[outcome.path] = outcome.after.replace("\r\n", "\n").replace("\r", "\n")
    _report(args, registry, diagnostics, len(results), errors, streamed, sources, results)
    if fixes is not None and not args.quiet:
        if args.show_fixes:
            for outcome in fixes.changed:
                fixed = f"{outcome.fixed} fix{'es' if outcome.fixed != 1 else ''}"
                print(f"  {printable(outcome.path)}: {fixed} applied", file=sys.stderr)
        print(_fixed_line(fixes.fixed, len(fixes.changed), "Fixed"), file=sys.stderr)
    fail_on = (args.fail_on or _fail_on_from_configs(resolver)) or "warning"
    streamed_tally = streamed.tally if streamed is not None else None
    return exit_status(diagnostics, errors, fail_on, args.exit_zero, streamed_tally)


def _read_policy(args: argparse.Namespace) -> ReadPolicy:
    from newslint.inputs import DEFAULT_MAX_BYTES, ReadPolicy

    return ReadPolicy(args.max_size or DEFAULT_MAX_BYTES, args.read_devices)


def _streamed_report(args: argparse.Namespace, registry: Registry) -> StreamedReport | None:
    """The report to write corpus articles to as they are linted, when the format streams
    (and nothing is fixed)."""
    from newslint.report import StreamedReport

    if args.fix or args.diff:
        return None
    if args.statistics:
        # Only counts are wanted: each article is counted and nothing of it is written.
        from newslint.formatters import ReportStream

        writer: ReportStream | None = _Discard(registry.formatters[args.format], registry.rules)
    else:
        writer = _formatter(args, registry, {}).stream(registry.rules)
    if writer is None:
        return None

    def open_stream() -> TextIO:
        if not args.output_file:
            return sys.stdout
        try:
            return open(args.output_file, "w", encoding="utf-8", newline="\n")
        except OSError as error:
            raise UsageError(f"{args.output_file}: cannot write: {error.strerror}") from None

    return StreamedReport(writer, open_stream)


class _Discard:
    """A report writer that writes nothing (``--statistics`` counts a corpus's articles)."""

    def __init__(self, *_: object) -> None:
        pass

    def part(self, diagnostics: Sequence[Diagnostic]) -> str:
        return ""

    def end(self) -> str:
        return ""


def _close_output(args: argparse.Namespace, streamed: StreamedReport | None) -> None:
    if streamed is not None and streamed.stream is not None and args.output_file:
        streamed.stream.close()


def lint_inputs(
    args: argparse.Namespace,
    linter: Linter,
    resolver: ConfigResolver,
    streamed: StreamedReport | None = None,
) -> tuple[list[FileResult], list[str]]:
    """Lint every input in order. Inputs that cannot be linted give one-line errors instead,
    and never stop the others.

    The run is planned first (files found, configurations resolved), then linted, in this
    process or over ``--jobs`` worker processes; results come back in input order either
    way, so the report does not depend on ``--jobs``. Corpus inputs (JSON Lines) are streamed
    and give one result per article. When every input is a corpus and ``streamed`` is given,
    each article goes to it as soon as it is linted, and is not returned.
    """
    from newslint.engine import collect
    from newslint.inputs import BoundedLines, ReadError, open_input, output_is_input
    from newslint.parallel import Runner, Settings, default_jobs

    results: list[FileResult] = []
    errors: list[str] = []
    notes: list[str] = []  # inputs a folder held that are not linted (links out, FIFOs)
    forced = _input_reader(args, linter)
    configs: list[Config] = [resolver.for_path(_base_anchor(args))]
    indexes: dict[int, int] = {id(configs[0]): 0}

    def index_of(config: Config) -> int:
        if id(config) not in indexes:
            indexes[id(config)] = len(configs)
            configs.append(config)
        return indexes[id(config)]

    # Plan: ("error", message), ("stdin", index), ("files", [(path, index)]), ("corpus", ...).
    plan: list[tuple[str, Any]] = []
    for target in args.paths:
        if target == "-":
            config = resolver.for_path(args.stdin_filename or "<stdin>")
            plan.append(("stdin", index_of(config)))
            continue
        if not Path(target).exists() and not Path(target).is_symlink():
            plan.append(("error", f"{target}: no such file or directory"))
            continue
        base = resolver.for_path(str(Path(target) / "x") if Path(target).is_dir() else target)
        if forced is not None and forced.extensions and Path(target).is_dir():
            import dataclasses

            base = dataclasses.replace(base, include=tuple(f"*{e}" for e in forced.extensions))
        found = collect([target], base, follow_links=args.follow_links, skipped=notes.append)
        if Path(target).is_dir():
            if base.respect_gitignore:
                from newslint.walk import ignored_by_git

                ignored = ignored_by_git(target, found)
                found = [path for path in found if path not in ignored]
            if not found:
                looked = ", ".join(base.include)
                plan.append(("error", f"{target}: no files to lint (looked for {looked})"))
        elif base.force_exclude:
            from newslint.walk import excluded

            if excluded(target, base):
                continue
        for path in found:
            unknown = None if forced is not None else _unknown_format(linter, path)
            if unknown:
                plan.append(("error", unknown))
                continue
            index = index_of(resolver.for_path(path))
            corpus = forced if forced is not None else _corpus_reader(linter, path)
            if corpus is not None and corpus.corpus:
                plan.append(("corpus", (path, index, corpus)))
            elif plan and plan[-1][0] == "files":
                plan[-1][1].append((path, index))
            else:
                plan.append(("files", [(path, index)]))

    files = [item for kind, batch in plan if kind == "files" for item in batch]
    corpora = [item[0] for kind, item in plan if kind == "corpus"]
    if args.output_file:
        clash = output_is_input(args.output_file, [path for path, _ in files] + corpora)
        if clash:
            raise UsageError(
                f"--output-file {args.output_file} is also an input ({clash}); "
                "the report would overwrite it"
            )
    if not args.quiet:
        for note in notes:
            print(f"newslint: note: {note}", file=sys.stderr)
    sizes = [_size(path) for path, _ in files]
    corpus_bytes = sum(_size(path) for path in corpora)
    jobs = args.jobs or default_jobs(len(files), corpus_bytes)
    settings = Settings(
        no_plugins=args.no_plugins,
        configs=configs,
        encoding=args.encoding,
        reader=forced.name if forced is not None and not forced.corpus else None,
        options={"text_field": args.text_field, "id_field": args.id_field},
        policy=linter.policy,
    )
    bar = _progress_bar(args, len(files), bool(corpora) or any(k == "stdin" for k, _ in plan))
    bar.total = sum(sizes) + corpus_bytes
    runner = Runner(linter, settings, jobs, bar)
    corpus_stdin = forced is not None and forced.corpus
    if streamed is not None and not all(
        kind in ("corpus", "error") or (kind == "stdin" and corpus_stdin) for kind, _ in plan
    ):
        streamed = None  # files are reported together at the end, sorted
    if streamed is not None and not args.output_file and _is_terminal(sys.stdout):
        # The report shares the terminal with the bar: erase the bar before each article's
        # lines (it is drawn again when due). Into a pipe or a file, the bar stays put.
        streamed.before_write = bar.close

    def keep(result: FileResult) -> None:
        if result.error:
            errors.append(result.error)
        elif streamed is not None:
            streamed.take(result)
        else:
            results.append(result)

    try:
        for kind, item in plan:
            if kind == "error":
                errors.append(item)
            elif kind == "files":
                batch_sizes = sizes[: len(item)]
                sizes = sizes[len(item) :]
                for result in runner.lint_files(item, batch_sizes):
                    keep(result)
            elif kind == "corpus":
                path, index, reader = item
                try:
                    with open_input(path, linter.policy) as handle:
                        lines = BoundedLines(handle, path, linter.policy)
                        for result in runner.lint_corpus(lines, path, index, reader):
                            keep(result)
                except ReadError as error:
                    errors.append(str(error))
                except BrokenPipeError:
                    raise  # the report's reader went away (``| head``): not this input's fault
                except OSError as error:
                    errors.append(f"{path}: cannot read: {error.strerror or error}")
            elif forced is not None and forced.corpus:
                name = args.stdin_filename or "<stdin>"
                lines = BoundedLines(sys.stdin.buffer, name, linter.policy)
                try:
                    for result in runner.lint_corpus(lines, name, item, forced):
                        keep(result)
                except ReadError as error:
                    errors.append(str(error))
            else:
                keep(_lint_stdin(args, linter, resolver, forced))
    except KeyboardInterrupt:
        runner.abort()
        raise
    finally:
        runner.close()
        bar.close()
    return results, errors


def _drop_fixes_of_unfixable_formats(
    args: argparse.Namespace, linter: Linter, results: list[FileResult]
) -> None:
    """Findings in a format ``--fix`` does not edit (HTML) are reported without a fix."""
    import dataclasses

    forced = _input_reader(args, linter)
    for result in results:
        if not any(d.fix is not None for d in result.diagnostics):
            continue
        reader = forced or linter.reader_for(result.path)
        if not reader.fixes:
            result.diagnostics = [dataclasses.replace(d, fix=None) for d in result.diagnostics]


def _apply_fixes(
    args: argparse.Namespace, linter: Linter, resolver: ConfigResolver, results: list[FileResult]
) -> FixRun:
    """Fix the linted files (``--fix``) or work out the fixes only (``--diff``).

    Standard input and corpus articles are never fixed: there is no file to write back.
    """
    from newslint.fixes import fix_results

    forced = _input_reader(args, linter)
    reader = forced if forced is not None and not forced.corpus else None
    stdin_name = args.stdin_filename or "<stdin>"
    if "-" in args.paths and args.paths != ["-"] and not args.quiet:
        print(
            "newslint: note: standard input is fixed only when it is the only input",
            file=sys.stderr,
        )
    run = fix_results(
        linter,
        results,
        resolver.for_path,
        unsafe=args.unsafe_fixes,
        write=not args.diff,
        skip=(stdin_name,) if "-" in args.paths and args.paths != ["-"] else (),
        in_memory=(stdin_name,) if args.paths == ["-"] else (),
        reader=reader,
    )
    return run


def _write_stdin_fix(fixes: FixRun, results: list[FileResult]) -> None:
    """Write standard input's text, fixed, in its own newline style, to standard output."""
    for result in results:
        if result.decoded is None:
            continue
        outcome = next((o for o in fixes.outcomes if o.path == result.path), None)
        text = outcome.after if outcome is not None else result.decoded.text
        if result.decoded.newline != "\n":
            text = text.replace("\n", result.decoded.newline)
        sys.stdout.write(text)


def _report_diff(args: argparse.Namespace, fixes: FixRun, errors: list[str]) -> int:
    """``--diff``: the changes as unified diffs on stdout; exit 1 if any file would change."""
    from newslint.fixes import unified_diff

    changed = fixes.changed
    sys.stdout.write("".join(unified_diff(outcome) for outcome in changed))
    if not args.quiet:
        print(_fixed_line(fixes.fixed, len(changed), "Would fix"), file=sys.stderr)
    if errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if changed else EXIT_OK


def _fixed_line(fixed: int, files: int, verb: str) -> str:
    return (
        f"{verb} {fixed} problem{'s' if fixed != 1 else ''} "
        f"in {files} file{'s' if files != 1 else ''}."
    )


def _input_reader(args: argparse.Namespace, linter: Linter) -> Reader | None:
    """The reader ``--input-format`` names, if any."""
    if not args.input_format:
        return None
    readers = linter.registry.readers
    if args.input_format not in readers:
        raise UsageError(
            f"unknown input format {args.input_format!r}; choose from {', '.join(sorted(readers))}"
        )
    return readers[args.input_format]


def _unknown_format(linter: Linter, path: str) -> str | None:
    """The error for a file of a type no reader knows, or ``None``.

    A file whose extension no reader claims (nor a plugin's sniff hook) is refused rather
    than read as plain text: ``page.xml`` linted as prose would report its tags, or nothing,
    and either would be wrong. A file with no extension at all is read as plain text.
    """
    suffix = Path(path).suffix.lower()
    if not suffix or any(suffix in r.extensions for r in linter.registry.readers.values()):
        return None
    if linter.pm is not None:
        from newslint.inputs import ReadError, open_input

        try:  # within the read policy: a FIFO or a device named page.xml must not hang us
            with open_input(path, linter.policy) as handle:
                head = handle.read(4096).decode("utf-8", errors="replace")
        except (ReadError, OSError):
            head = ""
        if linter.pm.hook.newslint_sniff_format(path=path, head=head) in linter.registry.readers:  # type: ignore[attr-defined]
            return None
    known = sorted(linter.registry.readers)
    return (
        f"{path}: unknown file type {suffix!r}; name a format with --input-format "
        f"({', '.join(known)})"
    )


def _corpus_reader(linter: Linter, path: str) -> Reader | None:
    """The corpus reader that claims ``path`` by its extension (``.jsonl``), if one does."""
    suffix = Path(path).suffix.lower()
    for reader in linter.registry.readers.values():
        if reader.corpus and suffix in reader.extensions:
            return reader
    return None


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _progress_bar(args: argparse.Namespace, files: int, corpus: bool) -> Progress:
    """A bar on stderr for a long run at a terminal; otherwise one that draws nothing."""
    from newslint.parallel import PARALLEL_MIN_FILES
    from newslint.progress import NoProgress, Progress, wanted

    long_run = corpus or files > PARALLEL_MIN_FILES
    if not wanted(sys.stderr, quiet=args.quiet, long_run=long_run):
        return NoProgress()
    return Progress(0, sys.stderr, unit="articles" if corpus else "files")


def _plugin_manager(args: argparse.Namespace) -> object:
    from newslint.plugins import load_plugins

    return load_plugins(autoload=not args.no_plugins)[0]


def _configure_plugins(args: argparse.Namespace, resolver: ConfigResolver) -> None:
    """Tell plugins the run's base configuration: the one for the first input (so a
    ``--select`` naming a pack that only that input's config loads is valid)."""
    from newslint.plugins import configure, load_plugins

    pm, _ = load_plugins(autoload=not args.no_plugins)
    configure(pm, resolver.for_path(_base_anchor(args)))


def _base_anchor(args: argparse.Namespace) -> str:
    """A path whose configuration is the run's base one: the first input's, else the
    current folder's."""
    first = next((p for p in args.paths if p != "-"), None)
    if first is None or not Path(first).exists():
        return "./x"
    return str(Path(first) / "x") if Path(first).is_dir() else first


def _fail_on_from_configs(resolver: ConfigResolver) -> str:
    """The strictest ``fail-on`` of the configurations the run used."""
    from newslint.diagnostics import SEVERITY_RANK

    levels = [c.fail_on for c in resolver.used()]
    return min(levels, key=SEVERITY_RANK.__getitem__) if levels else "warning"


def _lint_stdin(
    args: argparse.Namespace, linter: Linter, resolver: ConfigResolver, reader: Reader | None
) -> FileResult:
    name = args.stdin_filename or "<stdin>"
    config = resolver.for_path(args.stdin_filename or "<stdin>")
    from newslint.engine import FileResult
    from newslint.inputs import ReadError, read_stream

    try:
        data = read_stream(sys.stdin.buffer, name, linter.policy)
    except ReadError as error:
        return FileResult(name, error=str(error))
    return linter.lint_bytes(data, name, config, encoding=args.encoding, reader=reader)


def _text_options(args: argparse.Namespace, sources: dict[str, str]) -> dict[str, object]:
    """The text formatter's settings from the command line (see ``--output-format``)."""
    to_terminal = not args.output_file and _is_terminal(sys.stdout)
    style = args.output_format or ("full" if to_terminal else "concise")
    if args.color == "always":
        color = True
    elif args.color == "never":
        color = False
    else:
        color = to_terminal and not os.environ.get("NO_COLOR")
    return {"style": style, "color": color, "show_fixes": args.show_fixes, "source": sources.get}


def _formatter(args: argparse.Namespace, registry: Registry, sources: dict[str, str]) -> Any:
    formatter = registry.formatters[args.format]
    if args.format == "text" and hasattr(formatter, "with_options"):
        return formatter.with_options(**_text_options(args, sources))
    return formatter


def _report(
    args: argparse.Namespace,
    registry: Registry,
    diagnostics: list[Diagnostic],
    files: int,
    errors: list[str],
    streamed: StreamedReport | None = None,
    sources: dict[str, str] | None = None,
    results: Sequence[FileResult] = (),
) -> None:
    from newslint.report import Tally

    tally = Tally(diagnostics)
    reported = diagnostics
    if errors and registry.formatters[args.format].reports_input_errors:
        from newslint.report import input_error

        failed = [input_error(message) for message in errors]
        reported = sorted([*diagnostics, *failed])
        if streamed is not None and streamed.stream is not None and not args.statistics:
            streamed.write(streamed.writer.part(failed))
    if streamed is not None:
        if streamed.stream is not None:
            # Every input was a corpus, and its articles are written: only the end is left.
            streamed.finish()
            _close_output(args, streamed)
        tally = tally.merged(streamed.tally)
        files += streamed.articles
    if args.statistics:
        # The table replaces the report, as ruff's does: as JSON with --format json.
        output = _statistics(tally, args.format)
    elif streamed is not None and streamed.stream is not None:
        output = None
    else:
        formatter = _formatter(args, registry, sources or {})
        if formatter.shows_text:
            output = formatter.format_results(results, registry.rules)
        else:
            output = formatter.format(reported, registry.rules)
    if output is not None:
        _write_output(args, output)
    if not args.quiet:
        print(summary_line(tally, files, len(errors), args.unsafe_fixes), file=sys.stderr)


def _write_output(args: argparse.Namespace, output: str) -> None:
    if not args.output_file:
        stdout = sys.stderr if getattr(args, "report_to_stderr", False) else sys.stdout
        stdout.write(output)
        return
    try:
        with open(args.output_file, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(output)
    except OSError as error:
        raise UsageError(f"{args.output_file}: cannot write: {error.strerror}") from None


def _statistics(tally: Tally, format: str = "text") -> str:
    """Diagnostics per rule: a table, or with ``--format json`` a list of objects."""
    rows = sorted(tally.by_rule.items())
    if format == "json":
        import json

        table = [{"code": code, "name": name, "count": count} for (code, name), count in rows]
        return json.dumps(table, indent=2) + "\n"
    return "".join(f"{count:>5}  {code}  {name}\n" for (code, name), count in rows)
