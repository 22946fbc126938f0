from __future__ import annotations

import json
from pathlib import Path

import newslint

from conftest import SEED


def test_seed_folder_reports_boilerplate_and_exits_1(run_cli):
    code, out, err = run_cli(str(SEED.parent), "--select", "NL1")
    assert code == 1
    lines = out.splitlines()
    assert [line.split(": ", 1)[0].rsplit(":", 2)[1:] for line in lines] == [
        ["1", "1"],
        ["19", "1"],
        ["21", "1"],
        ["23", "1"],
    ]
    assert (
        lines[0]
        == f"{SEED}:1:1: NL101 [*] warning: Page widget text left in the article: 'Loading Now'"
    )
    assert "Found 4 problems" in err


def test_clean_article_exits_0(run_cli, tmp_path, clean_article):
    article = tmp_path / "clean.txt"
    article.write_text(clean_article)
    code, out, err = run_cli(str(article))
    assert (code, out) == (0, "")
    assert "Found 0 problems" in err


def test_missing_file_is_one_line_and_others_are_still_linted(run_cli, tmp_path):
    code, out, err = run_cli(str(tmp_path / "nope.txt"), str(SEED), "--select", "NL1")
    assert code == 2
    errors = [line for line in err.splitlines() if line.startswith("newslint: error")]
    assert errors == [f"newslint: error: {tmp_path / 'nope.txt'}: no such file or directory"]
    assert "NL101" in out


def test_folder_with_nothing_to_lint_says_so(run_cli, tmp_path):
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    code, _, err = run_cli(str(tmp_path))
    assert code == 2
    assert "no files to lint" in err


def test_directories_recurse_into_txt_and_md_and_skip_git(run_cli, tmp_path):
    (tmp_path / "a.txt").write_text("Loading Now\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text("Post Comment\n")
    (tmp_path / "c.html").write_text("Loading Now\n")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "d.txt").write_text("Loading Now\n")
    code, out, _ = run_cli(str(tmp_path), "--select", "NL1")
    files = sorted({Path(line.split(":")[0]).name for line in out.splitlines()})
    assert files == ["a.txt", "b.md"]
    assert code == 1


def test_stdin_with_filename(run_cli):
    code, out, _ = run_cli("-", "--stdin-filename", "draft.md", stdin=b"Loading Now\n\nText.\n")
    assert code == 1
    assert out.startswith("draft.md:1:1: NL101")


def test_select_ignore_and_extend_select(run_cli):
    _, out, _ = run_cli(str(SEED), "--select", "NL1", "--ignore", "NL105")
    assert "NL105" not in out and "NL101" in out
    _, out, _ = run_cli(str(SEED), "--select", "NL102")
    assert {line.split()[1] for line in out.splitlines()} == {"NL102"}
    _, out, _ = run_cli(str(SEED), "--select", "NL102", "--extend-select", "NL105")
    assert {line.split()[1] for line in out.splitlines()} == {"NL102", "NL105"}


def test_fail_on_and_exit_zero(run_cli):
    code, _, _ = run_cli(str(SEED), "--select", "NL1", "--fail-on", "error")
    assert code == 0
    code, out, _ = run_cli(str(SEED), "--select", "NL1", "--exit-zero")
    assert code == 0 and out


def test_statistics_and_quiet(run_cli):
    _, out, err = run_cli(str(SEED), "--select", "NL1", "--statistics", "--quiet")
    assert "    2  NL101  page-widget-text" in out
    assert err == ""


def test_json_output_has_exactly_the_diagnostic_fields(run_cli):
    _, out, _ = run_cli(str(SEED), "--select", "NL1", "--format", "json")
    data = json.loads(out)
    assert {tuple(sorted(d)) for d in data} == {
        tuple(
            sorted(
                [
                    "path",
                    "line",
                    "column",
                    "end_line",
                    "end_column",
                    "offset",
                    "end_offset",
                    "code",
                    "name",
                    "category",
                    "severity",
                    "message",
                    "fix",
                    "related",
                ]
            )
        )
    }
    assert data[0]["fix"]["edits"][0]["line"] == 1


def test_github_annotations(run_cli):
    _, out, _ = run_cli(str(SEED), "--select", "NL101", "--format", "github")
    first = out.splitlines()[0]
    assert first == (
        f"::warning file={SEED},line=1,col=1,endLine=1,endColumn=12,title=NL101"
        "::Page widget text left in the article: 'Loading Now'"
    )


def test_output_file(run_cli, tmp_path):
    target = tmp_path / "report.json"
    code, out, _ = run_cli(str(SEED), "--select", "NL1", "--format", "json", "-o", str(target))
    assert code == 1 and out == ""
    assert len(json.loads(target.read_text())) == 4


def test_unknown_format_is_a_usage_error(run_cli):
    code, _, err = run_cli(str(SEED), "--format", "xml")
    assert code == 2 and "unknown format 'xml'" in err


def test_rules_and_explain(run_cli):
    code, out, _ = run_cli("rules")
    assert code == 0
    row = next(line for line in out.splitlines() if line.startswith("NL101"))
    assert "page-widget-text" in row and "boilerplate" in row and "yes" in row
    code, out, _ = run_cli("explain", "NL105")
    assert code == 0
    assert out.startswith("# author-bio (NL105)")
    assert "## Why is this bad?" in out and "## Example" in out
    code, _, err = run_cli("explain", "NL1O5")
    assert code == 2 and "did you mean" in err


def test_version(run_cli, capsys):
    import pytest

    with pytest.raises(SystemExit) as exit_info:
        run_cli("--version")
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"newslint {newslint.__version__}"


def test_library_api(seed_text, tmp_path):
    found = newslint.lint_text(seed_text, config=newslint.Config(select=["NL1"]))
    assert [d.line for d in found] == [1, 19, 21, 23]
    assert all(isinstance(d, newslint.Diagnostic) for d in found)
    (tmp_path / "a.txt").write_text(seed_text)
    report = newslint.lint_paths(
        [tmp_path, tmp_path / "missing.txt"], newslint.Config(select=["NL1"])
    )
    assert len(report) == 4
    assert report.errors == [f"{tmp_path / 'missing.txt'}: no such file"]


def test_paths_alone_parse_as_the_parser_would():
    from newslint.cli import PATHS_ONLY_DEFAULTS, build_parser, parse_args

    for argv in (["a.txt"], ["a.txt", "folder", "b c.md", "rules", ""]):
        expected = vars(build_parser().parse_args(argv))
        assert expected == {"paths": argv, **PATHS_ONLY_DEFAULTS}
        assert vars(parse_args(argv)) == expected
    assert parse_args(["a.txt", "-q"]).quiet is True


def test_json_offsets_point_at_the_flagged_text(run_cli):
    _, out, _ = run_cli(str(SEED), "--select", "NL101", "--format", "json")
    text = SEED.read_text(encoding="utf-8")
    flagged = [text[d["offset"] : d["end_offset"]] for d in json.loads(out)]
    assert flagged == ["Loading Now", "Post Comment"]
