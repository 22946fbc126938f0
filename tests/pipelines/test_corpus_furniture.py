"""NL110's counter: bounded, never over-counting, mergeable; and what counts as a line."""

from __future__ import annotations

import random
from collections import Counter

from newslint.pipelines.furniture import (
    LineCounts,
    candidate_lines,
    learn,
    normalise,
    source_of,
)


def word(number: int) -> str:
    """A word of letters for a number (digits would all count as "0")."""
    letters = ""
    while True:
        number, digit = divmod(number, 26)
        letters += "abcdefghijklmnopqrstuvwxyz"[digit]
        if not number:
            return letters


def stream(seed: int, articles: int) -> list[tuple[str, str]]:
    """Articles whose lines follow a skewed distribution: a few lines very common."""
    rng = random.Random(seed)
    out = []
    for _ in range(articles):
        lines = {f"line {word(int(rng.paretovariate(0.8)) % 5000)} here" for _ in range(8)}
        out.append((rng.choice(["a.example", "b.example"]), "\n".join(sorted(lines))))
    return out


def exact_counts(articles: list[tuple[str, str]]) -> Counter:
    exact: Counter = Counter()
    for source, text in articles:
        for line in candidate_lines(text):
            exact[(source, line)] += 1
    return exact


def test_the_counter_stays_bounded_and_only_ever_under_counts():
    articles = stream(1, 1500)
    capacity = 100
    counts = LineCounts(capacity)
    for source, text in articles:
        counts.add_article(source, text)
        assert len(counts.counts) <= 2 * capacity
    exact = exact_counts(articles)
    total = sum(exact.values())
    assert len(exact) > 3 * capacity  # the stream has far more lines than the counter keeps
    for (source, line), true in exact.items():
        estimate = counts.count(source, line)
        assert true - total / (capacity + 1) <= estimate <= true
    top = exact.most_common(5)
    assert all(counts.count(source, line) > 0 for (source, line), _ in top)  # frequent survive


def test_merged_partitions_keep_the_same_guarantee():
    articles = stream(2, 1000)
    parts = [articles[i::4] for i in range(4)]
    capacity = 80
    merged = LineCounts(capacity)
    for part in parts:
        counter = LineCounts(capacity)
        for source, text in part:
            counter.add_article(source, text)
        merged = merged.merge(counter)
        assert len(merged.counts) <= capacity
    exact = exact_counts(articles)
    total = sum(exact.values())
    assert merged.articles == 1000
    for (source, line), true in exact.items():
        assert true - 2 * total / (capacity + 1) <= merged.count(source, line) <= true


def test_without_pruning_counts_are_exact_and_per_source():
    records = [
        {"text": "Story one.\n\nJoin our newsletter", "url": "https://www.a.example/1"},
        {"text": "Story two.\n\njoin  our NEWSLETTER", "url": "https://a.example/2"},
        {"text": "Story three.\n\nJoin our newsletter", "source": "B.example"},
    ]
    counts = learn(records)
    assert counts.count("a.example", "join our newsletter") == 2
    assert counts.count("b.example", "join our newsletter") == 1
    assert counts.count("a.example", "story one.") == 0  # ends like a sentence: not counted


def test_lines_are_normalised_and_sources_found():
    assert normalise("  Updated 14 June  2024 ") == normalise("updated 3 june 2025")
    assert candidate_lines("Share this\n\nA sentence ends here.\n" + "word " * 20) == {"share this"}
    assert source_of({"domain": "Example.org", "url": "https://other.example/x"}) == "example.org"
    assert source_of({"url": "https://www.example.org/news/1"}) == "example.org"
    assert source_of({"url": "not a url"}) == ""
    assert source_of({}) == ""
