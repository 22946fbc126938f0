"""Plugins that misbehave: whatever a rule does, it costs that rule on that file, no more.

The rule lives in ``tests/misbehaving.py``, which runs ``newslint`` as a separate program so
that exits, crashes, endless loops, worker processes and signals are all real.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
CALM = "The council met on Tuesday.\n"


def start(mode: str, *args: str, pids: Path | None = None) -> subprocess.Popen[str]:
    environ = dict(os.environ, NEWSLINT_DISABLE_PLUGIN_AUTOLOAD="1")
    if pids is not None:
        environ["NEWSLINT_TEST_PIDS"] = str(pids)
    return subprocess.Popen(
        [sys.executable, str(HERE / "misbehaving.py"), mode, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environ,
        start_new_session=True,  # its own process group, as a terminal gives a command
    )


def run(mode: str, *args: str, timeout: float = 30) -> tuple[int, str, str]:
    process = start(mode, *args)
    try:
        out, err = process.communicate(timeout=timeout)
    finally:
        _kill_group(process)
    return process.returncode, out, err


def _kill_group(process: subprocess.Popen[str]) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)  # whatever is left of the run, if anything
    process.wait()


def articles(folder: Path, calm: int = 6) -> tuple[Path, list[Path]]:
    """A folder of calm articles and one that sets the rule off (sorted in the middle)."""
    folder.mkdir(exist_ok=True)
    paths = [folder / f"{index}.txt" for index in range(calm)]
    for path in paths:
        path.write_text("Loading Now\n\n" + CALM)
    trigger = folder / "3-trigger.txt"
    trigger.write_text("TRIGGER\n\n" + CALM)
    return trigger, paths


def nl101_paths(out: str) -> list[str]:
    return sorted(line.split(":")[0] for line in out.splitlines() if " NL101 " in line)


@pytest.mark.parametrize(
    ("mode", "raised"),
    [
        ("system-exit", "SystemExit: 0"),
        ("generator-exit", "GeneratorExit"),
        ("base-exception", "BaseException: not an Exception"),
    ],
)
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_rule_raising_any_base_exception_is_an_nl002_for_that_file(tmp_path, mode, raised, jobs):
    trigger, calm = articles(tmp_path)
    code, out, err = run(mode, str(tmp_path), "--select", "NL1,ZZ", "--jobs", jobs)
    assert code == 2
    assert (
        f"{trigger}:1:1: NL002 error: rule ZZ950 (misbehaves) from plugin misbehaving failed: "
        + (raised)
        in out.splitlines()
    )
    assert nl101_paths(out) == sorted(map(str, calm))
    assert "Found 7 problems" in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("mode", "how"), [("os-exit", "exited with status 3"), ("segfault", "was killed by SIGSEGV")]
)
def test_a_worker_that_dies_costs_only_the_file_it_held(tmp_path, mode, how):
    trigger, calm = articles(tmp_path, calm=12)
    code, out, err = run(mode, str(tmp_path), "--select", "NL1,ZZ", "--jobs", "2")
    assert code == 2
    assert nl101_paths(out) == sorted(map(str, calm))  # every other file is reported
    assert [line for line in err.splitlines() if line.startswith("newslint: error")] == [
        f"newslint: error: {trigger}: not linted: its worker process {how}, also on a retry"
    ]


def test_a_runaway_rule_is_stopped_by_the_time_budget(tmp_path):
    trigger, calm = articles(tmp_path)
    began = time.monotonic()
    code, out, _ = run(
        "loop", str(tmp_path), "--select", "NL1,ZZ", "--jobs", "1", "--rule-timeout", "0.5"
    )
    assert time.monotonic() - began < 15
    assert code == 2
    assert (
        f"{trigger}:1:1: NL002 error: rule ZZ950 (misbehaves) from plugin misbehaving failed: "
        "RuleTimeout: ran past its time budget of 0.5 s for this document"
    ) in out.splitlines()
    assert nl101_paths(out) == sorted(map(str, calm))


def test_the_time_budget_is_a_config_key(tmp_path):
    trigger, _ = articles(tmp_path / "articles")
    (tmp_path / "newslint.toml").write_text("rule-timeout = 0.3\n")
    code, out, _ = run("loop", str(tmp_path / "articles"), "--select", "ZZ", "--jobs", "2")
    assert code == 2
    assert out.splitlines() == [
        f"{trigger}:1:1: NL002 error: rule ZZ950 (misbehaves) from plugin misbehaving failed: "
        "RuleTimeout: ran past its time budget of 0.3 s for this document"
    ]


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc to find processes")
@pytest.mark.parametrize("how", ["ctrl-c", "sigterm"])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_and_sigterm_end_a_stuck_run_at_once_with_no_process_left(tmp_path, how, jobs):
    folder = tmp_path / "articles"
    folder.mkdir()
    for index in range(12):  # calm first, so the loop starts where files are handed out
        (folder / f"{index:02d}.txt").write_text(("TRIGGER\n\n" if index > 1 else "") + CALM)
    pids = tmp_path / "pids"
    pids.mkdir()
    process = start("loop", str(folder), "--select", "ZZ", "--jobs", jobs, pids=pids)
    try:
        wanted = 1 if jobs == "1" else 3  # this process, and each worker once forked
        deadline = time.monotonic() + 20
        while len(list(pids.iterdir())) < wanted and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)  # well inside the endless loop
        assert process.poll() is None
        began = time.monotonic()
        if how == "ctrl-c":
            os.killpg(process.pid, signal.SIGINT)  # a terminal signals the whole group
        else:
            process.send_signal(signal.SIGTERM)  # a CI runner signals the command
        _, err = process.communicate(timeout=5)
        took = time.monotonic() - began
    finally:
        _kill_group(process)
    assert took < 2, f"took {took:.1f} s to stop"
    assert process.returncode == (130 if how == "ctrl-c" else 143)
    assert err.strip().splitlines()[-1] == (
        "newslint: interrupted" if how == "ctrl-c" else "newslint: terminated"
    )
    assert "Traceback" not in err
    seen = [int(path.name) for path in pids.iterdir()]
    time.sleep(0.2)
    assert [pid for pid in seen if _alive(pid)] == []


def test_a_worker_that_dies_on_a_corpus_record_costs_only_that_record(tmp_path):
    import json

    corpus = tmp_path / "c.jsonl"
    records = [{"id": f"a{index}", "text": "Loading Now\n\n" + CALM} for index in range(40)]
    records[17]["text"] = "TRIGGER\n\n" + CALM
    corpus.write_text("".join(json.dumps(record) + "\n" for record in records))
    code, out, err = run("os-exit", str(corpus), "--select", "NL1,ZZ", "--jobs", "2")
    assert code == 2
    assert [line.split(":")[0] for line in out.splitlines()] == [
        f"a{index}" for index in range(40) if index != 17
    ]
    assert [line for line in err.splitlines() if line.startswith("newslint: error")] == [
        f"newslint: error: {corpus}:18: not linted: its worker process exited with status 3, "
        "also on a retry"
    ]
