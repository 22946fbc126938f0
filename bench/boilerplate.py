"""Line-level precision and recall of the boilerplate rules (NL1xx) on labelled web-page text.

Usage::

    python bench/boilerplate.py [DATA_DIR] [--split dev|test] [--show-errors N]

``DATA_DIR`` defaults to ``../shared/benchmarks`` beside the checkout. Two sets are used:

- ``article-extraction-benchmark/pages.jsonl``: every non-empty line three extractors left in
  181 article pages, labelled boilerplate when it is not in the gold article body. Each page's
  lines become one document (one paragraph per line); a line counts as flagged when an NL1xx
  diagnostic starts on it.
- ``trafilatura-evaldata/snippets.jsonl``: short content and boilerplate snippets (multilingual);
  each snippet is linted alone.

Tune with ``--split dev`` (and ``--show-errors`` to see dev mistakes); report ``--split test``.
The labels are derived (see each SOURCE.md): a headline or a menu item counts as boilerplate,
so recall is expected to be low; precision is what newslint promises.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import newslint
from newslint.config import Config

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "benchmarks"
EXTRACTORS = ("html-text", "trafilatura", "newspaper")
CONFIG = Config(select=("NL1",))


def flagged_lines(lines: list[str]) -> set[int]:
    """Indexes of the lines an NL1xx diagnostic starts on (lines joined as paragraphs)."""
    text = "\n\n".join(line.replace("\n", " ") for line in lines)
    return {(d.line - 1) // 2 for d in newslint.lint_text(text, config=CONFIG, plugins=False)}


class Tally:
    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.false_positives: list[str] = []
        self.false_negatives: list[str] = []

    def add(self, predicted: bool, actual: bool, text: str) -> None:
        key = ("t" if predicted == actual else "f") + ("p" if predicted else "n")
        self.counts[key] += 1
        if key == "fp":
            self.false_positives.append(text)
        elif key == "fn":
            self.false_negatives.append(text)

    def line(self, name: str) -> str:
        tp, fp, fn = self.counts["tp"], self.counts["fp"], self.counts["fn"]
        precision = tp / (tp + fp) if tp + fp else float("nan")
        recall = tp / (tp + fn) if tp + fn else float("nan")
        total = sum(self.counts.values())
        # Lines of one or two words are labelled "content" whenever the word occurs anywhere in
        # the gold body (the labels are substring matches), so they are also reported apart.
        short_fp = sum(1 for text in self.false_positives if len(text.split()) <= 2)
        long_precision = tp / (tp + fp - short_fp) if tp + fp - short_fp else float("nan")
        return (
            f"{name:<30} lines={total:>6} boilerplate={tp + fn:>6} flagged={tp + fp:>5} "
            f"TP={tp:>5} FP={fp:>3} precision={precision:.3f} recall={recall:.3f} "
            f"(FP of 1-2 words: {short_fp}; precision without them {long_precision:.3f})"
        )


def bench_pages(path: Path, split: str) -> dict[str, Tally]:
    tallies = {name: Tally() for name in EXTRACTORS}
    with path.open(encoding="utf-8") as handle:
        for raw in handle:
            page = json.loads(raw)
            if page.get("split") != split:
                continue
            for name in EXTRACTORS:
                lines = page.get(f"{name}_lines") or []
                texts = [line["text"] for line in lines]
                hits = flagged_lines(texts)
                for index, line in enumerate(lines):
                    tallies[name].add(index in hits, bool(line["boilerplate"]), line["text"])
    return tallies


def bench_snippets(path: Path, split: str) -> Tally:
    tally = Tally()
    with path.open(encoding="utf-8") as handle:
        for raw in handle:
            snippet = json.loads(raw)
            if snippet.get("split") != split:
                continue
            hits = flagged_lines([snippet["text"]])
            tally.add(bool(hits), bool(snippet["boilerplate"]), snippet["text"])
    return tally


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--split", choices=("dev", "test"), default="test")
    parser.add_argument("--show-errors", type=int, default=0, metavar="N")
    args = parser.parse_args(argv)
    if args.show_errors and args.split == "test":
        parser.error("--show-errors is for the dev split only")
    pages = args.data / "article-extraction-benchmark" / "pages.jsonl"
    snippets = args.data / "trafilatura-evaldata" / "snippets.jsonl"
    if not pages.exists() and not snippets.exists():
        print(f"no boilerplate data under {args.data}", file=sys.stderr)
        return 2
    print(f"split: {args.split}")
    report: list[tuple[str, Tally]] = []
    if pages.exists():
        for name, tally in bench_pages(pages, args.split).items():
            report.append((f"aeb/{name}", tally))
    if snippets.exists():
        report.append(("trafilatura-evaldata snippets", bench_snippets(snippets, args.split)))
    total = Tally()
    for name, tally in report:
        print(tally.line(name))
        total.counts.update(tally.counts)
        total.false_positives += tally.false_positives
    print(total.line("all"))
    if args.show_errors:
        for name, tally in report:
            for text in tally.false_positives[: args.show_errors]:
                print(f"FP {name}: {text[:120]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
