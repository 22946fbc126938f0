"""Configuration: which rules run, how severe they are, and their options.

Read from ``[tool.newslint]`` in ``pyproject.toml``, or from ``newslint.toml`` /
``.newslint.toml`` (top level, no table header), found from each linted file's directory
upward; the nearest file wins and files are not merged. A config file is data: it can select
rules and add packs, never run code.

Selection works like ruff's: a rule runs if the most specific code prefix that names it comes
from ``select``/``extend-select`` rather than ``ignore`` (``ALL`` names every rule); a rule
that is off by default runs only when a prefix names it. ``per-file-ignores`` maps globs to
prefixes ignored for matching files.
"""

from __future__ import annotations

import contextlib
import fnmatch
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newslint.diagnostics import SEVERITIES, Severity

if TYPE_CHECKING:
    from newslint.plugins import Registry
    from newslint.rule import Rule

CONFIG_FILES = ("newslint.toml", ".newslint.toml", "pyproject.toml")
DEFAULT_INCLUDE = ("*.txt", "*.md", "*.markdown")

_KEYS = {
    "select",
    "ignore",
    "extend-select",
    "per-file-ignores",
    "severity",
    "options",
    "packs",
    "include",
    "exclude",
    "fail-on",
    "respect-gitignore",
    "force-exclude",
    "rule-timeout",
    "max-findings-per-rule",
}

#: Seconds a rule may spend on one document, per started megabyte of it (see budget.py).
DEFAULT_RULE_TIMEOUT = 10.0
#: Findings one rule reports on one document before the rest become one summary finding: a
#: generated page of 800,000 one-word lines is one problem seen 800,000 times, and keeping
#: every one of them costs memory and a report nobody reads. Real text stays below it: the
#: most one rule reports on one benchmark article or page is 375 (NL106, a whole web page).
DEFAULT_MAX_FINDINGS_PER_RULE = 1000


class ConfigError(ValueError):
    """The configuration is wrong; ``str(error)`` is one line naming the file and key."""


def _did_you_mean(word: str, choices: Iterable[str]) -> str:
    import difflib  # only for a mistake: the import costs a single-file run

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


