"""Inputs that never end or never arrive, and corpus lines that must cost only themselves.

Each test runs ``newslint`` the way a user meets the case: as a program, on ``/dev/zero``, a
FIFO or a link, with a time limit and a memory cap so that a regression fails the test
instead of hanging the suite or the machine (docs/security.md lists the behaviour).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

import newslint
from newslint.testing import registered

pytestmark = pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")

MEMORY_CAP = 2 * 1024**3  # a read that never ends fails fast instead of taking the machine


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def run(*args: str, stdin=None, timeout: float = 20, cwd: Path | None = None):
    """Run the command; returns (exit status, stdout, stderr)."""
    done = subprocess.run(
        [sys.executable, "-m", "newslint", "--no-plugins", *args],
        stdin=stdin if stdin is not None else subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=_cap_memory,
        cwd=cwd,
        check=False,
    )
    return done.returncode, done.stdout, done.stderr


def errors(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("newslint: error")]


def notes(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("newslint: note")]


def furniture(path: Path) -> Path:
    path.write_text("Loading Now\n\nThe council met on Tuesday.\n", encoding="utf-8")
    return path


# --- devices, pipes, links --------------------------------------------------------------------


def test_dev_zero_named_on_the_command_line_is_refused_in_one_line():
    code, out, err = run("/dev/zero")
    assert code == 2 and out == ""
    assert errors(err) == [
        "newslint: error: /dev/zero: not read: a character device (--read-devices reads it)"
    ]


def test_dev_zero_read_when_asked_stops_at_the_size_limit():
    code, _, err = run("/dev/zero", "--read-devices", "--max-size", "2M")
    assert code == 2
    assert errors(err) == [
        "newslint: error: /dev/zero: larger than the 2 MB limit (--max-size raises it)"
    ]


def test_standard_input_that_never_ends_stops_at_the_default_limit():
    with open("/dev/zero", "rb") as zeros:
        code, _, err = run("-", stdin=zeros)
    assert code == 2
    assert errors(err) == [
        "newslint: error: <stdin>: larger than the 100 MB limit (--max-size raises it)"
    ]


def test_a_corpus_that_is_dev_zero_is_refused_and_as_stdin_stops_at_one_record():
    code, _, err = run("--input-format", "jsonl", "/dev/zero")
    assert code == 2
    assert errors(err) == [
        "newslint: error: /dev/zero: not read: a character device (--read-devices reads it)"
    ]
    with open("/dev/zero", "rb") as zeros:
        code, _, err = run("--input-format", "jsonl", "--max-size", "1M", "-", stdin=zeros)
    assert code == 2
    assert errors(err) == [
        "newslint: error: <stdin>:1: a record larger than the 1 MB limit; the rest is not read "
        "(--max-size raises it)"
    ]


def test_a_pack_that_is_dev_zero_is_a_config_error(tmp_path):
    (tmp_path / "newslint.toml").write_text('packs = ["/dev/zero"]\n')
    article = furniture(tmp_path / "a.txt")
    code, out, err = run(str(article), cwd=tmp_path)
    assert code == 2 and out == ""
    assert errors(err) == ["newslint: error: /dev/zero: pack not read: a character device"]


def test_a_config_file_that_is_a_fifo_is_an_error_not_a_hang(tmp_path):
    os.mkfifo(tmp_path / "house.toml")
    article = furniture(tmp_path / "a.txt")
    code, out, err = run("--config", str(tmp_path / "house.toml"), str(article), cwd=tmp_path)
    assert code == 2 and out == ""
    assert errors(err) == [f"newslint: error: {tmp_path / 'house.toml'}: config not read: a FIFO"]


def test_a_fifo_with_an_extension_no_reader_knows_is_refused_not_opened(tmp_path):
    os.mkfifo(tmp_path / "page.xml")
    article = furniture(tmp_path / "a.txt")
    code, out, err = run(str(tmp_path / "page.xml"), str(article), cwd=tmp_path)
    assert code == 2
    assert "a.txt:" in out and "unknown file type '.xml'" in err


def test_a_file_over_the_size_limit_is_an_error_and_the_others_are_linted(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("The council met on Tuesday.\n" * 100)  # 2,800 bytes
    article = furniture(tmp_path / "a.txt")
    code, out, err = run(str(tmp_path), "--max-size", "2k", "--select", "NL1")
    assert code == 2
    assert errors(err) == [
        f"newslint: error: {big}: larger than the 2 kB limit (--max-size raises it)"
    ]
    assert out.startswith(f"{article}:1:1: NL101")
    code, out, err = run(str(tmp_path), "--max-size", "3k", "--select", "NL1")
    assert code == 1 and errors(err) == []


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_fifo_and_a_link_to_dev_zero_in_a_folder_are_skipped_with_a_note(tmp_path, jobs):
    os.mkfifo(tmp_path / "a.txt")
    (tmp_path / "b.txt").symlink_to("/dev/zero")
    article = furniture(tmp_path / "c.txt")
    code, out, err = run(str(tmp_path), "--select", "NL1", "--jobs", jobs, timeout=15)
    assert code == 1
    assert (
        out.strip()
        == f"{article}:1:1: NL101 [*] warning: Page widget text left in the article: 'Loading Now'"
    )
    assert notes(err) == [
        f"newslint: note: {tmp_path / 'a.txt'}: skipped: a FIFO "
        "(--read-devices reads it when named on the command line)",
        f"newslint: note: {tmp_path / 'b.txt'}: skipped: a link to /dev/zero, outside "
        f"{tmp_path.resolve()} (--follow-links lints it)",
    ]
    assert errors(err) == []


class SwapToFifo(newslint.Rule):
    """## What it does
    While it checks ``first``, replaces ``second`` by a FIFO nobody writes to (a test double).

    ## Why is this bad?
    It is a test double.
    """

    code, name, category, summary = "ZZ960", "swap-to-fifo", "style", "Swaps"
    fire, quiet = ("x",), ("y",)
    first = second = Path()

    def check(self, doc):
        if doc.path == str(self.first) and not self.second.is_fifo():
            self.second.unlink()
            os.mkfifo(self.second)
        return iter(())


class SwapPlugin:
    @newslint.hookimpl
    def newslint_register_rules(self, register):
        register(SwapToFifo())


def test_a_fifo_swapped_in_during_the_run_is_an_error_not_a_hang(run_cli, tmp_path, monkeypatch):
    first = furniture(tmp_path / "a.txt")
    second = furniture(tmp_path / "b.txt")
    third = furniture(tmp_path / "c.txt")
    monkeypatch.setattr(SwapToFifo, "first", first)
    monkeypatch.setattr(SwapToFifo, "second", second)
    with registered(SwapPlugin(), name="swapper"):
        code, out, err = run_cli(str(tmp_path), "--select", "NL1,ZZ", "--jobs", "1", "--no-plugins")
    assert code == 2
    assert errors(err) == [f"newslint: error: {second}: not read: a FIFO (--read-devices reads it)"]
    assert [line.split(":")[0] for line in out.splitlines()] == [str(first), str(third)]


def test_a_link_out_of_the_folder_is_not_followed_unless_asked(tmp_path):
    outside = furniture(tmp_path / "outside.txt")
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "link.txt").symlink_to(outside)
    (tree / "inner.txt").symlink_to(furniture(tree / "real.md"))  # inside: followed
    code, out, err = run(str(tree), "--select", "NL1")
    assert code == 1
    assert "outside.txt" not in out and "Loading Now" in out
    assert sorted(line.split(":")[0] for line in out.splitlines()) == [
        str(tree / "inner.txt"),
        str(tree / "real.md"),
    ]
    assert notes(err) == [
        f"newslint: note: {tree / 'link.txt'}: skipped: a link to {outside.resolve()}, "
        f"outside {tree.resolve()} (--follow-links lints it)"
    ]
    code, out, err = run(str(tree), "--select", "NL1", "--follow-links")
    assert str(tree / "link.txt") in out and notes(err) == []


# --- a corpus line costs only that line ---------------------------------------------------------


def corpus(tmp_path: Path) -> Path:
    lines = [
        json.dumps({"id": "first", "text": "Loading Now"}),
        '{"id": "deep", "text": ' + "[" * 100_000 + "]" * 100_000 + "}",
        '{"id": "a\\ud800b", "text": "Loading Now"}',
        '{"id": "lone", "text": "Loading \\udc00Now"}',
        json.dumps({"id": "last", "text": "Loading Now"}),
    ]
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


CORPUS_ERRORS = [
    "{path}:2: invalid JSON: nested too deeply",
    "{path}:3: 'id' field holds a lone surrogate (U+D800) at character 2, which no output can carry",
    "{path}:4: 'text' field holds a lone surrogate (U+DC00) at character 9, which no output can "
    "carry",
]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_deep_or_unencodable_record_is_an_error_for_that_record_only(tmp_path, jobs):
    path = corpus(tmp_path)
    code, out, err = run(str(path), "--select", "NL1", "--jobs", jobs)
    assert code == 2
    assert errors(err) == [f"newslint: error: {line.format(path=path)}" for line in CORPUS_ERRORS]
    assert [line.split(":")[0] for line in out.splitlines()] == ["first", "last"]
    assert "Traceback" not in err and "internal error" not in err


@pytest.mark.parametrize("format_", ["json", "sarif"])
def test_machine_readable_reports_stay_valid_around_bad_records(tmp_path, format_):
    path = corpus(tmp_path)
    report = tmp_path / f"report.{format_}"
    code, _, err = run(str(path), "--select", "NL1", "--format", format_, "-o", str(report))
    assert code == 2
    data = json.loads(report.read_text(encoding="utf-8"))  # whole and valid
    text = json.dumps(data)
    assert '"first"' in text and '"last"' in text
    assert len(errors(err)) == 3
