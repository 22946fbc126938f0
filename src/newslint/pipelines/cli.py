"""The command line's corpus runs: ``--format attributes``, ``--fix`` and ``--drop`` on a
corpus, ``--scheduler``, ``--shard`` and NL110.

``newslint`` hands a run here (:func:`newslint.pipelines.routing.wanted`) when it needs what
only a whole-corpus run can do; every other run stays on the usual path. Inputs are JSON
Lines corpora (``.jsonl``, ``.ndjson``, either gzipped), folders of them, or ``-`` with
``--input-format jsonl``.

- ``--format attributes`` writes one dolma attributes row per record, in corpus order.
- ``--fix`` writes a cleaned corpus to ``--output-file`` (or standard output for ``-``); a
  corpus is never changed in place.
- ``--drop CODES`` and ``--max-findings N`` write the records that pass, byte for byte.
- ``--scheduler tcp://HOST:PORT`` sends chunks of records to a running Dask scheduler;
  ``--scheduler local`` starts a ``distributed.LocalCluster`` of ``--jobs`` workers.
- ``--shard I/N --output-dir DIR`` processes the I-th of N slices of the input files
  (0-based), one output file and one completion marker per input file in ``DIR``; a rerun
  skips the files whose marker exists. ``--statistics`` then prints the counts of every
  finished file in ``DIR`` (all shards so far) as JSON.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    import argparse

    from newslint.pipelines.article import ArticleLinter
    from newslint.pipelines.corpus import DropPolicy, Fields, Mode, RecordResult
    from newslint.plugins import Registry
    from newslint.report import Tally

from newslint.pipelines.routing import ATTRIBUTES, is_corpus_path

#: What each mode's output file in ``--output-dir`` is called after its input's stem.
SUFFIXES = {
    "annotate": ".findings",
    "attributes": ".attributes.jsonl",
    "clean": ".jsonl",
    "filter": ".kept.jsonl",
}
#: The extension of a report written to ``--output-dir``, by format (others: ``.txt``).
REPORT_EXTENSIONS = {"json": ".json", "sarif": ".sarif"}
MARKER_SUFFIX = ".done.json"


def add_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group(
        "corpora and pipelines (JSON Lines inputs)",
        "--format attributes writes one dolma attributes row per record; --fix writes a "
        "cleaned corpus to --output-file (never in place). See docs/pipelines.md.",
    )
    group.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="lint on Dask: tcp://HOST:PORT of a running scheduler, or 'local' for a "
        "LocalCluster of --jobs workers (needs newslint[dask])",
    )
    group.add_argument(
        "--shard",
        metavar="I/N",
        help="process the I-th (0-based) of N slices of the input files; needs --output-dir",
    )
    group.add_argument(
        "--drop",
        action="append",
        metavar="CODES",
        help="filter a corpus: write only the records with fewer findings of these codes or "
        "prefixes than their limit (NL101,NL6:3 drops at one NL101 or three NL6xx)",
    )
    group.add_argument(
        "--max-findings",
        type=int,
        metavar="N",
        help="filter a corpus: drop the records with more than N findings",
    )
    group.add_argument(
        "--output-dir",
        metavar="DIR",
        help="one output file and one completion marker per input corpus; finished ones are "
        "skipped when the run is repeated",
    )


class CorpusUsageError(Exception):
    """A corpus run that cannot start; printed as one line, exit 2."""


def run(args: argparse.Namespace) -> int:
    """Run the corpus command line; returns the exit status."""
    from newslint.cli_common import (
        ConfigResolver,
        UsageError,
        exit_status,
        load_registry,
        summary_line,
    )
    from newslint.config import ConfigError
    from newslint.pipelines.corpus import WINDOW_PER_WORKER, Fields

    try:
        mode = _mode(args)
        inputs = _inputs(args)
        registry = load_registry(args.no_plugins)
        _check_format(args, registry, mode)
        resolver = ConfigResolver(args, registry)
        config = resolver.for_path(next((p for p in inputs if p != "-"), "<stdin>"))
        selected = _shard(args, inputs)
        policy = _policy(args)
    except CorpusUsageError as error:
        raise UsageError(str(error)) from None
    from newslint.pipelines.article import ArticleLinter

    linter = ArticleLinter(config, plugins=not args.no_plugins)
    try:
        linter.linter  # noqa: B018  (load the rules now, to report a bad config before any work)
    except ConfigError as error:
        raise UsageError(str(error)) from None
    fields = Fields(text=args.text_field, id=args.id_field)
    errors: list[str] = []
    total = Counted()
    with _executor(args, selected) as (submit, workers):
        if "NL110" in linter.codes():
            linter = _learn(linter, [p for p in inputs if p != "-"], fields, submit)
        window = workers * WINDOW_PER_WORKER
        run = _Run(args, registry, linter, mode, fields, submit, window, policy)
        for path in selected:
            counted = run.one_input(path, errors)
            if counted is not None:
                total = total.merged(counted)
        run.close()
    for message in errors:
        print(f"newslint: error: {message}", file=sys.stderr)
    if args.statistics:
        statistics = _statistics(args, total, len(errors))
        print(json.dumps(statistics, indent=2), file=sys.stderr)
    if not args.quiet:
        if mode == "clean":
            print(f"Fixed {run.fixed} problems in {run.changed} articles.", file=sys.stderr)
        if mode == "filter":
            print(_dropped_line(total), file=sys.stderr)
        print(summary_line(total.tally, total.articles, len(errors)), file=sys.stderr)
    fail_on = args.fail_on or config.fail_on
    return exit_status([], errors, fail_on, args.exit_zero, total.tally)


@dataclass(slots=True)
class Counted:
    """What a run or one input counted: findings (of the articles written, in ``filter``
    mode), articles, and articles dropped by reason."""

    tally: Tally = field(default_factory=lambda: _tally())
    articles: int = 0
    dropped: dict[str, int] = field(default_factory=dict)

    def merged(self, other: Counted) -> Counted:
        dropped = dict(self.dropped)
        for reason, count in other.dropped.items():
            dropped[reason] = dropped.get(reason, 0) + count
        return Counted(self.tally.merged(other.tally), self.articles + other.articles, dropped)


def _tally() -> Tally:
    from newslint.report import Tally

    return Tally()


def _dropped_line(total: Counted) -> str:
    dropped = sum(total.dropped.values())
    reasons = ", ".join(f"{reason} {count}" for reason, count in sorted(total.dropped.items()))
    return f"Kept {total.articles - dropped} of {total.articles} articles; dropped {dropped}" + (
        f" ({reasons})." if reasons else "."
    )


def _mode(args: argparse.Namespace) -> Mode:
    if args.diff:
        raise CorpusUsageError("--diff does not apply to corpora; use --fix with --output-file")
    if args.drop or args.max_findings is not None:
        if args.fix or args.format == ATTRIBUTES:
            raise CorpusUsageError(
                "--drop and --max-findings filter a corpus on their own; run "
                "--fix or --format attributes on the kept corpus"
            )
        return "filter"
    if args.fix:
        if args.format == ATTRIBUTES:
            raise CorpusUsageError("--fix writes a cleaned corpus; it has no attributes format")
        return "clean"
    return "attributes" if args.format == ATTRIBUTES else "annotate"


def _inputs(args: argparse.Namespace) -> list[str]:
    """The corpora named on the command line, folders expanded (sorted)."""
    if not args.paths:
        raise CorpusUsageError("no paths given (try 'newslint --help')")
    out: list[str] = []
    for target in args.paths:
        if target == "-":
            if args.input_format not in (None, "jsonl"):
                raise CorpusUsageError(f"corpus runs read JSON Lines, not {args.input_format}")
            out.append(target)
        elif Path(target).is_dir():
            found = sorted(str(p) for p in Path(target).rglob("*") if is_corpus_path(str(p)))
            if not found:
                raise CorpusUsageError(f"{target}: no JSON Lines corpora (.jsonl, .jsonl.gz)")
            out.extend(found)
        elif is_corpus_path(target) or args.input_format == "jsonl":
            out.append(target)
        else:
            raise CorpusUsageError(
                f"{target}: not a JSON Lines corpus (.jsonl, .ndjson, .jsonl.gz); "
                "this option works on corpora only"
            )
    return out


def _check_format(args: argparse.Namespace, registry: Registry, mode: Mode) -> None:
    if mode == "annotate" and args.format not in registry.formatters:
        choices = ", ".join(sorted([*registry.formatters, ATTRIBUTES]))
        raise CorpusUsageError(f"unknown format {args.format!r}; choose from {choices}")
    if mode == "clean" and not args.output_file and not args.output_dir and args.paths != ["-"]:
        raise CorpusUsageError(
            "a corpus is never fixed in place: name the cleaned corpus with --output-file "
            "(or --output-dir), or read it from - to write it to standard output"
        )
    if args.shard and not args.output_dir:
        raise CorpusUsageError("--shard needs --output-dir, where each corpus's marker goes")
    if args.output_dir and args.output_file:
        raise CorpusUsageError("give --output-file or --output-dir, not both")
    if args.output_dir and "-" in args.paths:
        raise CorpusUsageError("--output-dir names outputs after input files; - has no name")


def _policy(args: argparse.Namespace) -> DropPolicy | None:
    """``--drop NL101,NL6:3`` and ``--max-findings N`` as a :class:`DropPolicy`."""
    from newslint.pipelines.corpus import DropPolicy

    if not args.drop and args.max_findings is None:
        return None
    drop: dict[str, int] = {}
    for value in args.drop or ():
        for item in value.split(","):
            code, _, limit = item.strip().upper().partition(":")
            if not code:
                continue
            if limit and not (limit.isdigit() and int(limit) >= 1):
                raise CorpusUsageError(
                    f"--drop {item.strip()!r}: the limit after ':' must be 1 or more"
                )
            drop[code] = int(limit) if limit else 1
    return DropPolicy(drop, args.max_findings)


def _shard(args: argparse.Namespace, inputs: list[str]) -> list[str]:
    """The inputs this run processes: all of them, or every N-th from the I-th."""
    if not args.shard:
        return inputs
    index, _, count = args.shard.partition("/")
    try:
        i, n = int(index), int(count)
    except ValueError:
        i, n = -1, 0
    if not 0 <= i < n:
        raise CorpusUsageError(f"--shard must be I/N with 0 <= I < N, like 0/4; got {args.shard!r}")
    return sorted(inputs)[i::n]


@contextlib.contextmanager
def _executor(args: argparse.Namespace, inputs: list[str]) -> Iterator[tuple[Any, int]]:
    """Where chunks run: a Dask cluster (``--scheduler``), a pool of ``--jobs`` processes
    (by default one per CPU for a corpus of more than a few hundred kilobytes, as for the
    usual report), or this process."""
    if args.scheduler:
        from newslint.cli_common import UsageError

        try:
            from newslint.pipelines.dask import connect
        except ImportError as error:
            raise UsageError(f"--scheduler: {error}") from None
        with contextlib.ExitStack() as stack:
            try:
                client = stack.enter_context(connect(args.scheduler, workers=args.jobs))
            except (OSError, ValueError) as error:  # unreachable, refused, or not an address
                detail = str(error).splitlines()[0] if str(error) else type(error).__name__
                message = f"--scheduler {args.scheduler}: cannot connect: {detail}"
                raise UsageError(message) from None
            workers = max(len(client.scheduler_info().get("workers", {})), 1)
            yield (lambda fn, *a: client.submit(fn, *a, pure=False)), workers
        return
    from newslint.parallel import default_jobs

    size = sum(os.path.getsize(p) for p in inputs if p != "-" and os.path.isfile(p))
    jobs = args.jobs or default_jobs(0, size)
    if jobs <= 1:
        yield None, 1
        return
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(jobs)
    try:
        yield pool.submit, jobs
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)  # Ctrl-C or an error: stop at once
        raise
    pool.shutdown()


def _learn(linter: ArticleLinter, paths: list[str], fields: Fields, submit: Any) -> ArticleLinter:
    """NL110's first pass: count each source's short lines over every input corpus."""
    from newslint.pipelines.corpus import learn_corpus

    if not paths:
        return linter
    counts = learn_corpus(paths, fields, submit=submit)
    return linter.with_furniture(counts)


class _Run:
    """Writes each input's results where they go, and keeps the counts."""

    def __init__(
        self,
        args: argparse.Namespace,
        registry: Registry,
        linter: ArticleLinter,
        mode: Mode,
        fields: Fields,
        submit: Any,
        window: int,
        policy: DropPolicy | None = None,
    ) -> None:
        self.args = args
        self.registry = registry
        self.linter = linter
        self.mode = mode
        self.fields = fields
        self.submit = submit
        self.window = window
        self.policy = policy
        self.fixed = 0
        self.changed = 0
        self.shared: IO[Any] | None = None  # one output for every input (no --output-dir)
        self.collected: list[Any] = []  # a format that cannot stream writes at the end
        self.writer = self._new_writer() if mode == "annotate" else None

    def _new_writer(self) -> Any:
        return self.registry.formatters[self.args.format].stream(self.registry.rules)

    def one_input(self, path: str, errors: list[str]) -> Counted | None:
        from newslint.pipelines.corpus import lint_corpus, open_corpus

        target = self._target(path)
        if target is not None and Path(target).resolve() == Path(path).resolve():
            errors.append(
                f"{path}: not written: its output would replace it (use another --output-dir)"
            )
            return None
        if target is not None and Path(target + MARKER_SUFFIX).exists():
            return _read_marker(target + MARKER_SUFFIX)
        counted = Counted()
        try:
            with contextlib.ExitStack() as stack:
                handle = sys.stdin.buffer if path == "-" else stack.enter_context(open_corpus(path))
                name = (self.args.stdin_filename or "<stdin>") if path == "-" else path
                out = self._output(stack, target)
                if target is not None and self.mode == "annotate":
                    self.writer = self._new_writer()  # a report per output file
                results = lint_corpus(
                    self.linter,
                    name,
                    handle,
                    self.mode,
                    fields=self.fields,
                    unsafe=self.args.unsafe_fixes,
                    submit=self.submit,
                    window=self.window,
                    policy=self.policy,
                )
                for result in results:
                    if result.error:
                        errors.append(result.error)
                    elif result.id is not None:
                        counted.articles += 1
                        if result.dropped is None:
                            counted.tally.add(result.diagnostics)
                        else:
                            reason = result.dropped
                            counted.dropped[reason] = counted.dropped.get(reason, 0) + 1
                    self._write(out, result)
                if self.mode == "annotate" and target is not None:
                    self._finish_report(out)
        except BrokenPipeError:
            raise  # the output's reader went away (``| head``): not the corpus's fault
        except (OSError, EOFError) as error:  # unreadable or truncated (gzip) corpus
            detail = getattr(error, "strerror", None) or error
            errors.append(f"{path}: cannot read: {detail}")
            if target is not None:
                with contextlib.suppress(OSError):
                    os.remove(target + ".partial")
            return None
        if target is not None:
            os.replace(target + ".partial", target)
            _write_marker(target + MARKER_SUFFIX, counted)
        return counted

    def _target(self, path: str) -> str | None:
        if not self.args.output_dir:
            return None
        name = Path(path).name
        for ending in (".gz", ".jsonl", ".ndjson"):
            name = name.removesuffix(ending)
        suffix = SUFFIXES[self.mode]
        if self.mode == "annotate":  # the report's own extension: .findings.json, .sarif...
            suffix += REPORT_EXTENSIONS.get(self.args.format, ".txt")
        return str(Path(self.args.output_dir) / (name + suffix))

    def _output(self, stack: contextlib.ExitStack, target: str | None) -> IO[Any]:
        binary = self.mode in ("clean", "filter")
        if target is not None:
            os.makedirs(os.path.dirname(target) or ".", exist_ok=True)
            if binary:
                return stack.enter_context(open(target + ".partial", "wb"))
            return stack.enter_context(
                open(target + ".partial", "w", encoding="utf-8", newline="\n")
            )
        if self.shared is None:
            if self.args.output_file:
                mode = "wb" if binary else "w"
                encoding = None if binary else "utf-8"
                self.shared = open(self.args.output_file, mode, encoding=encoding)  # noqa: SIM115
            else:
                self.shared = sys.stdout.buffer if binary else sys.stdout
        return self.shared

    def _write(self, out: IO[Any], result: RecordResult) -> None:
        if self.mode in ("clean", "filter"):
            out.write(result.line)
            if result.fixed:
                self.fixed += result.fixed
                self.changed += 1
        elif self.mode == "attributes":
            if result.row is not None:
                out.write(json.dumps(result.row, ensure_ascii=False) + "\n")
        elif result.diagnostics:
            if self.writer is not None:
                out.write(self.writer.part(sorted(result.diagnostics)))
            else:
                self.collected.extend(result.diagnostics)

    def _finish_report(self, out: IO[Any]) -> None:
        """The end of an annotate report (``]`` of JSON, or a whole SARIF log)."""
        if self.writer is not None:
            out.write(self.writer.end())
        else:
            formatter = self.registry.formatters[self.args.format]
            out.write(formatter.format(sorted(self.collected), self.registry.rules))
            self.collected = []

    def close(self) -> None:
        if self.shared is not None:
            if self.mode == "annotate":
                self._finish_report(self.shared)
            if self.args.output_file:
                self.shared.close()
            else:
                self.shared.flush()


