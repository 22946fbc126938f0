"""Hostile-input benchmark: does linting time grow linearly with input size?

A commit hook or CI job meets files nobody looked at: a 50 MB dump, a 5 MB file with no line
breaks, pathological punctuation, a line of Markdown links that never close, a tree of
100,000 tiny files. For each, this script lints
the input at several sizes and prints seconds, seconds per MB and the ratio between
consecutive sizes (about 2.0 when the size doubles and the work is linear; about 4.0 means
quadratic). It needs no benchmark data: the prose is the seed article in ``seeds/``,
repeated, and the hostile cases are generated.

    python bench/hostile.py                 # 50 MB article, 5 MB line, hostile cases, 100k files
    python bench/hostile.py --quick         # a tenth of the sizes, 10,000 files
    python bench/hostile.py --only tree     # one section: article, line, hostile, markdown,
                                            # packs, tree

Times are wall-clock on whatever else the machine is doing; read the ratios, not the
absolute figures. Peak memory is the process's maximum resident size so far.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_48888c3d0b1816fe.txt"
MB = 1_000_000


def _linter():
    from newslint.config import Config
    from newslint.engine import Linter
    from newslint.plugins import load_plugins

    pm, registry = load_plugins(autoload=False)
    return Linter(registry, pm), Config()


def _prose() -> str:
    """The seed article's reporting paragraphs (no page furniture), as one block."""
    paragraphs = SEED.read_text(encoding="utf-8").split("\n\n")
    return "\n\n".join(p for p in paragraphs if len(p) > 200) + "\n\n"


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1000  # kilobytes on Linux


def _scaling(
    name: str,
    make: Callable[[int], bytes],
    sizes: list[int],
    per_rule: bool,
    suffix: str = ".txt",
) -> None:
    linter, config = _linter()
    previous = None
    for size in sizes:
        data = make(size)
        start = time.perf_counter()
        if per_rule:
            seconds, worst = _per_rule(linter, config, data.decode("utf-8"))
        else:
            result = linter.lint_bytes(data, f"{name}{suffix}", config)
            assert result.error is None, result.error
            seconds, worst = time.perf_counter() - start, ""
        ratio = f"x{seconds / previous:4.1f}" if previous else "     "
        print(
            f"  {name:<14} {len(data) / MB:7.2f} MB  {seconds:8.2f} s  "
            f"{seconds / (len(data) / MB):7.2f} s/MB  {ratio}  peak {_peak_mb():6.0f} MB{worst}",
            flush=True,
        )
        previous = seconds


def _markdown_scaling(name: str, make: Callable[[int], bytes], sizes: list[int]) -> None:
    """Like :func:`_scaling` for a ``.md`` input, with the Markdown reader's share apart:
    the reader is what once grew quadratically here; the rest is the rules' work on one
    long paragraph."""
    from newslint.readers.markdown import MarkdownReader

    linter, config = _linter()
    previous = previous_read = None
    for size in sizes:
        data = make(size)
        start = time.perf_counter()
        MarkdownReader().read(data.decode("utf-8"), f"{name}.md")
        reading = time.perf_counter() - start
        start = time.perf_counter()
        result = linter.lint_bytes(data, f"{name}.md", config)
        assert result.error is None, result.error
        seconds = time.perf_counter() - start
        ratio = f"x{seconds / previous:4.1f}" if previous else "     "
        read_ratio = f"x{reading / previous_read:4.1f}" if previous_read else "     "
        print(
            f"  {name:<14} {len(data) / MB:7.2f} MB  {seconds:8.2f} s  "
            f"{seconds / (len(data) / MB):7.2f} s/MB  {ratio}  "
            f"reader {reading:6.2f} s {read_ratio}  peak {_peak_mb():6.0f} MB",
            flush=True,
        )
        previous, previous_read = seconds, reading


def _per_rule(linter, config, text: str) -> tuple[float, str]:
    """Total time, and the three slowest parts (document parsing, then each rule)."""
    from newslint.readers import build_document

    times: dict[str, float] = {}
    start = time.perf_counter()
    doc = build_document(text, "hostile.txt")
    _ = doc.sentences, doc.quotes, doc.lines
    times["parse"] = time.perf_counter() - start
    for rule in linter.rules_for(config, "hostile.txt"):
        begin = time.perf_counter()
        try:
            list(rule.check(doc))
        except Exception as error:  # a crash is a finding of this benchmark, not its end
            print(f"    {rule.code} raised {type(error).__name__}: {error}")
        times[rule.code] = time.perf_counter() - begin
    total = time.perf_counter() - start
    slowest = sorted(times, key=times.__getitem__, reverse=True)[:3]
    return total, "  slowest: " + ", ".join(f"{k} {times[k]:.2f}s" for k in slowest)


