"""Hostile input, failing plugins and packs, and data that must never run as code.

newslint runs unattended in commit hooks and CI over files nobody looked at. Each test here
is one thing such a run can meet; the behaviour asserted is the documented one (README,
docs/security.md): a one-line error naming the file, exit status 2, the other files still
linted, and never a traceback.
"""

from __future__ import annotations

import codecs
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import newslint
from newslint.diagnostics import OffsetEdit
from newslint.testing import registered

from conftest import SEED


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8", newline="")
    return path


def positions(out: str) -> list[str]:
    """``line:col: CODE message`` of each reported diagnostic, without the path."""
    return [line.split(":", 1)[1] for line in out.splitlines()]


def error_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("newslint: error")]


def assert_no_traceback(err: str) -> None:
    assert "Traceback" not in err


# --- empty and odd text --------------------------------------------------------------------


@pytest.mark.parametrize("content", ["", " ", "\n\n\n", " \t \r\n\r\n\u00a0\n", "\ufeff"])
def test_empty_and_whitespace_only_files_are_clean(run_cli, tmp_path, content):
    article = write(tmp_path / "a.txt", content)
    code, out, err = run_cli(str(article))
    assert (code, out) == (0, "")
    assert "Found 0 problems" in err and "in 1 file" in err


def test_binary_file_is_one_line_error_and_others_are_still_linted(run_cli, tmp_path):
    binary = write(tmp_path / "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    article = write(tmp_path / "b.txt", "Loading Now\n\nThe council met on Tuesday.\n")
    code, out, err = run_cli(str(binary), str(article), "--select", "NL1")
    assert code == 2
    assert error_lines(err) == [
        f"newslint: error: {binary}: not a text file (it contains NUL bytes)"
    ]
    assert out.startswith(f"{article}:1:1: NL101")
    assert_no_traceback(err)


def test_invalid_utf8_names_file_and_byte_offset(run_cli, tmp_path):
    bad = write(tmp_path / "latin.txt", "Loading Now\n\nThe café opened.\n".encode("latin-1"))
    offset = "Loading Now\n\nThe caf".__len__()
    code, out, err = run_cli(str(bad), "--select", "NL1")
    assert (code, out) == (2, "")
    assert error_lines(err) == [
        f"newslint: error: {bad}: invalid utf-8 at byte {offset}; "
        "pass --encoding to read it as another encoding"
    ]
    code, out, err = run_cli(str(bad), "--select", "NL1", "--encoding", "latin-1")
    assert code == 1 and out.startswith(f"{bad}:1:1: NL101")


def test_invalid_utf8_after_a_bom_counts_the_bom_in_the_offset(run_cli, tmp_path):
    bad = write(tmp_path / "a.txt", codecs.BOM_UTF8 + b"Caf\xe9\n")
    _, _, err = run_cli(str(bad))
    assert f"{bad}: invalid utf-8 at byte 6;" in err


def test_unknown_encoding_is_one_line(run_cli, tmp_path):
    article = write(tmp_path / "a.txt", "Text.\n")
    code, _, err = run_cli(str(article), "--encoding", "klingon")
    assert code == 2
    assert error_lines(err) == [f"newslint: error: {article}: unknown encoding 'klingon'"]


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
    ],
)
def test_byte_order_marks_give_the_same_findings_and_positions(run_cli, tmp_path, bom, codec):
    text = SEED.read_text(encoding="utf-8")
    plain = write(tmp_path / "plain.txt", text.encode("utf-8"))
    marked = write(tmp_path / "marked.txt", bom + text.encode(codec))
    _, expected, _ = run_cli(str(plain))
    code, out, err = run_cli(str(marked))
    assert code == 1 and error_lines(err) == []
    assert positions(out) == positions(expected)
    assert (
        positions(out)[0]
        == "1:1: NL101 [*] warning: Page widget text left in the article: 'Loading Now'"
    )


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n\r\n"])
def test_crlf_and_lone_cr_give_the_same_findings_and_positions(run_cli, tmp_path, newline):
    text = SEED.read_text(encoding="utf-8")
    lf = write(tmp_path / "lf.txt", text)
    other = write(tmp_path / "other.txt", text.replace("\n", newline))
    _, expected, _ = run_cli(str(lf))
    _, out, _ = run_cli(str(other))
    if newline == "\n\r\n":  # mixed endings: each break is one line, so lines double
        assert len(positions(out)) == len(positions(expected))
        return
    assert positions(out) == positions(expected)
    assert len(expected.splitlines()) > 10


