"""Sentence-level uncertainty detection by the voice rules, and their noise on edited news.

Usage::

    python bench/hedging.py [DATA_DIR] [--split dev|test] [--show-errors N] [--news]
                            [--no-attribution]

``DATA_DIR`` defaults to ``../shared/benchmarks`` beside the checkout.

1. ``conll2010-wiki-sample/wiki_sample.jsonl``: Wikipedia sentences labelled certain or
   uncertain (CoNLL-2010 task 1; hedges, weasels and peacock terms), balanced 50/50. Each
   sentence is linted alone with the strict preset (``extend-select = ["NL3", "NL6"]``, see
   docs/presets.md). A sentence counts as "uncertain" when it gets any diagnostic of category
   ``hedging`` or ``filler``, or an ``attribution`` diagnostic from a vague-source rule (a rule
   whose name mentions "vague" or "weasel"). Printed: recall, false-positive rate, and the F1
   the same recall and false-positive rate give at the real task's prior (23.2% uncertain in
   the CoNLL-2010 Wikipedia evaluation set): P = R*pi / (R*pi + FPR*(1-pi)), pi = 0.232.
   Tune on ``--split dev``; report ``--split test``.
2. ``--news``: hedging and filler diagnostics per article with the DEFAULT rule set on
   professionally edited news (bbc-news, duplicates removed; lee-corpus). Should be small.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import newslint
from newslint.config import Config
from newslint.diagnostics import Diagnostic

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "benchmarks"
PRIOR = 0.232
STRICT = Config(extend_select=("NL3", "NL6"))
DEFAULT = Config()
VOICE = {"hedging", "filler"}


def counts_as_uncertain(diagnostic: Diagnostic, attribution: bool = True) -> bool:
    if diagnostic.category in VOICE:
        return True
    return (
        attribution
        and diagnostic.category == "attribution"
        and any(word in diagnostic.name for word in ("vague", "weasel"))
    )


def prior_adjusted(recall: float, fpr: float, prior: float = PRIOR) -> tuple[float, float]:
    """Precision and F1 for ``recall`` and ``fpr`` when ``prior`` of sentences are positive."""
    if recall == 0:
        return 0.0, 0.0
    precision = recall * prior / (recall * prior + fpr * (1 - prior))
    return precision, 2 * precision * recall / (precision + recall)


def read_jsonl(path: Path) -> Iterable[dict]:
    with path.open(encoding="utf-8") as handle:
        for raw in handle:
            yield json.loads(raw)


def bench_conll(data: Path, split: str, show_errors: int, attribution: bool = True) -> None:
    rows = [
        r
        for r in read_jsonl(data / "conll2010-wiki-sample" / "wiki_sample.jsonl")
        if r["split"] == split
    ]
    tally: Counter[str] = Counter()
    by_code: dict[str, Counter[str]] = {}
    misses: dict[str, list[str]] = {"fp": [], "fn": []}
    for row in rows:
        found = [
            d
            for d in newslint.lint_text(row["text"], config=STRICT)
            if counts_as_uncertain(d, attribution)
        ]
        actual = row["label"] == "uncertain"
        predicted = bool(found)
        key = ("t" if predicted == actual else "f") + ("p" if predicted else "n")
        tally[key] += 1
        for code in {d.code for d in found}:
            by_code.setdefault(code, Counter())["tp" if actual else "fp"] += 1
        if key in misses:
            misses[key].append(row["text"])
    positives = tally["tp"] + tally["fn"]
    negatives = tally["fp"] + tally["tn"]
    recall = tally["tp"] / positives
    fpr = tally["fp"] / negatives
    balanced_precision = tally["tp"] / max(1, tally["tp"] + tally["fp"])
    precision, f1 = prior_adjusted(recall, fpr)
    which = "hedging+filler+vague-source" if attribution else "hedging+filler only"
    print(f"CoNLL-2010 wiki sample, split={split}, {which}: {len(rows)} sentences")
    print(f"  uncertain={positives} certain={negatives}  TP={tally['tp']} FP={tally['fp']}")
    print(f"  recall={recall:.3f}  false-positive rate={fpr:.3f}")
    print(f"  precision on this balanced sample={balanced_precision:.3f}")
    print(f"  prior-adjusted (pi={PRIOR}): precision={precision:.3f}  F1={100 * f1:.1f}")
    print("  sentences flagged per rule (uncertain / certain):")
    for code in sorted(by_code):
        counts = by_code[code]
        print(f"    {code}: {counts['tp']:>4} / {counts['fp']:>4}")
    for key, label in (("fp", "false positives"), ("fn", "false negatives")):
        for text in misses[key][:show_errors]:
            print(f"  [{label}] {text[:160]}")


def news_texts(data: Path) -> dict[str, list[str]]:
    sets: dict[str, list[str]] = {}
    bbc = data / "bbc-news" / "articles.jsonl"
    if bbc.exists():
        seen: set[str] = set()
        texts = []
        for row in read_jsonl(bbc):
            if row["text"] not in seen:
                seen.add(row["text"])
                texts.append(row["text"])
        sets["bbc-news"] = texts
    lee = data / "lee-corpus" / "documents.jsonl"
    if lee.exists():
        sets["lee-corpus"] = [row["text"] for row in read_jsonl(lee)]
    return sets


def bench_news(data: Path, show_errors: int) -> None:
    print("Default rule set on professionally edited news (hedging + filler):")
    for name, texts in news_texts(data).items():
        codes: Counter[str] = Counter()
        examples: list[str] = []
        touched = 0
        for text in texts:
            found = [d for d in newslint.lint_text(text, config=DEFAULT) if d.category in VOICE]
            touched += bool(found)
            codes.update(d.code for d in found)
            lines = text.split("\n")
            for d in found[: max(0, show_errors - len(examples))]:
                line = lines[d.line - 1]
                examples.append(f"{d.code} {line[max(0, d.column - 60) : d.column + 60]!r}")
        total = sum(codes.values())
        print(
            f"  {name}: {len(texts)} articles, {total} diagnostics, "
            f"{total / len(texts):.3f} per article, {touched} articles with any"
        )
        print("    by code: " + ", ".join(f"{c}={n}" for c, n in sorted(codes.items())))
        for example in examples:
            print(f"    {example}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--split", choices=("dev", "test"), default="test")
    parser.add_argument("--show-errors", type=int, default=0, metavar="N")
    parser.add_argument("--news", action="store_true", help="also count diagnostics on news")
    parser.add_argument(
        "--no-attribution", action="store_true", help="count hedging and filler rules only"
    )
    args = parser.parse_args()
    bench_conll(args.data, args.split, args.show_errors, not args.no_attribution)
    if args.news:
        bench_news(args.data, args.show_errors)


if __name__ == "__main__":
    main()
