"""What a re-check costs the language server on a long article.

Usage::

    python bench/lsp.py [--words N] [--runs N] [--edits N]

The article is synthetic (generated here from templates, about ``--words`` words, default
5,000: a long feature), so the figure does not depend on any data set. Printed, nothing
asserted:

(a) the check itself: ``Checker.check``, the call ``newslint lsp`` makes for every re-check
    (config lookup and the whole document linted), median and 95th percentile of ``--runs``,
    and the median CPU time (which other work on the machine does not inflate);
(b) end to end: the real server (``newslint lsp --debounce 0``) over stdio; for each of
    ``--edits`` single-word edits in the middle of the article, the time from sending
    ``didChange`` to receiving the ``publishDiagnostics`` of that version.

The server re-checks the whole document after the writer pauses (``--debounce``, 300 ms by
default): with (b) well under the debounce, a re-check never keeps a writer waiting.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from queue import Queue

NAMES = ["Ana Ruiz", "Tom Okafor", "Lena Fischer", "Ravi Patel", "Maria Costa", "Joe Brennan"]
ROLES = ["the mayor", "a council member", "the finance director", "a spokesperson", "a resident"]
PLACES = ["the northern district", "the harbour", "the old mill site", "downtown", "the suburbs"]
TEMPLATES = [
    "The council voted {a}-{b} on {day} to approve the ${m}.{n} million plan for {place}.",
    '"We have waited {a} years for this," said {name}, {role}.',
    "Critics say the budget leaves {place} behind, and some residents appear to agree.",
    "According to the city's finance office, spending on roads rose {p} percent last year.",
    "Reports indicate that {a},{b}00 households could be affected by the change.",
    "{name}, {role}, said the plan would be reviewed again in {month}.",
    "The project is expected to create {a}00 jobs, it is widely believed.",
    "As the situation evolves, it remains critical to watch how {place} responds.",
    "Work on the bridge began in {month} and is scheduled to finish within {a} months.",
    "The vote followed {a} public hearings at which more than {b}0 people spoke.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
MONTHS = ["March", "April", "June", "September", "November"]


def synthetic_article(words: int, seed: int = 5000) -> str:
    """About ``words`` words of news-like paragraphs (four to six sentences each)."""
    rng = random.Random(seed)
    paragraphs = ["City Council Approves Budget After Months of Debate"]
    count = 0
    while count < words:
        sentences = []
        for _ in range(rng.randint(4, 6)):
            sentence = rng.choice(TEMPLATES).format(
                a=rng.randint(2, 9),
                b=rng.randint(1, 9),
                m=rng.randint(1, 90),
                n=rng.randint(0, 9),
                p=rng.randint(2, 40),
                day=rng.choice(DAYS),
                month=rng.choice(MONTHS),
                name=rng.choice(NAMES),
                role=rng.choice(ROLES),
                place=rng.choice(PLACES),
            )
            sentences.append(sentence)
            count += len(sentence.split())
        paragraphs.append(" ".join(sentences))
    return "\n\n".join(paragraphs) + "\n"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


# --- (a) the check --------------------------------------------------------------------------


def bench_check(text: str, path: Path, runs: int) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds of each run: CPU time does not grow when other work shares the
    machine, wall time does."""
    from newslint.lsp import Checker

    checker = Checker(plugins=False)
    checker.check(text, path, 1)  # first run: compiles patterns, reads the config
    wall, cpu = [], []
    for version in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        checker.check(text, path, version)
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return wall, cpu


# --- (b) the real server ----------------------------------------------------------------------


class Client:
    """Just enough of a language client to time a round trip."""

    def __init__(self, cwd: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "newslint", "lsp", "--debounce", "0", "--no-plugins"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            cwd=cwd,
        )
        self.inbox: Queue[dict] = Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = 0
            while (line := stream.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            if not line:
                return
            self.inbox.put(json.loads(stream.read(length)))

    def send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def wait(self, match) -> dict:  # type: ignore[no-untyped-def]
        while True:
            message = self.inbox.get(timeout=60)
            if match(message):
                return message


def bench_server(text: str, folder: Path, edits: int) -> tuple[list[float], int]:
    path = folder / "long.txt"
    uri = path.as_uri()
    client = Client(folder)
    client.send({"id": 1, "method": "initialize", "params": {"capabilities": {}}})
    client.wait(lambda m: m.get("id") == 1)
    client.send({"method": "initialized", "params": {}})
    client.send(
        {
            "method": "textDocument/didOpen",
            "params": {
                "textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}
            },
        }
    )

    def published(version: int):  # type: ignore[no-untyped-def]
        return lambda m: (
            m.get("method") == "textDocument/publishDiagnostics"
            and m["params"].get("version") == version
        )

    found = len(client.wait(published(1))["params"]["diagnostics"])
    middle = len(text.split("\n")) // 2
    times = []
    for version in range(2, edits + 2):
        change = {
            "range": {
                "start": {"line": middle, "character": 0},
                "end": {"line": middle, "character": 0},
            },
            "text": "Meanwhile ",
        }
        started = time.perf_counter()
        client.send(
            {
                "method": "textDocument/didChange",
                "params": {
                    "textDocument": {"uri": uri, "version": version},
                    "contentChanges": [change],
                },
            }
        )
        client.wait(published(version))
        times.append(time.perf_counter() - started)
    client.send({"id": 2, "method": "shutdown", "params": None})
    client.wait(lambda m: m.get("id") == 2)
    client.send({"method": "exit", "params": None})
    client.process.wait(timeout=30)
    return times, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--edits", type=int, default=30)
    args = parser.parse_args()
    text = synthetic_article(args.words)
    print(
        f"synthetic article: {len(text.split())} words, {text.count(chr(10) * 2)} paragraphs, "
        f"{len(text)} characters"
    )
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory() as folder:
        times, cpu = bench_check(text, Path(folder) / "long.txt", args.runs)
        print(
            f"(a) Checker.check, whole document, {args.runs} runs: "
            f"median {statistics.median(times) * 1000:.1f} ms, "
            f"p95 {percentile(times, 0.95) * 1000:.1f} ms; "
            f"CPU time median {statistics.median(cpu) * 1000:.1f} ms"
        )
        times, found = bench_server(text, Path(folder), args.edits)
        print(
            f"(b) newslint lsp --debounce 0, didChange -> publishDiagnostics, {args.edits} edits "
            f"({found} diagnostics): median {statistics.median(times) * 1000:.1f} ms, "
            f"p95 {percentile(times, 0.95) * 1000:.1f} ms, max {max(times) * 1000:.1f} ms"
        )


if __name__ == "__main__":
    main()
