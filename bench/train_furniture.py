"""Train the furniture-line model (``src/newslint/checks/furniture_model.json``) on dev pages.

Usage::

    python bench/train_furniture.py [DATA_DIR] [--write] [--min-precision 0.97]

A logistic regression over the signals of ``newslint.checks.furniture_signals``, fitted by
plain gradient descent (standard library only), on:

- the ``fit`` two thirds of ``l3s-gn1`` (see ``bench/furniture.py``): furniture = ``related``,
  ``comments``, ``other``, ``unmatched``; prose = ``body``; ``article`` and ``nontext`` lines
  are left out;
- the trafilatura lines of the ``dev`` split of ``article-extraction-benchmark``, without each
  page's first line (the gold body has no headline, so the labels call every headline
  boilerplate, and a headline is not page furniture). Its html-text lines are left out: there
  a word or two of a menu counts as article text whenever it occurs anywhere in the article.

Cells of tables of figures (``furniture_signals.in_figure_table``) are left out of both: the
rules keep them as the story's data whatever the model says, and the benchmark's derived
labels call a table outside its gold text boilerplate.

Each (set, extractor) group weighs the same in total, so whole-page html-text output (ten times
as many lines) does not drown the extractor output. The threshold is the lowest probability at
which every group keeps precision >= ``--min-precision`` on these training lines (a margin over
the 0.95 goal for pages never seen). ``--write`` saves the model; without it the script only
prints what it would ship. Held-out figures come from ``bench/furniture.py --split test``.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

from furniture import DEFAULT_DATA, aeb_pages, l3s_pages
from newslint import Document
from newslint.checks import furniture_signals
from newslint.checks.furniture_signals import SIGNALS

MODEL_PATH = (
    Path(__file__).resolve().parents[1]
    / "src"
    / "newslint"
    / "checks"
    / furniture_signals.MODEL_FILE
)
NAMES = list(SIGNALS)
INDEX = {name: i for i, name in enumerate(NAMES)}

Example = tuple[list[tuple[int, float]], bool, float]


def page_examples(lines: list[str], labels: list[bool | None], skip_first: bool) -> list[Example]:
    """(sparse signals, is furniture, weight 1) for each labelled single-line unit."""
    text = "\n".join(line.replace("\n", " ").replace("\r", " ") for line in lines)
    doc = Document(text)
    items = furniture_signals.units(doc)
    out: list[Example] = []
    for unit, found in zip(items, furniture_signals.signals(items), strict=True):
        if unit.lines != 1 or furniture_signals.is_unspaced(unit.text):
            continue
        index = doc.position(unit.start)[0] - 1
        if labels[index] is None or (skip_first and index == 0):
            continue
        # The rules never let the model judge a cell of a table of figures: it is body.
        if furniture_signals.in_figure_table(found):
            continue
        out.append(([(INDEX[k], v) for k, v in found.items() if v], labels[index], 1.0))
    return out


def groups(data: Path, split: str = "dev") -> dict[str, list[Example]]:
    out: dict[str, list[Example]] = {}
    for key in ("trafilatura", "htmltext", "justext"):
        rows = out.setdefault(f"l3s/{key}", [])
        for page in l3s_pages(data, key, split):
            rows += page_examples(page.lines, page.labels, skip_first=False)
    rows = out.setdefault("aeb/trafilatura", [])
    for page in aeb_pages(data, "trafilatura", split):
        rows += page_examples(page.lines, page.labels, skip_first=True)
    return out


def train(examples: list[Example], epochs: int, l2: float) -> tuple[list[float], float]:
    """Weighted logistic regression by full-batch gradient descent with Adam steps."""
    size = len(NAMES)
    weights = [0.0] * size
    bias = 0.0
    m = [0.0] * (size + 1)
    v = [0.0] * (size + 1)
    total = sum(w for _, _, w in examples)
    rate, beta1, beta2 = 0.05, 0.9, 0.999
    for step in range(1, epochs + 1):
        grad = [0.0] * (size + 1)
        for sparse, label, weight in examples:
            z = bias + sum(weights[i] * x for i, x in sparse)
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            error = (p - label) * weight
            for i, x in sparse:
                grad[i] += error * x
            grad[size] += error
        for i in range(size + 1):
            g = grad[i] / total + (l2 * weights[i] if i < size else 0.0)
            m[i] = beta1 * m[i] + (1 - beta1) * g
            v[i] = beta2 * v[i] + (1 - beta2) * g * g
            delta = rate * (m[i] / (1 - beta1**step)) / (math.sqrt(v[i] / (1 - beta2**step)) + 1e-8)
            if i < size:
                weights[i] -= delta
            else:
                bias -= delta
    return weights, bias


def hand_rule(sparse: list[tuple[int, float]]) -> bool:
    """The hand-set baseline the model must beat: a line without a sentence ending that is
    mostly interface words, or short and outside the prose on a page of short lines."""
    found = {NAMES[i]: x for i, x in sparse}
    if not found.get("no_sentence_end"):
        return False
    return found.get("interface_share", 0) >= 0.5 or found.get("short_outside_body", 0) > 0.5


def compare_held_out(data: Path, weights: list[float], bias: float, threshold: float) -> None:
    """Model against the hand-set rule, on pages never trained on (signals only, before the
    rules' own guards)."""
    print("held-out pages (l3s-gn1 check third, AEB test), precision/recall:")
    for name, rows in groups(data, "test").items():
        model = [(probability(weights, bias, sparse), label) for sparse, label, _ in rows]
        hand = [(1.0 if hand_rule(sparse) else 0.0, label) for sparse, label, _ in rows]
        mp, mr = precision_recall(model, threshold)
        hp, hr = precision_recall(hand, 0.5)
        print(f"  {name:<18} model {mp:.3f}/{mr:.3f}   hand rule {hp:.3f}/{hr:.3f}")


def probability(weights: list[float], bias: float, sparse: list[tuple[int, float]]) -> float:
    z = bias + sum(weights[i] * x for i, x in sparse)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def precision_recall(scored: list[tuple[float, bool]], threshold: float) -> tuple[float, float]:
    tp = sum(1 for p, y in scored if p >= threshold and y)
    fp = sum(1 for p, y in scored if p >= threshold and not y)
    positives = sum(1 for _, y in scored if y)
    return (tp / (tp + fp) if tp + fp else 1.0), (tp / positives if positives else 0.0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--epochs", type=int, default=300)
    parser.add_argument("--l2", type=float, default=1e-3)
    parser.add_argument("--min-precision", type=float, default=0.97)
    parser.add_argument(
        "--threshold", type=float, help="ship this threshold instead of the one chosen here"
    )
    parser.add_argument("--write", action="store_true")
    parser.add_argument(
        "--held-out", action="store_true", help="compare with the hand-set rule on test pages"
    )
    parser.add_argument("--dump", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    by_group = groups(args.data)
    examples: list[Example] = []
    for rows in by_group.values():
        examples += [(sparse, label, 1.0 / len(rows)) for sparse, label, _ in rows]
    weights, bias = train(examples, args.epochs, args.l2)
    scored = {
        name: [(probability(weights, bias, sparse), label) for sparse, label, _ in rows]
        for name, rows in by_group.items()
    }
    threshold = 0.99
    for candidate in [t / 100 for t in range(99, 29, -1)]:
        if all(precision_recall(s, candidate)[0] >= args.min_precision for s in scored.values()):
            threshold = candidate
        else:
            break
    for candidate in (0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95):
        cells = [precision_recall(s, candidate) for s in scored.values()]
        print(f"  at {candidate:.2f}: " + "  ".join(f"{p:.3f}/{r:.3f}" for p, r in cells))
    if args.threshold is not None:
        print(
            f"threshold {args.threshold:.2f} (given; the lowest keeping precision >= "
            f"{args.min_precision} per group is {threshold:.2f})"
        )
        threshold = args.threshold
    else:
        print(f"threshold {threshold:.2f} (lowest keeping precision >= {args.min_precision})")
    for name, rows in scored.items():
        precision, recall = precision_recall(rows, threshold)
        print(f"  {name:<18} lines={len(rows):>6} precision={precision:.3f} recall={recall:.3f}")
    for name, weight in sorted(zip(NAMES, weights, strict=True), key=lambda p: -abs(p[1])):
        print(f"  {weight:+7.3f}  {name}")
    print(f"  {bias:+7.3f}  (bias)")
    if args.held_out:
        compare_held_out(args.data, weights, bias, threshold)
    if args.dump:
        args.dump.write_text(
            json.dumps({"bias": bias, "weights": dict(zip(NAMES, weights, strict=True))})
        )
    if args.write:
        model = {
            "about": "Logistic model over newslint.checks.furniture_signals.SIGNALS; "
            "written by bench/train_furniture.py from benchmark dev pages (no text kept).",
            "threshold": threshold,
            "bias": round(bias, 4),
            "weights": {name: round(w, 4) for name, w in zip(NAMES, weights, strict=True)},
        }
        MODEL_PATH.write_text(json.dumps(model, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {MODEL_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
