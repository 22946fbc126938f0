"""Reading a TOML file that a user wrote (a config file, a rule pack) with one-line errors."""

from __future__ import annotations

import os
import stat
import tomllib
from pathlib import Path
from typing import Any

from newslint.inputs import DEFAULT_MAX_BYTES, describe_size, kind_of


def read_toml(
    path: Path, what: str, error: type[Exception], max_bytes: int = DEFAULT_MAX_BYTES
) -> dict[str, Any]:
    """The parsed ``path``; any problem raises ``error`` with one line naming the file.

    ``what`` says what the file is ("config", "pack"). Only a regular file of at most
    ``max_bytes`` is read: ``packs = ["/dev/zero"]`` or a FIFO named ``newslint.toml`` is an
    error, not a read that never ends.
    """
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise error(f"{path}: {what} not read: {kind_of(info.st_mode)}")
        if info.st_size > max_bytes:
            raise error(
                f"{path}: {what} larger than the {describe_size(max_bytes)} limit "
                "(--max-size raises it)"
            )
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