def test_pathological_paragraphs_lint_and_keep_their_structure():
    # These once took time quadratic in their length (seconds for a few thousand
    # characters, hours for a megabyte): a run of dots in the sentence splitter, and
    # unmatched quotation marks of one kind followed by marks of another.
    dots = "." * 60_000
    doc = newslint.Document(dots)
    assert [(s.start, s.end) for s in doc.sentences] == [(0, 60_000)]
    assert newslint.lint_text(dots, plugins=False) is not None

    quotes = " 'a" * 20_000 + ' "b' * 20_000
    doc = newslint.Document(quotes.strip())
    assert len(doc.quotes) == 10_000  # the straight double quotes pair up; the rest stay open
    closing = " “a" * 20_000 + " ’" * 20_000
    doc = newslint.Document(closing.strip())
    assert all(q.mark == "“" and not q.closed for q in doc.quotes)
    assert len(doc.quotes) == 20_000


def test_a_tree_deeper_than_the_recursion_limit_is_walked(run_cli, tmp_path, monkeypatch):
    # Python 3.11's os.walk recursed once per level: a deep enough tree stopped the run with
    # RecursionError. The limit is lowered so that a shallow tree (which pytest can still
    # clean up) is deeper than it.
    import inspect

    folder = tmp_path / "deep"
    (folder / Path(*["d"] * 400)).mkdir(parents=True)
    write(folder / Path(*["d"] * 400) / "a.txt", "Loading Now\n")
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(len(inspect.stack()) + 200)
    try:
        code, out, err = run_cli(str(folder), "--select", "NL1", "--jobs", "1")
    finally:
        sys.setrecursionlimit(limit)
    assert code == 1 and out.count("NL101") == 1
    assert_no_traceback(err)


def test_many_tiny_files_in_a_tree(run_cli, tmp_path):
    for index in range(600):
        write(tmp_path / f"d{index % 7}" / f"s{index % 11}" / f"{index}.txt", "Loading Now\n")
    code, out, err = run_cli(str(tmp_path), "--select", "NL1", "--jobs", "1")
    assert code == 1
    assert out.count("NL101") == 600
    assert "in 600 files" in err


def test_symlink_loops_are_reported_or_skipped(run_cli, tmp_path):
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)  # a folder loop
    (tmp_path / "one.txt").symlink_to(tmp_path / "two.txt")  # a file loop
    (tmp_path / "two.txt").symlink_to(tmp_path / "one.txt")
    article = write(tmp_path / "real.txt", "Loading Now\n")
    code, out, err = run_cli(str(tmp_path), "--select", "NL1")
    assert code == 2
    assert (
        out.strip()
        == f"{article}:1:1: NL101 [*] warning: Page widget text left in the article: 'Loading Now'"
    )
    assert error_lines(err) == [
        f"newslint: error: {tmp_path / name}: cannot read: Too many levels of symbolic links"
        for name in ("one.txt", "two.txt")
    ]
    code, _, err = run_cli(str(tmp_path / "one.txt"))
    assert code == 2 and "Too many levels of symbolic links" in err


def test_unreadable_file_is_permission_denied_and_others_are_linted(run_cli, tmp_path, monkeypatch):
    # The suite runs as root, which reads anything, so the refusal is simulated.
    secret = write(tmp_path / "secret.txt", "Loading Now\n")
    article = write(tmp_path / "open.txt", "Loading Now\n")
    real_open = os.open

    def refusing_open(path, flags, *args, **kwargs):
        if os.fspath(path).endswith("secret.txt"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing_open)
    code, out, err = run_cli(str(tmp_path), "--select", "NL1", "--jobs", "1")
    assert code == 2
    assert error_lines(err) == [f"newslint: error: {secret}: permission denied"]
    assert out.startswith(f"{article}:1:1: NL101")


