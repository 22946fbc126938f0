"""A CMS document as blocks: validation names the bad field; offsets land on the document."""

from __future__ import annotations

import pytest

from newslint.blocks import RequestError, check_blocks, parse_check_request, validated
from newslint.config import Config
from newslint.engine import Linter
from newslint.plugins import load_plugins


@pytest.fixture(scope="module")
def linter() -> Linter:
    pm, registry = load_plugins(autoload=False)
    return Linter(registry, pm)


def check(linter: Linter, body: dict) -> list[dict]:
    request = parse_check_request(body)
    return check_blocks(request, linter, validated(Config(), linter))


def test_offsets_are_the_blocks_from_plus_the_offset_in_its_text(linter):
    # ProseMirror documents start at 1, and blocks are apart by the node boundaries.
    first = "The council met on Tuesday, the clerk said."
    second = "The plan is currently stalled, officials said."
    matches = check(
        linter,
        {
            "blocks": [
                {"id": "a", "text": first, "from": 1, "to": 1 + len(first)},
                {"id": "b", "text": second, "from": 60, "to": 60 + len(second)},
            ]
        },
    )
    [currently] = [m for m in matches if m["code"] == "NL702"]
    assert currently["blockId"] == "b"
    start = 60 + second.index("currently")
    assert (currently["from"], currently["to"]) == (start, start + len("currently"))


def test_skipped_ranges_are_hidden_from_the_rules_and_offsets_step_over_them(linter):
    note = "[Loading Now? check with desk] "
    text = f"The plan is {note}currently stalled, officials said."
    note_from = 100 + text.index(note)
    matches = check(
        linter,
        {
            "blocks": [
                {
                    "id": "p1",
                    "text": text,
                    "from": 100,
                    "skipRanges": [{"from": note_from, "to": note_from + len(note)}],
                }
            ]
        },
    )
    assert [m["code"] for m in matches] == ["NL702"]  # the note's "Loading Now" is not read
    start = 100 + text.index("currently")
    assert (matches[0]["from"], matches[0]["to"]) == (start, start + len("currently"))


def test_a_match_ending_at_a_skipped_range_does_not_swallow_it(linter):
    text = "The plan is currently[ed. note] stalled."
    at = text.index("[")
    matches = check(
        linter,
        {"blocks": [{"id": "p", "text": text, "from": 0, "skipRanges": [{"from": at, "to": 31}]}]},
    )
    [currently] = matches
    assert text[currently["from"] : currently["to"]] == "currently"


def test_document_rules_see_every_block(linter):
    lede = (
        "The city council approved a new transit budget that adds bus routes, "
        "extends library hours and repairs roads across the northern districts."
    )
    middle = "Mayor Ana Ruiz said the vote followed six months of hearings."
    summary = (
        "In summary, the city council approved a new transit budget that adds bus routes, "
        "extends library hours and repairs roads across the northern districts."
    )
    blocks, at = [], 0
    for number, text in enumerate((lede, middle, summary)):
        blocks.append({"id": f"p{number}", "text": text, "from": at})
        at += len(text) + 1
    matches = check(linter, {"blocks": blocks})
    restating = [m for m in matches if m["code"] in ("NL401", "NL402")]
    assert restating, matches
    assert restating[0]["blockId"] == "p2"
    assert {r["blockId"] for r in restating[0]["related"]} == {"p0"}
    assert restating[0]["related"][0]["from"] == 0


def test_categories_choose_and_exclude(linter):
    body = {
        "blocks": [{"id": "a", "text": "Loading Now\n\nThe plan is currently stalled.", "from": 0}]
    }
    codes = {m["category"] for m in check(linter, body)}
    assert {"boilerplate", "timeliness"} <= codes
    only = check(linter, {**body, "categories": ["boilerplate"]})
    assert {m["category"] for m in only} == {"boilerplate"}
    without = check(linter, {**body, "excludeCategories": ["boilerplate"]})
    assert "boilerplate" not in {m["category"] for m in without}


