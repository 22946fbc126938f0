"""The code base stays ``ruff check`` and ``ruff format`` clean."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from conftest import ROOT

RUFF = shutil.which("ruff")
TARGETS = ["src", "tests", "bench", "examples"]


@pytest.mark.skipif(RUFF is None, reason="ruff is not installed")
@pytest.mark.parametrize("command", [["check"], ["format", "--check"]], ids=["check", "format"])
def test_ruff_is_clean(command):
    targets = [t for t in TARGETS if (ROOT / t).exists()]
    result = subprocess.run([RUFF, *command, *targets], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
