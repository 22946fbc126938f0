"""How well the sourcing rules (NL2xx) and the attribution analysis agree with labelled news.

Usage::

    python bench/attribution.py [DATA_DIR] [--split dev|test] [--show-errors N] [--limit N]

``DATA_DIR`` defaults to ``../shared/benchmarks`` beside the checkout. Three measurements:

1. **Attribution analysis** (``polnear/articles.jsonl``): for every sentence of the PolNeAR
   articles, does :meth:`AttributionMap.is_attributed` agree with the annotators, who mark a
   sentence attributed when it overlaps an attribution's cue or content span?
2. **NL201 unattributed-figure** (``polnear/number_sentences.jsonl``): a digit-bearing
   sentence counts as predicted *unattributed* when an NL201 diagnostic starts inside it.
   Positive class = the corpus's ``attributed`` flag is false. The flag is silver (SOURCE.md:
   it marks attribution of statements generally, and most digit sentences hold dates, not
   figures), so precision is the figure that matters and recall is bounded well below 1.
3. **Diagnostics per article** on professionally edited news with no labels
   (``bbc-news``, ``lee-corpus``): every NL2xx diagnostic counts as noise to keep low.

Tune with ``--split dev``; report ``--split test``. Prints figures only; this is not a test.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

from newslint.analysis.attribution import attribution_of
from newslint.config import Config
from newslint.engine import Linter
from newslint.plugins import load_plugins
from newslint.text.document import Document

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "benchmarks"
CONFIG = Config(select=("NL2",))


def _linter() -> Linter:
    _, registry = load_plugins(autoload=False)
    return Linter(registry)


def _read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def _ratio(a: int, b: int) -> float:
    return a / b if b else float("nan")


def _prf(tp: int, fp: int, fn: int) -> str:
    precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else float("nan")
    return f"P={precision:.3f} R={recall:.3f} F1={f1:.3f} (tp={tp} fp={fp} fn={fn})"


def bench_analysis(articles: list[dict], show: int) -> None:
    counts: Counter[str] = Counter()
    errors: dict[str, list[str]] = {"fp": [], "fn": []}
    for article in articles:
        doc = Document(article["text"])
        attributions = attribution_of(doc)
        spans = [
            (part["start"], part["end"])
            for attribution in article["attributions"]
            for role in ("cue", "content")
            for part in attribution[role]
        ]
        for start, end in article["sentences"]:
            sentence = doc.sentence_at(start) or doc.sentence_at(start + 1)
            if sentence is None:
                continue
            gold = any(a < end and start < b for a, b in spans)
            predicted = attributions.is_attributed(sentence)
            key = ("t" if predicted == gold else "f") + ("p" if predicted else "n")
            counts[key] += 1
            if key in errors:
                errors[key].append(" ".join(article["text"][start:end].split())[:160])
    print(f"  is_attributed vs annotators, {sum(counts.values())} sentences:")
    print(f"    {_prf(counts['tp'], counts['fp'], counts['fn'])}")
    for key in ("fp", "fn"):
        for line in errors[key][:show]:
            print(f"    {key.upper()}: {line}")


def bench_figures(
    linter: Linter, articles: dict[str, dict], sentences: list[dict], show: int
) -> None:
    by_article: dict[str, list[dict]] = {}
    for row in sentences:
        by_article.setdefault(row["article"], []).append(row)
    counts: Counter[str] = Counter()
    errors: dict[str, list[str]] = {"fp": [], "fn": []}
    for article_id, rows in by_article.items():
        text = articles[article_id]["text"]
        doc = Document(text)
        starts = [
            doc.offset(d.line, d.column)
            for d in linter.lint_text(text, "article.txt", CONFIG)
            if d.code == "NL201"
        ]
        for row in rows:
            predicted = any(row["start"] <= s < row["end"] for s in starts)
            gold = not row["attributed"]
            key = ("t" if predicted == gold else "f") + ("p" if predicted else "n")
            counts[key] += 1
            if key in errors:
                errors[key].append(" ".join(row["text"].split())[:160])
    total = sum(counts.values())
    print(f"  NL201 on {total} digit sentences ({counts['tp'] + counts['fn']} unattributed):")
    print(f"    {_prf(counts['tp'], counts['fp'], counts['fn'])}")
    flagged = counts["tp"] + counts["fp"]
    print(f"    flagged {flagged} sentences ({_ratio(flagged, total):.1%} of digit sentences)")
    for key in ("fp", "fn"):
        for line in errors[key][:show]:
            print(f"    {key.upper()}: {line}")


def bench_noise(linter: Linter, name: str, texts: list[str], show: int) -> None:
    codes: Counter[str] = Counter()
    examples: list[str] = []
    started = time.perf_counter()
    with_any = 0
    for text in texts:
        found = linter.lint_text(text, "article.txt", CONFIG)
        with_any += bool(found)
        for d in found:
            codes[d.code] += 1
            if len(examples) < show:
                examples.append(f"{d.code} {d.message[:150]}")
    elapsed = time.perf_counter() - started
    n = len(texts)
    per = ", ".join(f"{code} {count / n:.3f}" for code, count in sorted(codes.items()))
    print(f"  {name}: {n} articles, {sum(codes.values()) / n:.3f} NL2xx diagnostics/article")
    print(f"    by code per article: {per or 'none'}")
    print(f"    articles with any: {_ratio(with_any, n):.1%}; {elapsed / n * 1000:.1f} ms/article")
    for line in examples:
        print(f"    e.g. {line}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--split", choices=("dev", "test"), default="dev")
    parser.add_argument("--show-errors", type=int, default=0, metavar="N")
    parser.add_argument(
        "--limit", type=int, default=0, metavar="N", help="lint only N unlabelled articles"
    )
    args = parser.parse_args(argv)
    data: Path = args.data
    linter = _linter()

    polnear = data / "polnear"
    articles = [a for a in _read(polnear / "articles.jsonl") if a["split"] == args.split]
    print(f"PolNeAR ({args.split} split, {len(articles)} articles)")
    bench_analysis(articles, args.show_errors)
    rows = [r for r in _read(polnear / "number_sentences.jsonl") if r["split"] == args.split]
    bench_figures(linter, {a["id"]: a for a in articles}, rows, args.show_errors)

    print("Professionally edited news (no labels: every diagnostic is a candidate false alarm)")
    bbc = [r["text"] for r in _read(data / "bbc-news" / "articles.jsonl")]
    lee = [r["text"] for r in _read(data / "lee-corpus" / "documents.jsonl")]
    if args.limit:
        bbc, lee = bbc[: args.limit], lee[: args.limit]
    bench_noise(linter, "bbc-news", bbc, args.show_errors)
    bench_noise(linter, "lee-corpus", lee, args.show_errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
