"""The command line on JSON Lines corpora: attributes, cleaned corpora, shards, NL110."""

from __future__ import annotations

import gzip
import json
import shutil

from newslint import ArticleLinter

from corpora import corpus_fixture, make_articles, shards_fixture, write_jsonl  # noqa: F401


def findings_by_article(run_cli, *args: str) -> dict[str, set]:
    """The usual JSON report, as ``{article id: {(code, offset, end_offset)}}``."""
    code, out, _ = run_cli("--format", "json", "--no-plugins", "--exit-zero", *args)
    assert code in (0, 2)
    by_article: dict[str, set] = {}
    for d in json.loads(out):
        by_article.setdefault(d["path"], set()).add((d["code"], d["offset"], d["end_offset"]))
    return by_article


def spans_of(row: dict) -> set:
    return {
        (name.split("__")[1], start, end)
        for name, spans in row["attributes"].items()
        for start, end, _ in spans
    }


def test_attributes_are_one_row_per_record_and_agree_with_the_report(run_cli, corpus):
    code, out, err = run_cli("--format", "attributes", "--no-plugins", str(corpus))
    assert code == 2  # one record cannot be read
    assert f"{corpus}:31: invalid JSON" in err
    rows = [json.loads(line) for line in out.splitlines()]
    lines = corpus.read_text(encoding="utf-8").splitlines()
    assert len(rows) == len(lines)
    assert rows[30] == {
        "id": None,
        "attributes": {},
        "counts": {},
        "error": f"{corpus}:31: invalid JSON: Expecting property name enclosed in double "
        "quotes (column 2)",
    }
    report = findings_by_article(run_cli, str(corpus))
    clean_rows = 0
    for row, line in zip(rows, lines, strict=True):
        if "error" in row:
            continue
        record = json.loads(line)
        assert row["id"] == record["id"]
        # Spans index the record's text as stored; the report counts "\r\n" as one newline.
        text = record["text"]
        as_reported = {
            (c, a - text.count("\r\n", 0, a), b - text.count("\r\n", 0, b))
            for c, a, b in spans_of(row)
        }
        assert as_reported == report.get(record["id"], set())
        assert row["counts"] == {
            c: sum(1 for s in spans_of(row) if s[0] == c) for c in {s[0] for s in spans_of(row)}
        }
        for _, start, end in spans_of(row):
            assert record["text"][start:end].strip()
        clean_rows += not row["counts"]
    assert clean_rows > 0  # articles without findings keep their row


def test_fix_writes_a_cleaned_corpus_to_a_new_file_and_leaves_the_input(run_cli, corpus, tmp_path):
    before = corpus.read_bytes()
    cleaned = tmp_path / "cleaned.jsonl"
    code, _, err = run_cli("--fix", "--no-plugins", "--exit-zero", str(corpus), "-o", str(cleaned))
    assert code == 2 and "Fixed" in err
    assert corpus.read_bytes() == before
    old_lines = before.splitlines(keepends=True)
    new_lines = cleaned.read_bytes().splitlines(keepends=True)
    assert len(new_lines) == len(old_lines)
    assert new_lines[30] == old_lines[30]  # the unreadable record, byte for byte
    linter = ArticleLinter(plugins=False)
    changed = 0
    for old, new in zip(old_lines, new_lines, strict=True):
        if old == new:
            continue
        changed += 1
        record, fixed = json.loads(old), json.loads(new)
        assert fixed["text"] == linter.clean(record["text"], meta=record).text
        assert {k: v for k, v in fixed.items() if k != "text"} == {
            k: v for k, v in record.items() if k != "text"
        }
    assert changed == 20  # every article with "Share this article" or "Read more: ..."
    remaining = findings_by_article(run_cli, str(cleaned))
    assert not any(code == "NL101" for found in remaining.values() for code, _, _ in found)


def test_fix_refuses_to_change_a_corpus_in_place(run_cli, corpus):
    before = corpus.read_bytes()
    code, _, err = run_cli("--fix", "--no-plugins", str(corpus))
    assert code == 2 and "never fixed in place" in err
    assert corpus.read_bytes() == before


