"""Load on the HTTP check API: throughput and latency of ``POST /check``.

Usage::

    python bench/serve.py [DATA_DIR] [--requests N] [--clients N] [--workers N] [--articles N]

Starts ``newslint serve --port 0 --isolated`` on the loopback address, then sends
``--requests`` checks (default 200) from ``--clients`` concurrent clients (default 8), each on
its own keep-alive connection, and prints throughput, latency percentiles and the status
counts; meanwhile a ninth client asks ``GET /health`` every 50 ms, to show the server answers
while every worker is busy. The loop is bounded in count and time, and stops by itself.

Documents: the first ``--articles`` articles of ``DATA_DIR/bbc-news/articles.jsonl``
(``DATA_DIR`` defaults to ``../shared/benchmarks`` beside the checkout), one block per
paragraph, as a CMS sends them; without that file, the seed article (say which in any figure
you quote; the script prints it).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "benchmarks"
SEED = ROOT / "seeds" / "000_48888c3d0b1816fe.txt"
DEADLINE = 600.0  # seconds: the whole load stops here, whatever is left


def as_blocks(text: str) -> list[dict]:
    return [
        {"id": f"p{number}", "text": match.group(), "from": match.start(), "to": match.end()}
        for number, match in enumerate(re.finditer(r"[^\n]+(?:\n[^\n]+)*", text))
    ]


def documents(data: Path, limit: int) -> tuple[list[bytes], str]:
    path = data / "bbc-news" / "articles.jsonl"
    texts: list[str] = []
    if path.is_file():
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                text = record.get("text") or ""
                if text.strip():
                    texts.append(text)
                if len(texts) >= limit:
                    break
        source = f"{len(texts)} articles of {path}"
    if not texts:
        texts = [SEED.read_text(encoding="utf-8")]
        source = f"the seed article ({SEED.name})"
    bodies = [
        json.dumps({"documentId": f"doc{number}", "blocks": as_blocks(text)}).encode()
        for number, text in enumerate(texts)
    ]
    return bodies, source


def start_server(folder: Path, workers: int | None) -> tuple[subprocess.Popen, int, Path]:
    log = folder / "serve.log"
    args = [sys.executable, "-m", "newslint", "serve", "--port", "0", "--isolated"]
    args += ["--log-level", "warning"]
    if workers:
        args += ["--workers", str(workers)]
    process = subprocess.Popen(args, stdout=log.open("wb"), stderr=subprocess.STDOUT, cwd=folder)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        found = re.search(r"listening on http://127\.0\.0\.1:(\d+)", log.read_text())
        if found:
            port = int(found.group(1))
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                connection.request("GET", "/health")
                if connection.getresponse().status == 200:
                    return process, port, log
            except OSError:
                pass
        time.sleep(0.1)
    process.kill()
    raise SystemExit(f"the server did not start:\n{log.read_text()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, help="server workers (default: one per CPU)")
    parser.add_argument("--articles", type=int, default=200)
    args = parser.parse_args()
    bodies, source = documents(args.data, args.articles)
    mean_kb = statistics.mean(len(b) for b in bodies) / 1000
    print(f"documents: {source}; mean request {mean_kb:.1f} kB")
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory() as folder:
        process, port, _ = start_server(Path(folder), args.workers)
        try:
            health = requests = None
            stop = threading.Event()
            lock = threading.Lock()
            latencies: list[float] = []
            statuses: Counter[int] = Counter()
            health_times: list[float] = []
            next_index = [0]
            cutoff = time.monotonic() + DEADLINE

            def take() -> int | None:
                with lock:
                    if next_index[0] >= args.requests or time.monotonic() > cutoff:
                        return None
                    next_index[0] += 1
                    return next_index[0] - 1

            def client() -> None:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
                while (index := take()) is not None:
                    body = bodies[index % len(bodies)]
                    started = time.perf_counter()
                    connection.request(
                        "POST", "/check", body=body, headers={"Content-Type": "application/json"}
                    )
                    response = connection.getresponse()
                    response.read()
                    elapsed = time.perf_counter() - started
                    with lock:
                        latencies.append(elapsed)
                        statuses[response.status] += 1
                connection.close()

            def watch_health() -> None:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                while not stop.wait(0.05):
                    started = time.perf_counter()
                    connection.request("GET", "/health")
                    connection.getresponse().read()
                    health_times.append(time.perf_counter() - started)
                connection.close()

            health = threading.Thread(target=watch_health)
            requests = [threading.Thread(target=client) for _ in range(args.clients)]
            started = time.perf_counter()
            health.start()
            for thread in requests:
                thread.start()
            for thread in requests:
                thread.join()
            wall = time.perf_counter() - started
            stop.set()
            health.join()
        finally:
            process.terminate()
            process.wait(timeout=30)
    done = len(latencies)
    print(
        f"{done} requests from {args.clients} concurrent clients in {wall:.2f} s: "
        f"{done / wall:.1f} requests/s"
    )
    ordered = sorted(latencies)

    def at(share: float) -> float:
        return ordered[min(done - 1, round(share * (done - 1)))] * 1000

    print(
        f"POST /check latency: p50 {at(0.5):.0f} ms, p95 {at(0.95):.0f} ms, "
        f"max {ordered[-1] * 1000:.0f} ms"
    )
    print(f"statuses: {dict(sorted(statuses.items()))}")
    if health_times:
        health_sorted = sorted(health_times)
        print(
            f"GET /health under load ({len(health_times)} probes): "
            f"p50 {statistics.median(health_sorted) * 1000:.1f} ms, "
            f"max {health_sorted[-1] * 1000:.1f} ms"
        )


if __name__ == "__main__":
    main()
