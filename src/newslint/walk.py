"""Which of the files found are linted: ``.gitignore`` on folder walks, and ``exclude`` on
files named on the command line when ``force-exclude`` is on.

- A folder walk leaves out what git ignores (``.gitignore``, ``.git/info/exclude``, the
  user's global excludes), as ruff does: git itself is asked (``git check-ignore``), so the
  answer is git's own, negations and nested files included. Outside a repository, or where
  git is not installed, nothing is left out. Files git tracks are never left out.
- A file named on the command line is linted even when ``exclude`` matches it, unless
  ``force-exclude`` is on. pre-commit names every changed file, so a hook that must honour
  ``exclude`` needs it (ruff's name and meaning).
"""

from __future__ import annotations

import contextlib
import fnmatch
import os
import subprocess
from collections.abc import Sequence
from pathlib import Path

from newslint.config import Config


def ignored_by_git(folder: str, paths: Sequence[str]) -> set[str]:
    """The paths among ``paths`` (files under ``folder``) that git ignores."""
    if not paths:
        return set()
    try:
        run = subprocess.run(
            ["git", "-C", folder, "check-ignore", "-z", "--stdin"],
            input=b"\0".join(os.fsencode(os.path.abspath(p)) for p in paths),
            capture_output=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return set()
    if run.returncode != 0:  # 1: nothing ignored; 128: not a repository
        return set()
    ignored = {os.fsdecode(item) for item in run.stdout.split(b"\0") if item}
    return {p for p in paths if os.path.abspath(p) in ignored}


def excluded(path: str, config: Config) -> bool:
    """Whether ``exclude`` matches ``path``: its name, the path as given, or the path
    relative to the configuration's folder."""
    if not config.exclude:
        return False
    candidate = Path(path)
    names = {path, candidate.name, candidate.as_posix()}
    if config.root is not None:
        with contextlib.suppress(ValueError, OSError):
            names.add(candidate.resolve().relative_to(config.root.resolve()).as_posix())
    return any(fnmatch.fnmatch(name, glob) for name in names for glob in config.exclude)
