"""Peak memory and time of ``newslint`` on one long plain-text article.

Usage::

    python bench/memory.py [DATA_DIR] [--sizes 1000000,2500000,5000000] [--keep DIR]

``DATA_DIR`` defaults to ``../shared/benchmarks`` beside the checkout. The article is built
from ``bbc-news/articles.jsonl``: each article's title, a blank line and its text, articles
joined by blank lines and repeated until the wanted number of characters, then cut there.
A live blog or a scraped archive page is like this: one file, thousands of paragraphs.

For each size the console script runs once on the article, as a user runs it, in a child
process; the figures are its peak resident set size (``ru_maxrss`` of the child, which
includes the interpreter and the rules loaded at start-up) and its wall and CPU seconds. The
sizes are printed side by side so that growth with the article's length shows: memory should
grow in proportion to it, plus a fixed start-up cost. Nothing is asserted; the goal (at most
250 MB for 5 MB) is read off the table.

The articles are written to a temporary folder and deleted afterwards, unless ``--keep``
names a folder to leave them in.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "benchmarks"
SIZES = (1_000_000, 2_500_000, 5_000_000)


def long_article(data: Path, size: int) -> str:
    """BBC articles (title, blank line, text) joined by blank lines until ``size`` characters."""
    path = data / "bbc-news" / "articles.jsonl"
    pieces = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            pieces.append(f"{record['title']}\n\n{record['text'].strip()}")
    if not pieces:
        raise SystemExit(f"memory: {path} holds no articles")
    out: list[str] = []
    length = 0
    while length < size:
        for piece in pieces:
            out.append(piece)
            length += len(piece) + 2
            if length >= size:
                break
    return "\n\n".join(out)[:size] + "\n"


def newslint_command() -> list[str]:
    """The console script beside this interpreter, else ``python -m newslint``."""
    script = Path(sys.executable).with_name("newslint")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "newslint"]


def measure(path: Path) -> tuple[float, float, float, int]:
    """Peak RSS (MB), wall seconds, CPU seconds and exit status of newslint on ``path``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    # Each measured run is the only child alive, so the children's peak is this run's peak
    # as long as the runs grow in size (ru_maxrss is the largest of all waited-for children).
    command = [*newslint_command(), str(path)]
    done = subprocess.run(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return after.ru_maxrss / 1024, wall, cpu, done.returncode


def ordinary_speed(data: Path, count: int, runs: int) -> tuple[float, int]:
    """CPU seconds (the best of ``runs``) to lint the first ``count`` BBC articles in this
    process, one article at a time, and the number of diagnostics: the per-article cost a
    change for long articles must not raise."""
    from newslint import Config
    from newslint.engine import Linter
    from newslint.plugins import configure, load_plugins

    config = Config()
    manager, registry = load_plugins(autoload=False)
    configure(manager, config)
    linter = Linter(registry, manager)
    articles = []
    with (data / "bbc-news" / "articles.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            articles.append(f"{record['title']}\n\n{record['text'].strip()}\n")
            if len(articles) >= count:
                break
    for text in articles[:20]:  # load the rules' lazy parts before the clock starts
        linter.lint_text(text, "warm-up.txt", config)
    best = float("inf")
    found = 0
    for _ in range(runs):
        started = time.process_time()
        found = sum(len(linter.lint_text(text, "article.txt", config)) for text in articles)
        best = min(best, time.process_time() - started)
    return best, found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument(
        "--sizes",
        default=",".join(map(str, SIZES)),
        help="article sizes in characters, comma-separated, smallest first",
    )
    parser.add_argument("--keep", type=Path, help="write the articles here and keep them")
    parser.add_argument(
        "--ordinary",
        type=int,
        default=500,
        metavar="N",
        help="also time N ordinary BBC articles in this process (0: skip)",
    )
    parser.add_argument("--runs", type=int, default=3, help="runs of the ordinary timing")
    args = parser.parse_args()
    sizes = sorted(int(size) for size in args.sizes.split(","))
    if not (args.data / "bbc-news" / "articles.jsonl").is_file():
        print(f"memory: {args.data / 'bbc-news' / 'articles.jsonl'} not found", file=sys.stderr)
        return 2
    folder = args.keep or Path(tempfile.mkdtemp(prefix="newslint-memory-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        print(f"{'article':>12} {'peak RSS':>10} {'wall':>8} {'CPU':>8} {'exit':>5}")
        for size in sizes:
            path = folder / f"article-{size}.txt"
            path.write_text(long_article(args.data, size), encoding="utf-8")
            peak, wall, cpu, status = measure(path)
            label = f"{size / 1_000_000:g} MB"
            print(f"{label:>12} {peak:>7.0f} MB {wall:>6.1f} s {cpu:>6.1f} s {status:>5}")
            if args.keep is None:
                os.unlink(path)
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    if args.ordinary:
        cpu, found = ordinary_speed(args.data, args.ordinary, args.runs)
        print(
            f"{args.ordinary} ordinary articles in one process: {cpu:.2f} s CPU "
            f"(best of {args.runs}), {cpu / args.ordinary * 1000:.2f} ms per article, "
            f"{found} diagnostics"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
