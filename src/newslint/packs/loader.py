"""Reading pack files: TOML parsed, checked, and turned into :class:`PackRule` objects.

A pack is data, never code: every key is checked here, so a typo or a bad pattern is one
line naming the file and the rule when the configuration loads, not a crash while linting.
The format is documented in ``docs/packs.md``.
"""

from __future__ import annotations

from pathlib import Path

from newslint.hookspecs import RegisterPack, hookimpl
from newslint.inputs import DEFAULT_MAX_BYTES
from newslint.lexicon import builtin_packs_dir
from newslint.packs.rule import PackError, PackRule
from newslint.rule import RuleError
from newslint.tomlfile import read_toml


@hookimpl
def newslint_register_packs(register: RegisterPack) -> None:
    for path in sorted(builtin_packs_dir().glob("*.toml")):
        register(path)


def load_pack(
    path: Path, *, builtin: bool = False, max_bytes: int = DEFAULT_MAX_BYTES
) -> list[PackRule]:
    """Read one pack file (a regular file of at most ``max_bytes``). Raises
    :class:`PackError` with a one-line message."""
    data = read_toml(Path(path), "pack", PackError, max_bytes)
    pack = data.get("pack", {})
    unknown = set(data) - {"pack", "rule", "lexicon"}
    if unknown:
        raise PackError(f"{path}: unknown top-level key {sorted(unknown)[0]!r}")
    if not isinstance(pack, dict) or set(pack) - PACK_KEYS:
        raise PackError(f"{path}: [pack] may hold only {', '.join(sorted(PACK_KEYS))}")
    entries = data.get("rule", [])
    if not isinstance(entries, list):
        raise PackError(f"{path}: 'rule' must be an array of tables ([[rule]])")
    plugin = f"newslint:rules/{Path(path).name}" if builtin else str(path)
    rules = []
    for index, entry in enumerate(entries):
        where = f"{path}: rule #{index + 1}"
        if isinstance(entry, dict) and "code" in entry:
            where = f"{path}: rule {entry['code']}"
        try:
            rules.append(PackRule(entry, pack, plugin=plugin, trusted=builtin))
        except (RuleError, PackError, TypeError, ValueError) as error:
            raise PackError(f"{where}: {error}") from None
    return rules


#: Keys the ``[pack]`` table may hold.
PACK_KEYS = frozenset({"name", "description", "category", "source"})
