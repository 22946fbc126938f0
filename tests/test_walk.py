"""Which files a run lints: .gitignore on folder walks, force-exclude, rule names."""

from __future__ import annotations

import shutil
import subprocess

import pytest

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def write(path, text="Loading Now\n"):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


@needs_git
def test_a_folder_walk_leaves_out_what_git_ignores(run_cli, tmp_path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    write(tmp_path / ".gitignore", "build/\n*.draft.txt\n")
    kept = write(tmp_path / "a.txt")
    write(tmp_path / "build" / "b.txt")
    write(tmp_path / "c.draft.txt")
    _, out, _ = run_cli(str(tmp_path), "--select", "NL1")
    assert [line.split(":")[0] for line in out.splitlines()] == [str(kept)]
    _, out, _ = run_cli(str(tmp_path), "--select", "NL1", "--no-respect-gitignore")
    assert len(out.splitlines()) == 3


def test_exclude_applies_to_named_files_only_with_force_exclude(run_cli, tmp_path):
    write(tmp_path / "newslint.toml", 'exclude = ["archive/*"]\n')
    old = write(tmp_path / "archive" / "old.txt")
    code, out, _ = run_cli(str(old), "--select", "NL1")
    assert code == 1 and out.startswith(f"{old}:1:1: NL101")
    code, out, _ = run_cli(str(old), "--select", "NL1", "--force-exclude")
    assert (code, out) == (0, "")
    write(tmp_path / "newslint.toml", 'exclude = ["archive/*"]\nforce-exclude = true\n')
    code, out, _ = run_cli(str(old), "--select", "NL1")
    assert (code, out) == (0, "")


def test_rule_names_work_on_the_command_line(run_cli, tmp_path):
    article = write(tmp_path / "a.txt", "Loading Now\n\nOriginal Source: www.example.com\n")
    _, out, _ = run_cli(str(article), "--select", "page-widget-text")
    assert [line.split()[1] for line in out.splitlines()] == ["NL101"]
    code, _, err = run_cli(str(article), "--select", "page-widget-txt")
    assert code == 2
    assert "did you mean 'page-widget-text'?" in err
