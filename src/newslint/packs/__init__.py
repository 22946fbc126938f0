"""Declarative rule packs: TOML files of rules that are data, not code.

:mod:`newslint.packs.loader` reads and checks pack files; :mod:`newslint.packs.rule` is the
rule a pack entry becomes, matching through :mod:`newslint.text.matching`.
"""

from newslint.lexicon import builtin_packs_dir
from newslint.packs.loader import load_pack
from newslint.packs.rule import KINDS, MATCH_TIMEOUT, SCOPES, PackError, PackRule

__all__ = [
    "KINDS",
    "MATCH_TIMEOUT",
    "SCOPES",
    "PackError",
    "PackRule",
    "builtin_packs_dir",
    "load_pack",
]