@dataclass(frozen=True)
class Config:
    """A resolved configuration.

    Build one in code (``Config(select=["NL1", "NL2"])``), from a file
    (:meth:`from_file`), or by discovery from a directory (:meth:`discover`).
    """

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    per_file_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    severity: Mapping[str, Severity] = field(default_factory=dict)
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    packs: tuple[Path, ...] = ()
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    fail_on: Severity = "warning"
    #: Folder walks leave out what git ignores (see :mod:`newslint.walk`).
    respect_gitignore: bool = True
    #: ``exclude`` applies to files named on the command line too.
    force_exclude: bool = False
    #: Seconds each rule may spend on a document per started megabyte; then it is an NL002.
    rule_timeout: float = DEFAULT_RULE_TIMEOUT
    #: Findings a rule reports on one document; the rest are counted in one summary finding.
    #: 0 reports them all.
    max_findings_per_rule: int = DEFAULT_MAX_FINDINGS_PER_RULE
    #: The file this configuration was read from, if any, and the folder globs are relative to.
    path: Path | None = None
    root: Path | None = None

    def __post_init__(self) -> None:
        for name in ("select", "ignore", "extend_select", "include", "exclude", "packs"):
            value = getattr(self, name)
            if isinstance(value, str):
                object.__setattr__(self, name, (value,))
            elif value is not None and not isinstance(value, tuple):
                object.__setattr__(self, name, tuple(value))

    # --- loading -------------------------------------------------------------------------

    @classmethod
    def from_file(cls, path: str | Path) -> Config:
        """Read a config file (``pyproject.toml``'s ``[tool.newslint]`` or a newslint.toml)."""
        from newslint.tomlfile import read_toml

        path = Path(path)
        data = read_toml(path, "config", ConfigError)
        if path.name == "pyproject.toml":
            data = data.get("tool", {}).get("newslint", {})
        return cls.from_dict(data, path=path)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, path: Path | None = None) -> Config:
        """Build a Config from the keys of a config file, validating them."""
        where = str(path) if path else "config"
        for key in data:
            if key not in _KEYS:
                raise ConfigError(f"{where}: unknown key {key!r}{_did_you_mean(key, _KEYS)}")
        root = path.parent if path else None

        def codes(key: str) -> tuple[str, ...]:
            value = data.get(key, [])
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{where}: {key!r} must be a list of rule codes or prefixes")
            return tuple(v.strip().upper() for v in value)

        def table(key: str) -> Mapping[str, Any]:
            value = data.get(key, {})
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: {key!r} must be a table")
            return value

        severity: dict[str, Severity] = {}
        for code, level in table("severity").items():
            if level not in SEVERITIES:
                raise ConfigError(
                    f"{where}: severity of {code} must be one of {', '.join(SEVERITIES)}, "
                    f"not {level!r}"
                )
            severity[code.upper()] = level
        per_file: dict[str, tuple[str, ...]] = {}
        for glob, value in table("per-file-ignores").items():
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list):
                raise ConfigError(f"{where}: per-file-ignores[{glob!r}] must be a list of codes")
            per_file[glob] = tuple(str(v).upper() for v in value)
        options: dict[str, dict[str, Any]] = {}
        for code, values in table("options").items():
            if not isinstance(values, dict):
                raise ConfigError(f"{where}: options.{code} must be a table of option values")
            for key in values:
                if "_" in key:
                    raise ConfigError(
                        f"{where}: options.{code}: option names are written in kebab-case: "
                        f"{key!r} (did you mean {key.replace('_', '-')!r}?)"
                    )
            # Rules read their options in snake case (``self.options["min_count"]``).
            options[code] = {k.replace("-", "_"): v for k, v in values.items()}
        packs_value = data.get("packs", [])
        if isinstance(packs_value, str):
            packs_value = [packs_value]
        packs = tuple((root / p) if root else Path(p) for p in packs_value)
        fail_on = data.get("fail-on", "warning")
        if fail_on not in SEVERITIES:
            raise ConfigError(f"{where}: fail-on must be one of {', '.join(SEVERITIES)}")
        switches = {}
        for key in ("respect-gitignore", "force-exclude"):
            if key in data:
                if not isinstance(data[key], bool):
                    raise ConfigError(f"{where}: {key} must be true or false")
                switches[key.replace("-", "_")] = data[key]
        rule_timeout = data.get("rule-timeout", DEFAULT_RULE_TIMEOUT)
        if (
            isinstance(rule_timeout, bool)
            or not isinstance(rule_timeout, int | float)
            or not 0 < rule_timeout < float("inf")
        ):
            raise ConfigError(f"{where}: rule-timeout must be a positive number of seconds")
        max_findings = data.get("max-findings-per-rule", DEFAULT_MAX_FINDINGS_PER_RULE)
        if isinstance(max_findings, bool) or not isinstance(max_findings, int) or max_findings < 0:
            raise ConfigError(
                f"{where}: max-findings-per-rule must be a whole number, 0 or more (0: no limit)"
            )
        globs = {k: data[k] for k in ("include", "exclude") if k in data}
        for key, value in globs.items():
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{where}: {key!r} must be a list of glob patterns")
        return cls(
            select=codes("select") if "select" in data else None,
            ignore=codes("ignore"),
            extend_select=codes("extend-select"),
            per_file_ignores=per_file,
            severity=severity,
            options=options,
            packs=packs,
            include=tuple(globs.get("include", DEFAULT_INCLUDE)),
            exclude=tuple(globs.get("exclude", ())),
            fail_on=fail_on,
            rule_timeout=float(rule_timeout),
            max_findings_per_rule=max_findings,
            path=path,
            root=root,
            **switches,
        )

    @classmethod
    def discover(cls, start: str | Path) -> Config:
        """The nearest config file from ``start`` upward, or the defaults if there is none."""
        found = find_config_file(Path(start))
        return cls.from_file(found) if found else cls()

    def merged(self, **changes: Any) -> Config:
        """A copy with some fields replaced (command-line options over a file's values)."""
        return replace(self, **changes)

    # --- validation against the registry -------------------------------------------------

    def validate(self, registry: Registry) -> None:
        """Check every code, prefix and option against the rules that exist."""
        where = str(self.path) if self.path else "config"
        rules = registry.rules
        known = set(rules)

        def check_code(code: str, key: str) -> None:
            if code == "ALL" or any(c.startswith(code) for c in known):
                return
            raise ConfigError(
                f"{where}: {key}: unknown rule code {code!r}{_did_you_mean(code, known)}"
            )

        for key, values in (
            ("select", self.select or ()),
            ("ignore", self.ignore),
            ("extend-select", self.extend_select),
        ):
            for code in values:
                check_code(code, key)
        for glob, values in self.per_file_ignores.items():
            for code in values:
                check_code(code, f"per-file-ignores[{glob!r}]")
        for code in self.severity:
            check_code(code, "severity")
        names = {rule.name: code for code, rule in rules.items()}
        for key, values in self.options.items():
            rule = rules.get(key.upper()) or rules.get(names.get(key, ""))
            if rule is None:
                raise ConfigError(
                    f"{where}: options: unknown rule {key!r}{_did_you_mean(key, [*known, *names])}"
                )
            spelt = {option_name(name): name for name in rule.default_options}
            for option, value in values.items():
                if option not in rule.default_options:
                    raise ConfigError(
                        f"{where}: options.{key}: {rule.code} has no option "
                        f"{option_name(option)!r}{_did_you_mean(option_name(option), spelt)}"
                    )
                problem = option_value_problem(value, rule.default_options[option])
                if problem:
                    raise ConfigError(
                        f"{where}: options.{key}.{option_name(option)}: {problem}, "
                        f"not {_shown(value)}"
                    )

    # --- selection -------------------------------------------------------------------------

    def is_enabled(self, rule: Rule, extra_ignores: tuple[str, ...] = ()) -> bool:
        """Whether ``rule`` runs under this configuration."""
        best_len, best_on = -1, False
        if self.select is None:
            if rule.enabled:
                best_len, best_on = 0, True
            pools: list[tuple[Iterable[str], bool]] = []
        else:
            pools = [(self.select, True)]
        pools += [(self.extend_select, True), (self.ignore, False), (extra_ignores, False)]
        for prefixes, on in pools:
            for prefix in prefixes:
                length = 0 if prefix == "ALL" else len(prefix)
                if (prefix == "ALL" or rule.code.startswith(prefix)) and (
                    length > best_len or (length == best_len and not on)
                ):
                    best_len, best_on = length, on
        return best_on

    def ignores_for(self, path: str) -> tuple[str, ...]:
        """Codes ignored for ``path`` by ``per-file-ignores``."""
        if not self.per_file_ignores:
            return ()
        candidate = Path(path)
        names = {path, candidate.name, candidate.as_posix()}
        if self.root is not None:
            with contextlib.suppress(ValueError, OSError):
                names.add(candidate.resolve().relative_to(self.root.resolve()).as_posix())
        out: list[str] = []
        for glob, codes in self.per_file_ignores.items():
            if any(fnmatch.fnmatch(name, glob) for name in names):
                out.extend(codes)
        return tuple(out)

    def severity_of(self, rule: Rule) -> Severity:
        """The rule's severity, after the most specific override."""
        best, level = -1, rule.severity
        for prefix, value in self.severity.items():
            if rule.code.startswith(prefix) and len(prefix) > best:
                best, level = len(prefix), value
        return level

    def options_for(self, rule: Rule) -> Mapping[str, Any]:
        return self.options.get(rule.code) or self.options.get(rule.name) or {}


