"""Where the shipped packs live, and the word lists Python rules read from them.

A Python rule's vocabulary (speech verbs, vague sources, currency symbols) is data in the
``[lexicon]`` table of a shipped pack, beside the pack rules of the same family, so adding a
word is editing TOML. This module only reads those files; it knows nothing of rules, so the
analyses that use a lexicon do not depend on the pack machinery that uses the analyses.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any


def builtin_packs_dir() -> Path:
    """Where the shipped packs live: inside the wheel, or the checkout's ``rules/``."""
    inside = Path(__file__).parent / "rules"
    if inside.is_dir():
        return inside
    return Path(__file__).resolve().parents[2] / "rules"


def load_lexicon(pack: str) -> dict[str, Any]:
    """The ``[lexicon]`` table of the shipped pack ``rules/<pack>.toml`` (empty if none).

    The shipped packs are part of the package and checked by its tests, so a broken one is a
    packaging fault: it raises ``ValueError`` (or ``OSError``) rather than a user-facing error.
    """
    path = builtin_packs_dir() / f"{pack}.toml"
    lexicon = tomllib.loads(path.read_text(encoding="utf-8")).get("lexicon", {})
    if not isinstance(lexicon, dict):
        raise ValueError(f"{path}: [lexicon] must be a table")
    return lexicon
