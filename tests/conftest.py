"""Shared fixtures. Tests never autoload third-party entry points."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ["NEWSLINT_DISABLE_PLUGIN_AUTOLOAD"] = "1"

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_48888c3d0b1816fe.txt"

CLEAN_ARTICLE = """City Council Approves Budget

The city council approved a $4.2 million budget on Tuesday, Mayor Ana Ruiz said.

The plan adds two bus routes and a library branch, according to the finance department.
"""


def install_into(site: Path, package: object) -> Path:
    """``pip install --target site package`` (no dependencies): a real install, kept apart."""
    import subprocess
    import sys

    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--target",
            str(site),
            str(package),
        ],
        check=True,
        capture_output=True,
    )
    return site


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture
def clean_article() -> str:
    return CLEAN_ARTICLE


@pytest.fixture
def run_cli(capsys, monkeypatch):
    """Run ``newslint`` in-process; returns (exit code, stdout, stderr)."""
    from newslint.cli import main

    def run(*args: str, stdin: bytes | None = None, cwd: Path | None = None):
        if cwd is not None:
            monkeypatch.chdir(cwd)
        if stdin is not None:
            import io
            import sys

            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return run
