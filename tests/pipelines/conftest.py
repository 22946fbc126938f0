"""Fixtures: small corpora written for the pipeline tests (see ``corpora.py``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpora import make_articles, write_jsonl


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """One corpus of 60 articles and one unreadable line in the middle."""
    records = make_articles(60)
    path = tmp_path / "corpus.jsonl"
    write_jsonl(path, records[:30], ("{not json",))
    with open(path, "a", encoding="utf-8") as handle:
        for record in records[30:]:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


@pytest.fixture
def shards(tmp_path: Path) -> list[Path]:
    """Two corpus files (shards) of 40 articles each."""
    records = make_articles(80, seed=11)
    return [
        write_jsonl(tmp_path / "in" / "part-0.jsonl", records[:40]),
        write_jsonl(tmp_path / "in" / "part-1.jsonl", records[40:]),
    ]