def test_folder_with_no_matching_files_says_what_it_looked_for(run_cli, tmp_path):
    write(tmp_path / "notes" / "a.pdf", b"%PDF-1.4")
    write(tmp_path / ".git" / "b.txt", "Loading Now\n")
    code, out, err = run_cli(str(tmp_path))
    assert (code, out) == (2, "")
    assert error_lines(err) == [
        f"newslint: error: {tmp_path}: no files to lint (looked for *.txt, *.md, *.markdown)"
    ]


def test_a_reader_that_crashes_costs_one_file_not_the_run(run_cli, tmp_path, monkeypatch):
    from newslint.readers.markdown import MarkdownReader

    def explode(self, text, path):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(MarkdownReader, "read", explode)
    broken = write(tmp_path / "a.md", "Loading Now\n")
    article = write(tmp_path / "b.txt", "Loading Now\n")
    code, out, err = run_cli(str(broken), str(article), "--select", "NL1")
    assert code == 2
    assert error_lines(err) == [
        f"newslint: error: {broken}: internal error: RecursionError: maximum recursion depth "
        "exceeded"
    ]
    assert out.startswith(f"{article}:1:1: NL101")
    assert_no_traceback(err)


def test_debug_shows_the_traceback_that_is_otherwise_one_line(run_cli, tmp_path, monkeypatch):
    from newslint.formatters.text import TextFormatter

    def explode(self, diagnostics, rules):
        raise ValueError("formatter broke")

    monkeypatch.setattr(TextFormatter, "format", explode)
    article = write(tmp_path / "a.txt", "Text.\n")
    code, _, err = run_cli(str(article))
    assert code == 2
    assert err.strip() == (
        "newslint: internal error: ValueError: formatter broke (rerun with --debug)"
    )
    with pytest.raises(ValueError, match="formatter broke"):
        run_cli(str(article), "--debug")


# --- failing plugins and packs ---------------------------------------------------------------


class Crashing(newslint.Rule):
    """## What it does
    Nothing useful: it raises, as a buggy third-party rule would.

    ## Why is this bad?
    It is a test double.
    """

    code, name, category, summary = "ZZ901", "always-crashes", "style", "Crashes"
    fire, quiet = ("x",), ("y",)

    def check(self, doc):
        yield self.finding(0, 1)
        raise RuntimeError("missing lexicon entry\nsecond line of detail")


class OutOfBounds(Crashing):
    """## What it does
    Attaches a fix that points past the end of the text.

    ## Why is this bad?
    It is a test double.
    """

    code, name = "ZZ902", "fix-out-of-bounds"

    def check(self, doc):
        yield self.finding(0, 1, edits=[OffsetEdit(0, len(doc.source) + 5, "")])


class BrokenPlugin:
    @newslint.hookimpl
    def newslint_register_rules(self, register):
        register(Crashing())
        register(OutOfBounds())


def test_a_rule_that_raises_is_one_internal_error_per_file(run_cli, tmp_path):
    first = write(tmp_path / "a.txt", "Loading Now\n\nThe council met.\n")
    second = write(tmp_path / "b.txt", "Post Comment\n")
    with registered(BrokenPlugin(), name="broken-plugin"):
        code, out, err = run_cli(
            str(first), str(second), "--select", "NL1,ZZ", "--jobs", "1", "--no-plugins"
        )
    assert code == 2
    lines = out.splitlines()
    for path in (first, second):
        internal = [line for line in lines if line.startswith(f"{path}:") and "NL002" in line]
        assert internal == [
            f"{path}:1:1: NL002 error: rule ZZ901 (always-crashes) from plugin broken-plugin failed: "
            "RuntimeError: missing lexicon entry",
            f"{path}:1:1: NL002 error: rule ZZ902 (fix-out-of-bounds) from plugin broken-plugin "
            "failed: ValueError: fix edit 0-"
            f"{len(path.read_text()) + 5} lies outside the text",
        ]
        assert any(line.startswith(f"{path}:1:1: NL101") for line in lines)
    assert not any(line.split()[1].startswith("ZZ") for line in lines)  # nothing else
    assert_no_traceback(err)