def test_a_fix_comes_back_as_a_replacement_in_document_offsets(linter):
    matches = check(
        linter,
        {
            "blocks": [
                {"id": "w", "text": "Loading Now", "from": 5},
                {"id": "p", "text": "The council met on Tuesday, the clerk said.", "from": 20},
            ]
        },
    )
    widget = next(m for m in matches if m["code"] == "NL101")
    assert (widget["from"], widget["to"]) == (5, 16)
    assert widget["replacement"]["edits"] == [{"from": 5, "to": 16, "text": ""}]
    assert widget["replacement"]["applicability"] == "safe"


@pytest.mark.parametrize(
    ("body", "field", "says"),
    [
        ([], "(body)", "must be a JSON object"),
        ({}, "blocks", "is required"),
        ({"blocks": [{"id": "a", "from": 0}]}, "blocks[0].text", "is required"),
        ({"blocks": [{"id": "", "text": "x", "from": 0}]}, "blocks[0].id", "non-empty"),
        ({"blocks": [{"id": "a", "text": "x", "from": -1}]}, "blocks[0].from", "0 or more"),
        ({"blocks": [{"id": "a", "text": "x", "from": True}]}, "blocks[0].from", "whole number"),
        ({"blocks": [{"id": "a", "text": 3, "from": 0}]}, "blocks[0].text", "must be a string"),
        ({"blocks": [{"id": "a", "text": "abc", "from": 0, "to": 2}]}, "blocks[0].to", "(3)"),
        (
            {"blocks": [{"id": "a", "text": "x", "from": 0}, {"id": "a", "text": "y", "from": 5}]},
            "blocks[1].id",
            "earlier block",
        ),
        (
            {
                "blocks": [
                    {"id": "a", "text": "abc", "from": 0},
                    {"id": "b", "text": "y", "from": 2},
                ]
            },
            "blocks[1].from",
            "overlaps block 'a'",
        ),
        (
            {
                "blocks": [
                    {"id": "a", "text": "abc", "from": 0, "skipRanges": [{"from": 2, "to": 9}]}
                ]
            },
            "blocks[0].skipRanges[0]",
            "inside the block",
        ),
        (
            {"blocks": [{"id": "a", "text": "x", "from": 0, "colour": "red"}]},
            "blocks[0].colour",
            "unknown field",
        ),
        (
            {"blocks": [], "excludeCategory": []},
            "excludeCategory",
            "did you mean 'excludeCategories'",
        ),
        ({"blocks": [], "categories": ["fluff"]}, "categories[0]", "unknown category 'fluff'"),
        ({"blocks": [], "config": {"packs": ["x.toml"]}}, "config.packs", "unknown field"),
        ({"blocks": [], "documentId": 7}, "documentId", "must be a string"),
    ],
)
def test_a_bad_field_is_named(body, field, says):
    with pytest.raises(RequestError) as raised:
        parse_check_request(body)
    assert raised.value.field == field
    assert says in str(raised.value)
    assert str(raised.value).startswith(f"{field}: ")


def test_a_bad_rule_code_in_config_is_named(linter):
    from newslint.blocks import request_config

    with pytest.raises(RequestError) as raised:
        validated(request_config(Config(), {"select": ["NL9"]}), linter)
    assert raised.value.field == "config"
    assert "select: unknown rule code 'NL9'" in str(raised.value)
    with pytest.raises(RequestError) as raised:
        request_config(Config(), {"severity": {"NL101": "loud"}})
    assert "severity of NL101 must be one of info, warning, error" in str(raised.value)


def test_the_documented_example_is_what_the_api_answers(linter):
    import json
    import re
    from pathlib import Path

    from newslint.blocks import request_config

    page = (Path(__file__).resolve().parents[1] / "docs" / "editors.md").read_text()
    section = page[page.index("### `POST /check`") : page.index("### `GET /rules`")]
    request, answer = (
        json.loads(block) for block in re.findall(r"```json\n(.*?)```", section, re.S)
    )
    parsed = parse_check_request(request)
    config = validated(request_config(Config(), parsed.config), linter)
    assert {
        "documentId": parsed.document_id,
        "matches": check_blocks(parsed, linter, config),
    } == answer
