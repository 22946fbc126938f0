"""Corpus input: one article per JSON line, reported under its id, streamed."""

from __future__ import annotations

import io
import json
from pathlib import Path

from conftest import CLEAN_ARTICLE, SEED


def write_corpus(path: Path, records: list[object], *, raw_lines: dict[int, str] | None = None):
    lines = [json.dumps(record) for record in records]
    for index, line in sorted((raw_lines or {}).items()):
        lines.insert(index, line)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_each_article_is_reported_under_its_id_like_a_file(run_cli, tmp_path):
    seed = SEED.read_text(encoding="utf-8")
    corpus = write_corpus(
        tmp_path / "corpus.jsonl",
        [
            {"id": "world/001", "body": seed, "text": "ignored"},
            {"id": "world/002", "body": CLEAN_ARTICLE},
            {"id": 3, "body": seed.replace("Loading Now", "Post Comment")},
        ],
    )
    code, out, err = run_cli(
        "--input-format", "jsonl", "--text-field", "body", "--id-field", "id", str(corpus)
    )
    assert code == 1
    (tmp_path / "seed.txt").write_text(seed, encoding="utf-8")
    _, alone, _ = run_cli(str(tmp_path / "seed.txt"))
    first = [line for line in out.splitlines() if line.startswith("world/001:")]
    assert [line.split(":", 1)[1] for line in first] == [
        line.split(":", 1)[1] for line in alone.splitlines()
    ]
    assert not any(line.startswith("world/002:") for line in out.splitlines())
    assert "3:1:1: NL101 [*] warning: Page widget text left in the article: 'Post Comment'" in out
    assert "in 3 files" in err


def test_a_malformed_line_is_an_error_for_that_line_only(run_cli, tmp_path):
    seed = SEED.read_text(encoding="utf-8")
    corpus = write_corpus(
        tmp_path / "c.jsonl",
        [{"id": "a", "text": seed}, {"id": "b", "text": 7}, {"id": "c"}, {"id": "d", "text": seed}],
        raw_lines={1: '{"id": "x", "text": "unterminated', 2: "", 3: "[1, 2]"},
    )
    code, out, err = run_cli(str(corpus))
    assert code == 2
    errors = [line for line in err.splitlines() if line.startswith("newslint: error")]
    assert errors == [
        f"newslint: error: {corpus}:2: invalid JSON: Unterminated string starting at (column 21)",
        f"newslint: error: {corpus}:4: expected a JSON object, got list",
        f"newslint: error: {corpus}:5: a non-string (int) text field 'text'",
        f"newslint: error: {corpus}:6: no text field 'text'",
    ]
    assert {line.split(":")[0] for line in out.splitlines()} == {"a", "d"}


def test_a_record_without_an_id_is_named_by_its_line(run_cli, tmp_path):
    corpus = write_corpus(
        tmp_path / "c.ndjson", [{"text": "The council met."}, {"text": "Loading Now\n"}]
    )
    code, out, _ = run_cli(str(corpus), "--select", "NL101")
    assert code == 1
    assert out.startswith(f"{corpus}#2:1:1: NL101 ")