def test_fix_reads_standard_input_and_writes_standard_output(run_cli):
    records = make_articles(6)
    data = "".join(json.dumps(r) + "\n" for r in records).encode()
    _, out, _ = run_cli("--fix", "--no-plugins", "--input-format", "jsonl", "-q", "-", stdin=data)
    lines = out.splitlines()
    assert len(lines) == 6
    linter = ArticleLinter(plugins=False)
    for line, record in zip(lines, records, strict=True):
        assert json.loads(line)["text"] == linter.clean(record["text"]).text
    # The furniture lines the articles carry are gone from what was written.
    assert any("Share this article" in r["text"] for r in records)
    assert not any("Share this article" in json.loads(line)["text"] for line in lines)


def test_gzipped_corpora_and_worker_processes_give_the_same_rows(run_cli, corpus, tmp_path):
    packed = tmp_path / "corpus.jsonl.gz"
    with gzip.open(packed, "wb") as handle:
        handle.write(corpus.read_bytes())
    _, plain, _ = run_cli("--format", "attributes", "--no-plugins", str(corpus))
    _, unpacked, _ = run_cli("--format", "attributes", "--no-plugins", "-j", "2", str(packed))
    assert unpacked.replace(str(packed), str(corpus)) == plain


def test_shards_resume_and_merge_their_counts(run_cli, shards, tmp_path):
    out = tmp_path / "out"
    first = run_cli(
        "--format",
        "attributes",
        "--no-plugins",
        "--exit-zero",
        "--shard",
        "0/2",
        "--output-dir",
        str(out),
        str(shards[0].parent),
    )
    assert first[0] == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "part-0.attributes.jsonl",
        "part-0.attributes.jsonl.done.json",
    ]
    marker = out / "part-0.attributes.jsonl.done.json"
    stamp = (out / "part-0.attributes.jsonl").stat().st_mtime_ns
    again = run_cli(
        "--format",
        "attributes",
        "--no-plugins",
        "--exit-zero",
        "--shard",
        "0/2",
        "--output-dir",
        str(out),
        str(shards[0].parent),
    )
    assert again[0] == 0 and (out / "part-0.attributes.jsonl").stat().st_mtime_ns == stamp
    code, _, err = run_cli(
        "--format",
        "attributes",
        "--no-plugins",
        "--exit-zero",
        "--shard",
        "1/2",
        "--output-dir",
        str(out),
        "--statistics",
        str(shards[0].parent),
    )
    assert code == 0 and marker.exists() and (out / "part-1.attributes.jsonl.done.json").exists()
    merged = json.loads(err[err.index("{") : err.rindex("}") + 1])

    whole = tmp_path / "whole.jsonl"
    shutil.copyfileobj(shards[0].open("rb"), whole.open("wb"))
    with whole.open("ab") as handle:
        handle.write(shards[1].read_bytes())
    _, _, err = run_cli(
        "--format",
        "attributes",
        "--no-plugins",
        "--exit-zero",
        "--statistics",
        "-o",
        str(tmp_path / "whole.attributes.jsonl"),
        str(whole),
    )
    alone = json.loads(err[err.index("{") : err.rindex("}") + 1])
    assert merged["counts"] == alone["counts"] and merged["articles"] == alone["articles"] == 80
    assert merged["corpora"] == 2


def test_a_bad_shard_is_a_usage_error(run_cli, shards, tmp_path):
    code, _, err = run_cli("--shard", "2/2", "--output-dir", str(tmp_path), str(shards[0]))
    assert code == 2 and "--shard must be I/N" in err


def test_nl110_flags_each_sources_repeated_line_and_no_repeated_sentence(run_cli, tmp_path):
    records = make_articles(40)
    corpus = write_jsonl(tmp_path / "c.jsonl", records)
    _, out, _ = run_cli("--format", "attributes", "--no-plugins", "--select", "NL110", str(corpus))
    flagged = {
        record["text"][start:end]
        for line, record in zip(out.splitlines(), records, strict=True)
        for start, end, _ in json.loads(line)["attributes"].get(
            "newslint__NL110__corpus-furniture", []
        )
    }
    assert flagged == {
        "Get the Harbour Gazette briefing in your inbox each weekday",
        "Valley Times members enjoy unlimited reading on any device",
        "Share this article",
        "Read more: click here to subscribe",
    }