def option_name(key: str) -> str:
    """An option's name as users write it (kebab-case, as in TOML): rules keep theirs in
    snake case, the spelling of a Python identifier."""
    return key.replace("_", "-")


def option_value_problem(value: object, default: object) -> str:
    """What is wrong with ``value`` for an option whose default is ``default`` ('' if
    nothing): the value must be of the default's kind, and a number must be finite."""
    import math

    if isinstance(default, bool):
        return "" if isinstance(value, bool) else "must be true or false"
    if isinstance(default, int):
        if isinstance(value, bool) or not isinstance(value, int):
            return "must be a whole number"
        return "" if value >= 0 or default < 0 else "must not be negative"
    if isinstance(default, float):
        if isinstance(value, bool) or not isinstance(value, int | float):
            return "must be a number"
        return "" if math.isfinite(value) else "must be a finite number"
    if isinstance(default, str):
        return "" if isinstance(value, str) else "must be a string"
    if isinstance(default, list | tuple):
        if not isinstance(value, list | tuple):
            return "must be a list"
        kinds = {type(item) for item in default}
        if len(kinds) == 1 and not all(isinstance(item, next(iter(kinds))) for item in value):
            return f"must be a list of {_KIND_NAMES.get(next(iter(kinds)), 'values')}"
        return ""
    return ""


_KIND_NAMES = {str: "strings", int: "whole numbers", float: "numbers"}


def _shown(value: object) -> str:
    """A value as TOML would write it, shortened: for an error message."""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def find_config_file(start: Path) -> Path | None:
    """The nearest newslint config at or above ``start`` (a file's folder or the folder)."""
    try:
        folder = start.resolve()
    except OSError:
        return None
    if not folder.is_dir():
        folder = folder.parent
    for directory in (folder, *folder.parents):
        for name in CONFIG_FILES:
            candidate = directory / name
            if not candidate.is_file():
                continue
            if name == "pyproject.toml" and not _has_newslint_table(candidate):
                continue
            return candidate
    return None


def _has_newslint_table(pyproject: Path) -> bool:
    try:
        text = pyproject.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return "[tool.newslint" in text
