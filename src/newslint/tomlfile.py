"""Reading a TOML file that a user wrote (a config file, a rule pack) with one-line errors."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any


def read_toml(path: Path, what: str, error: type[Exception]) -> dict[str, Any]:
    """The parsed ``path``; any problem raises ``error`` with one line naming the file.

    ``what`` says what the file is for ("config", "rule pack"), for the messages.
    """
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as problem:
        raise error(f"{path}: cannot read {what}: {problem.strerror or problem}") from None
    except UnicodeDecodeError as problem:
        raise error(f"{path}: {what} is not UTF-8 (byte {problem.start})") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as problem:
        raise error(f"{path}: invalid TOML: {problem}") from None
    except RecursionError:  # tomllib parses nested arrays and tables by recursion
        raise error(f"{path}: invalid TOML: arrays or tables nested too deeply") from None
