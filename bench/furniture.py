"""Furniture-line precision and recall of the boilerplate rules (NL1xx) on extractor output,
and how often they fire on professionally edited articles.

Usage::

    python bench/furniture.py [DATA_DIR] [--split dev|test] [--show N]

``DATA_DIR`` defaults to ``../shared/benchmarks`` beside the checkout. Each page's lines are
joined by single newlines, as an extractor's plain-text output reaches a pipeline, and a line
counts as flagged when an NL1xx diagnostic covers it.

- ``l3s-gn1/lines.jsonl`` (human block labels; only its tuning half is here). Furniture is a
  line labelled ``related``, ``comments``, ``other`` or ``unmatched``; ``body`` lines must stay
  quiet; ``article`` lines (headlines, captions, bylines, dates) count on neither side and are
  reported apart; ``nontext`` lines are left out. Pages are split by a hash of their id into
  ``fit`` (two thirds: the pages ``bench/train_furniture.py`` learns from) and ``check`` (one
  third, never learnt from): ``--split dev`` reports ``fit``, ``--split test`` reports ``check``.
- ``article-extraction-benchmark/pages.jsonl`` (derived labels: a line not in the gold body is
  boilerplate, headlines included), by its own ``split`` field.
- ``bbc-news`` and ``lee-corpus``: whole articles (BBC with its title line); the share of
  articles with any NL1xx finding, which should stay near zero.

Per code, the lines each rule flagged are counted, and how many of them are body lines (the
rest are furniture or ``article`` lines). ``--show N`` prints up to N misses and false
positives per set, on the dev split only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import newslint
from newslint.config import Config

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "benchmarks"
CONFIG = Config(select=("NL1",))
FURNITURE = frozenset({"related", "comments", "other", "unmatched"})
L3S_EXTRACTORS = {"trafilatura": "trafilatura", "htmltext": "html-text", "justext": "justext"}
AEB_EXTRACTORS = ("trafilatura", "html-text")


def l3s_part(page_id: str) -> str:
    """``fit`` or ``check``: a fixed third of the l3s-gn1 pages is never learnt from."""
    return "check" if hashlib.sha1(page_id.encode()).digest()[0] % 3 == 0 else "fit"


@dataclass(slots=True)
class LabelledPage:
    """One extractor's lines of one page; ``labels[i]`` is True (furniture), False (body) or
    None (counted on neither side)."""

    id: str
    lines: list[str]
    labels: list[bool | None]
    kinds: list[str] = field(default_factory=list)


def l3s_pages(data: Path, extractor: str, split: str) -> Iterator[LabelledPage]:
    part = "fit" if split == "dev" else "check"
    with (data / "l3s-gn1" / "lines.jsonl").open(encoding="utf-8") as handle:
        for raw in handle:
            page = json.loads(raw)
            if l3s_part(page["id"]) != part:
                continue
            out = page[extractor]
            labels: list[bool | None] = []
            for kind in out["labels"]:
                labels.append(True if kind in FURNITURE else False if kind == "body" else None)
            yield LabelledPage(page["id"], list(out["lines"]), labels, list(out["labels"]))


def aeb_pages(data: Path, extractor: str, split: str) -> Iterator[LabelledPage]:
    with (data / "article-extraction-benchmark" / "pages.jsonl").open(encoding="utf-8") as handle:
        for raw in handle:
            page = json.loads(raw)
            if page["split"] != split:
                continue
            lines = page[f"{extractor}_lines"]
            yield LabelledPage(
                page["id"],
                [line["text"] for line in lines],
                [bool(line["boilerplate"]) for line in lines],
                ["furniture" if line["boilerplate"] else "body" for line in lines],
            )


def flagged_lines(lines: list[str]) -> dict[int, str]:
    """Line index -> the code of an NL1xx diagnostic covering it (lines joined by ``\\n``)."""
    text = "\n".join(line.replace("\n", " ").replace("\r", " ") for line in lines)
    flagged: dict[int, str] = {}
    for diagnostic in newslint.lint_text(text, config=CONFIG, plugins=False):
        for number in range(diagnostic.line, diagnostic.end_line + 1):
            flagged.setdefault(number - 1, diagnostic.code)
    return flagged


@dataclass(slots=True)
class Tally:
    counts: Counter[str] = field(default_factory=Counter)
    by_code: Counter[str] = field(default_factory=Counter)
    wrong_by_code: Counter[str] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)
    pages: int = 0

    def add_page(self, page: LabelledPage) -> None:
        self.pages += 1
        hits = flagged_lines(page.lines)
        for index, (text, label) in enumerate(zip(page.lines, page.labels, strict=True)):
            hit = index in hits
            if hit:
                self.by_code[hits[index]] += 1
            if label is None:
                if page.kinds and page.kinds[index] == "article":
                    self.counts["article"] += 1
                    self.counts["article flagged"] += hit
                continue
            key = ("t" if hit == label else "f") + ("p" if hit else "n")
            if key == "fp":
                self.wrong_by_code[hits[index]] += 1
            self.counts[key] += 1
            if key == "fn":
                self.misses.append(text)
            elif key == "fp":
                self.false_positives.append(f"{hits[index]} {text}")

    def row(self, name: str) -> str:
        tp, fp, fn = self.counts["tp"], self.counts["fp"], self.counts["fn"]
        precision = tp / (tp + fp) if tp + fp else float("nan")
        recall = tp / (tp + fn) if tp + fn else float("nan")
        extra = ""
        if self.counts["article"]:
            extra = (
                f"  article lines flagged {self.counts['article flagged']}/{self.counts['article']}"
            )
        return (
            f"{name:<24} pages={self.pages:>4} furniture={tp + fn:>6} "
            f"body={fp + self.counts['tn']:>5} "
            f"TP={tp:>5} FP={fp:>4} precision={precision:.3f} recall={recall:.3f}{extra}"
        )


def article_rate(articles: Iterable[str]) -> tuple[int, int, int, Counter[str]]:
    """(articles, articles with any NL1xx finding, findings, findings by code)."""
    total = flagged = findings = 0
    codes: Counter[str] = Counter()
    for text in articles:
        total += 1
        found = newslint.lint_text(text, config=CONFIG, plugins=False)
        findings += len(found)
        flagged += bool(found)
        codes.update(d.code for d in found)
    return total, flagged, findings, codes


def bbc_articles(data: Path) -> Iterator[str]:
    with (data / "bbc-news" / "articles.jsonl").open(encoding="utf-8") as handle:
        for raw in handle:
            record = json.loads(raw)
            yield f"{record['title']}\n\n{record['text']}\n"


def lee_articles(data: Path) -> Iterator[str]:
    with (data / "lee-corpus" / "documents.jsonl").open(encoding="utf-8") as handle:
        for raw in handle:
            yield json.loads(raw)["text"] + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--split", choices=("dev", "test"), default="test")
    parser.add_argument("--show", type=int, default=0, metavar="N")
    parser.add_argument("--no-articles", action="store_true", help="skip BBC and Lee")
    args = parser.parse_args(argv)
    if args.show and args.split == "test":
        parser.error("--show is for the dev split only")
    if not (args.data / "l3s-gn1").is_dir():
        print(f"{args.data}: no l3s-gn1 folder (give the benchmarks folder)", file=sys.stderr)
        return 2
    print(f"split: {args.split} (l3s-gn1: {'fit' if args.split == 'dev' else 'check'} pages)")
    report: list[tuple[str, Tally]] = []
    for key, name in L3S_EXTRACTORS.items():
        tally = Tally()
        for page in l3s_pages(args.data, key, args.split):
            tally.add_page(page)
        report.append((f"l3s-gn1/{name}", tally))
    for name in AEB_EXTRACTORS:
        tally = Tally()
        for page in aeb_pages(args.data, name, args.split):
            tally.add_page(page)
        report.append((f"aeb/{name}", tally))
    for name, tally in report:
        print(tally.row(name))
        codes = ", ".join(
            f"{code} {count} ({tally.wrong_by_code[code]} on body)"
            for code, count in sorted(tally.by_code.items())
        )
        print(f"{'':<24} lines flagged by code: {codes}")
    if not args.no_articles:
        for name, articles in (("bbc-news", bbc_articles), ("lee-corpus", lee_articles)):
            total, flagged, findings, codes = article_rate(articles(args.data))
            print(
                f"{name:<24} articles={total} with any NL1xx={flagged} ({flagged / total:.2%}) "
                f"findings={findings} by code: {dict(sorted(codes.items()))}"
            )
    for name, tally in report if args.show else ():
        for text in tally.false_positives[: args.show]:
            print(f"FP   {name}: {text[:140]!r}")
        for text in tally.misses[: args.show]:
            print(f"MISS {name}: {text[:140]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
