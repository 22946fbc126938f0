"""NL110 (furniture learned across a corpus) on L3S-GN1's labelled lines.

Usage::

    python bench/corpus_furniture.py [DATA_DIR] [--extractor htmltext] [--min-articles 3]

``DATA_DIR`` defaults to ``../shared/benchmarks``; the data is ``l3s-gn1/lines.jsonl`` (news
pages from 408 sites, each extractor's output lines labelled against human block labels; see
its SOURCE.md). The pages carry no site field, so all of them count as one source: a line is
flagged when it appears in ``--min-articles`` pages or more, whichever sites they come from.
That is NL110 with the least information it can have (with a source field, counts are per
site and only a site's own furniture can reach the threshold).

Scoring follows the data's SOURCE.md: each page's lines are joined by newlines and linted as
one article; a line is flagged when an NL110 finding covers it; ``body`` lines must stay
quiet; ``related``, ``comments``, ``other`` and ``unmatched`` lines are furniture;
``article`` (headlines, bylines, captions) and ``nontext`` lines are left out. Prints
precision and recall on furniture, and the flagged body lines (to read, not to tune on:
these pages are the ``dev`` half).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from newslint import ArticleLinter, Config
from newslint.pipelines.furniture import learn

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "benchmarks"
FURNITURE = {"related", "comments", "other", "unmatched"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", nargs="?", default=str(DEFAULT_DATA))
    parser.add_argument("--extractor", default="htmltext", choices=("htmltext", "trafilatura"))
    parser.add_argument("--min-articles", type=int, default=3)
    args = parser.parse_args()
    path = Path(args.data) / "l3s-gn1" / "lines.jsonl"
    pages = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            page = json.loads(line)[args.extractor]
            if page["lines"]:
                pages.append(page)
    records = [{"text": "\n".join(page["lines"])} for page in pages]
    counts = learn(records)
    config = Config(select=("NL110",), options={"NL110": {"min_articles": args.min_articles}})
    linter = ArticleLinter(config, plugins=False, furniture=counts)
    tp = fp = furniture = 0
    flagged_body: list[str] = []
    for page, record in zip(pages, records, strict=True):
        spans = [(d.offset, d.end_offset) for d in linter.lint(record["text"], meta=record)]
        start = 0
        for text, label in zip(page["lines"], page["labels"], strict=True):
            end = start + len(text)
            hit = any(a < end and b > start for a, b in spans) and text.strip() != ""
            if label in FURNITURE:
                furniture += 1
                tp += hit
            elif label == "body" and hit:
                fp += 1
                flagged_body.append(text)
            start = end + 1
    precision = tp / (tp + fp) if tp + fp else float("nan")
    print(
        f"{len(pages)} pages ({args.extractor}), one source, min_articles={args.min_articles}: "
        f"{tp + fp} lines flagged, precision {precision:.3f}, "
        f"recall {tp / furniture:.3f} of {furniture} furniture lines"
    )
    for text in sorted(set(flagged_body))[:20]:
        print(f"  body line flagged: {text[:90]!r}")


if __name__ == "__main__":
    main()
