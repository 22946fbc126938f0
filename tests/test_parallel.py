"""``--jobs``: a parallel run reports exactly what a serial run reports; the progress bar."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from conftest import SEED

WIDGETS = ("Loading Now", "Post Comment", "Share this article", "Read more")


def make_folder(root: Path, count: int = 14) -> Path:
    """Articles that each give diagnostics, one undecodable file, and one clean file."""
    seed = SEED.read_text(encoding="utf-8")
    folder = root / "articles"
    (folder / "sub").mkdir(parents=True)
    for index in range(count):
        where = folder / "sub" if index % 3 == 0 else folder
        widget = WIDGETS[index % len(WIDGETS)]
        body = seed.replace("Loading Now", widget) if index % 2 else seed
        (where / f"article-{index:02d}.txt").write_text(body, encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"caf\xe9 \xff\xfe\n")
    (folder / "clean.md").write_text("# Budget\n\nThe council approved the budget on Tuesday.\n")
    return folder


@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
def test_parallel_output_is_byte_identical_to_serial(run_cli, tmp_path, fmt):
    folder = make_folder(tmp_path)
    serial = run_cli(str(folder), "--jobs", "1", "--format", fmt)
    parallel = run_cli(str(folder), "--jobs", "2", "--format", fmt)
    assert parallel == serial
    code, out, err = serial
    assert code == 2  # the undecodable file is an input error
    assert "broken.txt: invalid utf-8" in err
    if fmt == "text":
        paths = {line.split(":")[0] for line in out.splitlines()}
        assert len(paths) == 14  # every article reported, the clean one not


def test_parallel_run_keeps_the_order_of_inputs_and_errors(run_cli, tmp_path):
    folder = make_folder(tmp_path, count=10)
    args = [str(folder / "sub"), str(tmp_path / "missing.txt"), str(folder), "--statistics"]
    assert run_cli(*args, "--jobs", "2") == run_cli(*args, "--jobs", "1")


def test_default_jobs_runs_many_files_in_parallel_with_the_same_report(run_cli, tmp_path):
    folder = make_folder(tmp_path, count=20)
    assert run_cli(str(folder)) == run_cli(str(folder), "--jobs", "1")


@pytest.mark.parametrize("value", ["0", "-2", "many"])
def test_jobs_must_be_a_positive_number(run_cli, value):
    with pytest.raises(SystemExit) as exit_info:
        run_cli(str(SEED), "--jobs", value)
    assert exit_info.value.code == 2


def test_parallel_run_of_a_corpus_matches_serial(run_cli, tmp_path):
    seed = SEED.read_text(encoding="utf-8")
    corpus = tmp_path / "corpus.jsonl"
    with corpus.open("w", encoding="utf-8") as handle:
        for index in range(120):
            text = seed.replace("Loading Now", WIDGETS[index % len(WIDGETS)])
            handle.write(json.dumps({"id": f"a{index:03d}", "text": text}) + "\n")
            if index == 50:
                handle.write("{not json\n")
    serial = run_cli(str(corpus), "--jobs", "1", "--format", "json")
    parallel = run_cli(str(corpus), "--jobs", "2", "--format", "json")
    assert parallel == serial
    assert f"{corpus}:52: invalid JSON" in serial[2]
    linted = {d["path"] for d in json.loads(serial[1]) if d["code"] != "NL003"}
    assert len(linted) == 120


# --- progress -----------------------------------------------------------------------------


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_draws_on_a_terminal_and_is_erased(run_cli, tmp_path, monkeypatch):
    import sys

    import newslint.progress

    folder = make_folder(tmp_path, count=12)
    monkeypatch.setattr(newslint.progress, "DELAY", 0.0)
    monkeypatch.setattr(newslint.progress, "INTERVAL", 0.0)
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    _, out, _ = run_cli(str(folder), "--jobs", "1")
    drawn = terminal.getvalue()
    assert "\r[" in drawn and "files" in drawn and "MB/s" in drawn
    bar_end = drawn.rindex("\r")
    assert drawn[bar_end - 1] == " "  # the last bar is overwritten with blanks ...
    assert drawn[bar_end + 1 :].startswith("newslint: error")  # ... before the summary
    assert out.count("NL101") >= 12


def test_no_progress_when_stderr_is_piped(run_cli, tmp_path, monkeypatch):
    import newslint.progress

    monkeypatch.setattr(newslint.progress, "DELAY", 0.0)
    _, _, err = run_cli(str(make_folder(tmp_path, count=12)), "--jobs", "1")
    assert "\r" not in err and "MB/s" not in err
    assert any(line.startswith("Found ") for line in err.splitlines())


def test_no_progress_with_quiet_at_a_terminal(run_cli, tmp_path, monkeypatch):
    import sys

    import newslint.progress

    monkeypatch.setattr(newslint.progress, "DELAY", 0.0)
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    run_cli(str(make_folder(tmp_path, count=12)), "--jobs", "1", "--quiet")
    assert "\r" not in terminal.getvalue() and "MB/s" not in terminal.getvalue()


def test_progress_bar_fits_the_terminal_and_counts_down():
    from newslint.progress import Progress

    bar = Progress(1_000_000, Terminal(), unit="articles")
    bar.advance(10, 250_000)
    line = bar.render(bar.started + 1.0, 60)
    assert len(line) <= 59
    assert " 25%" in line and "10 articles" in line and "0.2 MB/s" in line and "0:03 left" in line
