"""Does the HTML report stay usable for a large corpus? Size, write time and browser timings.

Usage::

    python bench/html_report.py [DATA_DIR] [--articles N] [--runs N]

``DATA_DIR`` defaults to ``../shared/benchmarks`` beside the checkout; the corpus is the first
N articles (default 2,000) of its ``bbc-news/articles.jsonl``, written as a JSON Lines corpus
(title, blank line, body). Without it, generated article-like text from ``bench/speed.py``
is used instead (say so in any figure you quote).

It prints:

(a) the command: ``newslint --format html -o report.html corpus.jsonl`` against the same run
    with ``--format json``, wall seconds (median of ``--runs``), and the report's size; then
    the time to format the linted corpus alone, in this process, as HTML and as JSON (the
    lint dominates the command's time, and other work on the machine blurs the difference);
(b) the page in headless Chromium (Debian's ``chromium`` with ``chromium-driver``, through
    Selenium), median of ``--runs`` loads: DOMContentLoaded and load times, elements in the
    DOM and the script's heap after load; then, in the loaded page, the time to sort the
    index by findings, to find an article by typing in the search box, to open an article
    from the index, and to toggle a category filter;
(c) the same page with every article in the DOM at once (no templates: what the report does
    for up to ``LIVE_ARTICLES`` articles), to show what showing one article at a time saves.

Times are wall-clock on whatever else the machine is doing; compare (b) with (c) in one run.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "benchmarks"

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,900",
)


def corpus_records(data: Path, count: int) -> tuple[list[dict[str, str]], str]:
    """``count`` records ``{"id", "text"}`` and where they came from."""
    path = data / "bbc-news" / "articles.jsonl"
    if path.is_file():
        records = []
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle):
                record = json.loads(line)
                text = f"{record['title']}\n\n{record['text'].strip()}\n"
                records.append({"id": str(record.get("id", number)), "text": text})
                if len(records) >= count:
                    break
        if len(records) >= count:
            return records, f"{path} (first {count})"
    sys.path.insert(0, str(ROOT / "bench"))
    from speed import generated_articles  # the same generated text as the speed bench

    texts = generated_articles(count)
    return [{"id": f"generated/{i:05d}", "text": t} for i, t in enumerate(texts)], (
        f"{count} generated articles (bench/speed.py): no {path}"
    )


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=False, capture_output=True)
    return time.perf_counter() - started


def format_times(corpus: Path, runs: int) -> tuple[float, float]:
    """Seconds to format the linted corpus as HTML and as JSON (median of ``runs``)."""
    from newslint.config import Config
    from newslint.engine import Linter
    from newslint.plugins import load_plugins

    pm, registry = load_plugins(autoload=False)
    linter = Linter(registry, pm)
    reader = registry.readers["jsonl"]
    with corpus.open("rb") as handle:
        results = list(linter.lint_stream(handle, str(corpus), Config(), reader, {}))
    out = []
    for name in ("html", "json"):
        formatter = registry.formatters[name]
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            formatter.format_results(results, registry.rules)
            times.append(time.perf_counter() - started)
        out.append(statistics.median(times))
    return out[0], out[1]


def write_all_live(corpus: Path, target: Path) -> None:
    """The report with every article in the DOM (the small-report layout), for comparison."""
    script = (
        "import sys, newslint.formatters.html as h; h.LIVE_ARTICLES = 10**9; "
        "from newslint.cli import main; sys.exit(main(sys.argv[1:]))"
    )
    subprocess.run(
        [sys.executable, "-c", script, "--format", "html", "-o", str(target), str(corpus)],
        check=False,
        capture_output=True,
    )


def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tempfile.mkdtemp(prefix='newslint-bench-')}")
    options.add_argument("--enable-precise-memory-info")
    return webdriver.Chrome(options=options, service=Service(shutil.which("chromedriver")))


LOAD_FIGURES = """
const nav = performance.getEntriesByType("navigation")[0];
return {
  dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd,
  nodes: document.getElementsByTagName("*").length,
  heap: performance.memory ? performance.memory.usedJSHeapSize : 0,
};
"""

#: Each interaction, timed inside the page until the next frame is drawn.
INTERACTIONS = {
    "sort the index by findings": """
        document.querySelector("th button[data-sort='2']").click();""",
    "type an id in the search box": """
        const box = document.getElementById("find");
        box.value = "1"; box.dispatchEvent(new Event("input"));""",
    "open an article from the index": """
        document.querySelector("#index-table tbody tr:not([hidden]) a").click();""",
    "toggle a category filter": """
        document.querySelector("input[data-hide='c0']").click();""",
}


def interact(driver, action: str) -> float:
    return driver.execute_async_script(
        """
        const done = arguments[arguments.length - 1];
        const started = performance.now();
        """
        + action
        + """
        setTimeout(() => requestAnimationFrame(() => done(performance.now() - started)), 0);
        """
    )


def measure_page(driver, page: Path, runs: int) -> dict[str, float]:
    loads = []
    for _ in range(runs):
        driver.get("about:blank")
        driver.get(page.as_uri())
        loads.append(driver.execute_script(LOAD_FIGURES))
    figures = {key: statistics.median(run[key] for run in loads) for key in loads[0]}
    for name, action in INTERACTIONS.items():
        figures[name] = interact(driver, action)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not (shutil.which("chromium") and shutil.which("chromedriver")):
        print("needs chromium and chromedriver (apt-get install chromium chromium-driver)")
        return 2

    records, source = corpus_records(args.data, args.articles)
    work = Path(tempfile.mkdtemp(prefix="newslint-html-bench-"))
    try:
        corpus = work / "corpus.jsonl"
        corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        report = work / "report.html"
        newslint = [sys.executable, "-m", "newslint"]
        print(f"corpus: {source}, {corpus.stat().st_size / 1e6:.1f} MB")

        html = statistics.median(
            timed([*newslint, "--format", "html", "-o", str(report), str(corpus)])
            for _ in range(args.runs)
        )
        plain = statistics.median(
            timed([*newslint, "--format", "json", "-o", str(work / "r.json"), str(corpus)])
            for _ in range(args.runs)
        )
        print("\n(a) the command, median of", args.runs, "runs")
        print(f"  --format html  {html:6.2f} s   report {report.stat().st_size / 1e6:.1f} MB")
        print(f"  --format json  {plain:6.2f} s   (the same lint; the difference is the report)")

        html_format, json_format = format_times(corpus, args.runs)
        print(f"  formatting alone, in process: html {html_format:.2f} s, json {json_format:.2f} s")

        live = work / "all-live.html"
        write_all_live(corpus, live)
        driver = browser()
        try:
            lazy_figures = measure_page(driver, report, args.runs)
            live_figures = measure_page(driver, live, args.runs)
        finally:
            driver.quit()
        print("\n(b) the report in headless Chromium (one article shown at a time)")
        print("(c) the same articles all in the DOM at once\n")
        print(f"  {'':34} {'(b) one at a time':>18} {'(c) all at once':>16}")
        rows = [
            ("DOMContentLoaded (ms)", "dcl", "{:.0f}"),
            ("load event (ms)", "load", "{:.0f}"),
            ("elements in the DOM", "nodes", "{:.0f}"),
            ("script heap after load (MB)", "heap", "{:.1f}"),
        ]
        for label, key, fmt in rows:
            scale = 1e6 if key == "heap" else 1
            b = fmt.format(lazy_figures[key] / scale)
            c = fmt.format(live_figures[key] / scale)
            print(f"  {label:34} {b:>18} {c:>16}")
        for name in INTERACTIONS:
            b = f"{lazy_figures[name]:.0f}"
            c = f"{live_figures[name]:.0f}"
            print(f"  {name + ' (ms)':34} {b:>18} {c:>16}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
