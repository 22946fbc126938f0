"""Speed of newslint at corpus scale: throughput, parallel runs, start-up, memory, cost model.

Usage::

    python bench/speed.py [DATA_DIR] [--articles N] [--jobs N] [--runs N] [--skip-memory]

``DATA_DIR`` defaults to ``../shared/benchmarks`` beside the checkout; the corpus is its
``bbc-news/articles.jsonl`` (title, blank line, body per article). Without it a deterministic
corpus of generated article-like text is used instead (say so in any figure you quote).

Everything runs with the default rule set and prints figures; nothing is asserted:

(a) one process: ``newslint --jobs 1`` over a folder with one ``.txt`` file per article;
(b) ``newslint --jobs N`` over the same folder (N defaults to the CPU count);
(c) start-up: ``newslint seeds/<seed>.txt`` (the console script, as a pre-commit hook runs
    it) as a whole process, median of ``--runs`` runs taken in turn with the same run
    ``--version``, the bare interpreter and proselint's, after a
    first run that leaves bytecode behind, as a user's first run does
    (measured processes keep bytecode even where ``PYTHONDONTWRITEBYTECODE`` is set);
    and, when ``proselint`` is on PATH, ``proselint check`` on the same seed and over the same
    folder, with newslint's throughput as a ratio to it;
(d) cost model: one article made 10x longer (ten articles joined) against the mean of the ten
    alone, in this process, in all and for the costliest rules; a linear linter gives ~10x;
(e) memory of a streamed JSON Lines corpus of 1,000 and 10,000 articles (peak RSS).

Whole-process figures (a, b, e) include start-up. Peak RSS is that of the newslint process
(for ``--jobs N``, the largest of the main process and its workers). Other work on the machine
shows in wall time; CPU seconds (user + system, all processes) are printed beside it.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "benchmarks"
SEED = ROOT / "seeds" / "000_48888c3d0b1816fe.txt"


# --- the corpus -------------------------------------------------------------------------------


def real_articles(data: Path, limit: int | None) -> list[str] | None:
    path = data / "bbc-news" / "articles.jsonl"
    if not path.is_file():
        return None
    out = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            out.append(f"{record['title']}\n\n{record['text'].strip()}\n")
            if limit and len(out) >= limit:
                break
    return out


_SUBJECTS = (
    "The council|The ministry|The company|Local officials|The regulator|Police|The union".split("|")
)
_VERBS = "approved|rejected|delayed|announced|reviewed|expanded|cut|defended".split("|")
_OBJECTS = (
    "the budget|a new plan|the proposal|the contract|its forecast|the inquiry|the merger".split("|")
)
_TAILS = (
    "on Tuesday|after a long debate|in a statement|despite objections|for the third year|"
    "ahead of the vote|earlier this month"
).split("|")
_SOURCES = "Mayor Ana Ruiz|a spokesperson|Finance Minister Tom Hale|the chief executive".split("|")
_QUOTES = (
    "We have listened to residents and acted|This is a fair outcome for everyone|"
    "We expect costs to fall next year|Nobody should be surprised by this decision"
).split("|")


def generated_articles(count: int, seed: int = 20240601) -> list[str]:
    """Deterministic article-like text: a headline, then paragraphs of news sentences with
    figures, attributions and quotations, 300 to 900 words each."""
    rng = random.Random(seed)
    articles = []
    for _ in range(count):
        head = f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)}"
        paragraphs = []
        for _ in range(rng.randint(6, 18)):
            sentences = []
            for _ in range(rng.randint(1, 4)):
                kind = rng.random()
                if kind < 0.2:
                    sentences.append(
                        f"\u201c{rng.choice(_QUOTES)},\u201d said {rng.choice(_SOURCES)}."
                    )
                elif kind < 0.4:
                    sentences.append(
                        f"{rng.choice(_SUBJECTS)} said spending rose {rng.randint(2, 40)}% "
                        f"to ${rng.randint(1, 900)}m {rng.choice(_TAILS)}."
                    )
                else:
                    sentences.append(
                        f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)} "
                        f"{rng.choice(_TAILS)}, according to {rng.choice(_SOURCES)}."
                    )
            paragraphs.append(" ".join(sentences))
        articles.append(head + "\n\n" + "\n\n".join(paragraphs) + "\n")
    return articles


# --- measuring processes ----------------------------------------------------------------------


@dataclass
class Run:
    wall: float
    cpu: float
    rss_mb: float
    code: int
    load: float  # 1-minute load average when the run started: other work on the machine


#: The environment of every measured process: an installed Python keeps the bytecode it
#: compiles, so a user's second run reads it back. Some environments switch that off
#: (``PYTHONDONTWRITEBYTECODE``), which would make every measured start-up recompile newslint.
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run(command: list[str], *, stdin: Path | None = None) -> Run:
    """Run a command with its output discarded; wall time, CPU time and peak RSS."""
    load = os.getloadavg()[0]
    started = time.perf_counter()
    with open(stdin or os.devnull, "rb") as source:
        process = subprocess.Popen(
            command,
            stdin=source,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=CHILD_ENV,
        )
        _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    # ru_maxrss is in KiB on Linux; the children's figure includes the largest worker.
    return Run(
        wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, process.returncode, load
    )


def hook_command(*args: str) -> list[str]:
    """``newslint ARGS`` as a pre-commit hook runs it: the console script installed beside
    this Python (``python -m newslint`` only where there is none: it also loads ``runpy``)."""
    script = Path(sys.executable).with_name("newslint.exe" if os.name == "nt" else "newslint")
    return [str(script), *args] if script.exists() else [sys.executable, "-m", "newslint", *args]


def newslint_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "newslint", "--exit-zero", "--quiet", *args]


def interleaved_medians(
    commands: dict[str, list[str]], runs: int
) -> dict[str, tuple[float, float, float]]:
    """Like :func:`median_run` for several commands, run in turn (``a b c a b c ...``): on a
    machine whose speed drifts from minute to minute, each command meets the same drift."""
    first = {name: run(command).wall for name, command in commands.items()}
    results: dict[str, list[Run]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            results[name].append(run(command))
    return {
        name: (
            statistics.median(r.wall for r in results[name]),
            statistics.median(r.cpu for r in results[name]),
            first[name],
        )
        for name in commands
    }


def throughput_line(name: str, files: int, mb: float, result: Run) -> str:
    return (
        f"  {name:<22} {files:>6} files {mb:7.2f} MB {result.wall:7.2f} s wall "
        f"{result.cpu:7.2f} s cpu {files / result.wall:8.1f} articles/s "
        f"{mb / result.wall:6.2f} MB/s  peak RSS {result.rss_mb:6.1f} MB  load {result.load:.1f}"
    )


# --- the cost model (in this process) ---------------------------------------------------------


def cost_model(articles: list[str], repeats: int = 3) -> tuple[float, float, list[str]]:
    """CPU seconds for the mean 1x article and for one 10x article (medians), and a line per
    rule for the rules that cost the most at 10x."""
    from newslint.config import Config
    from newslint.engine import Linter
    from newslint.plugins import get_registry
    from newslint.readers import build_document

    linter = Linter(get_registry(autoload=False))
    rules = linter.rules_for(Config(), "a.txt")
    ten = sorted(articles, key=len)[len(articles) // 2 : len(articles) // 2 + 10]
    bodies = "\n\n".join(a.split("\n\n", 1)[-1].strip() for a in ten[1:])
    long_article = ten[0].rstrip("\n") + "\n\n" + bodies

    def timed(texts: list[str]) -> dict[str, float]:
        spent = dict.fromkeys((r.code for r in rules), 0.0)
        spent["(parse)"] = 0.0
        for text in texts:
            started = time.process_time()
            doc = build_document(text, "a.txt")
            _ = doc.sentences, doc.quotes, doc.line_starts
            spent["(parse)"] += time.process_time() - started
            for rule in rules:
                started = time.process_time()
                list(rule.check(doc))
                spent[rule.code] += time.process_time() - started
        return spent

    timed([*ten, long_article])  # compile patterns, load lexicons
    ones = [timed(ten) for _ in range(repeats)]
    manys = [timed([long_article]) for _ in range(repeats)]
    one = {k: statistics.median(r[k] for r in ones) / len(ten) for k in ones[0]}
    many = {k: statistics.median(r[k] for r in manys) for k in manys[0]}
    lines = [
        f"    {code:<8} 1x {one[code] * 1000:6.2f} ms  10x {many[code] * 1000:7.2f} ms  "
        f"ratio {many[code] / one[code] if one[code] else float('nan'):5.1f}x"
        for code in sorted(many, key=lambda c: -many[c])[:8]
    ]
    return sum(one.values()), sum(many.values()), lines


# --- main -------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--articles", type=int, default=None, help="limit the corpus")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--runs", type=int, default=21, help="start-up runs (median)")
    parser.add_argument("--skip-memory", action="store_true", help="skip the 1k/10k corpus")
    args = parser.parse_args(argv)

    articles = real_articles(args.data, args.articles)
    origin = f"{args.data / 'bbc-news'} (real news text)"
    if articles is None:
        articles = generated_articles(args.articles or 2000)
        origin = "generated article-like text (no bbc-news data found)"
    proselint = shutil.which("proselint")
    commit = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    from newslint.config import Config
    from newslint.plugins import get_registry

    registry = get_registry(autoload=False)
    enabled = [r for r in registry.sorted_rules() if Config().is_enabled(r)]
    print(f"newslint at {commit or '?'}: {len(enabled)} default rules; corpus: {origin}")
    print(f"CPUs: {os.cpu_count()}; load average at start: {os.getloadavg()[0]:.2f}")

    with tempfile.TemporaryDirectory(prefix="newslint-speed-") as tmp:
        work = Path(tmp)
        folder = work / "articles"
        folder.mkdir()
        for index, text in enumerate(articles):
            (folder / f"{index:05d}.txt").write_text(text, encoding="utf-8")
        mb = sum(len(a.encode("utf-8")) for a in articles) / 1e6
        files = len(articles)

        print("\nThroughput (default rules, whole process incl. start-up):")
        serial = run(newslint_command("--jobs", "1", str(folder)))
        print(throughput_line("newslint --jobs 1", files, mb, serial))
        parallel = run(newslint_command("--jobs", str(args.jobs), str(folder)))
        print(throughput_line(f"newslint --jobs {args.jobs}", files, mb, parallel))
        print(f"  --jobs {args.jobs} speed-up over --jobs 1: {serial.wall / parallel.wall:.2f}x")
        if proselint:
            other = run([proselint, "check", str(folder)])
            print(throughput_line("proselint check", files, mb, other))
            print(
                f"  newslint/proselint throughput: {other.wall / serial.wall:.2f}x "
                f"(--jobs 1), {other.wall / parallel.wall:.2f}x (--jobs {args.jobs})"
            )
        else:
            print("  proselint not installed: no comparison")

        print(
            f"\nStart-up: one article as a whole process (median of {args.runs} runs, "
            "the commands in turn):"
        )
        commands = {
            # What a pre-commit hook runs: the file names and nothing else.
            "newslint": hook_command(str(SEED)),
            "version": newslint_command("--version"),
            "bare": [sys.executable, "-c", "pass"],
        }
        if proselint:
            commands["proselint"] = [proselint, "check", str(SEED)]
        timed = interleaved_medians(commands, args.runs)
        wall, cpu, first = timed["newslint"]
        print(
            f"  newslint {SEED.name}: {wall * 1000:6.0f} ms wall {cpu * 1000:6.0f} ms cpu "
            f"(first run {first * 1000:.0f} ms)"
        )
        print(f"  newslint --version:  {timed['version'][0] * 1000:6.0f} ms wall")
        print(
            f"  python -c pass:      {timed['bare'][0] * 1000:6.0f} ms wall (the interpreter alone)"
        )
        if proselint:
            p_wall, p_cpu, _ = timed["proselint"]
            print(
                f"  proselint check {SEED.name}: {p_wall * 1000:6.0f} ms wall "
                f"{p_cpu * 1000:6.0f} ms cpu"
            )

        print("\nCost model (in-process CPU, median of 3): one article made 10x longer")
        one, many, lines = cost_model(articles)
        print(
            f"  1x: {one * 1000:.1f} ms   10x: {many * 1000:.1f} ms   ratio {many / one:.1f}x "
            "(linear: about 10x); costliest at 10x:"
        )
        print("\n".join(lines))

        if not args.skip_memory:
            print("\nStreamed JSON Lines corpus (--jobs 1), peak RSS:")
            for count in (1000, 10000):
                corpus = work / f"corpus-{count}.jsonl"
                size = 0
                with corpus.open("w", encoding="utf-8") as handle:
                    for index in range(count):
                        line = json.dumps({"id": f"a{index}", "body": articles[index % files]})
                        handle.write(line + "\n")
                        size += len(line) + 1
                result = run(
                    newslint_command(
                        "--input-format", "jsonl", "--text-field", "body", "--jobs", "1",
                        str(corpus),
                    )
                )  # fmt: skip
                print(
                    f"  {count:>6} articles {size / 1e6:6.1f} MB  {result.wall:6.1f} s wall "
                    f"{size / 1e6 / result.wall:5.2f} MB/s  peak RSS {result.rss_mb:6.1f} MB "
                    f"load {result.load:.1f}"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
