"""The cache folder: copies used only while the file they came from is unchanged, and
files no run has used for a month removed."""

from __future__ import annotations

import os
import time

from newslint.cache import (
    CACHE_ENV,
    MAX_AGE,
    prune,
    read_copy,
    read_stored,
    write_copy,
    write_stored,
)


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


def _age(path, days: float) -> None:
    """Make ``path`` look last written ``days`` ago."""
    when = time.time() - days * 24 * 3600
    os.utime(path, (when, when))


def test_a_write_removes_the_cache_files_no_run_used_for_a_month(tmp_path):
    folder = tmp_path / "cache"
    folder.mkdir()
    gone = folder / "patterns-0123456789abcdef.marshal"  # an environment deleted long ago
    crashed = folder / ".hyphenation-en_US-00112233aabbccdd.marshal-k2j_h5g6"  # a crash
    recent = folder / "hyphenation-en_US-fedcba9876543210.marshal"
    theirs = [folder / name for name in ("notes.txt", ".notes-old", "data-2020.marshal")]
    for path in (gone, crashed, recent, *theirs):  # the user's own: never touched
        path.write_bytes(b"x")
    for path in (gone, crashed, *theirs):
        _age(path, 31)
    _age(recent, 29)
    written = folder / "prepared-0000111122223333.marshal"
    assert write_stored(written, 1, {"data": [1, 2]})
    assert sorted(folder.iterdir()) == sorted([recent, written, *theirs])
    assert read_stored(written, 1) == {"data": [1, 2]}


def test_reading_a_cache_file_keeps_it_from_being_removed(tmp_path):
    folder = tmp_path / "cache"
    used = folder / "patterns-abcdef0123456789.marshal"
    assert write_stored(used, 2, ["kept"])
    _age(used, 45)
    assert read_stored(used, 2) == ["kept"]  # read: marked as used now
    assert prune(folder) == []
    assert read_stored(used, 2) == ["kept"]
    _age(used, 45)
    assert prune(folder, MAX_AGE) == [used]
    assert not used.exists()


def test_pruning_a_missing_folder_removes_nothing(tmp_path):
    assert prune(tmp_path / "absent") == []
