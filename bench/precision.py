"""Precision cards: a fixed random sample of each default-on rule's hits on BBC and Lee news.

Usage::

    python bench/precision.py [DATA_DIR] [--rules NL2 NL3 ...] [--size 30] [--seed 15]

``DATA_DIR`` defaults to ``../shared/benchmarks`` beside the checkout. It lints ``bbc-news``
(exact duplicates dropped; the title is the first paragraph) and ``lee-corpus`` with the
default configuration, collects every hit of each default-on rule in NL2xx-NL7xx, and prints
``--size`` of them per rule, drawn with a fixed seed so the sample can be judged, written
down and checked again by someone else. Each line shows the flagged words in ``[[…]]`` with
the text around them and the message. The judged precision of each sample is in the rule's
documentation (``docs/rules/NLxxx.md``, "Precision on edited news") and in
``docs/precision.md``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import defaultdict
from pathlib import Path

from newslint.config import Config
from newslint.diagnostics import Diagnostic
from newslint.engine import Linter
from newslint.plugins import load_plugins

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "benchmarks"
FAMILIES = ("NL2", "NL3", "NL4", "NL5", "NL6", "NL7")


def articles(data: Path) -> list[tuple[str, str]]:
    """(id, text) of every BBC article (duplicates dropped) and every Lee document."""
    found: list[tuple[str, str]] = []
    seen: set[str] = set()
    with (data / "bbc-news" / "articles.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record["text"] not in seen:
                seen.add(record["text"])
                found.append((record["id"], f"{record['title']}\n\n{record['text']}"))
    with (data / "lee-corpus" / "documents.jsonl").open(encoding="utf-8") as handle:
        found += [(r["id"], r["text"]) for r in map(json.loads, handle)]
    return found


def excerpt(text: str, diagnostic: Diagnostic, width: int = 90) -> str:
    start, end = diagnostic.offset, diagnostic.end_offset
    if end - start > 160:  # a paragraph-level hit: show its opening and its end
        middle = f"{text[start : start + 80]} … {text[end - 60 : end]}"
    else:
        middle = text[start:end]
    before = text[max(0, start - width) : start]
    after = text[end : end + width]
    return " ".join(f"…{before}[[{middle}]]{after}…".split())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--rules", nargs="*", default=list(FAMILIES), metavar="PREFIX")
    parser.add_argument("--size", type=int, default=30)
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args(argv)
    _, registry = load_plugins(autoload=False)
    linter, config = Linter(registry), Config()
    wanted = tuple(args.rules)
    hits: dict[str, list[str]] = defaultdict(list)
    for record_id, text in articles(args.data):
        for diagnostic in linter.lint_text(text, "article.txt", config):
            if diagnostic.code.startswith(wanted):
                line = f"{record_id}: {excerpt(text, diagnostic)} — {diagnostic.message}"
                hits[diagnostic.code].append(line)
    for code in sorted(hits):
        sample = random.Random(f"{args.seed}:{code}").sample(
            hits[code], min(args.size, len(hits[code]))
        )
        print(f"== {code}: {len(hits[code])} hits, {len(sample)} sampled")
        for number, line in enumerate(sample, 1):
            print(f"{number:2d}. {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