def _repeat(unit: str, size: int) -> bytes:
    return (unit * (size // len(unit) + 1))[:size].encode("utf-8")


def _runs(*units: str) -> Callable[[int], bytes]:
    """Text of ``size`` characters made of one long run of each unit, in turn."""

    def make(size: int) -> bytes:
        share = size // len(units)
        return b"".join(_repeat(unit, share) for unit in units)

    return make


#: Text that once took, or could take, more than linear time somewhere.
HOSTILE: dict[str, Callable[[int], bytes]] = {
    "dots": _runs("."),
    "open-quotes": _runs(" 'a", ' "b'),
    "curly-quotes": _runs(" “a", " ’"),
    "blank-lines": _runs("\n \n"),
    "no-spaces": _runs("abcdefghij"),
    "abbreviations": _runs("U.S. Gov. Jan. e.g. "),
    "numbers": _runs("10,000 to 12,000 "),
    "sentences": _runs("He said so. "),
    "quoted-paras": _runs('"We will build new homes this year and more after that."\n\n'),
}


#: Markdown on one line that the reader once read in quadratic time: a thousand links or
#: comments that are never closed.
MARKDOWN: dict[str, Callable[[int], bytes]] = {
    "md-links": _runs("[a](b "),
    "md-comments": _runs("The council met. <!-- "),
    "md-images": _runs("![a](b "),
    "md-code": _runs("``a `"),
}


def _cli_peak(args: list[str], cwd: str) -> tuple[float, float, str]:
    """Seconds, peak RSS (MB) and last line of standard error of one ``newslint`` run.

    The run is started by a small wrapper process that reads its only child's peak, so that
    this script's own memory never counts."""
    wrapper = (
        "import resource, subprocess, sys\n"
        "done = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "sys.stderr.write(done.stderr)\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1000\n"
        "print(f'PEAK {peak:.0f}', file=sys.stderr)\n"
    )
    command = [sys.executable, "-c", wrapper, sys.executable, "-m", "newslint", *args]
    environ = dict(os.environ, NEWSLINT_DISABLE_PLUGIN_AUTOLOAD="1")
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, cwd=cwd, env=environ)
    seconds = time.perf_counter() - start
    lines = done.stderr.strip().splitlines()
    peak = next((float(x.split()[1]) for x in lines if x.startswith("PEAK ")), 0.0)
    other = [x for x in lines if not x.startswith("PEAK ")]
    return seconds, peak, other[-1] if other else ""


def packs(scale: float) -> None:
    """Costs that once grew too fast: tiny paragraphs, a backtracking pack, huge phrase packs."""
    with tempfile.TemporaryDirectory() as folder:
        # Every line is an NL106 finding: past max-findings-per-rule (1000) they are counted
        # in one summary, so the report stays small; the peak is the document and the
        # analyses the rules share, which grow with the number of paragraphs.
        print("Many tiny paragraphs (one short line each), whole process:")
        previous = None
        for count in [int(n * scale) for n in (100_000, 200_000, 400_000, 800_000)]:
            Path(folder, "tiny.txt").write_text("Tiny.\n\n" * count)
            seconds, peak, _ = _cli_peak(["tiny.txt", "-q", "--exit-zero"], folder)
            size = count * 7 / MB
            ratio = f"x{seconds / previous:4.1f}" if previous else "     "
            print(f"  {count:>7} paragraphs {size:5.2f} MB  {seconds:6.2f} s  {ratio}", end="")
            print(f"  peak {peak:5.0f} MB")
            previous = seconds
        print("A line pack that backtracks, '(?:a|aa)+$', on 60 lines (budget 2 s per started MB):")
        Path(folder, "slow.toml").write_text(
            '[pack]\nname = "slow"\n[[rule]]\ncode = "SL101"\nname = "slow"\nkind = "line"\n'
            'category = "style"\nsummary = "s"\npatterns = [\'(?:a|aa)+$\']\n'
            'fire = ["aaa"]\nquiet = ["b"]\n'
        )
        Path(folder, "slow.txt").write_text(("a" * 40 + "b\n\n") * 60)
        Path(folder, "newslint.toml").write_text('packs = ["slow.toml"]\n')
        seconds, peak, last = _cli_peak(["slow.txt", "--exit-zero"], folder)
        print(f"  {seconds:6.2f} s  peak {peak:5.0f} MB  ({last})")
        Path(folder, "newslint.toml").unlink()
        print("A phrase pack of N phrases, loaded and run on the seed:")
        seed = SEED.read_text(encoding="utf-8")
        Path(folder, "seed.txt").write_text(seed)
        for count in [int(n * scale) for n in (20_000, 100_000)]:
            phrases = ", ".join(f'"phrase number {i} here"' for i in range(count))
            Path(folder, "big.toml").write_text(
                '[pack]\nname = "big"\n[[rule]]\ncode = "BG101"\nname = "big"\n'
                f'category = "style"\nsummary = "b"\nphrases = [{phrases}]\n'
                'fire = ["phrase number 7 here"]\nquiet = ["nothing"]\n'
            )
            Path(folder, "newslint.toml").write_text('packs = ["big.toml"]\n')
            seconds, peak, _ = _cli_peak(["seed.txt", "-q", "--exit-zero"], folder)
            print(f"  {count:>7} phrases  {seconds:6.2f} s  peak {peak:5.0f} MB")


def tree(files: int, jobs: int) -> None:
    """Lint a tree of tiny files with the command line, as a hook would."""
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        for index in range(files):
            sub = Path(folder, f"d{index % 100:02d}", f"e{index // 100 % 10}")
            if index < 1000:
                sub.mkdir(parents=True, exist_ok=True)
            (sub / f"{index}.txt").write_text("Loading Now\n\nThe council met on Tuesday.\n")
        made = time.perf_counter() - start
        command = [sys.executable, "-m", "newslint", folder, "-q", "--jobs", str(jobs)]
        environ = dict(os.environ, NEWSLINT_DISABLE_PLUGIN_AUTOLOAD="1")
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, env=environ, check=False)
        seconds = time.perf_counter() - start
        reported = done.stdout.count("\n")
        print(
            f"  {files} files (made in {made:.1f} s): exit {done.returncode}, "
            f"{reported} diagnostics, {seconds:.1f} s with --jobs {jobs} "
            f"({seconds / files * 1000:.2f} ms per file)"
        )
        if done.stderr.strip():
            print("  stderr: " + done.stderr.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a tenth of the sizes")
    parser.add_argument(
        "--only", choices=("article", "line", "hostile", "markdown", "packs", "tree")
    )
    parser.add_argument("--files", type=int, help="files in the tree (default 100000)")
    parser.add_argument("--jobs", type=int, default=2, help="--jobs for the tree (default 2)")
    args = parser.parse_args(argv)
    scale = 0.1 if args.quick else 1.0
    prose = _prose()
    line = prose.replace("\n", " ")
    want = lambda section: args.only in (None, section)  # noqa: E731

    if want("article"):
        print("Article-shaped text, all default rules (target 50 MB):")
        sizes = [int(50 * MB * scale / 4), int(50 * MB * scale / 2), int(50 * MB * scale)]
        _scaling("article", lambda n: _repeat(prose, n), sizes, per_rule=False)
    if want("line"):
        print("One line with no line break (target 5 MB):")
        sizes = [int(5 * MB * scale / 4), int(5 * MB * scale / 2), int(5 * MB * scale)]
        _scaling("one-line", lambda n: _repeat(line, n), sizes, per_rule=False)
    if want("hostile"):
        print("Pathological text, document parse plus every default rule:")
        # Small on purpose: a quadratic rule takes minutes here already (see the ratios).
        sizes = [25_000, 50_000] if args.quick else [100_000, 200_000]
        for name, make in HOSTILE.items():
            _scaling(name, make, sizes, per_rule=True)
    if want("markdown"):
        print("Markdown on one line, read as .md, all default rules:")
        sizes = [62_500, 125_000, 250_000] if args.quick else [250_000, 500_000, 1_000_000]
        for name, make in MARKDOWN.items():
            _markdown_scaling(name, make, sizes)
    if want("line"):
        print("One paragraph on one line, 0.25 to 2 MB, all default rules:")
        sizes = [int(n * MB * scale) for n in (0.25, 0.5, 1, 2)]
        _scaling("paragraph", lambda n: _repeat(line, n), sizes, per_rule=False)
    if want("packs"):
        packs(scale)
    if want("tree"):
        files = args.files or (10_000 if args.quick else 100_000)
        print("A tree of tiny files, through the command line:")
        tree(files, args.jobs)


if __name__ == "__main__":
    main()
