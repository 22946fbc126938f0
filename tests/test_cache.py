"""Copies kept in the cache folder: used only while the file they came from is unchanged."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from newslint import packs
from newslint.cache import CACHE_ENV, read_copy, write_copy


def test_a_copy_is_read_back_while_its_file_is_unchanged(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    source = tmp_path / "data.json"
    source.write_text('{"a": [1, 2.5, "x", null, true]}')
    assert read_copy("data", source) is None
    assert write_copy("data", source, {"a": [1, 2.5, "x", None, True]})
    assert read_copy("data", source) == {"a": [1, 2.5, "x", None, True]}
    source.write_text('{"a": [1, 2.5, "x", null, false]}')  # edited: another size
    assert read_copy("data", source) is None
    write_copy("data", source, "new")
    os.utime(source, ns=(0, 0))  # same size, another time
    assert read_copy("data", source) is None


def test_a_damaged_or_missing_copy_is_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    source = tmp_path / "data.json"
    source.write_text("{}")
    write_copy("data", source, {"kept": True})
    (stored,) = (tmp_path / "cache").iterdir()
    stored.write_bytes(stored.read_bytes()[:-3])
    assert read_copy("data", source) is None
    stored.unlink()
    assert read_copy("data", source) is None
    monkeypatch.setenv(CACHE_ENV, "")
    assert not write_copy("data", source, {"kept": True})
    assert read_copy("data", source) is None


def test_the_prepared_packs_read_from_the_copy_are_those_of_the_json_file(tmp_path):
    """The first run reads prepared.json and keeps a copy; the second reads the copy,
    without importing json, and gets the same data."""
    code = (
        "import json as _probe, sys\n"
        "del sys.modules['json']\n"
        "from newslint import packs\n"
        "data = packs._prepared()\n"
        "used_json = 'json' in sys.modules\n"
        "import json\n"
        "print(json.dumps([used_json, data]))\n"
    )
    env = {**os.environ, CACHE_ENV: str(tmp_path)}

    def run() -> tuple[bool, object]:
        done = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        )
        used_json, data = json.loads(done.stdout)
        return used_json, data

    with open(packs.builtin_packs_dir() / packs.PREPARED, encoding="utf-8") as file:
        expected = json.load(file)
    assert run() == (True, expected)
    assert run() == (False, expected)
