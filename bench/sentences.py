"""How well newslint's sentence splitter agrees with CoreNLP on real news text.

Usage::

    python bench/sentences.py [DATA_DIR] [--split dev|test]

Uses ``polnear/articles.jsonl`` (political news with CoreNLP sentence offsets). Both sides'
sentence *ends* are compared as sets of character offsets (trailing whitespace trimmed):
precision = newslint ends that CoreNLP also has, recall = CoreNLP ends newslint found. Ends
at paragraph breaks count too, since both split there. Also prints the splitter's speed.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from newslint.document import Document

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "benchmarks"


def _trim_end(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--split", choices=("dev", "test"), default="test")
    args = parser.parse_args(argv)
    path = args.data / "polnear" / "articles.jsonl"
    if not path.exists():
        print(f"no PolNeAR data at {path}", file=sys.stderr)
        return 2
    found = gold = agree = articles = chars = 0
    seconds = 0.0
    with path.open(encoding="utf-8") as handle:
        for raw in handle:
            record = json.loads(raw)
            if record.get("split") != args.split or record.get("sentence_source") != "corenlp":
                continue
            text = record["text"]
            gold_ends = {_trim_end(text, end) for _, end in record["sentences"]}
            started = time.perf_counter()
            doc = Document(text)
            ours = {s.end for s in doc.sentences}
            seconds += time.perf_counter() - started
            found += len(ours)
            gold += len(gold_ends)
            agree += len(ours & gold_ends)
            articles += 1
            chars += len(text)
    precision = agree / found if found else float("nan")
    recall = agree / gold if gold else float("nan")
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else float("nan")
    print(f"split={args.split} articles={articles} corenlp={gold} newslint={found} sentences")
    print(f"boundary precision={precision:.3f} recall={recall:.3f} F1={f1:.3f}")
    print(f"parse time {seconds:.2f}s for {chars / 1e6:.1f} MB ({chars / 1e6 / seconds:.1f} MB/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
