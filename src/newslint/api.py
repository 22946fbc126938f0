"""The library API: ``lint_text`` and ``lint_paths``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path

from newslint.config import Config
from newslint.diagnostics import Diagnostic
from newslint.engine import Linter, collect
from newslint.plugins import configure, load_plugins


@dataclass
class Report(Sequence[Diagnostic]):
    """The result of :func:`lint_paths`: a sequence of diagnostics, plus the files that
    could not be linted (``errors``, one line each) and the files that were. ``skipped``
    notes what a folder held that was not linted: links out of it, FIFOs and devices."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def __getitem__(self, index):  # type: ignore[override]
        return self.diagnostics[index]

    def __len__(self) -> int:
        return len(self.diagnostics)

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self.diagnostics)


def _linter(config: Config, plugins: bool) -> Linter:
    pm, registry = load_plugins(autoload=plugins)
    config.validate(registry.with_packs(config.packs) if config.packs else registry)
    configure(pm, config)
    return Linter(registry, pm)


def lint_text(
    text: str, *, path: str | None = None, config: Config | None = None, plugins: bool = True
) -> list[Diagnostic]:
    """Lint one article held in memory and return its diagnostics, sorted by position.

    :param text: the article; any newline style.
    :param path: the name used in diagnostics; its extension picks the reader
        (``.md`` for Markdown), default plain text.
    :param config: a :class:`Config`; default: the built-in defaults (no file discovery).
    :param plugins: load third-party plugins from entry points.
    """
    config = config or Config()
    linter = _linter(config, plugins)
    return linter.lint_text(text, path or "<text>", config)


def lint_paths(
    paths: Iterable[str | PathLike[str]],
    config: Config | None = None,
    *,
    plugins: bool = True,
    encoding: str | None = None,
) -> Report:
    """Lint files and folders (folders recurse into ``*.txt`` and ``*.md``).

    With ``config=None`` each file uses the nearest config file above it, as the command
    line does. Files that cannot be read are listed in ``Report.errors``; the rest are
    still linted.
    """
    report = Report()
    targets = [str(p) for p in paths]
    base = config or Config()
    linters: dict[int, Linter] = {}
    discovered: dict[Path, Config] = {}
    for path in collect(targets, base, skipped=report.skipped.append):
        file_config = config or _nearest(Path(path), discovered)
        linter = linters.get(id(file_config))
        if linter is None:
            linter = linters[id(file_config)] = _linter(file_config, plugins)
        result = linter.lint_file(path, file_config, encoding=encoding)
        if result.error:
            report.errors.append(result.error)
        else:
            report.files.append(path)
            report.diagnostics.extend(result.diagnostics)
    return report


def _nearest(path: Path, cache: dict[Path, Config]) -> Config:
    from newslint.config import find_config_file

    found = find_config_file(path.parent if path.parent != Path("") else Path("."))
    key = found or Path()
    if key not in cache:
        cache[key] = Config.from_file(found) if found else Config()
    return cache[key]
