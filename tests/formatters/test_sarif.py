from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from conftest import SEED

SCHEMA = json.loads((Path(__file__).parents[1] / "data" / "sarif-schema-2.1.0.json").read_text())


def test_sarif_output_is_valid_and_lists_rules(run_cli):
    code, out, _ = run_cli(str(SEED), "--format", "sarif")
    assert code == 1
    log = json.loads(out)
    jsonschema.validate(log, SCHEMA)
    run = log["runs"][0]
    rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert "NL101" in rule_ids and "NL105" in rule_ids
    descriptor = run["tool"]["driver"]["rules"][rule_ids.index("NL105")]
    assert descriptor["help"]["markdown"].startswith("# author-bio (NL105)")
    first = next(r for r in run["results"] if r["ruleId"] == "NL101")
    region = first["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 12}
    assert run["columnKind"] == "unicodeCodePoints"
    assert rule_ids[first["ruleIndex"]] == "NL101"


def test_sarif_with_no_findings_is_valid(run_cli, tmp_path, clean_article):
    article = tmp_path / "clean.txt"
    article.write_text(clean_article)
    _, out, _ = run_cli(str(article), "--format", "sarif", "--select", "NL1")
    log = json.loads(out)
    jsonschema.validate(log, SCHEMA)
    assert log["runs"][0]["results"] == []


def test_input_errors_are_tool_execution_notifications(run_cli, tmp_path):
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x00\x01")
    code, out, _ = run_cli(str(SEED), str(binary), "--format", "sarif")
    assert code == 2
    log = json.loads(out)
    jsonschema.validate(log, SCHEMA)
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    [note] = invocation["toolExecutionNotifications"]
    assert note["message"]["text"] == "not a text file (it contains NUL bytes)"
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == str(binary)
    assert all(r["ruleId"] != "NL003" for r in log["runs"][0]["results"])


def test_input_errors_of_a_streamed_corpus_reach_the_log(run_cli, tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"id": "a", "text": "Loading Now"}\n{bad\n')
    code, out, _ = run_cli(str(corpus), "--format", "sarif")
    assert code == 2
    log = json.loads(out)
    jsonschema.validate(log, SCHEMA)
    assert [r["ruleId"] for r in log["runs"][0]["results"]] == ["NL101"]
    notes = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert notes[0]["message"]["text"].startswith("invalid JSON")
