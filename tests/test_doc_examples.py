"""The README's and the docs' examples, run as a reader would run them.

Every ``console`` block is run: each ``$ command`` in a shell, in a folder holding the files
the examples name (``seeds/``, ``article.txt``, ``drafts/`` ...). The lines after a command,
up to the next ``$``, are what it must print (standard output and standard error, as a
terminal shows them); a command shown without output must not fail (exit 0 or 1, never 2).
The README's configuration example is loaded and checked against what it promises, and the
Python blocks of the README and the API docs are run. The set-up commands, which install
newslint into a new virtual environment, are run by the slow test at the end, and so are the
long lists of commands (the README's command-line reference).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CLEAN_ARTICLE, ROOT, SEED

DOCS = [
    ROOT / "README.md",
    *sorted((ROOT / "docs").glob("*.md")),
    *sorted((ROOT / "docs").glob("plugins/*.md")),
]
#: Blocks that need what a sandbox cannot give, and the test that covers them instead.
NOT_RUN_HERE = {
    "pip install -e .": "tests/test_plugins.py installs the example plugin",
    "LocalPipelineExecutor(": "tests/pipelines/test_datatrove.py runs this pipeline for real",
    "lint_bag(": "tests/pipelines/test_dask.py runs this on a LocalCluster",
}
BLOCK = re.compile(r"^```(\w+)\n(.*?)^```", re.MULTILINE | re.DOTALL)
SETUP = [
    "python3 -m venv .venv && . .venv/bin/activate && pip install . && newslint seeds/",
    "python3 -m venv .venv && . .venv/bin/activate && pip install '.[all,test]' && pytest",
]


def blocks(language: str) -> list[tuple[str, str]]:
    found = []
    for doc in DOCS:
        for match in BLOCK.finditer(doc.read_text(encoding="utf-8")):
            if match.group(1) == language:
                found.append((doc.relative_to(ROOT).as_posix(), match.group(2)))
    return found


def sandbox(folder: Path) -> Path:
    """A folder with every file the examples name."""
    shutil.copytree(ROOT / "seeds", folder / "seeds")
    seed = SEED.read_text(encoding="utf-8")
    for name in ("article.txt", "draft.txt", "draft.md", "drafts/seed.txt", "drafts/b.md"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(seed, encoding="utf-8")
    (folder / "page.html").write_text(
        "<html><body><p>Share this article</p><p>Experts say 40% of the roads flooded on "
        "Monday.</p></body></html>\n"
    )
    records = [{"id": "a", "body": seed}, {"id": "b", "body": CLEAN_ARTICLE}]
    (folder / "corpus.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    pack = readme.split("<!-- example:pack -->\n```toml\n", 1)[1].split("```", 1)[0]
    (folder / "style").mkdir()
    (folder / "style" / "house.toml").write_text(pack)
    return folder


def shell(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    bin_dir = str(Path(sys.executable).parent)
    env = {**os.environ, "PATH": bin_dir + os.pathsep + os.environ["PATH"]}
    env["PYTHONUNBUFFERED"] = "1"  # stdout and stderr interleave as at a terminal
    env.pop("NO_COLOR", None)
    return subprocess.run(
        ["bash", "-c", command], cwd=cwd, env=env, capture_output=False, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip


#: A block of more commands than this is a reference list (each command starts a process,
#: about half a second on a busy machine): it runs with the slow tests.
QUICK_BLOCK = 4
CONSOLE = [
    pytest.param(
        text,
        id=f"{where}:{index}",
        marks=[pytest.mark.slow] if text.count("\n$ ") >= QUICK_BLOCK else [],
    )
    for index, (where, text) in enumerate(blocks("console"))
    if text.strip() not in SETUP
]


@pytest.mark.parametrize("block", CONSOLE)
def test_console_example(block, tmp_path):
    if any(marker in block for marker in NOT_RUN_HERE):
        pytest.skip(next(v for k, v in NOT_RUN_HERE.items() if k in block))
    lines = block.splitlines()
    assert lines and lines[0].startswith("$ "), "a console block shows commands as '$ ...'"
    folder = sandbox(tmp_path)
    status = 0
    index = 0
    while index < len(lines):
        command = lines[index][2:]
        index += 1
        expected = []
        while index < len(lines) and not lines[index].startswith("$ "):
            expected.append(lines[index])
            index += 1
        if command == "echo $?":
            assert expected == [str(status)]
            continue
        run = shell(command, folder)
        status = run.returncode
        if expected:
            assert [line.rstrip() for line in run.stdout.splitlines()] == expected, command
        else:
            assert status in (0, 1), f"{command}: {run.stdout}"


def test_the_setup_commands_are_the_two_shown():
    shown = [text.strip() for _, text in blocks("console") if text.strip() in SETUP]
    assert shown == SETUP


def test_the_readme_config_example_is_true(tmp_path):
    folder = sandbox(tmp_path)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    config = readme.split("<!-- example:config -->\n```toml\n", 1)[1].split("```", 1)[0]
    (folder / "pyproject.toml").write_text(config)
    (folder / "wire").mkdir()
    (folder / "archive").mkdir()
    furniture = "Loading Now\n\nThe synergy of the merger was praised, the mayor said.\n"
    (folder / "wire" / "a.txt").write_text(furniture)
    (folder / "archive" / "old.txt").write_text(furniture)
    (folder / "desk.txt").write_text(furniture + "\nOriginal Source: www.example.com\n")
    (folder / "page.html").write_text("<p>Loading Now</p>\n")
    run = shell("newslint --output-format concise .", folder)
    found = {
        (line.split(":")[0], line.split()[1], line.split()[2])
        for line in run.stdout.splitlines()
        if ": " in line and not line.startswith("Found")
    }
    assert ("desk.txt", "HS101", "warning:") in found  # the pack is loaded and selected
    assert ("desk.txt", "NL101", "[*]") in found
    assert any(f[:2] == ("desk.txt", "NL102") for f in found)
    assert ("wire/a.txt", "HS101", "warning:") in found  # per-file-ignores: NL1 only
    assert not any(f[0] == "wire/a.txt" and f[1].startswith("NL1") for f in found)
    assert not any(f[0].startswith("archive/") for f in found)  # exclude
    assert not any(f[1] == "NL105" for f in found)  # ignore
    assert ("page.html", "NL101", "warning:") in found  # include *.html
    assert "desk.txt:5:1: NL102 [*] error:" in run.stdout  # severity
    assert run.returncode == 1


PYTHON = [
    pytest.param(text, id=f"{where}:{index}")
    for index, (where, text) in enumerate(blocks("python"))
    if where in ("README.md", "docs/api.md", "docs/fixes.md")
]


@pytest.mark.parametrize("block", PYTHON)
def test_python_example(block, tmp_path):
    if any(marker in block for marker in NOT_RUN_HERE):
        pytest.skip(next(v for k, v in NOT_RUN_HERE.items() if k in block))
    folder = sandbox(tmp_path)
    run = subprocess.run([sys.executable, "-c", block], cwd=folder, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr


@pytest.mark.slow
def test_the_first_setup_command_works_in_a_fresh_shell(tmp_path):
    """The README's install-and-run command, in a copy of the project, with no virtual
    environment active and only the system's ``python3`` on the path."""
    copy = tmp_path / "newslint"
    shutil.copytree(
        ROOT, copy, ignore=shutil.ignore_patterns(".venv*", ".git", "__pycache__", "*.egg-info")
    )
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    venv_bin = str(Path(sys.executable).parent)
    env["PATH"] = os.pathsep.join(p for p in env["PATH"].split(os.pathsep) if p != venv_bin)
    run = subprocess.run(
        ["bash", "-c", SETUP[0]], cwd=copy, env=env, capture_output=True, text=True
    )
    assert run.returncode == 1, run.stderr[-2000:]  # the seed has findings
    assert "seeds/000_48888c3d0b1816fe.txt:1:1: NL101" in run.stdout
