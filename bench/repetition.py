"""Repetition rules (NL4xx): false alarms on edited news, summary-rule accuracy, and speed.

Usage::

    python bench/repetition.py [DATA_DIR] [--split dev|test|all] [--show N] [--skip-speed]
                               [--families]

``DATA_DIR`` defaults to ``../shared/benchmarks`` beside the checkout. Three measurements:

1. Repetition diagnostics per article on professionally edited news, which should be near
   zero: ``bbc-news`` (duplicated texts dropped; a headline is the title), ``lee-corpus``,
   and the human-written rows of ``human-vs-gpt-news`` (the ``--split`` rows; the GPT rows
   of the same split are printed for contrast). ``--show N`` prints N flagged passages.
   ``--families`` repeats the count for the readability (NL5xx) and timeliness (NL7xx) rules.
2. Precision and recall of NL401 on the labelled closings in
   ``tests/rules/data/repetition_summary.toml`` (written for newslint, not benchmark text).
3. Time to lint generated articles of 500, 2,000 and 5,000 paragraphs with the NL4 rules
   (best of three runs, NL401-NL404), to show the overlap machinery grows near-linearly.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import tomllib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import newslint
from newslint.config import Config

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "benchmarks"
LABELS = ROOT / "tests" / "rules" / "data" / "repetition_summary.toml"
#: The repetition rules; NL405 (category style) is not a repetition diagnostic.
CONFIG = Config(select=("NL401", "NL402", "NL403", "NL404"))


def lint(text: str, config: Config = CONFIG) -> list[newslint.Diagnostic]:
    return newslint.lint_text(text, config=config, plugins=False)


def corpora(data: Path, split: str) -> Iterator[tuple[str, list[str]]]:
    """(name, article texts) for each edited-news set."""
    seen: set[str] = set()
    bbc = []
    for line in (data / "bbc-news" / "articles.jsonl").open(encoding="utf-8"):
        record = json.loads(line)
        if record["text"] in seen:
            continue
        seen.add(record["text"])
        bbc.append(f"{record['title']}\n\n{record['text']}")
    yield "bbc-news", bbc
    lee = [json.loads(line)["text"] for line in (data / "lee-corpus" / "documents.jsonl").open()]
    yield "lee-corpus", lee
    human, gpt = [], []
    for line in (data / "human-vs-gpt-news" / "news.jsonl").open(encoding="utf-8"):
        record = json.loads(line)
        if split != "all" and record.get("split") != split:
            continue
        text = f"{record['title']}\n\n{record['text']}"
        (human if record["label"] == "human" else gpt).append(text)
    yield f"human-vs-gpt-news human ({split})", human
    yield f"human-vs-gpt-news gpt-3.5, contrast ({split})", gpt


#: ``--families``: the readability and timeliness rules on the same corpora.
OTHER = Config(select=("NL5", "NL7"))


def false_alarms(data: Path, split: str, show: int, config: Config = CONFIG) -> None:
    label = ", ".join(config.select or ())
    print(f"1. Diagnostics per article on edited news ({label})")
    for name, texts in corpora(data, split):
        codes: Counter[str] = Counter()
        flagged = 0
        examples = []
        for text in texts:
            found = lint(text, config)
            codes.update(d.code for d in found)
            flagged += bool(found)
            for d in found[: max(0, show - len(examples))]:
                lines = text.split("\n")
                examples.append(f"    {d.code} {d.message[:90]} | {lines[d.line - 1][:110]}")
        total = sum(codes.values())
        per = total / len(texts) if texts else 0.0
        detail = ", ".join(f"{c} {n}" for c, n in sorted(codes.items())) or "none"
        print(
            f"  {name}: {len(texts)} articles, {total} diagnostics ({per:.3f} per article), "
            f"{flagged} articles flagged ({flagged / max(1, len(texts)):.1%}); {detail}"
        )
        for example in examples:
            print(example)


def summary_accuracy() -> None:
    print("2. NL401 on labelled closing paragraphs (tests/rules/data/repetition_summary.toml)")
    data = tomllib.loads(LABELS.read_text(encoding="utf-8"))
    config = Config(select=("NL401",))
    tally: Counter[str] = Counter()
    misses = []
    for story in data["story"]:
        for closing in story["closing"]:
            text = f"{story['text']}\n\n{closing['text']}"
            last = text.count("\n") + 1
            fired = any(d.code == "NL401" and d.line == last for d in lint(text, config))
            actual = closing["label"] == "summary"
            key = ("t" if fired == actual else "f") + ("p" if fired else "n")
            tally[key] += 1
            if fired != actual:
                misses.append(f"    {key.upper()} {story['id']}: {closing['text'][:90]}")
    tp, fp, fn, tn = tally["tp"], tally["fp"], tally["fn"], tally["tn"]
    precision = tp / (tp + fp) if tp + fp else float("nan")
    recall = tp / (tp + fn) if tp + fn else float("nan")
    print(f"  tp={tp} fp={fp} fn={fn} tn={tn}  precision={precision:.3f} recall={recall:.3f}")
    for miss in misses:
        print(miss)


VOCABULARY_SIZE = 20000


def generated_article(paragraphs: int, seed: int = 7) -> str:
    """A long article of plausible shape: 3-5 sentences of 12-25 words per paragraph, drawn
    from a Zipf-like vocabulary, with a few copied paragraphs and sentences planted."""
    rng = random.Random(seed)
    words = [f"w{i}" for i in range(VOCABULARY_SIZE)]
    weights = [1 / (i + 1) for i in range(VOCABULARY_SIZE)]
    blocks = ["A Very Long Live Report"]
    for _ in range(paragraphs):
        sentences = []
        for _ in range(rng.randint(3, 5)):
            body = rng.choices(words, weights, k=rng.randint(12, 25))
            sentences.append(" ".join(body).capitalize() + ".")
        blocks.append(" ".join(sentences))
    for _ in range(max(1, paragraphs // 500)):
        blocks.append(blocks[rng.randint(1, paragraphs)])
    return "\n\n".join(blocks) + "\n"


def speed() -> None:
    print("3. Time to lint generated articles with NL401-NL404 (best of 3)")
    for size in (500, 2000, 5000):
        text = generated_article(size)
        best = float("inf")
        count = 0
        for _ in range(3):
            started = time.perf_counter()
            count = len(lint(text))
            best = min(best, time.perf_counter() - started)
        print(
            f"  {size:5d} paragraphs, {len(text.split()):7d} words: {best:6.2f} s "
            f"({best / size * 1000:.2f} ms per paragraph, {count} diagnostics)"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--split", choices=("dev", "test", "all"), default="test")
    parser.add_argument("--show", type=int, default=0, help="print N flagged passages per set")
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument(
        "--families", action="store_true", help="also count NL5xx and NL7xx on the same sets"
    )
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"no benchmark data at {args.data}", file=sys.stderr)
        return 2
    false_alarms(args.data, args.split, args.show)
    if args.families:
        false_alarms(args.data, args.split, args.show, OTHER)
    summary_accuracy()
    if not args.skip_speed:
        speed()
    return 0


if __name__ == "__main__":
    sys.exit(main())
