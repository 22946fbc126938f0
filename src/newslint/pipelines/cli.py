"""The command line's corpus runs: ``--format attributes``, ``--fix`` on a corpus,
``--scheduler``, ``--shard`` and NL110.

``newslint`` hands a run here (:func:`wanted`) when it needs what only a whole-corpus run can
do; every other run stays on the usual path. Inputs are JSON Lines corpora (``.jsonl``,
``.ndjson``, either gzipped), folders of them, or ``-`` with ``--input-format jsonl``.

- ``--format attributes`` writes one dolma attributes row per record, in corpus order.
- ``--fix`` writes a cleaned corpus to ``--output-file`` (or standard output for ``-``); a
  corpus is never changed in place.
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
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    import argparse

    from newslint.pipelines.article import ArticleLinter
    from newslint.pipelines.corpus import Fields, Mode, RecordResult
    from newslint.plugins import Registry
    from newslint.report import Tally

from newslint.pipelines.routing import ATTRIBUTES, is_corpus_path

#: What each mode's output file in ``--output-dir`` is called after its input's stem.
SUFFIXES = {"annotate": ".findings", "attributes": ".attributes.jsonl", "clean": ".jsonl"}
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
        "--output-dir",
        metavar="DIR",
        help="one output file and one completion marker per input corpus; finished ones are "
        "skipped when the run is repeated",
    )


#: The defaults of the options above, for a command line with paths only.
DEFAULTS: dict[str, Any] = {"scheduler": None, "shard": None, "output_dir": None}


class CorpusUsageError(Exception):
    """A corpus run that cannot start; printed as one line, exit 2."""


def run(args: argparse.Namespace) -> int:
    """Run the corpus command line; returns the exit status."""
    from newslint.cli import UsageError, exit_status, load_registry, summary_line
    from newslint.config import ConfigError
    from newslint.pipelines.corpus import WINDOW_PER_WORKER, Fields
    from newslint.report import Tally

    try:
        mode = _mode(args)
        inputs = _inputs(args)
        registry = load_registry(args.no_plugins)
        _check_format(args, registry, mode)
        from newslint.cli import ConfigResolver

        resolver = ConfigResolver(args, registry)
        config = resolver.for_path(next((p for p in inputs if p != "-"), "<stdin>"))
        selected = _shard(args, inputs)
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
    tally = Tally()
    articles = 0
    with _executor(args) as (submit, workers):
        if "NL110" in linter.codes():
            linter = _learn(linter, [p for p in inputs if p != "-"], fields, submit, errors)
        run = _Run(args, registry, linter, mode, fields, submit, workers * WINDOW_PER_WORKER)
        for path in selected:
            counted = run.one_input(path, errors)
            if counted is not None:
                tally = tally.merged(counted[0])
                articles += counted[1]
        run.close()
    for message in errors:
        print(f"newslint: error: {message}", file=sys.stderr)
    if args.statistics:
        statistics = _statistics(args, tally, articles, len(errors))
        print(json.dumps(statistics, indent=2), file=sys.stderr)
    if not args.quiet:
        if mode == "clean":
            print(f"Fixed {run.fixed} problems in {run.changed} articles.", file=sys.stderr)
        print(summary_line(tally, articles, len(errors)), file=sys.stderr)
    fail_on = args.fail_on or config.fail_on
    return exit_status([], errors, fail_on, args.exit_zero, tally)


def _mode(args: argparse.Namespace) -> Mode:
    if args.diff:
        raise CorpusUsageError("--diff does not apply to corpora; use --fix with --output-file")
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
def _executor(args: argparse.Namespace) -> Iterator[tuple[Any, int]]:
    """Where chunks run: a Dask cluster, a process pool (``--jobs`` > 1), or this process."""
    if args.scheduler:
        from newslint.pipelines.dask import connect

        with connect(args.scheduler, workers=args.jobs) as client:
            workers = max(len(client.scheduler_info().get("workers", {})), 1)
            yield (lambda fn, *a: client.submit(fn, *a, pure=False)), workers
        return
    if args.jobs and args.jobs > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(args.jobs) as pool:
            yield pool.submit, args.jobs
        return
    yield None, 1


def _learn(
    linter: ArticleLinter, paths: list[str], fields: Fields, submit: Any, errors: list[str]
) -> ArticleLinter:
    """NL110's first pass: count each source's short lines over every input corpus."""
    from newslint.pipelines.furniture import learn_corpus

    if not paths:
        return linter
    counts = learn_corpus(paths, fields, submit=submit, errors=errors)
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
    ) -> None:
        self.args = args
        self.registry = registry
        self.linter = linter
        self.mode = mode
        self.fields = fields
        self.submit = submit
        self.window = window
        self.fixed = 0
        self.changed = 0
        self.shared: IO[Any] | None = None  # one output for every input (no --output-dir)
        self.collected: list[Any] = []  # a format that cannot stream writes at the end
        self.writer = self._new_writer() if mode == "annotate" else None

    def _new_writer(self) -> Any:
        return self.registry.formatters[self.args.format].stream(self.registry.rules)

    def one_input(self, path: str, errors: list[str]) -> tuple[Tally, int] | None:
        from newslint.pipelines.corpus import lint_corpus, open_corpus
        from newslint.report import Tally

        target = self._target(path)
        if target is not None and Path(target).resolve() == Path(path).resolve():
            errors.append(
                f"{path}: not written: its output would replace it (use another --output-dir)"
            )
            return None
        if target is not None and Path(target + MARKER_SUFFIX).exists():
            return _read_marker(target + MARKER_SUFFIX)
        tally = Tally()
        articles = 0
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
                )
                for result in results:
                    if result.error:
                        errors.append(result.error)
                    elif result.id is not None:
                        articles += 1
                        tally.add(result.diagnostics)
                    self._write(out, result)
                if self.mode == "annotate" and target is not None:
                    self._finish_report(out)
        except (OSError, EOFError) as error:  # unreadable or truncated (gzip) corpus
            detail = getattr(error, "strerror", None) or error
            errors.append(f"{path}: cannot read: {detail}")
            if target is not None:
                with contextlib.suppress(OSError):
                    os.remove(target + ".partial")
            return None
        if target is not None:
            os.replace(target + ".partial", target)
            _write_marker(target + MARKER_SUFFIX, tally, articles)
        return tally, articles

    def _target(self, path: str) -> str | None:
        if not self.args.output_dir:
            return None
        name = Path(path).name
        for ending in (".gz", ".jsonl", ".ndjson"):
            name = name.removesuffix(ending)
        return str(Path(self.args.output_dir) / (name + SUFFIXES[self.mode]))

    def _output(self, stack: contextlib.ExitStack, target: str | None) -> IO[Any]:
        binary = self.mode == "clean"
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
        if self.mode == "clean":
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


def _write_marker(path: str, tally: Tally, articles: int) -> None:
    counts = {code: n for (code, _), n in sorted(tally.by_rule.items())}
    names = {code: name for (code, name) in tally.by_rule}
    severities = dict(sorted(tally.by_severity.items()))
    data = {"articles": articles, "counts": counts, "names": names, "severities": severities}
    temporary = path + ".partial"
    with open(temporary, "w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=1)
    os.replace(temporary, path)


def _read_marker(path: str) -> tuple[Tally, int]:
    from newslint.report import Tally

    data = json.loads(Path(path).read_text(encoding="utf-8"))
    tally = Tally()
    for code, count in data["counts"].items():
        tally.by_rule[(code, data["names"].get(code, ""))] += count
    for severity, count in data["severities"].items():
        tally.by_severity[severity] += count
    return tally, data["articles"]


def _statistics(args: argparse.Namespace, tally: Tally, articles: int, errors: int) -> dict:
    """Counts per rule of this run or, with ``--output-dir``, of every finished corpus there
    (so each shard's run prints the totals so far, and the last one the whole corpus's)."""
    if args.output_dir:
        from newslint.report import Tally

        tally, articles, files = Tally(), 0, 0
        for marker in sorted(Path(args.output_dir).glob("*" + MARKER_SUFFIX)):
            counted, n = _read_marker(str(marker))
            tally, articles, files = tally.merged(counted), articles + n, files + 1
        return {"corpora": files, "articles": articles, "counts": _counts(tally)}
    return {"articles": articles, "errors": errors, "counts": _counts(tally)}


def _counts(tally: Tally) -> dict[str, int]:
    merged: dict[str, int] = {}
    for (code, _), count in sorted(tally.by_rule.items()):
        merged[code] = merged.get(code, 0) + count
    return merged
