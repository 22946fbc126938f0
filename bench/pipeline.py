"""newslint in content pipelines: articles per second per core, in one run on one corpus.

Usage::

    python bench/pipeline.py [DATA_DIR] [--articles N] [--workers 1,2] [--skip-dask]
        [--skip-datatrove]

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
    start-up of the worker processes included, and the annotator's own time from
    datatrove's stats;
(d) Dask: ``lint_bag`` on a ``LocalCluster`` of N single-threaded worker processes, after
    a warm-up that loads the rules in each worker (cluster start not counted).

"Per core" divides by the processes doing the work (N). The machine may be shared: the load
average is printed at the start and the end; compare figures within one run, as ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
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


def line(label: str, articles: int, seconds: float, cores: int = 1, note: str = "") -> float:
    rate = articles / seconds
    print(
        f"  {label:<44} {rate:8.1f} articles/s  {rate / cores:8.1f} /s per core"
        f"  ({articles} in {seconds:.2f} s{', ' + note if note else ''})"
    )
    return rate


def bench_newslint(records: list[dict]) -> float:
    from newslint import ArticleLinter

    linter = ArticleLinter(plugins=False)
    linter.lint(records[0]["text"])  # load the rules
    start = time.perf_counter()
    for record in records:
        linter.lint(record["text"], id=record["id"])
    return line("(a) newslint, one process", len(records), time.perf_counter() - start)


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
    start = time.perf_counter()
    kept = 0
    for doc in docs:
        verdicts = [step.filter(Document(text=doc.text, id=doc.id)) for step in filters]
        kept += all(v is True for v in verdicts)
    return line(
        "(b) datatrove C4+Gopher+FineWeb, one process",
        len(records),
        time.perf_counter() - start,
        note=f"{kept} pass all four",
    )


def bench_datatrove(records: list[dict], workers: int, scratch: Path) -> float:
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    from newslint import ArticleLinter
    from newslint.pipelines.datatrove import NewslintAnnotator

    run = scratch / f"datatrove-{workers}"
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
    ]
    executor = LocalPipelineExecutor(
        pipeline, tasks=workers, workers=workers, logging_dir=str(run / "logs")
    )
    start = time.perf_counter()
    executor.run()
    seconds = time.perf_counter() - start
    stats = json.loads((run / "logs" / "stats.json").read_text(encoding="utf-8"))
    annotator = next(s for s in stats if "newslint" in s["name"])
    busy = annotator["time_stats"]["total"] if isinstance(annotator["time_stats"], dict) else 0
    note = f"annotator busy {busy:.2f} s over {workers} task(s)" if busy else ""
    return line(
        f"(c) newslint in datatrove, {workers} worker(s)", len(records), seconds, workers, note
    )


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
        client.run(lambda: ArticleLinter(plugins=False).lint("Warm up."))  # rules in each worker
        bag = db.from_sequence(records, npartitions=8 * workers)
        start = time.perf_counter()
        rows = lint_bag(bag, linter).compute()
        seconds = time.perf_counter() - start
    assert len(rows) == len(records)
    return line(f"(d) Dask LocalCluster, {workers} worker(s)", len(records), seconds, workers)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", nargs="?", default=str(DEFAULT_DATA))
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--workers", default="1,2", help="worker counts for (c) and (d)")
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
        try:
            rates = {n: bench_datatrove(records, n, scratch) for n in counts}
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        if len(rates) > 1:
            most = max(rates)
            print(f"      datatrove speed-up, {most} vs 1: {rates[most] / rates[1]:.2f}x")
    if not args.skip_dask:
        rates = {n: bench_dask(records, n) for n in counts}
        if len(rates) > 1:
            print(f"      Dask speed-up, {max(rates)} vs 1: {rates[max(rates)] / rates[1]:.2f}x")
    print(f"load average {os.getloadavg()[0]:.2f} at the end")


if __name__ == "__main__":
    main()
