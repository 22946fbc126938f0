"""Machine filler: how many GPT and human news texts the filler/hedging/repetition warnings flag.

Usage::

    python bench/machine_filler.py [DATA_DIR] [--split dev|test|all] [--show CODE:N ...]
                                   [--missed N]

``DATA_DIR`` defaults to ``../shared/benchmarks`` beside the checkout. ``human-vs-gpt-news``
holds human news articles and GPT-3.5 texts on the same stories (written from the title, or
rephrasing the human text). A text counts as flagged when the default rules give it at least
one diagnostic of severity warning or error in the filler, hedging or repetition categories.
The goal on the ``test`` split: at least 60% of the GPT texts flagged and at most 3% of the
human ones. ``--show NL603:10`` prints ten flagged passages of a rule (with the text's label);
``--missed N`` prints the opening of N GPT texts that nothing flagged.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

from newslint.config import Config
from newslint.diagnostics import SEVERITY_RANK, Diagnostic
from newslint.engine import Linter
from newslint.plugins import load_plugins

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "benchmarks"
MACHINE_SIGNS = ("filler", "hedging", "repetition")
GOAL_MACHINE, GOAL_HUMAN = 0.60, 0.03


def is_machine_sign(diagnostic: Diagnostic) -> bool:
    return diagnostic.category in MACHINE_SIGNS and SEVERITY_RANK[diagnostic.severity] >= 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    parser.add_argument("--show", nargs="*", default=[], metavar="CODE:N")
    parser.add_argument("--missed", type=int, default=0, metavar="N")
    args = parser.parse_args(argv)
    show = {item.split(":")[0]: int(item.split(":")[1]) for item in args.show}
    _, registry = load_plugins(autoload=False)
    linter, config = Linter(registry), Config()
    texts: dict[str, int] = Counter()
    flagged: dict[str, int] = Counter()
    by_code: dict[str, Counter[str]] = defaultdict(Counter)
    missed: list[str] = []
    with (args.data / "human-vs-gpt-news" / "news.jsonl").open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle]
    for record in records:
        if args.split not in ("all", record["split"]):
            continue
        group = "human" if record["label"] == "human" else "gpt"
        text = record["text"]
        signs = [d for d in linter.lint_text(text, "article.txt", config) if is_machine_sign(d)]
        texts[group] += 1
        flagged[group] += bool(signs)
        for code in {d.code for d in signs}:
            by_code[group][code] += 1
        for d in signs:
            if show.get(d.code, 0) > 0:
                show[d.code] -= 1
                around = text[max(0, d.offset - 60) : d.end_offset + 60].replace("\n", " / ")
                print(f"  {d.code} [{group}] …{around}…")
        if group == "gpt" and not signs and len(missed) < args.missed:
            missed.append(" ".join(text.split())[:400])
    machine = flagged["gpt"] / texts["gpt"]
    human = flagged["human"] / texts["human"]
    ok = machine >= GOAL_MACHINE and human <= GOAL_HUMAN
    print(
        f"human-vs-gpt-news ({args.split}): GPT texts flagged {machine:.1%} "
        f"({flagged['gpt']}/{texts['gpt']}), human texts flagged {human:.1%} "
        f"({flagged['human']}/{texts['human']}) [{'ok' if ok else 'short of the goal'}]"
    )
    for group in ("gpt", "human"):
        counts = ", ".join(f"{c} {k}" for c, k in by_code[group].most_common())
        print(f"  texts flagged per rule, {group}: {counts or 'none'}")
    for text in missed:
        print(f"  MISSED: {text}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