def _write_marker(path: str, counted: Counted) -> None:
    tally = counted.tally
    data = {
        "articles": counted.articles,
        "counts": {code: n for (code, _), n in sorted(tally.by_rule.items())},
        "names": {code: name for (code, name) in tally.by_rule},
        "severities": dict(sorted(tally.by_severity.items())),
        "dropped": dict(sorted(counted.dropped.items())),
    }
    temporary = path + ".partial"
    with open(temporary, "w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=1)
    os.replace(temporary, path)


def _read_marker(path: str) -> Counted:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    counted = Counted(articles=data["articles"], dropped=dict(data.get("dropped", {})))
    for code, count in data["counts"].items():
        counted.tally.by_rule[(code, data["names"].get(code, ""))] += count
    for severity, count in data["severities"].items():
        counted.tally.by_severity[severity] += count
    return counted


def _statistics(args: argparse.Namespace, total: Counted, errors: int) -> dict[str, Any]:
    """Counts per rule of this run or, with ``--output-dir``, of every finished corpus there
    (so each shard's run prints the totals so far, and the last one the whole corpus's)."""
    out: dict[str, Any] = {}
    if args.output_dir:
        total = Counted()
        markers = sorted(Path(args.output_dir).glob("*" + MARKER_SUFFIX))
        for marker in markers:
            total = total.merged(_read_marker(str(marker)))
        out["corpora"] = len(markers)
    else:
        out["errors"] = errors
    out["articles"] = total.articles
    out["counts"] = _counts(total.tally)
    if args.drop or args.max_findings is not None:
        out["dropped"] = dict(sorted(total.dropped.items()))
    return out


def _counts(tally: Tally) -> dict[str, int]:
    merged: dict[str, int] = {}
    for (code, _), count in sorted(tally.by_rule.items()):
        merged[code] = merged.get(code, 0) + count
    return merged