def test_a_hostile_corpus_line_costs_only_that_line_in_corpus_runs(run_cli, tmp_path):
    good = [json.dumps({"id": i, "text": "The council met on Monday."}) for i in ("a", "c")]
    hostile = {
        "deep.jsonl": "[" * 200_000,
        "surrogate.jsonl": '{"id": "b\\ud800", "text": "x \\ud800 y"}',
    }
    for name, line in hostile.items():
        corpus = tmp_path / name
        corpus.write_text(f"{good[0]}\n{line}\n{good[1]}\n", encoding="utf-8")
        for args in (("--format", "attributes"), ("--select", "NL110", "--format", "json")):
            code, out, err = run_cli(*args, "--no-plugins", str(corpus))
            assert code == 2, (name, args, err)
            assert "internal error" not in err
            assert f"{corpus}:2: " in err
            if args[1] == "attributes":
                rows = [json.loads(row) for row in out.splitlines()]
                assert [row["id"] for row in rows] == ["a", None, "c"]


def test_an_output_folder_never_overwrites_its_input(run_cli, shards):
    before = [path.read_bytes() for path in shards]
    folder = str(shards[0].parent)
    code, _, err = run_cli("--fix", "--no-plugins", "--output-dir", folder, folder)
    assert code == 2 and f"{shards[0]}: not written: its output would replace it" in err
    assert [path.read_bytes() for path in shards] == before


def test_drop_writes_the_records_that_pass_byte_for_byte(run_cli, corpus, tmp_path):
    kept = tmp_path / "kept.jsonl"
    code, _, err = run_cli(
        "--drop", "NL101,NL3:2", "--no-plugins", "--exit-zero", "--statistics",
        "-o", str(kept), str(corpus),
    )  # fmt: skip
    assert code == 2  # the unreadable record is reported, and kept: it was not judged
    _, attributes, _ = run_cli("--format", "attributes", "--no-plugins", str(corpus))
    expected, dropped = [], {"NL101": 0, "NL3": 0}
    lines = corpus.read_bytes().splitlines(keepends=True)
    for line, row in zip(lines, map(json.loads, attributes.splitlines()), strict=True):
        counts = row["counts"]
        hedges = sum(n for c, n in counts.items() if c.startswith("NL3"))
        if counts.get("NL101"):
            dropped["NL101"] += 1
        elif hedges >= 2:
            dropped["NL3"] += 1
        else:
            expected.append(line)
    assert dropped["NL101"] > 0 and dropped["NL3"] > 0
    assert kept.read_bytes() == b"".join(expected)
    statistics = json.loads(err[err.index("{") : err.rindex("}") + 1])
    assert statistics["dropped"] == dropped
    assert f"Kept {60 - sum(dropped.values())} of 60 articles" in err


def test_a_drop_limit_must_be_a_number(run_cli, corpus):
    code, _, err = run_cli("--drop", "NL101:x", str(corpus))
    assert code == 2 and "the limit after ':' must be 1 or more" in err


def test_a_scheduler_address_that_is_not_one_is_a_usage_error(run_cli, corpus):
    code, _, err = run_cli("--format", "attributes", "--scheduler", "nowhere", str(corpus))
    assert code == 2
    assert err.strip().splitlines()[-1].startswith("newslint: error: --scheduler")


def test_a_report_in_an_output_folder_is_the_usual_report(run_cli, shards, tmp_path):
    out = tmp_path / "reports"
    args = ("--format", "json", "--no-plugins", "--exit-zero")
    assert run_cli(*args, "--output-dir", str(out), str(shards[0]))[0] == 0
    _, usual, _ = run_cli(*args, str(shards[0]))
    written = (out / "part-0.findings.json").read_text(encoding="utf-8")
    assert json.loads(written) == json.loads(usual) != []
