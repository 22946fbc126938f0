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
