"""Small corpora for the pipeline tests, built from sentences written for them.

Articles come from two sources. Each source repeats a line of its own page furniture (a
newsletter plug) in many of its articles, which no built-in line rule knows: only NL110,
learning across the corpus, can tell it is furniture. Some articles carry furniture the line
rules do know ("Share this article"), some hedge or cite vague sources, some are clean.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

SENTENCES = (
    "The harbour board approved a new ferry timetable on Monday.",
    "Ferry crews will start the earlier crossing from the first of June.",
    "The board's chair, Ines Okafor, said the change followed a public consultation.",
    "Some experts say the timetable could perhaps ease the morning queues.",
    "Tickets will cost the same as last year, the operator said in a statement.",
    "It is worth noting that the pier was repaired last winter.",
    "The valley school district opened a second science lab this week.",
    "Pupils helped paint the lab's mural, head teacher Tom Reyes said.",
    "Many believe the new lab might possibly attract more teachers.",
    "The district will publish its spending figures in the autumn.",
    "Café owners on the quay welcomed the plan, according to the traders' association.",
    "Night buses will run every 20 minutes, the transport office confirmed.",
)
KNOWN_FURNITURE = ("Share this article", "Read more: click here to subscribe")
SOURCES = {
    "harbour-gazette.example": "Get the Harbour Gazette briefing in your inbox each weekday",
    "valley-times.example": "Valley Times members enjoy unlimited reading on any device",
}


def make_articles(count: int, seed: int = 7) -> list[dict]:
    """``count`` article records; deterministic for a seed."""
    rng = random.Random(seed)
    records = []
    for number in range(count):
        source = list(SOURCES)[number % 2]
        paragraphs = rng.sample(SENTENCES, rng.randint(3, 6))
        if number % 3 == 0:
            paragraphs.insert(rng.randint(0, len(paragraphs)), rng.choice(KNOWN_FURNITURE))
        if number % 4 != 3:
            paragraphs.append(SOURCES[source])
        text = "\n\n".join(paragraphs) + "\n"
        if number % 10 == 5:
            text = text.replace("\n", "\r\n")
        records.append(
            {
                "id": f"art-{number:04d}",
                "text": text,
                "url": f"https://{source}/news/{number}",
                "title": f"Story {number}",
            }
        )
    return records


def write_jsonl(path: Path, records: list[dict], extra_lines: tuple[str, ...] = ()) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        for line in extra_lines:
            handle.write(line + "\n")
    return path


@pytest.fixture(name="corpus")
def corpus_fixture(tmp_path: Path) -> Path:
    """One corpus of 60 articles and one unreadable line in the middle."""
    records = make_articles(60)
    path = tmp_path / "corpus.jsonl"
    write_jsonl(path, records[:30], ("{not json",))
    with open(path, "a", encoding="utf-8") as handle:
        for record in records[30:]:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


@pytest.fixture(name="shards")
def shards_fixture(tmp_path: Path) -> list[Path]:
    """Two corpus files (shards) of 40 articles each."""
    records = make_articles(80, seed=11)
    return [
        write_jsonl(tmp_path / "in" / "part-0.jsonl", records[:40]),
        write_jsonl(tmp_path / "in" / "part-1.jsonl", records[40:]),
    ]
