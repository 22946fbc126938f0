"""Run ``newslint`` with a plugin rule that misbehaves, as a separate program.

    python tests/misbehaving.py MODE [NEWSLINT ARGUMENTS...]

The rule ``ZZ950`` misbehaves on articles that contain the word ``TRIGGER`` and is quiet on
the others; MODE says how. Tests start this with ``subprocess`` so that crashes, signals and
worker processes are real: the plugin is registered before ``newslint.cli.main`` runs, and
forked workers inherit it. ``NEWSLINT_TEST_PIDS``, if set, names a folder where each process
that runs the rule leaves a file named after its pid (tests check that none outlives the run).
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import sys
from pathlib import Path

import newslint
from newslint.rule import Rule
from newslint.testing import registered


def misbehave(mode: str, doc) -> None:
    if mode == "system-exit":
        raise SystemExit(0)
    if mode == "generator-exit":
        raise GeneratorExit
    if mode == "base-exception":
        raise BaseException("not an Exception")
    if mode == "os-exit":
        os._exit(3)
    if mode == "segfault":
        ctypes.string_at(0)
    if mode == "loop":
        while True:
            with contextlib.suppress(Exception):  # it swallows errors, and must still stop
                sum(range(1000))
    if mode == "append-while-fixing":  # another program appends while --fix works on it
        runs = Path(doc.path + ".runs")
        count = len(runs.read_text()) if runs.exists() else 0
        runs.write_text("x" * (count + 1))
        if count == 1:  # the first run is the lint, the second the fix's first pass
            with open(doc.path, "a", encoding="utf-8") as handle:
                handle.write("A line added while newslint was fixing the file.\n")


class Misbehaving(Rule):
    """## What it does
    Misbehaves on purpose, for tests.

    ## Why is this bad?
    It is a test double.
    """

    code, name, category, summary = "ZZ950", "misbehaves", "style", "Misbehaves"
    fire, quiet = ("TRIGGER",), ("calm",)

    def __init__(self, mode: str) -> None:
        super().__init__()
        self.mode = mode

    def check(self, doc):
        pids = os.environ.get("NEWSLINT_TEST_PIDS")
        if pids:
            Path(pids, str(os.getpid())).touch()
        if "TRIGGER" in doc.source:
            misbehave(self.mode, doc)
        return iter(())


class Plugin:
    def __init__(self, mode: str) -> None:
        self.mode = mode

    @newslint.hookimpl
    def newslint_register_rules(self, register):
        register(Misbehaving(self.mode))


def main() -> int:
    from newslint.cli import main as newslint_main

    mode, arguments = sys.argv[1], sys.argv[2:]
    with registered(Plugin(mode), name="misbehaving"):
        return newslint_main(arguments)


if __name__ == "__main__":
    sys.exit(main())