CATASTROPHIC_PACK = """\
[pack]
name = "house"

[[rule]]
code = "HS201"
name = "doubled-letters"
kind = "regex"
category = "style"
summary = "A run of the letter a"
patterns = ['(?:a|aa)+$']
fire = ["aaa"]
quiet = ["b"]
"""


def test_a_backtracking_pack_pattern_is_stopped_and_reported(run_cli, tmp_path, monkeypatch):
    import newslint.packs.rule

    monkeypatch.setattr(newslint.packs.rule, "MATCH_TIMEOUT", 0.2)
    pack = write(tmp_path / "house.toml", CATASTROPHIC_PACK)
    write(tmp_path / "newslint.toml", 'packs = ["house.toml"]\nselect = ["NL1", "HS"]\n')
    article = write(tmp_path / "a.txt", "Loading Now\n\n" + "a" * 60 + "b is the sound.\n")
    code, out, err = run_cli(str(article), "--jobs", "1")
    assert code == 2
    assert out.splitlines() == [
        f"{article}:1:1: NL002 error: rule HS201 (doubled-letters) from plugin {pack} failed: "
        f"PatternTimeout: pattern of HS201 ({pack}) ran past 0.2s and was stopped",
        f"{article}:1:1: NL101 [*] warning: Page widget text left in the article: 'Loading Now'",
    ]
    assert_no_traceback(err)


LINE_PACK = """
[pack]
name = "house"

[[rule]]
code = "HS301"
name = "doubled-lines"
kind = "line"
category = "style"
summary = "A line of the letter a"
patterns = ['(?:a|aa)+$']
fire = ["aaa"]
quiet = ["b"]
"""


def test_a_backtracking_line_pack_is_stopped_within_one_budget_per_document(
    run_cli, tmp_path, monkeypatch
):
    # Sixty lines that each backtrack: the budget is for all of a rule's patterns on one
    # document, not for each matching call, so the file costs one budget, not sixty.
    import time

    import newslint.packs.rule

    monkeypatch.setattr(newslint.packs.rule, "MATCH_TIMEOUT", 0.2)
    write(tmp_path / "house.toml", LINE_PACK)
    write(tmp_path / "newslint.toml", 'packs = ["house.toml"]\nselect = ["HS"]\n')
    article = write(tmp_path / "a.txt", ("a" * 40 + "b\n\n") * 60)
    started = time.monotonic()
    code, out, _ = run_cli(str(article), "--jobs", "1")
    assert time.monotonic() - started < 6
    assert code == 2
    assert "NL002 error: rule HS301" in out and "ran past 0.2s" in out


def test_a_pack_of_a_hundred_thousand_phrases_loads_and_matches(run_cli, tmp_path):
    phrases = ", ".join(f'"phrase number {i} here"' for i in range(100_000))
    write(
        tmp_path / "big.toml",
        '[pack]\nname = "big"\n[[rule]]\ncode = "BG101"\nname = "big-list"\n'
        f'category = "style"\nsummary = "A listed phrase"\nphrases = [{phrases}]\n'
        'fire = ["It was phrase number 7 here."]\nquiet = ["Nothing here."]\n',
    )
    write(tmp_path / "newslint.toml", 'packs = ["big.toml"]\nselect = ["BG"]\n')
    article = write(tmp_path / "a.txt", "We saw phrase number 99999 here, and phrase number 5.\n")
    code, out, _ = run_cli(str(article), "--jobs", "1")
    assert code == 1
    assert out.count("BG101") == 1 and ":1:8: BG101" in out


