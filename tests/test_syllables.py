"""Syllable counts (NL501): pyphen's answers, and the on-disk cache of its dictionary."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pyphen
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.analysis import syllables
from newslint.analysis.syllables import PatternCounter, build_automaton

HYPHENATOR = pyphen.Pyphen(lang="en_US")
COUNTER = PatternCounter(build_automaton(HYPHENATOR.hd.patterns))

WORDS = [
    "a",
    "an",
    "it",
    "the",
    "council",
    "hyphenation",
    "interdepartmental",
    "reorganization",
    "notwithstanding",
    "unprecedentedly",
    "well-funded",
    "o'clock",
    "mayor’s",
    "co-operate",
    "naïve",
    "déjà-vu",
    "İstanbul",  # lower-cases to one character more
    "straße",
    "ﬁnance",
    "x²",
    "3rd-seeded",
    "e.g",
    "10,000",
]


def pyphen_count(word: str) -> int:
    return len(HYPHENATOR.positions(word)) + 1


@pytest.mark.parametrize("word", WORDS)
def test_counts_are_pyphens(word):
    assert COUNTER(word) == pyphen_count(word)
    assert COUNTER(word.lower()) == pyphen_count(word.lower())
    assert COUNTER(word.upper()) == pyphen_count(word.upper())


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzéﬁ'’-.İ2", min_size=1, max_size=30))
def test_counts_are_pyphens_for_any_word(word):
    assert COUNTER(word) == pyphen_count(word)


def test_dictionary_is_cached_on_disk_and_read_back_without_pyphen(tmp_path):
    code = (
        "import json, sys\n"
        "from newslint.analysis.syllables import pyphen_counter\n"
        "count = pyphen_counter()\n"
        f"print(json.dumps([[count(w) for w in {WORDS!r}], 'pyphen' in sys.modules]))\n"
    )

    def run() -> tuple[list[int], bool]:
        env = {**os.environ, "NEWSLINT_CACHE_DIR": str(tmp_path / "cache")}
        done = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        )
        counts, imported = json.loads(done.stdout)
        return counts, imported

    expected = [pyphen_count(word) for word in WORDS]
    assert run() == (expected, True)  # first run: parsed by pyphen, then stored
    key = syllables._source_key()
    assert key is not None
    stored = syllables.cache_file(tmp_path / "cache", key)
    assert list((tmp_path / "cache").iterdir()) == [stored]
    assert run() == (expected, False)  # later runs: read back, pyphen not even imported


def test_a_damaged_cache_is_ignored_and_replaced(tmp_path, monkeypatch):
    monkeypatch.setenv(syllables.CACHE_ENV, str(tmp_path))
    key = syllables._source_key()
    assert key is not None
    stored = syllables.cache_file(tmp_path, key)
    stored.write_bytes(b"\x00not a cache")
    count = syllables.pyphen_counter()
    assert [count(w) for w in WORDS] == [pyphen_count(w) for w in WORDS]
    assert stored.read_bytes() != b"\x00not a cache"
    assert syllables._read(stored, key) is not None


def test_each_pyphen_installation_keeps_its_own_cache_file(tmp_path):
    """Two environments sharing a cache folder must not rewrite each other's file."""
    key = syllables._source_key()
    assert key is not None
    elsewhere = list(key)
    elsewhere[1] = "/another/venv/site-packages/pyphen/__init__.py"
    upgraded = list(key)
    upgraded[2] += 1  # same installation, a different size: the stored key tells them apart
    assert syllables.cache_file(tmp_path, tuple(elsewhere)) != syllables.cache_file(tmp_path, key)
    assert syllables.cache_file(tmp_path, tuple(upgraded)) == syllables.cache_file(tmp_path, key)


def test_an_unwritable_cache_folder_is_no_error(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the folder would be")
    monkeypatch.setenv(syllables.CACHE_ENV, str(blocker / "cache"))
    count = syllables.pyphen_counter()
    assert count("hyphenation") == pyphen_count("hyphenation")


def test_cache_folder_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(syllables.CACHE_ENV, "")
    assert syllables.cache_dir() is None
    monkeypatch.delenv(syllables.CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert syllables.cache_dir() == tmp_path / "newslint"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert syllables.cache_dir() == tmp_path / ".cache" / "newslint"


def test_no_cache_is_written_when_disabled(tmp_path, monkeypatch):
    monkeypatch.setenv(syllables.CACHE_ENV, "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv("HOME", str(tmp_path))
    count = syllables.pyphen_counter()
    assert count("reorganization") == pyphen_count("reorganization")
    assert list(tmp_path.iterdir()) == []
