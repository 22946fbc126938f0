"""What the reports look like to the people and programs that read them."""

from __future__ import annotations

import json
import os
import sys

import pytest

from conftest import SEED

ARTICLE = "Loading Now\n\nThe council met on Monday. Experts say 40% of roads flooded.\n"


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE)
    return path


def test_concise_lines_show_the_severity_and_mark_what_fix_removes(run_cli, article):
    code, out, err = run_cli(str(article), "--output-format", "concise")
    assert code == 1
    lines = out.splitlines()
    assert (
        lines[0]
        == f"{article}:1:1: NL101 [*] warning: Page widget text left in the article: 'Loading Now'"
    )
    assert all(" warning: " in line or " info: " in line for line in lines)
    assert "[*] 1 fixable with `--fix`." in err


def test_a_severity_override_is_visible(run_cli, article, tmp_path):
    (tmp_path / "newslint.toml").write_text('[severity]\nNL101 = "error"\n')
    _, out, err = run_cli(str(article), "--output-format", "concise")
    assert out.splitlines()[0].startswith(f"{article}:1:1: NL101 [*] error: ")
    assert "(1 error," in err


def test_full_style_shows_the_source_line_with_a_caret_and_the_fix(run_cli, article):
    _, out, _ = run_cli(str(article), "--output-format", "full", "--select", "NL101")
    assert out == (
        f"{article}:1:1: NL101 [*] warning: Page widget text left in the article: 'Loading Now'\n"
        "  |\n"
        "1 | Loading Now\n"
        "  | ^^^^^^^^^^^\n"
        "  |\n"
        "  = fix: Delete the line\n"
        "\n"
    )


def test_into_a_pipe_the_default_is_concise_and_without_colour(run_cli, article):
    _, out, _ = run_cli(str(article))
    assert "\x1b[" not in out and "^" not in out
    assert out.splitlines()[0].startswith(f"{article}:1:1: NL101")


def test_colour_only_when_asked_or_at_a_terminal_without_no_color(run_cli, article, monkeypatch):
    _, out, _ = run_cli(str(article), "--color", "always")
    assert "\x1b[33m" in out  # warnings in yellow
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    _, out, _ = run_cli(str(article))
    assert "\x1b[" in out and "^^^" in out  # at a terminal: colour, full style
    monkeypatch.setenv("NO_COLOR", "1")
    _, out, _ = run_cli(str(article))
    assert "\x1b[" not in out and "^^^" in out


def test_show_fixes_names_each_fix(run_cli, article):
    _, out, _ = run_cli(str(article), "--show-fixes", "--output-format", "concise")
    assert out.splitlines()[1] == "    fix: Delete the line"


def test_statistics_alone_prints_only_the_table(run_cli):
    code, out, _ = run_cli(str(SEED), "--statistics")
    assert code == 1
    assert out.splitlines()[0] == "    2  NL101  page-widget-text"
    assert all(not line.startswith(str(SEED)) for line in out.splitlines())


def test_statistics_as_json(run_cli):
    _, out, _ = run_cli(str(SEED), "--statistics", "--format", "json")
    table = json.loads(out)
    assert {"code": "NL101", "name": "page-widget-text", "count": 2} in table


# --- output that cannot be trusted ------------------------------------------------------------

HOSTILE_ID = "a\n::error file=README.md,line=1::x\x1b[31m\u202e"


def _corpus(tmp_path, record_id, text="Loading Now\n\nThe council met."):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"id": record_id, "text": text}) + "\n")
    return corpus


@pytest.mark.parametrize("style", ["concise", "full"])
def test_control_characters_in_ids_and_text_are_escaped_in_text(run_cli, tmp_path, style):
    text = "Loading Now\n\nExperts say 40% of the city roads flooded on Monday.\x1b[2J Vote."
    corpus = _corpus(tmp_path, HOSTILE_ID, text)
    styled = ["--output-format", style] if style == "full" else []  # concise: the default
    _, out, _ = run_cli(str(corpus), *styled, "--select", "NL1,NL2")
    assert "\x1b" not in out and "\u202e" not in out
    assert not any(line.startswith("::") for line in out.splitlines())
    assert "a\\n::error file=README.md,line=1::x\\x1b[31m\\u202e:1:1: NL101" in out


def test_control_characters_in_the_source_line_are_escaped(run_cli, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Experts say 40% of the city roads flooded on Monday.\x1b[2J Vote.\n")
    _, out, _ = run_cli(str(article), "--output-format", "full", "--select", "NL2")
    assert "\x1b" not in out
    assert "1 | Experts say 40% of the city roads flooded on Monday.\\x1b[2J Vote." in out


def test_control_characters_are_escaped_in_github_annotations(run_cli, tmp_path):
    corpus = _corpus(tmp_path, HOSTILE_ID)
    _, out, _ = run_cli(str(corpus), "--format", "github", "--select", "NL1")
    assert len(out.splitlines()) == 1
    assert "\x1b" not in out and "\u202e" not in out


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_a_lone_surrogate_gives_valid_utf8_json(run_cli, tmp_path, fmt):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"id": "x\\ud800", "text": "Loading Now\\n\\nThe council met."}\n')
    code, out, _ = run_cli(str(corpus), "--format", fmt, "--select", "NL1")
    assert code == 1
    data = out.encode("utf-8")  # a lone surrogate would raise here
    assert "x\\ud800" in json.dumps(json.loads(data), ensure_ascii=False).replace("\\\\", "\\")


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS file systems refuse non-UTF-8 names")
@pytest.mark.parametrize("fmt", ["json", "sarif", "text"])
def test_a_file_name_that_is_not_utf8_is_written_as_valid_utf8(tmp_path, fmt):
    import subprocess

    name = os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt")
    with open(name, "wb") as handle:
        handle.write(b"Loading Now\n\nThe council met.\n")
    run = subprocess.run(
        [sys.executable, "-m", "newslint", "--format", fmt, "--select", "NL1", os.fsdecode(name)],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8:surrogateescape"},
    )
    assert run.returncode == 1, run.stderr
    text = run.stdout.decode("utf-8")  # raw \xe9 would not decode
    if fmt != "text":
        text = json.dumps(json.loads(text), ensure_ascii=False).replace("\\\\", "\\")
    assert "caf\\xe9.txt" in text


def test_input_errors_are_in_the_json_report_as_nl003(run_cli, tmp_path, article):
    missing = tmp_path / "nope.txt"
    code, out, err = run_cli(str(article), str(missing), "--format", "json")
    assert code == 2
    items = json.loads(out)
    errors = [item for item in items if item["code"] == "NL003"]
    assert [(e["path"], e["message"], e["severity"]) for e in errors] == [
        (str(missing), "no such file or directory", "error")
    ]
    assert f"newslint: error: {missing}: no such file or directory" in err


def test_output_format_takes_a_format_name_as_ruff_does(run_cli, article):
    code, out, _ = run_cli(str(article), "--output-format", "json")
    assert code == 1 and json.loads(out)[0]["code"] == "NL101"
    code, _, err = run_cli(str(article), "--output-format", "fulll")
    assert code == 2
    assert err.startswith(
        "newslint: error: --output-format: unknown style 'fulll'; choose from full, concise"
    )