def test_undecodable_line_names_the_line(run_cli, tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_bytes(b'{"id": "a", "text": "ok"}\n{"id": "b", "text": "caf\xe9"}\n')
    code, _, err = run_cli(str(corpus))
    assert code == 2
    assert f"{corpus}:2: invalid utf-8 at byte" in err
    assert "in 1 file" in err


def test_corpus_from_stdin_and_from_a_folder(run_cli, tmp_path):
    records = [{"id": "one", "text": "Loading Now\n"}]
    data = "".join(json.dumps(r) + "\n" for r in records).encode()
    code, out, _ = run_cli("--input-format", "jsonl", "-", "--select", "NL101", stdin=data)
    assert (code, out.split(":")[0]) == (1, "one")
    write_corpus(tmp_path / "day1.jsonl", records)
    (tmp_path / "notes.txt").write_text("Loading Now\n")
    code, out, _ = run_cli("--input-format", "jsonl", str(tmp_path), "--select", "NL101")
    assert out.splitlines() == [
        "one:1:1: NL101 [*] warning: Page widget text left in the article: 'Loading Now'"
    ]


def test_unknown_input_format_is_a_usage_error(run_cli, tmp_path):
    code, _, err = run_cli("--input-format", "csv", str(SEED))
    assert code == 2
    assert "unknown input format 'csv'" in err and "jsonl" in err


def test_the_corpus_is_read_one_record_at_a_time(tmp_path):
    """The first article is linted before the rest of the corpus is read."""
    from newslint.config import Config
    from newslint.engine import Linter
    from newslint.plugins import get_registry

    registry = get_registry(autoload=False)
    line = json.dumps({"id": "a", "text": "Loading Now\n\nThe council met on Tuesday.\n"})
    data = ("\n".join([line] * 2000) + "\n").encode()

    class Tracked(io.BytesIO):
        furthest = 0

        def readline(self, size: int | None = -1) -> bytes:
            out = super().readline(size)
            self.furthest = self.tell()
            return out

        def __next__(self) -> bytes:
            out = super().__next__()
            self.furthest = self.tell()
            return out

    handle = Tracked(data)
    results = Linter(registry).lint_stream(
        handle, "c.jsonl", Config(), registry.readers["jsonl"], {}
    )
    first = next(results)
    assert first.path == "a" and [d.code for d in first.diagnostics] == ["NL101"]
    assert handle.furthest < len(data) / 100
    assert sum(1 for _ in results) == 1999


def test_articles_are_reported_in_corpus_order_as_they_are_linted(run_cli, tmp_path):
    """The text report of a corpus is written article by article, in corpus order (not
    sorted by id), each article's lines sorted; counts, statistics and exit status are
    those of the whole corpus."""
    seed = SEED.read_text(encoding="utf-8")
    corpus = write_corpus(
        tmp_path / "c.jsonl",
        [
            {"id": "zeta", "text": seed},
            {"id": "clean", "text": CLEAN_ARTICLE},
            {"id": "alpha", "text": seed},
        ],
    )
    (tmp_path / "seed.txt").write_text(seed, encoding="utf-8")
    _, alone, _ = run_cli(str(tmp_path / "seed.txt"))
    per_article = [line.split(":", 1)[1] for line in alone.splitlines()]

    code, out, err = run_cli("--input-format", "jsonl", str(corpus))
    lines = out.splitlines()
    ids = [line.split(":", 1)[0] for line in lines if not line.startswith(" ")]
    assert ids == ["zeta"] * len(per_article) + ["alpha"] * len(per_article)
    assert [line.split(":", 1)[1] for line in lines[: len(per_article)]] == per_article
    assert code == 1
    total = len(per_article) * 2
    assert f"Found {total} problems" in err and "in 3 files" in err
    _, table, _ = run_cli("--input-format", "jsonl", "--statistics", str(corpus))
    assert sum(int(line.split()[0]) for line in table.splitlines()) == total

    # The JSON list streams too, in corpus order; into a file: the same findings.
    code_json, out_json, _ = run_cli("--input-format", "jsonl", "--format", "json", str(corpus))
    assert code_json == 1
    paths = [d["path"] for d in json.loads(out_json)]
    assert paths == ["zeta"] * len(per_article) + ["alpha"] * len(per_article)
    report = tmp_path / "report.txt"
    run_cli("--input-format", "jsonl", "--output-file", str(report), str(corpus))
    findings = "".join(line + "\n" for line in lines if not line.startswith(" "))
    assert report.read_text(encoding="utf-8") == findings


def test_a_streaming_formatter_formats_parts_as_the_whole(run_cli, tmp_path):
    """What makes streaming safe: a format written in parts gives, part by part and then its
    end, exactly what it gives for all the diagnostics at once."""
    from newslint import lint_text
    from newslint.plugins import get_registry

    registry = get_registry()
    diagnostics = sorted(lint_text(SEED.read_text(encoding="utf-8"), path="a.txt"))
    streaming = {
        name: formatter
        for name, formatter in registry.formatters.items()
        if formatter.stream(registry.rules) is not None
    }
    assert set(streaming) >= {"text", "github", "json", "sarif"}
    for name, formatter in streaming.items():
        assert formatter.format([], registry.rules) == formatter.stream(registry.rules).end()
        whole = formatter.format(diagnostics, registry.rules)
        for cut in range(len(diagnostics) + 1):
            writer = formatter.stream(registry.rules)
            parts = writer.part(diagnostics[:cut]) + writer.part(diagnostics[cut:])
            assert parts + writer.end() == whole, name


def test_a_run_mixing_files_and_a_corpus_is_reported_sorted(run_cli, tmp_path):
    seed = SEED.read_text(encoding="utf-8")
    corpus = write_corpus(tmp_path / "c.jsonl", [{"id": "zz", "text": seed}])
    (tmp_path / "aa.txt").write_text(seed, encoding="utf-8")
    code, out, err = run_cli(str(corpus), str(tmp_path / "aa.txt"))
    paths = [line.split(":", 1)[0] for line in out.splitlines()]
    assert paths == sorted(paths) and paths[0].endswith("aa.txt") and paths[-1] == "zz"
    assert code == 1 and "in 2 files" in err


def test_an_unwritable_report_file_is_a_usage_error(run_cli, tmp_path):
    corpus = write_corpus(tmp_path / "c.jsonl", [{"id": "a", "text": SEED.read_text("utf-8")}])
    missing = tmp_path / "no" / "such" / "folder" / "report.txt"
    code, _, err = run_cli("--input-format", "jsonl", "--output-file", str(missing), str(corpus))
    assert code == 2
    assert f"{missing}: cannot write" in err


def test_a_reader_that_stops_early_is_no_input_error(tmp_path):
    # ``newslint corpus.jsonl | head``: the pipe closes while the report streams; that is not
    # the corpus's fault, and nothing may say it could not be read.
    import os
    import subprocess
    import sys

    corpus = tmp_path / "c.jsonl"
    record = json.dumps({"id": "a", "text": "Loading Now\n\nThe council met on Tuesday.\n"})
    corpus.write_text((record + "\n") * 3000, encoding="utf-8")
    env = dict(os.environ, NEWSLINT_DISABLE_PLUGIN_AUTOLOAD="1")
    with subprocess.Popen(
        [sys.executable, "-m", "newslint", str(corpus), "--jobs", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    ) as process:
        assert process.stdout is not None
        process.stdout.readline()
        process.stdout.close()
        _, err = process.communicate(timeout=120)
    assert b"cannot read" not in err
    assert b"Traceback" not in err
