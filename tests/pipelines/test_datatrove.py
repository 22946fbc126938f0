"""newslint inside a real datatrove pipeline: LocalPipelineExecutor, 2 tasks, 2 workers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("datatrove")

from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter

from newslint import ArticleLinter
from newslint.pipelines.datatrove import (
    NewslintAnnotator,
    NewslintCleaner,
    NewslintFilter,
)

from corpora import shards_fixture  # noqa: F401 (fixtures)


def read_output(folder: Path) -> dict[str, dict]:
    docs = {}
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            doc = json.loads(line)
            docs[doc["id"]] = doc
    return docs


def merged_stats(logs: Path) -> dict[str, dict]:
    """The stats of each step, merged over tasks (datatrove writes ``stats.json``)."""
    steps = json.loads((logs / "stats.json").read_text(encoding="utf-8"))
    return {step["name"]: step["stats"] for step in steps}


def stat(stats: dict, name: str) -> int:
    value = stats.get(name, 0)
    return value["total"] if isinstance(value, dict) else value


def run(pipeline, logs: Path) -> None:
    LocalPipelineExecutor(pipeline, tasks=2, workers=2, logging_dir=str(logs)).run()


def test_annotate_then_filter_agrees_with_the_article_linter(shards, tmp_path):
    linter = ArticleLinter(plugins=False)
    out, logs = tmp_path / "kept", tmp_path / "logs"
    run(
        [
            JsonlReader(str(shards[0].parent)),
            NewslintAnnotator(linter),
            NewslintFilter(linter, drop=["NL101"]),
            JsonlWriter(str(out), compression=None),
        ],
        logs,
    )
    records = [json.loads(line) for path in shards for line in path.read_text().splitlines()]
    expected = {r["id"]: linter.attributes(r["text"], id=r["id"], meta=r) for r in records}
    with_furniture = {i for i, row in expected.items() if "NL101" in row["counts"]}
    assert 0 < len(with_furniture) < len(records)  # the corpus exercises both outcomes

    kept = read_output(out)
    assert set(kept) == set(expected) - with_furniture
    for doc_id, doc in kept.items():
        annotated = doc["metadata"]["newslint"]
        assert annotated["attributes"] == json.loads(json.dumps(expected[doc_id]["attributes"]))
        assert annotated["counts"] == expected[doc_id]["counts"]

    stats = merged_stats(logs)
    filter_stats = next(v for k, v in stats.items() if "filter" in k)
    assert stat(filter_stats, "dropped_NL101") == len(with_furniture)
    assert stat(filter_stats, "forwarded") == len(kept)
    annotator_stats = next(v for k, v in stats.items() if k.endswith("newslint"))
    total_nl101 = sum(row["counts"].get("NL101", 0) for row in expected.values())
    assert stat(annotator_stats, "NL101") == total_nl101
    assert len(list((logs / "completions").iterdir())) == 2  # both tasks ran and finished


def test_cleaner_removes_the_furniture_the_cli_fixes(shards, tmp_path):
    linter = ArticleLinter(plugins=False)
    out, logs = tmp_path / "clean", tmp_path / "logs"
    run(
        [
            JsonlReader(str(shards[0].parent)),
            NewslintCleaner(linter),
            JsonlWriter(str(out), compression=None),
        ],
        logs,
    )
    cleaned = read_output(out)
    records = [json.loads(line) for path in shards for line in path.read_text().splitlines()]
    assert len(cleaned) == len(records)
    changed = 0
    for record in records:
        text = cleaned[record["id"]]["text"]
        assert text == linter.clean(record["text"], meta=record).text
        assert "Share this article" not in text
        changed += text != record["text"]
    assert changed > 0
    cleaner_stats = next(v for k, v in merged_stats(logs).items() if "clean" in k)
    assert stat(cleaner_stats, "cleaned") == changed


def test_the_filter_drops_by_prefix_threshold_and_total_naming_the_reason():
    from datatrove.data import Document

    text = (
        "Some experts say the plan could perhaps work.\n\n"
        "Many believe it might possibly fail.\n\nShare this article\n"
    )
    counts = ArticleLinter(plugins=False).attributes(text)["counts"]
    hedges = sum(n for code, n in counts.items() if code.startswith("NL3"))
    assert hedges >= 2 and counts["NL101"] == 1

    def verdict(**options):
        step = NewslintFilter(ArticleLinter(plugins=False), **options)
        return step.filter(Document(text=text, id="a"))

    assert verdict(drop={"NL3": hedges}) == (False, "NL3")
    assert verdict(drop={"NL3": hedges + 1}) is True
    assert verdict(drop=["nl101"]) == (False, "NL101")
    assert verdict(drop=[], max_findings=sum(counts.values())) is True
    assert verdict(drop=[], max_findings=sum(counts.values()) - 1) == (
        False,
        "newslint_max_findings",
    )
