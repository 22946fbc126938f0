"""Compiled patterns kept on disk: a later run gets the very patterns it would compile."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from newslint import patterncache
from newslint.cache import CACHE_ENV

SEED = next((Path(__file__).parent.parent / "seeds").glob("*.txt"))

RE_PATTERNS = [
    (r"(?P<figure>\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\s*(?:%|per\s+cent)", 0),
    (r"(?<![\w’'-])(?:reports?|sources?)\s+(?:say|said|indicate)(?![\w-])", re.IGNORECASE),
    (r"^\W*(?:in\s+summary|to\s+sum\s+up)\b", re.IGNORECASE | re.MULTILINE),
    (r"(?x) (?P<a> [“\"] ) [^”\"]* (?P=a)?", 0),
]
REGEX_PATTERNS = [
    (r"(?<=\p{Lu}\p{Ll}+\s)(?:said|says)", regex.IGNORECASE | regex.VERSION1),
    (r"\b(?:is|are|was)\s+(?:\w+\s+)?$", regex.IGNORECASE | regex.REVERSE),
    (r"(?<![\w-])(?:appears?|seems?)\s+to(?![\w-])", regex.IGNORECASE),
]
TEXTS = st.text(alphabet="SaidsaysReport sourcesindicate 12,3.4%per cent“”\"'-’Xé\n", max_size=60)


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    """The module as a new process finds it, with its cache in ``tmp_path``."""

    def restart() -> None:
        monkeypatch.setattr(patterncache, "_stored", None)
        monkeypatch.setattr(patterncache, "_sections", {})
        monkeypatch.setattr(patterncache, "_compiled", {})
        monkeypatch.setattr(patterncache, "_saving", True)  # no exit hook from the tests

    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    restart()
    return restart


def _stored_file(tmp_path: Path) -> Path:
    return patterncache.cache_file(tmp_path)


def _compile_all() -> tuple[list[re.Pattern[str]], list[regex.Pattern[str]]]:
    return (
        [patterncache.compile_re(source, flags) for source, flags in RE_PATTERNS],
        [patterncache.compile_regex(source, flags) for source, flags in REGEX_PATTERNS],
    )


def test_a_later_run_reads_back_the_patterns_it_would_compile(tmp_path, fresh):
    compiled, _ = _compile_all()
    assert patterncache.save()
    assert _stored_file(tmp_path).exists()
    fresh()
    read_back, read_regex = _compile_all()
    assert not any(section.added for section in patterncache._sections.values())  # all stored
    for (source, flags), pattern in zip(RE_PATTERNS, read_back, strict=True):
        assert pattern == re.compile(source, flags)  # re compares source, flags and code
        assert pattern.groupindex == re.compile(source, flags).groupindex
    for (source, flags), pattern in zip(REGEX_PATTERNS, read_regex, strict=True):
        assert pattern._pickled_data == regex.compile(source, flags)._pickled_data
    assert read_back == compiled


@settings(max_examples=150, deadline=None)
@given(text=TEXTS)
def test_stored_patterns_match_as_freshly_compiled_ones(tmp_path_factory, text):
    folder = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(CACHE_ENV, str(folder))
        for name, value in (("_stored", None), ("_sections", {}), ("_compiled", {})):
            patch.setattr(patterncache, name, value)
        patch.setattr(patterncache, "_saving", True)
        _compile_all()
        patterncache.save()
        patch.setattr(patterncache, "_stored", None)
        patch.setattr(patterncache, "_sections", {})
        patch.setattr(patterncache, "_compiled", {})
        stored_re, stored_regex = _compile_all()
        assert not patterncache._sections["regex"].added
    for (source, flags), pattern in zip(RE_PATTERNS, stored_re, strict=True):
        fresh = re.compile(source, flags)
        assert [m.span() for m in pattern.finditer(text)] == [
            m.span() for m in fresh.finditer(text)
        ]
    for (source, flags), pattern in zip(REGEX_PATTERNS, stored_regex, strict=True):
        fresh_regex = regex.compile(source, flags)
        found = [(m.span(), m.groups()) for m in pattern.finditer(text)]
        assert found == [(m.span(), m.groups()) for m in fresh_regex.finditer(text)]


def test_a_damaged_file_is_ignored(tmp_path, fresh):
    _compile_all()
    patterncache.save()
    stored = _stored_file(tmp_path)
    data = bytearray(stored.read_bytes())
    data[len(data) // 2] ^= 0xFF
    stored.write_bytes(bytes(data))
    fresh()
    compiled, _ = _compile_all()
    assert patterncache._sections["re"].added  # compiled anew, not read
    assert compiled == [re.compile(source, flags) for source, flags in RE_PATTERNS]
    stored.write_bytes(b"")
    fresh()
    assert _compile_all()[0] == compiled


def test_patterns_stored_by_another_python_or_regex_are_not_used(tmp_path, fresh, monkeypatch):
    _compile_all()
    patterncache.save()
    fresh()
    monkeypatch.setattr(patterncache, "_re_key", lambda: ("another python",))
    monkeypatch.setattr(patterncache, "_regex_key", lambda: ("another regex",))
    _compile_all()
    assert patterncache._sections["re"].added
    assert patterncache._sections["regex"].added


def test_nothing_is_kept_without_a_cache_folder(tmp_path, fresh, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, "")
    compiled, _ = _compile_all()
    assert compiled == [re.compile(source, flags) for source, flags in RE_PATTERNS]
    assert not patterncache.save()
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_cache_folder_is_no_error(tmp_path, fresh, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the folder would be")
    monkeypatch.setenv(CACHE_ENV, str(blocker / "cache"))
    compiled, _ = _compile_all()
    assert not patterncache.save()
    assert compiled[0].search("up 12.5 per cent")


def test_past_the_limit_only_the_patterns_in_use_are_written(tmp_path, fresh, monkeypatch):
    monkeypatch.setattr(patterncache, "_LIMIT", 3)
    for number in range(5):
        patterncache.compile_re(f"old{number}")
    patterncache.save()
    fresh()
    patterncache.compile_re("old4")
    patterncache.compile_re("new")
    patterncache.save()
    fresh()
    patterncache.compile_re("new")
    stored = patterncache._sections["re"].entries
    assert sorted(source for source, _ in stored) == ["new", "old4"]


def test_a_bad_pattern_is_an_error_as_before(fresh):
    with pytest.raises(re.error):
        patterncache.compile_re("(unclosed")
    with pytest.raises(regex.error):
        patterncache.compile_regex("(unclosed")


def _seed_run(cache: Path, hash_seed: str) -> dict[str, object]:
    code = (
        "import json, sys\n"
        "from newslint.cli import main\n"
        "from newslint import patterncache\n"
        "anew = []\n"
        "compiled_anew = patterncache._compiled_anew\n"
        "def counted(*args, **kwargs):\n"
        "    anew.append(args)\n"
        "    return compiled_anew(*args, **kwargs)\n"
        "patterncache._compiled_anew = counted\n"
        "try:\n"
        f"    main(['-q', {str(SEED)!r}])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(json.dumps({'sources': sorted(source for _, source, _ in patterncache._compiled),"
        " 'added': {e: s.added for e, s in patterncache._sections.items()},"
        " 'anew': len(anew)}))\n"
    )
    env = {**os.environ, CACHE_ENV: str(cache), "PYTHONHASHSEED": hash_seed}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.splitlines()[-1])


def test_a_pattern_the_engine_cannot_compile_raises_again_without_being_compiled(
    tmp_path, fresh, monkeypatch
):
    """``re`` rejects a variable-width look-behind, which callers then run on ``regex``:
    a later run gets the same error without compiling the pattern again."""
    source = r"(?<=[.!?]\s{1,3})in\s+summary"
    with pytest.raises(re.error, match="look-behind requires fixed-width pattern"):
        patterncache.compile_re(source)
    assert patterncache.compile_regex(source).search("Done.  in summary")
    assert patterncache.save()
    fresh()

    def compiled_anew(*args, **kwargs):
        raise AssertionError(f"compiled again: {args}")

    monkeypatch.setattr(patterncache, "_compiled_anew", compiled_anew)
    for _ in range(2):
        with pytest.raises(re.error, match="look-behind requires fixed-width pattern"):
            patterncache.compile_re(source)
    assert patterncache.compile_regex(source).search("Done.  in summary")
    with pytest.raises(AssertionError, match="compiled again"):
        patterncache.compile_re(source + "x")  # a pattern never seen is compiled
