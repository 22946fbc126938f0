"""``--fix`` must never lose a byte or reach outside what it was given."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import newslint
from newslint.fixes import apply_fixes

HERE = Path(__file__).resolve().parent
ARTICLE = "Loading Now\n\nThe council met on Tuesday.\n"
FIXED = "The council met on Tuesday.\n"


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".newslint"))


def test_a_file_appended_to_while_it_is_fixed_is_left_alone(tmp_path):
    article = tmp_path / "a.txt"
    original = ARTICLE + "TRIGGER\n"  # the word that wakes the test rule up
    article.write_text(original)
    environ = dict(os.environ, NEWSLINT_DISABLE_PLUGIN_AUTOLOAD="1")
    script = str(HERE / "misbehaving.py")
    arguments = [str(article), "--select", "NL1,ZZ", "--fix", "--jobs", "1"]
    done = subprocess.run(
        [sys.executable, script, "append-while-fixing", *arguments],
        capture_output=True,
        text=True,
        env=environ,
        timeout=30,
        check=False,
    )
    assert done.returncode == 2
    assert [line for line in done.stderr.splitlines() if line.startswith("newslint: error")] == [
        f"newslint: error: {article}: not fixed: it changed while it was being fixed "
        "(run newslint again)"
    ]
    assert article.read_text() == original + "A line added while newslint was fixing the file.\n"
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("signal_", [None, signal.SIGTERM])
def test_ctrl_c_or_sigterm_while_writing_a_fix_leaves_no_temporary_file(
    run_cli, tmp_path, monkeypatch, signal_
):
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE)

    def interrupted_fsync(descriptor: int) -> None:
        if signal_ is None:
            raise KeyboardInterrupt  # Ctrl-C arrives while the new content is being synced
        os.kill(os.getpid(), signal_)  # a real SIGTERM, handled by newslint's handler
        time.sleep(5)  # the handler interrupts this

    monkeypatch.setattr(os, "fsync", interrupted_fsync)
    code, _, err = run_cli(str(article), "--fix")
    assert code == (130 if signal_ is None else 143)
    assert err.strip().splitlines()[-1] in ("newslint: interrupted", "newslint: terminated")
    assert article.read_text() == ARTICLE
    assert leftovers(tmp_path) == []


def test_fix_on_a_folder_does_not_follow_a_link_out_of_it(run_cli, tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text(ARTICLE)
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "link.txt").symlink_to(outside)
    inside = tree / "inside.txt"
    inside.write_text(ARTICLE)
    _, out, err = run_cli(str(tree), "--fix", "--select", "NL1")
    assert outside.read_text() == ARTICLE  # untouched
    assert inside.read_text() == FIXED
    assert "Loading Now" not in out
    assert f"newslint: note: {tree / 'link.txt'}: skipped: a link to {outside.resolve()}" in err
    run_cli(str(tree), "--fix", "--select", "NL1", "--follow-links")
    assert outside.read_text() == FIXED  # asked for: the link is followed and fixed


def test_fix_keeps_extended_attributes(run_cli, tmp_path):
    if not hasattr(os, "setxattr"):
        pytest.skip("no extended attributes on this platform")
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE)
    try:
        os.setxattr(article, "user.newsroom.desk", b"metro")
    except OSError as error:
        if error.errno in (errno.ENOTSUP, errno.EPERM):
            pytest.skip("this file system keeps no user attributes")
        raise
    code, _, _ = run_cli(str(article), "--fix", "--select", "NL1")
    assert code == 0
    assert article.read_text() == FIXED
    assert os.getxattr(article, "user.newsroom.desk") == b"metro"


@pytest.mark.parametrize("fix", [["--fix"], []])
def test_a_report_written_over_an_input_is_refused(run_cli, tmp_path, fix):
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE)
    code, out, err = run_cli(*fix, str(article), "-o", str(article))
    assert code == 2 and out == ""
    assert err.strip() == (
        f"newslint: error: --output-file {article} is also an input ({article}); "
        "the report would overwrite it"
    )
    assert article.read_text() == ARTICLE
    code, _, err = run_cli(*fix, str(tmp_path), "-o", str(article))  # found in a folder
    assert code == 2 and article.read_text() == ARTICLE


def test_lint_text_then_apply_fixes_on_text_with_a_byte_order_mark():
    text = "\ufeff" + ARTICLE
    diagnostics = newslint.lint_text(text, plugins=False)
    assert [d.code for d in diagnostics] == ["NL101"]
    assert apply_fixes(text, diagnostics).text == "\ufeff" + FIXED
