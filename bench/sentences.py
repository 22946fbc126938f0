"""How well newslint's sentence splitter agrees with CoreNLP on real news text.

Usage::

    python bench/sentences.py [DATA_DIR] [--split dev|test]

Uses ``polnear/articles.jsonl`` (political news with CoreNLP sentence offsets). Both sides'
sentence *ends* are compared as sets of character offsets (trailing whitespace trimmed):
precision = newslint ends that CoreNLP also has, recall = CoreNLP ends newslint found. Ends
at paragraph breaks count too, since both split there. Also prints the splitter's speed.

When ``pysbd`` or ``syntok`` is installed, the same paragraphs are split by that library too and
scored the same way, so the choice of splitter rests on figures, not taste.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from newslint.text.document import Document

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "benchmarks"


def _trim_end(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def _library_splitters() -> dict[str, object]:
    """Sentence splitters from libraries that happen to be installed: name -> function
    taking a paragraph and returning the end offsets of its sentences."""
    found: dict[str, object] = {}
    try:
        import pysbd

        segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)

        def pysbd_ends(text: str) -> list[int]:
            return [span.end for span in segmenter.segment(text)]

        found["pysbd"] = pysbd_ends
    except ImportError:
        pass
    try:
        from syntok import segmenter as syntok_segmenter

        def syntok_ends(text: str) -> list[int]:
            ends = []
            for paragraph in syntok_segmenter.analyze(text):
                for sentence in paragraph:
                    last = sentence[-1]
                    ends.append(last.offset + len(last.value))
            return ends

        found["syntok"] = syntok_ends
    except ImportError:
        pass
    return found


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
    libraries = _library_splitters()
    lib_counts = {name: [0, 0, 0.0] for name in libraries}  # found, agreed, seconds
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
            for name, split in libraries.items():
                started = time.perf_counter()
                theirs: set[int] = set()
                for paragraph in doc.paragraphs:
                    for end in split(paragraph.text):  # type: ignore[operator]
                        theirs.add(_trim_end(text, paragraph.start + end))
                lib_counts[name][2] += time.perf_counter() - started
                lib_counts[name][0] += len(theirs)
                lib_counts[name][1] += len(theirs & gold_ends)
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
    for name, (lib_found, lib_agree, lib_seconds) in lib_counts.items():
        p = lib_agree / lib_found if lib_found else float("nan")
        r = lib_agree / gold if gold else float("nan")
        f = 2 * p * r / (p + r) if p + r else float("nan")
        print(
            f"{name}: precision={p:.3f} recall={r:.3f} F1={f:.3f} "
            f"({chars / 1e6 / lib_seconds:.2f} MB/s, sentences of newslint's paragraphs)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
