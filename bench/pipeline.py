"""newslint in content pipelines: articles per second per core, in one run on one corpus.

Usage::

    python bench/pipeline.py [DATA_DIR] [--articles N] [--workers 1,2] [--repeat N]
        [--skip-dask] [--skip-datatrove]

``DATA_DIR`` defaults to ``../shared/benchmarks`` beside the checkout; the corpus is the first
``--articles`` (default 2,000) records of its ``bbc-news/articles.jsonl``. Needs
``newslint[all]``; datatrove's C4 and Gopher filters also need ``spacy`` (its English word
tokenizer, no model download).

Figures, all on the same articles:

(a) newslint alone: :class:`newslint.ArticleLinter` in this process, rules loaded first;
(b) datatrove's C4, Gopher (repetition and quality) and FineWeb quality filters, each run on
    every article (not stopping at the first that drops it), in this process;
(c) newslint inside datatrove: ``LocalPipelineExecutor`` with N tasks and N workers over N
    JSON Lines shards (reader, newslint annotator, writer); wall time from start to end,
    start-up of the worker processes included;
(d) Dask: ``lint_bag`` on a ``LocalCluster`` of N single-threaded worker processes, after
    a warm-up of 20 articles in each worker (cluster start not counted).

(c) and (d) run ``--repeat`` rounds (default 3), worker counts in turn, and print the median
rate of each count and the speed-up of the medians.

(a) warms up on the same 20 articles; (c) does not (a datatrove task is timed whole).

Two rates are printed. Wall: articles over wall-clock seconds, which is what a user waits
for and what a speed-up is measured in, but which on a shared machine depends on what else
runs. CPU: articles over the CPU seconds the working processes spent (this process for (a)
and (b); each datatrove task's pipeline, from its first read, for (c); each Dask worker's,
for (d)): articles per second per fully used core, much less sensitive to other load. The load
average is printed at the start and the end.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "benchmarks"


def load(data: Path, limit: int) -> list[dict]:
    path = data / "bbc-news" / "articles.jsonl"
    if not path.is_file():
        sys.exit(f"bench/pipeline.py: {path}: no such file (pass the data folder)")
    records = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if len(records) >= limit:
                break
            record = json.loads(line)
            records.append({"id": record["id"], "text": record["text"]})
    return records


def line(label: str, articles: int, seconds: float, cpu: float, note: str = "") -> float:
    """Print a figure; ``seconds`` is wall time, ``cpu`` the CPU seconds of the workers."""
    rate = articles / seconds
    print(
        f"  {label:<44} wall {rate:7.1f} articles/s   CPU {articles / cpu:7.1f} articles/s"
        f" per core  ({articles} in {seconds:.1f} s, {cpu:.1f} CPU s"
        f"{', ' + note if note else ''})",
        flush=True,
    )
    return rate


#: Articles linted before timing, so that rules and the patterns they compile on first use
#: are ready in every process that is timed (as they are after a worker's first minute).
WARM_UP = 20


def warm_up(linter, records: list[dict]) -> None:
    for record in records[:WARM_UP]:
        linter.lint(record["text"])


def bench_newslint(records: list[dict]) -> float:
    from newslint import ArticleLinter

    linter = ArticleLinter(plugins=False)
    warm_up(linter, records)
    start, cpu = time.perf_counter(), time.process_time()
    for record in records:
        linter.lint(record["text"], id=record["id"])
    return line(
        "(a) newslint, one process",
        len(records),
        time.perf_counter() - start,
        time.process_time() - cpu,
    )


def bench_filters(records: list[dict]) -> float:
    from datatrove.data import Document
    from datatrove.pipeline.filters import (
        C4QualityFilter,
        FineWebQualityFilter,
        GopherQualityFilter,
        GopherRepetitionFilter,
    )

    filters = [
        C4QualityFilter(),
        GopherRepetitionFilter(),
        GopherQualityFilter(),
        FineWebQualityFilter(),
    ]
    docs = [Document(text=r["text"], id=r["id"]) for r in records]
    for step in filters:
        step.filter(Document(text=docs[0].text, id="warm-up"))  # load tokenizers
    start, cpu = time.perf_counter(), time.process_time()
    kept = 0
    for doc in docs:
        verdicts = [step.filter(Document(text=doc.text, id=doc.id)) for step in filters]
        kept += all(v is True for v in verdicts)
    return line(
        "(b) datatrove C4+Gopher+FineWeb, one process",
        len(records),
        time.perf_counter() - start,
        time.process_time() - cpu,
        note=f"{kept} pass all four",
    )


class CpuClock:
    """A last pipeline step that counts its task process's CPU seconds in the stats
    (datatrove's own timings are wall time)."""

    def __new__(cls):
        from datatrove.pipeline.base import PipelineStep

        class _CpuClock(PipelineStep):
            name = "cpu clock"
            type = "⏱ - BENCH"

            def run(self, data, rank=0, world_size=1):
                start = time.process_time()  # the steps before pull lazily: nothing ran yet
                wall = time.perf_counter()
                yield from data
                self.stat_update("cpu_ms", value=int((time.process_time() - start) * 1000))
                self.stat_update("wall_ms", value=int((time.perf_counter() - wall) * 1000))

        return _CpuClock()


def bench_datatrove(records: list[dict], workers: int, scratch: Path) -> float:
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    from newslint import ArticleLinter
    from newslint.pipelines.datatrove import NewslintAnnotator

    run = scratch / f"datatrove-{workers}"  # scratch is a fresh folder per run
    shards = run / "in"
    shards.mkdir(parents=True)
    for index in range(workers):
        with open(shards / f"part-{index}.jsonl", "w", encoding="utf-8") as handle:
            for record in records[index::workers]:
                handle.write(json.dumps(record) + "\n")
    pipeline = [
        JsonlReader(str(shards)),
        NewslintAnnotator(ArticleLinter(plugins=False)),
        JsonlWriter(str(run / "out"), compression=None),
        CpuClock(),
    ]
    executor = LocalPipelineExecutor(
        pipeline, tasks=workers, workers=workers, logging_dir=str(run / "logs")
    )
    start = time.perf_counter()
    executor.run()
    seconds = time.perf_counter() - start
    stats = json.loads((run / "logs" / "stats.json").read_text(encoding="utf-8"))
    clock = next(s for s in stats if "cpu clock" in s["name"])["stats"]
    cpu = _stat(clock["cpu_ms"], "total") / 1000
    slowest = _stat(clock["wall_ms"], "max") / 1000
    note = f"slowest task's pipeline {slowest:.1f} s; the rest is starting the tasks"
    return line(f"(c) newslint in datatrove, {workers} worker(s)", len(records), seconds, cpu, note)


def _stat(value: dict | int, key: str) -> float:
    """A figure of datatrove's stats: a plain number, or a dict of total, min, max... (a
    figure counted once has its total only)."""
    return value.get(key, value["total"]) if isinstance(value, dict) else value


def bench_dask(records: list[dict], workers: int) -> float:
    import dask.bag as db
    from distributed import Client, LocalCluster

    from newslint import ArticleLinter
    from newslint.pipelines.dask import lint_bag

    linter = ArticleLinter(plugins=False)
    with (
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        sample = records[:WARM_UP]
        client.run(lambda: warm_up(ArticleLinter(plugins=False), sample))
        bag = db.from_sequence(records, npartitions=8 * workers)
        before = client.run(time.process_time)
        start = time.perf_counter()
        rows = lint_bag(bag, linter).compute()
        seconds = time.perf_counter() - start
        after = client.run(time.process_time)
    assert len(rows) == len(records)
    cpu = sum(after[worker] - before[worker] for worker in after)
    return line(f"(d) Dask LocalCluster, {workers} worker(s)", len(records), seconds, cpu)


def interleaved(measure, counts: list[int], repeat: int, engine: str) -> None:
    """Run ``measure(n)`` for every worker count, ``repeat`` rounds in turn (1, 2, 1, 2...),
    so that a change in the machine's load falls on both counts alike; print the median
    rate of each count and the speed-up of the largest over 1."""
    rates: dict[int, list[float]] = {n: [] for n in counts}
    for _ in range(repeat):
        for n in counts:
            rates[n].append(measure(n))
    medians = {n: statistics.median(values) for n, values in rates.items()}
    for n, median in medians.items():
        print(f"      {engine}, {n} worker(s): median {median:.1f} articles/s of {repeat}")
    most = max(counts)
    if most > 1 and 1 in medians:
        print(f"      {engine} speed-up, {most} vs 1 (medians): {medians[most] / medians[1]:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", nargs="?", default=str(DEFAULT_DATA))
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--workers", default="1,2", help="worker counts for (c) and (d)")
    parser.add_argument("--repeat", type=int, default=3, help="rounds of (c) and (d)")
    parser.add_argument("--skip-dask", action="store_true")
    parser.add_argument("--skip-datatrove", action="store_true")
    args = parser.parse_args()
    records = load(Path(args.data), args.articles)
    counts = [int(n) for n in args.workers.split(",")]
    print(
        f"{len(records)} BBC articles; {os.cpu_count()} CPUs; "
        f"load average {os.getloadavg()[0]:.2f} at the start"
    )
    newslint_rate = bench_newslint(records)
    if not args.skip_datatrove:
        filters_rate = bench_filters(records)
        print(f"      newslint / datatrove filters: {newslint_rate / filters_rate:.2f}x")
        scratch = Path(tempfile.mkdtemp(prefix="newslint-bench-"))
        runs = iter(range(1_000_000))
        try:
            interleaved(
                lambda n: bench_datatrove(records, n, scratch / str(next(runs))),
                counts,
                args.repeat,
                "datatrove",
            )
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    if not args.skip_dask:
        interleaved(lambda n: bench_dask(records, n), counts, args.repeat, "Dask")
    print(f"load average {os.getloadavg()[0]:.2f} at the end")


if __name__ == "__main__":
    main()
