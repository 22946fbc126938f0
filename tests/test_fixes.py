"""``newslint --fix``, ``--diff`` and ``--unsafe-fixes``: what changes, and what never does."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest

import newslint
from newslint import fixes
from newslint.diagnostics import Diagnostic, Edit, Fix, OffsetEdit
from newslint.testing import registered

from conftest import SEED

SEED_BYTES = SEED.read_bytes()
SEED_LINES = SEED_BYTES.split(b"\n")
BOILERPLATE_LINES = {1, 19, 23}  # Loading Now, Original Source, Post Comment
BIO_LINE = 21
REPORTING_LINES = [
    SEED_LINES[n - 1]
    for n in range(1, len(SEED_LINES) + 1)
    if SEED_LINES[n - 1].strip() and n not in BOILERPLATE_LINES | {BIO_LINE}
]


def copy_seed(folder: Path, name: str = "article.txt", data: bytes = SEED_BYTES) -> Path:
    target = folder / name
    target.write_bytes(data)
    os.utime(target, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    return target


def test_fix_deletes_page_furniture_and_keeps_every_line_of_reporting(run_cli, tmp_path):
    article = copy_seed(tmp_path)
    code, out, err = run_cli(str(article), "--fix")
    fixed = article.read_bytes()
    lines = fixed.split(b"\n")
    for line in REPORTING_LINES:
        assert line in lines  # byte for byte, on a line of its own
    assert b"Loading Now" not in fixed and b"Post Comment" not in fixed
    assert b"Original Source" not in fixed
    assert SEED_LINES[BIO_LINE - 1] in lines  # a whole paragraph: unsafe, so kept
    assert fixed.count(b"\n\n\n") == 0 and not fixed.startswith(b"\n")
    assert "Fixed 3 problems in 1 file." in err
    assert "NL101" not in out and "NL102" not in out
    assert f"{article}:17:1: NL105" in out  # what remains is reported at its new position
    assert code == 1


def test_fix_twice_changes_nothing_and_leaves_mtime(run_cli, tmp_path):
    article = copy_seed(tmp_path)
    run_cli(str(article), "--fix")
    once = article.read_bytes()
    os.utime(article, ns=(1_000_000_000, 1_000_000_000))
    _, _, err = run_cli(str(article), "--fix")
    assert article.read_bytes() == once
    assert article.stat().st_mtime_ns == 1_000_000_000
    assert "Fixed 0 problems in 0 files." in err


def test_unsafe_fixes_also_delete_the_bio_and_still_keep_the_reporting(run_cli, tmp_path):
    article = copy_seed(tmp_path)
    code, out, err = run_cli(str(article), "--fix", "--unsafe-fixes", "--select", "NL1")
    lines = article.read_bytes().split(b"\n")
    assert SEED_LINES[BIO_LINE - 1] not in lines
    for line in REPORTING_LINES:
        assert line in lines
    assert (code, out) == (0, "")
    assert "Fixed 4 problems in 1 file." in err


def test_diff_prints_a_unified_diff_and_writes_nothing(run_cli, tmp_path):
    article = copy_seed(tmp_path)
    before = article.stat().st_mtime_ns
    code, out, err = run_cli(str(article), "--diff")
    assert article.read_bytes() == SEED_BYTES
    assert article.stat().st_mtime_ns == before
    assert out.startswith(f"--- {article}\n+++ {article}\n@@ -1,5 +1,3 @@\n-Loading Now\n-\n")
    body = out.splitlines()[2:]
    removed = [line[1:] for line in body if line.startswith("-")]
    added = [line[1:] for line in body if line.startswith("+")]
    assert set(added) <= set(removed)  # a line re-added only loses its final newline
    assert [line for line in removed if line and line not in added] == [
        "Loading Now",
        "Original Source: www.newsweek.com",
        "Post Comment",
    ]
    assert "Would fix 3 problems in 1 file." in err
    assert code == 1
    copy_seed(tmp_path, "clean.txt", b"The council met on Tuesday, the clerk said.\n")
    code, out, _ = run_cli(str(tmp_path / "clean.txt"), "--diff")
    assert (code, out) == (0, "")


@pytest.mark.parametrize(
    ("bom", "codec", "newline"),
    [
        (b"", "utf-8", "\r\n"),
        (codecs.BOM_UTF8, "utf-8", "\n"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "\r\n"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "\r"),
        (b"", "latin-1", "\n"),
    ],
)
def test_fix_keeps_encoding_bom_line_endings_and_permissions(
    run_cli, tmp_path, bom, codec, newline
):
    text = "Loading Now\n\nThe café council met on Tuesday, the clerk said.\n\nPost Comment\n"
    article = copy_seed(tmp_path, data=bom + text.replace("\n", newline).encode(codec))
    article.chmod(0o640)
    extra = ["--encoding", codec] if codec == "latin-1" else []
    code, _, err = run_cli(str(article), "--fix", "--select", "NL1", *extra)
    expected = "The café council met on Tuesday, the clerk said.\n"
    assert article.read_bytes() == bom + expected.replace("\n", newline).encode(codec)
    assert article.stat().st_mode & 0o777 == 0o640
    assert code == 0 and "Fixed 2 problems" in err


def test_mixed_line_endings_survive_on_untouched_lines(tmp_path):
    data = b"Loading Now\r\n\r\nFirst line.\rSecond line.\nThird line.\r\n"
    article = copy_seed(tmp_path, data=data)
    run_with(article, "--fix", "--select", "NL1")
    assert article.read_bytes() == b"First line.\rSecond line.\nThird line.\r\n"


def run_with(path: Path, *args: str) -> int:
    from newslint.cli import main

    return main([str(path), *args])


def test_files_without_fixes_are_not_touched(run_cli, tmp_path):
    article = copy_seed(tmp_path, data=b"Reports indicate 10,000 people came.\n")
    before = article.stat()
    code, out, _ = run_cli(str(article), "--fix")
    after = article.stat()
    assert "NL20" in out and code == 1
    assert (after.st_mtime_ns, after.st_ino) == (before.st_mtime_ns, before.st_ino)


def test_fix_writes_through_a_symlink(run_cli, tmp_path):
    target = copy_seed(tmp_path, "real.txt", b"Loading Now\n\nThe council met.\n")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    run_cli(str(link), "--fix", "--select", "NL1")
    assert link.is_symlink()
    assert target.read_bytes() == b"The council met.\n"


def test_write_is_atomic_and_a_failed_write_loses_nothing(run_cli, tmp_path, monkeypatch):
    article = copy_seed(tmp_path)
    moves: list[tuple[str, str]] = []

    def failing_replace(source, destination):
        moves.append((str(source), str(destination)))
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", failing_replace)
    code, _, err = run_cli(str(article), "--fix")
    assert code == 2
    assert f"newslint: error: {article}: not fixed: cannot write: No space left on device" in err
    assert article.read_bytes() == SEED_BYTES
    assert [Path(source).parent for source, _ in moves] == [tmp_path]
    assert [destination for _, destination in moves] == [str(article)]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["article.txt"]  # no temp file left


def test_a_replacement_the_encoding_cannot_hold_leaves_the_file_alone(tmp_path):
    article = copy_seed(tmp_path, data="Loading Now\n\nCafé.\n".encode("latin-1"))
    diagnostic = fix_diagnostic(str(article), 3, 1, 3, 5, "Café ☕")
    linter, config = plain_linter()
    monkey = _OneDiagnostic(diagnostic)
    with pytest.raises(fixes.FixError, match="cannot be written in latin-1"):
        fixes.fix_file(monkey.wrap(linter), str(article), config, encoding="latin-1")
    assert article.read_bytes() == "Loading Now\n\nCafé.\n".encode("latin-1")


def test_fix_of_stdin_prints_the_fixed_text(run_cli):
    text = b"Loading Now\r\n\r\nThe council met.\r\n"
    code, out, err = run_cli("-", "--fix", "--select", "NL1", stdin=text)
    assert code == 0
    assert out == "The council met.\r\n"  # its own newlines; the report went to stderr
    assert "Fixed 1 problem" in err


def test_diff_of_stdin_shows_the_fix(run_cli):
    code, out, err = run_cli(
        "-", "--diff", "--select", "NL1", stdin=b"Loading Now\n\nThe council met.\n"
    )
    assert code == 1
    assert out.splitlines()[2:] == ["@@ -1,3 +1 @@", "-Loading Now", "-", " The council met."]
    assert "Would fix 1 problem in 1 file." in err


def test_stdin_among_files_is_linted_but_not_fixed(run_cli, tmp_path):
    other = tmp_path / "a.txt"
    other.write_text("The council met.\n")
    code, out, err = run_cli("-", str(other), "--fix", "--select", "NL1", stdin=b"Loading Now\n")
    assert code == 1 and "NL101" in out
    assert "standard input is fixed only when it is the only input" in err


# --- applying edits ----------------------------------------------------------------------------


def fix_diagnostic(
    path: str,
    line: int,
    column: int,
    end_line: int,
    end_column: int,
    replacement: str = "",
    *,
    code: str = "ZZ001",
    applicability: str = "safe",
) -> Diagnostic:
    return Diagnostic(
        path,
        line,
        column,
        end_line,
        end_column,
        code,
        "x",
        "style",
        "warning",
        "m",
        fix=Fix("t", (Edit(line, column, end_line, end_column, replacement),), applicability),
    )


def test_overlapping_fixes_resolve_by_position_then_code():
    text = "one two three\n"
    later = fix_diagnostic("a", 1, 5, 1, 14, "2 3", code="ZZ001")
    earlier = fix_diagnostic("a", 1, 1, 1, 8, "1 2", code="ZZ002")
    same_start = fix_diagnostic("a", 1, 1, 1, 4, "uno", code="ZZ001")
    for order in ([later, earlier, same_start], [same_start, later, earlier]):
        applied = fixes.apply_fixes(text, order)
        assert applied.text == "uno 2 3\n"  # "1 2" starts where "uno" does and sorts after it
        assert applied.fixed == (same_start, later)
    both = fixes.apply_fixes(text, [fix_diagnostic("a", 1, 1, 1, 4, "1"), later])
    assert both.text == "1 2 3\n"  # touching, not overlapping: both apply


def test_a_safe_label_does_not_cover_deleting_two_lines_of_text():
    text = "Advertisement\nThe council met.\n\nMore.\n"
    greedy = fix_diagnostic("a", 1, 1, 3, 1)
    assert fixes.apply_fixes(text, [greedy]).text == text
    assert fixes.apply_fixes(text, [greedy], unsafe=True).text == "\nMore.\n"
    unsafe = fix_diagnostic("a", 1, 1, 2, 1, applicability="unsafe")
    assert fixes.apply_fixes(text, [unsafe]).text == text


def test_edits_outside_the_text_are_skipped():
    text = "Short.\n"
    for bad in (fix_diagnostic("a", 1, 9, 1, 9, "x"), fix_diagnostic("a", 3, 1, 3, 1, "x")):
        assert fixes.apply_fixes(text, [bad]).text == text


def test_replacement_newlines_follow_the_file():
    text = "One.\r\nTwo.\r\n"
    applied = fixes.apply_fixes(text, [fix_diagnostic("a", 1, 5, 1, 5, "\nInserted.")])
    assert applied.text == "One.\r\nInserted.\r\nTwo.\r\n"


class Substitute(newslint.Rule):
    """## What it does
    Replaces "utilise" with "use", twice over the same word to force an overlap.

    ## Why is this bad?
    It is a test double.
    """

    code, name, category, summary = "ZZ101", "plain-words", "style", "Plain word"
    fire, quiet = ("We utilise it.",), ("We use it.",)

    def check(self, doc):
        for match in __import__("re").finditer("utilise", doc.text):
            start, end = match.span()
            yield self.finding(start, end, edits=[OffsetEdit(start, end, "use")])
            yield self.finding(start, end - 1, edits=[OffsetEdit(start, end - 1, "USE")])


class SubstitutePlugin:
    @newslint.hookimpl
    def newslint_register_rules(self, register):
        register(Substitute())


def test_plugin_substitutions_apply_and_converge(run_cli, tmp_path):
    article = copy_seed(tmp_path, data=b"We utilise it.\r\nThey utilise them.\r\n")
    with registered(SubstitutePlugin(), name="plain"):
        code, out, err = run_cli(str(article), "--fix", "--select", "ZZ", "--no-plugins")
    # Both fixes start at the same place; the shorter span sorts first and wins, and the
    # longer one no longer applies to the changed text on the next pass.
    assert article.read_bytes() == b"We USEe it.\r\nThey USEe them.\r\n"
    assert (code, out) == (0, "")
    assert "Fixed 2 problems in 1 file." in err


# --- helpers for the library-level tests -------------------------------------------------------


def plain_linter():
    from newslint.config import Config
    from newslint.engine import Linter
    from newslint.plugins import load_plugins

    pm, registry = load_plugins(autoload=False)
    return Linter(registry, pm), Config()


class _OneDiagnostic:
    """Make a linter report exactly one given diagnostic (the first time it is asked)."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        self.diagnostic = diagnostic
        self.calls = 0

    def wrap(self, linter):
        outer = self

        class Wrapped(type(linter)):
            def lint_document(self, doc, config):
                outer.calls += 1
                return [outer.diagnostic] if outer.calls == 1 else []

        wrapped = Wrapped(linter.registry, linter.pm)
        return wrapped
