"""Every diagnostic newslint gives on a fixed set of real articles, to compare two versions.

Usage::

    python bench/snapshot.py write OUT.jsonl [DATA_DIR]
    python bench/snapshot.py compare BEFORE.jsonl AFTER.jsonl

``write`` lints, with the default rules, the seed article and every article of
``bbc-news``, ``lee-corpus`` and ``polnear`` found in ``DATA_DIR`` (default
``../shared/benchmarks`` beside the checkout) and writes one JSON line per diagnostic.
``compare`` prints how many diagnostics the two snapshots share, which were lost and which
were gained, so a change meant to keep behaviour can show that it did.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "benchmarks"
CORPORA = (
    ("bbc-news/articles.jsonl", "title"),
    ("lee-corpus/documents.jsonl", None),
    ("polnear/articles.jsonl", "title"),
)


def articles(data: Path) -> Iterator[tuple[str, str]]:
    """``(name, text)`` for the seed and each article of the corpora present in ``data``."""
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        yield f"seeds/{seed.name}", seed.read_text(encoding="utf-8")
    for relative, title_key in CORPORA:
        path = data / relative
        if not path.is_file():
            print(f"snapshot: {path} not found, skipped", file=sys.stderr)
            continue
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                title = record.get(title_key, "") if title_key else ""
                text = f"{title}\n\n{record['text'].strip()}\n" if title else record["text"]
                yield f"{relative}#{record['id']}", text


def write(out: Path, data: Path) -> None:
    from newslint import Config
    from newslint.engine import Linter

    config = Config()
    linter = Linter.configured(config, plugins=False)
    count = 0
    with out.open("w", encoding="utf-8") as handle:
        for name, text in articles(data):
            for diagnostic in linter.lint_text(text, name + ".txt", config):
                row = {
                    key: value
                    for key, value in diagnostic.to_dict().items()
                    if key not in ("fix", "offset", "end_offset")
                }
                row["fix"] = diagnostic.fix is not None
                handle.write(json.dumps(row, sort_keys=True) + "\n")
                count += 1
    print(f"{count} diagnostics written to {out}")


def compare(before: Path, after: Path) -> int:
    old = set(before.read_text(encoding="utf-8").splitlines())
    new = set(after.read_text(encoding="utf-8").splitlines())
    print(f"before {len(old)}, after {len(new)}, same {len(old & new)}")
    for label, rows in (("lost", sorted(old - new)), ("gained", sorted(new - old))):
        print(f"{label}: {len(rows)}")
        for row in rows[:40]:
            print("  " + row)
    return 0 if old == new else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    w = sub.add_parser("write")
    w.add_argument("out", type=Path)
    w.add_argument("data", type=Path, nargs="?", default=DEFAULT_DATA)
    c = sub.add_parser("compare")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.command == "write":
        write(args.out, args.data)
        return 0
    return compare(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
