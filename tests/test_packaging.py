"""Packaging and integration: the wheel carries the packs; pre-commit runs the hook."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile

import pytest

from conftest import CLEAN_ARTICLE, ROOT, SEED, install_into


@pytest.mark.slow
def test_wheel_ships_the_rule_packs_and_a_non_editable_install_finds_them(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    wheel = next(tmp_path.glob("newslint-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "newslint/rules/boilerplate.toml" in names
    assert "newslint/py.typed" in names
    site = install_into(tmp_path / "site", str(wheel))
    env = {**os.environ, "PYTHONPATH": str(site)}
    code = "import newslint.packs as p; print(p.builtin_packs_dir())"
    where = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert where.stdout.strip() == str(site / "newslint" / "rules")
    run = subprocess.run(
        [sys.executable, "-m", "newslint", "--select", "NL1", str(SEED)],
        capture_output=True,
        text=True,
        env=env,
    )
    assert run.returncode == 1
    assert "NL101" in run.stdout


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_pre_commit_hook_fails_on_a_bad_article_and_passes_on_a_clean_one(tmp_path):
    pre_commit = [sys.executable, "-m", "pre_commit"]
    repo = tmp_path / "repo"
    repo.mkdir()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("NEWSLINT_", "GIT_"))},
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "HOME": str(tmp_path),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }
    subprocess.run(["git", "init", "-q", str(repo)], check=True, env=env)
    (repo / "bad.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (repo / "clean.txt").write_text(CLEAN_ARTICLE, encoding="utf-8")
    subprocess.run(["git", "add", "."], cwd=repo, check=True, env=env)

    def try_repo(name: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*pre_commit, "try-repo", str(ROOT), "newslint", "--files", name],
            cwd=repo,
            capture_output=True,
            text=True,
            env=env,
            timeout=600,
        )

    bad = try_repo("bad.txt")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "NL101" in bad.stdout
    clean = try_repo("clean.txt")
    assert clean.returncode == 0, clean.stdout + clean.stderr