def test_a_misspelt_pack_key_is_named_with_the_likely_one(run_cli, tmp_path):
    write(tmp_path / "house.toml", LINE_PACK.replace("patterns =", "patterns_ ="))
    write(tmp_path / "newslint.toml", 'packs = ["house.toml"]\n')
    article = write(tmp_path / "a.txt", "The council met.\n")
    code, _, err = run_cli(str(article))
    assert code == 2
    assert "unknown key 'patterns_' (did you mean 'patterns'?)" in err


def test_a_quoted_match_shows_its_words_one_space_apart(run_cli, tmp_path):
    article = write(tmp_path / "a.txt", "The story.\n\nRead more:  Snow day rules\n")
    _, out, _ = run_cli(str(article), "--select", "NL101", "--output-format", "concise")
    assert "'Read more: Snow day rules'" in out


# --- data, not code --------------------------------------------------------------------------


def test_config_and_packs_are_never_executed(run_cli, tmp_path):
    marker = tmp_path / "pwned"
    payload = f"__import__('pathlib').Path({str(marker)!r}).write_text('x')"
    write(
        tmp_path / "house.toml",
        textwrap.dedent(
            f"""\
            [pack]
            name = "house"
            description = "{payload}"
            [[rule]]
            code = "HS301"
            name = "payload-as-text"
            category = "style"
            summary = "{payload}"
            message = "{{match}}"
            phrases = ["{payload}"]
            skip_quotes = false
            fire = ["{payload}"]
            quiet = ["nothing"]
            """
        ),
    )
    write(
        tmp_path / "newslint.toml",
        f'packs = ["house.toml"]\nselect = ["HS"]\n# {payload}\n',
    )
    article = write(tmp_path / "a.txt", f"Text with {payload} in it.\n")
    code, out, _ = run_cli(str(article))
    assert code == 1
    assert out.strip() == f"{article}:1:11: HS301 warning: {payload}"  # matched as plain text
    assert not marker.exists()


def test_a_python_file_given_as_a_pack_is_rejected_not_run(run_cli, tmp_path):
    marker = tmp_path / "pwned"
    write(tmp_path / "evil.py", f"open({str(marker)!r}, 'w').write('x')\n")
    write(tmp_path / "newslint.toml", 'packs = ["evil.py"]\n')
    article = write(tmp_path / "a.txt", "Text.\n")
    code, _, err = run_cli(str(article))
    assert code == 2
    assert error_lines(err)[0].startswith(f"newslint: error: {tmp_path / 'evil.py'}: invalid TOML")
    assert not marker.exists()


@pytest.mark.parametrize(
    ("flag", "env", "loaded"),
    [(None, None, True), ("--no-plugins", None, False), (None, "1", False)],
)
def test_plugin_autoload_can_be_switched_off(tmp_path, flag, env, loaded):
    """A plugin installed as an entry point runs its import-time code unless autoload is off."""
    site = tmp_path / "site"
    marker = tmp_path / "imported"
    write(
        site / "houseplugin.py",
        f"import pathlib\npathlib.Path({str(marker)!r}).write_text('x')\n",
    )
    write(
        site / "houseplugin-1.0.dist-info" / "METADATA",
        "Metadata-Version: 2.1\nName: houseplugin\nVersion: 1.0\n",
    )
    write(
        site / "houseplugin-1.0.dist-info" / "entry_points.txt",
        "[newslint]\nhouse = houseplugin\n",
    )
    article = write(tmp_path / "a.txt", "The council met.\n")
    environ = {k: v for k, v in os.environ.items() if k != "NEWSLINT_DISABLE_PLUGIN_AUTOLOAD"}
    environ["PYTHONPATH"] = str(site)
    if env:
        environ["NEWSLINT_DISABLE_PLUGIN_AUTOLOAD"] = env
    command = [sys.executable, "-m", "newslint", str(article), *([flag] if flag else [])]
    done = subprocess.run(command, env=environ, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert marker.exists() is loaded
